"""One meaning of "a student's risk level on a day", and every reader agreeing on it: the student
file on screen, its printout, the dashboard and the self-check."""

from __future__ import annotations

import datetime as dt

from counselor_app.dashboard.today import risk_levels_on
from counselor_app.records.service import RecordService
from counselor_app.reports.student_file import student_file, today_level
from counselor_app.reports.student_pdf import build_student_pdf
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.student_file.overview import student_overview
from counselor_app.students.risk_levels import LevelEntry, entry_on, in_order, level_on
from tests.core.report_fixtures import pdf_text

D = dt.date.fromisoformat


def entry(date: str, level: int, record_type: str = "risk_assessment") -> LevelEntry:
    return LevelEntry(date, level, record_type)


def test_the_latest_entry_on_or_before_the_day_stands():
    history = in_order([entry("2025-10-08", 1), entry("2025-09-10", 2), entry("2025-11-02", 0)])
    assert level_on(history, D("2025-09-09")) == (None, None)  # before any entry
    assert level_on(history, D("2025-09-10")) == (2, "2025-09-10")  # the entry's own day
    assert level_on(history, D("2025-10-31")) == (1, "2025-10-08")
    assert level_on(history, D("2026-01-01")) == (0, "2025-11-02")  # 0 is a level, not none


def test_on_the_same_day_the_highest_stands_whatever_the_order_written():
    # A level-1 session written after a level-3 assessment on the same day: still 3.
    for written in (
        [entry("2025-10-09", 3), entry("2025-10-09", 1, "session")],
        [entry("2025-10-09", 1, "session"), entry("2025-10-09", 3)],
    ):
        history = in_order(written)
        assert level_on(history, D("2025-10-09")) == (3, "2025-10-09")
        assert entry_on(history, D("2025-10-09")).record_type == "risk_assessment"


def test_the_date_since_is_that_of_the_first_entry_at_the_standing_level():
    history = in_order([entry("2025-09-01", 2), entry("2025-09-15", 2), entry("2025-10-01", 3)])
    assert level_on(history, D("2025-09-30")) == (2, "2025-09-01")
    assert entry_on(history, D("2025-09-30")) == entry("2025-09-15", 2)  # the latest assessment


def test_screen_printout_dashboard_and_self_check_agree(school: School):
    records = RecordService(school)
    records.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    )
    teacher = records.create(
        "staff", {"staff_no": "T01", "name": "王老师", "roles": "专职心理教师"}
    )
    klass = records.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    student = records.create(
        "student",
        {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": klass.record_id},
    ).record_id
    # The assessment says 3; a session the same day, written afterwards, says 1.
    records.create("risk_assessment", {"date": "2025-10-09", "student_id": student, "level": 3})
    records.create(
        "session",
        {
            "date": "2025-10-09",
            "start_time": "16:00",
            "minutes": 40,
            "kind": "个体",
            "students": [student],
            "counsellor_id": teacher.record_id,
            "risk_level": 1,
        },
    )
    today = school.today()  # 2025-10-16

    assert student_overview(school, student).level == 3  # the screen
    file = student_file(school, student)
    assert today_level(file.risk_history, today) == 3
    printed = pdf_text(
        build_student_pdf(
            file, school_name=school.name, user=school.user, printed_at=school.now()
        ).data
    )
    assert "当前风险等级：3 级" in printed  # the printout
    assert risk_levels_on(school.db, today)[student] == ("2025-10-09", 3)  # the dashboard
    context = TermContext(school.db, find_term(school.db, "2025—2026学年第一学期"), today)
    assert context.risk_level_on(student, today) == 3  # the self-check
    assert [s.id for s in context.key_students] == [student]
