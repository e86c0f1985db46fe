"""The shared definitions of requirements.md §2 that many rules rely on: who counts for a term, a
student's risk level on a day, key students, the school year and its last term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from tests.core.selfcheck.conftest import TERM

D = dt.date.fromisoformat


@pytest.fixture
def context(school: School, records: Any) -> Callable[[], TermContext]:
    """A fresh context of the autumn term (facts are cached, so build it after the data)."""

    def build() -> TermContext:
        term = find_term(school.db, TERM)
        assert term is not None
        return TermContext(school.db, term, school.today())

    return build


@pytest.fixture
def grade7(make: Callable[..., int]) -> dict[str, int]:
    teacher = make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"])
    class_id = make("class", class_code="C0701", grade=7, name="七年级1班")
    return {"teacher": teacher, "class": class_id}


@pytest.fixture
def student(make: Callable[..., int], grade7: dict[str, int]) -> Callable[..., int]:
    def create(number: str, **values: Any) -> int:
        return make(
            "student",
            student_no=number,
            name=f"学生{number}",
            sex="M",
            class_id=grade7["class"],
            **values,
        )

    return create


# -- who counts ------------------------------------------------------------------------------------
def test_a_student_who_left_before_the_last_day_counts_for_nothing(student, context):
    student("S1")
    student("S2", status="transferred", left_on="2025-12-01")
    student("S3", status="transferred", left_on="2026-02-01")
    student("S4", status="graduated", left_on="2026-01-23")  # left on the last day itself
    student("S5", status="graduated")  # left, date unknown: not counted

    ctx = context()

    assert [s.student_no for s in ctx.students] == ["S1", "S3", "S4"]
    # 在读 during the term: today's status is 转出/毕业, but they were there until its end.
    assert [s.student_no for s in ctx.enrolled] == ["S1", "S3", "S4"]


def test_a_student_who_joined_after_the_term_counts_for_nothing(student, context):
    student("S1")  # joining date unknown: counted
    student("S2", enrolled_on="2025-09-01")
    student("S3", enrolled_on="2026-01-23")  # joined on the last day itself
    student("S4", enrolled_on="2026-02-01")  # next term's new student

    assert [s.student_no for s in context().students] == ["S1", "S2", "S3"]


def test_a_class_counts_only_with_a_student_who_counts(make, student, context):
    gone = make("class", class_code="C0702", grade=7, name="七年级2班")
    make(
        "student",
        student_no="S9",
        name="学生九",
        sex="F",
        class_id=gone,
        status="transferred",
        left_on="2025-10-01",
    )
    student("S1")

    assert [c.class_code for c in context().classes] == ["C0701"]


# -- risk level on a day ---------------------------------------------------------------------------
def test_risk_level_comes_from_assessments_plans_and_sessions(make, student, grade7, context):
    s = student("S1")
    make("risk_assessment", date="2025-09-10", student_id=s, level=1)
    make(
        "session",
        date="2025-10-15",
        start_time="10:00",
        minutes=40,
        kind="individual",
        students=[s],
        counsellor_id=grade7["teacher"],
        risk_level=2,
        entered_on="2025-10-15",
    )
    make("crisis_plan", student_id=s, created_on="2025-11-20", level=3)
    make("risk_assessment", date="2025-12-01", student_id=s, level=0)

    ctx = context()

    assert ctx.risk_level_on(s, D("2025-09-09")) is None
    assert ctx.risk_level_on(s, D("2025-09-10")) == 1
    assert ctx.risk_level_on(s, D("2025-10-14")) == 1
    assert ctx.risk_level_on(s, D("2025-10-15")) == 2
    assert ctx.risk_level_on(s, D("2025-11-20")) == 3
    assert ctx.risk_level_on(s, D("2025-11-30")) == 3
    assert ctx.risk_level_on(s, D("2025-12-01")) == 0


def test_a_screening_result_does_not_set_the_level(make, student, context):
    s = student("S1")
    make("screening", date="2025-09-20", student_id=s, instrument="MHT", result_level=3)

    ctx = context()

    assert ctx.risk_level_on(s, D("2025-12-01")) is None
    assert ctx.key_students == []


def test_entries_on_the_same_day_the_highest_wins(make, student, grade7, context):
    s = student("S1")
    make("crisis_plan", student_id=s, created_on="2025-10-15", level=3)
    make("risk_assessment", date="2025-10-15", student_id=s, level=1)

    assert context().risk_level_on(s, D("2025-10-15")) == 3


# -- key students ----------------------------------------------------------------------------------
def test_key_students(make, student, context):
    still_two = student("S01")
    make("risk_assessment", date="2025-06-01", student_id=still_two, level=2)
    lowered_before = student("S02")
    make("risk_assessment", date="2025-06-01", student_id=lowered_before, level=2)
    make("risk_assessment", date="2025-08-20", student_id=lowered_before, level=0)
    lowered_during = student("S03")
    make("risk_assessment", date="2025-06-01", student_id=lowered_during, level=3)
    make("risk_assessment", date="2025-09-15", student_id=lowered_during, level=1)
    raised_during = student("S04")
    make("risk_assessment", date="2025-09-15", student_id=raised_during, level=1)
    make("risk_assessment", date="2025-12-01", student_id=raised_during, level=2)
    raised_after = student("S05")
    make("risk_assessment", date="2026-02-01", student_id=raised_after, level=3)
    watch_only = student("S06")
    make("risk_assessment", date="2025-10-01", student_id=watch_only, level=1)
    student("S07")  # nothing recorded
    by_plan = student("S08")
    make("crisis_plan", student_id=by_plan, created_on="2025-11-01", level=2)

    keys = [s.student_no for s in context().key_students]

    assert keys == ["S01", "S03", "S04", "S08"]


def test_key_students_who_left(make, student, context):
    left_before = student("S1", status="transferred", left_on="2026-01-22")
    left_after = student("S2", status="transferred", left_on="2026-02-01")
    for s in (left_before, left_after):
        make("risk_assessment", date="2025-10-01", student_id=s, level=3)

    assert [s.student_no for s in context().key_students] == ["S2"]


# -- the school year -------------------------------------------------------------------------------
def test_school_year_runs_september_to_august(context):
    ctx = context()

    assert ctx.school_year == ("2025-09-01", "2026-08-31")


def test_school_year_begins_with_an_autumn_term_that_starts_in_august(make, context):
    make("term", name="2026—2027学年第一学期", first_day="2026-08-24", last_day="2027-01-22")

    assert context().school_year == ("2025-09-01", "2026-08-23")


def test_an_autumn_term_that_starts_in_august_opens_its_school_year(school, make):
    make("term", name="2024—2025学年第一学期", first_day="2024-08-26", last_day="2025-01-17")
    term = find_term(school.db, "2024—2025学年第一学期")
    assert term is not None

    ctx = TermContext(school.db, term, school.today())

    assert ctx.school_year == ("2024-08-26", "2025-08-31")
    assert [t.name for t in ctx.school_year_terms] == ["2024—2025学年第一学期"]


def test_the_autumn_term_is_not_the_last_of_its_year_even_before_spring_is_entered(context):
    assert context().is_last_term_of_year is False


def test_the_spring_term_is_the_last_of_its_year(school, make, context):
    make("term", name="2025—2026学年第二学期", first_day="2026-03-02", last_day="2026-07-10")
    spring = find_term(school.db, "2025—2026学年第二学期")
    assert spring is not None

    assert TermContext(school.db, spring, school.today()).is_last_term_of_year is True
    assert context().is_last_term_of_year is False
    assert [t.name for t in context().school_year_terms] == [TERM, "2025—2026学年第二学期"]
