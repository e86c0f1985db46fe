"""A student's crisis plan (一生一策) as a confidential PDF for the care group's meeting and file.

The open plan (or, if none is open, the most recent one, marked 已结案): level, dates, the care
group by name and role with room to sign, the safety plan and measures, the referral, and the
follow-ups since the plan was made. Marked 保密 on every page with who printed it and when; for a
管理员 the confidential text reads "（无权查看）".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from counselor_app.foundation.fonts import CjkFont
from counselor_app.reports.confidential import (
    confidential_opening,
    confidential_page,
    level_label,
    shown,
)
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import RenderedPdf, keep, render_pdf
from counselor_app.reports.pdf_styles import (
    Styles,
    cell_flowable,
    data_table,
    key_value_table,
)
from counselor_app.reports.printout_log import log_printout
from counselor_app.reports.student_file import PlanView, crisis_plan_for, find_student
from counselor_app.school.core import School, User
from counselor_app.student_file.facts import StudentCard, student_card

TITLE = "学生心理危机干预方案（一生一策）"


def _plan_facts(plan: PlanView, guard: GlyphGuard, styles: Styles, width: float) -> Table:
    state = f"已于 {plan.closed_on} 结案" if plan.closed_on else "在案"
    pairs = [
        ("风险等级", level_label(plan.level)),
        ("方案状态", state),
        ("建立日期", plan.created_on),
        ("家长知情日期", plan.guardian_informed_on or "未记录"),
        ("转介机构", shown(plan.referral_to, plan.redacted, "未转介")),
        ("转介日期", plan.referral_on or "—"),
        ("下次评估日期", plan.next_review_on or "未定"),
        ("随访次数", f"{len(plan.follow_ups)} 次"),
    ]
    label, value = 0.15 * width, 0.35 * width
    return key_value_table(pairs, [label, value, label, value], guard, styles, columns=2)


def _care_group(plan: PlanView, guard: GlyphGuard, styles: Styles, width: float) -> Flowable:
    rows = [[str(n), m.name, m.role, ""] for n, m in enumerate(plan.care_group, start=1)]
    widths = [0.08 * width, 0.27 * width, 0.35 * width, 0.3 * width]
    table = data_table(
        ["序号", "姓名", "身份", "签字"],
        rows or [["", "（未登记）", "", ""]],
        widths,
        guard,
        styles,
        zebra=False,
    )
    return keep(Paragraph("二、关爱小组", styles.heading), table)


def _text_block(
    title: str, text: str, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    box = Table(
        [[cell_flowable(text, guard, styles.body)]],
        colWidths=[width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 0.6, "#9aa5b1"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    return [CondPageBreak(30 * mm), Paragraph(title, styles.subheading), box]


def _follow_ups(plan: PlanView, guard: GlyphGuard, styles: Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(35 * mm), Paragraph("四、随访记录", styles.heading)]
    if not plan.follow_ups:
        return [*story, Paragraph("方案建立以来没有随访记录。", styles.body)]
    rows = [[f.date, f.teacher, shown(f.content, plan.redacted)] for f in plan.follow_ups]
    widths = [0.16 * width, 0.16 * width, 0.68 * width]
    return [*story, data_table(["日期", "随访教师", "内容"], rows, widths, guard, styles)]


def _signatures(guard: GlyphGuard, styles: Styles, width: float) -> Flowable:
    line = "_" * 16
    cells = [
        [f"心理教师签字：{line}", f"班主任签字：{line}"],
        [f"监护人签字：{line}", "日期：______ 年 ____ 月 ____ 日"],
    ]
    table = Table(
        [[cell_flowable(text, guard, styles.body) for text in row] for row in cells],
        colWidths=[width / 2, width / 2],
        rowHeights=[14 * mm, 14 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        ),
    )
    return keep(Spacer(1, 6 * mm), table)


def build_crisis_plan_pdf(
    student: StudentCard,
    plan: PlanView,
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
        *confidential_opening(TITLE, student, page),
        Paragraph("一、方案概况", styles.heading),
        _plan_facts(plan, guard, styles, width),
        _care_group(plan, guard, styles, width),
        Paragraph("三、安全计划与干预措施", styles.heading),
        *_text_block("安全计划", shown(plan.safety_plan, plan.redacted), guard, styles, width),
        *_text_block("干预措施", shown(plan.measures, plan.redacted), guard, styles, width),
        *_follow_ups(plan, guard, styles, width),
        _signatures(guard, styles, width),
    ]
    title = f"{TITLE} {student.name}"
    return render_pdf(story, frame, guard, styles, title=title, author=user.name)


def write_crisis_plan_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the crisis plan of the student with this 学号 to ``path``; the printout is logged."""
    student_id = find_student(school, student_no)
    student = student_card(school, student_id)
    plan = crisis_plan_for(school, student_id, student.student_no)
    # Logged first, so that the page carries the stamp of its own print entry.
    stamp = log_printout(school, "crisis_plan", plan.id, report="crisis_plan")
    pdf = build_crisis_plan_pdf(
        student,
        plan,
        school_name=school.name,
        user=school.user,
        printed_at=school.now(),
        audit_stamp=stamp,
    )
    pdf.save(path)
    return pdf
