"""School years (学年): their names, which one a day or a term belongs to, and what each one holds.

A school year is known by the calendar year it starts in: 2025 is 2025—2026学年. Its terms are the
terms that start from July of that year to June of the next (an autumn term and a spring term), so
a term's school year follows from its first day alone (:func:`school_year_of_term`).

Its days run from 1 September to 31 August, except that a school year begins on the first day of
its autumn term when that comes earlier (many senior schools start in late August), and the year
before it then ends the day before; otherwise a screening or a home visit in the first days of such
a term would fall in no school year at all. This is the one definition of "the school year of a
day" (:func:`school_year_of`); the self-check, the dashboard and the migration that gave existing
classes their school year all use it.

The school is in the school year of its latest started term, or in the year it was rolled over
to (设置 › 学年) when that is later (:func:`current_school_year`).

Classes belong to one school year (``class.school_year``) and a student has a class in every school
year they were enrolled (``enrolment``); ``student.class_id`` is the class of the latest of them.

Plain Python and SQL: nothing here imports Qt, and nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.storage.database import Database

EM_DASH = "—"
YEAR_WORD = "学年"
# Whatever people type between the two years: ASCII and Unicode hyphens and dashes, the minus
# sign, the full-width hyphen of a Chinese input method (folded to "-" first), and the doubled
# "——" that the Chinese input method gives for the dash key.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63~\u301c"
_NAME = re.compile(rf"(\d{{4}})\s*[{re.escape(_DASHES)}]+\s*(\d{{4}})\s*(?:{YEAR_WORD})?")
FIRST_YEAR, LAST_YEAR = 1900, 2999
# The roll-overs done (counselor_app.rollover.core writes them): a JSON list, oldest first, of
# {"from_year", "to_year", "at", "by"} and, on the latest one, what undoing it needs.
ROLLOVERS_SETTING = "school_years.rollovers"

NOT_A_SCHOOL_YEAR = msg(
    "“{value}”不是学年，应写成“2025—2026学年”或“2025-2026”",
    "'{value}' is not a school year; write it as 2025—2026学年 or 2025-2026",
)
NOT_CONSECUTIVE = msg(
    "“{value}”不是一个学年：结束的年份应比开始的年份大 1，例如 {start}—{next}学年",
    "'{value}' is not one school year: the second year must follow the first, as in "
    "{start}—{next}学年",
)


@dataclass(frozen=True, order=True)
class SchoolYear:
    """One school year, by the calendar year it starts in (2025 for 2025—2026学年)."""

    start: int

    @property
    def name(self) -> str:
        """2025—2026学年, with an em dash as term names write it."""
        return f"{self.start}{EM_DASH}{self.start + 1}{YEAR_WORD}"

    def __str__(self) -> str:
        return self.name

    @property
    def next(self) -> SchoolYear:
        return SchoolYear(self.start + 1)

    @property
    def previous(self) -> SchoolYear:
        return SchoolYear(self.start - 1)

    @classmethod
    def parse(cls, value: Any) -> SchoolYear:
        """A school year from what a person typed: 2025—2026学年, 2025-2026, 2025–2026,
        2025－2026学年, 2025——2026 … (any dash, with or without 学年; full-width digits too).

        A bare start year is accepted only as an ``int`` (the stored form); typed text such as
        "2025" is refused, since people write 2025 for 2024—2025 as often as for 2025—2026.
        Raises :class:`~counselor_app.foundation.errors.InvalidInput` with a message that says what to write.
        """
        if isinstance(value, SchoolYear):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            if FIRST_YEAR <= value <= LAST_YEAR:
                return cls(value)
            raise InvalidInput(NOT_A_SCHOOL_YEAR(value=value))
        text = unicodedata.normalize("NFKC", str(value)).strip()
        match = _NAME.fullmatch(text)
        if match is None:
            raise InvalidInput(NOT_A_SCHOOL_YEAR(value=str(value).strip()))
        start, end = int(match[1]), int(match[2])
        if not FIRST_YEAR <= start <= LAST_YEAR:
            raise InvalidInput(NOT_A_SCHOOL_YEAR(value=str(value).strip()))
        if end != start + 1:
            raise InvalidInput(
                NOT_CONSECUTIVE(value=str(value).strip(), start=start, next=start + 1)
            )
        return cls(start)


class HasFirstDay(Protocol):
    @property
    def first_day(self) -> dt.date: ...


@dataclass(frozen=True)
class TermInfo:
    id: int
    name: str
    first_day: dt.date
    last_day: dt.date

    @property
    def school_year(self) -> SchoolYear:
        return school_year_of_term(self.first_day)


@dataclass(frozen=True)
class SchoolClass:
    """A class of one school year, as the self-check and the pickers need it."""

    id: int
    class_code: str
    name: str
    grade: int
    graduating: bool
    head_teacher_id: int | None
    school_year: int = 0


# -- which school year ---------------------------------------------------------------------------
def school_year_of_term(first_day: dt.date) -> SchoolYear:
    """The school year a term belongs to: 2025 for both terms of 2025—2026 (an autumn term starts
    from July on, a spring term before July)."""
    return SchoolYear(first_day.year if first_day.month >= 7 else first_day.year - 1)


def year_begins(year: SchoolYear | int, terms: Iterable[HasFirstDay]) -> dt.date:
    """The first day of a school year: 1 September, or its autumn term's first day if earlier."""
    start = SchoolYear.parse(year).start
    own = [t.first_day for t in terms if school_year_of_term(t.first_day).start == start]
    return min([dt.date(start, 9, 1), *own])


def school_year_days(
    year: SchoolYear | int, terms: Sequence[HasFirstDay]
) -> tuple[dt.date, dt.date]:
    """First and last day of a school year (see the module's docstring)."""
    school_year = SchoolYear.parse(year)
    first = year_begins(school_year, terms)
    last = year_begins(school_year.next, terms) - dt.timedelta(days=1)
    return first, last


def school_year_of(day: dt.date, terms: Sequence[HasFirstDay]) -> SchoolYear:
    """The school year that holds ``day``, given the school's terms (for early autumn starts)."""
    this = SchoolYear(day.year)
    return this if day >= year_begins(this, terms) else this.previous


def current_school_year(db: Database, today: dt.date) -> SchoolYear:
    """The school year the school is in now, for defaults (a new class's 学年, the classes pickers
    offer, the dashboard's counts) and upgrades.

    It is the school year of the latest term that has started on or before ``today``
    (:func:`school_year_by_terms`), or the year the school was rolled over to
    (:func:`rolled_over_to`) if that is later: a roll-over in July moves the school into the new
    year at once, so that the new cohort's workbook and the forms default to it, although the
    new year's first term starts only in September.
    """
    by_terms = school_year_by_terms(db, today)
    rolled = rolled_over_to(db)
    return max(by_terms, rolled) if rolled is not None else by_terms


def school_year_by_terms(db: Database, today: dt.date) -> SchoolYear:
    """The school year of the latest term that has started on or before ``today``: during a term
    its year, in the summer holiday the year just ended, until the next autumn term starts. When
    no term has started yet it is the year of the first term to come, and with no terms at all
    the school year of ``today``. Migration 0006 computes the same in SQL; a test keeps the two in
    agreement.
    """
    terms = load_terms(db)
    started = [t for t in terms if t.first_day <= today]
    if started:
        return school_year_of_term(max(started, key=lambda t: t.first_day).first_day)
    if terms:
        return school_year_of_term(min(terms, key=lambda t: t.first_day).first_day)
    return school_year_of(today, [])


def rolled_over_to(db: Database) -> SchoolYear | None:
    """The latest school year the school was rolled over to (设置 › 学年), or None."""
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (ROLLOVERS_SETTING,))
    if value is None:
        return None
    years = [int(entry["to_year"]) for entry in json.loads(value)]
    return SchoolYear(max(years)) if years else None


# -- what a school year holds --------------------------------------------------------------------
def load_terms(db: Database) -> list[TermInfo]:
    """Every term, oldest first."""
    return [
        TermInfo(
            r["id"],
            r["name"],
            dt.date.fromisoformat(r["first_day"]),
            dt.date.fromisoformat(r["last_day"]),
        )
        for r in db.query("SELECT id, name, first_day, last_day FROM term ORDER BY first_day, id")
    ]


def terms_of_year(terms: Iterable[TermInfo], year: SchoolYear | int) -> list[TermInfo]:
    """The terms of one school year, in date order."""
    start = SchoolYear.parse(year).start
    return sorted((t for t in terms if t.school_year.start == start), key=lambda t: t.first_day)


def years_with_classes(db: Database) -> list[SchoolYear]:
    """The school years that have classes, oldest first."""
    return [
        SchoolYear(int(r[0]))
        for r in db.query("SELECT DISTINCT school_year FROM class ORDER BY school_year")
    ]


def classes_of_year(db: Database, year: SchoolYear | int) -> list[SchoolClass]:
    """The classes of one school year, by 班级编号."""
    return _classes(db, "WHERE school_year = ?", (SchoolYear.parse(year).start,))


def every_class(db: Database) -> list[SchoolClass]:
    """The classes of every school year, by 班级编号 and then year."""
    return _classes(db)


def _classes(db: Database, where: str = "", parameters: tuple[int, ...] = ()) -> list[SchoolClass]:
    return [
        SchoolClass(
            r["id"],
            r["class_code"],
            r["name"],
            r["grade"],
            bool(r["graduating"]),
            r["head_teacher_id"],
            r["school_year"],
        )
        for r in db.query(
            "SELECT id, class_code, name, grade, graduating, head_teacher_id, school_year"
            f" FROM class {where} ORDER BY class_code, school_year, id",
            parameters,
        )
    ]


def class_of_student(db: Database, student_id: int, year: SchoolYear | int) -> int | None:
    """The id of the student's class in that school year, or None if not enrolled that year."""
    found = db.scalar(
        "SELECT class_id FROM enrolment WHERE student_id = ? AND school_year = ?",
        (student_id, SchoolYear.parse(year).start),
    )
    return None if found is None else int(found)


def enrolments_of_student(db: Database, student_id: int) -> list[tuple[SchoolYear, int]]:
    """(school year, class id) for every year the student was enrolled, oldest first."""
    return [
        (SchoolYear(int(r[0])), int(r[1]))
        for r in db.query(
            "SELECT school_year, class_id FROM enrolment WHERE student_id = ? ORDER BY school_year",
            (student_id,),
        )
    ]


__all__ = [
    "EM_DASH",
    "ROLLOVERS_SETTING",
    "SchoolClass",
    "SchoolYear",
    "TermInfo",
    "class_of_student",
    "classes_of_year",
    "current_school_year",
    "enrolments_of_student",
    "every_class",
    "load_terms",
    "rolled_over_to",
    "school_year_by_terms",
    "school_year_days",
    "school_year_of",
    "school_year_of_term",
    "terms_of_year",
    "year_begins",
    "years_with_classes",
]
