"""Blanking: Ctrl+B covers every window at once (dialogs too, titles included) without locking;
the first key or click brings everything back and does nothing else."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from counselor_app.school.core import School
from counselor_app.settings.screen_lock import IdleClock
from counselor_app.ui.blank import COVER_COLOUR, ScreenBlanker
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.tasks import TaskRunner


def student_dialog(parent: QWidget | None = None) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(parent)
    dialog.setWindowTitle("辅导记录 — 张三")
    field = QLineEdit()
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("张三 初一(1)班"))
    layout.addWidget(field)
    dialog.show()
    field.setFocus()
    return dialog, field


def test_blank_covers_every_window_and_any_key_restores(qtbot) -> None:
    main = QWidget()
    main.setWindowTitle("实验中学 — 心理辅导工作台")
    qtbot.addWidget(main)
    main.resize(800, 600)
    main.show()
    dialog, field = student_dialog(main)
    blanker = ScreenBlanker()

    blanker.blank()
    covers = {cover.parentWidget(): cover for cover in blanker.covers()}
    assert set(covers) == {main, dialog}
    for window, cover in covers.items():
        assert cover.isVisible() and cover.geometry() == window.rect()
        assert cover.name_label.text() == "心理辅导工作台"
        assert cover.palette().window().color().name() == COVER_COLOUR
        assert window.windowTitle() == "心理辅导工作台"  # no school, no student in the title
    assert dialog.isVisible()  # covered, not closed: its exec() would end as cancelled

    main.resize(900, 650)
    assert covers[main].geometry() == main.rect()

    qtbot.keyClick(field, Qt.Key.Key_A)
    assert not blanker.is_blank()
    assert field.text() == ""  # the key that restored typed nothing
    assert not any(cover.isVisible() for cover in covers.values())
    assert dialog.windowTitle() == "辅导记录 — 张三"
    assert main.windowTitle() == "实验中学 — 心理辅导工作台"
    QApplication.processEvents()  # the event loop turns: the fields take keys again
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert field.text() == "a"


def test_a_click_restores_and_shortcuts_stay_quiet_under_the_cover(qtbot) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    fired: list[bool] = []
    QShortcut(QKeySequence("Ctrl+N"), main).activated.connect(lambda: fired.append(True))
    # Keys sent to the QWindow go through Qt's shortcut map, as a real key press does.
    qtbot.keyClick(main.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]
    blanker = ScreenBlanker()
    blanker.blank()
    qtbot.keyClick(main.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True] and not blanker.is_blank()  # restored, and Ctrl+N did nothing

    blanker.blank()
    qtbot.mouseClick(blanker.covers()[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not blanker.is_blank()


def test_a_window_opened_while_blank_is_covered_too(qtbot) -> None:
    blanker = ScreenBlanker()
    blanker.blank()
    try:
        dialog, _field = student_dialog()
        qtbot.addWidget(dialog)
        assert [cover.parentWidget() for cover in blanker.covers()] == [dialog]
        assert dialog.windowTitle() == "心理辅导工作台"
    finally:
        blanker.restore()
    assert dialog.windowTitle() == "辅导记录 — 张三"


def test_ctrl_b_blanks_the_main_window_without_locking_and_ctrl_l_still_locks(
    qtbot, school: School, runner: TaskRunner
) -> None:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    manager = LockManager(window, runner, idle=IdleClock(300), tick_ms=50)
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert manager.blanker.is_blank() and not manager.is_locked()
    assert not school.db.closed

    with qtbot.waitSignal(manager.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not manager.blanker.is_blank()  # the lock screen replaces the cover
    assert manager.lock_screen.isVisible()

    qtbot.keyClick(
        manager.lock_screen.password_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
    )
    assert not manager.blanker.is_blank()  # nothing to blank on the lock screen
