"""The school years at a glance, for 设置 › 学年: each year with its terms, classes and students,
which one the school is in, whether the next roll-over can start and whether the latest can be
undone. Counts only.

Plain Python and SQL; nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.foundation.i18n import Message, msg
from counselor_app.rollover.core import may_roll_over, rollover_refusal, rollover_source
from counselor_app.rollover.record import rollover_history
from counselor_app.rollover.undo import UndoStatus, undo_status
from counselor_app.school.core import School
from counselor_app.years.school_years import SchoolYear, current_school_year, load_terms

NO_YEAR_TO_ROLL = msg(
    "还没有任何学年的班级，无法升级。请先在“数据导入导出”中导入班级和学生。",
    "No school year has classes yet, so there is nothing to roll over. Import the classes and "
    "students first (Data import and export).",
)
READ_ONLY_OR_NOT_ALLOWED = msg(
    "这个账户或这个数据库不能修改班级和学生名册。",
    "This account or this database may not change classes and students.",
)


@dataclass(frozen=True)
class YearLine:
    year: SchoolYear
    terms: int
    classes: int
    students: int  # students with a class that year (学年分班)
    current: bool  # the year the school is in (school_years.current_school_year)
    rolled_over_on: str | None  # the day it was rolled over into the next year


@dataclass(frozen=True)
class RolloverState:
    lines: tuple[YearLine, ...]
    source: SchoolYear | None  # the year 升级到新学年 would start from
    refusal: Message | None  # why it cannot start (None: it can)
    undo: UndoStatus | None  # the latest roll-over, if it can still be considered for undoing
    may_change: bool  # the user may roll over and undo (a counsellor or a 管理员, writable)


def rollover_state(school: School) -> RolloverState:
    db = school.db
    current = current_school_year(db, school.today())
    terms: dict[int, int] = {}
    for term in load_terms(db):
        terms[term.school_year.start] = terms.get(term.school_year.start, 0) + 1
    classes = {int(r[0]): int(r[1]) for r in db.query(
        "SELECT school_year, count(*) FROM class GROUP BY school_year"
    )}  # fmt: skip
    students = {int(r[0]): int(r[1]) for r in db.query(
        "SELECT school_year, count(*) FROM enrolment GROUP BY school_year"
    )}  # fmt: skip
    rolled = {int(e["from_year"]): str(e["at"])[:10] for e in rollover_history(db)}
    years = sorted({*terms, *classes, current.start})
    lines = tuple(
        YearLine(
            SchoolYear(year),
            terms.get(year, 0),
            classes.get(year, 0),
            students.get(year, 0),
            year == current.start,
            rolled.get(year),
        )
        for year in reversed(years)  # the newest first
    )
    may_change = may_roll_over(school)
    source = rollover_source(school)
    if not may_change:
        refusal: Message | None = READ_ONLY_OR_NOT_ALLOWED
    elif source is None:
        refusal = NO_YEAR_TO_ROLL
    else:
        refusal = rollover_refusal(school, source)
    return RolloverState(lines, source, refusal, undo_status(school), may_change)


__all__ = ["RolloverState", "YearLine", "rollover_state"]
