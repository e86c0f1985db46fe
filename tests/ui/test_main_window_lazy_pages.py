"""The main window builds a section's page when it is first shown, and the lock copes with pages
that were never built."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counselor_app.school.core import School
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.crisis import CrisisPage
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import PASSWORD


def built(window: MainWindow) -> list[str]:
    keys = window.section_keys()
    return [
        keys[row]
        for row in range(window.pages.count())
        if type(window.pages.widget(row)).__name__ != "_UnbuiltPage"
    ]


def test_only_the_dashboard_is_built_until_another_section_is_shown(
    qtbot, school: School, runner: TaskRunner
) -> None:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    window.show()
    assert built(window) == ["dashboard"]
    assert isinstance(window.pages.currentWidget(), DashboardPage)

    window.navigation.setCurrentRow(window.section_keys().index("students"))
    assert isinstance(window.pages.currentWidget(), StudentsPage)
    assert built(window) == ["dashboard", "students"]

    crisis = window.page("crisis")  # asked for, not shown: built, and the same page later
    assert isinstance(crisis, CrisisPage)
    assert window.current_section() == "students"
    assert window.show_section("crisis") is crisis is window.pages.currentWidget()
    assert window.pages.count() == len(window.section_keys())


def test_locking_and_unlocking_with_pages_never_built(
    qtbot, school: School, runner: TaskRunner
) -> None:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    window.lock_manager = LockManager(window, runner, tick_ms=10)
    window.resize(1200, 760)
    window.show()
    window.show_section("students")
    manager = window.lock_manager
    with qtbot.waitSignal(manager.locked):
        manager.lock()
    assert window.pages.count() == 0

    manager.lock_screen.password_field.setText(PASSWORD)
    with qtbot.waitSignal(manager.unlocked):
        qtbot.mouseClick(manager.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert window.current_section() == "students"
    assert isinstance(window.pages.currentWidget(), StudentsPage)
    assert built(window) == ["students"]
    assert isinstance(window.show_section("dashboard"), DashboardPage)
