"""A progress dialog for long work on the database worker that can be stopped between steps.

:class:`WorkProgress` is shared by the worker (the core calls it between rows or phases and stops
when it answers ``False``) and :class:`ProgressDialog` (which reads it on a timer and asks it to
stop on 取消). The dialog appears only if the work is not done within a moment. Used by the
workbook import and export, the backups and the district bundle export, always through
:func:`counselor_app.ui.progress_runner.run_with_progress`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from counselor_app.ui.settings.feedback import SHOW_AFTER_MS
from counselor_app.ui.settings.section_parts import button_row

POLL_MS = 100


class WorkProgress:
    """How far the work is, shared by the worker (which calls it between rows) and the dialog
    (which reads it on a timer); asked to stop, it answers ``False`` and the core stops."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self._stop = threading.Event()

    def __call__(self, done: int, total: int) -> bool:
        self.done, self.total = done, total
        return not self._stop.is_set()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


class ProgressDialog(QDialog):
    """A bar, what is being done, and 取消. It appears only if the work is not done within a moment,
    and stays (saying 正在取消…) until the work has really stopped."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        describe: Callable[[int, int], str],
        progress: WorkProgress,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._describe = describe
        self.progress = progress
        self._shown = (0, 0)  # what the bar and the label say now
        self.label = QLabel(describe(0, 0))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the amount is known
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        # Locking closes the dialog through QDialog.done(), not reject(): the signal sees both.
        self.rejected.connect(progress.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(button_row(right=[self.cancel_button]))

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.update_progress)
        self._poll.start()
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self.show)
        self._show_timer.start(SHOW_AFTER_MS)

    def update_progress(self) -> None:
        done, total = self.progress.done, self.progress.total
        if self.progress.cancelled or (done, total) == self._shown:
            return
        if total != self._shown[1]:
            self.bar.setRange(0, total)
        self._shown = (done, total)
        if total:
            self.bar.setValue(min(done, total))
        self.label.setText(self._describe(done, total))

    def reject(self) -> None:
        """取消, Esc or the window's close button: ask the work to stop and wait for it."""
        self.progress.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("正在取消…"))

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()

    def finish(self) -> None:
        if not isValid(self):  # closed and deleted by locking meanwhile
            return
        self._poll.stop()
        self._show_timer.stop()
        self.hide()
        self.deleteLater()
