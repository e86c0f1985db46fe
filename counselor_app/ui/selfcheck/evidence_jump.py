"""Where an evidence item leads in the program: a student's file, a class, a week of the room.

Evidence names what it is about by kind and key (``selfcheck.result.Evidence``): a student or a
crisis plan by 学号, a class by 班级编号, a week by its Monday, a session by its date and time. This
module only maps that onto the main window's sections; finding the student behind a 学号 happens
on the database worker, in the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.foundation.vocab import ACTIVITY_TYPE, BOOKING_CHANNEL, ROOM_FUNCTION
from counselor_app.selfcheck.result import Evidence

STUDENTS, ROOM, SESSIONS, ACTIVITIES, SETTINGS = (
    "students",
    "room",
    "sessions",
    "activities",
    "settings",
)


@dataclass(frozen=True)
class JumpTarget:
    section: str
    student_no: str | None = None  # open this student's file
    class_code: str | None = None  # show the students of this class
    week: dt.date | None = None  # the Monday of the week to show


def jump_target(evidence: Evidence) -> JumpTarget | None:
    """The section (and what in it) that holds the records behind ``evidence``; None if none."""
    kind, key = evidence.kind, evidence.key
    if kind in ("student", "plan"):
        return JumpTarget(STUDENTS, student_no=key)
    if kind == "class":
        return JumpTarget(STUDENTS, class_code=key)
    if kind == "week":
        try:
            return JumpTarget(ROOM, week=dt.date.fromisoformat(key))
        except ValueError:
            return JumpTarget(ROOM)
    if kind == "slot":
        return JumpTarget(ROOM)
    if kind == "session":
        return JumpTarget(SESSIONS)
    if kind in ("month", "quarter", "document"):
        return JumpTarget(ACTIVITIES)
    if kind == "campus":
        return JumpTarget(SETTINGS)
    if kind == "school":
        if key in ACTIVITY_TYPE.codes:
            return JumpTarget(ACTIVITIES)
        if key == "appointment":
            return JumpTarget(ROOM)
        # Imported here: the workbook package loads openpyxl, which takes a while.
        from counselor_app.workbook.layout import SCHOOL_COLUMNS

        if key in SCHOOL_COLUMNS or key in ROOM_FUNCTION.codes or key in BOOKING_CHANNEL.codes:
            return JumpTarget(SETTINGS)
        return None
    return None
