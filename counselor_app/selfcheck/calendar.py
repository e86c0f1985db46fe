"""The school calendar of a term: teaching weeks, school days, months and quarters.

A teaching week is a Monday-to-Sunday week that overlaps the term. A school day is a Monday to
Friday inside the term that is neither a public holiday (China's official calendar, from the
``chinese_calendar`` package) nor a closure day recorded by the school; weekend make-up days (调休)
are ignored, as requirements.md §2 says.

``chinese_calendar`` ships data for a fixed range of years. For a year it does not cover, only the
fixed-date holidays are known; the calendar then says so (``missing_holiday_years``) so the report
can tell the counsellor to record the other closures by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import chinese_calendar

# Holidays that fall on the same date every year; used only where the package has no data.
_FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5))


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def holiday_name(day: dt.date) -> str | None:
    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    return name if holiday and name else None


@dataclass(frozen=True)
class Week:
    number: int  # 1 for the week holding the term's first day
    monday: dt.date
    school_days: tuple[dt.date, ...]

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def days(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(days=i) for i in range(7)]


@dataclass
class TermCalendar:
    first_day: dt.date
    last_day: dt.date
    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    missing_holiday_years: set[int] = field(default_factory=set)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def is_holiday(self, day: dt.date) -> bool:
        try:
            holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            self.missing_holiday_years.add(day.year)
            return (day.month, day.day) in _FIXED_HOLIDAYS
        # get_holiday_detail calls weekends holidays too; only named holidays matter here.
        return bool(holiday) and name is not None

    def is_school_day(self, day: dt.date) -> bool:
        return (
            self.contains(day)
            and day.weekday() < 5
            and day not in self.closure_days
            and not self.is_holiday(day)
        )

    @cached_property
    def weeks(self) -> tuple[Week, ...]:
        weeks = []
        monday = monday_of(self.first_day)
        number = 1
        while monday <= self.last_day:
            days = [monday + dt.timedelta(days=i) for i in range(5)]
            weeks.append(Week(number, monday, tuple(d for d in days if self.is_school_day(d))))
            monday += dt.timedelta(days=7)
            number += 1
        return tuple(weeks)

    @property
    def teaching_weeks(self) -> int:
        return len(self.weeks)

    def week_of(self, day: dt.date) -> Week | None:
        for week in self.weeks:
            if week.monday <= day <= week.sunday:
                return week
        return None

    @cached_property
    def school_days(self) -> tuple[dt.date, ...]:
        return tuple(d for week in self.weeks for d in week.school_days)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month that overlaps the term."""
        months = []
        year, month = self.first_day.year, self.first_day.month
        while (year, month) <= (self.last_day.year, self.last_day.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter 1-4) of every calendar quarter that overlaps the term."""
        seen: list[tuple[int, int]] = []
        for year, month in self.months():
            quarter = (year, (month - 1) // 3 + 1)
            if quarter not in seen:
                seen.append(quarter)
        return seen

    @property
    def is_autumn(self) -> bool:
        """Autumn terms start in the second half of the year (Sept); spring terms in Feb/March."""
        return self.first_day.month >= 7
