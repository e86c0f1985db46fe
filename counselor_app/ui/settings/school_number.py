"""A number the school keeps (a lock time, an interview deadline), edited in a spin box.

The number is read on the worker the first time its section shows and written on the worker a
moment after the last change, so that holding an arrow key writes once, not once per step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from counselor_app.school.core import School
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.tasks import TaskRunner

SAVE_PAUSE_MS = 600


class SchoolNumberSpin(QSpinBox):
    """Disabled until the school's value is read; :attr:`saved` carries the value written."""

    saved = Signal(int)

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        read: Callable[[School], int],
        write: Callable[[School, int], int],
        message_bar: MessageBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._read = read
        self._write = write
        self._message_bar = message_bar
        self._filling = False
        self.setEnabled(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save)
        self.valueChanged.connect(self._changed)

    def load(self) -> None:
        self._runner.run(self._read, self._school, owner=self).on_success(self._show).on_failure(
            self._message_bar.show_failure
        )

    def _show(self, value: int) -> None:
        self._filling = True
        self.setValue(value)
        self._filling = False
        self.setEnabled(True)

    def _changed(self, _: int) -> None:
        if not self._filling:
            self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        self._runner.run(self._write, self._school, self.value(), owner=self).on_success(
            self.saved.emit
        ).on_failure(self._message_bar.show_failure)
