"""School days for the crisis workflow's due dates, from the school's own calendar.

A day inside a recorded term is a school day as the term's calendar says (``years.calendar``:
a weekday that is no public holiday and no day the whole school was closed). A day no term
covers (the summer, or a school that has recorded no terms) counts every weekday: a crisis does
not wait for the term to start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from counselor_app.storage.database import Database
from counselor_app.years.calendar import TermCalendar


class SchoolDays:
    def __init__(self, terms: Sequence[TermCalendar]) -> None:
        self._terms = tuple(terms)

    @classmethod
    def of(cls, db: Database) -> SchoolDays:
        closed = frozenset(
            dt.date.fromisoformat(row[0])
            for row in db.query("SELECT date FROM closure_day WHERE scope = 'school'")
        )
        return cls(
            [
                TermCalendar(
                    dt.date.fromisoformat(row["first_day"]),
                    dt.date.fromisoformat(row["last_day"]),
                    closure_days=closed,
                )
                for row in db.query("SELECT first_day, last_day FROM term ORDER BY first_day")
            ]
        )

    def is_school_day(self, day: dt.date) -> bool:
        for term in self._terms:
            if term.contains(day):
                return term.is_school_day(day)
        return day.weekday() < 5

    def after(self, day: dt.date, count: int) -> dt.date:
        """The ``count``-th school day after ``day`` (``day`` itself for 0): a report on a Friday
        is assessed within one school day by the Monday."""
        found = day
        for _ in range(count):
            found += dt.timedelta(days=1)
            while not self.is_school_day(found):
                found += dt.timedelta(days=1)
        return found
