"""A class's students on a day, in roster order: who a paper screening of that class is typed in for.

Roster order is by 学号, the order a class list is printed in; the paper entry grid and a blank
answer sheet for the class must agree on it, so that the counsellor types the sheets in the order
they lie. The class is one of the school year that holds the day (学年分班), and a student counts
if enrolled in it that year, joined by the day (or joining date unknown) and not left before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.storage.database import Database
from counselor_app.years.school_years import (
    SchoolClass,
    SchoolYear,
    classes_of_year,
    load_terms,
    school_year_of,
)


@dataclass(frozen=True)
class RosterStudent:
    id: int
    student_no: str
    name: str


def school_year_on(db: Database, day: dt.date) -> SchoolYear:
    return school_year_of(day, load_terms(db))


def classes_on(db: Database, day: dt.date) -> list[SchoolClass]:
    """The classes of the school year that holds ``day``, by 班级编号."""
    return classes_of_year(db, school_year_on(db, day))


def roster_on(db: Database, class_id: int, day: dt.date) -> list[RosterStudent]:
    """The students of the class on ``day``, by 学号."""
    year = db.scalar("SELECT school_year FROM class WHERE id = ?", (class_id,))
    if year is None:
        return []
    rows = db.query(
        "SELECT s.id, s.student_no, s.name FROM enrolment e JOIN student s ON s.id = e.student_id"
        " WHERE e.class_id = :class_id AND e.school_year = :year"
        " AND (s.enrolled_on IS NULL OR s.enrolled_on <= :day)"
        " AND (s.status = 'enrolled' OR (s.left_on IS NOT NULL AND s.left_on >= :day))"
        " ORDER BY s.student_no",
        {"class_id": class_id, "year": int(year), "day": day.isoformat()},
    )
    return [RosterStudent(int(r["id"]), r["student_no"], r["name"]) for r in rows]
