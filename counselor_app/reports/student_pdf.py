"""A student's file (一生一档) as a confidential PDF: who the student is, the risk-level history, the
current crisis plan and care group, and everything on record in date order.

Marked 保密 on every page (header, watermark) with who printed it and when. For a 管理员 the
confidential text is absent (the record service removed it) and the page says "（无权查看）".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from counselor_app.foundation.fonts import CjkFont
from counselor_app.reports.confidential import (
    WITHHELD,
    confidential_opening,
    confidential_page,
    level_label,
    shown,
)
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import RenderedPdf, render_pdf
from counselor_app.reports.pdf_styles import Styles, data_table
from counselor_app.reports.printout_log import log_printout
from counselor_app.reports.student_file import (
    RISK_SOURCES,
    PlanView,
    StudentFile,
    find_student,
    student_file,
    today_level,
)
from counselor_app.school.core import School, User
from counselor_app.students.risk_levels import LevelEntry

TITLE = "学生心理档案（一生一档）"


def _plan_section(
    file: StudentFile, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("二、一生一策与关爱小组", styles.heading)]
    plan = file.plan
    if plan is None:
        text = "目前没有在案的一生一策。"
        if file.last_closed_plan_on:
            text += f"最近一份已于 {file.last_closed_plan_on} 结案。"
        return [*story, Paragraph(guard.para(text), styles.body)]
    facts = (
        f"建立日期：{plan.created_on}；风险等级：{level_label(plan.level)}；"
        f"家长知情：{plan.guardian_informed_on or '未记录'}；"
        f"下次评估：{plan.next_review_on or '未定'}"
    )
    story.append(Paragraph(guard.para(facts), styles.body))
    story += [_care_table(plan, guard, styles, width), Spacer(1, 2 * mm)]
    for label, value in (("安全计划", plan.safety_plan), ("干预措施", plan.measures)):
        story.append(Paragraph(guard.para(f"{label}：{shown(value, plan.redacted)}"), styles.body))
    return story


def _care_table(plan: PlanView, guard: GlyphGuard, styles: Styles, width: float) -> Flowable:
    rows = [[member.name, member.role] for member in plan.care_group] or [["（未登记）", ""]]
    return data_table(["关爱小组成员", "身份"], rows, [0.4 * width, 0.6 * width], guard, styles)


def _level_runs(history: tuple[LevelEntry, ...]) -> list[tuple[str, str, int, str]]:
    """Consecutive entries at the same level as one row: first and last date, the level, and
    how many entries of each source said so (a level history, not a list of every session)."""
    runs: list[tuple[str, str, int, Counter[str]]] = []
    for entry in history:
        source = RISK_SOURCES[entry.record_type]
        if runs and runs[-1][2] == entry.level:
            first, _, level, sources = runs[-1]
            sources[source] += 1
            runs[-1] = (first, entry.date, level, sources)
        else:
            runs.append((entry.date, entry.date, entry.level, Counter([source])))
    return [
        (first, last, level, "、".join(f"{source} {n} 次" for source, n in sources.items()))
        for first, last, level, sources in runs
    ]


def _risk_section(
    file: StudentFile, today: dt.date, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    current = today_level(file.risk_history, today)
    story: list[Flowable] = [
        Paragraph("一、风险等级", styles.heading),
        Paragraph(guard.para(f"当前风险等级：{level_label(current)}"), styles.body),
    ]
    if file.redacted:
        story.append(
            Paragraph(
                guard.para(f"辅导记录中的风险评估{WITHHELD}，以下仅含风险评估与一生一策中的等级。"),
                styles.small,
            )
        )
    if file.risk_history:
        rows = [
            [first if first == last else f"{first} 至 {last}", level_label(level), sources]
            for first, last, level, sources in _level_runs(file.risk_history)
        ]
        widths = [0.32 * width, 0.25 * width, 0.43 * width]
        story.append(data_table(["日期", "等级", "依据"], rows, widths, guard, styles))
    else:
        story.append(Paragraph("没有风险等级记录。", styles.body))
    return story


def _timeline_section(
    file: StudentFile, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(40 * mm), Paragraph("三、记录时间线", styles.heading)]
    if not file.timeline:
        return [*story, Paragraph("没有与该生有关的记录。", styles.body)]
    rows = []
    for entry in file.timeline:
        details = "\n".join(
            f"{d.label}：{d.text if d.text is not None else WITHHELD}" for d in entry.details
        )
        rows.append([entry.date, entry.kind, entry.summary or "—", details or "—"])
    widths = [0.14 * width, 0.13 * width, 0.25 * width, 0.48 * width]
    story.append(data_table(["日期", "类别", "概要", "内容"], rows, widths, guard, styles))
    return story


def build_student_pdf(
    file: StudentFile,
    *,
    school_name: str,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    page = confidential_page(school_name, TITLE, user, printed_at, audit_stamp, font)
    guard, styles, frame, width = page.guard, page.styles, page.frame, page.width
    story: list[Flowable] = [
        *confidential_opening(TITLE, file.student, page),
        *_risk_section(file, printed_at.date(), guard, styles, width),
        *_plan_section(file, guard, styles, width),
        *_timeline_section(file, guard, styles, width),
    ]
    title = f"{TITLE} {file.student.name}"
    return render_pdf(story, frame, guard, styles, title=title, author=user.name)


def write_student_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the file of the student with this 学号 to ``path``; the printout is logged."""
    student_id = find_student(school, student_no)
    file = student_file(school, student_id)
    # Logged first, so that the page carries the stamp of its own print entry.
    stamp = log_printout(school, "student", student_id, report="student_file")
    pdf = build_student_pdf(
        file, school_name=school.name, user=school.user, printed_at=school.now(), audit_stamp=stamp
    )
    pdf.save(path)
    return pdf
