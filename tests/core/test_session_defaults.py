"""What a new session is filled in with: today, now rounded down to five minutes, 50 minutes,
individual, and the signed-in user's own staff member or else the first full-time psych teacher."""

from __future__ import annotations

import datetime as dt

from counselor_app.records.service import RecordService
from counselor_app.records.session_defaults import counsellors, session_defaults, start_time_for
from counselor_app.school.core import School, User


def add_staff(school: School) -> dict[str, int]:
    records = RecordService(school)
    staff = {
        "part": ("T01", "陈老师", "兼职心理教师"),
        "full_b": ("T03", "周老师", "专职心理教师"),
        "full_a": ("T02", "王老师", "专职心理教师;任课教师"),
        "head": ("T04", "刘老师", "班主任"),
    }
    return {
        key: records.create("staff", {"staff_no": no, "name": name, "roles": roles}).record_id
        for key, (no, name, roles) in staff.items()
    }


def test_the_start_is_now_rounded_down_to_five_minutes() -> None:
    assert start_time_for(dt.datetime(2025, 10, 16, 10, 34)) == "10:30"
    assert start_time_for(dt.time(8, 5)) == "08:05"
    assert start_time_for(dt.time(23, 59)) == "23:55"


def test_defaults_for_a_counsellor_not_linked_to_a_staff_member(school: School) -> None:
    ids = add_staff(school)
    defaults = session_defaults(school)
    assert defaults.date == dt.date(2025, 10, 16)  # the school's clock: 10:30
    assert defaults.start_time == "10:30"
    assert (defaults.minutes, defaults.kind) == (50, "individual")
    # Full-time psych teachers first (by 工号), then part-time; the head teacher is not offered.
    assert [c.name for c in defaults.counsellors] == ["王老师", "周老师", "陈老师"]
    assert defaults.counsellor_id == ids["full_a"]
    values = defaults.values()
    assert values["counsellor_id"] == ids["full_a"] and values["date"] == "2025-10-16"


def test_the_linked_staff_member_comes_first_even_without_a_psych_role(school: School) -> None:
    ids = add_staff(school)
    school.user = User(school.user.name, school.user.role, staff_id=ids["head"])
    defaults = session_defaults(school)
    assert defaults.counsellor_id == ids["head"]
    assert "刘老师" in [c.name for c in defaults.counsellors]
    school.user = User(school.user.name, school.user.role, staff_id=ids["part"])
    assert session_defaults(school).counsellor_id == ids["part"]


def test_no_psych_teacher_no_default(school: School) -> None:
    assert counsellors(school.db) == []
    assert session_defaults(school).counsellor_id is None
