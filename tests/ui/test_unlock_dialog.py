"""The unlock dialog: a wrong password is explained and the dialog stays; a right one opens."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School
from counselor_app.storage.keys import WRONG_PASSWORD
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD


def make_dialog(qtbot, paths: SchoolPaths, runner: TaskRunner) -> UnlockDialog:
    dialog = UnlockDialog(paths, ["王老师"], runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_password_shows_the_reason_and_stays_open(
    qtbot, school: School, school_paths: SchoolPaths, runner: TaskRunner
) -> None:
    dialog = make_dialog(qtbot, school_paths, runner)
    assert not dialog.unlock_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.password_field, "not-the-password")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.error_label.text() == WRONG_PASSWORD.render("zh")
    assert dialog.isVisible() and dialog.school is None
    assert dialog.password_field.text() == "" and dialog.password_field.isEnabled()


def test_right_password_yields_the_school(
    qtbot, school: School, school_paths: SchoolPaths, runner: TaskRunner
) -> None:
    dialog = make_dialog(qtbot, school_paths, runner)
    qtbot.keyClicks(dialog.password_field, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)

    unlocked = dialog.school
    assert unlocked is not None
    try:
        assert unlocked.user.name == "王老师"
        assert unlocked.name == "实验中学"
    finally:
        unlocked.close()
    assert not dialog.isVisible()


def test_escape_is_ignored_while_unlocking(
    qtbot, school: School, school_paths: SchoolPaths, runner: TaskRunner
) -> None:
    """The unlock's answer must find the dialog, or an opened school would be left behind."""
    dialog = make_dialog(qtbot, school_paths, runner)
    qtbot.keyClicks(dialog.password_field, PASSWORD)
    dialog.try_unlock()
    dialog.reject()  # what Esc or the window's close button does
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.school is not None)
    dialog.school.close()
