"""A student's risk level on a day: one reading for the screen, the printouts, the dashboard and the
self-check.

requirements.md §2: the level on a day is the latest level recorded on or before it by a risk
assessment (风险等级), a crisis plan (一生一策) or a session's assessment (辅导记录的风险等级). Entries
keep no time of day, so when several fall on the same day the highest wins: the order of the day's
entries is unknown, and a counsellor would rather over-watch. A screening result never sets the
level by itself.

Two ways in, one order: :func:`levels_from_records` for records already read (a student's file)
and :func:`recorded_levels` for every student at once (the dashboard, the self-check). Both give
histories in :func:`in_order`, which :func:`level_on` reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from counselor_app.storage.database import Database

# Where a risk level is recorded: record type → the field holding it.
LEVEL_FIELDS = {"risk_assessment": "level", "crisis_plan": "level", "session": "risk_level"}


@dataclass(frozen=True)
class LevelEntry:
    date: str  # ISO date
    level: int
    record_type: str  # risk_assessment, crisis_plan or session


def in_order(entries: Iterable[LevelEntry]) -> tuple[LevelEntry, ...]:
    """Oldest first; on the same day the highest last, so that it is the one that stands."""
    return tuple(sorted(entries, key=lambda e: (e.date, e.level)))


def entry_on(history: tuple[LevelEntry, ...], day: dt.date) -> LevelEntry | None:
    """The entry whose level stands on ``day``: the last on or before it (``history`` in
    :func:`in_order`), or None before any entry."""
    standing = None
    for entry in history:
        if entry.date > day.isoformat():
            break
        standing = entry
    return standing


def level_on(history: tuple[LevelEntry, ...], day: dt.date) -> tuple[int | None, str | None]:
    """The level on ``day`` and the date of the entry that set it (None, None before any entry).

    ``history`` must be :func:`in_order`. When the level stays the same across entries, the date
    is that of the first entry at that level."""
    level: int | None = None
    since: str | None = None
    for entry in history:
        if entry.date > day.isoformat():
            break
        if entry.level != level:
            since = entry.date
        level = entry.level
    return level, since


def levels_from_records(
    records: Iterable[tuple[str, str, Mapping[str, Any]]],
) -> tuple[LevelEntry, ...]:
    """The history from ``(record type, date, record)`` triples; a record without a level (a
    session with none assessed, or one whose level was withheld from this reader) adds nothing."""
    entries = []
    for record_type, date, record in records:
        field = LEVEL_FIELDS.get(record_type)
        level = record.get(field) if field else None
        if level is not None:
            entries.append(LevelEntry(date, int(level), record_type))
    return in_order(entries)


def recorded_levels(
    db: Database, until: dt.date, *, include_sessions: bool = True
) -> dict[int, tuple[LevelEntry, ...]]:
    """Every student's history up to ``until``. ``include_sessions=False`` leaves out the
    sessions' assessments, which a 管理员 may not read."""
    sources = [
        "SELECT student_id, date, level, 'risk_assessment' FROM risk_assessment WHERE date <= :day",
        "SELECT student_id, created_on, level, 'crisis_plan' FROM crisis_plan"
        " WHERE created_on <= :day",
    ]
    if include_sessions:
        sources.append(
            "SELECT ss.student_id, cs.date, cs.risk_level, 'session' FROM counselling_session cs"
            " JOIN session_student ss ON ss.session_id = cs.id"
            " WHERE cs.risk_level IS NOT NULL AND cs.date <= :day"
        )
    by_student: dict[int, list[LevelEntry]] = {}
    for student_id, date, level, record_type in db.query(
        " UNION ALL ".join(sources), {"day": until.isoformat()}
    ):
        by_student.setdefault(int(student_id), []).append(
            LevelEntry(str(date), int(level), str(record_type))
        )
    # Sorted here rather than by an ORDER BY over the UNION, which sorts on disk: 20-50 times
    # slower on an encrypted database than sorting a few thousand entries in Python.
    return {student_id: in_order(entries) for student_id, entries in by_student.items()}


__all__ = [
    "LEVEL_FIELDS",
    "LevelEntry",
    "entry_on",
    "in_order",
    "level_on",
    "levels_from_records",
    "recorded_levels",
]
