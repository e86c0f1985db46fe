"""The school row and per-school options as the settings screen reads and writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.errors import ValidationFailed
from counselor_app.foundation.i18n import set_language
from counselor_app.school.core import School
from counselor_app.settings.school_settings import (
    check_school_info,
    read_school_info,
    save_school_info,
    suggested_term,
)


def test_saving_the_school_row_keeps_what_was_not_given_and_reads_back(school: School):
    changed = save_school_info(
        school,
        {
            "hotline": "0527-1234567",
            "room_functions": ["individual", "sandplay"],
            "booking_channels": ["phone"],
            "room_area_m2": "24.5",
            "room_equipment": ["沙盘", "心理测量软件"],
        },
    )
    assert set(changed) == {
        "hotline",
        "room_functions",
        "booking_channels",
        "room_area_m2",
        "room_equipment",
    }
    info = read_school_info(school)
    assert info["name"] == "实验中学"  # not given, kept
    assert info["hotline"] == "0527-1234567"
    assert info["room_area_m2"] == 24.5
    assert info["room_functions"] == ["individual", "sandplay"]
    assert info["room_equipment"] == ["沙盘", "心理测量软件"]
    assert save_school_info(school, {"hotline": "0527-1234567"}) == []  # nothing changed


def test_wrong_values_are_named_by_field_and_nothing_is_written(school: School):
    problems = check_school_info(school, {"name": " ", "room_area_m2": "0"})
    by_field = {p.field: str(p.message) for p in problems}
    assert set(by_field) == {"name", "room_area_m2"}
    assert "最小为 1" in by_field["room_area_m2"]
    with pytest.raises(ValidationFailed) as caught:
        save_school_info(school, {"name": "", "hotline": "12345"})
    assert [p.field for p in caught.value.problems] == ["学校名称"]
    assert read_school_info(school)["hotline"] is None


def test_campuses_are_added_and_removed_but_not_while_in_use(school: School):
    save_school_info(school, {"campuses": ["本部", "东校区"]})
    assert sorted(read_school_info(school)["campuses"]) == ["东校区", "本部"]
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO class (school_year, class_code, grade, name, campus_id)"
            " VALUES (2025, 'J2501', 7, '初一(1)班', (SELECT id FROM campus WHERE name = '东校区'))"
        )
    problems = check_school_info(school, {"campuses": ["本部"]})
    assert [p.field for p in problems] == ["campuses"]
    assert "东校区" in str(problems[0].message) and "1 个班级" in str(problems[0].message)
    with pytest.raises(ValidationFailed):
        save_school_info(school, {"campuses": ["本部"]})
    save_school_info(school, {"campuses": ["东校区"]})  # 本部 is free to go
    assert read_school_info(school)["campuses"] == ["东校区"]


def test_messages_follow_the_language(school: School):
    set_language("en")
    problems = check_school_info(school, {"room_area_m2": "big"})
    assert str(problems[0].message) == "expected a number"


def test_the_suggested_new_term_follows_the_last_one():
    today = dt.date(2025, 10, 16)
    assert suggested_term([], today) == (
        "2025—2026学年第一学期",
        dt.date(2025, 9, 1),
        dt.date(2026, 1, 20),
    )
    autumn = (dt.date(2025, 9, 1), dt.date(2026, 1, 16))
    name, first, _ = suggested_term([autumn], today)
    assert (name, first) == ("2025—2026学年第二学期", dt.date(2026, 2, 20))
    spring = (dt.date(2026, 2, 23), dt.date(2026, 7, 3))
    assert suggested_term([autumn, spring], today)[0] == "2026—2027学年第一学期"
