"""The self-check as an Excel workbook: the summary table of the PDF, and every piece of evidence.

Sheet 自查汇总 has one row per rule with the PDF's columns (一级指标 / 二级指标 / 标准 / 自查情况 /
结论) after the rule's 编号, the 结论 cell coloured by status, the header frozen and filtered. Sheet
证据 lists all evidence (the PDF prints at most a page or so per rule).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counselor_app.reports.selfcheck_words import (
    conclusion,
    evidence_row,
    situation,
    status_label,
)
from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.selfcheck.result import FAIL, STATUS_COLOURS
from counselor_app.workbook.saving import save_workbook

SUMMARY_SHEET = "自查汇总"
EVIDENCE_SHEET = "证据"
SUMMARY_HEADER = ("编号", "一级指标", "二级指标", "标准", "自查情况", "结论")
SUMMARY_WIDTHS = (22, 14, 22, 44, 40, 24)
EVIDENCE_HEADER = ("编号", "二级指标", "结论", "类别", "键名", "键", "名称", "说明")
EVIDENCE_WIDTHS = (22, 22, 10, 10, 10, 14, 16, 40)

#: (font colour, fill colour) of the 结论 cell, as in the PDF.
STATUS_FILLS = {
    status: (text.lstrip("#").upper(), fill.lstrip("#").upper())
    for status, (text, fill) in STATUS_COLOURS.items()
}
HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")
WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet, header: tuple[str, ...], widths: tuple[int, ...]) -> None:
    sheet.append(list(header))
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _finish(sheet: Worksheet, columns: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(sheet.max_row, 1)}"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP


def build_selfcheck_workbook(report: SelfCheckReport) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = SUMMARY_SHEET
    _header(summary, SUMMARY_HEADER, SUMMARY_WIDTHS)
    evidence = workbook.create_sheet(EVIDENCE_SHEET)
    _header(evidence, EVIDENCE_HEADER, EVIDENCE_WIDTHS)
    for result in report.results:
        try:
            rule = report.profile.rule(result.rule_id)
            category, title, standard = rule.category, rule.title, rule.standard
        except KeyError:
            category, title, standard = "", result.rule_id, ""
        summary.append(
            [result.rule_id, category, title, standard, situation(result), conclusion(result)]
        )
        font_colour, fill = STATUS_FILLS[result.status]
        verdict = summary.cell(row=summary.max_row, column=len(SUMMARY_HEADER))
        verdict.font = Font(color=font_colour, bold=result.status == FAIL)
        verdict.fill = PatternFill("solid", fgColor=fill)
        for item in result.evidence:
            row = evidence_row(item)
            evidence.append(
                [
                    result.rule_id,
                    title,
                    status_label(result.status),
                    row.kind,
                    row.key_name,
                    row.key,
                    row.label,
                    row.detail,
                ]
            )
    _finish(summary, len(SUMMARY_HEADER))
    _finish(evidence, len(EVIDENCE_HEADER))
    summary.print_title_rows = "1:1"
    summary.page_setup.orientation = "landscape"
    summary.page_setup.paperSize = summary.PAPERSIZE_A4
    summary.page_setup.fitToWidth = 1
    summary.page_setup.fitToHeight = 0
    summary.sheet_properties.pageSetUpPr.fitToPage = True
    return workbook


def write_selfcheck_xlsx(report: SelfCheckReport, path: Path) -> None:
    # Not workbook.save(): openpyxl would put each sheet, in plain text, in the shared temp folder.
    save_workbook(Path(path), lambda: build_selfcheck_workbook(report))
