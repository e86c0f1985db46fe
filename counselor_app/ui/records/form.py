"""The form of any record type, generated from its description, checked as the person types.

A moment after each change the form asks the record service what a save would report
(``RecordService.check``, on the database worker) and shows each problem in red under its field;
保存 stays disabled while there is one. A field's problems show once the field has been touched,
or all at once when the person tries to save, so a new form does not open covered in red.

Keyboard: Tab goes top to bottom, Enter in a single-line field moves on, Ctrl+Enter saves, Esc
cancels (asking first when something was typed).

Which editor a field gets is ``editor_factory``'s; the rows of labels, editors and problem texts
are ``field_rows.FieldRows``; the questions to the record service (check, save) are
``form_calls.FormCalls``'s. This module decides what to show and when.

For a 管理员 the confidential fields say （无权查看）, and a record type with confidential fields is
shown but not offered for saving (the service would refuse it).

The program's lock (``counselor_app.ui.lock``) closes open dialogs: it takes
:meth:`RecordFormDialog.pending_input` first, and after unlocking :meth:`RecordFormDialog.reopen`
builds the dialog again with that input restored. Closing from code (``close()``, ``reject()``,
``done()``) never asks a question; only the person's Esc, 取消 or the window's close button do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, NotPermitted, ValidationFailed
from counselor_app.foundation.i18n import joined
from counselor_app.records.catalog import one_record_label, spec_for
from counselor_app.records.permissions import hidden_fields, may_write
from counselor_app.records.service import Change, Record, RecordService
from counselor_app.records.spec import Kind
from counselor_app.records.text import NameBook, load_names
from counselor_app.school.core import School
from counselor_app.ui import questions
from counselor_app.ui.records.editor_factory import make_editor
from counselor_app.ui.records.editors import FieldEditor
from counselor_app.ui.records.field_rows import FieldRows
from counselor_app.ui.records.form_calls import FormCalls
from counselor_app.ui.tasks import TaskRunner

FORM_WIDTH = 640
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

Ask = Callable[[QWidget, str, str], bool]


class RecordFormDialog(QDialog):
    """Create (``record_id=None``) or edit one record of ``record_type``.

    ``initial`` fills a new record's fields; ``fixed`` holds values the person cannot change here
    (the 家长课堂 tab makes activities of that type only).
    """

    saved = Signal(object)  # the Change
    ready = Signal()  # the record (if any) and the names are loaded; the form can be used

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        record_type: str,
        record_id: int | None = None,
        initial: Mapping[str, Any] | None = None,
        *,
        fixed: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
        ask: Ask = questions.ask,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.spec = spec_for(record_type)
        self.record_id = record_id
        self.ask = ask
        self.change: Change | None = None
        self.loaded = False
        self._initial = dict(initial or {})
        self._fixed = dict(fixed or {})
        self._hidden = hidden_fields(school, record_type)
        self.read_only = not may_write(school, record_type)
        self._populating = False
        self._saving = False
        self._save_after_check = False
        self._to_restore: dict[str, Any] | None = None
        self._baseline: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._reveal_all = False
        self.problems: dict[str, list[str]] = {}  # field name -> messages from the service
        self.general_problems: list[str] = []

        self.setWindowTitle(self._heading())
        self.setModal(True)
        heading = QLabel(self._heading())
        heading.setObjectName("dialogHeading")
        self.note = QLabel()
        self.note.setObjectName("pageSubtitle")
        self.note.setWordWrap(True)
        self.note.hide()
        self.general_error = QLabel()
        self.general_error.setObjectName("fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        today = school.today()
        now = school.now()
        self.editors: dict[str, FieldEditor] = {
            field.name: make_editor(
                record_type,
                field,
                school,
                runner,
                hidden=field.name in self._hidden,
                today=QDate(today.year, today.month, today.day),
                now=QTime(now.hour, now.minute - now.minute % 5),
            )
            for field in self.spec.fields
        }
        starred = set()
        if not self.read_only:
            starred = {
                f.name for f in self.spec.fields if f.required and f.name not in self._hidden
            }
        self.body = body = FieldRows(self.spec.fields, self.editors, starred)
        self.labels = body.labels
        self.error_labels = body.error_labels
        for name, editor in self.editors.items():
            editor.changed.connect(lambda name=name: self._edited(name))
            editor.advance.connect(self._advance)
        # Not "scroll": that would hide QWidget.scroll().
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.status = QLabel(self.tr("正在读取…"))
        self.status.setObjectName("busyNote")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        self.cancel_button = QPushButton(self.tr("取消"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(heading)
        layout.addWidget(self.note)
        layout.addWidget(self.general_error)
        layout.addSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(footer)

        self.calls = FormCalls(school, runner, record_type, record_id, self.values, self)
        self.calls.checked.connect(self._checked)
        self.calls.saved.connect(self._saved)
        self.calls.save_failed.connect(self._save_failed)
        self._chain_tab_order()
        self._set_enabled(False)
        if self.read_only:
            self.save_button.hide()
            self.cancel_button.setText(self.tr("关闭"))
            self.note.setText(
                self.tr("管理员可以查看这类记录，但不能新建或修改（其中含有保密内容）。")
            )
            self.note.show()
        self._size_for_screen(body)
        self._load()

    # -- what the form holds -------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What a save would send: every field the user may write, and the fixed values."""
        values = {
            name: editor.value()
            for name, editor in self.editors.items()
            if name not in self._hidden
        }
        values.update(self._fixed)
        return values

    def typed_values(self) -> dict[str, Any]:
        """What the fields hold now (the fixed and withheld ones left out), JSON-safe."""
        return {
            name: list(value) if isinstance(value, tuple) else value
            for name, editor in self.editors.items()
            if name not in self._hidden and name not in self._fixed
            for value in [editor.value()]
        }

    def pending_input(self) -> dict[str, Any]:
        """The input as typed, and which record it is for: plain, JSON-safe data to keep over a
        lock. :meth:`restore_input` (or :meth:`reopen`) takes it back."""
        return {
            "record_type": self.spec.type,
            "record_id": self.record_id,
            "fixed": dict(self._fixed),
            "values": self.typed_values(),
        }

    def restore_input(self, state: Mapping[str, Any]) -> None:
        """Put kept input back; for an edited record, over the record once it has loaded.

        Takes what :meth:`pending_input` gave, or just a mapping of field names to values."""
        values = state.get("values", state) if "record_type" in state else state
        if not self.loaded:
            self._to_restore = dict(values)
            return
        self._populate(values)
        self._touched.update(name for name in values if name in self.editors)
        self._schedule_check()

    @classmethod
    def reopen(
        cls, school: School, runner: TaskRunner, parent: QWidget | None, state: Mapping[str, Any]
    ) -> RecordFormDialog:
        """The dialog again after the program was unlocked, with the kept input (not shown yet)."""
        dialog = cls(
            school,
            runner,
            str(state["record_type"]),
            state.get("record_id"),
            fixed=state.get("fixed") or None,
            parent=parent,
        )
        dialog.restore_input(state)
        return dialog

    def discard(self) -> None:
        """Close without asking (after :meth:`pending_input` was taken)."""
        QDialog.reject(self)

    def is_dirty(self) -> bool:
        return self.loaded and self.typed_values() != self._baseline

    # -- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        school, record_type, record_id = self._school, self.spec.type, self.record_id

        def load() -> tuple[NameBook, Record | None]:
            record = (
                RecordService(school).get(record_type, record_id) if record_id is not None else None
            )
            return load_names(school.db, school.today()), record

        self._runner.run(load, owner=self).on_success(self._loaded).on_failure(self._load_failed)

    def _loaded(self, result: tuple[NameBook, Record | None]) -> None:
        names, record = result
        for editor in self.editors.values():
            editor.set_names(names)
        if record is not None:
            self._populate(record)
        else:
            self._populate(self._new_values())
        self._baseline = self.typed_values()
        self.loaded = True
        if self._to_restore is not None:
            restore, self._to_restore = self._to_restore, None
            self.restore_input(restore)
        self._set_enabled(True)
        self.status.clear()
        self._size_for_screen(self.body, grow_only=True)
        self._focus_first()
        if not self.read_only:
            self.check_now()
        self.ready.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._show_general([str(error)])
        self.status.clear()

    def _new_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for field in self.spec.fields:
            if field.default is not None:
                values[field.name] = field.default
            elif field.required and field.kind is Kind.REF and field.ref == "staff":
                # The signed-in counsellor's own staff record, when the account has one.
                values[field.name] = self._school.user.staff_id
        values.update(self._initial)
        values.update(self._fixed)
        return values

    def _populate(self, values: Mapping[str, Any]) -> None:
        self._populating = True
        try:
            for name, value in values.items():
                editor = self.editors.get(name)
                if editor is not None and name not in self._hidden:
                    editor.set_value(value)
        finally:
            self._populating = False

    # -- checking as the person types ----------------------------------------------------------
    def _edited(self, name: str) -> None:
        if self._populating or not self.loaded:
            return
        self._touched.add(name)
        self._show_problems()  # an input problem (text not picked) shows at once
        self._schedule_check()

    def _schedule_check(self) -> None:
        if not self.read_only:
            self.calls.check_soon()

    @property
    def checking(self) -> bool:
        return self.calls.checking

    def check_now(self) -> None:
        """Ask the service what a save would report, now (the debounce calls this)."""
        if self.read_only or not self.loaded:
            return
        self.calls.check_now()

    def _checked(self, problems: list[Any], error: BaseException | None) -> None:
        self._set_problems(problems)
        if error is not None:
            self._show_general([str(error)])
        if self._save_after_check:
            self._save_after_check = False
            self.save()

    def _set_problems(self, problems: list[Any]) -> None:
        self.problems = {}
        self.general_problems = []
        for problem in problems:
            name = self._field_named(str(problem.field))
            message = str(problem.message)
            if name is None:
                self.general_problems.append(message)
            else:
                self.problems.setdefault(name, []).append(message)
        self._show_problems()

    def _field_named(self, name_or_label: str) -> str | None:
        """Problem.field is the field's label (as the person saw it) or its name."""
        for field in self.spec.fields:
            if name_or_label in (field.name, field.label, field.label_zh, field.label_en):
                return field.name
        return None

    def field_problems(self) -> dict[str, list[str]]:
        """Every problem the form knows of, by field: the input's own and the service's."""
        found = {name: list(messages) for name, messages in self.problems.items()}
        for name, editor in self.editors.items():
            own = editor.input_problem()
            if own:
                found[name] = [own]  # said more plainly than the service can
        return found

    def _show_problems(self) -> None:
        found = self.field_problems()
        hidden_count = 0
        for name, label in self.error_labels.items():
            messages = found.get(name, [])
            shown = messages and (self._reveal_all or name in self._touched)
            label.setText(str(joined(messages, zh="；", en="; ")) if shown else "")
            label.setVisible(bool(shown))
            hidden_count += 0 if shown else len(messages)
        self._show_general(self.general_problems)
        any_problem = bool(found) or bool(self.general_problems)
        self.save_button.setEnabled(self.loaded and not any_problem and not self._saving)
        if hidden_count:
            self.status.setText(self.tr("还有 {count} 项需要填写或修改").format(count=hidden_count))
        elif not self._saving:
            self.status.clear()

    def _show_general(self, messages: list[str]) -> None:
        self.general_error.setText("\n".join(messages))
        self.general_error.setVisible(bool(messages))

    def shown_error(self, field_name: str) -> str:
        """The red text under a field ("" when none shows)."""
        label = self.error_labels[field_name]
        return label.text() if label.isVisibleTo(self) else ""

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        if self.read_only or not self.loaded or self._saving:
            return
        if self.checking:
            # What the service said may predate the last keystroke: ask again, then save.
            self._save_after_check = True
            self.check_now()
            return
        if self.field_problems() or self.general_problems:
            self._reveal_all = True
            self._show_problems()
            self._focus_first_problem()
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("正在保存…"))
        self.calls.save()

    def _saved(self, change: Change) -> None:
        self._saving = False
        self.change = change
        self._baseline = self.typed_values()
        self.saved.emit(change)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.status.clear()
        if isinstance(error, ValidationFailed):
            self._reveal_all = True
            self._set_problems(error.problems)
            self._focus_first_problem()
        elif isinstance(error, NotPermitted):
            self._show_general([self.tr("没有保存：{reason}").format(reason=error)])
            self.save_button.setEnabled(False)
        elif isinstance(error, CounselorError):
            self._show_general([str(error)])
            self._show_problems()
        else:
            self._show_general([self.tr("保存时出错：{detail}").format(detail=error)])
            self._show_problems()

    # -- leaving -------------------------------------------------------------------------------
    def cancel(self) -> None:
        """The person's cancel (Esc, 取消): asks before throwing typed input away."""
        if self.is_dirty() and not self.ask(
            self, self.tr("放弃输入"), self.tr("已填写的内容还没有保存。确定放弃吗？")
        ):
            return
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            event.spontaneous()
            and self.is_dirty()
            and not self.ask(
                self, self.tr("放弃输入"), self.tr("已填写的内容还没有保存。确定放弃吗？")
            )
        ):
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in ENTER_KEYS and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.save()
        elif key in ENTER_KEYS and modifiers in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.focusNextChild()  # Enter in a single-line field moves on
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Multi-line boxes keep Enter for new lines but give Ctrl+Enter to the form.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # -- layout and focus ----------------------------------------------------------------------
    def _heading(self) -> str:
        label = one_record_label(self.spec.type)  # one record: 家访, "home visit"
        if self.read_only:
            return self.tr("查看{record}").format(record=label)
        if self.record_id is None:
            return self.tr("新建{record}").format(record=label)
        return self.tr("编辑{record}").format(record=label)

    def _chain_tab_order(self) -> None:
        # The fields were put into the form top to bottom, which is already Qt's focus order:
        # setTabOrder on compound editors (a picker inside a chip list) would only scramble it.
        for editor in self.editors.values():
            for widget in editor.tab_widgets():
                widget.installEventFilter(self)

    def _set_enabled(self, enabled: bool) -> None:
        """Nothing can be typed while loading; afterwards only what this user may change."""
        self.body.setEnabled(enabled)
        if enabled:
            for name, editor in self.editors.items():
                editor.set_read_only(self.read_only or name in self._fixed)

    def _focus_first(self) -> None:
        for name, editor in self.editors.items():
            widgets = [w for w in editor.tab_widgets() if w.isEnabled()]
            if widgets and name not in self._fixed:
                widgets[0].setFocus()
                return
        self.cancel_button.setFocus()

    def _focus_first_problem(self) -> None:
        found = self.field_problems()
        for name, editor in self.editors.items():
            if name in found:
                widgets = editor.tab_widgets()
                if widgets:
                    widgets[0].setFocus()
                    self.scroll_area.ensureWidgetVisible(editor)
                return

    def _advance(self) -> None:
        self.focusNextChild()

    def _size_for_screen(self, body: QWidget, *, grow_only: bool = False) -> None:
        """Tall enough for every field when the screen allows, else scrolling inside."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        available = area.height() if area is not None else 768
        body_layout = body.layout()
        if body_layout is not None:
            body_layout.activate()
        if self.isVisible():  # what the dialog needs besides the fields, as laid out now
            chrome = self.height() - self.scroll_area.viewport().height()
        else:
            chrome = self.sizeHint().height() - self.scroll_area.sizeHint().height() + 20
        wanted = body.sizeHint().height() + chrome + 4
        height = max(300, min(wanted, available - 60))
        if grow_only and height <= self.height():
            return
        self.resize(max(self.width(), FORM_WIDTH), height)
        if area is not None and self.isVisible() and self.frameGeometry().bottom() > area.bottom():
            self.move(self.x(), max(area.top(), area.bottom() - self.frameGeometry().height()))
