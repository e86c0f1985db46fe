"""A page or section under test, shown in a window of its own that lives until the test ends."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

# A window Python lets go of takes its page with it while the page's work may still be running;
# the windows are held here and let go after the test (tests/ui/conftest.py).
held_windows: list[QMainWindow] = []


def show_in_window(
    qtbot,
    widget: QWidget,
    *,
    window: QMainWindow | None = None,
    size: tuple[int, int] = (1280, 760),
) -> QMainWindow:
    """Show ``widget`` as the central widget of ``window`` (a plain main window by default)."""
    window = window if window is not None else QMainWindow()
    held_windows.append(window)
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    return window
