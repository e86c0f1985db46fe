"""BJ-3.1: 「班主任每学年对每名学生至少开展1次家访」. A 家访 counts when it was in the home (方式 入户)
and made by the student's head teacher of that school year; a phone or video call, a parent seen at
school, another teacher's visit or one whose 方式 is not recorded is shown, never counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import measure_rule, run_self_check
from counselor_app.selfcheck.profiles import find_profile
from counselor_app.selfcheck.result import FAIL, PASS, YEAR_END
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

BJ_3_1 = find_profile("beijing-2023").rule("BJ-3.1-home-visits")
SPRING = "2025—2026学年第二学期"
LAST_SPRING = "2024—2025学年第二学期"


@pytest.fixture
def world(make: Callable[..., int]) -> dict[str, int]:
    ids = {
        "T02": make("staff", staff_no="T02", name="李老师", roles=["head_teacher"]),
        "T05": make("staff", staff_no="T05", name="赵老师", roles=["head_teacher"]),
    }
    c0701 = make("class", class_code="0701", grade=7, name="七年级1班", head_teacher_id=ids["T02"])
    c0702 = make("class", class_code="0702", grade=7, name="七年级2班", head_teacher_id=ids["T05"])
    c0703 = make("class", class_code="0703", grade=7, name="七年级3班")  # no head teacher recorded
    for number, class_id in (("S1", c0701), ("S2", c0701), ("S3", c0701), ("S4", c0701)):
        ids[number] = make("student", student_no=number, name="学生", sex="M", class_id=class_id)
    ids["S5"] = make("student", student_no="S5", name="学生", sex="F", class_id=c0703)
    ids["S6"] = make("student", student_no="S6", name="学生", sex="F", class_id=c0702)
    ids["0702"] = c0702
    return ids


def visit(make: Callable[..., int], world: dict[str, int], student: str, teacher: str,
          mode: str | None, date: str = "2025-10-10") -> None:  # fmt: skip
    values: dict[str, Any] = {
        "date": date,
        "student_id": world[student],
        "teacher_id": world[teacher],
    }
    if mode is not None:
        values["mode"] = mode
    make("home_visit", **values)


def judged(school: School, term_name: str = TERM) -> Any:
    term = find_term(school.db, term_name)
    return measure_rule(TermContext(school.db, term, school.today()), BJ_3_1)


def details(result: Any) -> dict[str, str]:
    return {e.key: e.detail for e in result.evidence}


def test_only_the_head_teachers_visits_in_the_home_count(school, make, world):
    visit(make, world, "S1", "T02", "in_home")  # counted: own head teacher, in the home
    visit(make, world, "S2", "T02", "phone")
    visit(make, world, "S3", "T05", "in_home")  # another class's head teacher
    visit(make, world, "S4", "T02", "video")
    visit(make, world, "S4", "T02", "at_school")
    visit(make, world, "S4", "T02", None)  # 方式 not recorded
    visit(make, world, "S5", "T02", "in_home")  # 0703 has no head teacher recorded
    visit(make, world, "S6", "T05", "in_home")  # counted: T05 heads 0702

    result = judged(school)

    # 2 of 6 students visited in the home by their head teacher: 2 / 6 = 0.3333 < 1.0, and the
    # autumn term is not the school year's last: 学年末评定.
    assert (result.status, result.value) == (YEAR_END, 0.3333)
    assert details(result) == {
        "S2": "本学年没有班主任入户家访，另有电话 1 次，不计入",
        "S3": "本学年没有班主任入户家访，另有非班主任入户 1 次，不计入",
        "S4": "本学年没有班主任入户家访，另有视频 1 次、到校 1 次、方式未登记 1 次，不计入",
        "S5": "班级 0703 未登记班主任，无法认定班主任家访，另有非班主任入户 1 次，不计入",
    }
    assert result.note.startswith(
        "在读学生 6 名，本学年由班主任入户家访 2 名；另有电话 1 次、视频 1 次、到校 1 次、"
        "非班主任入户 2 次、方式未登记 1 次不计入（只计班主任入户家访）"
    )


def test_every_student_visited_in_the_home_passes(school, make, world):
    for number in ("S1", "S2", "S3", "S4"):
        visit(make, world, number, "T02", "in_home")
    visit(make, world, "S6", "T05", "in_home")
    # S5's class has no head teacher: give it one, and that teacher's visit counts.
    school.db.execute(
        "UPDATE class SET head_teacher_id = ? WHERE class_code = '0703'", (world["T05"],)
    )
    visit(make, world, "S5", "T05", "in_home")
    result = judged(school)
    assert (result.status, result.value, result.evidence) == (PASS, 1.0, [])


def test_in_the_years_last_term_a_shortfall_fails(school, make, world, monkeypatch):
    monkeypatch.setattr(school, "clock", fixed_clock(dt.datetime(2026, 7, 20, 9, tzinfo=CHINA)))
    make("term", name=SPRING, first_day="2026-02-23", last_day="2026-07-10")
    for number in ("S1", "S2", "S3", "S4"):
        visit(make, world, number, "T02", "in_home", date="2026-03-10")
    visit(make, world, "S6", "T05", "phone", date="2026-03-10")
    # 4 of 6 (S5 and S6 not): in the spring term, the last of 2025—2026, that is a failure.
    result = judged(school, SPRING)
    assert (result.status, result.value) == (FAIL, 0.6667)
    assert sorted(details(result)) == ["S5", "S6"]
    assert "按全学年" in result.note


def test_the_head_teacher_is_the_one_of_the_terms_school_year(school, make, world, records):
    # Last year (2024—2025) S6 sat in 0601, whose head teacher was T02; this year T05 heads S6's
    # 0702. T02's visit in May 2025 counts for last year's spring term, and not for this year.
    records.create(
        "term", {"name": LAST_SPRING, "first_day": "2025-02-17", "last_day": "2025-07-04"}
    )
    c0601 = make("class", school_year=2024, class_code="0601", grade=6, name="六年级1班",
                 head_teacher_id=world["T02"])  # fmt: skip
    school.db.execute(
        "INSERT INTO enrolment (student_id, school_year, class_id) VALUES (?, 2024, ?)",
        (world["S6"], c0601),
    )
    visit(make, world, "S6", "T02", "in_home", date="2025-05-10")
    last_year = judged(school, LAST_SPRING)
    assert (last_year.status, last_year.value) == (PASS, 1.0)  # S6 was its only student
    # This year T02's visit (October) is not by S6's head teacher.
    visit(make, world, "S6", "T02", "in_home", date="2025-10-10")
    assert details(judged(school))["S6"] == (
        "本学年没有班主任入户家访，另有非班主任入户 1 次，不计入"
    )


def test_the_beijing_report_files_it_under_the_plans_section(school, make, world):
    result = run_self_check(school, TERM, "beijing-2023").result("BJ-3.1-home-visits")
    assert result.status == YEAR_END
    assert BJ_3_1.category == "三、加强家校社协同，凝聚心理健康工作合力"
    assert BJ_3_1.clause == "三（一）"
