"""The room's rules: a week of open slots and duty, and bookings refused with the reason.

Today is Thursday 2025-10-16 (tests/conftest.py), in the autumn term 2025-09-01 … 2026-01-23. The
week under test is Monday 2025-10-20 … Sunday 10-26 (week 8): the room opens 10:00–12:00 on
Monday, Tuesday, Thursday and Friday and 12:10–13:10 on Wednesday; Thursday 10-23 is the school's
sports day (closed). New Year's Day 2026-01-01 and the Friday after are public holidays.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from counselor_app.foundation.errors import ValidationFailed
from counselor_app.foundation.i18n import set_language
from counselor_app.records.service import RecordService
from counselor_app.room.rules import check_appointment, first_free_start, room_week
from counselor_app.school.core import School

MONDAY = "2025-10-20"
WEDNESDAY = "2025-10-22"
SPORTS_DAY = "2025-10-23"
SATURDAY = "2025-10-25"
NEW_YEAR = "2026-01-01"


@pytest.fixture
def records(school: School) -> RecordService:
    service = RecordService(school)
    service.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    )
    teacher = service.create(
        "staff", {"staff_no": "T01", "name": "李心怡", "roles": "专职心理教师"}
    ).record_id
    for weekday in (1, 2, 4, 5):
        service.create(
            "room_hours",
            {
                "weekday": weekday,
                "start_time": "10:00",
                "end_time": "12:00",
                "duty_staff_id": teacher,
                "valid_from": "2025-09-01",
            },
        )
    service.create(
        "room_hours",
        {"weekday": 3, "start_time": "12:10", "end_time": "13:10", "valid_from": "2025-09-01"},
    )
    # The sports day closes the whole school (全校停课), so it lowers the week's bar.
    service.create("closure_day", {"date": SPORTS_DAY, "reason": "校运动会", "scope": "school"})
    return service


def book(records: RecordService, date: str, start: str, minutes: int = 50, **more: Any) -> int:
    values = {"date": date, "start_time": start, "minutes": minutes, "parent_name": "张家长"}
    values["channel"] = "电话"
    values.update(more)
    return records.create("appointment", values).record_id


def refusal(records: RecordService, date: str, start: str, minutes: int = 50) -> list[str]:
    with pytest.raises(ValidationFailed) as excinfo:
        book(records, date, start, minutes)
    return [p.render() for p in excinfo.value.problems]


def count(school: School) -> int:
    return int(school.db.scalar("SELECT count(*) FROM appointment"))


# -- clashes -------------------------------------------------------------------------------------


def test_a_booking_over_another_is_refused_naming_its_time(records, school):
    book(records, MONDAY, "10:00")
    assert refusal(records, MONDAY, "10:30") == ["开始时间: 与 10:00–10:50 的预约冲突"]
    assert refusal(records, MONDAY, "09:55", 10)[-1] == "开始时间: 与 10:00–10:50 的预约冲突"
    assert count(school) == 1


def test_back_to_back_bookings_do_not_clash(records, school):
    book(records, MONDAY, "10:00")
    book(records, MONDAY, "10:50")
    book(records, MONDAY, "11:40", 20)  # ends exactly at closing time
    assert count(school) == 3


@pytest.mark.parametrize("released", ["取消", "未到"])
def test_cancelled_and_no_show_bookings_free_their_time(records, released):
    first = book(records, MONDAY, "10:00")
    records.update("appointment", first, {"state": released})
    book(records, MONDAY, "10:20")  # no clash now
    # Reviving the released booking would take the time back: refused.
    with pytest.raises(ValidationFailed) as excinfo:
        records.update("appointment", first, {"state": "已确认"})
    assert [p.render() for p in excinfo.value.problems] == ["开始时间: 与 10:20–11:10 的预约冲突"]


def test_moving_a_booking_does_not_clash_with_itself(records):
    first = book(records, MONDAY, "10:00")
    records.update("appointment", first, {"start_time": "10:20"})
    assert records.get("appointment", first)["start_time"] == "10:20"


# -- open hours, holidays, closure days ----------------------------------------------------------


def test_a_booking_in_closed_hours_names_the_days_open_hours(records, school):
    assert refusal(records, WEDNESDAY, "14:00") == [
        "开始时间: 辅导室周三 14:00 不开放；当天开放时间：12:10–13:10"
    ]
    assert refusal(records, WEDNESDAY, "12:40") == [
        "时长(分钟): 预约到 13:30 结束，但辅导室周三 13:10 就关门了；当天开放时间：12:10–13:10"
    ]
    book(records, WEDNESDAY, "12:10")
    assert count(school) == 1


def test_a_booking_on_a_holiday_is_refused(records):
    assert refusal(records, NEW_YEAR, "10:00") == ["日期: 2026-01-01 是元旦，辅导室不开放"]


def test_a_booking_on_a_closure_day_is_refused_with_the_schools_reason(records):
    assert refusal(records, SPORTS_DAY, "10:00") == ["日期: 2025-10-23 辅导室暂停开放：校运动会"]


def test_a_booking_on_a_day_without_slots_is_refused(records):
    assert refusal(records, SATURDAY, "10:00") == [
        "日期: 辅导室周六（2025-10-25）不开放，请另选有开放时间的日子"
    ]


def test_touching_slots_open_the_room_without_a_break(records, school):
    records.create(
        "room_hours",
        {"weekday": 1, "start_time": "12:00", "end_time": "12:30", "valid_from": "2025-09-01"},
    )
    book(records, MONDAY, "11:40", 50)  # 11:40–12:30 runs over two slots
    assert count(school) == 1


def test_the_reasons_follow_the_language(records):
    book(records, MONDAY, "10:00")
    set_language("en")
    assert refusal(records, MONDAY, "10:30") == [
        "Start: clashes with the appointment at 10:00–10:50"
    ]
    assert refusal(records, WEDNESDAY, "14:00") == [
        "Start: the room is closed on Wed at 14:00; open that day: 12:10–13:10"
    ]
    assert refusal(records, NEW_YEAR, "10:00") == [
        "Date: 2026-01-01 is a public holiday (New Year's Day); the room is closed"
    ]


def test_a_days_open_hours_are_listed_in_the_programs_language(records):
    records.create(
        "room_hours",
        {"weekday": 3, "start_time": "16:10", "end_time": "17:10", "valid_from": "2025-09-01"},
    )
    assert refusal(records, WEDNESDAY, "14:00") == [
        "开始时间: 辅导室周三 14:00 不开放；当天开放时间：12:10–13:10、16:10–17:10"
    ]
    set_language("en")
    assert refusal(records, WEDNESDAY, "14:00") == [
        "Start: the room is closed on Wed at 14:00; open that day: 12:10–13:10, 16:10–17:10"
    ]


# -- what is not judged --------------------------------------------------------------------------


def test_past_bookings_are_history_and_not_judged(records, school):
    """An old register (or a late entry) may hold what the rules would refuse today."""
    book(records, "2025-10-13", "18:00")  # Monday, after closing
    book(records, "2025-10-13", "18:10")  # and overlapping
    book(records, "2025-10-01", "10:00")  # National Day
    assert count(school) == 3


def test_confirming_a_booking_stays_possible_after_the_hours_changed(records, school):
    booked = book(records, WEDNESDAY, "12:10")
    school.db.execute(
        "UPDATE room_hours SET start_time = '15:00', end_time = '16:00' WHERE weekday = 3"
    )
    records.update("appointment", booked, {"state": "已确认"})
    with pytest.raises(ValidationFailed):  # but moving it is judged against the new hours
        records.update("appointment", booked, {"start_time": "12:20"})


def test_the_same_booking_again_is_the_stored_one_not_a_clash(school, records):
    book(records, MONDAY, "10:00")
    values = {
        "date": MONDAY,
        "start_time": "10:00",
        "minutes": 50,
        "student_id": None,
        "parent_name": "张家长",
        "channel": "phone",
        "state": "pending",
    }
    assert check_appointment(school.db, values) == []
    assert check_appointment(school.db, {**values, "channel": "online"}) != []


def test_reimporting_an_exported_workbook_with_coming_bookings_changes_nothing(
    school, records, tmp_path: Path
):
    from counselor_app.workbook import export_workbook, import_workbook

    book(records, MONDAY, "10:00")
    book(records, MONDAY, "10:50")
    export_workbook(school, tmp_path / "room.xlsx")
    report = import_workbook(school, tmp_path / "room.xlsx")
    assert not report.changed_anything
    assert count(school) == 2


# -- the week ------------------------------------------------------------------------------------


def test_the_week_has_slots_duty_closures_bookings_and_hours(records, school):
    book(records, MONDAY, "10:50", student_id=None)
    week = room_week(school.db, dt.date(2025, 10, 22))
    assert week.monday == dt.date(2025, 10, 20) and week.week_number == 8
    monday, wednesday, thursday = week.days[0], week.days[2], week.days[3]
    assert [(s.start, s.end, s.duty_name) for s in monday.slots] == [("10:00", "12:00", "李心怡")]
    assert [(s.start, s.duty_name) for s in wednesday.slots] == [("12:10", "")]
    assert thursday.closed and thursday.closure == "校运动会" and thursday.open_spans() == []
    assert [(b.start, b.end, b.parent_name) for b in week.bookings] == [
        ("10:50", "11:40", "张家长")
    ]
    # Thursday is closed: 4 school days need 6.4 h; Mon, Tue, Fri 2 h and Wed 1 h give 7 h.
    assert (week.school_days, week.open_minutes) == (4, 7 * 60)
    assert (week.open_hours_text, week.required_hours_text) == ("7.0", "6.4")
    assert week.meets_requirement
    assert len(week.slots) == 5


def test_a_day_only_the_room_is_closed_keeps_the_weeks_bar(records, school):
    # The same Thursday closed for the room alone (仅辅导室): the school is open, so the week has
    # 5 school days and needs the full 8 h; the room opens nothing on Thursday (Mon 2 h, Tue 2 h,
    # Wed 1 h, Fri 2 h = 7 h), 7 h < 8 h.
    school.db.execute("UPDATE closure_day SET scope = 'room'")
    week = room_week(school.db, dt.date(2025, 10, 22))
    assert (week.school_days, week.open_minutes) == (5, 7 * 60)
    assert (week.open_hours_text, week.required_hours_text) == ("7.0", "8.0")
    assert not week.meets_requirement
    assert week.days[3].closed  # the page still shows Thursday closed


def test_a_holiday_week_and_a_week_outside_the_term(records, school):
    new_year = room_week(school.db, dt.date(2026, 1, 1))
    assert str(new_year.days[3].holiday) == "元旦" and new_year.days[3].open_spans() == []
    # Thursday 1 and Friday 2 January are holidays: 3 school days need 4.8 h; 5 h are open.
    assert (new_year.school_days, new_year.open_minutes) == (3, 5 * 60)
    assert new_year.required_hours_text == "4.8" and new_year.meets_requirement
    summer = room_week(school.db, dt.date(2026, 7, 15))
    assert summer.term is None and summer.week_number is None
    assert (summer.school_days, summer.required_hours_text) == (0, "0.0")


def test_the_first_free_time_skips_bookings_the_past_and_too_short_gaps(records, school):
    book(records, MONDAY, "10:00")  # 10:00–10:50
    week = room_week(school.db, dt.date(2025, 10, 20))
    monday, tuesday = dt.date(2025, 10, 20), dt.date(2025, 10, 21)
    assert first_free_start(week, dt.datetime(2025, 10, 20, 0, 0)) == (monday, "10:50")
    assert first_free_start(week, dt.datetime(2025, 10, 20, 11, 3)) == (monday, "11:05")
    assert first_free_start(week, dt.datetime(2025, 10, 20, 11, 13)) == (tuesday, "10:00")
    assert first_free_start(week, dt.datetime(2025, 10, 26, 9, 0)) is None  # Sunday: closed
