"""Opening a workbook someone hands us and reading its sheets into plain rows.

A counsellor may pick the wrong file: an old ``.xls``, a password-protected workbook, a CSV, a
half-copied download. Each gets a message that says what it is and what to do, as ``InvalidInput``;
openpyxl's own exceptions never reach a person. The workbook is read once (read-only, cached values
instead of formulas) and closed before the database is touched.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from counselor_app.errors import CounselorError, InvalidInput
from counselor_app.i18n import msg
from counselor_app.workbook.cells import is_blank

NOT_FOUND = msg("找不到文件：{path}", "The file was not found: {path}")
NOT_A_FILE = msg("{path} 不是一个文件。", "{path} is not a file.")
ENCRYPTED = msg(
    "{path} 设置了打开密码，无法读取。请在 Excel 中打开它，在“文件 › 信息 › 保护工作簿 › 用密码进行加密”中"
    "清除密码，另存后再导入。导入完成后请删除这份不加密的副本。",
    "{path} is protected by a password and cannot be read. Open it in Excel, remove the password "
    "(File › Info › Protect Workbook › Encrypt with Password), save, and import again; delete that "
    "unencrypted copy afterwards.",
)
OLD_EXCEL = msg(
    "{path} 是旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入。",
    "{path} is an old Excel file (.xls). Save it as .xlsx in Excel or WPS, then import it.",
)
NOT_XLSX = msg(
    "{path} 不是 Excel 工作簿（.xlsx）。请使用“生成模板”得到的文件，或在 Excel 中另存为 .xlsx。",
    "{path} is not an Excel workbook (.xlsx). Use the file the template command wrote, or save it "
    "as .xlsx in Excel.",
)
DAMAGED = msg(
    "{path} 已损坏，无法读取（{reason}）。请重新从 Excel 保存一份，或换用原始文件。",
    "{path} is damaged and cannot be read ({reason}). Save it again from Excel, or use the "
    "original file.",
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .xls, or an encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class SheetData:
    """One sheet as read: its header row and its non-empty data rows with Excel row numbers."""

    title: str
    header: tuple[Any, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def read_workbook(path: Path, between_rows: Callable[[], None] | None = None) -> list[SheetData]:
    """The sheets of ``path``; ``between_rows`` is called after each row read (it may raise to
    stop reading)."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(NOT_FOUND(path=str(path)))
    if not path.is_file():
        raise InvalidInput(NOT_A_FILE(path=str(path)))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        data = path.read_bytes()
        raise InvalidInput((ENCRYPTED if _ENCRYPTED_STREAM in data else OLD_EXCEL)(path=str(path)))
    if not zipfile.is_zipfile(path):
        # A zip's first bytes without a readable directory at its end: a download or copy that
        # stopped part-way, not some other kind of file.
        if head.startswith(_ZIP_MAGIC):
            raise InvalidInput(DAMAGED(path=str(path), reason="incomplete file"))
        raise InvalidInput(NOT_XLSX(path=str(path)))
    try:
        # A file handle, not a path: openpyxl refuses a path whose suffix it does not know, and
        # a workbook renamed to .dat is still a workbook.
        with open(path, "rb") as handle:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                return [_read_sheet(sheet, between_rows) for sheet in workbook.worksheets]
            finally:
                workbook.close()
    except CounselorError:  # ours already (InvalidInput, or the caller's Cancelled)
        raise
    except (InvalidFileException, KeyError) as exc:
        # A zip without the parts of a workbook (a .docx, a zipped folder).
        raise InvalidInput(NOT_XLSX(path=str(path))) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        raise InvalidInput(DAMAGED(path=str(path), reason=type(exc).__name__)) from exc


def _read_sheet(sheet: Any, between_rows: Callable[[], None] | None) -> SheetData:
    header: tuple[Any, ...] = ()
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            header = tuple(values)
        elif not all(is_blank(value) for value in values):
            rows.append((number, tuple(values)))
        if between_rows is not None:
            between_rows()
    return SheetData(str(sheet.title), header, tuple(rows))
