"""School days across the school's terms: is a day one, and which is N school days after a date.

A school day is a school day of a recorded term as its calendar says (``years.calendar``: a
Monday to Friday that is neither a public holiday nor a day the whole school was closed, 停开日期,
范围 全校停课). The holidays between terms are no school days. After the last recorded term (a
school that has not entered next term's dates yet) weekdays that are no public holiday count, so
that a due date always exists.

Deadlines counted in school days (a screening's interview) use
:func:`add_school_days`; whoever needs many of them loads :class:`SchoolDays` once. A crisis does
not wait for the term to start: the crisis workflow counts every weekday between terms as a
school day (``weekdays_between_terms``).

Plain Python and SQL: nothing here imports Qt, and nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from counselor_app.storage.database import Database
from counselor_app.years.calendar import TermCalendar

# A walk that finds no school day within this many calendar days has no terms to find one in.
_LONGEST_WALK_DAYS = 3 * 366


@dataclass(frozen=True)
class SchoolDays:
    """The school's terms, each with its calendar and the whole-school closure days, read once."""

    terms: Sequence[TermCalendar]
    weekdays_between_terms: bool = False

    @classmethod
    def load(cls, db: Database, *, weekdays_between_terms: bool = False) -> SchoolDays:
        closures = frozenset(
            dt.date.fromisoformat(r[0])
            for r in db.query("SELECT date FROM closure_day WHERE scope = 'school'")
        )
        return cls(
            tuple(
                TermCalendar(
                    dt.date.fromisoformat(r[0]),
                    dt.date.fromisoformat(r[1]),
                    closure_days=closures,
                )
                for r in db.query("SELECT first_day, last_day FROM term ORDER BY first_day")
            ),
            weekdays_between_terms,
        )

    def is_school_day(self, day: dt.date) -> bool:
        for term in self.terms:
            if term.contains(day):
                return term.is_school_day(day)
        if self.weekdays_between_terms:
            return day.weekday() < 5
        if self.terms and day <= max(term.last_day for term in self.terms):
            return False  # the holidays between terms, or before the first
        # After the last recorded term the coming terms are not entered yet: count weekdays that
        # are no holiday (as the term's calendar would, were it entered).
        return TermCalendar(day, day, closure_days=self._closures).is_school_day(day)

    @property
    def _closures(self) -> frozenset[dt.date]:
        return self.terms[0].closure_days if self.terms else frozenset()

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

    def after(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th school day after ``day``, and ``day`` itself for 0 whatever day it is
        (a guardian is told the day a crisis is reported, a Saturday too)."""
        return day if count == 0 else self.add(day, count)


def add_school_days(db: Database, day: dt.date, n: int) -> dt.date:
    """The ``n``-th school day after ``day`` (``n == 0``: the same school day, or the next one
    when ``day`` is none)."""
    return SchoolDays.load(db).add(day, n)


__all__ = ["SchoolDays", "add_school_days"]
