"""What a workbook's 学年分班 sheet says about each student's latest school year, read ahead.

The 学生 sheet is imported before 学年分班 (a placement names a student, who may be new), yet a
student's 班级编号 means the class of their latest school year, which 学年分班 may be the one to
say. So the sheet's rows are read once beforehand, without writing or reporting anything: the
importer of 学生 checks each student's 班级编号 against their latest row here, and the sheet's
own importer (:mod:`~counselor_app.workbook.enrolment_sheet`) reports its problems in turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from counselor_app.records.values import BadValue, to_school_year
from counselor_app.workbook.cells import for_converter, is_blank, plain_text
from counselor_app.workbook.layout import ENROLMENT, normalize_code
from counselor_app.workbook.reading import SheetData


@dataclass(frozen=True)
class Placement:
    """One 学年分班 row: a student's class (班级编号) in a school year, and the row it is on."""

    year: int
    code: str
    row: int


@dataclass
class EnrolmentPlan:
    """Per 学号, the row of the latest school year; and the 学号 whose rows cannot all be read
    (their latest year is unknown until those rows are fixed)."""

    latest: dict[str, Placement] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)


def read_plan(data: SheetData, present: Mapping[int, str]) -> EnrolmentPlan:
    """The plan of a 学年分班 sheet whose cell positions hold the fields ``present`` names."""
    plan = EnrolmentPlan()
    year_field = ENROLMENT.field("school_year")
    for row, cells in data.rows:
        raw = {name: cells[i] if i < len(cells) else None for i, name in present.items()}
        if is_blank(raw.get("student_id")):
            continue
        number = normalize_code(plain_text(raw["student_id"]))
        code = raw.get("class_id")
        try:
            year = to_school_year(for_converter(year_field, raw.get("school_year")))
        except BadValue:
            year = None
        if year is None or is_blank(code):
            plan.unreadable.add(number)
            continue
        placed = plan.latest.get(number)
        if placed is None or year > placed.year:
            plan.latest[number] = Placement(year, normalize_code(plain_text(code)), row)
    return plan
