"""A crisis case as stored: steps and referral changes written, sealed and read back, the cases
overdue, the school's due days, and a school made before schema 8.

Today is Thursday 2025-10-16 (the ``clock`` fixture), in the autumn term 2025-09-01 to 2026-01-23.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from counselor_app.crisis import OVERDUE, case_status, case_statuses, overdue_cases
from counselor_app.crisis.due_days import DEFAULT, DueDays, read_due_days, write_due_days
from counselor_app.crisis.history import (
    add_referral_change,
    add_step,
    remove_step,
)
from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput, NotPermitted, ValidationFailed
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, School, unlock, write_setting
from tests.conftest import CHINA

TODAY = dt.date(2025, 10, 16)
D = dt.date


def world(school: School) -> dict[str, int]:
    records = RecordService(school)

    def make(record_type: str, **values: object) -> int:
        return records.create(record_type, values).record_id

    make("term", name="2025—2026学年第一学期", first_day="2025-09-01", last_day="2026-01-23")
    wang = make("staff", staff_no="T01", name="王老师", roles="专职心理教师")
    klass = make("class", class_code="0701", grade=7, name="七年级1班")
    a = make("student", student_no="20250001", name="陈喆", sex="男", class_id=klass)
    b = make("student", student_no="20250002", name="李玥", sex="女", class_id=klass)
    c = make("student", student_no="20250003", name="赵晞", sex="女", class_id=klass)
    # Reported Friday 10-10, level 3: assess by Mon 10-13, guardian 10-10, refer by 10-12.
    late = make("crisis_plan", student_id=a, created_on="2025-10-10", level=3)
    # Reported Wed 10-15, level 1: assess by Thu 10-16 (today), guardian told on the day.
    fresh = make(
        "crisis_plan",
        student_id=b,
        created_on="2025-10-15",
        level=1,
        guardian_informed_on="2025-10-15",
    )
    # Closed on 10-14 without a closing review: 2 days overdue.
    closed = make(
        "crisis_plan", student_id=c, created_on="2025-09-01", level=2, closed_on="2025-10-14"
    )
    return {"wang": wang, "late": late, "fresh": fresh, "closed": closed, "a": a}


def test_steps_and_referral_changes_are_kept_sealed_and_read_back(school):
    ids = world(school)
    add_step(school, ids["late"], "assess", D(2025, 10, 13), ids["wang"], "  与学生面谈  ")
    add_referral_change(
        school, ids["late"], D(2025, 10, 11), "suggested", "市精神卫生中心", ids["wang"], "家长犹豫"
    )
    add_referral_change(school, ids["late"], D(2025, 10, 12), "referred", "市精神卫生中心")
    stored = school.db.scalar("SELECT note FROM crisis_step")
    assert stored.startswith("sealed:v1:") and "面谈" not in stored
    assert school.db.scalar("SELECT place FROM crisis_referral LIMIT 1").startswith("sealed:v1:")

    status = case_status(school, ids["late"], TODAY)
    assess = status.steps[0]
    assert (assess.step, assess.done_on, assess.done_by, assess.note) == (
        "assess",
        D(2025, 10, 13),
        "王老师",
        "与学生面谈",
    )
    assert [(r.changed_on, r.status, r.place, r.by) for r in status.referrals] == [
        (D(2025, 10, 11), "suggested", "市精神卫生中心", "王老师"),
        (D(2025, 10, 12), "referred", "市精神卫生中心", None),
    ]
    # Referred on 10-12: the referral step is done; only the guardian (due 10-10) is overdue.
    assert [(s.step, s.days_overdue) for s in status.overdue] == [("inform_guardian", 6)]
    # Read with the database alone, the notes are left out, the dates are not.
    bare = case_status(school.db, ids["late"], TODAY)
    assert bare.steps[0].note is None and bare.steps[0].done_on == D(2025, 10, 13)
    assert bare.referrals[0].place is None


def test_overdue_cases_come_most_overdue_first(school):
    ids = world(school)
    cases = overdue_cases(school, TODAY)
    # late: guardian 10-10 → 6 days; closed: closing review 10-14 → 2 days; fresh: nothing yet.
    assert [(plan, case.days_overdue) for plan, _, case in cases] == [
        (ids["late"], 6),
        (ids["closed"], 2),
    ]
    assert cases[0][1] == ids["a"]
    late = cases[0][2]
    assert {s.step: s.days_overdue for s in late.overdue} == {
        "assess": 3,
        "inform_guardian": 6,
        "refer": 4,
    }
    states = {c.plan_id: c.state for c in case_statuses(school, TODAY)}
    assert states == {ids["late"]: OVERDUE, ids["fresh"]: "open", ids["closed"]: OVERDUE}
    add_step(school, ids["closed"], "close", D(2025, 10, 14), note="结案评估：情绪稳定")
    assert case_status(school, ids["closed"], TODAY).state == "closed"


def test_a_step_cannot_be_dated_in_the_future_nor_before_the_plan(school):
    ids = world(school)
    with pytest.raises(ValidationFailed) as caught:
        add_step(school, ids["fresh"], "assess", D(2025, 10, 17))
    assert "2025-10-16" in caught.value.problems[0].message.render()
    with pytest.raises(ValidationFailed):
        add_step(school, ids["fresh"], "assess", D(2025, 10, 14))
    with pytest.raises(InvalidInput):
        add_step(school, 999, "assess", TODAY)


def test_a_step_entered_by_mistake_can_be_removed_and_the_trail_says_so(school):
    ids = world(school)
    add_step(school, ids["fresh"], "assess", TODAY)
    step_id = case_status(school, ids["fresh"], TODAY).steps[0].record_id
    assert step_id is not None
    remove_step(school, step_id)
    assert case_status(school, ids["fresh"], TODAY).steps[0].done_on is None
    actions = [r["action"] for r in school.db.query("SELECT action FROM audit_log")]
    assert actions[-2:] == ["create", "delete"]


def test_a_deleted_plan_takes_its_history_to_the_recycle_bin_and_back(school):
    ids = world(school)
    add_step(school, ids["late"], "assess", D(2025, 10, 13), ids["wang"], "面谈")
    add_referral_change(school, ids["late"], D(2025, 10, 12), "referred", "市精神卫生中心")
    RecordService(school).delete("crisis_plan", ids["late"])
    assert school.db.scalar("SELECT count(*) FROM crisis_step") == 0
    RecycleBin(school).undo_last_delete()
    status = case_status(school, ids["late"], TODAY)
    assert status.steps[0].note == "面谈" and status.referrals[0].place == "市精神卫生中心"


def test_the_school_sets_its_own_due_days(school):
    ids = world(school)
    assert read_due_days(school) == DEFAULT == DueDays(1, 0, 2, 0, 4)
    write_due_days(school, DueDays(assess_school_days=3, inform_guardian_days=2, refer_days=5))
    # Reported Friday 10-10: Mon, Tue, Wed → assess by 10-15; guardian by 10-12; refer by 10-15.
    status = case_status(school, ids["late"], TODAY)
    assert {s.step: s.due_on for s in status.steps[:3]} == {
        "assess": D(2025, 10, 15),
        "inform_guardian": D(2025, 10, 12),
        "refer": D(2025, 10, 15),
    }
    with pytest.raises(ValueError):
        write_due_days(school, DueDays(review_weeks=0))
    # A value edited by hand into nonsense reads as the default, the others as stored.
    write_setting(school, "crisis.due_days", {"assess_school_days": "x", "refer_days": 7})
    assert read_due_days(school) == DueDays(refer_days=7)


def test_an_administrator_reads_the_dates_but_cannot_write_the_history(school_paths, clock):
    from tests.conftest import make_school

    created = make_school(school_paths)
    school = created.school
    ids = world(school)
    add_step(school, ids["late"], "assess", D(2025, 10, 13), note="面谈")
    add_account(school, "赵主任", ADMIN, "admin-password-2")
    school.close()
    with unlock(school_paths, "赵主任", "admin-password-2", clock=clock) as admin:
        status = case_status(admin, ids["late"], TODAY)
        assert status.steps[0].done_on == D(2025, 10, 13) and status.steps[0].note is None
        with pytest.raises(NotPermitted):
            add_step(admin, ids["late"], "review", TODAY)


FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema5"


def test_a_plan_written_before_the_workflow_still_reads_and_is_judged(tmp_path):
    """The schema-5 fixture's plan: created Friday 2025-10-10, level 2, guardian told that day,
    next review 2025-12-10, its safety plan in the old single box; opened on 2026-02-10."""
    paths = SchoolPaths(tmp_path / "old")
    shutil.copytree(FIXTURE, paths.root, ignore=shutil.ignore_patterns("selfcheck"))
    clock = fixed_clock(dt.datetime(2026, 2, 10, 9, 0, tzinfo=CHINA))
    with unlock(paths, "王老师", "fixture-password-5", clock=clock) as school:
        (plan,) = RecordService(school).find("crisis_plan")
        assert plan["safety_plan"] == "旧版记录：情绪低落时找班主任"
        assert plan["warning_signs"] is None and plan["reported_on"] is None
        status = case_status(school, plan["id"], dt.date(2026, 2, 10))
        by_step = {s.step: s for s in status.steps}
        assert by_step["inform_guardian"].done_on == D(2025, 10, 10)
        # Never assessed by the workflow: due Mon 2025-10-13, 120 days before 2026-02-10; the
        # review was due four weeks after the plan, on 2025-11-07, 95 days before.
        assert by_step["assess"].days_overdue == 120
        assert by_step["review"].due_on == D(2025, 11, 7)
        assert by_step["review"].days_overdue == 95
        assert "refer" not in by_step and status.referrals == []


def test_a_risk_level_recorded_after_the_report_counts_as_the_assessment(school):
    ids = world(school)
    RecordService(school).create(
        "risk_assessment", {"date": "2025-10-13", "student_id": ids["a"], "level": 3}
    )
    assess = case_status(school, ids["late"], TODAY).steps[0]
    assert assess.done_on == D(2025, 10, 13) and not assess.overdue


def test_the_students_file_carries_the_case_and_a_closed_one_only_while_it_owes(school):
    from counselor_app.student_file.overview import student_overview

    ids = world(school)
    late = student_overview(school, ids["a"]).case
    assert late is not None and late.plan_id == ids["late"] and late.state == OVERDUE
    closed_student = school.db.scalar(
        "SELECT student_id FROM crisis_plan WHERE id = ?", (ids["closed"],)
    )
    # Closed on 10-14 with no closing review: still shown, for what it owes.
    owing = student_overview(school, closed_student).case
    assert owing is not None and [s.step for s in owing.overdue] == ["close"]
    add_step(school, ids["closed"], "close", D(2025, 10, 14))
    assert student_overview(school, closed_student).case is None
