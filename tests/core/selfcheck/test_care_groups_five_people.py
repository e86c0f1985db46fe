"""SC-13-care-groups: 「由专职心理教师、班主任、相关任课教师、关系较好同学和学生家长组成的关爱小组」
is five different people: the full-time psych teacher, the student's head teacher (of that school
year), a subject teacher other than the head teacher, a classmate of that year, a parent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from counselor_app.records.service import RecordService
from counselor_app.selfcheck.result import FAIL, PASS

MEMBERS = {"members": ["psych_teacher", "head_teacher", "subject_teacher", "peer", "parent"]}
LAST_YEAR = "2024—2025学年第二学期"


@pytest.fixture
def people(make: Callable[..., int]) -> dict[str, int]:
    ids = {
        "psych": make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"]),
        "part": make("staff", staff_no="T06", name="钱老师", roles=["parttime_psych"]),
        # The head teacher of 0701 also teaches a subject, as most do.
        "head": make(
            "staff", staff_no="T02", name="李老师", roles=["head_teacher", "subject_teacher"]
        ),
        "subject": make("staff", staff_no="T03", name="张老师", roles=["subject_teacher"]),
        # One person who is both a full-time psych teacher and a subject teacher.
        "psych_subject": make(
            "staff", staff_no="T04", name="孙老师", roles=["fulltime_psych", "subject_teacher"]
        ),
    }
    c0701 = make("class", class_code="0701", grade=7, name="七年级1班", head_teacher_id=ids["head"])
    c0702 = make("class", class_code="0702", grade=7, name="七年级2班")
    ids["key"] = make("student", student_no="S1", name="甲", sex="F", class_id=c0701)
    ids["classmate"] = make("student", student_no="S2", name="乙", sex="F", class_id=c0701)
    ids["other_class"] = make("student", student_no="S3", name="丙", sex="M", class_id=c0702)
    make("risk_assessment", date="2025-09-10", student_id=ids["key"], level=2)
    return ids


def plan(make: Callable[..., int], people: dict[str, int], *teachers: str, **values: Any) -> int:
    values.setdefault("care_peers", [people["classmate"]])
    values.setdefault("care_parents", ["母亲"])
    return make(
        "crisis_plan",
        student_id=people["key"],
        created_on="2025-09-12",
        level=2,
        care_teachers=[people[t] for t in teachers],
        **values,
    )


def detail(result: Any) -> str:
    [evidence] = result.evidence
    return evidence.detail


def test_five_different_people_pass(make, people, measure):
    plan(make, people, "psych", "head", "subject")
    result = measure("care_groups_complete", MEMBERS)
    assert (result.status, result.value, result.evidence) == (PASS, 1.0, [])


def test_the_head_teacher_is_not_also_the_subject_teacher(make, people, measure):
    # T02 is head teacher and subject teacher: one person, so the group has four, not five.
    plan(make, people, "psych", "head")
    result = measure("care_groups_complete", MEMBERS)
    assert (result.status, result.value) == (FAIL, 0.0)
    assert detail(result) == "缺少班主任以外的任课教师（工号 T02 已算作另一名成员，一人只算一名）"


def test_the_psych_teacher_is_not_also_the_subject_teacher(make, people, measure):
    # T04 holds both roles; with the head teacher that is three roles in two people.
    plan(make, people, "psych_subject", "head")
    result = measure("care_groups_complete", MEMBERS)
    assert result.status == FAIL
    assert detail(result).startswith("缺少班主任以外的任课教师")
    # Boundary: the same T04 with another subject teacher makes three different staff.
    make("crisis_plan", student_id=people["key"], created_on="2025-10-01", level=2,
         care_teachers=[people["psych_subject"], people["head"], people["subject"]],
         care_peers=[people["classmate"]], care_parents=["母亲"])  # fmt: skip
    assert measure("care_groups_complete", MEMBERS).status == PASS


def test_a_part_time_psych_teacher_is_not_the_full_time_one(make, people, measure):
    plan(make, people, "part", "head", "subject")
    result = measure("care_groups_complete", MEMBERS)
    assert detail(result) == "缺少专职心理教师"


def test_the_peer_is_a_classmate_of_that_year(make, people, measure):
    # 丙 is in 0702, not the key student's 0701; the student herself is not her own peer.
    plan(
        make, people, "psych", "head", "subject", care_peers=[people["other_class"], people["key"]]
    )
    result = measure("care_groups_complete", MEMBERS)
    assert detail(result) == "缺少同班同学"


def test_a_classmate_is_judged_by_the_class_of_the_terms_year(
    school, make, people, records: RecordService
):
    # Last year (2024—2025) 丙 sat in the key student's class 0601; this year they are apart.
    # Judged for last year's spring term, 丙 is a classmate; for this year's autumn term, not.
    from counselor_app.selfcheck.context import TermContext, find_term
    from counselor_app.selfcheck.metrics import all_metrics

    records.create("term", {"name": LAST_YEAR, "first_day": "2025-02-17", "last_day": "2025-07-04"})
    c0601 = make("class", school_year=2024, class_code="0601", grade=6, name="六年级1班",
                 head_teacher_id=people["head"])  # fmt: skip
    for student in ("key", "other_class"):
        school.db.execute(
            "INSERT INTO enrolment (student_id, school_year, class_id) VALUES (?, 2024, ?)",
            (people[student], c0601),
        )
    make("risk_assessment", date="2025-03-01", student_id=people["key"], level=2)
    make("crisis_plan", student_id=people["key"], created_on="2025-03-02", level=2,
         care_teachers=[people["psych"], people["head"], people["subject"]],
         care_peers=[people["other_class"]], care_parents=["母亲"])  # fmt: skip

    def care_groups(term_name: str) -> Any:
        term = find_term(school.db, term_name)
        context = TermContext(school.db, term, school.today())
        return all_metrics()["care_groups_complete"](context, MEMBERS)

    assert care_groups(LAST_YEAR).status == PASS
    assert detail(care_groups("2025—2026学年第一学期")) == "缺少同班同学"


def test_a_parent_is_needed(make, people, measure):
    plan(make, people, "psych", "head", "subject", care_parents=[])
    assert detail(measure("care_groups_complete", MEMBERS)) == "缺少家长"
