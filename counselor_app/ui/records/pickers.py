"""Choosing the students, staff, classes and campuses a record points at.

A student is found the way the counsellor types (张三, zs, a 学号): the picker asks
``counselor_app.students.search.search_students`` on the database worker a moment after typing stops
and offers the hits in a drop-down; Enter takes the first. Staff, classes and campuses are few, so
they are combo boxes whose text can be typed to narrow the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.records.text import NameBook
from counselor_app.school.core import School
from counselor_app.students.search import StudentHit, search_students
from counselor_app.ui.qt_values import present
from counselor_app.ui.records.editors import MEDIUM, FieldEditor
from counselor_app.ui.records.flow_layout import FlowLayout
from counselor_app.ui.style import ACCENT_LIGHT
from counselor_app.ui.tasks import TaskRunner

TYPING_PAUSE_MS = 200
HITS_SHOWN = 12
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
StudentSearch = Callable[..., Sequence[StudentHit]]  # (db, text, *, limit) -> hits


def student_label(hit: StudentHit) -> str:
    """As :func:`counselor_app.records.text.load_names` names a student: 姓名（学号）."""
    return f"{hit.name}（{hit.student_no}）"


class StudentPicker(QWidget):
    """A line to type a name, pinyin initials or a 学号, with the hits in a drop-down."""

    picked = Signal(int, str)  # student id, 姓名（学号）
    edited = Signal()  # the text was typed (what was picked before no longer holds)
    searched = Signal(int)  # how many students the newest search found

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        search: StudentSearch | None = None,
        pause_ms: int = TYPING_PAUSE_MS,
        highlight_first: bool = True,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._search = search
        # Whether the drop-down opens on its first hit (Down then goes to the second) or on
        # none (Down goes to the first); Enter with none highlighted takes the first anyway.
        self._highlight_first = highlight_first
        self._hits: list[StudentHit] = []
        self._generation = 0
        self._searching = False
        self._take_first = False  # Enter came before the answer: take its first hit
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）或学号"))
        self.line.setMinimumWidth(MEDIUM)
        self.hits_model = QStandardItemModel(self)
        self.completer = QCompleter(self.hits_model, self)
        self.completer.setWidget(self.line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(HITS_SHOWN)
        # The QModelIndex overload of activated; PySide's stubs do not type overload selection.
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.search_now)
        self.line.textEdited.connect(self._typed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        self.setFocusProxy(self.line)

    @property
    def hits(self) -> list[StudentHit]:
        return list(self._hits)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._searching

    def take_first(self) -> bool:
        """Enter: pick the first hit (now, or when the search answers). False: nothing to pick."""
        if not self.line.text().strip():
            return False
        if self.busy:
            self._take_first = True
            self.search_now()
            return True
        if self._hits:
            self.pick(self._hits[0])
            return True
        return False

    def pick(self, hit: StudentHit) -> None:
        self._take_first = False
        present(self.completer.popup()).hide()
        self.picked.emit(hit.id, student_label(hit))

    def clear(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._hits = []
        self._searching = False
        self.line.clear()
        present(self.completer.popup()).hide()

    def _typed(self) -> None:
        self._take_first = False
        self._timer.start()
        self.edited.emit()

    def search_now(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show_hits([])
            return
        db, search = self._school.db, self._search or search_students
        self._searching = True

        def find() -> list[StudentHit]:
            return list(search(db, text, limit=HITS_SHOWN))

        self._runner.run(find, owner=self).on_success(
            lambda hits: self._found(generation, hits)
        ).on_failure(lambda _error: self._found(generation, []))

    def _found(self, generation: int, hits: list[StudentHit]) -> None:
        if generation != self._generation:
            return  # the user typed on
        self._searching = False
        self._show_hits(hits)
        self.searched.emit(len(hits))
        if self._take_first:
            if hits:
                self.pick(hits[0])
            self._take_first = False

    def _show_hits(self, hits: Sequence[StudentHit]) -> None:
        self._hits = list(hits)
        self.hits_model.clear()
        for hit in hits:
            item = QStandardItem(f"{student_label(hit)}　{hit.class_name}")
            item.setData(hit.id, Qt.ItemDataRole.UserRole)
            self.hits_model.appendRow(item)
        if hits and self.line.hasFocus() and not self._take_first:
            self.completer.complete()
            if self._highlight_first:
                present(self.completer.popup()).setCurrentIndex(self.hits_model.index(0, 0))
        elif not hits:
            present(self.completer.popup()).hide()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if 0 <= index.row() < len(self._hits):
            self.pick(self._hits[index.row()])


class StudentEditor(FieldEditor):
    """One student (REF to student). A typed text that was not picked is not a student yet."""

    def __init__(
        self, field: FieldSpec, school: School, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.picker = StudentPicker(school, runner)
        self.picker.picked.connect(self._picked)
        self.picker.edited.connect(self._edited)
        self.picker.line.installEventFilter(self)
        self._id: int | None = None
        self._names = NameBook()
        self._advance_on_pick = False
        self.picker.setMaximumWidth(420)
        self.row.addWidget(self.picker, 1)
        self.row.addStretch(0)
        self.setFocusProxy(self.picker.line)

    def value(self) -> int | str | None:
        if self._id is not None:
            return self._id
        text = self.picker.line.text().strip()
        return text or None  # kept so a half-typed name survives a lock; not a valid id

    def set_value(self, value: Any) -> None:
        self.picker.clear()
        if isinstance(value, int):
            self._id = value
            self.picker.line.setText(self._names.name("student", value))
        else:
            self._id = None
            self.picker.line.setText("" if value is None else str(value))
        self.changed.emit()

    def set_names(self, names: NameBook) -> None:
        self._names = names
        if self._id is not None:
            self.picker.line.setText(names.name("student", self._id))

    def input_problem(self) -> str | None:
        if self._id is None and self.picker.line.text().strip():
            return self.tr("请从下拉列表中选择学生（输入后按回车选第一个）")
        return None

    def tab_widgets(self) -> list[QWidget]:
        return [self.picker.line]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.picker.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._id is None
            and self.picker.take_first()
        ):
            # Picked now or when the search answers; either way the form moves on after it.
            self._advance_on_pick = True
            if self._id is not None:
                self._advance_on_pick = False
                self.advance.emit()
            return True
        return super().eventFilter(watched, event)

    def _picked(self, student_id: int, label: str) -> None:
        self._id = student_id
        self.picker.line.setText(label)
        self.changed.emit()
        if self._advance_on_pick:
            self._advance_on_pick = False
            self.advance.emit()

    def _edited(self) -> None:
        self._id = None
        self.changed.emit()


class RefComboEditor(FieldEditor):
    """One staff member, class or campus: a combo box whose text can be typed to narrow it."""

    def __init__(self, field: FieldSpec, target: str, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.target = target
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumWidth(MEDIUM)
        self.combo.setMaxVisibleItems(15)
        completer = present(self.combo.completer())
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        line = present(self.combo.lineEdit())
        line.setPlaceholderText(self.tr("输入姓名或从列表中选择"))
        if target != "staff":
            line.setPlaceholderText(self.tr("输入名称或从列表中选择"))
        self._pending: int | str | None = None
        self._loaded = False
        self._names = NameBook()
        self.combo.currentIndexChanged.connect(self.changed)
        self.combo.editTextChanged.connect(self.changed)
        self._finish(self.combo)

    def set_names(self, names: NameBook) -> None:
        wanted = self.value() if self._loaded else self._pending
        self.combo.blockSignals(True)
        self.combo.clear()
        self._names = names
        for ident, name in names.choices(self.target).items():
            self.combo.addItem(name, ident)
        self.combo.blockSignals(False)
        self._loaded = True
        self.set_value(wanted)

    def value(self) -> int | str | None:
        if not self._loaded:
            return self._pending
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.currentIndex()
        if index >= 0 and self.combo.itemText(index) == text:
            return int(self.combo.itemData(index))
        exact = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        return int(self.combo.itemData(exact)) if exact >= 0 else text

    def set_value(self, value: Any) -> None:
        if not self._loaded:
            self._pending = value
            return
        index = self.combo.findData(value) if isinstance(value, int) else -1
        if index < 0 and isinstance(value, int) and value in self._names.names_of(self.target):
            # Not offered for a new choice (a class of another school year), but a record that
            # names it keeps showing it.
            self.combo.insertItem(0, self._names.name(self.target, value), value)
            index = 0
        self.combo.setCurrentIndex(index)
        if index < 0:
            self.combo.setEditText("" if value is None else str(value))
        self.changed.emit()

    def input_problem(self) -> str | None:
        if isinstance(self.value(), str):
            return self.tr("请从列表中选择")
        return None

    def tab_widgets(self) -> list[QWidget]:
        return [self.combo]


class Chip(QFrame):
    """One chosen item, with × to take it away."""

    removed = Signal(int)

    def __init__(self, ident: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ident = ident
        self.setObjectName("chip")
        self.setStyleSheet(
            f"QFrame#chip {{ background: {ACCENT_LIGHT}; border: 1px solid #c5dada;"
            " border-radius: 10px; }"
        )
        self.label = QLabel(text)
        remove = QToolButton()
        remove.setText("×")
        remove.setAutoRaise(True)
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.setToolTip(self.tr("移除"))
        remove.clicked.connect(lambda: self.removed.emit(self.ident))
        self.remove_button = remove
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(remove)


class RefListEditor(FieldEditor):
    """Several students, staff or classes: chips, and a picker to add one more.

    Enter in the picker adds what it found and stays, to add the next; Enter on an empty picker
    moves on; Backspace on an empty picker takes the last chip away.
    """

    def __init__(
        self, field: FieldSpec, school: School, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        assert field.ref is not None
        self.target = field.ref
        self._ids: list[int] = []
        self._names = NameBook()
        self.read_only = False
        self.chips_holder = QWidget()
        self.chips = FlowLayout(self.chips_holder, spacing=4)
        self.chips_holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.student_picker: StudentPicker | None = None
        self.combo: QComboBox | None = None
        if self.target == "student":
            self.student_picker = StudentPicker(school, runner)
            self.student_picker.picked.connect(self._student_picked)
            self.input: QLineEdit = self.student_picker.line
            adder: QWidget = self.student_picker
        else:
            self.combo = QComboBox()
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.setMinimumWidth(MEDIUM)
            completer = present(self.combo.completer())
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.combo.activated.connect(self._combo_picked)
            self.input = present(self.combo.lineEdit())
            self.input.setPlaceholderText(self.tr("输入或选择后按回车添加"))
            adder = self.combo
        self.input.installEventFilter(self)
        adder_row = QHBoxLayout()
        adder_row.setContentsMargins(0, 0, 0, 0)
        adder_row.addWidget(adder)
        adder_row.addStretch(1)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.chips_holder)
        column.addLayout(adder_row)
        self.row.addLayout(column, 1)
        self.chips_holder.hide()
        self.setFocusProxy(self.input)

    def value(self) -> list[int]:
        return list(self._ids)

    def set_value(self, value: Any) -> None:
        self._ids = []
        for ident in value or []:
            if isinstance(ident, int) and ident not in self._ids:
                self._ids.append(ident)
        self._render()
        self.changed.emit()

    def add(self, ident: int) -> None:
        if ident not in self._ids:
            self._ids.append(ident)
            self._render()
            self.changed.emit()

    def remove(self, ident: int) -> None:
        if ident in self._ids:
            self._ids.remove(ident)
            self._render()
            self.changed.emit()

    def set_names(self, names: NameBook) -> None:
        self._names = names
        if self.combo is not None:
            self.combo.blockSignals(True)
            self.combo.clear()
            for ident, name in names.names_of(self.target).items():
                self.combo.addItem(name, ident)
            self.combo.setCurrentIndex(-1)
            self.combo.blockSignals(False)
        self._render()

    def input_problem(self) -> str | None:
        if self.input.text().strip():
            return self.tr("按回车把“{text}”加入，或清空输入框").format(
                text=self.input.text().strip()
            )
        return None

    def tab_widgets(self) -> list[QWidget]:
        return [self.input]

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        adder = self.combo if self.combo is not None else self.student_picker
        assert adder is not None
        adder.setEnabled(not read_only)
        adder.setVisible(not read_only)  # nothing to add: the chips say it all
        for index in range(self.chips.count()):
            item = self.chips.itemAt(index)
            chip = item.widget() if item is not None else None
            if isinstance(chip, Chip):
                chip.remove_button.setVisible(not read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            if event.key() == Qt.Key.Key_Backspace and not self.input.text() and self._ids:
                self.remove(self._ids[-1])
                return True
            if event.key() in ENTER_KEYS and self.input.text().strip():
                if self.student_picker is not None:
                    self.student_picker.take_first()
                    return True
                assert self.combo is not None
                exact = self.combo.findText(self.input.text().strip(), Qt.MatchFlag.MatchContains)
                if exact >= 0:
                    self._combo_picked(exact)
                return True
        return super().eventFilter(watched, event)

    def _student_picked(self, student_id: int, label: str) -> None:
        assert self.student_picker is not None
        self.student_picker.clear()
        self.add(student_id)

    def _combo_picked(self, index: int) -> None:
        assert self.combo is not None
        if index < 0:
            return
        ident = self.combo.itemData(index)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        if ident is not None:
            self.add(int(ident))

    def _render(self) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for ident in self._ids:
            chip = Chip(ident, self._names.name(self.target, ident))
            chip.removed.connect(self.remove)
            chip.remove_button.setVisible(not self.read_only)
            self.chips.addWidget(chip)
        self.chips_holder.setVisible(bool(self._ids))
        self.chips_holder.updateGeometry()


class ReporterEditor(FieldEditor):
    """Who reported: a staff member or a student (a monitor)."""

    def __init__(
        self, field: FieldSpec, school: School, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.kind = QComboBox()
        self.kind.addItem("", None)
        self.kind.addItem(self.tr("教职工"), "staff")
        self.kind.addItem(self.tr("学生"), "student")
        staff_field = FieldSpec(field.name, field.label_zh, field.label_en, Kind.REF, ref="staff")
        student_field = FieldSpec(
            field.name, field.label_zh, field.label_en, Kind.REF, ref="student"
        )
        self.staff = RefComboEditor(staff_field, "staff")
        self.student = StudentEditor(student_field, school, runner)
        self.student.advance.connect(self.advance)
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())
        self.stack.addWidget(self.staff)
        self.stack.addWidget(self.student)
        self.kind.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.kind.currentIndexChanged.connect(self.changed)
        self.staff.changed.connect(self.changed)
        self.student.changed.connect(self.changed)
        self.row.addWidget(self.kind)
        self.row.addWidget(self.stack, 1)
        self.setFocusProxy(self.kind)

    def _current(self) -> FieldEditor | None:
        who = self.kind.currentData()
        return self.staff if who == "staff" else self.student if who == "student" else None

    def value(self) -> tuple[str, Any] | None:
        editor = self._current()
        if editor is None:
            return None
        ident = editor.value()
        return None if ident is None else (str(self.kind.currentData()), ident)

    def set_value(self, value: Any) -> None:
        if not value:
            self.kind.setCurrentIndex(0)
            return
        who, ident = value
        self.kind.setCurrentIndex(self.kind.findData(who))
        editor = self._current()
        if editor is not None:
            editor.set_value(ident)

    def set_names(self, names: NameBook) -> None:
        self.staff.set_names(names)
        self.student.set_names(names)

    def input_problem(self) -> str | None:
        editor = self._current()
        return editor.input_problem() if editor is not None else None

    def tab_widgets(self) -> list[QWidget]:
        return [self.kind, *self.staff.tab_widgets(), *self.student.tab_widgets()]
