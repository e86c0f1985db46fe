"""A student's file as the screen shows it: level today and its history, the open plan with its
care group, and the timeline newest first with each entry's fields; a 管理员 gets None where
confidential text was withheld. Opening it is audited once."""

from __future__ import annotations

import pytest

from counselor_app.foundation.i18n import set_language
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, User
from counselor_app.student_file.overview import student_overview
from counselor_app.students.risk_levels import level_on
from tests.core.test_dashboard import build_world


@pytest.fixture
def world(school: School) -> dict[str, int]:
    ids = build_world(school)
    records = RecordService(school)
    records.update("crisis_plan", ids["plan_a"], {
        "care_teachers": [ids["wang"], ids["liu"]],
        "care_peers": [ids["b"]],
        "care_parents": ["父亲 张大"],
        "safety_plan": "每天放学前与班主任见面",
        "referral_to": "市心理门诊",
    })  # fmt: skip
    records.create("session", {
        "date": "2025-10-15", "start_time": "14:00", "minutes": 50, "kind": "个体",
        "students": [ids["a"]], "counsellor_id": ids["wang"], "topic": "学业",
        "summary": "考试焦虑，练习呼吸放松", "follow_up": "下周再谈", "risk_level": 3,
    })  # fmt: skip
    return ids


def opened(school: School) -> int:
    return int(
        school.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'open_student_file'")
    )


def test_a_counsellor_sees_everything(school: School, world: dict[str, int]) -> None:
    before = opened(school)
    file = student_overview(school, world["a"])
    assert opened(school) == before + 1
    assert file.student.name == "张三" and file.student.class_name == "七年级1班"
    assert file.student.head_teacher == "刘老师"
    assert (file.level, file.level_since) == (3, "2025-10-15")
    assert [(e.date, e.level, e.record_type) for e in file.level_history] == [
        ("2025-09-18", 2, "risk_assessment"),
        ("2025-09-20", 2, "crisis_plan"),
        ("2025-10-15", 3, "session"),
    ]
    assert [(e.date, e.record_type) for e in file.timeline][:2] == [
        ("2025-10-16", "appointment"),
        ("2025-10-15", "session"),
    ]
    session = file.timeline[1]
    shown = {d.label: d.text for d in session.details}
    assert shown["摘要"] == "考试焦虑，练习呼吸放松"
    assert shown["辅导教师"] == "王老师" and shown["风险等级"] == "3 危机"
    assert not file.redacted and not session.withheld
    plan = file.plan
    assert plan is not None and plan.next_review_on == "2025-10-13"
    assert plan.safety_plan == "每天放学前与班主任见面"
    assert [(m.name, m.role) for m in plan.care_group] == [
        ("王老师", "专职心理教师"),
        ("刘老师", "班主任"),
        ("李四", "同伴（七年级1班）"),
        ("父亲 张大", "家长"),
    ]


def test_an_administrator_reads_no_confidential_text(school: School, world) -> None:
    school.user = User("教务处", "admin")
    file = student_overview(school, world["a"])
    assert file.redacted
    session = next(e for e in file.timeline if e.record_type == "session")
    shown = {d.label: d.text for d in session.details}
    assert shown["摘要"] is None and shown["风险等级"] is None and session.withheld
    assert shown["辅导教师"] == "王老师"  # who and when are not confidential
    assert file.plan is not None and file.plan.safety_plan is None and file.plan.redacted
    # Without the session's assessment the level today is the plan's.
    assert (file.level, file.level_since) == (2, "2025-09-18")


def test_an_entry_with_nothing_coded_is_summed_up_by_who(school: School, world) -> None:
    file = student_overview(school, world["d"])
    follow_up = next(e for e in file.timeline if e.record_type == "follow_up")
    assert follow_up.summary == "王老师"  # not the confidential content
    assert file.plan is not None and file.last_closed_plan_on is None


def test_words_follow_the_language(school: School, world) -> None:
    set_language("en")
    file = student_overview(school, world["a"])
    assert file.timeline[1].kind_label == "Counselling session"  # one entry, one session
    assert file.plan is not None and file.plan.care_group[3].role == "Parent"


def test_the_level_on_a_day(school: School, world) -> None:
    import datetime as dt

    history = student_overview(school, world["a"]).level_history
    assert level_on(history, dt.date(2025, 9, 1)) == (None, None)
    assert level_on(history, dt.date(2025, 9, 30)) == (2, "2025-09-18")
