"""A term is judged on its own school year's classes and students (requirements.md §2): class 0701
held A and B in 2025—2026 and holds C in 2026—2027; last summer's graduate counts in last year's
terms only; a year without classes (a database from before school years) is judged as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.metrics import all_metrics
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

SPRING_2026 = "2025—2026学年第二学期"
AUTUMN_2026 = "2026—2027学年第一学期"
SPRING_2025 = "2024—2025学年第二学期"
LESSONS = {"periods_per_teaching_week": 0.5}


@pytest.fixture
def clock():
    """February 2027: both school years are behind us, and 2026—2027 is the current one."""
    return fixed_clock(dt.datetime(2027, 2, 10, 9, 0, tzinfo=CHINA))


@pytest.fixture
def school_in_two_years(records: RecordService, make: Callable[..., int]) -> dict[str, int]:
    """The autumn term 2025 (from the shared conftest), spring 2026 and autumn 2026.

    2025—2026: 0701 (head T02) holds A and B; 0901 (graduating) holds G, who graduated on
    2026-07-10, after the spring term ended. 2026—2027 (after the roll-over): A and B are in 0801
    (head T04), C joined 0701 (head T03) on 2026-09-01.
    """
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    make("term", name=AUTUMN_2026, first_day="2026-09-01", last_day="2027-01-22")
    ids: dict[str, int] = {}
    ids["psych"] = make("staff", staff_no="T01", name="李老师", roles=["fulltime_psych"])
    for number in ("T02", "T03", "T04"):
        ids[number] = make("staff", staff_no=number, name=f"班主任{number}", roles=["head_teacher"])

    def klass(year: int, code: str, grade: int, head: str, **values: Any) -> int:
        return make(
            "class",
            school_year=year,
            class_code=code,
            grade=grade,
            name=f"{grade}年级{code[-1]}班",
            head_teacher_id=ids[head],
            **values,
        )

    ids["0701/2025"] = klass(2025, "0701", 7, "T02")
    ids["0901/2025"] = klass(2025, "0901", 9, "T02", graduating=True)
    ids["0701/2026"] = klass(2026, "0701", 7, "T03")
    ids["0801/2026"] = klass(2026, "0801", 8, "T04")

    def student(number: str, class_id: int, **values: Any) -> int:
        return make(
            "student", student_no=number, name=f"学生{number}", sex="M", class_id=class_id, **values
        )

    ids["A"] = student("A", ids["0701/2025"])
    ids["B"] = student("B", ids["0701/2025"])
    ids["G"] = student("G", ids["0901/2025"], status="graduated", left_on="2026-07-10")
    ids["C"] = student("C", ids["0701/2026"], enrolled_on="2026-09-01")
    for moved in ("A", "B"):  # the roll-over: up a grade into 0801
        records.update("student", ids[moved], {"class_id": ids["0801/2026"]})
    return ids


def context(school: School, term_name: str) -> TermContext:
    term = find_term(school.db, term_name)
    assert term is not None
    return TermContext(school.db, term, school.today())


def roster(ctx: TermContext) -> list[tuple[str, str, int]]:
    return [(s.student_no, s.class_code, s.grade) for s in ctx.students]


def test_a_past_term_names_that_years_classes_and_students(school, school_in_two_years):
    ids = school_in_two_years
    autumn_2025 = context(school, TERM)

    assert roster(autumn_2025) == [("A", "0701", 7), ("B", "0701", 7), ("G", "0901", 9)]
    assert [(c.id, c.class_code) for c in autumn_2025.classes] == [
        (ids["0701/2025"], "0701"),
        (ids["0901/2025"], "0901"),
    ]
    assert not autumn_2025.rosters_of_today


def test_the_current_term_names_todays_classes_and_students(school, school_in_two_years):
    ids = school_in_two_years
    autumn_2026 = context(school, AUTUMN_2026)

    assert roster(autumn_2026) == [("A", "0801", 8), ("B", "0801", 8), ("C", "0701", 7)]
    assert [c.id for c in autumn_2026.classes] == [ids["0701/2026"], ids["0801/2026"]]


def test_last_summers_graduate_counts_in_last_years_terms_only(school, school_in_two_years):
    assert "G" in [s.student_no for s in context(school, SPRING_2026).enrolled]
    assert "G" not in [s.student_no for s in context(school, AUTUMN_2026).enrolled]


def test_lessons_of_a_class_count_for_its_own_year(school, school_in_two_years, make):
    ids = school_in_two_years
    # 0701 of 2025 had its 11 periods (21 teaching weeks × 0.5, rounded up), one every other
    # week; 0701 of 2026 (other students, same number) had none.
    for week in range(0, 21, 2):
        day = dt.date(2025, 9, 1) + dt.timedelta(weeks=week)
        make(
            "psych_lesson",
            date=day.isoformat(),
            class_id=ids["0701/2025"],
            teacher_id=ids["psych"],
            periods=1,
        )
    lessons = all_metrics()["lessons_per_class"]

    autumn_2025 = lessons(context(school, TERM), LESSONS)
    autumn_2026 = lessons(context(school, AUTUMN_2026), LESSONS)

    # 0901 had none in 2025 either; in 2026 both classes had none.
    assert [e.key for e in autumn_2025.evidence] == ["0901"]
    assert [e.key for e in autumn_2026.evidence] == ["0701", "0801"]


def test_a_care_group_needs_the_head_teacher_of_that_years_class(school, school_in_two_years, make):
    ids = school_in_two_years
    make("risk_assessment", date="2025-10-01", student_id=ids["A"], level=2)
    make(
        "crisis_plan",
        student_id=ids["A"],
        created_on="2025-10-02",
        level=2,
        care_teachers=[ids["psych"], ids["T02"]],
    )
    care = all_metrics()["care_groups_complete"]
    head_only = {"members": ["head_teacher"]}

    # In 2025 A's head teacher was T02, who is in the group; in 2026 it is T04, who is not.
    assert care(context(school, TERM), head_only).evidence == []
    evidence = care(context(school, AUTUMN_2026), head_only).evidence
    assert [e.key for e in evidence] == ["A"] and "T04" in evidence[0].detail.zh


def test_a_year_without_classes_is_judged_on_todays_class_lists(school, school_in_two_years, make):
    make("term", name=SPRING_2025, first_day="2025-02-17", last_day="2025-07-04")
    spring_2025 = context(school, SPRING_2025)

    assert spring_2025.rosters_of_today
    # Each student in the class they are in now, as before school years were recorded; C had not
    # joined yet.
    assert roster(spring_2025) == [("A", "0801", 8), ("B", "0801", 8), ("G", "0901", 9)]
    report = run_self_check(school, SPRING_2025, "sucheng-2023", audit=False)
    assert any("2024—2025学年没有登记班级" in note for note in report.notes)
    autumn_2025 = run_self_check(school, TERM, "sucheng-2023", audit=False)
    assert not any("没有登记班级" in note for note in autumn_2025.notes)
