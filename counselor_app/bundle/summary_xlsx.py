"""The district summary as an Excel workbook.

Sheets: 达标情况 (one row per school, one column per rule, each cell the rule's conclusion,
coloured), 分项汇总 (per rule: how many schools pass, fail, have no data, need or have a manual
confirmation, wait for the year's end or are not asked; the share met is among the schools the
rule was judged for this term), 全区统计 (the district totals of the schools' figures), 上报包 (which bundle each row
comes from), and 未纳入 (bundles refused or superseded, with the reason).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counselor_app.bundle.summary import (
    CONFIRMED,
    NOT_APPLICABLE,
    STATUS_WORDS,
    YEAR_END,
    DistrictSummary,
    total_lines,
)
from counselor_app.selfcheck.result import STATUS_COLOURS
from counselor_app.workbook.saving import save_workbook

# The self-check's colours; a confirmed manual rule looks like a pass.
FILLS = {
    status: (text.lstrip("#").upper(), fill.lstrip("#").upper())
    for status, (text, fill) in {**STATUS_COLOURS, CONFIRMED: STATUS_COLOURS["pass"]}.items()
}
HEADER_FILL = PatternFill("solid", fgColor="E4E7EB")


def _header(sheet: Worksheet, header: list[str], widths: list[int]) -> None:
    sheet.append(header)
    for column, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"


def build_summary_workbook(summary: DistrictSummary) -> Workbook:
    workbook = Workbook()
    matrix = workbook.active
    assert matrix is not None
    matrix.title = "达标情况"
    fixed = [
        "学校",
        "学期",
        "自查标准",
        "达标率",
        "达标",
        "未达标",
        "无记录",
        "需人工确认",
        "学年末评定",
        "不适用",
    ]
    _header(
        matrix,
        fixed + [f"{r.rule_id}\n{r.title}" for r in summary.rules],
        [28, 22, 14, 9, 7, 7, 7, 9, 9, 7] + [14] * len(summary.rules),
    )
    matrix.row_dimensions[1].height = 60
    fills = {s: (Font(color=f), PatternFill("solid", fgColor=b)) for s, (f, b) in FILLS.items()}
    for row in summary.rows:
        matrix.append(
            [
                row.school_name,
                row.term,
                row.profile_id,
                row.pass_share,
                row.count("pass") + row.count(CONFIRMED),
                row.count("fail"),
                row.count("no_data"),
                row.count("manual"),
                row.count(YEAR_END),
                row.count(NOT_APPLICABLE),
            ]
            + [STATUS_WORDS.get(row.statuses.get(r.rule_id, ""), "") for r in summary.rules]
        )
        line = matrix.max_row
        matrix.cell(row=line, column=4).number_format = "0.0%"
        for offset, rule in enumerate(summary.rules):
            status = row.statuses.get(rule.rule_id)
            if status in fills:
                cell = matrix.cell(row=line, column=len(fixed) + 1 + offset)
                cell.font, cell.fill = fills[status]
    matrix.auto_filter.ref = f"A1:{get_column_letter(matrix.max_column)}{max(matrix.max_row, 1)}"

    per_rule = workbook.create_sheet("分项汇总")
    _header(
        per_rule,
        [
            "编号",
            "自查标准",
            "一级指标",
            "二级指标",
            "学校数",
            "达标",
            "未达标",
            "无记录",
            "需人工确认",
            "已确认",
            "学年末评定",
            "不适用",
            "达标率",
        ],
        [22, 14, 14, 30, 8, 8, 8, 8, 10, 8, 10, 8, 9],
    )
    for rule, counts in summary.rule_totals():
        schools = sum(counts.values())
        judged = schools - counts[YEAR_END] - counts[NOT_APPLICABLE]
        passed = counts["pass"] + counts[CONFIRMED]
        per_rule.append(
            [
                rule.rule_id,
                rule.profile_id,
                rule.category,
                rule.title,
                schools,
                counts["pass"],
                counts["fail"],
                counts["no_data"],
                counts["manual"],
                counts[CONFIRMED],
                counts[YEAR_END],
                counts[NOT_APPLICABLE],
                round(passed / judged, 4) if judged else 0,
            ]
        )
        per_rule.cell(row=per_rule.max_row, column=13).number_format = "0.0%"

    totals = workbook.create_sheet("全区统计")
    _header(totals, ["项目", "数值"], [40, 24])
    for what, value in total_lines(summary.statistics_totals()):
        totals.append([what, value])

    bundles = workbook.create_sheet("上报包")
    _header(
        bundles,
        [
            "学校",
            "学校编号",
            "签名密钥指纹",
            "学期",
            "自查标准",
            "上报包编号",
            "生成时间",
            "含学生姓名",
            "文件",
        ],
        [28, 34, 28, 22, 14, 34, 26, 10, 40],
    )
    for row in summary.rows:
        bundles.append(
            [
                row.school_name,
                row.school_uid,
                row.fingerprint,
                row.term,
                row.profile_id,
                row.bundle_id,
                row.created_at,
                "是" if row.named_cases else "否",
                row.source,
            ]
        )

    left_out = workbook.create_sheet("未纳入")
    _header(left_out, ["文件", "原因"], [40, 100])
    for source, why in [*summary.refused, *summary.superseded]:
        left_out.append([source, why])
    return workbook


def write_summary_xlsx(summary: DistrictSummary, path: Path) -> None:
    # Not workbook.save(): openpyxl would put each sheet, in plain text, in the shared temp folder.
    save_workbook(Path(path), lambda: build_summary_workbook(summary))
