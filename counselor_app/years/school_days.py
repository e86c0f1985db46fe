"""School days across the school's terms: is a day one, and which is N school days after a date.

A school day is a Monday to Friday inside a recorded term that is neither a public holiday
(China's official calendar, from ``chinese_calendar``) nor a day the whole school was closed
(停开日期, 范围 全校停课); weekend make-up days (调休) are ignored, as the self-check's calendar
ignores them. The holidays between terms are no school days. After the last recorded term (a
school that has not entered next term's dates yet) weekdays that are no public holiday count, so
that a due date always exists.

Deadlines counted in school days (a screening's interview, a crisis case's steps) use
:func:`add_school_days`; whoever needs many of them loads :class:`SchoolDays` once.

Plain Python and SQL: nothing here imports Qt, and nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import chinese_calendar

from counselor_app.storage.database import Database

# Holidays that fall on the same date every year; used only where the package has no data.
FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5))
# A walk that finds no school day within this many calendar days has no terms to find one in.
_LONGEST_WALK_DAYS = 3 * 366


def is_public_holiday(day: dt.date, missing_years: set[int] | None = None) -> bool:
    """Whether ``day`` is a named public holiday; for a year ``chinese_calendar`` has no data
    for, only the fixed-date holidays are known and the year is added to ``missing_years``."""
    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        if missing_years is not None:
            missing_years.add(day.year)
        return (day.month, day.day) in FIXED_HOLIDAYS
    # get_holiday_detail calls weekends holidays too; only named holidays matter here.
    return bool(holiday) and name is not None


@dataclass(frozen=True)
class SchoolDays:
    """The school's terms and whole-school closure days, read once."""

    terms: Sequence[tuple[dt.date, dt.date]]
    closure_days: frozenset[dt.date]

    @classmethod
    def load(cls, db: Database) -> SchoolDays:
        terms = [
            (dt.date.fromisoformat(r[0]), dt.date.fromisoformat(r[1]))
            for r in db.query("SELECT first_day, last_day FROM term ORDER BY first_day")
        ]
        closures = frozenset(
            dt.date.fromisoformat(r[0])
            for r in db.query("SELECT date FROM closure_day WHERE scope = 'school'")
        )
        return cls(tuple(terms), closures)

    def is_school_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5 or day in self.closure_days or is_public_holiday(day):
            return False
        if any(first <= day <= last for first, last in self.terms):
            return True
        # After the last recorded term the coming terms are not entered yet: count weekdays.
        return not self.terms or day > max(last for _, last in self.terms)

    def add(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th school day after ``day``; for ``n == 0`` ``day`` itself when it is a school
        day, else the next school day."""
        if n < 0:
            raise ValueError(f"n must not be negative, not {n}")
        current = day
        left = n
        if left == 0 and self.is_school_day(current):
            return current
        for _ in range(_LONGEST_WALK_DAYS):
            current += dt.timedelta(days=1)
            if self.is_school_day(current):
                left -= 1
                if left <= 0:
                    return current
        raise AssertionError("weekdays after the last term are school days: a walk always ends")


def add_school_days(db: Database, day: dt.date, n: int) -> dt.date:
    """The ``n``-th school day after ``day`` (``n == 0``: the same school day, or the next one
    when ``day`` is none)."""
    return SchoolDays.load(db).add(day, n)


__all__ = ["FIXED_HOLIDAYS", "SchoolDays", "add_school_days", "is_public_holiday"]
