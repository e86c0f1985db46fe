"""A small form for one record, checked by the record service as you type and saved by it.

Used by the booking dialog, whose layout (student or parent, the clash shown at once) differs from
the generic record form's; as there, Enter never saves (it picks a student), Ctrl+Enter does.

The dialog holds no rule: it asks :meth:`RecordService.check` (on the database worker, a moment
after the last change) what a save would refuse and shows each reason under its field; saving
calls :meth:`RecordService.create` or ``update`` and, when the service refuses, shows the same
reasons and writes nothing. The task runner tells every list what was saved (see
:mod:`counselor_app.ui.tasks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, Problem, ValidationFailed
from counselor_app.records.catalog import spec_for
from counselor_app.records.service import Change, RecordService
from counselor_app.school.core import School
from counselor_app.ui.tasks import TaskRunner

CHECK_PAUSE_MS = 250


class RecordDialog(QDialog):
    """Subclasses add their rows with :meth:`add_row` and give :meth:`values`."""

    saved = Signal(object)  # the Change
    # Fields whose "missing" reasons wait until the user has been there or tried to save: a form
    # that opens in red before anything was typed reads as a scolding.
    quiet_fields: frozenset[str] = frozenset()

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        record_type: str,
        record_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._service = RecordService(school)
        self.record_type = record_type
        self.record_id = record_id
        self.problems: list[Problem] = []
        self._check_generation = 0
        self._saving = False
        self._touched: set[str] = set()
        self._save_tried = False
        self._spec = spec_for(record_type)

        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._errors: dict[str, QLabel] = {}
        self.general_error = QLabel()
        self.general_error.setObjectName("fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        # Plain buttons, none of them default: Enter picks a student or moves on and must not
        # save half a form (a button box makes its first accept button the default when shown).
        # Ctrl+Enter saves, as in the program's other forms.
        self.save_button = QPushButton(self.tr("保存"))
        self.cancel_button = QPushButton(self.tr("取消"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_PAUSE_MS)
        self._check_timer.timeout.connect(self.run_check)

    # -- building ------------------------------------------------------------------------------
    def add_row(
        self,
        field: str | None,
        label: str,
        widget: QWidget,
        *,
        also: tuple[str, ...] = (),
        wide: bool = False,
    ) -> None:
        """A row with its label; the reasons the service gives for ``field`` (and for the fields
        in ``also``, edited in the same row) appear under it."""
        if field is None:
            self.form.addRow(label, widget)
            return
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        for name in (field, *also):
            self._errors[name] = error
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if wide:
            column.addWidget(widget)
        else:  # a date, a time or a choice keeps its own width beside a long reason
            row = QHBoxLayout()
            row.addWidget(widget)
            row.addStretch(1)
            column.addLayout(row)
        column.addWidget(error)
        self.form.addRow(label, holder)

    def set_heading(self, text: str) -> None:
        self.setWindowTitle(text)
        self.heading.setText(text)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def field_changed(self) -> None:
        """Call when the user changed something: the service checks it a moment later."""
        self._check_timer.start()

    def touch(self, *fields: str) -> None:
        """The user has been in these fields: their reasons show from now on."""
        self._touched.update(fields)
        self.field_changed()

    # -- checking ------------------------------------------------------------------------------
    def run_check(self) -> None:
        self._check_timer.stop()
        self._check_generation += 1
        generation = self._check_generation
        service, record_type, record_id = self._service, self.record_type, self.record_id
        values = self.values()

        def check() -> list[Problem]:
            return list(service.check(record_type, values, record_id))

        self._runner.run(check, owner=self).on_success(
            lambda problems: self._checked(generation, problems)
        ).on_failure(lambda error: None)  # a failed check is not worth a message; saving tells

    def _checked(self, generation: int, problems: list[Problem]) -> None:
        if generation == self._check_generation and not self._saving:
            self.show_problems(problems)

    def _field_name(self, problem: Problem) -> str | None:
        """The field a problem names, by its name (check) or its label (a refused save)."""
        for field in self._spec.fields:
            if problem.field in (field.name, field.label, field.label_zh, field.label_en):
                return field.name
        return None

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        by_label: dict[QLabel, list[str]] = {label: [] for label in self._errors.values()}
        general: list[str] = []
        for problem in problems:
            name = self._field_name(problem)
            text = str(problem.message)
            if name in self.quiet_fields and name not in self._touched and not self._save_tried:
                continue
            if name is not None and name in self._errors:
                by_label[self._errors[name]].append(text)
            else:
                general.append(text)
        for label, texts in by_label.items():
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    def problem_texts(self) -> list[str]:
        """Every reason now shown, in form order (for tests and screen readers)."""
        labels = list(dict.fromkeys(self._errors.values()))  # a label shared by fields once
        shown = [label.text() for label in labels if label.text()]
        if self.general_error.text():
            shown.append(self.general_error.text())
        return shown

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return  # a second click while the first save runs would book twice
        self._check_timer.stop()
        self._check_generation += 1  # a check still on its way is older than this save
        self._saving = True
        self._save_tried = True
        self.save_button.setEnabled(False)
        service, record_type, record_id = self._service, self.record_type, self.record_id
        values = self.values()

        def write() -> Change:
            if record_id is None:
                return service.create(record_type, values)
            return service.update(record_type, record_id, values)

        self._runner.run(write, owner=self).on_success(self._saved).on_failure(self._refused)

    def _saved(self, change: Change) -> None:
        self._saving = False
        self.record_id = change.record_id
        self.saved.emit(change)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.show_problems(error.problems)
        elif isinstance(error, CounselorError):
            self.show_problems([Problem("", error.message)])
        else:
            self.general_error.setText(self.tr("保存时出错：{detail}").format(detail=error))
            self.general_error.show()
