"""A class named by its 班级编号 and school year, with its students as of a day, for the printouts
handed out to a class (the blank answer sheet, the guardians' consent forms).

A class belongs to one school year (班级编号 come back every year), so a class is named by its code
and its school year. Its students are :func:`counselor_app.screening.class_roster.roster_on`'s, in
学号 order: the paper entry grid types the answer sheets in in that same order.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.screening.class_roster import RosterStudent, roster_on
from counselor_app.years.school_years import (
    SchoolYear,
    current_school_year,
    load_terms,
    school_year_days,
)

UNKNOWN_CLASS = msg(
    "{year}没有班级编号为“{code}”的班级（该学年的班级：{known}）。",
    "{year} has no class with the code '{code}' (that year's classes: {known}).",
)
NO_CLASSES = msg("（无）", "(none)")


@dataclass(frozen=True)
class ClassRoster:
    class_id: int
    class_code: str
    class_name: str
    grade: int
    year: SchoolYear
    on: dt.date
    students: tuple[RosterStudent, ...]


def roster_day(school: School, year: SchoolYear) -> dt.date:
    """Today when it falls in ``year``; otherwise the nearest day of that year (its first day for
    a year to come, its last for a past one), so that a past class lists who finished it."""
    first, last = school_year_days(year, load_terms(school.db))
    return min(max(school.today(), first), last)


def class_roster(
    school: School, class_code: str, year: SchoolYear | None = None, on: dt.date | None = None
) -> ClassRoster:
    """The students of the class with this 班级编号 in ``year`` (default: the current school year)
    who were at the school on ``on`` (default: :func:`roster_day`). Raises InvalidInput naming the
    year's classes when there is no such class."""
    db = school.db
    year = year or current_school_year(db, school.today())
    code = unicodedata.normalize("NFKC", class_code).strip()
    row = db.query_one(
        "SELECT id, class_code, name, grade FROM class WHERE school_year = ? AND class_code = ?",
        (year.start, code),
    )
    if row is None:
        known = [
            r[0]
            for r in db.query(
                "SELECT class_code FROM class WHERE school_year = ? ORDER BY class_code",
                (year.start,),
            )
        ]
        raise InvalidInput(
            UNKNOWN_CLASS(year=year.name, code=code, known="、".join(known) or NO_CLASSES)
        )
    day = on or roster_day(school, year)
    # The paper entry grid's roster: the sheets are typed in in the order they are printed.
    students = tuple(roster_on(db, int(row["id"]), day))
    return ClassRoster(
        int(row["id"]), row["class_code"], row["name"], int(row["grade"]), year, day, students
    )
