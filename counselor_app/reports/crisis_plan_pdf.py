"""A student's crisis plan (一生一策) as a confidential PDF for the care group's meeting and file.

The open plan (or, if none is open, the most recent one, marked 已结案): level and dates, a red
warning naming every overdue step, the care group by name and role with room to sign, the safety
plan's seven sections in the student's own words, the measures, the steps with their due and done
dates (逾期 N 天 in red), the referral's history and the follow-ups; at the end signatures and the
school leader's approval. Marked 保密 on every page with who printed it and when; for a 管理员 the
confidential text reads "（无权查看）".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from counselor_app.foundation.fonts import CjkFont
from counselor_app.reports.confidential import (
    ConfidentialPage,
    confidential_opening,
    confidential_page,
    level_label,
    shown,
)
from counselor_app.reports.crisis_case import YOUTH_HOTLINE, CrisisCase, StepRow
from counselor_app.reports.crisis_printing import write_case_printout
from counselor_app.reports.form_parts import leader_approval, signature_lines
from counselor_app.reports.pdf_document import RenderedPdf, keep, render_pdf
from counselor_app.reports.pdf_styles import (
    CONFIDENTIAL_RED,
    WARNING_FILL,
    cell_flowable,
    data_table,
    key_value_table,
)
from counselor_app.school.core import School, User

TITLE = "学生心理危机干预方案（一生一策）"
REPORT = "crisis_plan"  # the audit trail's name for this printout
RED = CONFIDENTIAL_RED.hexval().replace("0x", "#")


def overdue_words(step: StepRow) -> str:
    return f"逾期 {step.days_overdue} 天"


def _plan_facts(case: CrisisCase, page: ConfidentialPage) -> Table:
    plan = case.plan
    state = f"已于 {plan.closed_on} 结案" if plan.closed_on else "在案"
    if case.overdue:
        state += f"（{len(case.overdue)} 项逾期）"
    pairs = [
        ("风险等级", level_label(plan.level)),
        ("方案状态", state),
        ("报告日期", case.reported_on),
        ("建立日期", plan.created_on),
        ("家长知情日期", plan.guardian_informed_on or "未记录"),
        ("返校日期", case.return_on or "—"),
        ("下次评估日期", plan.next_review_on or "未定"),
        ("随访次数", f"{len(plan.follow_ups)} 次"),
    ]
    label, value = 0.15 * page.width, 0.35 * page.width
    return key_value_table(pairs, [label, value, label, value], page.guard, page.styles, columns=2)


def _overdue_warning(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    if not case.overdue:
        return []
    steps = "；".join(f"{s.label}（应于 {s.due_on} 前，{overdue_words(s)}）" for s in case.overdue)
    text = f"<font color='{RED}'><b>注意：</b>{page.guard.para(f'以下步骤已逾期：{steps}')}</font>"
    box = Table(
        [[Paragraph(text, page.styles.body)]],
        colWidths=[page.width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), page.guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 1.2, CONFIDENTIAL_RED),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
            ]
        ),
        hAlign="LEFT",
    )
    return [Spacer(1, 2 * mm), box]


def _care_group(case: CrisisCase, page: ConfidentialPage) -> Flowable:
    rows = [[str(n), m.name, m.role, ""] for n, m in enumerate(case.plan.care_group, start=1)]
    widths = [0.08 * page.width, 0.27 * page.width, 0.35 * page.width, 0.3 * page.width]
    table = data_table(
        ["序号", "姓名", "身份", "签字"],
        rows or [["", "（未登记）", "", ""]],
        widths,
        page.guard,
        page.styles,
        zebra=False,
    )
    return keep(Paragraph("二、关爱小组", page.styles.heading), table)


def _text_box(title: str | None, text: str, page: ConfidentialPage) -> list[Flowable]:
    box = Table(
        [[cell_flowable(text, page.guard, page.styles.body)]],
        colWidths=[page.width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), page.guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 0.6, "#9aa5b1"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    if title is None:
        return [box]
    return [CondPageBreak(25 * mm), Paragraph(page.guard.para(title), page.styles.subheading), box]


def _safety_plan(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    redacted = case.plan.redacted
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        Paragraph("三、安全计划（学生本人的话）", page.styles.heading),
    ]
    for n, section in enumerate(case.safety_sections, start=1):
        # Not written yet: room to write it in with the student, on paper.
        text = shown(section.text, redacted, "\n\n")
        if section.label == "专业机构与热线" and not redacted:
            # The numbers a student in crisis can ring are on the sheet even if none was
            # written; those the student wrote down are not repeated.
            written = section.text or ""
            numbers = [
                f"{name} {number}"
                for name, number in (
                    ("全国青少年服务台", YOUTH_HOTLINE),
                    ("本校心理辅导室", case.school_hotline),
                )
                if number and number not in written
            ]
            text = "\n".join(part for part in (written, "；".join(numbers)) if part) or "\n\n"
        story += _text_box(f"{n}. {section.label}", text, page)
    if case.plan.safety_plan or redacted:
        story += _text_box("其他（原安全计划）", shown(case.plan.safety_plan, redacted), page)
    return story


def _steps(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(35 * mm),
        Paragraph("五、工作步骤与期限", page.styles.heading),
    ]
    if not case.steps:
        return [*story, Paragraph("尚无步骤记录。", page.styles.body)]
    rows: list[list[str | Flowable | None]] = []
    marks = []
    for n, step in enumerate(case.steps, start=1):
        if step.done_on:
            state = "逾期后完成" if step.done_late else "已完成"
        elif step.days_overdue:
            state = overdue_words(step)
            marks.append(n)
        else:
            state = "未到期" if step.due_on else "—"
        cell_state = (
            Paragraph(f"<font color='{RED}'><b>{state}</b></font>", page.styles.cell)
            if step.days_overdue and not step.done_on
            else state
        )
        rows.append(
            [
                step.label,
                step.due_on or "—",
                step.done_on or "",
                step.done_by or "",
                cell_state,
                shown(step.note, case.plan.redacted, ""),
            ]
        )
    w = page.width
    style = [("BACKGROUND", (0, n), (-1, n), WARNING_FILL) for n in marks]
    table = data_table(
        ["步骤", "应完成日期", "完成日期", "经办人", "状态", "备注"],
        rows,
        [0.12 * w, 0.15 * w, 0.15 * w, 0.12 * w, 0.14 * w, 0.32 * w],
        page.guard,
        page.styles,
        extra_style=style,
        zebra=False,
    )
    return [*story, table]


def _referrals(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    plan, redacted = case.plan, case.plan.redacted
    story: list[Flowable] = [CondPageBreak(35 * mm), Paragraph("六、转介记录", page.styles.heading)]
    w = page.width
    widths = [0.15 * w, 0.14 * w, 0.3 * w, 0.12 * w, 0.29 * w]
    header = ["日期", "状态", "机构", "经办人", "备注"]
    if case.referrals:
        rows = [
            [
                r.changed_on,
                r.state,
                shown(r.place, redacted),
                r.by or "",
                shown(r.note, redacted, ""),
            ]
            for r in case.referrals
        ]
        return [*story, data_table(header, rows, widths, page.guard, page.styles)]
    if plan.referral_to or plan.referral_on or redacted:
        # An older plan: the referral is the plan's own two fields, with no history.
        row = [plan.referral_on or "—", "已转介", shown(plan.referral_to, redacted), "", ""]
        return [*story, data_table(header, [row], widths, page.guard, page.styles)]
    return [*story, Paragraph("未转介。", page.styles.body)]


def _follow_ups(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    plan = case.plan
    story: list[Flowable] = [CondPageBreak(35 * mm), Paragraph("七、随访记录", page.styles.heading)]
    if not plan.follow_ups:
        return [*story, Paragraph("方案建立以来没有随访记录。", page.styles.body)]
    rows = [[f.date, f.teacher, shown(f.content, plan.redacted)] for f in plan.follow_ups]
    widths = [0.16 * page.width, 0.16 * page.width, 0.68 * page.width]
    return [*story, data_table(["日期", "随访教师", "内容"], rows, widths, page.guard, page.styles)]


def build_crisis_plan_pdf(
    case: CrisisCase,
    *,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    page = confidential_page(case.school_name, TITLE, user, printed_at, audit_stamp, font)
    story: list[Flowable] = [
        *confidential_opening(TITLE, case.student, page),
        *_overdue_warning(case, page),
        Paragraph("一、方案概况", page.styles.heading),
        _plan_facts(case, page),
        _care_group(case, page),
        *_safety_plan(case, page),
        CondPageBreak(30 * mm),
        Paragraph("四、干预措施", page.styles.heading),
        *_text_box(None, shown(case.plan.measures, case.plan.redacted), page),
        *_steps(case, page),
        *_referrals(case, page),
        *_follow_ups(case, page),
        signature_lines(["心理教师签字", "班主任签字", "监护人签字"], page),
        leader_approval(page),
    ]
    title = f"{TITLE} {case.student.name}"
    return render_pdf(story, page.frame, page.guard, page.styles, title=title, author=user.name)


def write_crisis_plan_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the crisis plan of the student with this 学号 to ``path``; the printout is logged."""
    return write_case_printout(school, student_no, path, build_crisis_plan_pdf, REPORT)
