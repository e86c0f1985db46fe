"""What the counselling room's door shows for one week: open slots and duty teachers day by day,
public holidays and the school's closure days, how to book, and the help lines.

Read from the room hours valid on each date, the closure days, the public-holiday calendar and the
school row. It never reads students or appointments, so no student's name can reach the door.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import chinese_calendar

from counselor_app.foundation.vocab import BOOKING_CHANNEL
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermInfo, term_on
from counselor_app.years.calendar import TermCalendar, holiday_name, monday_of

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class Slot:
    start: str
    end: str
    duty: str  # the duty teacher's name, or "" when nobody is on the roster


@dataclass(frozen=True)
class Day:
    date: dt.date
    slots: tuple[Slot, ...]
    holiday: str | None = None  # 国庆节 …
    closure: str | None = None  # the school's reason, or "暂停开放"
    in_term: bool = True

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    @property
    def closed(self) -> bool:
        return self.holiday is not None or self.closure is not None


@dataclass(frozen=True)
class WeekSchedule:
    school_name: str
    monday: dt.date
    term: TermInfo | None  # None: the week lies outside every term
    week_number: int | None
    days: tuple[Day, ...]  # Monday to Sunday
    booking_channels: tuple[str, ...]  # 当面, 电话, 网络
    hotline: str
    mailbox: str
    outside_hotline: str
    holiday_data_missing: tuple[int, ...] = ()  # years the holiday package does not cover
    hours_recorded: bool = True  # False: the school has not entered any room hours yet

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def _chinese_holiday(name: str | None) -> str | None:
    if name is None:
        return None
    for holiday in chinese_calendar.Holiday:
        if holiday.value == name:
            return str(holiday.chinese)
    return name


def _term_of_week(school: School, monday: dt.date) -> TermInfo | None:
    for offset in range(7):
        term = term_on(school.db, monday + dt.timedelta(days=offset))
        if term is not None:
            return term
    return None


def week_schedule(school: School, day: dt.date) -> WeekSchedule:
    """The schedule of the Monday-to-Sunday week that holds ``day``."""
    monday = monday_of(day)
    dates = [monday + dt.timedelta(days=i) for i in range(7)]
    db = school.db
    hours = db.query(
        "SELECT r.weekday, r.start_time, r.end_time, r.valid_from, r.valid_to, s.name AS duty"
        " FROM room_hours r LEFT JOIN staff s ON s.id = r.duty_staff_id"
        " WHERE r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?)"
        " ORDER BY r.start_time, r.end_time",
        (dates[-1].isoformat(), dates[0].isoformat()),
    )
    closures = {
        row["date"]: row["reason"]
        for row in db.query(
            "SELECT date, reason FROM closure_day WHERE date BETWEEN ? AND ?",
            (dates[0].isoformat(), dates[-1].isoformat()),
        )
    }
    # The holiday test of the self-check, which knows the fixed-date holidays of years the
    # package does not cover.
    calendar = TermCalendar(dates[0], dates[-1])
    term = _term_of_week(school, monday)
    days = []
    for date in dates:
        iso = date.isoformat()
        slots = tuple(
            Slot(row["start_time"], row["end_time"], row["duty"] or "")
            for row in hours
            if row["weekday"] == date.isoweekday()
            and row["valid_from"] <= iso
            and (row["valid_to"] is None or iso <= row["valid_to"])
        )
        holiday = None
        if calendar.is_holiday(date):
            holiday = _chinese_holiday(holiday_name(date)) or "法定节假日"
        closure = None
        if iso in closures:
            closure = closures[iso] or "暂停开放"
        in_term = term is not None and term.first_day <= date <= term.last_day
        days.append(Day(date, slots, holiday, closure, in_term))
    week_number = None
    if term is not None:
        week = TermCalendar(term.first_day, term.last_day).week_of(monday)
        week_number = week.number if week else None
    row = db.query_one(
        "SELECT name, hotline, mailbox, outside_hotline, booking_channels FROM school WHERE id = 1"
    )
    channels = json.loads(row["booking_channels"] or "[]") if row else []
    return WeekSchedule(
        school_name=row["name"] if row else "",
        monday=monday,
        term=term,
        week_number=week_number,
        days=tuple(days),
        booking_channels=tuple(BOOKING_CHANNEL.label(code, "zh") for code in channels),
        hotline=(row["hotline"] or "") if row else "",
        mailbox=(row["mailbox"] or "") if row else "",
        outside_hotline=(row["outside_hotline"] or "") if row else "",
        holiday_data_missing=tuple(sorted(calendar.missing_holiday_years)),
        hours_recorded=bool(db.scalar("SELECT count(*) FROM room_hours")),
    )
