"""The main window on an unlocked school: every section is there, navigation switches pages,
and closing the window closes the school."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.crisis import CrisisPage
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S
from tests.ui.boxes import AnsweredBoxes

SECTIONS = [
    "工作台", "学生档案", "辅导记录", "辅导室", "心理委员", "家校共育", "摸排与分级", "危机干预",
    "活动与会议", "自查与上报", "设置",
]  # fmt: skip


def open_window(qtbot, school: School, runner: TaskRunner, **kwargs) -> MainWindow:
    window = MainWindow(school, runner, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def test_opens_on_the_dashboard_with_every_section(
    qtbot, school: School, runner: TaskRunner
) -> None:
    window = open_window(qtbot, school, runner)
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == SECTIONS
    assert isinstance(window.pages.currentWidget(), DashboardPage)
    qtbot.waitUntil(lambda: "实验中学" in window.user_status.text())
    assert window.user_status.text() == "实验中学 · 王老师（心理教师）"
    assert "实验中学" in window.windowTitle()


def test_navigation_switches_pages(qtbot, school: School, runner: TaskRunner) -> None:
    window = open_window(qtbot, school, runner)
    window.navigation.setCurrentRow(1)
    assert isinstance(window.pages.currentWidget(), StudentsPage)
    assert window.current_section() == "students"

    page = window.show_section("crisis")
    assert window.pages.currentWidget() is page
    assert isinstance(page, CrisisPage)
    assert window.navigation.currentItem().text() == "危机干预"


def test_closing_the_window_closes_the_school(
    qtbot, school: School, runner: TaskRunner, tmp_path
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, school, runner, settings=settings)
    with qtbot.waitSignal(window.closed):
        window.close()
    assert school.db.closed
    assert settings.value("main_window/geometry") is not None  # the key earlier releases wrote


def test_the_on_exit_backup_runs_on_the_worker_and_the_window_closes_when_it_is_done(
    qtbot, school: School, runner: TaskRunner, monkeypatch
) -> None:
    import threading

    from counselor_app.school import backups as school_backups

    window = open_window(qtbot, school, runner)
    school.backup_on_close = True
    backing_up, release = threading.Event(), threading.Event()
    real_backup = school_backups.automatic_backup

    def slow_backup(*args, **kwargs):
        backing_up.set()
        release.wait(HANG_LIMIT_S)
        return real_backup(*args, **kwargs)

    monkeypatch.setattr(school_backups, "automatic_backup", slow_backup)
    window.close()
    qtbot.waitUntil(backing_up.is_set)
    # The window answers while the worker backs up: it says so, and has let go of the school.
    assert window.isVisible() and window.school is None
    assert "正在备份数据" in window.pages.currentWidget().findChild(QLabel).text()
    assert not window.navigation.isEnabled()
    window.close()  # asked again: still backing up, nothing else happens
    assert window.isVisible()

    with qtbot.waitSignal(window.closed):
        release.set()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert school.db.closed
    assert [p.name for p in school.paths.backups.iterdir()] == ["2025-10-16T103000-exit.cdbak"]


def test_a_failed_on_exit_backup_is_told_and_the_school_closed_all_the_same(
    qtbot, school: School, runner: TaskRunner, monkeypatch, boxes: AnsweredBoxes
) -> None:
    from counselor_app.foundation.errors import CounselorError
    from counselor_app.school import backups as school_backups

    def failing_backup(*args, **kwargs):
        raise CounselorError(msg("U 盘已满。", "The USB stick is full."))

    monkeypatch.setattr(school_backups, "automatic_backup", failing_backup)
    window = open_window(qtbot, school, runner)
    school.backup_on_close = True
    with qtbot.waitSignal(window.closed):
        window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert school.db.closed
    assert boxes.texts == ["U 盘已满。"]


def test_a_damaged_school_says_so_above_every_page(
    qtbot, school: School, runner: TaskRunner, monkeypatch
) -> None:
    monkeypatch.setattr(school.db, "read_only", True)
    monkeypatch.setattr(school, "damage_message", msg("数据库已损坏。", "The database is damaged."))
    window = open_window(qtbot, school, runner)
    assert window.banner.isVisible()
    assert window.banner.text() == "数据库已损坏。"
    window.show_section("students")
    assert window.banner.isVisible()
