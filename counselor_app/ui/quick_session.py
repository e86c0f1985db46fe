"""快速记录辅导: a compact session form the keyboard alone fills in well under half a minute.

Ctrl+N or F2 opens it from anywhere (the main window), 记录辅导 from the dashboard and from a
student's file (with that student filled in). The usual entry::

    zs  Enter        the student, found by pinyin initials, name or 学号 (Down picks another)
    Tab … Tab        date, start, minutes and counsellor are filled in; source, topic, level, notes
    Ctrl+Enter       saves; Esc closes

Defaults come from ``counselor_app.records.session_defaults``, the student search from
``counselor_app.students.search``; validation and saving are the record service's, on the worker,
and a problem is shown under the field it concerns. Nothing is decided here. The student field and
the date and time fields are in ``quick_session_fields``; the rows of fields and where problems
show, in ``quick_session_problems``.

For the screen lock (``counselor_app.ui.lock``): :meth:`QuickSessionDialog.pending_input` returns
what was typed as plain data, :meth:`QuickSessionDialog.reopen` builds a new form with it after
unlocking, and :meth:`QuickSessionDialog.discard` closes without asking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, Problem, ValidationFailed
from counselor_app.foundation.vocab import SESSION_KIND, SESSION_SOURCE, TOPIC
from counselor_app.records.catalog import SESSION
from counselor_app.records.permissions import may_write
from counselor_app.records.service import Change, RecordService
from counselor_app.records.session_defaults import (
    DEFAULT_KIND,
    DEFAULT_MINUTES,
    SessionDefaults,
    session_defaults,
    start_time_for,
)
from counselor_app.records.text import short_label
from counselor_app.records.validation import REQUIRED
from counselor_app.school.core import School
from counselor_app.ui.questions import ask
from counselor_app.ui.quick_session_fields import (
    DateField,
    SessionStudentField,
    StudentChoice,
    TimeField,
)
from counselor_app.ui.quick_session_problems import FieldProblems, field_grid
from counselor_app.ui.student_model import risk_dot, risk_text
from counselor_app.ui.tasks import TaskRunner

CHECK_PAUSE_MS = 300


class QuickSessionDialog(QDialog):
    """The session form; :attr:`saved` carries the record service's :class:`Change`."""

    saved = Signal(object)

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        student: StudentChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._saving = False
        self._save_attempted = False
        self._check_generation = 0
        self._touched: set[str] = set()
        self._wanted_counsellor: int | None = None
        self._initial_student = student
        self.defaults: SessionDefaults | None = None

        self.setWindowTitle(self.tr("快速记录辅导"))
        # A fixed width lets a problem's text wrap and the form grow downwards to show it.
        self.setFixedWidth(660)

        self.student_field = SessionStudentField(school, runner, self)
        self.date_field = DateField()
        self.date_field.setCalendarPopup(True)
        self.date_field.setDisplayFormat("yyyy-MM-dd")
        self.time_field = TimeField()
        self.time_field.setDisplayFormat("HH:mm")
        self.minutes_field = QSpinBox()
        self.minutes_field.setRange(1, 600)
        self.minutes_field.setSuffix(self.tr(" 分钟"))
        self.counsellor_field = QComboBox()
        self.kind_field = QComboBox()
        for code in SESSION_KIND.codes:
            self.kind_field.addItem(SESSION_KIND.label(code), code)
        self.source_field = self._choices(SESSION_SOURCE.codes, SESSION_SOURCE.label)
        self.topic_field = self._choices(TOPIC.codes, TOPIC.label)
        self.risk_field = QComboBox()
        self.risk_field.addItem(self.tr("（未评估）"), None)
        for level in range(4):
            self.risk_field.addItem(QIcon(risk_dot(level)), risk_text(level), level)
        self.notes_field = QPlainTextEdit()
        self.notes_field.setTabChangesFocus(True)
        self.notes_field.setPlaceholderText(self.tr("辅导摘要（保密）"))
        self.notes_field.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.follow_up_field = QLineEdit()
        self.follow_up_field.setPlaceholderText(self.tr("例如：下周同一时间再谈"))

        # Each field, with the place its problem is shown.
        self.fields: dict[str, QWidget] = {
            "students": self.student_field,
            "date": self.date_field,
            "start_time": self.time_field,
            "minutes": self.minutes_field,
            "counsellor_id": self.counsellor_field,
            "kind": self.kind_field,
            "source": self.source_field,
            "topic": self.topic_field,
            "risk_level": self.risk_field,
            "summary": self.notes_field,
            "follow_up": self.follow_up_field,
        }
        self.field_labels = {
            name: self.tr("学生") if name == "students" else short_label(SESSION.field(name))
            for name in self.fields
        }
        self.problems = FieldProblems(
            self.field_labels,
            {SESSION.field(n).label: n for n in self.fields},
            self._fit_height,
        )
        self.errors: dict[str, QLabel] = self.problems.by_field
        self.general_error = self.problems.general

        self.note_label = QLabel()
        self.note_label.setObjectName("warningBanner")
        self.note_label.setWordWrap(True)
        self.note_label.hide()
        hint = QLabel(self.tr("回车选中学生 · Tab 下一项 · Ctrl+Enter 保存 · Esc 关闭"))
        hint.setObjectName("pageSubtitle")
        hint.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+Enter）"))
        self.cancel_button = QPushButton(self.tr("取消"))
        for button in (self.save_button, self.cancel_button):
            # Enter in a field must not save: it picks the student. Saving is Ctrl+Enter.
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        self._lay_out(hint)
        self._connect_changes()
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_PAUSE_MS)
        self._check_timer.timeout.connect(self.check)

        now = school.now()
        self.date_field.setDate(QDate(now.year, now.month, now.day))
        hours, minutes = map(int, start_time_for(now).split(":"))
        self.time_field.setTime(QTime(hours, minutes))
        self.minutes_field.setValue(DEFAULT_MINUTES)
        self._set_data(self.kind_field, DEFAULT_KIND)
        self._touched.clear()
        if student is not None:
            self.student_field.set_student(student)
        self._apply_permissions()
        runner.run(session_defaults, school, owner=self).on_success(self._defaults_loaded)
        (self.source_field if student is not None else self.student_field).setFocus()

    # -- building -------------------------------------------------------------------------------
    def _choices(self, codes: Sequence[str], label: Callable[[str], str]) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("（未填）"), None)
        for code in codes:
            box.addItem(label(code), code)
        return box

    def _lay_out(self, hint: QLabel) -> None:
        grid = field_grid(self.fields, self.field_labels, self.problems)
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note_label)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(buttons)

        order = [*self.fields.values(), self.save_button, self.cancel_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect_changes(self) -> None:
        def touched(name: str) -> Callable[..., None]:
            return lambda *_: self._changed(name)

        self.student_field.chosen_changed.connect(touched("students"))
        self.student_field.searched.connect(self._students_found)
        self.date_field.dateChanged.connect(touched("date"))
        self.time_field.timeChanged.connect(touched("start_time"))
        self.minutes_field.valueChanged.connect(touched("minutes"))
        for name in ("counsellor_id", "kind", "source", "topic", "risk_level"):
            box = self.fields[name]
            assert isinstance(box, QComboBox)
            box.currentIndexChanged.connect(touched(name))
        self.notes_field.textChanged.connect(touched("summary"))
        self.follow_up_field.textChanged.connect(touched("follow_up"))

    def _students_found(self, count: int) -> None:
        label = self.errors["students"]
        typed = self.student_field.text().strip()
        if count == 0 and typed:
            label.setText(
                self.tr("没有找到“{query}”：请输入在读学生的姓名、拼音首字母或学号").format(
                    query=typed
                )
            )
            label.show()
            self._fit_height()
        elif label.isVisible() and not self._save_attempted:
            label.hide()

    def _apply_permissions(self) -> None:
        if may_write(self._school, SESSION.type):
            return
        if self._school.db.read_only:
            text = str(self._school.damage_message or self.tr("数据库为只读，现在不能保存。"))
        else:
            text = self.tr("管理员账户不能记录辅导：辅导记录含保密内容，只有心理教师可以填写。")
        self.note_label.setText(text)
        self.note_label.show()
        for widget in (*self.fields.values(), self.save_button):
            widget.setEnabled(False)
        self.cancel_button.setText(self.tr("关闭"))

    def _defaults_loaded(self, defaults: SessionDefaults) -> None:
        self.defaults = defaults
        box = self.counsellor_field
        box.blockSignals(True)
        box.clear()
        for counsellor in defaults.counsellors:
            box.addItem(counsellor.name, counsellor.id)
        if not defaults.counsellors:
            box.addItem(self.tr("（没有心理教师，请先在“设置”中登记）"), None)
        wanted = self._wanted_counsellor or defaults.counsellor_id
        self._set_data(box, wanted)
        box.blockSignals(False)
        self._wanted_counsellor = None

    @staticmethod
    def _set_data(box: QComboBox, value: object) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    # -- values and checking --------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form holds, as record values for the record service."""
        student = self.student_field.chosen
        return {
            "date": self.date_field.date().toString("yyyy-MM-dd"),
            "start_time": self.time_field.time().toString("HH:mm"),
            "minutes": self.minutes_field.value(),
            "kind": self.kind_field.currentData(),
            "students": [student.id] if student else [],
            "counsellor_id": self.counsellor_field.currentData(),
            "source": self.source_field.currentData(),
            "topic": self.topic_field.currentData(),
            "risk_level": self.risk_field.currentData(),
            "summary": self.notes_field.toPlainText().strip(),
            "follow_up": self.follow_up_field.text().strip(),
        }

    def _changed(self, name: str) -> None:
        self._touched.add(name)
        if name == "students" and self.student_field.chosen is None:
            self.errors["students"].hide()
        self._check_timer.start()

    def check(self) -> None:
        """Ask the record service what a save would say, and show it by the fields."""
        self._check_timer.stop()
        if not may_write(self._school, SESSION.type):
            return
        self._check_generation += 1
        generation = self._check_generation
        school, values = self._school, self.values()

        def problems() -> list[Problem]:
            return RecordService(school).check(SESSION.type, values)

        self._runner.run(problems, owner=self).on_success(
            lambda found: self._checked(generation, found)
        )

    def _checked(self, generation: int, problems: list[Problem]) -> None:
        if generation != self._check_generation or self._saving:
            return
        shown = [
            p
            for p in problems
            if self._save_attempted or p.field in self._touched or p.message is not REQUIRED
        ]
        self.show_problems(shown)

    def show_problems(self, problems: Sequence[Problem], *, labelled: bool = False) -> None:
        self.problems.show(problems, labelled=labelled)

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving or not self.save_button.isEnabled():
            return
        if self.student_field.busy:
            # Ctrl+Enter straight after typing: let the search answer first.
            self.student_field.search_now()
            QTimer.singleShot(50, self.save)
            return
        self._save_attempted = True
        self._saving = True
        self._check_timer.stop()
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("正在保存…"))
        school, values = self._school, self.values()

        def create() -> Change:
            return RecordService(school).create(SESSION.type, values)

        self._runner.run(create, owner=self).on_success(self._saved).on_failure(self._save_failed)

    def _saved(self, change: Change) -> None:
        self._saving = False
        self.saved.emit(change)
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(self.tr("已保存"), 5000)
        self.done(QDialog.DialogCode.Accepted)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("保存"))
        if isinstance(error, ValidationFailed):
            self.show_problems(error.problems, labelled=True)
            first = self.problems.first_shown()
            if first is not None:
                self.fields[first].setFocus()
        elif isinstance(error, CounselorError):
            self.problems.show_general(str(error))
        else:
            self.problems.show_general(self.tr("没有保存：{detail}").format(detail=error))

    # -- closing, and the screen lock ------------------------------------------------------------
    def has_input(self) -> bool:
        """Whether closing now would lose something the user chose or typed."""
        picked = self.student_field.chosen
        initial = self._initial_student
        typed = self.student_field.text().strip()
        return bool(
            (picked is not None and picked != initial)
            or (typed and (initial is None or typed != initial.display))
            or self.notes_field.toPlainText().strip()
            or self.follow_up_field.text().strip()
            or self._touched - {"students"}
        )

    def reject(self) -> None:
        if self._saving:
            return
        if self.has_input() and not ask(
            self, self.tr("放弃这次记录？"), self.tr("这次辅导还没有保存。关闭后填写的内容会丢失。")
        ):
            return
        super().reject()

    def discard(self) -> None:
        """Close without asking (the screen lock, after taking :meth:`pending_input`)."""
        super().reject()

    @classmethod
    def reopen(
        cls, school: School, runner: TaskRunner, parent: QWidget | None, state: dict[str, Any]
    ) -> QuickSessionDialog:
        """After unlocking (``counselor_app.ui.lock``): a new form holding the kept input; the
        caller opens it."""
        dialog = cls(school, runner, parent)
        dialog.restore_input(state)
        return dialog

    def pending_input(self) -> dict[str, Any]:
        """What was typed, as plain data (JSON-safe) for :meth:`restore_input`."""
        student = self.student_field.chosen
        values = self.values()
        return {
            "student": asdict(student) if student else None,
            "student_text": self.student_field.text(),
            **{k: v for k, v in values.items() if k != "students"},
        }

    def restore_input(self, data: dict[str, Any]) -> None:
        if data.get("student"):
            self.student_field.set_student(StudentChoice(**data["student"]))
        elif data.get("student_text"):
            self.student_field.set_query(str(data["student_text"]))
        if data.get("date"):
            self.date_field.setDate(QDate.fromString(str(data["date"]), "yyyy-MM-dd"))
        if data.get("start_time"):
            self.time_field.setTime(QTime.fromString(str(data["start_time"]), "HH:mm"))
        if data.get("minutes"):
            self.minutes_field.setValue(int(data["minutes"]))
        for name in ("kind", "source", "topic", "risk_level"):
            if name in data:
                box = self.fields[name]
                assert isinstance(box, QComboBox)
                self._set_data(box, data[name])
        if data.get("counsellor_id") is not None:
            if self.defaults is None:
                self._wanted_counsellor = int(data["counsellor_id"])
            else:
                self._set_data(self.counsellor_field, data["counsellor_id"])
        self.notes_field.setPlainText(str(data.get("summary") or ""))
        self.follow_up_field.setText(str(data.get("follow_up") or ""))


def open_quick_session(
    parent: QWidget,
    school: School,
    runner: TaskRunner,
    *,
    student: StudentChoice | None = None,
    on_saved: Callable[[Change], None] | None = None,
) -> QuickSessionDialog:
    """Open the form over ``parent`` (window-modal, not blocking) and return it."""
    dialog = QuickSessionDialog(school, runner, parent, student=student)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog


__all__ = ["QuickSessionDialog", "open_quick_session"]
