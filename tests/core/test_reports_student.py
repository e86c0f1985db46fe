"""A student's file (一生一档) and crisis plan (一生一策): marked 保密 with who printed them and when,
readable with rare-character names, withheld text for a 管理员, every printout audited."""

from __future__ import annotations

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.reports.crisis_plan_pdf import write_crisis_plan_pdf
from counselor_app.reports.student_file import RISK_SOURCES, find_student, student_file
from counselor_app.reports.student_pdf import write_student_pdf
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    ADMIN_NAME,
    MISSING_GLYPH_NAME,
    RARE_NAMES,
    SAFETY_PLAN,
    SESSION_NOTE,
    administrator,
    assert_fonts_embedded,
    counsellor,
    filled_template,
    ids,
    page_sizes,
    pdf_text,
    school_folder,
)

KEY_STUDENT = "20250001"  # 张喆, with sessions, a risk level, a crisis plan and follow-ups


def squash(text: str) -> str:
    return "".join(text.split())


def pages(text: str) -> list[str]:
    return [squash(page) for page in text.split("\f") if page.strip()]


def test_the_file_is_marked_confidential_with_the_printer_on_every_page(counsellor, tmp_path):  # noqa: F811
    pdf = write_student_pdf(counsellor, KEY_STUDENT, tmp_path / "file.pdf")
    assert pdf.pages >= 2
    assert_fonts_embedded(pdf.data, tmp_path)
    assert all(abs(w - 595.28) < 1 and abs(h - 841.89) < 1 for w, h in page_sizes(pdf.data))
    for n, page in enumerate(pages(pdf_text(pdf.data)), start=1):
        assert "保密" in page
        assert "打印人：王老师（心理教师），打印时间：2026-02-1009:00" in page
        assert f"第{n}页/共{pdf.pages}页" in page


def test_the_counsellors_file_holds_the_whole_record(counsellor, tmp_path):  # noqa: F811
    pdf = write_student_pdf(counsellor, KEY_STUDENT, tmp_path / "file.pdf")
    text = squash(pdf_text(pdf.data))
    for words in (
        RARE_NAMES[0],
        KEY_STUDENT,
        "七年级1班（0701）",
        "班主任陈建国",
        "当前风险等级：2级（重点关注）",
        "李心怡专职心理教师",
        "陈建国班主任",
        f"{RARE_NAMES[1]}同伴",
        "张父（父亲）家长",
        SESSION_NOTE,
        SAFETY_PLAN,
        "记录时间线",
        "测评",
        "家访",
    ):
        assert squash(words) in text, words
    assert "无权查看" not in text
    assert pdf.missing_characters == ()


def test_an_administrators_printout_lacks_the_confidential_text(administrator, tmp_path):  # noqa: F811
    pdf = write_student_pdf(administrator, KEY_STUDENT, tmp_path / "file.pdf")
    text = squash(pdf_text(pdf.data))
    assert SESSION_NOTE not in text and SAFETY_PLAN not in text
    assert "MHT总分偏高" not in text  # the risk assessment's basis
    assert "（无权查看）" in text
    assert f"打印人：{ADMIN_NAME}（管理员）" in text
    assert RARE_NAMES[0] in text  # who the student is is not confidential


def test_a_name_the_font_lacks_is_marked_and_reported(counsellor, tmp_path):  # noqa: F811
    pdf = write_student_pdf(counsellor, "20250005", tmp_path / "file.pdf")
    assert pdf.missing_characters == ("𠀀",)
    text = pdf_text(pdf.data)
    assert "吴〓" in text and "U+20000" in text
    assert "U+20000" in pdf.warnings()[0].render()


def test_printing_is_audited_without_content(counsellor, ids, tmp_path):  # noqa: F811
    write_student_pdf(counsellor, KEY_STUDENT, tmp_path / "file.pdf")
    write_crisis_plan_pdf(counsellor, KEY_STUDENT, tmp_path / "plan.pdf")
    plan_entry, file_entry = counsellor.audit.entries()[:2]
    assert (file_entry.action, file_entry.record_type, file_entry.record_id) == (
        "print",
        "student",
        ids["zhe"],
    )
    assert file_entry.detail == {"report": "student_file"}
    assert (plan_entry.action, plan_entry.record_type, plan_entry.record_id) == (
        "print",
        "crisis_plan",
        ids["plan"],
    )
    assert plan_entry.detail == {"report": "crisis_plan"}


def test_the_crisis_plan_names_the_care_group_and_follow_ups(counsellor, tmp_path):  # noqa: F811
    pdf = write_crisis_plan_pdf(counsellor, KEY_STUDENT, tmp_path / "plan.pdf")
    assert_fonts_embedded(pdf.data, tmp_path)
    all_pages = pages(pdf_text(pdf.data))
    assert all("保密" in p and "打印人：王老师" in p for p in all_pages)
    text = "".join(all_pages)
    for words in (
        "一生一策",
        "2级（重点关注）",
        "在案",
        "李心怡",
        "专职心理教师",
        "陈建国",
        "班主任",
        RARE_NAMES[1],
        "同伴（七年级1班）",
        "张母（母亲）",
        SAFETY_PLAN,
        "市第四人民医院心理科",
        "2025-09-25",
        "2025-11-01",
        "情绪较前稳定",
        "监护人签字",
    ):
        assert squash(words) in text, words


def test_the_administrators_crisis_plan_withholds_the_plan_text(administrator, tmp_path):  # noqa: F811
    text = squash(
        pdf_text(write_crisis_plan_pdf(administrator, KEY_STUDENT, tmp_path / "plan.pdf").data)
    )
    assert SAFETY_PLAN not in text and "市第四人民医院" not in text and "情绪较前稳定" not in text
    assert text.count("（无权查看）") >= 4
    assert "李心怡" in text  # the care group is not confidential


def test_an_unknown_student_number_is_invalid_input(counsellor, tmp_path):  # noqa: F811
    with pytest.raises(InvalidInput) as excinfo:
        write_student_pdf(counsellor, "20259999", tmp_path / "x.pdf")
    assert excinfo.value.exit_code == 3 and "20259999" in str(excinfo.value)
    assert not (tmp_path / "x.pdf").exists()


def test_full_width_digits_find_the_student(counsellor, ids):  # noqa: F811
    assert find_student(counsellor, "２０２５０００１") == ids["zhe"]


def test_a_student_without_a_crisis_plan_has_none_to_print(counsellor, tmp_path):  # noqa: F811
    with pytest.raises(InvalidInput, match="没有一生一策"):
        write_crisis_plan_pdf(counsellor, "20250002", tmp_path / "x.pdf")


def test_the_file_reads_oldest_first_and_collects_the_risk_history(counsellor, ids):  # noqa: F811
    file = student_file(counsellor, ids["zhe"])
    dates = [row.date for row in file.timeline]
    assert dates == sorted(dates)
    assert {RISK_SOURCES[e.record_type] for e in file.risk_history} == {
        "辅导记录",
        "风险评估",
        "一生一策",
    }
    assert file.plan is not None and not file.redacted
