"""工作台 numbers: the core counts (plain, no Qt) and the page that shows them."""

from __future__ import annotations

import datetime as dt

from counselor_app.overview import RecordCounts, record_counts
from counselor_app.school import School
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.tasks import TaskRunner
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
