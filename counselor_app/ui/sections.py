"""The sections of the main window, in the order of its navigation: the one place a page is added.

Each :class:`Section` has its key (what the lock manager remembers and :meth:`Navigator.show_section`
takes), its title in the navigation, and the factory that builds its page. A factory imports its
page's module only when called, so unlocking pays only for the page shown first.

Pages that lead elsewhere (the dashboard's cards, the self-check's evidence) are given a
:class:`Navigator`, the main window; a page shown on its own (a test, a screenshot) is given a
stand-in, or none and then says it cannot lead there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.tasks import TaskRunner


class Navigator(Protocol):
    """Where a page can lead the person: another section, or a student's file."""

    def show_section(self, key: str) -> QWidget:
        """Show this section; returns its page."""
        ...

    def open_student(self, student_id: int) -> QWidget:
        """Show 学生档案 with this student's file open."""
        ...


# ``factory(school, runner, navigator)`` builds a section's page.
PageFactory = Callable[[School, TaskRunner, Navigator], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    factory: PageFactory


def _dashboard(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.dashboard import DashboardPage

    return DashboardPage(school, runner, navigator=navigator)


def _students(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.students import StudentsPage

    return StudentsPage(school, runner)


def _sessions(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.sessions import SessionsPage

    return SessionsPage(school, runner)


def _room(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.room import RoomPage

    return RoomPage(school, runner)


def _monitors(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.monitors import MonitorsPage

    return MonitorsPage(school, runner)


def _family(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.family import FamilyPage

    return FamilyPage(school, runner)


def _screening(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.screening import ScreeningPage

    return ScreeningPage(school, runner)


def _crisis(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.crisis import CrisisPage

    return CrisisPage(school, runner)


def _activities(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.activities import ActivitiesPage

    return ActivitiesPage(school, runner)


def _self_check(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.self_check import SelfCheckPage

    return SelfCheckPage(school, runner, navigator=navigator)


def _settings(school: School, runner: TaskRunner, navigator: Navigator) -> QWidget:
    from counselor_app.ui.pages.settings import SettingsPage

    return SettingsPage(school, runner)


def sections() -> list[Section]:
    """Every section, in the navigation's order, titled in the program's language (call it once
    the translations are loaded)."""
    return [
        Section("dashboard", QCoreApplication.translate("MainWindow", "工作台"), _dashboard),
        Section("students", QCoreApplication.translate("MainWindow", "学生档案"), _students),
        Section("sessions", QCoreApplication.translate("MainWindow", "辅导记录"), _sessions),
        Section("room", QCoreApplication.translate("MainWindow", "辅导室"), _room),
        Section("monitors", QCoreApplication.translate("MainWindow", "心理委员"), _monitors),
        Section("family", QCoreApplication.translate("MainWindow", "家校共育"), _family),
        Section("screening", QCoreApplication.translate("MainWindow", "摸排与分级"), _screening),
        Section("crisis", QCoreApplication.translate("MainWindow", "危机干预"), _crisis),
        Section("activities", QCoreApplication.translate("MainWindow", "活动与会议"), _activities),
        Section("self_check", QCoreApplication.translate("MainWindow", "自查与上报"), _self_check),
        Section("settings", QCoreApplication.translate("MainWindow", "设置"), _settings),
    ]
