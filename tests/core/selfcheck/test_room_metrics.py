"""Counselling-room metrics, on the autumn term 2025-09-01 … 2026-01-23 (21 teaching weeks).

Weeks that matter: 2025-09-29 (National Day: school days Mon 29 and Tue 30 only), 2025-10-06
(Oct 6–8 holidays: Thu 9 and Fri 10), 2025-12-29 (New Year: Mon–Wed).
"""

from __future__ import annotations

import json

import pytest

from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS
from tests.core.selfcheck.conftest import TERM

EIGHT_HOURS = {"hours_per_five_school_days": 8}


@pytest.fixture
def teacher(make):
    return make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"])


def slot(make, weekday, start, end, *, duty=None, valid_from="2025-09-01", valid_to=None):
    return make(
        "room_hours",
        weekday=weekday,
        start_time=start,
        end_time=end,
        duty_staff_id=duty,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def every_weekday(make, start, end, **kw):
    for weekday in range(1, 6):
        slot(make, weekday, start, end, **kw)


def short_weeks(result):
    return {e.key: e.detail for e in result.evidence}


def set_school(school, **columns):
    for column, value in columns.items():
        if isinstance(value, list):
            value = json.dumps(value, ensure_ascii=False)
        school.db.execute(f"UPDATE school SET {column} = ? WHERE id = 1", (value,))


# -- room_hours_per_week -----------------------------------------------------------------------


def test_the_fixture_term_has_21_weeks_and_a_two_day_national_day_week(school, records):
    calendar = TermContext(school.db, find_term(school.db, TERM), school.today()).calendar
    assert calendar.teaching_weeks == 21
    national_day = calendar.weeks[4]
    assert national_day.monday.isoformat() == "2025-09-29"
    assert [d.isoformat() for d in national_day.school_days] == ["2025-09-29", "2025-09-30"]


def test_exactly_eight_hours_in_a_five_day_week_passes_and_holiday_weeks_scale(make, measure):
    every_weekday(make, "14:00", "15:36")  # 1.6 h a day: 8 h a full week, 3.2 h in 2 days
    result = measure("room_hours_per_week", EIGHT_HOURS)
    assert result.status == PASS
    assert result.value == {"weeks": 21, "short": 0}
    assert result.threshold == 8


def test_seven_and_a_half_hours_fail_and_every_short_week_is_named(make, measure):
    every_weekday(make, "14:00", "15:30")  # 1.5 h a day
    result = measure("room_hours_per_week", EIGHT_HOURS)
    assert result.status == FAIL
    weeks = short_weeks(result)
    assert len(weeks) == 21
    assert weeks["2025-09-01"] == "7.5 h < 8.0 h"
    assert weeks["2025-09-29"] == "3.0 h < 3.2 h"  # National Day week needs 8 × 2/5
    assert weeks["2025-12-29"] == "4.5 h < 4.8 h"
    assert result.evidence[4].kind == "week"
    assert "第 5 周" in result.evidence[4].label and "2 个上学日" in result.evidence[4].label


def test_hours_on_holidays_do_not_count(make, measure):
    # Four hours on Monday and Thursday: a normal week has 8 h; the National Day week opens only
    # on Monday 29 (4 h ≥ 3.2 h); the New Year week only on Monday 29 Dec (4 h < 4.8 h).
    slot(make, 1, "08:00", "12:00")
    slot(make, 4, "13:00", "17:00")
    result = measure("room_hours_per_week", EIGHT_HOURS)
    assert short_weeks(result) == {"2025-12-29": "4.0 h < 4.8 h"}


def test_the_national_day_week_needs_3_2_hours_on_its_two_school_days(make, measure):
    slot(make, 1, "14:00", "15:36")
    slot(make, 2, "14:00", "15:36")  # Mon 29 + Tue 30 Sept: exactly 3.2 h
    weeks = short_weeks(measure("room_hours_per_week", EIGHT_HOURS))
    assert "2025-09-29" not in weeks
    assert weeks["2025-09-01"] == "3.2 h < 8.0 h"
    assert weeks["2025-10-06"] == "0.0 h < 3.2 h"  # open Mon and Tue, school on Thu and Fri


def test_a_minute_short_in_the_national_day_week_fails(make, measure):
    slot(make, 1, "14:00", "15:36")
    slot(make, 2, "14:00", "15:35")
    weeks = short_weeks(measure("room_hours_per_week", EIGHT_HOURS))
    assert weeks["2025-09-29"] == "3.1 h < 3.2 h"
    # The whole school closed on Tuesday: 1 school day left, needing 8 × 1/5 = 1.6 h; Monday's
    # 1.6 h (14:00–15:36 = 96 min) meet it.
    make("closure_day", date="2025-09-30", reason="运动会", scope="school")
    assert "2025-09-29" not in short_weeks(measure("room_hours_per_week", EIGHT_HOURS))


def test_a_closure_day_lowers_the_weeks_need_and_opens_nothing(make, measure):
    slot(make, 1, "08:00", "12:00")
    slot(make, 3, "08:00", "12:00")
    # The whole school closed on Wednesday (全校停课): the 4 h of that day are gone.
    make("closure_day", date="2025-11-12", reason="期中考试", scope="school")
    result = measure("room_hours_per_week", EIGHT_HOURS)
    # That week has 4 school days: 4 h < 8 × 4/5 = 6.4 h. Other full weeks have 8 h; the week after
    # National Day opens only on Thursday and Friday, when the room is closed.
    assert short_weeks(result) == {"2025-10-06": "0.0 h < 3.2 h", "2025-11-10": "4.0 h < 6.4 h"}


def test_a_room_only_closure_keeps_the_weeks_bar_and_opens_nothing(make, measure):
    slot(make, 1, "08:00", "12:00")
    slot(make, 3, "08:00", "12:00")
    # Only the room closed on Wednesday (仅辅导室, the default): the school is open, so the week
    # keeps its 5 school days and its 8 h bar, and Wednesday's 4 h are gone: 4.0 h < 8.0 h.
    make("closure_day", date="2025-11-12", reason="辅导室维修")
    assert short_weeks(measure("room_hours_per_week", EIGHT_HOURS)) == {
        "2025-10-06": "0.0 h < 3.2 h",
        "2025-11-10": "4.0 h < 8.0 h",
    }


def test_a_room_only_closure_on_a_day_the_room_does_not_open_changes_nothing(make, measure):
    # Boundary: Mon and Wed 4 h each; the room alone closed on Tuesday, when it has no slot. The
    # week still needs 8 h and has them (4 + 4), so it is not named.
    slot(make, 1, "08:00", "12:00")
    slot(make, 3, "08:00", "12:00")
    make("closure_day", date="2025-11-11", reason="辅导室维修", scope="room")
    assert "2025-11-10" not in short_weeks(measure("room_hours_per_week", EIGHT_HOURS))


def test_a_week_without_school_days_needs_nothing(make, measure):
    every_weekday(make, "14:00", "15:36", valid_to="2025-11-09")
    every_weekday(make, "14:00", "15:36", valid_from="2025-11-17")
    for day in range(10, 15):  # the whole school closed all week of 2025-11-10: it needs nothing
        make("closure_day", date=f"2025-11-{day}", scope="school")
    assert measure("room_hours_per_week", EIGHT_HOURS).status == PASS


def test_a_week_the_room_alone_is_closed_still_needs_its_hours(make, measure):
    every_weekday(make, "14:00", "15:36", valid_to="2025-11-09")
    every_weekday(make, "14:00", "15:36", valid_from="2025-11-17")
    for day in range(10, 15):  # only the room closed all that week: the school was open
        make("closure_day", date=f"2025-11-{day}", scope="room")
    result = measure("room_hours_per_week", EIGHT_HOURS)
    # 5 school days, no slot valid and the room closed: 0 h against the full 8 h.
    assert (result.status, short_weeks(result)) == (FAIL, {"2025-11-10": "0.0 h < 8.0 h"})


def test_slots_count_only_on_the_days_they_are_valid(make, measure):
    every_weekday(make, "14:00", "15:36", valid_from="2025-09-03")  # from Wednesday of week 1
    slot(make, 6, "08:00", "18:00")  # Saturdays are not school days
    result = measure("room_hours_per_week", EIGHT_HOURS)
    assert short_weeks(result) == {"2025-09-01": "4.8 h < 8.0 h"}


def test_overlapping_slots_count_once(make, measure):
    every_weekday(make, "14:00", "15:30")
    every_weekday(make, "15:00", "15:36")  # adds 6 minutes a day, not 36
    assert measure("room_hours_per_week", EIGHT_HOURS).status == PASS
    result = measure("room_hours_per_week", {"hours_per_five_school_days": 8.5})
    assert short_weeks(result)["2025-09-08"] == "8.0 h < 8.5 h"


def test_no_room_hours_in_the_term_is_no_data(make, measure):
    every_weekday(make, "14:00", "18:00", valid_from="2025-03-01", valid_to="2025-08-31")
    assert measure("room_hours_per_week", EIGHT_HOURS).status == NO_DATA


# -- room_duty ---------------------------------------------------------------------------------


def test_every_slot_with_a_duty_teacher_passes(teacher, make, measure):
    every_weekday(make, "14:00", "16:00", duty=teacher)
    slot(
        make, 3, "08:00", "10:00", valid_from="2025-03-01", valid_to="2025-08-31"
    )  # before the term: no duty needed
    result = measure("room_duty", {"appointments_required": False})
    assert result.status == PASS
    assert result.value == {"slots": 5, "staffed": 5}


def test_a_slot_without_duty_teacher_is_named(teacher, make, measure):
    every_weekday(make, "14:00", "16:00", duty=teacher)
    slot(make, 3, "08:00", "10:00", valid_from="2026-01-23")  # valid on the last day only
    result = measure("room_duty", {"appointments_required": False})
    assert result.status == FAIL
    [evidence] = result.evidence
    assert (evidence.kind, evidence.label) == ("slot", "星期三 08:00–10:00")
    assert "未安排值班教师" in evidence.detail


def test_appointments_must_be_recorded_when_required(teacher, make, measure):
    every_weekday(make, "14:00", "16:00", duty=teacher)
    params = {"appointments_required": True}
    make(
        "appointment", date="2026-01-24", start_time="14:00", parent_name="张家长", channel="电话"
    )  # after the term
    result = measure("room_duty", params)
    assert result.status == FAIL
    assert [e.label for e in result.evidence] == ["预约记录"]
    make("appointment", date="2026-01-23", start_time="14:00", parent_name="张家长", channel="电话")
    result = measure("room_duty", params)
    assert result.status == PASS
    assert result.value == {"slots": 5, "staffed": 5, "appointments": 1}


def test_room_duty_without_room_hours_is_no_data(measure):
    assert measure("room_duty", {"appointments_required": True}).status == NO_DATA


# -- room_area, school lists, help lines ---------------------------------------------------------


def test_room_area_at_the_minimum_passes_and_below_fails(school, measure):
    assert measure("room_area", {"minimum": 18}).status == NO_DATA
    set_school(school, room_area_m2=18)
    assert measure("room_area", {"minimum": 18}).status == PASS
    set_school(school, room_area_m2=17.5)
    result = measure("room_area", {"minimum": 18})
    assert (result.status, result.value) == (FAIL, 17.5)
    assert result.evidence[0].detail == "17.5 m² < 18 m²"


FUNCTIONS = {"field": "room_functions", "required": ["individual", "assessment", "sandplay"]}
EQUIPMENT = {"field": "room_equipment", "required": ["心理测量软件", "沙盘", "团体辅导箱"]}
CHANNELS = {"field": "booking_channels", "required": ["in_person", "phone", "online"]}


def test_room_functions_are_judged_by_code_and_named_in_chinese(school, measure):
    assert measure("school_list_contains", FUNCTIONS).status == NO_DATA
    set_school(school, room_functions=["individual", "assessment", "group"])
    result = measure("school_list_contains", FUNCTIONS)
    assert result.status == FAIL
    assert [(e.key, e.label) for e in result.evidence] == [("sandplay", "沙盘")]
    assert result.value == ["个体辅导", "心理测评", "团体辅导"]
    set_school(school, room_functions=["sandplay", "individual", "assessment"])
    assert measure("school_list_contains", FUNCTIONS).status == PASS


def test_equipment_is_free_text_compared_after_normalising(school, measure):
    set_school(school, room_equipment=["心理测量软件 ", "沙盘", "放松椅"])
    result = measure("school_list_contains", EQUIPMENT)
    assert result.status == FAIL
    assert [e.label for e in result.evidence] == ["团体辅导箱"]
    set_school(school, room_equipment=["心理测量软件", "沙盘", "团体辅导箱"])
    assert measure("school_list_contains", EQUIPMENT).status == PASS


def test_booking_channels_name_the_missing_way(school, measure):
    set_school(school, booking_channels=["in_person", "phone"])
    result = measure("school_list_contains", CHANNELS)
    assert [e.label for e in result.evidence] == ["网络"]
    set_school(school, booking_channels=["online", "in_person", "phone"])
    assert measure("school_list_contains", CHANNELS).status == PASS
    with pytest.raises(ValueError, match="field"):
        measure("school_list_contains", {"field": "name", "required": ["x"]})


def test_help_lines_all_present_pass_and_a_blank_one_is_named(school, measure):
    set_school(school, hotline="0527-1234567", mailbox="  ", outside_hotline="12356")
    result = measure("help_lines")
    assert (result.status, result.value, result.threshold) == (FAIL, 2, 3)
    assert [(e.key, e.label) for e in result.evidence] == [("mailbox", "心理信箱")]
    set_school(school, mailbox="教学楼一楼心理信箱")
    assert measure("help_lines").status == PASS
