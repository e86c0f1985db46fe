"""工作台: the core counts (plain, no Qt), the page that shows today's agenda, and one click from
each item to the record it concerns."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counselor_app.dashboard.overview import RecordCounts, record_counts
from counselor_app.foundation.clock import fixed_clock
from counselor_app.school.core import School
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.dashboard import AgendaList, DashboardPage
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import CHINA
from tests.core.test_dashboard import build_world
from tests.ui.conftest import add_students

TODAY = dt.date(2025, 10, 16)


def add_sessions_and_plans(school: School) -> None:
    with school.db.transaction() as db:
        db.execute("INSERT INTO staff (staff_no, name) VALUES ('T01', '王老师')")
        for day in ("2025-10-09", "2025-10-15"):
            db.execute(
                "INSERT INTO counselling_session (date, start_time, minutes, kind, counsellor_id,"
                " entered_on) VALUES (?, '10:00', 50, 'individual', 1, ?)",
                (day, day),
            )
        student = "(SELECT id FROM student WHERE student_no = '2025010101')"
        for closed_on in (None, "2025-10-01", "2025-10-20"):  # open, closed, closes later
            db.execute(
                f"INSERT INTO crisis_plan (student_id, created_on, level, closed_on)"
                f" VALUES ({student}, '2025-09-10', 2, ?)",
                (closed_on,),
            )


def test_counts_enrolled_students_and_open_plans(school: School) -> None:
    assert record_counts(school.db, TODAY) == RecordCounts(0, 0, 0, 0, 0)
    add_students(school)
    add_sessions_and_plans(school)
    counts = record_counts(school.db, TODAY)
    assert counts == RecordCounts(
        students_enrolled=4, classes=2, staff=1, sessions=2, crisis_plans_open=2
    )


def test_page_shows_school_user_and_counts(qtbot, school: School, runner: TaskRunner) -> None:
    add_students(school)
    add_sessions_and_plans(school)
    page = DashboardPage(school, runner)
    qtbot.addWidget(page)
    page.show()  # showing it loads the numbers on the worker

    qtbot.waitUntil(lambda: page.counts is not None)
    assert page.school_label.text() == "实验中学"
    assert page.user_label.text() == "当前用户：王老师（心理教师）"
    assert page.cards["students_enrolled"].value_label.text() == "4"
    assert page.cards["crisis_plans_open"].value_label.text() == "2"


# -- today's agenda, and one click to the record ---------------------------------------------------


@pytest.fixture
def world(school: School) -> dict[str, int]:
    return build_world(school)


def shown_page(qtbot, school: School, runner: TaskRunner) -> DashboardPage:
    page = DashboardPage(school, runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.agenda is not None and page.glance_loaded)
    return page


def texts(items: AgendaList) -> list[str]:
    model = items.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click(items: AgendaList, row: int) -> None:
    rect = items.visualRect(items.model().index(row, 0))
    QTest.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_agenda_of_today(qtbot, school: School, runner: TaskRunner, world) -> None:
    page = shown_page(qtbot, school, runner)
    assert page.day_label.text().endswith("2025—2026学年第一学期 第 7 周")
    assert texts(page.today_panel.list) == [
        "14:00　家长 张父 · 电话 · 待确认",
        "15:00　张三（七年级1班） · 当面 · 已确认",
        "值班 14:00–15:30　王老师",
        "值班 16:00–16:30　（未安排值班教师）",
    ]
    assert texts(page.plans_panel.list) == [
        "张三（七年级1班）— 复查已逾期 3 天",
        "李四（七年级1班）— 5 天后复查",
        "张三（七年级1班）— 随访已逾期 12 天",
        "赵六（七年级1班）— 随访已逾期 7 天",
    ]
    assert page.plans_panel.count_label.text() == "逾期 3 项"
    assert texts(page.key_panel.list) == [
        "张三（七年级1班）— 2 重点关注",
        "赵六（七年级1班）— 2 重点关注",
        "钱七（七年级1班）— 2 重点关注",
    ]
    assert page.cards["room_week"].value_label.text() == "8.0 / 8.0"
    # Sucheng's 22 rules, none of which is 不适用 in an autumn term.
    assert page.cards["self_check"].value_label.text().endswith("/ 22")
    assert page.cards["students_enrolled"].value_label.text() == "5"


def test_an_empty_day_says_so(qtbot, school: School, runner: TaskRunner) -> None:
    page = shown_page(qtbot, school, runner)
    assert texts(page.today_panel.list)[0] == "今天没有预约。"
    assert texts(page.plans_panel.list) == ["没有到期的复查和随访。"]
    assert page.cards["self_check"].caption_label.text() == "本学期自查：尚未登记学期"
    assert "今天不在任何学期内" in page.day_label.text()


def test_a_click_asks_for_the_student_or_the_section(qtbot, school, runner, world) -> None:
    page = shown_page(qtbot, school, runner)
    with qtbot.waitSignal(page.student_requested) as student:
        click(page.plans_panel.list, 1)
    assert student.args == [world["b"]]
    with qtbot.waitSignal(page.section_requested) as section:
        click(page.today_panel.list, 0)
    assert section.args == ["room"]
    with qtbot.waitSignal(page.section_requested) as section:
        QTest.mouseClick(page.cards["self_check"], Qt.MouseButton.LeftButton)
    assert section.args == ["self_check"]


def test_in_the_window_a_click_opens_the_record(qtbot, school, runner, world) -> None:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.agenda is not None)

    click(page.key_panel.list, 2)  # 钱七
    assert window.current_section() == "students"
    students = window.page("students")
    qtbot.waitUntil(lambda: students.file_view.overview is not None)
    assert students.showing_file() and students.file_view.name_label.text() == "钱七"

    window.show_section("dashboard")
    click(page.today_panel.list, 1)  # 15:00 张三
    assert window.current_section() == "room"
    window.show_section("dashboard")
    QTest.mouseClick(page.cards["self_check"], Qt.MouseButton.LeftButton)
    assert window.current_section() == "self_check"


def test_outside_every_term_no_duty_and_the_glance_names_its_term(
    qtbot, school: School, runner: TaskRunner, world
) -> None:
    # Monday 9 February 2026: the autumn term ended on 23 January, no spring term is entered. The
    # room's hours are valid on Mondays, but the room does not open in the holidays.
    school.clock = fixed_clock(dt.datetime(2026, 2, 9, 10, 0, tzinfo=CHINA))
    page = shown_page(qtbot, school, runner)
    assert "今天不在任何学期内" in page.day_label.text()
    assert texts(page.today_panel.list) == ["今天没有预约。", "今天不在学期内，辅导室不开放。"]
    caption = page.cards["self_check"].caption_label.text()
    assert caption.startswith("2025—2026学年第一学期自查达标") and "本学期" not in caption


def test_a_day_only_the_room_is_closed_says_so(qtbot, school, runner, world) -> None:
    from counselor_app.records.service import RecordService

    # Thursday 16 October 2025 (today) is a school day; the room alone is closed (仅辅导室).
    RecordService(school).create("closure_day", {"date": "2025-10-16", "reason": "教研活动"})
    page = shown_page(qtbot, school, runner)
    rows = texts(page.today_panel.list)
    assert "今天辅导室停开（见“停开日期”）。" in rows
    assert not any(row.startswith("值班") for row in rows)
    assert "今天不是上学日" not in " ".join(rows)
