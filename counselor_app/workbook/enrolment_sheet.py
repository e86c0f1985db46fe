"""Importing the 学年分班 sheet: the class each student was in during each school year.

Each row (学年, 学号, 班级编号) places one student in one class of that school year: a new
placement is added, a different class for a placement already held replaces it (a correction of
that year's class), and a placement the sheet does not list stays (an import never deletes). The
database's triggers keep each student's shown class (``student.class_id``) at their latest year's.

Refused, each at its sheet, row and column: a 学年 that cannot be read, a 学号 that names no
student, a 班级编号 that is not a class of that school year, and a second row for the same
(学年, 学号). Counts compare with what the school held before the import began, so a placement the
学生 sheet has just written for a new student counts as added here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlcipher3 import dbapi2

from counselor_app.foundation.errors import Problem
from counselor_app.records.validation import REQUIRED
from counselor_app.records.values import BadValue, to_school_year
from counselor_app.school.core import School
from counselor_app.workbook.cells import display, for_converter, is_blank, plain_text
from counselor_app.workbook.counts import SheetCounts
from counselor_app.workbook.layout import ENROLMENT, REFERENCE_KEYS, normalize_code
from counselor_app.workbook.reading import SheetData
from counselor_app.workbook.record_sheet import CELL_SAYS, DUPLICATE_KEY_WITHIN, NOT_STORED
from counselor_app.workbook.references import UNKNOWN_KEY, KeyIndex
from counselor_app.years.school_years import SchoolYear

# (student id, school year) → class id
Placements = dict[tuple[int, int], int]


def stored_placements(school: School) -> Placements:
    """Every placement the school holds now."""
    return {
        (int(student), int(year)): int(klass)
        for student, year, klass in school.db.query(
            "SELECT student_id, school_year, class_id FROM enrolment"
        )
    }


class EnrolmentSheetImporter:
    def __init__(
        self,
        school: School,
        keys: KeyIndex,
        present: Mapping[int, str],
        problems: list[Problem],
        before: Placements,
    ) -> None:
        self._db = school.db
        self._keys = keys
        self._present = present
        self._problems = problems
        self._before = before
        self._seen: dict[tuple[int, str], int] = {}
        self.counts = SheetCounts()

    def run(self, data: SheetData, between_rows: Callable[[], None] | None = None) -> SheetCounts:
        for row, raw in data.named_rows(self._present):
            self._import_row(row, raw)
            if between_rows is not None:
                between_rows()
        return self.counts

    def _problem(self, name: str, message: Any, row: int) -> Problem:
        return Problem(ENROLMENT.field(name).label_zh, message, ENROLMENT.label_zh, row)

    def _import_row(self, row: int, raw: Mapping[str, Any]) -> None:
        problems: list[Problem] = []
        waiting = False  # names a row rejected elsewhere, which is reported there

        year: int | None = None
        cell = raw.get("school_year")
        if is_blank(cell):
            problems.append(self._problem("school_year", REQUIRED, row))
        else:
            try:
                year = to_school_year(for_converter(ENROLMENT.field("school_year"), cell))
            except BadValue as bad:
                # Quoting the cell, unless the message already does.
                shown = display(cell)
                said = bad.message
                if shown not in said.render():
                    said = CELL_SAYS(value=shown, problem=said)
                problems.append(self._problem("school_year", said, row))

        number: str | None = None
        cell = raw.get("student_id")
        if is_blank(cell):
            problems.append(self._problem("student_id", REQUIRED, row))
        else:
            number = normalize_code(plain_text(cell))

        if year is not None and number is not None:
            first = self._seen.get((year, number))
            if first is not None:
                header = ENROLMENT.field("student_id").label_zh
                duplicate = DUPLICATE_KEY_WITHIN(
                    header=header,
                    value=number,
                    first=first,
                    within=SchoolYear(year).name,
                    scope=ENROLMENT.field("school_year").label_zh,
                )
                self._problems.append(self._problem("student_id", duplicate, row))
                return
            self._seen[(year, number)] = row

        student: int | None = None
        if number is not None:
            student = self._keys.lookup("student", number)
            if student is None and self._keys.is_pending("student", number):
                waiting = True
            elif student is None:
                key = REFERENCE_KEYS["student"]
                unknown = UNKNOWN_KEY(
                    key_label=key.key_label, value=number, target=key.target, sheet=key.sheet
                )
                problems.append(self._problem("student_id", unknown, row))

        klass: int | None = None
        cell = raw.get("class_id")
        if is_blank(cell):
            problems.append(self._problem("class_id", REQUIRED, row))
        elif year is not None:
            found = self._keys.classes.in_year(plain_text(cell), year)
            if found.problem is not None:
                problems.append(self._problem("class_id", found.problem, row))
            waiting = waiting or found.pending
            klass = found.ident

        self._problems.extend(problems)
        if problems or waiting or year is None or student is None or klass is None:
            return
        try:
            self._write(student, year, klass)
        except dbapi2.IntegrityError as exc:  # a constraint the checks above did not foresee
            self._problems.append(Problem("", NOT_STORED(reason=str(exc)), ENROLMENT.label_zh, row))

    def _write(self, student: int, year: int, klass: int) -> None:
        held = self._db.scalar(
            "SELECT class_id FROM enrolment WHERE student_id = ? AND school_year = ?",
            (student, year),
        )
        if held is None:
            self._db.execute(
                "INSERT INTO enrolment (student_id, school_year, class_id) VALUES (?, ?, ?)",
                (student, year, klass),
            )
        elif int(held) != klass:
            self._db.execute(
                "UPDATE enrolment SET class_id = ? WHERE student_id = ? AND school_year = ?",
                (klass, student, year),
            )
        before = self._before.get((student, year))
        if before is None:
            self.counts.added += 1
        elif before != klass:
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1
