"""The school calendar of a term: teaching weeks, school days, months and quarters.

A teaching week is a Monday-to-Sunday week that overlaps the term. A school day is a Monday to
Friday inside the term that is neither a public holiday (China's official calendar, from the
``chinese_calendar`` package) nor a day the whole school was closed (停开日期, 范围 全校停课);
weekend make-up days (调休) are ignored, as requirements.md §2 says. A day only the counselling room
was closed (范围 仅辅导室) stays a school day: the room's weekly bar is not lowered for it, and the
room opens nothing that day.

A month or a quarter is judged in a term for the part of it inside the term (:meth:`TermCalendar.
periods`): one that sticks out of the term's end by more than half (a term ending on 3 July and the
third quarter) belongs to a later term, not to this one.

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


MONTH, QUARTER = "month", "quarter"
# A period that ends inside the term is judged there when at least this many of its days are in
# the term; a term starting on 31 August is not asked for an August check on its first day.
_DAYS_TO_JUDGE_A_CLOSING_PERIOD = 7


@dataclass(frozen=True)
class Period:
    """A calendar month or quarter that overlaps a term, and the part of it inside the term."""

    kind: str  # MONTH or QUARTER
    year: int
    number: int  # the month (1-12) or the quarter (1-4)
    first: dt.date  # of the whole period
    last: dt.date
    inside_first: dt.date  # of its part inside the term
    inside_last: dt.date

    @property
    def key(self) -> str:
        """2025-09 for a month, 2025-Q3 for a quarter (as evidence keys name them)."""
        return (
            f"{self.year}-{self.number:02d}"
            if self.kind == MONTH
            else f"{self.year}-Q{self.number}"
        )

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def days_inside(self) -> int:
        return (self.inside_last - self.inside_first).days + 1

    @property
    def whole(self) -> bool:
        return (self.inside_first, self.inside_last) == (self.first, self.last)

    @property
    def judged(self) -> bool:
        """Whether the term is asked for this period: at least half of it lies in the term, or it
        ends in the term with at least a week of it there. So a quarter or a month that goes on
        long after the term (the third quarter, for a term ending on 3 July; the first, for a
        report on a term ending in January) is left to the term that holds it."""
        if 2 * self.days_inside >= self.days:
            return True
        return self.last == self.inside_last and (
            self.days_inside >= _DAYS_TO_JUDGE_A_CLOSING_PERIOD
        )


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass
class TermCalendar:
    first_day: dt.date
    last_day: dt.date
    # Days the whole school was closed (全校停课): not school days.
    closure_days: frozenset[dt.date] = field(default_factory=frozenset)
    # Days the counselling room alone was closed (仅辅导室): school days on which it opens nothing.
    room_closed_days: frozenset[dt.date] = field(default_factory=frozenset)
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

    def room_may_open(self, day: dt.date) -> bool:
        """A school day on which the room was not closed on its own."""
        return self.is_school_day(day) and day not in self.room_closed_days

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

    def periods(self, kind: str) -> list[Period]:
        """Every calendar month (``MONTH``) or quarter (``QUARTER``) that overlaps the term, with
        its part inside the term; :attr:`Period.judged` says whether the term is asked for it."""
        if kind == MONTH:
            spans = [(y, m, dt.date(y, m, 1), month_end(y, m)) for y, m in self.months()]
        elif kind == QUARTER:
            spans = [
                (y, q, dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)) for y, q in self.quarters()
            ]
        else:
            raise ValueError(f"kind must be {MONTH!r} or {QUARTER!r}, not {kind!r}")
        return [
            Period(
                kind,
                year,
                number,
                first,
                last,
                max(first, self.first_day),
                min(last, self.last_day),
            )
            for year, number, first, last in spans
        ]

    @property
    def is_autumn(self) -> bool:
        """Autumn terms start in the second half of the year (Sept); spring terms in Feb/March."""
        return self.first_day.month >= 7
