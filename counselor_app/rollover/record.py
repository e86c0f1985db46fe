"""The record of the roll-overs done (a setting), and what undoing the latest one compares: a
fingerprint of the roster as the roll-over left it, and the records of the new year that were
already there.

Plain Python and SQL; nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from counselor_app.records.catalog import ALL
from counselor_app.school.core import School
from counselor_app.storage.database import Database
from counselor_app.years.school_years import ROLLOVERS_SETTING, SchoolYear


# -- the record of roll-overs (setting) ----------------------------------------------------------
def rollover_history(db: Database) -> list[dict[str, Any]]:
    """Every roll-over still in force, oldest first; the latest carries ``undo``."""
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (ROLLOVERS_SETTING,))
    return [] if value is None else list(json.loads(value))


def record_rollover(
    school: School, from_year: SchoolYear, to_year: SchoolYear, undo: dict[str, Any]
) -> None:
    """Add a roll-over to the record, with what undoing it needs. Only the latest roll-over can be
    undone: the ones before it drop what undoing them needed."""
    history = [
        {key: value for key, value in entry.items() if key != "undo"}
        for entry in rollover_history(school.db)
    ]
    history.append(
        rollover_entry(from_year, to_year, at=school.now(), by=school.user.name) | {"undo": undo}
    )
    write_rollover_history(school.db, history)


def rollover_entry(
    from_year: SchoolYear, to_year: SchoolYear, *, at: dt.datetime, by: str
) -> dict[str, Any]:
    """One roll-over as the record keeps it, without what undoing it needs."""
    return {
        "from_year": from_year.start,
        "to_year": to_year.start,
        "at": at.isoformat(timespec="seconds"),
        "by": by,
    }


def write_rollover_history(db: Database, history: list[dict[str, Any]]) -> None:
    db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (ROLLOVERS_SETTING, json.dumps(history, ensure_ascii=False, separators=(",", ":"))),
    )


# -- what undoing compares -----------------------------------------------------------------------
ROSTER_TABLES = ("class", "student", "enrolment")


def roster_digests(db: Database) -> dict[str, str]:
    """A fingerprint of every row of the classes, students and 学年分班, per table: any change to
    them after the roll-over shows as a different fingerprint."""
    digests = {}
    for table in ROSTER_TABLES:
        order = "student_id, school_year" if table == "enrolment" else "id"
        digest = hashlib.sha256()
        for row in db.query(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(json.dumps(list(row), ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
        digests[table] = digest.hexdigest()
    return digests


def dated_tables() -> list[tuple[str, str, str]]:
    """(record type, table, SQL for the record's date) of every record type that has a date; a
    monitor report's month counts as its last day."""
    tables = []
    for spec in ALL:
        if spec.date_field is None:
            continue
        column = spec.date_field
        if column == "month":
            column = "date(month || '-01', '+1 month', '-1 day')"
        tables.append((spec.type, spec.table, column))
    return tables


def new_year_records(db: Database, year: SchoolYear) -> dict[str, list[int]]:
    """The ids of records dated on or after 1 July of the year's first calendar year (the earliest
    an autumn term can start), per table."""
    since = dt.date(year.start, 7, 1).isoformat()
    found: dict[str, list[int]] = {}
    for _, table, column in dated_tables():
        ids = [int(r[0]) for r in db.query(f"SELECT id FROM {table} WHERE {column} >= ?", (since,))]
        if ids:
            found[table] = ids
    return found


__all__ = [
    "ROSTER_TABLES",
    "dated_tables",
    "new_year_records",
    "record_rollover",
    "rollover_entry",
    "rollover_history",
    "roster_digests",
    "write_rollover_history",
]
