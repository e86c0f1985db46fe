"""The self-check printouts: the PDF a district files, the JSON it re-uses, the Excel summary, and
the term's figures behind the charts."""

from __future__ import annotations

import dataclasses
import json
import os

import openpyxl
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from counselor_app.foundation.fonts import cjk_font
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_styles import GroupedTable, GroupLabel
from counselor_app.reports.selfcheck_json import selfcheck_document, write_selfcheck_json
from counselor_app.reports.selfcheck_pdf import (
    FINGERPRINT_PENDING,
    MAX_EVIDENCE_ROWS,
    build_selfcheck_pdf,
    write_selfcheck_pdf,
)
from counselor_app.reports.selfcheck_xlsx import (
    SUMMARY_HEADER,
    write_selfcheck_xlsx,
)
from counselor_app.reports.term_statistics import term_statistics
from counselor_app.selfcheck.context import find_term
from counselor_app.selfcheck.result import STATUSES, Evidence
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    RARE_STAFF_NAME,
    TERM,
    assert_fonts_embedded,
    counsellor,
    filled_template,
    hand_built_report,
    ids,
    page_sizes,
    pdf_text,
    school_folder,
)

A4_PORTRAIT = (595.28, 841.89)


def squash(text: str) -> str:
    """Text without white space (pdftotext spaces Chinese and digits as it sees fit)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def report():
    return hand_built_report()


@pytest.fixture(scope="module")
def pdf(report):
    return build_selfcheck_pdf(report, counsellor="王老师")


# -- JSON ------------------------------------------------------------------------------------------
def test_the_json_has_the_shape_the_issue_fixes(report):
    document = json.loads(json.dumps(selfcheck_document(report)))
    assert {"school", "term", "profile", "generated_at", "rules"} <= set(document)
    assert (document["school"], document["term"], document["profile"]) == (
        "阳光实验学校",
        TERM,
        "sucheng-2023",
    )
    assert document["schema_version"] == 1
    assert [r["id"] for r in document["rules"]] == [r.rule_id for r in report.results]
    for rule in document["rules"]:
        assert {"id", "status", "value", "threshold", "evidence"} <= set(rule)
        assert rule["status"] in STATUSES
        for item in rule["evidence"]:
            assert set(item) == {"kind", "key", "label", "detail"}


def test_the_json_file_is_private_and_readable(report, tmp_path):
    path = tmp_path / "selfcheck.json"
    write_selfcheck_json(report, path)
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    # What hand_built_report put in, read back from the file: the term, every rule in the
    # profile's order, and a failing rule's student named by 学号 and class.
    assert (document["term"], document["profile"]) == (TERM, "sucheng-2023")
    assert [r["id"] for r in document["rules"]] == [r.id for r in report.profile.rules]
    student = {
        "kind": "student",
        "key": "20250001",
        "label": "学号 20250001（班级 0701）",
        "detail": "本学年无测评记录",
    }
    assert any(student in r["evidence"] for r in document["rules"] if r["status"] == "fail")
    assert "学号 20250001（班级 0701）" in text  # not \u-escaped
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_manual_confirmation_and_notes_are_carried(report):
    rules = {r["id"]: r for r in selfcheck_document(report)["rules"]}
    manual = rules["SC-15-double-reduction"]
    assert manual["status"] == "manual" and manual["confirmation"]["confirmed"] is True
    assert manual["title"] == "五项管理与不排名"


def test_the_json_counts_confirmed_manual_rules_and_the_new_statuses(report):
    document = selfcheck_document(report)
    counts = document["counts"]
    # Sucheng's manual rules SC-15, SC-16 and SC-17-one-to-one: the first two ticked, the last
    # waiting; its yearly SC-13-screening and SC-14-home-visits wait for the year's end; the
    # monitor training does not apply (see hand_built_report).
    assert (counts["confirmed"], counts["manual"]) == (2, 1)
    assert (counts["year_end"], counts["not_applicable"]) == (2, 1)
    assert sum(counts.values()) == len(document["rules"]) == 22
    rules = {r["id"]: r for r in document["rules"]}
    assert (rules["SC-13-screening"]["status"], rules["SC-13-screening"]["status_label"]) == (
        "year_end",
        "学年末评定",
    )
    assert rules["SC-12-monitor-training"]["status_label"] == "不适用"
    # The rule entries keep their shape: a ticked manual rule is still "manual" with its tick.
    assert rules["SC-15-double-reduction"]["status"] == "manual"


# -- Excel -----------------------------------------------------------------------------------------
def test_the_excel_summary_has_one_row_per_rule(report, tmp_path):
    path = tmp_path / "selfcheck.xlsx"
    write_selfcheck_xlsx(report, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["自查汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SUMMARY_HEADER
    assert [r[0] for r in rows[1:]] == [r.rule_id for r in report.results]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:F{len(rows)}"
    verdicts = {r[0]: r[5] for r in rows[1:]}
    assert verdicts["SC-08-plans"].startswith("未达标")
    assert verdicts["SC-15-double-reduction"].startswith("需人工确认\n已确认")
    fills = {
        sheet.cell(row=n, column=6).value.split("\n")[0]: sheet.cell(
            row=n, column=6
        ).fill.fgColor.rgb
        for n in range(2, sheet.max_row + 1)
    }
    assert fills["未达标"].endswith("FFEBEE") and fills["达标"].endswith("E8F5E9")
    assert fills["学年末评定"].endswith("F3E5F5") and fills["不适用"].endswith("F5F5F5")
    evidence = workbook["证据"]
    assert evidence.max_row - 1 == sum(len(r.evidence) for r in report.results)


# -- PDF -------------------------------------------------------------------------------------------
def test_the_pdf_is_a4_portrait_with_the_font_embedded(pdf, tmp_path):
    assert pdf.data.startswith(b"%PDF")
    sizes = page_sizes(pdf.data)
    assert len(sizes) == pdf.pages > 3
    assert all(abs(w - A4_PORTRAIT[0]) < 1 and abs(h - A4_PORTRAIT[1]) < 1 for w, h in sizes)
    assert_fonts_embedded(pdf.data, tmp_path)


def test_the_pdf_reads_as_a_district_form(pdf, report):
    text = pdf_text(pdf.data)
    for words in (
        "心理健康教育工作学期自查报告",
        "一级指标",
        "二级指标",
        "自查情况",
        "结论",
        "整改清单",
        "学校负责人签字",
        "学校盖章",
        FINGERPRINT_PENDING,
    ):
        assert words in text, words
    assert f"第1页/共{pdf.pages}页" in squash(text)
    assert "领导小组会议" in text and "未达标" in text and "无记录" in text
    assert "已落实“五项管理”" in text  # the manual item's confirmation note
    assert "七年级1班" in text and "20250001" in text  # evidence names what falls short
    assert "2025-11-10" in text and "T004" in text


def test_the_cover_counts_confirmed_items_and_the_new_statuses(pdf):
    # The cover's label sits beside a two-line cell; without it the cell reads as one line.
    text = squash(pdf_text(pdf.data).replace("自查结果", ""))
    # hand_built_report over Sucheng's 22 rules: SC-15 and SC-16 ticked, SC-17-one-to-one waiting;
    # SC-13-screening and SC-14-home-visits 学年末评定; SC-12-monitor-training 不适用; the other 16
    # cycle pass, fail, no_data, pass, fail by their place in the profile: 7 pass, 6 fail, 3 no_data.
    assert (
        "共22项：达标7项，已确认2项，未达标6项，无记录3项，待确认1项，学年末评定2项，不适用1项"
        in text
    )


def test_the_list_of_what_to_fix_leaves_out_year_end_and_not_applicable(pdf, report):
    to_fix = squash(pdf_text(pdf.data)).rsplit("四、整改清单", 1)[1]
    assert "SC-17-one-to-one" in to_fix  # the manual rule still waiting for its tick
    for rule_id in ("SC-13-screening", "SC-14-home-visits", "SC-12-monitor-training"):
        assert rule_id not in to_fix, rule_id
    assert "SC-15-double-reduction" not in to_fix  # confirmed: nothing to do


def test_the_fingerprint_line_is_filled_when_given(report):
    text = pdf_text(build_selfcheck_pdf(report, counsellor="王老师", fingerprint="AB12-CD34").data)
    assert "学校签名密钥指纹：AB12-CD34" in text


def test_rare_names_print_and_a_missing_character_is_marked(pdf):
    text = pdf_text(pdf.data)
    assert RARE_STAFF_NAME in text
    assert "吴〓" in text and "U+20000" in text
    assert pdf.missing_characters == ("𠀀",)
    assert "U+20000" in pdf.warnings()[0].render()


def test_long_evidence_is_capped_with_a_pointer_to_the_full_list():
    report = hand_built_report(extra_students=MAX_EVIDENCE_ROWS + 30)
    text = pdf_text(build_selfcheck_pdf(report, counsellor="王老师").data)
    assert "未列出，完整清单见自查 Excel 或 JSON 文件" in text


def test_a_group_continued_on_a_new_page_shows_its_name_again():
    font = cjk_font()
    style = ParagraphStyle("t", fontName=font.pdf_name, fontSize=10, leading=14)
    guard = GlyphGuard(font)
    rows = [[Paragraph("一级指标", style), Paragraph("二级指标", style)]]
    rows += [
        [GroupLabel(guard.para("组织领导"), style, shown=n == 0), Paragraph(f"第{n}项", style)]
        for n in range(40)
    ]
    table = GroupedTable(rows, colWidths=[100, 200], repeatRows=1)
    table.wrap(300, 200)
    _, rest = table.split(300, 200)

    def label(cell):
        return cell[0] if isinstance(cell, tuple | list) else cell

    assert label(rest._cellvalues[1][0]).shown  # the group's name again at the top of the page
    assert not label(rest._cellvalues[2][0]).shown


def test_writing_for_a_school_adds_charts_and_logs_the_printout(counsellor, tmp_path):  # noqa: F811
    term = find_term(counsellor.db, TERM)
    report = dataclasses.replace(hand_built_report(), term=term)
    path = tmp_path / "out" / "自查.pdf"
    path.parent.mkdir()
    pdf = write_selfcheck_pdf(counsellor, report, path)
    assert path.read_bytes() == pdf.data
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    text = pdf_text(pdf.data)
    assert "本学期统计图" in text and "心理教师" in text
    entry = counsellor.audit.entries()[0]
    assert (entry.action, entry.record_type, entry.record_id) == ("print", "term", term.id)
    assert entry.detail == {"report": "self_check", "profile": "sucheng-2023"}
    assert not list(path.parent.glob("*.part"))


def test_term_statistics_count_what_the_charts_draw(counsellor):  # noqa: F811
    term = find_term(counsellor.db, TERM)
    stats = term_statistics(counsellor.db, term)
    sessions = counsellor.db.scalar("SELECT count(*) FROM counselling_session")
    assert stats.sessions == sessions > 0
    assert sum(count for _, count in stats.sessions_by_topic) == sessions
    hours = {w.monday.isoformat(): (w.school_days, w.hours) for w in stats.room_hours_by_week}
    assert hours["2025-09-01"] == (5, 11.67)  # 5 × (50 + 90) minutes
    assert hours["2025-09-29"] == (2, 4.67)  # National Day: Oct 1–3 are holidays
    assert hours["2025-11-10"] == (4, 9.33)  # the sports-day closure on Friday
    # 张喆 at level 2; the three others seen in sessions at level 1; 吴𠀀 never assessed.
    assert stats.students_by_risk_level == (0, 3, 1, 0)
    assert stats.students_without_level == 1
    assert json.dumps(stats.to_json())


def test_a_row_taller_than_a_page_continues_instead_of_failing(report):
    long_list = "、".join(f"2025-10-{day:02d} 14:00" for day in range(1, 29)) * 12
    results = list(report.results)
    results[1] = dataclasses.replace(
        results[1],
        note=long_list,
        evidence=(Evidence("staff", "T001", "工号 T001：逾期录入", long_list),),
    )
    pdf = build_selfcheck_pdf(
        dataclasses.replace(report, results=tuple(results)), counsellor="王老师"
    )
    assert pdf.pages > 8
    assert squash(pdf_text(pdf.data)).count("2025-10-2814:00") >= 2 * 12
