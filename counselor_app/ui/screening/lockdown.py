"""Keeping a student inside student mode: nothing of the main window shows, no shortcut works.

While a :class:`Lockdown` holds:

- the main window is hidden and disabled, and a cover with only the program's name lies over its
  content in case anything shows it again (it is then hidden again at once, and the student's
  window brought back to the front);
- an application-wide event filter swallows every key that could leave or reach something else:
  any combination with Ctrl, Alt or the Windows key (Alt+F4, Ctrl+W, the lock's Ctrl+L, the
  blank screen's Ctrl+B, 快速记录's Ctrl+N), Esc, the function keys (F2 …) and the system keys.
  Installed after the lock manager's own filter, it sees every key first. Plain typing, Tab,
  Enter, Space and the arrows still reach the student's window (and the counsellor's password);
- on X11 the window grabs the keyboard, so the window manager's own keys (Alt+F4, Alt+Tab) never
  fire; where that is not possible (Windows, Wayland) a close asked by the system is refused by
  the window itself.

Windows' Ctrl+Alt+Del, Win+L and Alt+Tab belong to the operating system and cannot be taken by a
program; Win+L locks the PC, which locks this program too (see :mod:`counselor_app.ui.lock`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from counselor_app.ui.blank import BlankCover

_KEY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
    }
)
_LEAVING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_SYSTEM_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_Menu,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Control,
        Qt.Key.Key_Close,
        Qt.Key.Key_Back,
        Qt.Key.Key_Forward,
        Qt.Key.Key_Refresh,
        Qt.Key.Key_Print,
        Qt.Key.Key_SysReq,
        Qt.Key.Key_Help,
        Qt.Key.Key_Exit,
        Qt.Key.Key_Sleep,
        Qt.Key.Key_PowerOff,
        Qt.Key.Key_Suspend,
        Qt.Key.Key_Hibernate,
        Qt.Key.Key_LaunchMail,
        Qt.Key.Key_Explorer,
    }
)


def leaves_student_mode(event: QKeyEvent) -> bool:
    """Whether a key could close a window, fire a shortcut or reach the system."""
    key = event.key()
    if event.modifiers() & _LEAVING_MODIFIERS:
        return True
    if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
        return True
    try:
        return Qt.Key(key) in _SYSTEM_KEYS
    except ValueError:  # a key code Qt has no name for: not one of ours either
        return False


class Lockdown(QObject):
    """Holds the program inside ``window`` (see the module docstring) until :meth:`release`."""

    def __init__(self, window: QWidget, main_window: QWidget | None) -> None:
        super().__init__(window)
        self._window = window
        self._main = main_window
        self._cover: BlankCover | None = None
        self._main_was_shown = False
        self._disabled: list[QWidget] = []
        self._holding = False
        self.swallowed = 0  # keys kept from the program, for the curious and the tests

    @property
    def holding(self) -> bool:
        return self._holding

    def hold(self) -> None:
        if self._holding:
            return
        self._holding = True
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        main = self._main
        if main is not None and isValid(main):
            self._cover = BlankCover(main)
            self._cover.show()
            main.installEventFilter(self)
            self._main_was_shown = main.isVisible()
            # No click or key reaches its content, whatever shows it. (Not the window itself:
            # that would disable this window too, which is its child.)
            self._disabled = [
                child
                for child in main.findChildren(
                    QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
                )
                if not child.isWindow() and child is not self._cover and child.isEnabled()
            ]
            for child in self._disabled:
                child.setEnabled(False)
            main.hide()

    def grab_keyboard(self) -> bool:
        """Take the keyboard from the window manager (X11); False where the platform cannot."""
        handle = self._window.windowHandle()
        return bool(handle is not None and handle.setKeyboardGrabEnabled(True))

    def release(self) -> None:
        """The main window back as it was; keys work again."""
        if not self._holding:
            return
        self._holding = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        handle = self._window.windowHandle() if isValid(self._window) else None
        if handle is not None:
            handle.setKeyboardGrabEnabled(False)
        main = self._main
        if main is not None and isValid(main):
            main.removeEventFilter(self)
            for child in self._disabled:
                if isValid(child):
                    child.setEnabled(True)
            if self._main_was_shown:
                main.show()
        if self._cover is not None and isValid(self._cover):
            self._cover.hide()
            self._cover.deleteLater()
        self._cover = None
        self._disabled = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent) and leaves_student_mode(event):
            # Accepted, so that no shortcut is tried for it, and not passed on.
            event.accept()
            if kind == QEvent.Type.KeyPress:
                self.swallowed += 1
            return True
        if kind == QEvent.Type.Shortcut:
            return True
        if watched is self._main and kind in (QEvent.Type.Show, QEvent.Type.WindowActivate):
            # Something showed or activated the main window: the cover is over its content, the
            # student's window goes back on top, and the main window is hidden again.
            if self._cover is not None and isValid(self._cover):
                self._cover.fit()
            if isValid(self._window):
                self._window.raise_()
                self._window.activateWindow()
            QTimer.singleShot(0, self._hide_main_again)
        return False

    def _hide_main_again(self) -> None:
        if self._holding and self._main is not None and isValid(self._main):
            self._main.hide()
