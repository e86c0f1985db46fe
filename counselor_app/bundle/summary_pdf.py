"""The district summary as a printable PDF (A4 landscape), laid out with the printouts' own helpers
(:mod:`counselor_app.reports.pdf_document`, :mod:`counselor_app.reports.pdf_styles`): one row per
school with its counts and the rules it fails, the per-rule totals, and the district figures.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph

from counselor_app.bundle.summary import (
    CONFIRMED,
    NOT_APPLICABLE,
    YEAR_END,
    DistrictSummary,
    total_lines,
)
from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import (
    LANDSCAPE,
    PageFrame,
    RenderedPdf,
    frame_width,
    render_pdf,
)
from counselor_app.reports.pdf_styles import data_table, make_styles

TITLE = "心理健康教育工作学期自查汇总"


def build_summary_pdf(
    summary: DistrictSummary, *, generated_at: str, font: CjkFont | None = None
) -> RenderedPdf:
    font = font or cjk_font()
    guard = GlyphGuard(font)
    styles = make_styles(font.pdf_name)
    district = summary.district or "区县"
    frame = PageFrame(
        header_left=f"{district} · {TITLE}",
        header_right=f"区县密钥指纹 {summary.district_fingerprint}",
        footer_left=f"心理辅导工作台生成 · {generated_at.replace('T', ' ')}",
    )
    width = frame_width(frame, LANDSCAPE)
    story: list[Flowable] = [
        Paragraph(guard.para(f"{district}{TITLE}"), styles.title),
        Paragraph(
            guard.para(
                f"共纳入 {len(summary.rows)} 所学校的上报包；"
                f"未纳入 {len(summary.refused)} 个（被拒绝），{len(summary.superseded)} 个（已被更新的包取代）。"
                "每个上报包都已核对学校签名、区县密钥和各部分的校验值。"
            ),
            styles.body,
        ),
        Paragraph("一、各校达标情况", styles.heading),
    ]
    rows = [
        [
            row.school_name,
            row.term,
            row.profile_id,
            f"{row.pass_share:.0%}",
            str(row.count("pass") + row.count(CONFIRMED)),
            str(row.count("fail")),
            str(row.count("no_data")),
            str(row.count("manual")),
            str(row.count(YEAR_END)),
            str(row.count(NOT_APPLICABLE)),
            "、".join(row.failed_rules) or "—",
        ]
        for row in summary.rows
    ]
    fractions = (0.15, 0.12, 0.08, 0.06, 0.05, 0.05, 0.05, 0.05, 0.06, 0.05)
    widths = [f * width for f in fractions]
    widths.append(width - sum(widths))
    story.append(
        data_table(
            [
                "学校",
                "学期",
                "标准",
                "达标率",
                "达标",
                "未达标",
                "无记录",
                "待确认",
                "学年末评定",
                "不适用",
                "未达标项目",
            ],
            rows,
            widths,
            guard,
            styles,
        )
    )
    story += [PageBreak(), Paragraph("二、分项汇总", styles.heading)]
    per_rule = []
    for rule, counts in summary.rule_totals():
        schools = sum(counts.values())
        judged = schools - counts[YEAR_END] - counts[NOT_APPLICABLE]
        passed = counts["pass"] + counts[CONFIRMED]
        per_rule.append(
            [
                rule.rule_id,
                rule.title,
                str(schools),
                str(passed),
                str(counts["fail"]),
                str(counts["no_data"]),
                str(counts["manual"]),
                str(counts[YEAR_END]),
                str(counts[NOT_APPLICABLE]),
                f"{passed / judged:.0%}" if judged else "—",
            ]
        )
    rule_fractions = (0.18, 0.26, 0.07, 0.07, 0.07, 0.07, 0.07, 0.08, 0.06)
    widths = [f * width for f in rule_fractions]
    widths.append(width - sum(widths))
    story.append(
        data_table(
            [
                "编号",
                "二级指标",
                "学校数",
                "达标",
                "未达标",
                "无记录",
                "待确认",
                "学年末评定",
                "不适用",
                "达标率",
            ],
            per_rule,
            widths,
            guard,
            styles,
        )
    )
    story.append(Paragraph("三、全区统计", styles.heading))
    lines = [list(line) for line in total_lines(summary.statistics_totals())]
    story.append(data_table(["项目", "数值"], lines, [0.5 * width, 0.3 * width], guard, styles))
    return render_pdf(
        story, frame, guard, styles, pagesize=LANDSCAPE, title=f"{district}{TITLE}", author=district
    )
