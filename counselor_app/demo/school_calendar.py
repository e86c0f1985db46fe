"""The demo school's calendar: terms, teaching weeks and school days, ending with today's term.

Two terms a school year: autumn from about 1 September to mid-January, spring from late February
(after the Spring Festival holiday) to early July. Public holidays come from ``chinese_calendar``
where it has data, and from the fixed-date holidays otherwise, so a clock set years ahead still
works. Weekend make-up days are ignored, as the self-check ignores them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

DAY = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5)}


@dataclass(frozen=True)
class DemoTerm:
    id: int
    school_year: int  # the calendar year the school year starts in (2025 for 2025—2026)
    autumn: bool
    first_day: dt.date
    last_day: dt.date

    @property
    def name(self) -> str:
        half = "一" if self.autumn else "二"
        return f"{self.school_year}—{self.school_year + 1}学年第{half}学期"

    @property
    def first_monday(self) -> dt.date:
        return monday_of(self.first_day)

    def week_monday(self, week_index: int) -> dt.date:
        return self.first_monday + week_index * WEEK

    @property
    def week_count(self) -> int:
        """Teaching weeks: Monday-to-Sunday weeks that overlap the term."""
        return (monday_of(self.last_day) - self.first_monday).days // 7 + 1

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


def monday_of(day: dt.date) -> dt.date:
    return day - day.weekday() * DAY


def is_public_holiday(day: dt.date) -> bool:
    """A weekday that is an official holiday (国庆, 春节 …)."""
    if day.weekday() >= 5:
        return False
    return _holiday(day)


@cache
def _holiday(day: dt.date) -> bool:
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_holiday(day))
    except (NotImplementedError, ImportError):
        return (day.month, day.day) in FIXED_HOLIDAYS


def is_teaching_day(day: dt.date) -> bool:
    """A Monday-to-Friday that is not a public holiday (closure days are the school's own)."""
    return day.weekday() < 5 and not is_public_holiday(day)


def _next_teaching_day(day: dt.date) -> dt.date:
    while not is_teaching_day(day):
        day += DAY
    return day


def autumn_term_days(school_year: int) -> tuple[dt.date, dt.date]:
    first = _next_teaching_day(dt.date(school_year, 9, 1))
    last = dt.date(school_year + 1, 1, 12)
    last += ((4 - last.weekday()) % 7) * DAY  # the Friday on or after 12 January
    return first, last


def spring_term_days(school_year: int) -> tuple[dt.date, dt.date]:
    start = dt.date(school_year + 1, 2, 20)
    start += ((0 - start.weekday()) % 7) * DAY  # the Monday on or after 20 February …
    first = _next_teaching_day(start)  # … or later when the Spring Festival holiday runs on
    last = dt.date(school_year + 1, 7, 1)
    last += ((4 - last.weekday()) % 7) * DAY  # the Friday on or after 1 July
    return first, last


def current_school_year(today: dt.date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def demo_terms(today: dt.date, years: int) -> list[DemoTerm]:
    """The terms of ``years`` school years, ending with the term that holds today.

    In a holiday the window ends with the term just finished. Ids count from 1, oldest first.
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    last_year = current_school_year(today)
    candidates = []
    for school_year in range(last_year - years - 1, last_year + 1):
        candidates.append((school_year, True, *autumn_term_days(school_year)))
        candidates.append((school_year, False, *spring_term_days(school_year)))
    started = [c for c in candidates if c[2] <= today]
    current_year = started[-1][0]
    chosen = [c for c in started if c[0] > current_year - years]
    return [DemoTerm(i, *c) for i, c in enumerate(chosen, start=1)]


def school_days(term: DemoTerm, closures: frozenset[dt.date] = frozenset()) -> list[dt.date]:
    """Every school day of the term: teaching days that are not the school's closure days."""
    days = []
    day = term.first_day
    while day <= term.last_day:
        if is_teaching_day(day) and day not in closures:
            days.append(day)
        day += DAY
    return days


def teaching_day_on_or_after(day: dt.date, term: DemoTerm) -> dt.date | None:
    """The first teaching day from ``day`` on inside the term, or None."""
    day = max(day, term.first_day)
    while day <= term.last_day:
        if is_teaching_day(day):
            return day
        day += DAY
    return None


def teaching_day_on_or_before(day: dt.date, term: DemoTerm) -> dt.date | None:
    day = min(day, term.last_day)
    while day >= term.first_day:
        if is_teaching_day(day):
            return day
        day -= DAY
    return None
