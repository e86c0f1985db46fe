"""Blanking the screen at once when someone walks in, without locking.

:meth:`ScreenBlanker.blank` lays a cover (a calm colour and the program's name, nothing else) over
every window of the program, dialogs and print previews included, and replaces their titles, which
may name a student, with the program's name. Covering rather than hiding keeps a dialog's
``exec()`` running: hiding a dialog would end it as if the user had cancelled.

While blank, an application-wide event filter swallows input: the first key press (other than a
modifier on its own) or click anywhere restores everything and is not passed on, so it cannot
press a button, type into a field or fire a shortcut under the cover; input stays swallowed until
the event loop turns, since Qt may try a shortcut after the key press. The keys named in
``let_through`` pass (the lock shortcut: locking from a blank screen must still work).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QVBoxLayout, QWidget
from shiboken6 import isValid

from counselor_app.ui.style import TEXT_MUTED

COVER_COLOUR = "#e6eeee"
COVER_NAME = "blankCover"

# Input that is swallowed while blank; the presses among them restore.
_SWALLOWED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.InputMethod,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
    }
)
_RESTORING = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def program_name() -> str:
    return QCoreApplication.translate("ScreenBlanker", "心理辅导工作台")


class BlankCover(QWidget):
    """Covers one window completely: a calm colour and the program's name."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(COVER_NAME)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(COVER_COLOUR))
        self.setPalette(palette)
        # A style sheet on the application would otherwise paint over the palette colour.
        self.setStyleSheet(f"QWidget#{COVER_NAME} {{ background: {COVER_COLOUR}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.name_label = QLabel(program_name())
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setStyleSheet(
            f"color: {TEXT_MUTED}; font-size: 26px; font-weight: 600; background: transparent;"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        self.fit()

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()


class ScreenBlanker(QObject):
    """Blanks and restores every window of the program; ``blanked``/``restored`` tell when."""

    blanked = Signal()
    restored = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        let_through: Callable[[QKeyEvent], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._let_through = let_through or (lambda _event: False)
        self._covers: dict[QWidget, BlankCover] = {}
        self._titles: dict[QWidget, str] = {}
        self._focus: QWidget | None = None
        self._blank = False
        self._draining = False
        self._filtering = False

    def is_blank(self) -> bool:
        return self._blank

    def covers(self) -> list[BlankCover]:
        return list(self._covers.values())

    def toggle(self) -> None:
        if self._blank:
            self.restore()
        else:
            self.blank()

    def blank(self) -> None:
        if self._blank:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._blank = True
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()  # an open menu or list would float above the cover
        self._focus = QApplication.focusWidget()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and _coverable(window):
                self._cover(window)
        if not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self.blanked.emit()

    def _stop_draining(self) -> None:
        self._draining = False
        if self._blank or not self._filtering:
            return  # blanked again meanwhile: keep filtering
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._filtering = False

    def restore(self) -> None:
        if not self._blank:
            return
        self._blank = False
        # The key press that restores may still be followed by its shortcut (Qt tries shortcuts
        # for a key press nobody accepted): input is swallowed until the event loop turns.
        self._draining = True
        QTimer.singleShot(0, self._stop_draining)
        for window, cover in list(self._covers.items()):
            if not isValid(window):
                continue  # a dialog deleted while blank took its cover with it
            cover.hide()
            cover.deleteLater()
            title = self._titles.get(window)
            if title is not None:
                window.setWindowTitle(title)
        self._covers.clear()
        self._titles.clear()
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible():
            focus.setFocus()
        self.restored.emit()

    def _cover(self, window: QWidget) -> None:
        if window in self._covers:
            return
        cover = BlankCover(window)
        cover.show()
        cover.setFocus()
        self._covers[window] = cover
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(program_name())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _SWALLOWED:
            if not (self._blank or self._draining):
                return False
            if isinstance(event, QKeyEvent) and self._let_through(event):
                return False
            event.accept()  # accepted: no shortcut is tried for it under the cover
            if self._blank and kind in _RESTORING and not _modifier_only(event):
                self.restore()
            return True
        if not self._blank:
            return False
        if isinstance(watched, QWidget):
            if kind == QEvent.Type.Show and watched.isWindow() and _coverable(watched):
                self._cover(watched)  # a message box that pops up while blank
            elif kind == QEvent.Type.Resize and watched in self._covers:
                self._covers[watched].fit()
            elif kind in (QEvent.Type.Show, QEvent.Type.ChildAdded):
                # A new child of a covered window is stacked above the cover unless raised again.
                parent = watched if kind == QEvent.Type.ChildAdded else watched.parentWidget()
                cover = self._covers.get(parent) if parent is not None else None
                if cover is not None and watched is not cover:
                    cover.raise_()
        return False


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Control,
        Qt.Key.Key_Shift,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Meta,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)


def _modifier_only(event: QEvent) -> bool:
    """Ctrl pressed on its own is the start of a combination: the combination's key restores
    (and is swallowed with its shortcut), so Ctrl+N under the cover does not open a form."""
    return isinstance(event, QKeyEvent) and event.key() in _MODIFIER_KEYS


def _coverable(window: QWidget) -> bool:
    kind = window.windowType()
    return kind not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup, Qt.WindowType.Desktop) and (
        window.objectName() != COVER_NAME
    )
