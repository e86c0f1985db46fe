"""Readable record values: names for references, words for codes, and who may write what."""

from __future__ import annotations

import dataclasses

import pytest

from counselor_app.foundation.errors import NotPermitted, ValidationFailed
from counselor_app.foundation.i18n import set_language
from counselor_app.records.catalog import ALL, BY_TYPE, spec_for
from counselor_app.records.permissions import hidden_fields, may_write
from counselor_app.records.service import RecordService
from counselor_app.records.text import field_text, load_names, record_texts, short_label
from counselor_app.school.core import ADMIN, School, User


@pytest.fixture
def ids(school: School) -> dict[str, int]:
    records = RecordService(school)
    made = {
        "campus": records.create("campus", {"name": "东校区"}).record_id,
        "term": records.create(
            "term", {"name": "2025秋", "first_day": "2025-09-01", "last_day": "2026-01-23"}
        ).record_id,
    }
    made["teacher"] = records.create(
        "staff", {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师"}
    ).record_id
    made["class"] = records.create(
        "class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}
    ).record_id
    made["zhang"] = records.create(
        "student",
        {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": made["class"]},
    ).record_id
    made["li"] = records.create(
        "student",
        {"student_no": "20250002", "name": "李玥", "sex": "女", "class_id": made["class"]},
    ).record_id
    return made


def test_names_of_everything_a_record_points_at(school: School, ids: dict[str, int]) -> None:
    names = load_names(school.db)
    assert names.students == {ids["zhang"]: "张三（20250001）", ids["li"]: "李玥（20250002）"}
    assert names.staff == {ids["teacher"]: "李心怡"}
    assert names.classes == {ids["class"]: "七年级1班"}
    assert names.campuses == {ids["campus"]: "东校区"}
    assert names.name("student", 999) == "#999"  # never silently blank


def test_a_session_reads_as_words(school: School, ids: dict[str, int]) -> None:
    records = RecordService(school)
    change = records.create(
        "session",
        {
            "date": "2025-10-09", "start_time": "14:00", "minutes": 50, "kind": "团体",
            "students": [ids["zhang"], ids["li"]], "counsellor_id": ids["teacher"],
            "topic": "学业", "risk_level": 2,
        },
    )  # fmt: skip
    spec = spec_for("session")
    names = load_names(school.db)
    text = dict(
        zip(
            [f.name for f in spec.fields],
            record_texts(spec, spec.fields, records.get("session", change.record_id), names),
            strict=True,
        )
    )
    assert text["students"] == "张三（20250001）；李玥（20250002）"
    assert text["counsellor_id"] == "李心怡"
    assert text["kind"] == "团体" and text["topic"] == "学业"
    assert text["risk_level"] == "2 重点关注"
    assert text["minutes"] == "50" and text["summary"] == ""

    set_language("en")
    assert field_text(spec, spec.field("topic"), "study", names) == "Study"


def test_other_kinds_of_values(school: School, ids: dict[str, int]) -> None:
    names = load_names(school.db)
    activity, consent, hours = spec_for("activity"), spec_for("consent"), spec_for("room_hours")
    report = spec_for("abnormal_report")
    assert field_text(activity, activity.field("psych_content"), True, names) == "是"
    assert field_text(activity, activity.field("classes"), [ids["class"]], names) == "七年级1班"
    assert (
        field_text(consent, consent.field("scope"), ["screening", "referral"], names)
        == "测评；转介"
    )
    assert field_text(hours, hours.field("weekday"), 3, names) == "三"
    assert (
        field_text(report, report.field("reporter"), ("student", ids["li"]), names)
        == "李玥（20250002）"
    )
    screening = spec_for("screening")
    assert field_text(screening, screening.field("score"), 12.0, names) == "12"


def test_screen_labels_name_the_person_not_the_key() -> None:
    session, plan = spec_for("session"), spec_for("crisis_plan")
    assert short_label(session.field("students")) == "学生"
    assert short_label(session.field("counsellor_id")) == "辅导教师"
    assert short_label(plan.field("care_peers")) == "关爱小组同伴"
    assert short_label(spec_for("activity").field("classes")) == "班级"
    assert short_label(session.field("minutes")) == "时长(分钟)"
    set_language("en")
    assert short_label(session.field("counsellor_id")) == "Counsellor"


@pytest.mark.parametrize("spec", [*ALL, BY_TYPE["campus"]], ids=lambda s: s.type)
def test_may_write_agrees_with_the_service(school: School, spec) -> None:
    records = RecordService(school)
    assert may_write(school, spec.type)
    school.user = dataclasses.replace(school.user, role=ADMIN)
    expected = NotPermitted if not may_write(school, spec.type) else ValidationFailed
    with pytest.raises(expected):
        records.create(spec.type, {})  # empty: refused for the role, or for the missing values


def test_a_manager_reads_no_confidential_field(school: School) -> None:
    assert hidden_fields(school, "session") == frozenset()
    school.user = User("管理员甲", ADMIN)
    assert hidden_fields(school, "session") == {"summary", "follow_up", "risk_level"}
    assert hidden_fields(school, "activity") == frozenset()
    assert not may_write(school, "session") and may_write(school, "activity")
