"""What a record form asks the record service, on the database worker: a moment after the last
change, what a save would report (only the answer to the newest question arrives), and the save.

The form (``form.RecordFormDialog``) decides what to show and when to save; this only asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from counselor_app.records.service import Change, RecordService
from counselor_app.school.core import School
from counselor_app.ui.tasks import TaskRunner

CHECK_PAUSE_MS = 300


class FormCalls(QObject):
    """``values`` gives what the form holds when a question is asked."""

    checked = Signal(object, object)  # the problems, and the error if the check itself failed
    saved = Signal(object)  # the Change
    save_failed = Signal(object)  # the error

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        record_type: str,
        record_id: int | None,
        values: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._record_type = record_type
        self._record_id = record_id
        self._values = values
        self._generation = 0
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_PAUSE_MS)
        self._timer.timeout.connect(self.check_now)

    @property
    def checking(self) -> bool:
        """A check is due or on its way: what was last said may predate the last change."""
        return self._timer.isActive() or self._checking

    def check_soon(self) -> None:
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        school, record_type, record_id = self._school, self._record_type, self._record_id
        values = self._values()
        self._checking = True

        def check() -> list[Any]:
            return RecordService(school).check(record_type, values, record_id)

        self._runner.run(check, owner=self).on_success(
            lambda problems: self._checked(generation, problems)
        ).on_failure(lambda error: self._checked(generation, [], error))

    def _checked(
        self, generation: int, problems: list[Any], error: BaseException | None = None
    ) -> None:
        if generation != self._generation:
            return  # typed on since; a newer answer is coming
        self._checking = False
        self.checked.emit(problems, error)

    def save(self) -> None:
        school, record_type, record_id = self._school, self._record_type, self._record_id
        values = self._values()

        def write() -> Change:
            service = RecordService(school)
            if record_id is None:
                return service.create(record_type, values)
            return service.update(record_type, record_id, values)

        self._runner.run(write, owner=self).on_success(self.saved.emit).on_failure(
            self.save_failed.emit
        )
