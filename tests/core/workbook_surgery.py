"""Broken and hostile workbooks made on the spot: a real workbook written by openpyxl, then one of
its XML parts replaced, removed or added inside the zip. No binary fixtures are committed."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CLASS_PART = "xl/worksheets/sheet1.xml"
STUDENT_PART = "xl/worksheets/sheet2.xml"  # 学生 is the second sheet the roster writes
STUDENTS = [("20250001", "张晓明"), ("20250002", "李玥"), ("20250003", "王珺")]
STUDENT_HEADER = ["学号", "姓名", "性别", "班级编号"]

Change = bytes | None | Callable[[bytes], bytes]


def roster(path: Path) -> Path:
    """班级 (one class) then 学生 (three students in it): a workbook that imports cleanly."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    classes = workbook.create_sheet("班级")
    classes.append(["班级编号", "年级", "班级名称"])
    classes.append(["0701", 7, "七年级1班"])
    students = workbook.create_sheet("学生")
    students.append(STUDENT_HEADER)
    for number, name in STUDENTS:
        students.append([number, name, "男", "0701"])
    workbook.save(path)
    return path


def rewrite(
    source: Path,
    target: Path,
    changes: dict[str, Change],
    *,
    added: dict[str, bytes] | None = None,
    compresslevel: int | None = None,
) -> Path:
    """A copy of ``source`` with parts replaced (bytes), edited (a function of the old bytes) or
    removed (None), and parts ``added``."""
    with (
        zipfile.ZipFile(source) as before,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as after,
    ):
        for item in before.infolist():
            if item.filename not in changes:
                after.writestr(item.filename, before.read(item))
                continue
            change = changes[item.filename]
            if change is None:
                continue
            data = change(before.read(item)) if callable(change) else change
            after.writestr(item.filename, data)
        for name, data in (added or {}).items():
            after.writestr(name, data)
    return target


def with_dimension(reference: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        edited, count = re.subn(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{reference}"'.encode(), xml
        )
        assert count == 1
        return edited

    return edit


def with_rows_appended(rows: bytes) -> Callable[[bytes], bytes]:
    """Rows (``<row>`` XML) added after the last row of a sheet."""

    def edit(xml: bytes) -> bytes:
        assert b"</sheetData>" in xml
        return xml.replace(b"</sheetData>", rows + b"</sheetData>")

    return edit


def with_cell(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        assert xml.count(old) == 1, old
        return xml.replace(old, new)

    return edit


def inline_cell(reference: str, text: str) -> bytes:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def worksheet(rows: Iterable[bytes], *, before_rows: bytes = b"") -> bytes:
    """A whole sheet part holding these ``<row>`` elements, streamed in pieces when large."""
    return b"".join(
        [
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'.encode(),
            before_rows,
            b"<sheetData>",
            *rows,
            b"</sheetData></worksheet>",
        ]
    )


def student_rows(first: int, last: int) -> Iterable[bytes]:
    """Rows ``first`` to ``last`` of a 学生 sheet, each a different student of class 0701."""
    for row in range(first, last + 1):
        yield (
            f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{20300000 + row}</t></is></c>'
            f'<c r="B{row}" t="inlineStr"><is><t>学生{row}</t></is></c>'
            f'<c r="C{row}" t="inlineStr"><is><t>女</t></is></c>'
            f'<c r="D{row}" t="inlineStr"><is><t>0701</t></is></c></row>'
        ).encode()


def header_row() -> bytes:
    cells = "".join(
        f'<c r="{letter}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for letter, text in zip("ABCD", STUDENT_HEADER, strict=True)
    )
    return f'<row r="1">{cells}</row>'.encode()
