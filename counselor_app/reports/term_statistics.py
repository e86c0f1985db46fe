"""The figures of one term that the self-check charts draw and the district bundle carries.

Only counts, never names: sessions per teaching week (individual and group) and by topic, students
by risk level on the term's last day, scheduled room hours per teaching week, activities by type.
Plain SQL over the term; the definitions (teaching week, school day, a student's risk level on a
day) are the self-check's own, taken from :mod:`counselor_app.selfcheck.context`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from counselor_app.selfcheck.context import TermContext, TermInfo
from counselor_app.storage.database import Database

RISK_LEVELS = (0, 1, 2, 3)


@dataclass(frozen=True)
class WeekSessions:
    number: int
    monday: dt.date
    individual: int
    group: int
    minutes: int


@dataclass(frozen=True)
class WeekRoomHours:
    number: int
    monday: dt.date
    school_days: int
    hours: float


@dataclass(frozen=True)
class TermStatistics:
    term: str
    first_day: dt.date
    last_day: dt.date
    sessions_by_week: tuple[WeekSessions, ...]
    sessions_by_topic: tuple[tuple[str | None, int], ...]  # topic code (None: not given), count
    students_by_risk_level: tuple[int, int, int, int]  # enrolled students at levels 0..3
    students_without_level: int  # enrolled students with no level recorded by the term's end
    room_hours_by_week: tuple[WeekRoomHours, ...]
    activities_by_type: tuple[tuple[str, int], ...]

    @property
    def sessions(self) -> int:
        return sum(w.individual + w.group for w in self.sessions_by_week)

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "sessions_by_week": [
                {
                    "week": w.number,
                    "monday": w.monday.isoformat(),
                    "individual": w.individual,
                    "group": w.group,
                    "minutes": w.minutes,
                }
                for w in self.sessions_by_week
            ],
            "sessions_by_topic": {topic or "": count for topic, count in self.sessions_by_topic},
            "students_by_risk_level": {
                str(level): n
                for level, n in zip(RISK_LEVELS, self.students_by_risk_level, strict=True)
            },
            "students_without_level": self.students_without_level,
            "room_hours_by_week": [
                {
                    "week": w.number,
                    "monday": w.monday.isoformat(),
                    "school_days": w.school_days,
                    "hours": w.hours,
                }
                for w in self.room_hours_by_week
            ],
            "activities_by_type": dict(self.activities_by_type),
        }


def term_statistics(db: Database, term: TermInfo) -> TermStatistics:
    context = TermContext(db, term, term.last_day)
    levels, without = _risk_levels(context)
    return TermStatistics(
        term=term.name,
        first_day=term.first_day,
        last_day=term.last_day,
        sessions_by_week=_sessions_by_week(context),
        sessions_by_topic=tuple(
            (row[0], row[1])
            for row in db.query(
                "SELECT topic, count(*) FROM counselling_session WHERE date BETWEEN ? AND ?"
                " GROUP BY topic ORDER BY count(*) DESC, topic",
                (context.first, context.last),
            )
        ),
        students_by_risk_level=levels,
        students_without_level=without,
        room_hours_by_week=_room_hours_by_week(context),
        activities_by_type=tuple(
            (row[0], row[1])
            for row in db.query(
                "SELECT type, count(*) FROM activity WHERE date BETWEEN ? AND ?"
                " GROUP BY type ORDER BY type",
                (context.first, context.last),
            )
        ),
    )


def _sessions_by_week(context: TermContext) -> tuple[WeekSessions, ...]:
    counts: Counter[tuple[dt.date, str]] = Counter()
    minutes: Counter[dt.date] = Counter()
    for date, kind, number, total in context.db.query(
        "SELECT date, kind, count(*), sum(minutes) FROM counselling_session"
        " WHERE date BETWEEN ? AND ? GROUP BY date, kind",
        (context.first, context.last),
    ):
        day = dt.date.fromisoformat(date)
        monday = day - dt.timedelta(days=day.weekday())
        counts[(monday, kind)] += number
        minutes[monday] += total or 0
    return tuple(
        WeekSessions(
            week.number,
            week.monday,
            counts[(week.monday, "individual")],
            counts[(week.monday, "group")],
            minutes[week.monday],
        )
        for week in context.calendar.weeks
    )


def _risk_levels(context: TermContext) -> tuple[tuple[int, int, int, int], int]:
    levels = [0, 0, 0, 0]
    without = 0
    for student in context.enrolled:
        level = context.risk_level_on(student.id, context.term.last_day)
        if level is None:
            without += 1
        else:
            levels[level] += 1
    return (levels[0], levels[1], levels[2], levels[3]), without


def room_slots_on(rows: list[Any], day: dt.date) -> list[Any]:
    """The room_hours rows that apply on ``day`` (its weekday, within their validity)."""
    iso = day.isoformat()
    return [
        row
        for row in rows
        if row["weekday"] == day.isoweekday()
        and row["valid_from"] <= iso
        and (row["valid_to"] is None or iso <= row["valid_to"])
    ]


def slot_hours(start: str, end: str) -> float:
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return max(0, (h2 * 60 + m2) - (h1 * 60 + m1)) / 60


def _room_hours_by_week(context: TermContext) -> tuple[WeekRoomHours, ...]:
    rows = context.db.query(
        "SELECT weekday, start_time, end_time, valid_from, valid_to FROM room_hours"
    )
    weeks = []
    closed = context.calendar.room_closed_days  # the room alone closed: it opened nothing
    for week in context.calendar.weeks:
        hours = sum(
            slot_hours(row["start_time"], row["end_time"])
            for day in week.school_days
            if day not in closed
            for row in room_slots_on(rows, day)
        )
        weeks.append(
            WeekRoomHours(week.number, week.monday, len(week.school_days), round(hours, 2))
        )
    return tuple(weeks)
