"""The termly self-check report (学期自查报告) as a PDF, in the shape district forms use.

A4 portrait: a cover (school, term, checklist, date, counsellor, the result in numbers); the summary
table 一级指标 / 二级指标 / 标准 / 自查情况 / 结论; each rule's evidence, naming what falls short;
charts of the term; the list of what to fix; and the signature block with the line for the school's
signing-key fingerprint, which the district bundle fills in.

:func:`build_selfcheck_pdf` only lays out what it is given (testable with a hand-built report);
:func:`write_selfcheck_pdf` gathers the term's figures, writes the file and records the printout.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.reports import charts
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import PageFrame, RenderedPdf, frame_width, keep, render_pdf
from counselor_app.reports.pdf_styles import (
    MUTED,
    STATUS_COLOURS,
    GroupedTable,
    GroupLabel,
    Styles,
    base_table_style,
    cell_flowable,
    data_table,
    key_value_table,
    make_styles,
)
from counselor_app.reports.printout_log import log_printout
from counselor_app.reports.selfcheck_words import (
    conclusion,
    count_parts,
    evidence_row,
    fix_action,
    needs_action,
    situation,
    status_label,
)
from counselor_app.reports.term_statistics import TermStatistics, term_statistics
from counselor_app.school.core import School
from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.selfcheck.profiles import RuleDefinition
from counselor_app.selfcheck.result import FAIL, MANUAL, NO_DATA, PASS, RuleResult

TITLE = "心理健康教育工作学期自查报告"
FINGERPRINT_PENDING = "（生成上报包时填写）"
#: Evidence rows printed per rule; the JSON and the Excel file carry the full list.
MAX_EVIDENCE_ROWS = 80


def build_selfcheck_pdf(
    report: SelfCheckReport,
    *,
    counsellor: str,
    statistics: TermStatistics | None = None,
    fingerprint: str | None = None,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    """Lay out the self-check report. ``statistics`` adds the charts; ``fingerprint`` fills the
    signing-key line (the district bundle passes the school's key fingerprint); ``audit_stamp``
    (see ``printout_log``) ends the footer."""
    font = font or cjk_font()
    guard = GlyphGuard(font)
    styles = make_styles(font.pdf_name)
    term = report.term
    frame = PageFrame(
        header_left=f"{report.school_name} · {term.name}",
        header_right="学期自查报告",
        footer_left=" · ".join(
            part
            for part in (
                f"心理辅导工作台生成 · {report.generated_at.replace('T', ' ')}",
                audit_stamp,
            )
            if part
        ),
        header_on_first_page=False,
    )
    width = frame_width(frame)
    story: list[Flowable] = []
    story += _cover(report, counsellor, guard, styles, width)
    story += _summary(report, guard, styles, width)
    story += _evidence(report, guard, styles, width)
    if statistics is not None:
        story += _charts(statistics, font, guard, styles, width)
    story += _to_fix(report, guard, styles, width)
    story += _signatures(report, counsellor, fingerprint, guard, styles, width)
    return render_pdf(
        story,
        frame,
        guard,
        styles,
        title=f"{report.school_name} {term.name} {TITLE}",
        author=counsellor,
    )


def write_selfcheck_pdf(
    school: School,
    report: SelfCheckReport,
    path: Path,
    *,
    fingerprint: str | None = None,
) -> RenderedPdf:
    """Log it, build the report for ``school`` with the term's charts, write it to ``path``."""
    stamp = log_printout(
        school, "term", report.term.id, report="self_check", profile=report.profile.id
    )
    pdf = build_selfcheck_pdf(
        report,
        counsellor=school.user.name,
        statistics=term_statistics(school.db, report.term),
        fingerprint=fingerprint,
        audit_stamp=stamp,
    )
    pdf.save(path)
    return pdf


# -- cover ---------------------------------------------------------------------------------------
def _counts_text(report: SelfCheckReport) -> str:
    """达标 9 项，已确认 1 项，未达标 8 项 …: a ticked manual rule counts as 已确认, not 待确认."""
    return "，".join(f"{words} {count} 项" for _, words, count in count_parts(report.counts()))


def _cover(
    report: SelfCheckReport, counsellor: str, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    term = report.term
    profile = report.profile
    pairs: list[tuple[str, str]] = [
        ("学校", report.school_name),
        ("学期", f"{term.name}（{term.first_day.isoformat()} 至 {term.last_day.isoformat()}）"),
        ("自查标准", profile.name),
        ("发布单位", profile.district or "—"),
        ("文件依据", profile.source or "—"),
        ("自查日期", report.generated_at[:10]),
        ("心理教师", counsellor),
        ("自查结果", f"共 {len(report.results)} 项：{_counts_text(report)}"),
    ]
    story: list[Flowable] = [
        Spacer(1, 30 * mm),
        Paragraph(guard.para(report.school_name), styles.subtitle),
        Paragraph(guard.para(TITLE), styles.title),
        Paragraph(guard.para(term.name), styles.subtitle),
        Spacer(1, 14 * mm),
        key_value_table(pairs, [30 * mm, width - 30 * mm], guard, styles),
        Spacer(1, 8 * mm),
    ]
    story += [Paragraph(guard.para(f"说明：{note}"), styles.small) for note in report.notes]
    story.append(
        Paragraph(
            guard.para(
                "本报告由心理辅导工作台根据学校记录自动统计生成。“无记录”表示没有可据以判定的记录，"
                "不视为达标；“需人工确认”项由心理教师核实后确认（已确认的计为“已确认”，尚未确认的计为"
                "“待确认”）；“学年末评定”为按学年要求、本学年尚未达到的项目，在学年最后一个学期评定，"
                "不计为未达标；“不适用”为本学期无需评定的项目。"
            ),
            styles.small,
        )
    )
    story.append(PageBreak())
    return story


# -- summary table -------------------------------------------------------------------------------
def _summary(
    report: SelfCheckReport, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    widths = [w * width for w in (0.13, 0.17, 0.28, 0.27, 0.15)]
    header = ["一级指标", "二级指标", "标准", "自查情况", "结论"]
    rows: list[list[Flowable]] = [[cell_flowable(h, guard, styles.cell_head) for h in header]]
    commands = [
        c for c in base_table_style(guard.font.pdf_name, zebra=False) if c[0] != "INNERGRID"
    ]
    commands += [
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, MUTED),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, MUTED),
    ]
    previous_category = None
    for index, (rule, result) in enumerate(_pairs(report), start=1):
        first_of_group = rule.category != previous_category
        previous_category = rule.category
        text_colour, fill = STATUS_COLOURS[result.status]
        reference = " · ".join(part for part in (rule.id, rule.clause) if part)
        rows.append(
            [
                GroupLabel(guard.para(rule.category), styles.cell, shown=first_of_group),
                Paragraph(
                    f"{guard.para(rule.title)}<br/><font size=7 color='#616e7c'>"
                    f"{guard.para(reference)}</font>",
                    styles.cell,
                ),
                cell_flowable(rule.standard, guard, styles.cell),
                cell_flowable(situation(result), guard, styles.cell),
                Paragraph(
                    f"<font color='{text_colour.hexval().replace('0x', '#')}'>"
                    f"{guard.para(conclusion(result))}</font>",
                    styles.cell,
                ),
            ]
        )
        # Lines between rules; between groups across the first column too.
        commands.append(("LINEABOVE", (1, index), (-1, index), 0.4, MUTED))
        if first_of_group:
            commands.append(("LINEABOVE", (0, index), (0, index), 0.4, MUTED))
        commands.append(("BACKGROUND", (4, index), (4, index), fill))
    table = GroupedTable(
        rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(commands)
    )
    return [Paragraph("一、自查汇总表", styles.heading), table]


def _pairs(report: SelfCheckReport) -> list[tuple[RuleDefinition, RuleResult]]:
    pairs = []
    for result in report.results:
        try:
            rule = report.profile.rule(result.rule_id)
        except KeyError:
            rule = RuleDefinition(result.rule_id, "", "其他", result.rule_id, "—")
        pairs.append((rule, result))
    return pairs


# -- evidence ------------------------------------------------------------------------------------
def _evidence(
    report: SelfCheckReport, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    pairs = _pairs(report)
    quiet = [r for _, r in pairs if r.status == PASS and not r.evidence and not r.note]
    story: list[Flowable] = [PageBreak(), Paragraph("二、各项证据", styles.heading)]
    if quiet:
        text = f"以下列出各项的测量结果与证据；另有 {len(quiet)} 项达标且无需说明，不再列出。"
        story.append(Paragraph(guard.para(text), styles.small))
    for rule, result in pairs:
        if result in quiet:
            continue
        # A heading never ends a page: start a new one when less than this is left.
        story.append(CondPageBreak(40 * mm))
        story.append(
            Paragraph(
                guard.para(f"{rule.id}　{rule.title}　【{status_label(result.status)}】"),
                styles.subheading,
            )
        )
        story.append(Paragraph(guard.para(situation(result).replace("\n", "；")), styles.body))
        if result.status == MANUAL:
            story.append(Paragraph(guard.para(conclusion(result).replace("\n", "：")), styles.body))
        if result.evidence:
            story.append(_evidence_table(result, guard, styles, width))
    return story


def _evidence_table(result: RuleResult, guard: GlyphGuard, styles: Styles, width: float) -> Table:
    """The rule's evidence, up to :data:`MAX_EVIDENCE_ROWS` items. The key column is left out when
    every label already names it ("学号 2025070319（班级 0703）"); a long list of one kind of thing
    with two columns is set in two column pairs, row by row, to save paper."""
    rows = [evidence_row(e) for e in result.evidence]
    kinds = {r.kind for r in rows}
    one_kind = len(kinds) == 1
    with_label = any(r.label and r.label != r.key for r in rows)
    # Keys of documents and school-wide items are program codes (emergency_plan, room_area_m2),
    # and a label that already names its key says it twice: the label alone is shown then.
    with_key = not (with_label and all(r.key in r.label or r.key_is_code for r in rows))
    header = [] if one_kind else ["类别"]
    if with_key:
        header.append(rows[0].key_name if one_kind else "编号")
    if with_label:
        header.append("名称" if with_key else (rows[0].kind if one_kind else "名称"))
    header.append("说明")
    cells = [
        ([] if one_kind else [row.kind])
        + ([row.key] if with_key else [])
        + ([row.label] if with_label else [])
        + [row.detail]
        for row in rows[:MAX_EVIDENCE_ROWS]
    ]
    if len(header) == 2:
        # Two columns share the width by how much text each holds.
        first = sum(len(c[0]) for c in cells) / len(cells)
        second = sum(len(c[1]) for c in cells) / len(cells)
        share = min(0.6, max(0.22, first / max(1.0, first + second)))
        pairs = 2 if len(cells) > 6 and first + second <= 34 else 1
        widths = [share * width / pairs, (1 - share) * width / pairs] * pairs
        if pairs == 2:
            # Row by row (left, then right), so the order survives a page break.
            header = header * 2
            cells = [
                cells[n] + (cells[n + 1] if n + 1 < len(cells) else ["", ""])
                for n in range(0, len(cells), 2)
            ]
    else:
        fractions = {"类别": 0.12, "名称": 0.3, "编号": 0.16}
        widths = [fractions.get(h, 0.3 if not with_key else 0.16) * width for h in header[:-1]]
        widths.append(width - sum(widths))
    extra: list[tuple[object, ...]] = []
    if len(rows) > MAX_EVIDENCE_ROWS:
        more = f"……另有 {len(rows) - MAX_EVIDENCE_ROWS} 项未列出，完整清单见自查 Excel 或 JSON 文件"
        cells.append([more] + [""] * (len(header) - 1))
        extra.append(("SPAN", (0, len(cells)), (-1, len(cells))))
    return data_table(header, cells, widths, guard, styles, extra_style=extra)


# -- charts --------------------------------------------------------------------------------------
def _charts(
    statistics: TermStatistics, font: CjkFont, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    # On the evidence's last page if a chart fits there, else on a new one.
    story: list[Flowable] = [CondPageBreak(95 * mm), Paragraph("三、本学期统计图", styles.heading)]
    summary = (
        f"本学期共记录辅导 {statistics.sessions} 次；教学周 {len(statistics.sessions_by_week)} 周。"
    )
    story.append(Paragraph(guard.para(summary), styles.body))
    for draw in charts.ALL_CHARTS:
        png = draw(font, statistics)
        image = Image(io.BytesIO(png))
        scale = width / image.imageWidth
        image.drawWidth, image.drawHeight = width, image.imageHeight * scale
        story += [image, Spacer(1, 4 * mm)]
    return story


# -- what to fix, signatures ---------------------------------------------------------------------
def _to_fix(
    report: SelfCheckReport, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    heading = Paragraph("四、整改清单", styles.heading)
    todo = [(rule, result) for rule, result in _pairs(report) if needs_action(result)]
    if not todo:
        return [heading, Paragraph("本学期各项均已达标或已确认，无需整改。", styles.body)]
    order = {FAIL: 0, NO_DATA: 1, MANUAL: 2}
    todo.sort(key=lambda pair: order.get(pair[1].status, 3))
    body = [
        [
            str(n),
            f"{rule.title}（{rule.id}）",
            status_label(result.status),
            fix_action(result.status, rule.fix_hint),
        ]
        for n, (rule, result) in enumerate(todo, start=1)
    ]
    widths = [0.07 * width, 0.33 * width, 0.15 * width, 0.45 * width]
    table = data_table(["序号", "项目", "结论", "整改措施"], body, widths, guard, styles)
    return [heading, table]


def _signatures(
    report: SelfCheckReport,
    counsellor: str,
    fingerprint: str | None,
    guard: GlyphGuard,
    styles: Styles,
    width: float,
) -> list[Flowable]:
    line = "_" * 18
    rows = [
        [f"学校签名密钥指纹：{fingerprint or FINGERPRINT_PENDING}", ""],
        [f"填报人（心理教师）：{counsellor}", f"填报日期：{report.generated_at[:10]}"],
        [f"学校负责人签字：{line}", "学校盖章："],
        ["日期：______ 年 ____ 月 ____ 日", ""],
    ]
    data = [
        [cell_flowable(a, guard, styles.body), cell_flowable(b, guard, styles.body)]
        for a, b in rows
    ]
    table = Table(
        data,
        colWidths=[0.55 * width, 0.45 * width],
        rowHeights=[None, 12 * mm, 16 * mm, 12 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("SPAN", (1, 2), (1, 3)),
                ("VALIGN", (1, 2), (1, 3), "TOP"),
            ]
        ),
        hAlign="LEFT",
    )
    return [keep(Paragraph("五、签字与盖章", styles.heading), table)]
