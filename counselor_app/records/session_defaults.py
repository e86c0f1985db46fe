"""What a new counselling session is filled in with, so a quick entry needs only the student.

Today's date; the start time now, rounded down to five minutes (a session is entered just after
it began or ended, and a counsellor thinks in five-minute steps); an individual session of 50
minutes; and the counsellor: the staff member the signed-in account is linked to
(``app_user.staff_id``), else the school's first full-time psych teacher by 工号.

The counsellors offered are the psych teachers (full-time first, then part-time, each by 工号),
plus the linked staff member if that person holds neither role. No Qt; reads only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.school.core import School
from counselor_app.storage.database import Database

DEFAULT_MINUTES = 50
DEFAULT_KIND = "individual"
START_STEP_MINUTES = 5

_PSYCH_ROLES = ("fulltime_psych", "parttime_psych")


@dataclass(frozen=True)
class Counsellor:
    id: int
    staff_no: str
    name: str
    full_time: bool


@dataclass(frozen=True)
class SessionDefaults:
    date: dt.date
    start_time: str  # HH:MM
    minutes: int
    kind: str
    counsellor_id: int | None  # None: the school has no psych teacher and no linked account
    counsellors: tuple[Counsellor, ...]

    def values(self) -> dict[str, object]:
        """The defaults as record values for the record service."""
        return {
            "date": self.date.isoformat(),
            "start_time": self.start_time,
            "minutes": self.minutes,
            "kind": self.kind,
            "counsellor_id": self.counsellor_id,
        }


def start_time_for(moment: dt.datetime | dt.time) -> str:
    """``moment`` rounded down to :data:`START_STEP_MINUTES`, as HH:MM (10:34 → 10:30)."""
    minute = moment.minute - moment.minute % START_STEP_MINUTES
    return f"{moment.hour:02d}:{minute:02d}"


def counsellors(db: Database, linked_staff_id: int | None = None) -> list[Counsellor]:
    rows = db.query(
        "SELECT s.id, s.staff_no, s.name,"
        " max(r.role = 'fulltime_psych') AS full_time, max(r.role = 'parttime_psych') AS part_time"
        " FROM staff s LEFT JOIN staff_role r ON r.staff_id = s.id"
        " WHERE r.role IN (?, ?) OR s.id IS ? GROUP BY s.id",
        (*_PSYCH_ROLES, linked_staff_id),
    )
    ordered = sorted(rows, key=lambda r: (not r["full_time"], not r["part_time"], r["staff_no"]))
    return [Counsellor(r["id"], r["staff_no"], r["name"], bool(r["full_time"])) for r in ordered]


def default_counsellor_id(school: School, choices: list[Counsellor] | None = None) -> int | None:
    """The signed-in user's own staff member if linked, else the first full-time psych teacher."""
    choices = counsellors(school.db, school.user.staff_id) if choices is None else choices
    linked = school.user.staff_id
    if linked is not None and any(c.id == linked for c in choices):
        return linked
    full_time = [c for c in choices if c.full_time]
    return full_time[0].id if full_time else None


def session_defaults(school: School) -> SessionDefaults:
    now = school.now()
    choices = counsellors(school.db, school.user.staff_id)
    return SessionDefaults(
        date=now.date(),
        start_time=start_time_for(now),
        minutes=DEFAULT_MINUTES,
        kind=DEFAULT_KIND,
        counsellor_id=default_counsellor_id(school, choices),
        counsellors=tuple(choices),
    )


__all__ = [
    "DEFAULT_KIND",
    "DEFAULT_MINUTES",
    "Counsellor",
    "SessionDefaults",
    "counsellors",
    "default_counsellor_id",
    "session_defaults",
    "start_time_for",
]
