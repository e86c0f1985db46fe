"""The fields of 快速记录辅导 that plain Qt widgets do not give as the keyboard wants them.

The student is found with the record forms' picker (:class:`counselor_app.ui.records.pickers.
StudentPicker`): Enter takes the highlighted or first match, and the chosen student stays on the
line as 姓名（学号，班级）. Date and time fields that Tab leaves at once. Nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDateEdit, QTimeEdit, QWidget

from counselor_app.school.core import School
from counselor_app.students.search import StudentHit
from counselor_app.ui.records.pickers import StudentPicker
from counselor_app.ui.tasks import TaskRunner

SEARCH_PAUSE_MS = 120  # shorter than a record form's: this form is filled by keyboard alone


@dataclass(frozen=True)
class StudentChoice:
    id: int
    name: str
    student_no: str
    class_name: str

    @property
    def display(self) -> str:
        return QCoreApplication.translate(
            "QuickSession", "{name}（{number}，{class_name}）"
        ).format(name=self.name, number=self.student_no, class_name=self.class_name)


def search_students(*args: Any, **kwargs: Any) -> Sequence[Any]:
    """The core's student search (:func:`counselor_app.students.search.search_students`), imported
    when first used: pypinyin, which it needs, takes a while to load."""
    from counselor_app.students.search import search_students as search

    return search(*args, **kwargs)


class SessionStudentField(StudentPicker):
    """The shared student picker, holding the chosen student as a :class:`StudentChoice`."""

    chosen_changed = Signal(object)  # StudentChoice | None

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            parent,
            search=search_students,
            pause_ms=SEARCH_PAUSE_MS,
            highlight_first=False,
        )
        self.chosen: StudentChoice | None = None
        self.line.setPlaceholderText(
            QCoreApplication.translate("StudentPicker", "拼音首字母（如 zs）、姓名或学号")
        )
        self.line.setClearButtonEnabled(True)
        self.edited.connect(lambda: self._choose(None))
        self.line.returnPressed.connect(self._return_pressed)

    def text(self) -> str:
        return self.line.text()

    def clear(self) -> None:
        super().clear()
        self._choose(None)

    def set_student(self, student: StudentChoice | None) -> None:
        """Fill in a student (a file's, or one restored after unlocking)."""
        super().clear()
        self.line.setText(student.display if student else "")
        self._choose(student)

    def set_query(self, text: str) -> None:
        """Put back half-typed text (after unlocking) and look it up as if it had been typed."""
        self.clear()
        self.line.setText(text)
        self.search_now()

    def pick(self, hit: StudentHit) -> None:
        super().pick(hit)
        student = StudentChoice(hit.id, hit.name, hit.student_no, hit.class_name)
        self.line.setText(student.display)
        self._choose(student)

    def _choose(self, student: StudentChoice | None) -> None:
        if student != self.chosen:
            self.chosen = student
            self.chosen_changed.emit(student)

    def _return_pressed(self) -> None:
        if self.chosen is not None and self.line.text() == self.chosen.display:
            return  # picked from the list by this very Enter
        self.take_first()


class DateField(QDateEdit):
    """A date field that Tab leaves at once (QDateEdit would walk year, month, day first);
    the arrow keys still move between the parts and change them."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QTimeEdit):
    """A time field that Tab leaves at once (see :class:`DateField`)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
