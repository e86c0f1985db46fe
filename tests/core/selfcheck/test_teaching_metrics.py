"""Psych lessons per class, on the autumn term 2025-09-01 … 2026-01-23: 21 teaching weeks, so
"one period every two weeks" asks for ceil(21 × 0.5) = 11 periods per class."""

from __future__ import annotations

import pytest

from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.metrics.teaching import periods_required
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS
from tests.core.selfcheck.conftest import TERM

EVERY_CLASS = {"periods_per_teaching_week": 0.5}
BEIJING = {"periods_per_teaching_week": 0.5, "min_grade": 4, "exclude_graduating": True}


@pytest.fixture
def teacher(make):
    return make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"])


def school_class(make, code, grade, *, graduating=False, students=1):
    class_id = make(
        "class", class_code=code, grade=grade, name=f"{grade}年级{code}班", graduating=graduating
    )
    for n in range(students):
        make("student", student_no=f"{code}-{n}", name="学生", sex="女", class_id=class_id)
    return class_id


def lesson(make, class_id, teacher, periods, date="2025-10-15"):
    make("psych_lesson", date=date, class_id=class_id, teacher_id=teacher, periods=periods)


def test_the_fixture_term_has_21_teaching_weeks(school, records):
    context = TermContext(school.db, find_term(school.db, TERM), school.today())
    assert context.calendar.teaching_weeks == 21
    assert periods_required(21, 0.5) == 11


def test_the_requirement_is_computed_exactly():
    assert periods_required(30, 0.1) == 3  # 0.1 × 30 is 3.0000000000000004 in floats
    assert periods_required(20, 0.5) == 10
    assert periods_required(21, 1) == 21


def test_a_class_with_exactly_11_periods_passes(teacher, make, measure):
    first = school_class(make, "0701", 7)
    lesson(make, first, teacher, 10, date="2025-09-01")  # the term's first day
    lesson(make, first, teacher, 1, date="2026-01-23")  # and its last
    result = measure("lessons_per_class", EVERY_CLASS)
    assert (result.status, result.threshold) == (PASS, 11)
    assert result.value == {"classes": 1, "short": 0}


def test_a_class_with_10_periods_is_named(teacher, make, measure):
    first = school_class(make, "0701", 7)
    second = school_class(make, "0702", 7)
    lesson(make, first, teacher, 6)
    lesson(make, first, teacher, 5)
    lesson(make, second, teacher, 10)
    lesson(make, second, teacher, 1, date="2025-08-31")  # before the term
    lesson(make, second, teacher, 1, date="2026-01-24")  # after it
    result = measure("lessons_per_class", EVERY_CLASS)
    assert result.status == FAIL
    assert [(e.kind, e.key, e.label, e.detail) for e in result.evidence] == [
        ("class", "0702", "7年级0702班", "10 课时 < 11")
    ]


def test_a_class_without_any_lesson_is_named_with_zero(teacher, make, measure):
    school_class(make, "0701", 7)
    result = measure("lessons_per_class", EVERY_CLASS)
    assert result.evidence[0].detail == "0 课时 < 11"


def test_beijing_judges_grade_four_and_up_without_graduating_classes(teacher, make, measure):
    fourth = school_class(make, "0401", 4)
    school_class(make, "0301", 3)  # below grade 4: not judged
    school_class(make, "0901", 9, graduating=True)  # graduating: not judged
    lesson(make, fourth, teacher, 10)
    result = measure("lessons_per_class", BEIJING)
    assert [e.key for e in result.evidence] == ["0401"]
    assert result.value == {"classes": 1, "short": 1}
    lesson(make, fourth, teacher, 1)
    assert measure("lessons_per_class", BEIJING).status == PASS
    # Every class is judged by the rule without a grade limit.
    assert [e.key for e in measure("lessons_per_class", EVERY_CLASS).evidence] == ["0301", "0901"]


def test_a_class_whose_students_all_left_is_not_judged(teacher, make, measure):
    left = school_class(make, "0801", 8, students=0)
    make(
        "student",
        student_no="X1",
        name="学生",
        sex="男",
        class_id=left,
        status="转出",
        left_on="2025-11-01",
    )
    assert measure("lessons_per_class", EVERY_CLASS).status == NO_DATA


def test_no_class_in_scope_is_no_data(make, measure):
    assert measure("lessons_per_class", EVERY_CLASS).status == NO_DATA
    school_class(make, "0301", 3)
    result = measure("lessons_per_class", BEIJING)
    assert (result.status, result.threshold) == (NO_DATA, 11)
