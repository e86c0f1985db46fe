"""Telling the user how long work went and how it ended, without a stack of message boxes.

:class:`MessageBar` is a quiet line under a page's content: what was done (with an action such as
打开文件夹) or what went wrong. :class:`BusyDialog` is the "please wait" for short work on the database
worker that has no steps to stop between (making the blank workbook template); it appears only if
the work is not done within a moment, so quick work does not flash a dialog. Long work that can
stop uses :func:`counselor_app.ui.progress_runner.run_with_progress` instead.

Both are used by the settings and self-check pages; they hold no knowledge of either.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QWidget,
)

from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT

INFO_STYLE = (
    f"QFrame#messageBar {{ background: {ACCENT_LIGHT}; border: 1px solid #c5dcdc;"
    " border-radius: 4px; }"
    f" QFrame#messageBar QLabel {{ color: {ACCENT}; }}"
)
ERROR_STYLE = (
    "QFrame#messageBar { background: #fff4e5; border: 1px solid #f0b868; border-radius: 4px; }"
    " QFrame#messageBar QLabel { color: #6b3d00; }"
)
SHOW_AFTER_MS = 400


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.hide()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("关闭"))
        self.close_button.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.action_button)
        row.addWidget(self.close_button)
        self._action: Callable[[], object] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.is_error = False
        self.hide()

    def show_info(
        self, text: str, action_text: str = "", action: Callable[[], object] | None = None
    ) -> None:
        self._show(text, INFO_STYLE, action_text, action)
        self.is_error = False

    def show_error(self, text: str) -> None:
        self._show(text, ERROR_STYLE, "", None)
        self.is_error = True

    def show_failure(self, error: BaseException) -> None:
        """Work that failed: the core's own message, or general words for a fault (which is
        logged, see ``crash_handler.failure_text``)."""
        self.show_error(failure_text(error))

    def text(self) -> str:
        """What the bar says now ("" when closed)."""
        return "" if self.isHidden() else self.label.text()

    def clear(self) -> None:
        self.label.clear()
        self._action = None
        self.hide()

    def _show(
        self, text: str, style: str, action_text: str, action: Callable[[], object] | None
    ) -> None:
        self.setStyleSheet(style)
        self.label.setText(text)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text and action))
        self.show()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action()


class BusyDialog:
    """A modal "please wait" for one piece of work; :meth:`done` when its answer arrived.

    The work has nothing to stop between, so the dialog has no cancel button.
    """

    def __init__(self, parent: QWidget, text: str) -> None:
        self._dialog = QProgressDialog(text, "", 0, 0, parent)
        self._dialog.setWindowTitle(QCoreApplication.translate("Feedback", "请稍候"))
        self._dialog.setCancelButton(None)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Shown by our own timer: Qt's would show it after its own delay, even after done().
        self._dialog.setMinimumDuration(24 * 3600 * 1000)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.hide()
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._dialog.show)
        self._timer.start(SHOW_AFTER_MS)

    @property
    def shown(self) -> bool:
        return self._dialog.isVisible()

    def done(self, *_: object) -> None:
        self._timer.stop()
        self._dialog.hide()
        self._dialog.deleteLater()
