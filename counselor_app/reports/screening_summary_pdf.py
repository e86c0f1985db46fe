"""A screening round's summary for the school leader (测评情况汇总): numbers only, no names.

How many students the round screened, how many need an interview (需约谈) and how many answered a
critical item, for the school, by grade, by class and by sex, beside last year's round of the same
scale, with two charts by grade. What a number means and which numbers are withheld, and why, is
:mod:`counselor_app.screening.summary`'s; the printout marks a withheld number "*" and says so. It
reads no name or 学号, so it is printed as internal material (内部资料), not as 保密; the printout
is logged.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Image, Paragraph, Spacer

from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.reports import screening_summary_charts as charts
from counselor_app.reports.confidential import printed_by
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import (
    PageFrame,
    RenderedPdf,
    frame_width,
    keep,
    render_pdf,
)
from counselor_app.reports.pdf_styles import Styles, data_table, make_styles
from counselor_app.reports.printout_log import log_printout
from counselor_app.school.core import School, User
from counselor_app.screening.scales import Scale
from counselor_app.screening.summary import (
    SMALLEST_SHOWN,
    Counts,
    Group,
    RoundSummary,
    ScreeningRound,
    grade_label,
    round_summary,
)
from counselor_app.years.school_years import SchoolYear, current_school_year

TITLE = "心理健康测评情况汇总"
HIDDEN = "*"
NONE = "—"
NOTES = (
    "本汇总只含人数，不含任何学生的姓名或学号。每名学生按本轮最后一次测评计一次。",
    "“需约谈”指测评分数达到量表规定的约谈分级，或有关键题（如自伤念头）作答为阳性的学生；"
    "测评不是诊断，是否存在风险由心理教师约谈后判断。",
    "年级和班级按学生在测评所在学年的分班统计。",
    f"为避免由人数推知具体学生：某组需约谈人数为 1–{SMALLEST_SHOWN - 1} 人，"
    f"或该组未需约谈的学生不足 {SMALLEST_SHOWN} 人时，以“{HIDDEN}”代替；"
    f"若一组中只有一项被隐去，另一项较小的数字也一并隐去，以免相减得出。"
    "作答关键题的人数只按全校和年级列出，不按班级和性别列出。",
)


def _share(counts: Counts) -> str:
    share = counts.flagged_share
    return NONE if share is None else f"{100 * share:.1f}%"


def _flagged(group: Group | None) -> tuple[str, str]:
    if group is None:
        return NONE, NONE
    if not group.flagged_shown:
        return HIDDEN, HIDDEN
    return str(group.counts.flagged), _share(group.counts)


def _critical(group: Group | None) -> str:
    if group is None:
        return NONE
    return str(group.counts.critical) if group.critical_shown else HIDDEN


def _screened(group: Group | None) -> str:
    return NONE if group is None else str(group.counts.screened)


def _dates(round_: ScreeningRound) -> str:
    if round_.first_day is None or round_.last_day is None:
        return NONE
    if round_.first_day == round_.last_day:
        return round_.first_day.isoformat()
    return f"{round_.first_day.isoformat()} 至 {round_.last_day.isoformat()}"


def _overall(summary: RoundSummary, guard: GlyphGuard, styles: Styles, width: float) -> Flowable:
    this, last = summary.this_year, summary.last_year

    def numbers(r: ScreeningRound) -> list[str]:
        if r.empty:
            return ["无测评", NONE, NONE, NONE, NONE]
        t = r.total
        return [_dates(r), str(t.screened), str(t.flagged), _share(t), str(t.critical)]

    rows = [[r.year.name, *numbers(r)] for r in (this, last)]
    header = ["学年", "测评日期", "测评人数", "需约谈人数", "需约谈占比", "关键题阳性人数"]
    widths = [0.18, 0.26, 0.13, 0.14, 0.14, 0.15]
    return data_table(header, rows, [w * width for w in widths], guard, styles, zebra=False)


def _grade_table(
    summary: RoundSummary, guard: GlyphGuard, styles: Styles, width: float
) -> Flowable:
    this = {g.grade: g for g in summary.this_year.by_grade}
    last = {g.grade: g for g in summary.last_year.by_grade}
    rows = []
    for grade in sorted(set(this) | set(last)):
        now, before = this.get(grade), last.get(grade)
        rows.append(
            [
                grade_label(grade),
                _screened(now),
                *_flagged(now),
                _critical(now),
                _screened(before),
                *_flagged(before),
                _critical(before),
            ]
        )
    header = [
        "年级",
        "测评人数",
        "需约谈",
        "占比",
        "关键题",
        "上学年测评",
        "上学年需约谈",
        "上学年占比",
        "上学年关键题",
    ]
    widths = [0.12] + [0.1] * 4 + [0.12] * 4
    return data_table(header, rows or [[NONE] * 9], [w * width for w in widths], guard, styles)


def _class_table(
    round_: ScreeningRound, guard: GlyphGuard, styles: Styles, width: float
) -> Flowable:
    rows = [[g.label, grade_label(g.grade), _screened(g), *_flagged(g)] for g in round_.by_class]
    header = ["班级", "年级", "测评人数", "需约谈人数", "需约谈占比"]
    widths = [0.36, 0.16, 0.16, 0.16, 0.16]
    return data_table(header, rows or [[NONE] * 5], [w * width for w in widths], guard, styles)


def _sex_table(summary: RoundSummary, guard: GlyphGuard, styles: Styles, width: float) -> Flowable:
    this = {g.key: g for g in summary.this_year.by_sex}
    last = {g.key: g for g in summary.last_year.by_sex}
    rows = [
        [
            (this.get(key) or last[key]).label,
            _screened(this.get(key)),
            *_flagged(this.get(key)),
            _screened(last.get(key)),
            *_flagged(last.get(key)),
        ]
        for key in [*this, *(k for k in last if k not in this)]
    ]
    header = ["性别", "测评人数", "需约谈", "占比", "上学年测评", "上学年需约谈", "上学年占比"]
    widths = [0.1] + [0.14] * 3 + [0.16] * 3
    return data_table(header, rows or [[NONE] * 7], [w * width for w in widths], guard, styles)


def _chart(png: bytes, width: float) -> Image:
    image = Image(io.BytesIO(png))
    scale = width / image.imageWidth
    image.drawWidth, image.drawHeight = width, image.imageHeight * scale
    return image


def build_screening_summary_pdf(
    summary: RoundSummary,
    *,
    school_name: str,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    font = font or cjk_font()
    guard = GlyphGuard(font)
    styles = make_styles(font.pdf_name)
    this = summary.this_year
    frame = PageFrame(
        header_left=f"{school_name} · {this.scale_name} {TITLE}",
        header_right="内部资料 · 不含学生姓名",
        footer_left=" · ".join(p for p in (printed_by(user, printed_at), audit_stamp) if p),
        margins_mm=(20, 22, 20, 20),
    )
    width = frame_width(frame)
    story: list[Flowable] = [
        Paragraph(guard.para(f"{this.scale_name} {TITLE}"), styles.title),
        Paragraph(guard.para(f"{school_name} · {this.year.name}"), styles.subtitle),
        Paragraph("一、总体情况（与上学年同一量表对比）", styles.heading),
        _overall(summary, guard, styles, width),
    ]
    story.append(Spacer(1, 2 * mm))
    if this.empty:
        story.append(
            Paragraph(
                guard.para(f"{this.year.name}没有 {this.scale_name} 的测评记录。"), styles.body
            )
        )
    if summary.last_year.empty:
        story.append(
            Paragraph(
                guard.para(
                    f"上学年（{summary.last_year.year.name}）没有同一量表的测评，无法对比。"
                ),
                styles.body,
            )
        )
    story += [
        keep(Paragraph("二、按年级", styles.heading), _grade_table(summary, guard, styles, width)),
        Spacer(1, 3 * mm),
        CondPageBreak(60 * mm),
        _chart(charts.screened_by_grade(font, summary), width),
        CondPageBreak(60 * mm),
        _chart(charts.flagged_share_by_grade(font, summary), width),
        keep(
            Paragraph(f"三、按班级（{this.year.name}）", styles.heading),
            _class_table(this, guard, styles, width),
        ),
        keep(Paragraph("四、按性别", styles.heading), _sex_table(summary, guard, styles, width)),
        keep(
            Paragraph("说明", styles.heading),
            *(Paragraph(guard.para(f"{n}. {note}"), styles.small) for n, note in _numbered(NOTES)),
        ),
    ]
    title = f"{this.scale_name} {TITLE} {this.year.name}"
    return render_pdf(story, frame, guard, styles, title=title, author=user.name)


def _numbered(notes: Sequence[str]) -> list[tuple[int, str]]:
    return list(enumerate(notes, start=1))


def screening_summary_pdf(
    school: School, scale: Scale, year: SchoolYear | None = None
) -> RenderedPdf:
    """The summary of ``scale``'s round in ``year`` (default: the current school year); logged."""
    year = year or current_school_year(school.db, school.today())
    summary = round_summary(school.db, scale, year)
    stamp = log_printout(
        school, None, None, report="screening_summary", scale=scale.id, year=year.start
    )
    return build_screening_summary_pdf(
        summary,
        school_name=school.name,
        user=school.user,
        printed_at=school.now(),
        audit_stamp=stamp,
    )


def write_screening_summary_pdf(
    school: School, scale: Scale, path: Path, year: SchoolYear | None = None
) -> RenderedPdf:
    pdf = screening_summary_pdf(school, scale, year)
    pdf.save(path)
    return pdf
