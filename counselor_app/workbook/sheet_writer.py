"""Writing one data sheet or the 说明 sheet in the workbook's house style.

The template and the export write the same shape: a bold header row (required columns marked * and
shaded), a note on each header saying what the column takes, a frozen header, column formats that
keep 学号 as text and dates as dates, drop-downs for single-choice columns, and widths that fit.
Workbooks are built in openpyxl's write-only mode so that exporting years of records stays light.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from counselor_app.foundation.i18n import msg
from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.workbook.cells import number_format
from counselor_app.workbook.instructions import header_note
from counselor_app.workbook.layout import RISK_LEVEL_FIELDS, SheetLayout

AUTHOR = "心理辅导工作台"
VALIDATED_ROWS = 20000  # drop-downs reach this far below the last row written
MIN_WIDTH, MAX_WIDTH = 8, 48
HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
OPTIONAL_FILL = PatternFill("solid", fgColor="EDEDED")
CHOICE_ERROR = msg("请从下拉列表中选择：{words}", "Choose from the list: {words}")


def text_width(value: Any) -> int:
    """Display width in Excel's character units: a Chinese character counts as two."""
    if value is None:
        return 0
    if hasattr(value, "isoformat"):
        return 10
    text = str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _choices(layout: SheetLayout, field: FieldSpec) -> list[str] | None:
    """The words of a single-choice column, for its drop-down (multi-choice cells are free)."""
    if field.kind is Kind.BOOL:
        return ["是", "否"]
    if field.vocab is not None and field.kind in (Kind.CHOICE, Kind.INT):
        return list(field.vocab.words_zh)
    if (layout.spec.type, field.name) in RISK_LEVEL_FIELDS:
        return ["0", "1", "2", "3"]
    return None


def write_data_sheet(
    workbook: Workbook,
    layout: SheetLayout,
    rows: Sequence[Sequence[Any]],
    between_rows: Callable[[], None] | None = None,
) -> None:
    sheet = workbook.create_sheet(layout.name)
    columns = layout.columns
    sheet.freeze_panes = "A2"
    last_validated = len(rows) + VALIDATED_ROWS
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        widest = max(
            [
                text_width(column.marked_header) + 2,
                *(text_width(row[index - 1]) for row in rows[:500]),
            ]
        )
        dimension = sheet.column_dimensions[letter]
        dimension.width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))
        cell_format = number_format(column.field)
        if cell_format:
            # The column's own style, so that rows typed in later get it too.
            dimension.number_format = cell_format
        words = _choices(layout, column.field)
        if words:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(words) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                error=CHOICE_ERROR(words="、".join(words)).render(),
            )
            validation.add(f"{letter}2:{letter}{last_validated}")
            sheet.data_validations.append(validation)
    sheet.append(
        [_header_cell(sheet, layout, column.field, column.marked_header) for column in columns]
    )
    formats = [number_format(column.field) for column in columns]
    for row in rows:
        sheet.append([_data_cell(sheet, value, formats[i]) for i, value in enumerate(row)])
        if between_rows is not None:
            between_rows()


def discard_unsaved(workbook: Workbook) -> None:
    """Close and delete the temporary files a write-only workbook keeps its sheets' rows in until
    it is saved: a workbook given up half-way (an export cancelled) must leave no rows behind, and
    Windows removes no folder with a file still open in it."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):  # a sheet already closed, or never written to
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()


def _header_cell(sheet: Any, layout: SheetLayout, field: FieldSpec, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = HEADER_FONT
    cell.fill = REQUIRED_FILL if field.required else OPTIONAL_FILL
    cell.alignment = Alignment(vertical="center")
    comment = Comment(header_note(layout, field), AUTHOR)
    comment.width, comment.height = 260, 110
    cell.comment = comment
    return cell


def _data_cell(sheet: Any, value: Any, cell_format: str | None) -> Any:
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text that starts with = is a note, never a formula to run when the file is opened.
        cell.data_type = "s"
    if cell_format:
        cell.number_format = cell_format
    return cell


def write_instructions_sheet(workbook: Workbook, title: str, lines: list[list[str]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 8
    sheet.column_dimensions["D"].width = 70
    for line in lines:
        if len(line) == 1:
            # Prose runs across the row; one merged-looking cell is enough for reading.
            sheet.append([_prose_cell(sheet, line[0])])
        else:
            sheet.append(line)


def _prose_cell(sheet: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if text and not text[0].isdigit():
        cell.font = HEADER_FONT
    return cell
