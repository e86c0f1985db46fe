"""The blank answer sheet (答题卡) of a class: the class's students in roster order with their
学号, the options' legend from the scale file, 保密 and the table header on every page, the paper
the items need, the font embedded, the printout logged."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.reports.answer_sheet_pdf import (
    build_answer_sheet_pdf,
    option_legend,
    sheet_layout,
)
from counselor_app.reports.class_roster import ClassRoster, RosterStudent, class_roster
from counselor_app.reports.pdf_document import LANDSCAPE, PORTRAIT
from counselor_app.reports.screening_printouts import answer_sheet
from counselor_app.school.core import User
from counselor_app.screening.scales import load_scales, parse_scale
from counselor_app.years.school_years import SchoolYear
from tests.core.report_fixtures import assert_fonts_embedded, page_sizes, pdf_text
from tests.core.screening_printouts.print_school import NOW

PHQ9_LEGEND = "第1–9题：0 = 完全不会；1 = 好几天；2 = 一半以上的天数；3 = 几乎每天"


def _positions(text: str, wanted: list[str]) -> list[int]:
    flat = text.replace(" ", "")
    return [flat.index(word) for word in wanted]


def test_the_sheet_lists_the_class_in_roster_order_with_the_legend(print_school, facts, tmp_path):
    pdf = answer_sheet(print_school, "0701", load_scales().find("PHQ-9"))
    text = pdf_text(pdf.data)
    roster = facts.rosters[(2025, "0701")]
    assert len(roster) == 12
    # 学号 and name on one row, rows in 学号 order.
    positions = _positions(text, [number + name for number, name in roster])
    assert positions == sorted(positions)
    others = {name for key, r in facts.rosters.items() if key != (2025, "0701") for _, name in r}
    assert not [name for name in others if name in text.replace(" ", "")]
    assert PHQ9_LEGEND.replace(" ", "") in text.replace(" ", "")
    assert "应测 12 人" in text and "七年级1班（0701）" in text and "2025—2026学年" in text
    assert "保密" in text
    assert_fonts_embedded(pdf.data, tmp_path)
    logged = print_school.db.query(
        "SELECT action, record_type FROM audit_log WHERE action = 'print'"
    )
    assert [tuple(row) for row in logged] == [("print", "class")]


def test_last_years_class_lists_last_years_students(print_school, facts):
    roster = class_roster(print_school, "0701", SchoolYear(2024))
    expected = facts.rosters[(2024, "0701")]
    assert [(s.student_no, s.name) for s in roster.students] == expected
    # This year's 0801 is last year's 0701 and one newcomer.
    this_year = {number for number, _ in facts.rosters[(2025, "0801")]}
    assert {number for number, _ in expected} < this_year and len(this_year) == 13


def test_an_unknown_class_names_the_years_classes(print_school):
    with pytest.raises(InvalidInput) as refused:
        answer_sheet(print_school, "0901", load_scales().find("PHQ-9"))
    assert "0901" in str(refused.value) and "0701、0702、0703、0801、0802" in str(refused.value)


def _roster(count: int) -> ClassRoster:
    students = tuple(RosterStudent(n, f"2025{n:04d}", f"学生{n:02d}") for n in range(1, count + 1))
    return ClassRoster(1, "0701", "七年级1班", 7, SchoolYear(2025), dt.date(2025, 10, 9), students)


def _sheet(scale, count: int):
    return build_answer_sheet_pdf(
        _roster(count),
        scale,
        school_name="阳光实验学校",
        user=User("王老师", "counsellor"),
        printed_at=NOW,
    )


def test_a_long_class_repeats_the_header_and_the_mark_on_every_page():
    pdf = _sheet(load_scales().find("PHQ-9"), 70)
    pages = pdf_text(pdf.data).split("\f")[: pdf.pages]
    assert pdf.pages >= 3
    for page in pages:
        assert "学号" in page and "姓名" in page and "保密" in page
    # Every student once, in order, across the pages.
    flat = "".join(pages).replace(" ", "")
    positions = [flat.index(f"2025{n:04d}学生{n:02d}") for n in range(1, 71)]
    assert positions == sorted(positions)


def _scale(items: int, options: int):
    option_text = "".join(f'[[options]]\nvalue = {v}\nzh = "选项{v}"\n' for v in range(options))
    item_text = "".join(f'[[items]]\nnumber = {n}\nzh = "题{n}"\n' for n in range(1, items + 1))
    most = items * (options - 1)
    return parse_scale(
        f'id = "t{items}"\nname = "T-{items}"\ntitle_zh = "测试量表"\nsource = "s"\nlicence = "l"\n'
        'wording_zh_source = "w"\n'
        f"{option_text}{item_text}"
        f'[[bands]]\nid = "all"\nzh = "全部"\nmin = 0\nmax = {most}\n',
        "t.toml",
    )


def test_the_paper_follows_the_number_of_items():
    font = "Helvetica"
    assert sheet_layout(_scale(2, 2), font).pagesize == PORTRAIT
    assert sheet_layout(load_scales().find("PHQ-9"), font).pagesize == LANDSCAPE
    long = sheet_layout(_scale(90, 5), font)
    # SCL-90: landscape, several lines of items per student, none dropped.
    assert long.pagesize == LANDSCAPE and 1 < long.per_line < 90
    pdf = _sheet(_scale(90, 5), 3)
    assert all(size[0] > size[1] for size in page_sizes(pdf.data))
    text = pdf_text(pdf.data)
    assert "第1–90题：0=选项0；1=选项1；2=选项2；3=选项3；4=选项4" in text.replace(" ", "")


def test_the_legend_groups_items_by_their_options_and_names_optional_ones():
    asq_like = parse_scale(
        'id = "q"\nname = "Q"\ntitle_zh = "问"\nsource = "s"\nlicence = "l"\nwording_zh_source = "w"\n'
        '[[options]]\nvalue = 0\nzh = "否"\n[[options]]\nvalue = 1\nzh = "是"\n'
        '[[items]]\nnumber = 1\nzh = "一"\n[[items]]\nnumber = 2\nzh = "二"\n'
        '[[items]]\nnumber = 3\nzh = "三"\noptional = true\nscored = false\n'
        'options = [{value = 1, zh = "很少"}, {value = 2, zh = "经常"}]\n'
        '[[bands]]\nid = "a"\nzh = "甲"\nmin = 0\nmax = 2\n',
        "q.toml",
    )
    assert option_legend(asq_like) == [
        "第1–2题：0 = 否；1 = 是",
        "第3题：1 = 很少；2 = 经常",
        "第3题可按问卷的提示不答（留空）。",
    ]


def test_options_without_chinese_are_labelled_as_the_scale_file_labels_them():
    # ASQ ships its English wording only (no published Chinese version is cited).
    assert option_legend(load_scales().find("ASQ"))[0] == "第1–5题：1 = Yes；0 = No"
