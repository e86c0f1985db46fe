"""The guardians' consent form (知情同意书): the student's name, 学号 and class on the letter and
its return slip, what the letter must say, one page per student for a class."""

from __future__ import annotations

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.reports.screening_printouts import consent_forms
from counselor_app.screening.scales import load_scales
from counselor_app.years.school_years import SchoolYear
from tests.core.report_fixtures import assert_fonts_embedded, pdf_text
from tests.core.screening_printouts.print_school import HOTLINE


def _flat(text: str) -> str:
    return "".join(text.split())


def test_one_students_form_is_filled_in_and_says_what_a_guardian_needs(
    print_school, facts, tmp_path
):
    number, name = facts.rosters[(2025, "0801")][0]
    pdf = consent_forms(print_school, (load_scales().find("PHQ-9"),), student_no=number)
    assert pdf.pages == 1
    text = _flat(pdf_text(pdf.data))
    # Pre-filled on the letter and again on the slip that comes back.
    assert text.count(name) == 2 and text.count(number) == 2
    assert text.count("八年级1班（0801）") == 2
    for words in (
        "患者健康问卷抑郁量表（PHQ-9）（共9题）",  # which scales
        "加密数据库",  # how results are kept
        "只有心理教师可以查看",
        "自愿",
        "撤回",
        "约谈",  # what follows a result that needs a closer look
        "告知您",
        HOTLINE.replace(" ", ""),  # contact
        "心理教师：王老师",
        "回执",
        "剪下",
        "□同意",
        "□不同意",
        "监护人签名",
        "与学生关系",
        "日期",
        "2025—2026学年",
    ):
        assert words in text, words
    assert_fonts_embedded(pdf.data, tmp_path)


def test_a_class_gets_one_page_per_student_in_roster_order(print_school, facts):
    pdf = consent_forms(print_school, (), class_code="0702")
    roster = facts.rosters[(2025, "0702")]
    assert pdf.pages == len(roster) == 7
    pages = pdf_text(pdf.data).split("\f")[: pdf.pages]
    for page, (number, name) in zip(pages, roster, strict=True):
        flat = _flat(page)
        assert name in flat and number in flat and "七年级2班（0702）" in flat
    logged = print_school.db.query("SELECT record_type FROM audit_log WHERE action = 'print'")
    assert [row[0] for row in logged] == ["class"]


def test_a_class_with_no_students_is_refused(print_school):
    # Last year's 0801 moved on: this year there is no 0801 of last year's to print for.
    with pytest.raises(InvalidInput):
        consent_forms(print_school, (), class_code="0901")
    pdf = consent_forms(print_school, (), class_code="0801", year=SchoolYear(2024))
    assert pdf.pages == 12


def test_the_letter_and_its_slip_share_one_sheet_even_for_a_long_school_name():
    import datetime as dt

    from counselor_app.reports.consent_pdf import ConsentLetter, ConsentStudent, build_consent_pdf

    letter = ConsentLetter(
        "湖北省恩施土家族苗族自治州实验中学初中部",
        SchoolYear(2025),
        (load_scales().find("PHQ-9"),) * 5,
        "王老师",
        "0718-8888 1234 转 8001",
        "教学楼一楼东侧“悄悄话”信箱（每周一、三、五开启）",
        dt.date(2025, 11, 20),
    )
    students = [ConsentStudent(f"2025000{n}", "欧阳淏然", "七年级1班", "0701") for n in (1, 2)]
    pdf = build_consent_pdf(students, letter)
    assert pdf.pages == 2
    for page in pdf_text(pdf.data).split("\f")[:2]:
        assert "回执" in page and "监护人签名" in _flat(page)
