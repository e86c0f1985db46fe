"""Workbooks that are broken or made to hurt: every row a sheet really has is imported, and anything
else is refused with a message that says what and where, before the database is touched.

Each workbook is made here: a real one written by openpyxl, then one XML part edited inside the zip
(see ``workbook_surgery``). A refusal is checked to change nothing, audit trail included.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation.errors import InvalidInput, ValidationFailed
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, unlock
from counselor_app.workbook import import_workbook, package_limits
from counselor_app.workbook.package_limits import Limits
from tests.conftest import PASSWORD
from tests.core.test_workbook import database_content
from tests.core.workbook_surgery import (
    MAIN_NS,
    STUDENT_PART,
    STUDENTS,
    header_row,
    inline_cell,
    rewrite,
    roster,
    student_rows,
    with_cell,
    with_dimension,
    with_rows_appended,
    worksheet,
)

GIB = 1024 * 1024 * 1024


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return roster(tmp_path / "名册.xlsx")


def names(school: School) -> list[str]:
    return sorted(str(s["name"]) for s in RecordService(school).find("student"))


def refused(school: School, path: Path) -> str:
    """The message of the refusal; the database, audit trail included, is as it was."""
    before = database_content(school, with_audit=True)
    with pytest.raises(InvalidInput) as caught:
        import_workbook(school, path)
    assert not isinstance(caught.value, ValidationFailed), caught.value
    assert database_content(school, with_audit=True) == before
    return str(caught.value)


# -- what the sheet says about itself is not trusted -------------------------------------------
def test_a_sheet_declaring_the_whole_grid_imports_its_rows_without_walking_the_grid(
    school, book, tmp_path
):
    """A 67 KB workbook hung the import for 22 minutes: its 学生 sheet declared A1:XFD1048576 and
    held one cell in the far corner, and the reader walked every row in between."""
    far = rewrite(
        book,
        tmp_path / "远.xlsx",
        {
            STUDENT_PART: lambda xml: with_rows_appended(
                b'<row r="1048576">' + inline_cell("XFD1048576", "x") + b"</row>"
            )(with_dimension("A1:XFD1048576")(xml))
        },
    )
    rows_read = []

    def progress(done: int, total: int) -> bool:
        if total == 0:  # still reading the workbook
            rows_read.append(done)
        return len(rows_read) < 1000  # a reader walking the grid is stopped here, and fails

    report = import_workbook(school, far, progress=progress)

    assert report["学生"].added == 3
    assert names(school) == sorted(name for _, name in STUDENTS)
    # The rows the file holds (2 + 5), give or take the progress calls around them.
    assert len(rows_read) < 20


def test_a_far_cell_under_a_header_is_read_not_dropped(school, book, tmp_path):
    far = rewrite(
        book,
        tmp_path / "远.xlsx",
        {
            STUDENT_PART: with_rows_appended(
                b'<row r="1048576">' + inline_cell("A1048576", "20259999") + b"</row>"
            )
        },
    )
    before = database_content(school, with_audit=True)
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, far)
    assert {p.row for p in caught.value.problems if p.sheet == "学生"} == {1048576}
    assert database_content(school, with_audit=True) == before


def test_a_stale_dimension_loses_no_row(school, book, tmp_path):
    """It declared A1:D2 over three students, and two were silently left out."""
    stale = rewrite(book, tmp_path / "旧尺寸.xlsx", {STUDENT_PART: with_dimension("A1:D2")})
    report = import_workbook(school, stale)
    assert report["学生"].added == 3
    assert names(school) == sorted(name for _, name in STUDENTS)


def test_a_sheet_missing_from_the_file_refuses_the_whole_workbook_and_names_it(
    school, book, tmp_path
):
    missing = rewrite(book, tmp_path / "缺表.xlsx", {STUDENT_PART: None})
    message = refused(school, missing)
    assert "已损坏" in message and "“学生”表" in message
    assert names(school) == []


# -- sizes and counts ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 学生 sheet unpacks to a gigabyte; the file is a few megabytes."""
    folder = tmp_path_factory.mktemp("bomb")
    path = rewrite(roster(folder / "名册.xlsx"), folder / "炸弹.xlsx", {STUDENT_PART: None})
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(STUDENT_PART, "w") as part,
    ):
        part.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
        chunk = b"<c/>" * (1 << 18)  # a mebibyte
        for _ in range(GIB // len(chunk)):
            part.write(chunk)
        part.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 8 * 1024 * 1024
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(school, bomb):
    message = refused(school, bomb)
    assert "“学生”表解压后有 1,024 MB" in message and "128 MB" in message


def test_a_part_packed_like_a_bomb_is_refused_even_under_the_size_limit(school, book, tmp_path):
    packed = rewrite(
        book,
        tmp_path / "紧.xlsx",
        {STUDENT_PART: worksheet([header_row(), b"<row/>" * (16 * 1024 * 1024 // 6)])},
    )
    message = refused(school, packed)
    assert "“学生”表" in message and "压缩炸弹" in message


def test_a_part_that_lies_about_its_size_is_damaged_not_unpacked_in_full(school, book, tmp_path):
    lying = rewrite(book, tmp_path / "谎报.xlsx", {})
    _declare_size(lying, STUDENT_PART, 100)
    assert "已损坏" in refused(school, lying)


def _declare_size(path: Path, part: str, size: int) -> None:
    """Overwrite the unpacked size the zip's central directory gives for ``part``."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = data.index(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.index(b"PK\x01\x02", at + 4)
    data[at + 24 : at + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_a_million_students_are_refused_before_their_sheet_is_read(school, book, tmp_path):
    big = rewrite(
        book,
        tmp_path / "百万.xlsx",
        {STUDENT_PART: worksheet([header_row(), *student_rows(2, 1_000_001)])},
        compresslevel=1,
    )
    message = refused(school, big)
    assert "“学生”表解压后有 233 MB" in message and "分批导入" in message


def test_thousands_of_sheets_are_refused_before_any_is_read(school, book, tmp_path):
    sheets = b"".join(
        f'<sheet name="表{n}" sheetId="{n + 3}" r:id="rId1"/>'.encode() for n in range(3000)
    )
    many = rewrite(
        book,
        tmp_path / "多表.xlsx",
        {"xl/workbook.xml": lambda xml: xml.replace(b"</sheets>", sheets + b"</sheets>")},
    )
    message = refused(school, many)
    assert "3002 张表" in message and "500" in message


def test_a_zip_of_thousands_of_files_is_refused(school, book, tmp_path):
    crowded = rewrite(
        book, tmp_path / "多文件.xlsx", {}, added={f"xl/media/{n}.bin": b"" for n in range(10_001)}
    )
    assert "个文件组成" in refused(school, crowded)


def test_too_many_shared_strings_are_refused(school, book, tmp_path, monkeypatch):
    monkeypatch.setattr(package_limits, "LIMITS", Limits(strings=100))
    table = f'<sst xmlns="{MAIN_NS}">'.encode() + b"<si><t>x</t></si>" * 101 + b"</sst>"
    strings = rewrite(book, tmp_path / "文本.xlsx", {}, added={"xl/sharedStrings.xml": table})
    _register_shared_strings(strings)
    assert "不同文本超过 100 段" in refused(school, strings)


def _register_shared_strings(path: Path) -> None:
    """openpyxl writes inline strings; name a shared string table in the content types."""
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    edited = path.with_name("with-strings.xlsx")
    types = {"[Content_Types].xml": lambda xml: xml.replace(b"</Types>", override + b"</Types>")}
    rewrite(path, edited, types, compresslevel=0)
    edited.replace(path)


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        (Limits(cells=30), "单元格超过 30 个"),
        (Limits(xml_nodes=60), "XML 元素超过 60 个，超过本程序读取的上限"),
        (Limits(row_nodes=5), "超过 5 个 XML 元素"),
        (Limits(rows=2), "数据超过 2 行"),
        (Limits(columns=3), "一直写到 D 列"),
    ],
    ids=["cells", "xml elements", "elements in a row", "rows", "header columns"],
)
def test_every_count_has_a_limit_that_names_what_was_exceeded(
    school, book, monkeypatch, limits, expected
):
    monkeypatch.setattr(package_limits, "LIMITS", limits)
    assert expected in refused(school, book)
    monkeypatch.setattr(package_limits, "LIMITS", Limits())
    assert import_workbook(school, book)["学生"].added == 3


# -- XML that no spreadsheet program writes -----------------------------------------------------
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    + "]>"
)
OUTSIDE = '<!DOCTYPE x [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'


def _with_doctype(doctype: str, old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    """The part with a document type declaration in front and ``old`` replaced by ``new``, which
    refers to the entity ``lol9``."""

    def edit(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        assert body.count(old) == 1
        return doctype.encode() + body.replace(old, new)

    return edit


@pytest.mark.parametrize(
    ("part", "doctype", "old", "new"),
    [
        (STUDENT_PART, LAUGHS, "李玥", "&lol9;"),
        (STUDENT_PART, OUTSIDE, "李玥", "&lol9;"),
        ("xl/workbook.xml", LAUGHS, 'name="学生"', 'name="&lol9;"'),
    ],
    ids=["billion laughs in a sheet", "outside file in a sheet", "billion laughs in the workbook"],
)
def test_entity_declarations_are_refused_as_damage(school, book, tmp_path, part, doctype, old, new):
    edit = _with_doctype(doctype, old.encode(), new.encode())
    message = refused(school, rewrite(book, tmp_path / "实体.xlsx", {part: edit}))
    assert "已损坏" in message and "root:" not in message


def test_deep_nesting_in_a_sheet_is_refused_as_damage(school, book, tmp_path):
    nest = b"<x>" * 100_000 + b"</x>" * 100_000
    deep = rewrite(
        book,
        tmp_path / "深.xlsx",
        {STUDENT_PART: with_rows_appended(b'<row r="5"><c r="A5">' + nest + b"</c></row>")},
        compresslevel=0,
    )
    message = refused(school, deep)
    assert "已损坏" in message and "嵌套超过 64 层" in message


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        (b"<x>" * 100_000 + b"</x>" * 100_000, "嵌套超过 64 层"),
        (b"<x/>" * 1_000_001, "XML 元素超过 1000000 个"),
    ],
    ids=["deep", "a flood of elements"],
)
def test_a_part_openpyxl_reads_whole_is_checked_before_it_does(
    school, book, tmp_path, inside, expected
):
    """Styles, the workbook part and the relationships become whole trees in openpyxl: one of
    deep nesting or millions of elements would take gigabytes before any limit of its own."""
    styles = rewrite(
        book,
        tmp_path / "样式.xlsx",
        {"xl/styles.xml": lambda xml: xml.replace(b"</styleSheet>", inside + b"</styleSheet>")},
        compresslevel=0,
    )
    assert expected in refused(school, styles)


# -- cells ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared string"])
def test_a_ten_megabyte_cell_is_refused_naming_the_cell(school, book, tmp_path, shared):
    text = "长" * (10 * 1024 * 1024)
    if shared:
        cell = b'<c r="B3" t="s"><v>0</v></c>'
        added = {
            "xl/sharedStrings.xml": f'<sst xmlns="{MAIN_NS}"><si><t>{text}</t></si></sst>'.encode()
        }
    else:
        cell, added = inline_cell("B3", text), {}
    long_cell = rewrite(
        book,
        tmp_path / "长.xlsx",
        {STUDENT_PART: with_cell(inline_cell("B3", "李玥"), cell)},
        added=added,
        compresslevel=0,  # one character repeated would pack like a zip bomb
    )
    if shared:
        _register_shared_strings(long_cell)
    message = refused(school, long_cell)
    assert "“学生”表 B3 单元格有 10,485,760 个字符" in message and "32,767" in message


def test_a_formula_imports_the_value_excel_saved_with_it(school, book, tmp_path):
    formula = rewrite(
        book,
        tmp_path / "公式.xlsx",
        {
            STUDENT_PART: with_cell(
                inline_cell("B3", "李玥"),
                '<c r="B3" t="str"><f>"李"&amp;"玥"</f><v>李玥</v></c>'.encode(),
            )
        },
    )
    assert import_workbook(school, formula)["学生"].added == 3
    assert "李玥" in names(school)


def test_a_formula_without_its_value_is_refused_naming_the_cell(school, book, tmp_path):
    formula = rewrite(
        book,
        tmp_path / "公式.xlsx",
        {
            STUDENT_PART: with_cell(
                inline_cell("B3", "李玥"), b'<c r="B3"><f>"li"&amp;"yue"</f></c>'
            )
        },
    )
    message = refused(school, formula)
    assert "“学生”表 B3 单元格是公式" in message and "保存后再导入" in message


def test_a_header_reaching_the_last_column_is_refused_naming_it(school, book, tmp_path):
    wide = rewrite(
        book,
        tmp_path / "宽.xlsx",
        {
            STUDENT_PART: with_cell(
                b'</c></row><row r="2">',
                b"</c>" + inline_cell("XFD1", "备注") + b'</row><row r="2">',
            )
        },
    )
    message = refused(school, wide)
    assert "一直写到 XFD 列" in message and "256" in message


def test_rows_out_of_order_are_damage(school, book, tmp_path):
    shuffled = rewrite(
        book, tmp_path / "乱序.xlsx", {STUDENT_PART: with_rows_appended(b'<row r="2"/>')}
    )
    message = refused(school, shuffled)
    assert "已损坏" in message and "第 2 行不在应在的位置" in message


# -- the command line ---------------------------------------------------------------------------
@pytest.fixture
def data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


def content_of(data_dir: Path) -> dict[str, list[str]]:
    """Every table but the audit trail, which records each opening (and the day's backup)."""
    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        return database_content(school)


def imports_audited(data_dir: Path) -> int:
    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        return len(school.db.query("SELECT id FROM audit_log WHERE action = 'import'"))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda book, path: rewrite(book, path, {STUDENT_PART: None}), "“学生”表"),
        (
            lambda book, path: rewrite(
                book,
                path,
                {STUDENT_PART: with_cell(inline_cell("B3", "李玥"), b'<c r="B3"><f>1</f></c>')},
            ),
            "“学生”表 B3 单元格是公式",
        ),
    ],
    ids=["sheet missing", "formula without value"],
)
def test_the_command_line_refuses_with_exit_3_a_message_and_no_change(
    data_dir, book, tmp_path, capsys, make, expected
):
    hostile = make(book, tmp_path / "坏.xlsx")
    before = content_of(data_dir)
    assert main(["import", str(hostile)]) == 3
    captured = capsys.readouterr()
    assert expected in captured.err and captured.out == ""
    assert content_of(data_dir) == before
    assert imports_audited(data_dir) == 0


def test_the_command_line_imports_every_student_of_a_sheet_with_a_wrong_dimension(
    data_dir, book, tmp_path, capsys
):
    far = rewrite(
        book,
        tmp_path / "远.xlsx",
        {
            STUDENT_PART: lambda xml: with_rows_appended(
                b'<row r="1048576">' + inline_cell("XFD1048576", "x") + b"</row>"
            )(with_dimension("A1:XFD1048576")(xml))
        },
    )
    assert main(["import", str(far)]) == 0
    capsys.readouterr()
    assert imports_audited(data_dir) == 1
    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        assert names(school) == sorted(name for _, name in STUDENTS)
