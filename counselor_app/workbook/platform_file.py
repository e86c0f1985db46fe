"""Reading a screening platform's export (Excel or CSV) into a header and numbered rows.

It lives with the workbook because it reads ``.xlsx`` files the workbook's way; what the rows
mean is :mod:`~counselor_app.screening.platform_import`'s business.

An ``.xlsx`` is read by the school workbook's own reader (:mod:`~counselor_app.workbook.reading`),
with all its defences: parts measured before they are unpacked, the rows a sheet really has (a
stale or huge ``<dimension>`` is never trusted), blank rows skipped, formulas read as the values
Excel saved (a formula without one is refused). A CSV is decoded as UTF-8 (with or without a
BOM), UTF-16 with a BOM (Excel's "Unicode text"), or GB18030 (the GBK CSVs Chinese platforms
write), and the encoding used is told to the counsellor; bytes that are none of those are
refused, never read by a guess. A CSV is held to the same limits as a sheet.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.screening.platform_import import ExportTable
from counselor_app.workbook.cells import is_blank
from counselor_app.workbook.package_limits import EXCEL_CELL_TEXT, LIMITS
from counselor_app.workbook.reading import NOT_A_FILE, NOT_FOUND, read_workbook
from counselor_app.workbook.sheet_rows import TOO_MANY_COLUMNS, TOO_MANY_ROWS

UTF8 = "UTF-8"
UTF16 = "UTF-16"
GB18030 = "GB18030"
# A CSV of a whole school's screening is a few MB; more is not an export of this kind.
CSV_MAX_BYTES = 64 * 1024 * 1024

UNKNOWN_ENCODING = msg(
    "{path} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本，无法读取。请在 Excel 或 WPS 中打开它，"
    "另存为“CSV UTF-8”或 .xlsx 后再导入。",
    "{path} is neither UTF-8 nor GBK/GB18030 text and cannot be read. Open it in Excel or WPS, "
    "save it as 'CSV UTF-8' or .xlsx, and import it again.",
)
CSV_TOO_BIG = msg(
    "{path} 有 {size} MB，不像一次测评的导出文件，没有读取。请确认选对了文件。",
    "{path} is {size} MB, too large for a screening export; it was not read. Check that it is "
    "the right file.",
)
CSV_BROKEN = msg(
    "{path} 第 {row} 行不是有效的 CSV（{reason}）。请在 Excel 或 WPS 中打开并另存后再导入。",
    "Line {row} of {path} is not valid CSV ({reason}). Open it in Excel or WPS, save it again "
    "and import it.",
)
CSV_CELL_TOO_LONG = msg(
    "{path} 第 {row} 行有一个单元格超过 {limit} 个字符，这不是测评平台的导出文件，没有读取。",
    "Line {row} of {path} has a cell longer than {limit} characters; this is not a screening "
    "export and it was not read.",
)
NO_DATA = msg(
    "{path} 中没有找到数据（第 1 行应为列名，其下每行一名学生）。",
    "{path} holds no data (row 1 should hold the column names, one student per row below).",
)
TITLE_ROW = msg(
    "{path}（{sheet}）第 1 行只有一个单元格有内容（“{title}”），像是合并单元格的标题。第 1 行应为列名："
    "请删去标题行，让列名在第 1 行，再导入。",
    "Row 1 of {path} ({sheet}) has only one cell filled ('{title}'), which looks like a merged "
    "title. Row 1 should hold the column names: delete the title row so that the column names "
    "are in row 1, and import again.",
)


def read_export(path: Path, between_rows: Callable[[], None] | None = None) -> ExportTable:
    path = Path(path)
    if not path.exists():
        raise InvalidInput(NOT_FOUND(path=str(path)))
    if not path.is_file():
        raise InvalidInput(NOT_A_FILE(path=str(path)))
    is_csv = path.suffix.lower() in (".csv", ".txt", ".tsv") and not zipfile.is_zipfile(path)
    table = _read_csv(path, between_rows) if is_csv else _read_xlsx(path, between_rows)
    if not table.rows:
        raise InvalidInput(NO_DATA(path=str(path)))
    return table


def _read_xlsx(path: Path, between_rows: Callable[[], None] | None) -> ExportTable:
    book = read_workbook(path, between_rows)
    sheet = next((s for s in book.sheets if s.rows), None)
    if sheet is None:
        raise InvalidInput(NO_DATA(path=str(path)))
    named = [h for h in sheet.header if not is_blank(h)]
    if len(named) <= 1:
        title = str(named[0]) if named else ""
        raise InvalidInput(TITLE_ROW(path=path.name, sheet=sheet.title, title=title))
    return ExportTable(f"{path.name}（{sheet.title}）", sheet.header, sheet.rows)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of its encoding (see the module); refuses anything else."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), UTF16
        except UnicodeDecodeError as exc:
            raise InvalidInput(UNKNOWN_ENCODING(path=str(path))) from exc
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InvalidInput(UNKNOWN_ENCODING(path=str(path))) from exc
    if "\x00" in text:  # binary, not text: GB18030 maps almost any byte, but never needs NUL
        raise InvalidInput(UNKNOWN_ENCODING(path=str(path)))
    return text, GB18030


def _read_csv(path: Path, between_rows: Callable[[], None] | None) -> ExportTable:
    size = path.stat().st_size
    if size > CSV_MAX_BYTES:
        raise InvalidInput(CSV_TOO_BIG(path=str(path), size=size // (1024 * 1024)))
    text, encoding = decode(path.read_bytes(), path)
    if "\x00" in text:
        raise InvalidInput(UNKNOWN_ENCODING(path=str(path)))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[Any, ...] = ()
    rows: list[tuple[int, tuple[Any, ...]]] = []
    limits = LIMITS
    try:
        for cells in reader:
            number = reader.line_num
            if any(len(cell) > EXCEL_CELL_TEXT for cell in cells):
                raise InvalidInput(
                    CSV_CELL_TOO_LONG(path=str(path), row=number, limit=f"{EXCEL_CELL_TEXT:,}")
                )
            values = tuple(cell.strip() or None for cell in cells)
            if not header:
                if all(v is None for v in values):
                    continue  # blank lines above the header
                if len(values) > limits.columns:
                    raise InvalidInput(
                        TOO_MANY_COLUMNS(sheet=path.name, column=len(values), limit=limits.columns)
                    )
                header = values
                continue
            if all(v is None for v in values):
                continue
            rows.append((number, values[: len(header)]))
            if len(rows) > limits.rows:
                raise InvalidInput(TOO_MANY_ROWS(sheet=path.name, limit=limits.rows, row=number))
            if between_rows is not None:
                between_rows()
    except csv.Error as exc:
        raise InvalidInput(CSV_BROKEN(path=str(path), row=reader.line_num, reason=exc)) from exc
    named = [h for h in header if h is not None]
    if len(named) == 1 and rows:
        raise InvalidInput(TITLE_ROW(path=path.name, sheet="CSV", title=named[0]))
    return ExportTable(path.name, header, tuple(rows), encoding)
