"""The workbook sheet 量表作答: template → filled in → imported → exported → imported again."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from counselor_app.foundation.errors import NotPermitted, ValidationFailed
from counselor_app.screening.answers import read_answers
from counselor_app.workbook import export_workbook, import_workbook, write_template

SHEET = "量表作答"
PHQ9_ITEMS = [f"第{n}题" for n in range(1, 10)]


def header_of(path):
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [c for c in next(book[SHEET].iter_rows(values_only=True))]
    finally:
        book.close()


def fill(template, target, rows):
    """The template with only 量表作答 kept (the other sheets' examples would be imported as
    data once edited) and ``rows`` typed under its header, by header name."""
    book = openpyxl.load_workbook(template)
    for name in book.sheetnames:
        if name not in (SHEET, "说明"):
            del book[name]
    sheet = book[SHEET]
    header = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(str(h).rstrip("*")) for h in header])
    book.save(target)
    return target


def screenings(school):
    return [
        tuple(r)
        for r in school.db.query(
            "SELECT s.student_no, sc.date, sc.scale_id, sc.score, sc.band, sc.flagged,"
            " sc.critical_items, sc.way FROM screening sc JOIN student s ON s.id = sc.student_id"
            " ORDER BY s.student_no"
        )
    ]


def test_the_template_has_the_sheet_with_item_columns_for_the_longest_scale(tmp_path):
    template = tmp_path / "模板.xlsx"
    write_template(template, today=dt.date(2025, 10, 16))
    header = header_of(template)
    assert header[:3] == ["日期*", "学号*", "量表*"]
    # PHQ-A (13 items: PHQ-9's nine for adolescents and four more) is the longest shipped scale.
    assert header[3:] == [*(f"第{n}题" for n in range(1, 14)), "总分", "同意例外理由"]
    book = openpyxl.load_workbook(template, read_only=True)
    rows = list(book[SHEET].iter_rows(min_row=2, values_only=True))
    notes = " ".join(str(r[0]) for r in book["说明"].iter_rows(values_only=True) if r and r[0])
    book.close()
    assert rows == []  # no example: a scale's answers are never made up
    assert "量表作答" in notes and "选项文字" in notes


def test_round_trip_template_fill_import_export_import(roll, tmp_path):
    school = roll.school
    template = tmp_path / "模板.xlsx"
    write_template(template, today=dt.date(2025, 10, 16))
    day = dt.date(2025, 10, 9)
    filled = fill(
        template,
        tmp_path / "已填.xlsx",
        [
            # 2+2+2+2+1+1+0+0+0 = 10: moderate, flagged.
            {"日期": day, "学号": "20250001", "量表": "phq-9",
             **dict(zip(PHQ9_ITEMS, (2, 2, 2, 2, 1, 1, 0, 0, 0), strict=True))},
            # Words; item 9 "好几天" (1) is critical: total 1, flagged.
            {"日期": "2025-10-09", "学号": "20250002", "量表": "PHQ9",
             **dict(zip(PHQ9_ITEMS, ["完全不会"] * 8 + ["好几天"], strict=True))},
            # A total alone.
            {"日期": day, "学号": "20250003", "量表": "PHQ-9", "总分": 16},
            # No consent on file: the reason makes it an exception.
            {"日期": day, "学号": "20250006", "量表": "PHQ-9", "总分": 2,
             "同意例外理由": "家长电话同意，书面补签中"},
        ],
    )  # fmt: skip
    report = import_workbook(school, filled)
    assert report[SHEET].added == 4
    assert screenings(school) == [
        ("20250001", "2025-10-09", "phq9", 10, "moderate", 1, "[]", "workbook"),
        ("20250002", "2025-10-09", "phq9", 1, "minimal", 1, "[9]", "workbook"),
        ("20250003", "2025-10-09", "phq9", 16, "moderately_severe", 1, None, "workbook"),
        ("20250006", "2025-10-09", "phq9", 2, "minimal", 0, None, "workbook"),
    ]

    exported = tmp_path / "导出.xlsx"
    export_workbook(school, exported)
    book = openpyxl.load_workbook(exported, read_only=True)
    header = [c for c in next(book[SHEET].iter_rows(values_only=True))]
    rows = {r[1]: r for r in book[SHEET].iter_rows(min_row=2, values_only=True)}
    typed_in = list(book["测评"].iter_rows(min_row=2, values_only=True))
    book.close()
    assert typed_in == []  # scale screenings are on 量表作答 only, never twice
    column = {str(h).rstrip("*"): i for i, h in enumerate(header)}
    first = rows["20250001"]
    assert [first[column[h]] for h in PHQ9_ITEMS] == [2, 2, 2, 2, 1, 1, 0, 0, 0]
    assert (first[column["量表"]], first[column["总分"]]) == ("PHQ-9", 10)
    assert first[column["日期"]].date() == day
    assert [rows["20250003"][column[h]] for h in PHQ9_ITEMS] == [None] * 9
    assert rows["20250003"][column["总分"]] == 16
    assert rows["20250006"][column["同意例外理由"]] == "家长电话同意，书面补签中"

    # Imported again into the same school: nothing changes.
    again = import_workbook(school, exported)
    assert (again[SHEET].added, again[SHEET].unchanged) == (0, 4)
    assert len(screenings(school)) == 4
    saved = school.db.scalar(
        "SELECT id FROM screening WHERE student_id = ?", (roll.ids["20250002"],)
    )
    assert read_answers(school, saved) == (0,) * 8 + (1,)


def test_every_problem_of_the_sheet_is_listed_and_nothing_is_imported(roll, tmp_path):
    school = roll.school
    template = tmp_path / "模板.xlsx"
    write_template(template, today=dt.date(2025, 10, 16))
    ok = dict.fromkeys(PHQ9_ITEMS, 0)
    filled = fill(
        template,
        tmp_path / "有误.xlsx",
        [
            {"日期": "2025-10-09", "学号": "20250001", "量表": "PHQ-9", **ok},  # row 2: fine
            {"日期": "2025-10-09", "学号": "20250002", "量表": "SCL-90", **ok},  # 3: no scale
            {"日期": "2025-10-09", "学号": "20250003", "量表": "PHQ-9", **ok, "第3题": 5},  # 4
            {"日期": "2025-10-09", "学号": "20250006", "量表": "PHQ-9", **ok},  # 5: no consent
            {"日期": "2025-10-09", "学号": "20250001", "量表": "PHQ-9", "总分": 3},  # 6: twice
        ],
    )
    with pytest.raises(ValidationFailed) as refused:
        import_workbook(school, filled)
    found = {(p.sheet, p.row, p.field) for p in refused.value.problems}
    assert found == {
        (SHEET, 3, "量表"),
        (SHEET, 4, "第3题"),
        (SHEET, 5, "同意例外理由"),
        (SHEET, 6, ""),
    }
    texts = " ".join(p.message.render() for p in refused.value.problems)
    assert "没有叫“SCL-90”的量表" in texts and "20250006" in texts and "与第 2 行" in texts
    assert screenings(school) == []


def test_an_administrator_may_not_import_the_sheet(roll, tmp_path):
    from tests.core.test_workbook import as_admin

    school = roll.school
    template = tmp_path / "模板.xlsx"
    write_template(template, today=dt.date(2025, 10, 16))
    filled = fill(
        template,
        tmp_path / "已填.xlsx",
        [{"日期": "2025-10-09", "学号": "20250001", "量表": "PHQ-9", "总分": 3}],
    )
    as_admin(school)
    with pytest.raises(NotPermitted, match="量表作答"):
        import_workbook(school, filled)
