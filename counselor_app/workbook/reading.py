"""Opening a workbook someone hands us and reading its sheets into plain rows.

A counsellor may pick the wrong file: an old ``.xls``, a password-protected workbook, a CSV, a
half-copied download. Each gets a message that says what it is and what to do, as ``InvalidInput``;
openpyxl's own exceptions never reach a person. The workbook is read once (cached values instead
of formulas) and closed before the database is touched.

A file may also be broken or made to hurt: a part that unpacks to gigabytes, thousands of sheets,
a sheet that declares a million rows, a sheet listed but missing. Every part is measured before it
is unpacked (:mod:`~counselor_app.workbook.package_limits`), the big ones are streamed
(:mod:`~counselor_app.workbook.xml_units`), and a sheet listed in the workbook whose part is
missing makes the whole file damaged: importing the rest would silently leave that sheet out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.cell.text import Text
from openpyxl.packaging.manifest import Manifest
from openpyxl.reader.excel import _find_workbook_part
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring

from counselor_app.foundation.errors import CounselorError, InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.workbook import package_limits
from counselor_app.workbook.package_limits import (
    A_SHEET,
    SHARED_STRINGS_PART,
    GuardedArchive,
    Limits,
)
from counselor_app.workbook.sheet_rows import Damaged, Reading, SheetData, read_sheet
from counselor_app.workbook.xml_units import (
    DTD_FOUND,
    NodeCount,
    TooManyNodes,
    XmlRefused,
    check_shape,
    iter_units,
)

try:  # openpyxl parses the small parts with defusedxml when it is installed
    from defusedxml import DefusedXmlException as _Defused
except ImportError:  # pragma: no cover - a dependency; expat then refuses entity bombs itself
    _Defused = ()

__all__ = ["BookData", "SheetData", "read_workbook"]

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


SHEET_MISSING = msg(
    "{path} 已损坏：工作簿列出了“{sheet}”表，但文件里没有这张表的内容（{part}），没有导入任何内容。"
    "请重新从 Excel 保存一份，或换用原始文件。",
    "{path} is damaged: the workbook lists the sheet '{sheet}', but the file does not hold that "
    "sheet ({part}); nothing was imported. Save it again from Excel, or use the original file.",
)
TOO_MANY_SHEETS = msg(
    "{path} 有 {count} 张表，超过上限 {limit} 张，没有读取。请删去无关的表后再导入。",
    "{path} has {count} sheets, more than the {limit} this program reads; it was not read. "
    "Delete the sheets that do not belong and import again.",
)
TOO_MUCH_XML = msg(
    "{path} 中的 XML 元素超过 {limit} 个，超过本程序读取的上限，没有读取。请删去无关的表和内容，"
    "或分成几个工作簿分批导入。",
    "{path} holds more than {limit} XML elements, more than this program reads; it was not read. "
    "Delete the sheets and content that do not belong, or split it into several workbooks and "
    "import them one by one.",
)
TOO_MANY_STRINGS = msg(
    "{path} 中的不同文本超过 {limit} 段，超过本程序读取的上限，没有读取。请分成几个工作簿分批导入。",
    "{path} holds more than {limit} different texts, more than this program reads; it was not "
    "read. Split it into several workbooks and import them one by one.",
)


@dataclass(frozen=True)
class BookData:
    """A workbook as read: its sheets in workbook order, and its workbook-wide defined names
    (name → the text it stands for) by which the template marks its example rows."""

    sheets: list[SheetData]
    names: dict[str, str] = field(default_factory=dict)


_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_STRING_TABLE_TAG = f"{{{SHEET_MAIN_NS}}}sst"


def read_workbook(
    path: Path,
    between_rows: Callable[[], None] | None = None,
    *,
    wanted: Callable[[str], bool] | None = None,
    limits: Limits | None = None,
) -> BookData:
    """The sheets of ``path`` in workbook order; ``between_rows`` is called after each row read (it
    may raise to stop reading). Only the sheets whose title ``wanted`` accepts (all by default)
    are read; the others are named, without header or rows."""
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
    limits = limits or package_limits.LIMITS
    reading = Reading(str(path), limits, NodeCount(limits), between_rows)
    try:
        with open(path, "rb") as handle, GuardedArchive(handle, str(path), limits) as archive:
            archive.check = lambda source: check_shape(source, limits)
            return _read_package(archive, reading, wanted or (lambda title: True))
    except CounselorError:  # ours already (InvalidInput, or the caller's Cancelled)
        raise
    except (InvalidFileException, KeyError) as exc:
        # A zip without the parts of a workbook (a .docx, a zipped folder).
        raise InvalidInput(NOT_XLSX(path=str(path))) from exc
    except (Damaged, XmlRefused) as exc:
        raise InvalidInput(DAMAGED(path=str(path), reason=exc.reason)) from exc
    except TooManyNodes as exc:
        raise InvalidInput(TOO_MUCH_XML(path=str(path), limit=exc.limit)) from exc
    except _Defused as exc:
        raise InvalidInput(DAMAGED(path=str(path), reason=DTD_FOUND)) from exc
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        raise InvalidInput(DAMAGED(path=str(path), reason=type(exc).__name__)) from exc


def _read_package(
    archive: GuardedArchive, reading: Reading, wanted: Callable[[str], bool]
) -> BookData:
    package = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    parser = WorkbookParser(archive, _find_workbook_part(package).PartName[1:], keep_links=False)
    parser.parse()
    workbook = parser.wb
    sheets = list(parser.sheets)
    if len(sheets) > reading.limits.sheets:
        raise InvalidInput(
            TOO_MANY_SHEETS(path=reading.path, count=len(sheets), limit=reading.limits.sheets)
        )
    # Every sheet listed must be there before anything is read: a file missing one is damaged.
    parts: list[tuple[str, str | None]] = []
    for sheet in sheets:
        relation = parser.rels.get(sheet.id) if sheet.id else None
        if relation is not None and "chartsheet" in relation.Type:
            continue  # a chart on a sheet of its own holds no rows
        target = relation.target if relation is not None else None
        if target is None or target not in archive.NameToInfo:
            raise InvalidInput(
                SHEET_MISSING(path=reading.path, sheet=sheet.name, part=target or sheet.id or "-")
            )
        parts.append((sheet.name, target if wanted(sheet.name) else None))
    apply_stylesheet(archive, workbook)  # date formats: which numbers are dates
    strings = _read_strings(archive, package, reading) if any(t for _, t in parts) else []
    result = []
    for title, target in parts:
        if target is None:
            result.append(SheetData(title, (), ()))
            continue
        archive.names.described[target] = A_SHEET(sheet=title)
        archive.names.big.add(target)
        with archive.open(target) as source:
            result.append(read_sheet(source, title, strings, workbook, reading))
    names = {
        str(name.name): str(name.attr_text or "")
        for name in parser.defined_names.definedName
        if name.localSheetId is None
    }
    return BookData(result, names)


def _read_strings(archive: GuardedArchive, package: Any, reading: Reading) -> list[str]:
    """The shared string table, as openpyxl's ``read_string_table`` reads it, streamed."""
    found = package.find(SHARED_STRINGS)
    if found is None:
        return []
    name = found.PartName[1:]
    archive.names.described[name] = SHARED_STRINGS_PART(name=name)
    archive.names.big.add(name)
    strings: list[str] = []
    with archive.open(name) as source:
        for element in iter_units(source, _STRING_TABLE_TAG, _STRING_TAG, reading.nodes):
            strings.append(_string(element).replace("x005F_", ""))
            if len(strings) > reading.limits.strings:
                raise InvalidInput(
                    TOO_MANY_STRINGS(path=reading.path, limit=reading.limits.strings)
                )
    return strings


def _string(element: Any) -> str:
    # Most strings are one plain <t>; openpyxl's Text model (runs, phonetics) costs ten times more.
    if len(element) == 1 and element[0].tag == _TEXT_TAG and not len(element[0]):
        return str(element[0].text or "")
    return str(Text.from_tree(element).content)
