"""Which school year's class a 班级编号 cell on a record sheet names, row by row.

On a dated row (心理课, 活动, 委员月报) the class of the school year of the row's date (a month: its
last day), found by :class:`~counselor_app.workbook.class_refs.ClassDirectory`.

On 学生, the class of the student's latest school year:

1. the workbook's 学年分班 has rows for the student, and the latest of them is not older than the
   class the school holds for the student: that row's class, and the 学生 cell must name the same
   班级编号 (else a problem on the 学生 row that points at the 学年分班 row);
2. otherwise, a cell naming its year (0701（2025—2026学年）): that year's class;
3. otherwise, a student the school holds whose class has this 班级编号 keeps that class (a roster
   edited from an export does not move last summer's graduates into this year's 0901);
4. otherwise, the class with this 班级编号 of the current school year (a workbook without 学年分班
   means that, as before school years).

Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import msg
from counselor_app.records.spec import Kind, RecordSpec
from counselor_app.records.values import BadValue, to_date, to_month
from counselor_app.workbook.cells import for_converter, is_blank
from counselor_app.workbook.class_refs import (
    ClassDirectory,
    ClassLookup,
    month_day,
    read_class_name,
)
from counselor_app.workbook.enrolment_plan import EnrolmentPlan
from counselor_app.years.school_years import SchoolYear

NOT_AS_ON_ENROLMENT = msg(
    "班级编号“{value}”与“学年分班”表第 {row} 行不一致：那一行写明该生{year}在班级 {code}，这是该生"
    "最近的学年，而“学生”表的班级编号是学生最近一个学年的班级。请把两处改成一致",
    "class '{value}' does not agree with row {row} of the sheet 学年分班, which puts this student "
    "in class {code} in {year}, the latest school year they were enrolled; the 学生 sheet's "
    "班级编号 is the class of that latest year. Make the two agree",
)
NO_CLASS_NOW = msg(
    "当前学年（{year}）没有班级 {code}：学生在“学年分班”表中没有哪一行时，“学生”表的班级编号指当前学年的"
    "班级。请在“班级”表中添加{year}的班级 {code}；如果是别的学年的班级，请在“学年分班”表中写明"
    "学年、学号和班级编号",
    "the current school year ({year}) has no class {code}: for a student without a row on the "
    "sheet 学年分班, the 学生 sheet's 班级编号 is a class of the current school year. Add class "
    "{code} of {year} to the sheet 班级, or, for a class of another school year, give the school "
    "year, 学号 and 班级编号 on the sheet 学年分班",
)


def row_day(spec: RecordSpec, raw: Mapping[str, Any]) -> tuple[dt.date | None, str | None]:
    """The day a row's classes are of: its date, or its month's last day (and then the month).
    None when the row has no readable date (its own problem says so)."""
    name = spec.date_field
    cell = raw.get(name) if name else None
    if name is None or is_blank(cell):
        return None, None
    field = spec.field(name)
    try:
        if field.kind is Kind.MONTH:
            month = to_month(for_converter(field, cell))
            return month_day(month), month
        return dt.date.fromisoformat(to_date(for_converter(field, cell))), None
    except BadValue:
        return None, None


def student_class(
    classes: ClassDirectory,
    plan: EnrolmentPlan,
    item: str,
    number: str | None,
    stored_class: int | None,
    current_year: int,
) -> ClassLookup:
    """The class a 学生 row's 班级编号 ``item`` names, for the student ``number`` whose class the
    school holds (``stored_class``, None for a new student); see the module's doc."""
    if number in plan.unreadable:
        return ClassLookup(pending=True)  # a 学年分班 row of this student is reported
    named = read_class_name(item)
    stored = classes.name_of(stored_class) if stored_class is not None else None
    placed = plan.latest.get(number) if number is not None else None
    if placed is not None and (stored is None or placed.year >= stored[0]):
        if named.code != placed.code or named.year not in (None, SchoolYear(placed.year)):
            return ClassLookup(
                problem=NOT_AS_ON_ENROLMENT(
                    value=item.strip(),
                    row=placed.row,
                    year=SchoolYear(placed.year).name,
                    code=placed.code,
                )
            )
        found = classes.find(placed.year, placed.code)
        # A class missing from that year is reported on the 学年分班 row that names it.
        return ClassLookup(found) if found is not None else ClassLookup(pending=True)
    if named.year is not None:
        return classes.look_up(item)
    if stored is not None and stored_class is not None and stored[1] == named.code:
        return ClassLookup(stored_class)
    now = classes.look_up(item, year=current_year)
    if now.problem is not None:
        year = SchoolYear(current_year).name
        return ClassLookup(problem=NO_CLASS_NOW(year=year, code=named.code))
    return now
