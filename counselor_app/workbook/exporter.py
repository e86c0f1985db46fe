"""Exporting the whole database as the school workbook, in the shape the importer reads.

References become natural keys (学号, 工号, 班级编号, campus name), codes become Chinese words,
lists are joined with ``;``, dates and times are real Excel dates and times. Every school year is
written: classes with their 学年, every student's class in every year on 学年分班, and a class a
dated row names as the plain 班级编号 where that means the class of the row's school year (always,
unless a record was linked to a class of another year: then with its year, 0701（2024—2025学年）). Importing the export
into an empty school gives the same content, and importing it back into the same school changes
nothing. A 管理员's export leaves out every sheet with confidential fields and says so on 说明.
The file is written atomically, and no sheet ever lies in plain text in the shared temp folder
(:mod:`~counselor_app.workbook.saving`); the export is recorded in the audit trail with its row
counts.
A caller's ``progress`` (see :mod:`~counselor_app.workbook.progress`) hears of every sheet read and
row written and may stop the export before the file is in place; then nothing is written or logged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from counselor_app.foundation.i18n import joined
from counselor_app.records.service import Record, RecordService
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.school.core import School
from counselor_app.screening.library import scale_library
from counselor_app.workbook.cells import to_cell
from counselor_app.workbook.class_refs import ClassDirectory, month_day
from counselor_app.workbook.counts import ExportReport
from counselor_app.workbook.instructions import (
    EXPORT_BY_ADMIN,
    EXPORT_CONFIDENTIAL,
    EXPORTED_AT,
    Instructions,
)
from counselor_app.workbook.layout import INSTRUCTIONS_SHEET, REFERENCE_KEYS, SHEETS, SheetLayout
from counselor_app.workbook.progress import EXPORT_CANCELLED, Progress, Ticker
from counselor_app.workbook.references import STAFF_PREFIX, STUDENT_PREFIX
from counselor_app.workbook.saving import save_workbook
from counselor_app.workbook.scale_answers_sheet import SHEET_NAME as SCALE_SHEET
from counselor_app.workbook.scale_answers_sheet import SHEET_NOTE as SCALE_SHEET_NOTE
from counselor_app.workbook.scale_answers_sheet import export_rows
from counselor_app.workbook.school_sheet import read_school
from counselor_app.workbook.sheet_writer import (
    discard_unsaved,
    write_data_sheet,
    write_instructions_sheet,
)

# Rows in the order a person reads a ledger: terms by date, people and classes by their number.
_ORDER = {"term": ("first_day", "id")}


def export_workbook(
    school: School, path: Path, *, progress: Progress | None = None
) -> ExportReport:
    ticker = Ticker(progress, EXPORT_CANCELLED)
    counsellor = school.may_read_confidential
    sheets = [s for s in SHEETS if counsellor or not s.confidential]
    left_out = tuple(s.name for s in SHEETS if s not in sheets) + (
        () if counsellor else (SCALE_SHEET,)
    )
    keys = _Keys(school)
    service = RecordService(school)
    contents: list[tuple[SheetLayout, list[list[Any]]]] = []
    for layout in sheets:
        ticker.check()
        if layout.is_school:
            school_row = read_school(school)
            rows = [[to_cell(c.field, school_row.get(c.field.name)) for c in layout.columns]]
        elif layout.is_enrolment:
            rows = [keys.row(layout, placement) for placement in _placements(school)]
        else:
            records = service.find(layout.spec.type, order=_order(layout.spec))
            if layout.spec.type == "screening":
                records = _typed_in(school, records)
            rows = [keys.row(layout, record) for record in records]
        contents.append((layout, rows))
    if counsellor:
        ticker.check()
        contents.append(export_rows(school, scale_library(school)))

    notes = [
        EXPORTED_AT(at=school.now().isoformat(sep=" ", timespec="minutes"), user=school.user.name)
    ]
    notes.append(EXPORT_CONFIDENTIAL if counsellor else EXPORT_BY_ADMIN(sheets=joined(left_out)))
    if counsellor:
        notes.append(SCALE_SHEET_NOTE)

    def build() -> Workbook:
        # Stopping here leaves no file: the save removes its temporary files on any error.
        ticker.start(sum(len(rows) for _, rows in contents))
        workbook = Workbook(write_only=True)
        try:
            for layout, rows in contents:
                write_data_sheet(workbook, layout, rows, ticker)
        except BaseException:
            discard_unsaved(workbook)
            raise
        write_instructions_sheet(
            workbook,
            INSTRUCTIONS_SHEET,
            Instructions(tuple(notes), tuple(layout for layout, _ in contents)).lines(),
        )
        return workbook

    save_workbook(Path(path), build)
    report = ExportReport({layout.name: len(rows) for layout, rows in contents}, left_out)
    school.log(
        "export",
        sheets={layout.spec.type: len(rows) for layout, rows in contents},
        confidential=counsellor,
    )
    return report


def _typed_in(school: School, records: list[Record]) -> list[Record]:
    """The screenings typed in as a total and a level: a scale's screenings are on 量表作答,
    with their answers, and importing the workbook must not bring them back twice."""
    scored = {
        int(row[0])
        for row in school.db.query("SELECT id FROM screening WHERE scale_id IS NOT NULL")
    }
    return [record for record in records if record["id"] not in scored]


def _placements(school: School) -> list[Record]:
    """Every student's class in every school year, year by year, by 学号."""
    return [
        {"school_year": r[0], "student_id": r[1], "class_id": r[2]}
        for r in school.db.query(
            "SELECT e.school_year, e.student_id, e.class_id FROM enrolment e"
            " JOIN student s ON s.id = e.student_id ORDER BY e.school_year, s.student_no"
        )
    ]


def _order(spec: RecordSpec) -> tuple[str, ...]:
    if spec.type in _ORDER:
        return _ORDER[spec.type]
    if spec.date_field:
        return (spec.date_field, "id")
    return (*spec.natural_key, "id")


class _Keys:
    """id → natural key for every record type a workbook refers to."""

    def __init__(self, school: School) -> None:
        self.by_type = {
            name: {
                int(row[0]): str(row[1])
                for row in school.db.query(f"SELECT id, {key.column} FROM {key.table}")
            }
            for name, key in REFERENCE_KEYS.items()
        }
        # A 报告人 is written as a plain number unless a staff member and a student share it.
        self.shared = set(self.by_type["staff"].values()) & set(self.by_type["student"].values())
        self.classes = ClassDirectory(school.db)

    def keyed(self, field: FieldSpec, value: Any, day: dt.date | None = None) -> Any:
        """A stored value with record ids replaced by the natural keys a workbook uses; a class
        on a row of ``day`` as the import will read it back on that day."""
        if value is None:
            return None
        if field.kind in (Kind.REF, Kind.REF_LIST) and field.ref == "class" and day is not None:
            if field.kind is Kind.REF:
                return self.classes.cell_text(value, day)
            return sorted(self.classes.cell_text(ident, day) for ident in value)
        if field.kind is Kind.REF:
            return self.by_type[field.ref or ""][value]
        if field.kind is Kind.REF_LIST:
            # Sorted by key, so two schools with different ids write the same cell.
            return sorted(self.by_type[field.ref or ""][ident] for ident in value)
        if field.kind is Kind.REPORTER:
            who, ident = value
            text = self.by_type[who][ident]
            if text in self.shared:
                return f"{STAFF_PREFIX if who == 'staff' else STUDENT_PREFIX}:{text}"
            return text
        return value

    def row(self, layout: SheetLayout, record: Record) -> list[Any]:
        day = _day_of(layout.spec, record)
        return [
            to_cell(column.field, self.keyed(column.field, record.get(column.field.name), day))
            for column in layout.columns
        ]


def _day_of(spec: RecordSpec, record: Record) -> dt.date | None:
    """The day whose school year the row's classes belong to (a month: its last day)."""
    value = record.get(spec.date_field) if spec.date_field else None
    if not value:
        return None
    if spec.field(spec.date_field or "").kind is Kind.MONTH:
        return month_day(str(value))
    return dt.date.fromisoformat(str(value))
