"""The school at a glance: how many of the main records there are, for the dashboard.

Plain SQL over the open database, no Qt. Counts only, never content: an administrator may see that
three crisis plans are open, not what they say. Whatever shows these numbers (the dashboard, later a
printout) takes them from here, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.storage.database import Database
from counselor_app.years.school_years import current_school_year


@dataclass(frozen=True)
class RecordCounts:
    students_enrolled: int
    classes: int
    staff: int
    sessions: int
    crisis_plans_open: int


def record_counts(db: Database, today: dt.date) -> RecordCounts:
    """Counts as of ``today``; a crisis plan is open until the day it was closed on, and the
    classes are those of the current school year."""
    row = db.query_one(
        """
        SELECT
            (SELECT count(*) FROM student WHERE status = 'enrolled'),
            (SELECT count(*) FROM class WHERE school_year = :year),
            (SELECT count(*) FROM staff),
            (SELECT count(*) FROM counselling_session),
            (SELECT count(*) FROM crisis_plan WHERE closed_on IS NULL OR closed_on > :today)
        """,
        {"today": today.isoformat(), "year": current_school_year(db, today).start},
    )
    return RecordCounts(*(int(value) for value in row))
