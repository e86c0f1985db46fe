"""Whether a guardian's consent to screening (知情同意, scope 测评) is on file for a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from counselor_app.storage.database import Database

SCREENING_SCOPE = "screening"


def without_screening_consent(db: Database, student_ids: Iterable[int], on: dt.date) -> set[int]:
    """The students among ``student_ids`` with no screening consent in force on ``on``: given on
    or before that day and not withdrawn by then (a withdrawal takes effect on its day)."""
    wanted = sorted(set(student_ids))
    if not wanted:
        return set()
    return set(wanted) - _consenting(db, wanted, on)


def _consenting(db: Database, wanted: list[int], on: dt.date) -> set[int]:
    day = on.isoformat()
    found: set[int] = set()
    # Chunked so that a whole school's roster never exceeds SQLite's limit on bound parameters.
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.query(
            "SELECT DISTINCT consent.student_id FROM consent, json_each(consent.scope) AS scope"
            " WHERE scope.value = ? AND consent.given_on <= ?"
            " AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > ?)"
            f" AND consent.student_id IN ({marks})",
            (SCREENING_SCOPE, day, day, *chunk),
        )
        found.update(int(row[0]) for row in rows)
    return found
