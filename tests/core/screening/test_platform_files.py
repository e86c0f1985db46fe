"""Platform exports as files: CSV in the encodings Chinese platforms write, hostile workbooks,
and the ``screening import`` command."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from counselor_app.cli import main
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.core import unlock
from counselor_app.workbook.platform_file import GB18030, UTF8, UTF16, read_export
from tests.conftest import PASSWORD
from tests.core.cli_env import CLI_USER

HEADER = ["学号", "姓名", "提交时间", *(f"第{n}题" for n in range(1, 10))]
ROW = ["20250001", "张小明", "2025-10-09 08:30", *["好几天"] * 9]


def write_csv(path: Path, encoding: str, *, bom: bool = False) -> Path:
    text = "\r\n".join(",".join(line) for line in (HEADER, ROW, [""] * 3, [])) + "\r\n"
    data = text.encode(encoding)
    path.write_bytes(("\ufeff".encode() if bom else b"") + data)
    return path


@pytest.mark.parametrize(
    ("encoding", "bom", "told"),
    [("gbk", False, GB18030), ("utf-8", True, UTF8), ("utf-8", False, UTF8)],
)
def test_a_csv_is_read_in_its_encoding_and_the_encoding_is_told(tmp_path, encoding, bom, told):
    table = read_export(write_csv(tmp_path / "导出.csv", encoding, bom=bom))
    assert table.encoding == told
    assert table.headers() == HEADER
    # The header is line 1; trailing blank lines are no rows.
    assert table.rows == ((2, tuple(ROW)),)


def test_a_utf16_csv_with_its_bom_is_read(tmp_path):
    path = tmp_path / "导出.csv"
    text = "\t".join(HEADER) + "\r\n" + "\t".join(ROW) + "\r\n"
    path.write_bytes(text.encode("utf-16"))
    table = read_export(path)
    assert (table.encoding, table.rows[0][1][1]) == (UTF16, "张小明")


def test_bytes_that_are_no_known_encoding_are_refused_not_guessed(tmp_path):
    path = tmp_path / "导出.csv"
    # 0x80 alone is neither UTF-8 nor a GB18030 lead byte followed by a valid trail.
    path.write_bytes(b"\xd1\xa7\xba\xc5,x\r\n\x80\xff\x80,1\r\n")
    with pytest.raises(InvalidInput, match="既不是 UTF-8 也不是 GBK"):
        read_export(path)


def with_sheet_xml(path: Path, change) -> Path:
    """The workbook at ``path`` with its first sheet's XML changed as Excel or a tool would."""
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("saved", "expected"), [(b"<v>2</v>", 2), (b"", None)], ids=["value saved", "no value"]
)
def test_a_workbook_formula_is_read_as_its_saved_value_or_refused(tmp_path, saved, expected):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([*ROW[:3], "=1+1", *ROW[4:]])
    for _ in range(50):  # blank rows below, as a platform's template leaves them
        sheet.append([None] * len(HEADER))
    path = tmp_path / "导出.xlsx"
    book.save(path)
    with_sheet_xml(path, lambda xml: xml.replace(b"<f>1+1</f><v />", b"<f>1+1</f>" + saved))
    if expected is None:
        with pytest.raises(InvalidInput, match="D2 单元格是公式"):
            read_export(path)
    else:
        table = read_export(path)
        assert len(table.rows) == 1 and table.rows[0][1][3] == expected


def test_a_merged_title_above_the_headers_is_refused_with_what_to_do(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2025 秋季 PHQ-9 测评结果"])
    sheet.merge_cells("A1:L1")
    sheet.append(HEADER)
    sheet.append(ROW)
    path = tmp_path / "导出.xlsx"
    book.save(path)
    with pytest.raises(InvalidInput, match="请删去标题行"):
        read_export(path)


def test_a_workbook_export_is_read_with_trailing_blank_rows_left_out(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(ROW)
    sheet.cell(row=5000, column=1, value="   ")  # a blank far below
    path = tmp_path / "导出.xlsx"
    book.save(path)
    table = read_export(path)
    assert [row for row, _ in table.rows] == [2] and table.encoding is None


# -- the command line ----------------------------------------------------------------------------
@pytest.fixture
def cli_roll(cli_data_dir: Path) -> Path:
    """Three students of class 0701 in the school the CLI made; 20250003 without consent."""
    school = unlock(SchoolPaths(cli_data_dir), CLI_USER, PASSWORD)
    service = RecordService(school)
    klass = service.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    for n, name in ((1, "张小明"), (2, "王芳"), (3, "刘洋")):
        student = service.create(
            "student",
            {
                "student_no": f"2025000{n}",
                "name": name,
                "sex": "男",
                "class_id": klass.record_id,
            },
        )
        if n != 3:
            service.create(
                "consent",
                {
                    "student_id": student.record_id,
                    "guardian": "家长",
                    "scope": "测评",
                    "given_on": "2025-09-01",
                },
            )
    school.close(backup=False)
    return cli_data_dir


def flagged_rows(folder: Path) -> list[tuple[str, int, int]]:
    school = unlock(SchoolPaths(folder), CLI_USER, PASSWORD)
    try:
        return [
            (str(r[0]), int(r[1]), int(r[2]))
            for r in school.db.query(
                "SELECT s.student_no, sc.score, sc.flagged FROM screening sc"
                " JOIN student s ON s.id = sc.student_id ORDER BY s.student_no"
            )
        ]
    finally:
        school.close(backup=False)


def test_screening_import_by_cli_with_a_saved_mapping_and_a_consent_exception(
    cli_roll, tmp_path, capsys
):
    path = tmp_path / "平台导出.csv"
    lines = [
        "学籍号,班级,成绩",
        "20250001,0701,12",
        "20250002,0701,4",
    ]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    capsys.readouterr()
    # 成绩 is not a header the guess knows: the command names what is not mapped.
    code = main(["screening", "import", str(path), "--scale", "phq9", "--date", "2025-10-09"])
    assert code == 3
    assert "没有对应题目或总分的列" in capsys.readouterr().err
    assert flagged_rows(cli_roll) == []

    # A mapping saved (here by the core, as the desktop dialog saves one) is used by name.
    school = unlock(SchoolPaths(cli_roll), CLI_USER, PASSWORD)
    from counselor_app.screening.mapping import ColumnMapping, save_mapping

    save_mapping(school, "区平台", ColumnMapping("phq9", student_no="学籍号", total="成绩"))
    school.close(backup=False)
    argv = ["screening", "import", str(path), "--scale", "PHQ-9", "--mapping", "区平台"]
    assert main([*argv, "--date", "2025-10-09"]) == 0
    out = capsys.readouterr().out
    assert "GB18030" in out and "已导入 2 份PHQ-9测评" in out and "需约谈 1 名" in out
    assert flagged_rows(cli_roll) == [("20250001", 12, 1), ("20250002", 4, 0)]

    # The same file again: every row was imported already; nothing is added.
    assert main([*argv, "--date", "2025-10-09"]) == 3
    assert capsys.readouterr().err.count("已经导入过") == 2

    other = tmp_path / "补测.csv"
    other.write_text("学籍号,成绩\n20250003,20\n", encoding="utf-8")
    argv = ["screening", "import", str(other), "--scale", "phq9", "--mapping", "区平台"]
    assert main([*argv, "--date", "2025-10-10"]) == 3
    err = capsys.readouterr().err
    assert "没有登记测评知情同意" in err and "20250003" in err
    assert main([*argv, "--date", "2025-10-10", "--consent-exception", "家长已口头同意"]) == 0
    assert "按您确认的例外导入" in capsys.readouterr().out
    assert ("20250003", 20, 1) in flagged_rows(cli_roll)


def test_screening_import_saves_the_guessed_mapping_by_name(cli_roll, tmp_path, capsys):
    path = tmp_path / "导出.csv"
    path.write_text("学号,测评日期,总分\n20250001,2025-10-09,3\n", encoding="utf-8-sig")
    argv = ["screening", "import", str(path), "--scale", "phq9", "--save-mapping", "云平台"]
    assert main(argv) == 0
    assert "已保存为“云平台”" in capsys.readouterr().out
    school = unlock(SchoolPaths(cli_roll), CLI_USER, PASSWORD)
    try:
        from counselor_app.screening.mapping import saved_mappings

        [saved] = saved_mappings(school)
        assert (saved.name, saved.mapping.student_no, saved.mapping.total) == (
            "云平台",
            "学号",
            "总分",
        )
        assert saved.mapping.date == "测评日期"
    finally:
        school.close(backup=False)
    assert dt.date(2025, 10, 9)  # the row's own date was used
