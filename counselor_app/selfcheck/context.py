"""The facts of one term that many rules share, computed once per self-check.

Definitions (requirements.md §2): a term is judged on its own school year's classes and on the
students enrolled in that year (学年分班): a student counts for a term when they had a class that
school year, joined by the term's last day and did not leave (毕业/转出) before it; a class counts
when it has such a student. Facts name each student's class of that year, so evidence names
classes and students as they were then.

A school year without any class (a database from before school years holds classes of the current
year only) is judged on today's class lists instead, each student in the class they are in now,
exactly as before; ``rosters_of_today`` says so, and the report notes it.

A student's risk level on a day is the latest level recorded on or before that day by a risk
assessment, a crisis plan or a session's assessment; a key student (重点关爱学生) is an enrolled
student whose level is 2 or more on any day of the term.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from counselor_app.storage.database import Database
from counselor_app.students.risk_levels import LevelEntry, level_on, recorded_levels
from counselor_app.years.calendar import TermCalendar
from counselor_app.years.school_years import (
    SchoolClass,
    SchoolYear,
    TermInfo,
    classes_of_year,
    every_class,
    load_terms,
    school_year_days,
    terms_of_year,
)

# A class as the self-check sees it: one class of the term's school year.
ClassFact = SchoolClass


@dataclass(frozen=True)
class StudentFact:
    id: int
    student_no: str
    name: str
    sex: str
    class_id: int  # the student's class in the term's school year
    class_code: str
    grade: int
    status: str


# Who counts for a term, besides having a class: joined by its last day (or joining date unknown),
# and in 在读 or left (毕业/转出) on or after its last day.
_COUNTS_FOR_TERM = (
    "(s.status = 'enrolled' OR (s.left_on IS NOT NULL AND s.left_on >= :last))"
    " AND (s.enrolled_on IS NULL OR s.enrolled_on <= :last)"
)


class TermContext:
    """One term of one school, with its calendar and the shared facts, cached."""

    def __init__(self, db: Database, term: TermInfo, today: dt.date) -> None:
        self.db = db
        self.term = term
        self.today = today
        # Each closure day of the term with its scope: 'school' (全校停课) or 'room' (仅辅导室).
        # Only a whole-school closure takes a day off the school days (and so lowers a weekly
        # bar); on a room-only closure the school is open and the room opens nothing.
        self.closure_scopes: dict[dt.date, str] = {
            dt.date.fromisoformat(r[0]): r[1]
            for r in db.query(
                "SELECT date, scope FROM closure_day WHERE date BETWEEN ? AND ?",
                (term.first_day.isoformat(), term.last_day.isoformat()),
            )
        }
        self.calendar = TermCalendar(
            term.first_day,
            term.last_day,
            closure_days=frozenset(d for d, s in self.closure_scopes.items() if s == "school"),
            room_closed_days=frozenset(d for d, s in self.closure_scopes.items() if s != "school"),
        )

    # -- periods ---------------------------------------------------------------------------------
    @property
    def first(self) -> str:
        return self.term.first_day.isoformat()

    @property
    def last(self) -> str:
        return self.term.last_day.isoformat()

    @cached_property
    def _terms(self) -> list[TermInfo]:
        return load_terms(self.db)

    @property
    def year(self) -> SchoolYear:
        """The school year that holds the term (2025 for 2025—2026学年)."""
        return self.term.school_year

    @cached_property
    def school_year(self) -> tuple[str, str]:
        """First and last day of the school year that holds the term (ISO dates).

        Sept 1 – Aug 31, except that a school year begins on the first day of its autumn term when
        that comes earlier (see :mod:`counselor_app.years.school_years`).
        """
        first, last = school_year_days(self.year, self._terms)
        return first.isoformat(), last.isoformat()

    @cached_property
    def school_year_terms(self) -> list[TermInfo]:
        return terms_of_year(self._terms, self.year)

    @property
    def is_last_term_of_year(self) -> bool:
        """No later term of the school year is recorded, and this is not the autumn term.

        The autumn term is never the last: its self-check is run in January or February, usually
        before the spring term is entered, and a whole-year rule judged then would fail on half a
        year of records.
        """
        later = [t for t in self.school_year_terms if t.first_day > self.term.first_day]
        return not later and not self.calendar.is_autumn

    # -- people ----------------------------------------------------------------------------------
    @cached_property
    def year_classes(self) -> dict[int, ClassFact]:
        """Every class of the term's school year by id (today's classes when it has none)."""
        classes = classes_of_year(self.db, self.year)
        if not classes:
            classes = every_class(self.db)
        return {c.id: c for c in classes}

    @cached_property
    def rosters_of_today(self) -> bool:
        """The term's school year has no classes, so it is judged on today's class lists (each
        student in the class they are in now), as before school years were recorded."""
        return not self.db.scalar(
            "SELECT EXISTS (SELECT 1 FROM class WHERE school_year = ?)", (self.year.start,)
        )

    @cached_property
    def class_by_student(self) -> dict[int, int]:
        """Every student's class in the term's school year (today's class when the year has no
        classes), whether or not they count for the term: a care group's peer, say."""
        if self.rosters_of_today:
            rows = self.db.query("SELECT id, class_id FROM student")
        else:
            rows = self.db.query(
                "SELECT student_id, class_id FROM enrolment WHERE school_year = ?",
                (self.year.start,),
            )
        return {int(r[0]): int(r[1]) for r in rows}

    @cached_property
    def students(self) -> list[StudentFact]:
        """Students who count for this term: with a class in its school year, joined by its last
        day (or joining date unknown) and not left before its last day."""
        if self.rosters_of_today:
            sql = (
                "SELECT s.id, s.student_no, s.name, s.sex, s.class_id, s.status FROM student s"
                f" WHERE {_COUNTS_FOR_TERM} ORDER BY s.student_no"
            )
        else:
            sql = (
                "SELECT s.id, s.student_no, s.name, s.sex, e.class_id, s.status FROM enrolment e"
                " JOIN student s ON s.id = e.student_id"
                f" WHERE e.school_year = :year AND {_COUNTS_FOR_TERM} ORDER BY s.student_no"
            )
        classes = self.year_classes
        return [
            StudentFact(
                r["id"],
                r["student_no"],
                r["name"],
                r["sex"],
                r["class_id"],
                classes[r["class_id"]].class_code,
                classes[r["class_id"]].grade,
                r["status"],
            )
            for r in self.db.query(sql, {"last": self.last, "year": self.year.start})
        ]

    @cached_property
    def enrolled(self) -> list[StudentFact]:
        """Students in 在读 during the term: all of ``students``.

        A student's status says where they are now. One who left (毕业/转出) on or after the term's
        last day was in 在读 throughout the term, so for a term looked back on they still count;
        filtering on today's status would drop them from that term's screening, home visits and key
        students.
        """
        return list(self.students)

    @cached_property
    def classes(self) -> list[ClassFact]:
        """Classes of the term's school year with at least one student who counts, by 班级编号."""
        with_students = {s.class_id for s in self.students}
        return sorted(
            (c for c in self.year_classes.values() if c.id in with_students),
            key=lambda c: (c.class_code, c.id),
        )

    def staff_with_role(self, role: str) -> list[Any]:
        return self.db.query(
            "SELECT s.id, s.staff_no, s.name, s.qualification, s.campus_id FROM staff s"
            " JOIN staff_role r ON r.staff_id = s.id WHERE r.role = ? ORDER BY s.staff_no",
            (role,),
        )

    # -- risk ------------------------------------------------------------------------------------
    @cached_property
    def risk_histories(self) -> dict[int, tuple[LevelEntry, ...]]:
        """Every dated level per student up to the term's last day, from all three sources
        (:mod:`counselor_app.students.risk_levels`)."""
        return recorded_levels(self.db, self.term.last_day)

    @cached_property
    def risk_history(self) -> dict[int, list[tuple[str, int]]]:
        """The same as (date, level) pairs, in order."""
        return {
            student_id: [(e.date, e.level) for e in history]
            for student_id, history in self.risk_histories.items()
        }

    def risk_level_on(self, student_id: int, day: dt.date) -> int | None:
        """The level on ``day`` (at most the term's last day): the one reading the screen, the
        printouts and the dashboard use too."""
        return level_on(self.risk_histories.get(student_id, ()), day)[0]

    @cached_property
    def key_students(self) -> list[StudentFact]:
        """Enrolled students whose level is 2 or more on any day of the term."""
        key = []
        for student in self.enrolled:
            history = self.risk_history.get(student.id)
            if not history:
                continue
            level_at_start = self.risk_level_on(student.id, self.term.first_day)
            during = [lvl for date, lvl in history if self.first <= date <= self.last]
            if max([level_at_start or 0, *during]) >= 2:
                key.append(student)
        return key


def _term_where(db: Database, condition: str, parameter: str) -> TermInfo | None:
    row = db.query_one(
        f"SELECT id, name, first_day, last_day FROM term WHERE {condition}", (parameter,)
    )
    if row is None:
        return None
    return TermInfo(
        row["id"],
        row["name"],
        dt.date.fromisoformat(row["first_day"]),
        dt.date.fromisoformat(row["last_day"]),
    )


def find_term(db: Database, name: str) -> TermInfo | None:
    return _term_where(db, "name = ?", name)


def term_on(db: Database, day: dt.date) -> TermInfo | None:
    return _term_where(db, "? BETWEEN first_day AND last_day", day.isoformat())


__all__ = [
    "ClassFact",
    "StudentFact",
    "TermContext",
    "TermInfo",
    "find_term",
    "term_on",
]
