"""Reading one sheet's rows, as many as the sheet really has and no more.

The rows are the ``<row>`` elements the sheet's XML holds, each read by openpyxl's own cell parser;
the ``<dimension>`` a sheet declares is never trusted (openpyxl's read-only mode does trust it: a
stale one drops rows, ``A1:XFD1048576`` makes it walk a million empty rows). Rows a sheet leaves out
cost nothing, and cells right of the last header column are ignored: they belong to no column.

Refused, with the sheet, row and cell named: more data rows, header columns or cells than the
limits, text longer than an Excel cell holds, a formula with no computed value, and rows out of
order or beyond Excel's last row (a damaged file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.workbook.cells import is_blank
from counselor_app.workbook.package_limits import (
    EXCEL_CELL_TEXT,
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    Limits,
)
from counselor_app.workbook.xml_units import NodeCount, iter_units

SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"

TOO_MANY_ROWS = msg(
    "“{sheet}”表的数据超过 {limit} 行（读到第 {row} 行），没有导入任何内容。请分成几个工作簿分批导入。",
    "The sheet '{sheet}' has more than {limit} rows of data (at row {row}); nothing was "
    "imported. Split it into several workbooks and import them one by one.",
)
TOO_MANY_COLUMNS = msg(
    "“{sheet}”表的第 1 行（表头）一直写到 {column} 列，超过上限 {limit} 列，没有导入任何内容。"
    "请删去多余的列后再导入。",
    "The header (row 1) of the sheet '{sheet}' runs to column {column}, beyond the limit of "
    "{limit} columns; nothing was imported. Delete the extra columns and import again.",
)
TOO_MANY_CELLS = msg(
    "{path} 的单元格超过 {limit} 个（读到“{sheet}”表第 {row} 行），超过本程序读取的上限，没有导入"
    "任何内容。请删去无关的表和列，或分成几个工作簿分批导入。",
    "{path} has more than {limit} cells (at row {row} of the sheet '{sheet}'), more than this "
    "program reads; nothing was imported. Delete the sheets and columns that do not belong, or "
    "split it into several workbooks and import them one by one.",
)
TEXT_TOO_LONG = msg(
    "“{sheet}”表 {cell} 单元格有 {length} 个字符，而 Excel 一个单元格最多 {limit} 个：这个文件不是 "
    "Excel 或 WPS 保存的，没有导入任何内容。请缩短这段文字，用 Excel 另存后再导入。",
    "The cell {cell} of the sheet '{sheet}' holds {length} characters, but an Excel cell holds "
    "at most {limit}: this file was not saved by Excel or WPS, and nothing was imported. Shorten "
    "that text, save the file in Excel and import it again.",
)
UNCOMPUTED_FORMULA = msg(
    "“{sheet}”表 {cell} 单元格是公式，但文件里没有它的计算结果（这个文件不是由 Excel 或 WPS 保存的），"
    "没有导入任何内容。请在 Excel 或 WPS 中打开并保存后再导入，或把公式换成数值。",
    "The cell {cell} of the sheet '{sheet}' is a formula whose result is not in the file (it "
    "was not saved by Excel or WPS); nothing was imported. Open and save it in Excel or WPS and "
    "import it again, or replace the formula by its value.",
)
ROW_OUT_OF_PLACE = msg(
    "“{sheet}”表的第 {row} 行不在应在的位置", "row {row} of the sheet '{sheet}' is out of place"
)
COLUMN_OUT_OF_PLACE = msg(
    "“{sheet}”表第 {row} 行有一个单元格在 Excel 最后一列之外",
    "row {row} of the sheet '{sheet}' has a cell beyond Excel's last column",
)


class Damaged(Exception):
    """The sheet is not what Excel writes; the caller reports the file as damaged."""

    def __init__(self, reason: Any) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class SheetData:
    """One sheet as read: its header row and its non-empty data rows with Excel row numbers."""

    title: str
    header: tuple[Any, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def named_rows(self, present: Mapping[int, str]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each row's number and its cells by field name; ``present`` names the field of each
        column read (a short row's missing cells are None)."""
        for row, cells in self.rows:
            yield row, {name: cells[i] if i < len(cells) else None for i, name in present.items()}


@dataclass
class Reading:
    """What one workbook's reading has used so far, and what it may use."""

    path: str
    limits: Limits
    nodes: NodeCount
    between_rows: Callable[[], None] | None = None
    cells: int = 0

    def spend(self, cells: int, sheet: str, row: int) -> None:
        self.cells += cells
        if self.cells > self.limits.cells:
            raise InvalidInput(
                TOO_MANY_CELLS(path=self.path, limit=self.limits.cells, sheet=sheet, row=row)
            )


class _Uncomputed:
    """A formula cell without the value Excel would have saved beside it."""


UNCOMPUTED = _Uncomputed()


class _CellParser(WorkSheetParser):  # type: ignore[misc]
    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if (
            cell["value"] is None
            and element.find(FORMULA_TAG) is not None
            and element.find(VALUE_TAG) is None  # an empty <v/> is a computed empty text
        ):
            cell["value"] = UNCOMPUTED
        return cell


def read_sheet(
    source: IO[bytes], title: str, strings: list[str], workbook: Any, reading: Reading
) -> SheetData:
    """The rows of one sheet; ``workbook`` gives the date formats and the epoch (1900 or 1904)."""
    parser = _CellParser(
        None,
        strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    limits = reading.limits
    header: tuple[Any, ...] = ()
    width: int | None = None
    rows: list[tuple[int, tuple[Any, ...]]] = []
    last = 0
    for element in iter_units(source, SHEET_DATA_TAG, ROW_TAG, reading.nodes):
        number, cells = parser.parse_row(element)
        parser.row_dimensions.clear()  # row heights and styles, kept per row: of no use here
        if not last < number <= EXCEL_ROWS:
            raise Damaged(ROW_OUT_OF_PLACE(sheet=title, row=number))
        last = number
        reading.spend(len(cells), title, number)
        if width is None:
            width = _header_width(cells, title, limits.columns) if number == 1 else limits.columns
        values = _values(cells, width, title, number)
        if number == 1:
            header = values
        elif not all(is_blank(value) for value in values):
            rows.append((number, values))
            reading.spend(width, title, number)
            if len(rows) > limits.rows:
                raise InvalidInput(TOO_MANY_ROWS(sheet=title, limit=limits.rows, row=number))
        if reading.between_rows is not None:
            reading.between_rows()
    return SheetData(title, header, tuple(rows))


def _header_width(cells: list[dict[str, Any]], title: str, limit: int) -> int:
    """The last header column with a name in it; a sheet whose header row is empty keeps every
    column up to the limit, so its rows are still read and told apart from an empty sheet."""
    named = [int(cell["column"]) for cell in cells if not is_blank(cell["value"])]
    if not named:
        return limit
    width = max(named)
    if width > EXCEL_COLUMNS:
        raise Damaged(COLUMN_OUT_OF_PLACE(sheet=title, row=1))
    if width > limit:
        raise InvalidInput(
            TOO_MANY_COLUMNS(sheet=title, column=get_column_letter(width), limit=limit)
        )
    return width


def _values(cells: list[dict[str, Any]], width: int, title: str, row: int) -> tuple[Any, ...]:
    values: list[Any] = [None] * width
    for cell in cells:
        column = cell["column"]
        if column > EXCEL_COLUMNS:
            raise Damaged(COLUMN_OUT_OF_PLACE(sheet=title, row=row))
        if column > width:
            continue
        value = cell["value"]
        if value is UNCOMPUTED:
            raise InvalidInput(UNCOMPUTED_FORMULA(sheet=title, cell=_where(column, row)))
        if isinstance(value, str) and len(value) > EXCEL_CELL_TEXT:
            raise InvalidInput(
                TEXT_TOO_LONG(
                    sheet=title,
                    cell=_where(column, row),
                    length=f"{len(value):,}",
                    limit=f"{EXCEL_CELL_TEXT:,}",
                )
            )
        values[column - 1] = value
    return tuple(values)


def _where(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"
