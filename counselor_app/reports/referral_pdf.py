"""The referral form (转介单) that goes with a student to a hospital or another service, with a
receipt (接收回执) for the receiving service to fill in and send back.

Who the student is, the school and its number, the level, where the student is referred, by whom
and when (the change that referred the student, the last place named, the newest state; an older plan's
own 转介机构 and 转介日期), the reason (the note of the referral's first change, with room to write
more), the referral's history and the guardian's consent.
Marked 保密 with who printed it and when; room for the school leader's approval.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from counselor_app.foundation.fonts import CjkFont
from counselor_app.reports.confidential import (
    ConfidentialPage,
    confidential_opening,
    confidential_page,
    level_label,
    shown,
)
from counselor_app.reports.crisis_case import CrisisCase
from counselor_app.reports.crisis_printing import write_case_printout
from counselor_app.reports.form_parts import (
    BLANK,
    DATE_BLANK,
    cut_line,
    leader_approval,
    signature_lines,
    spaced,
    writing_box,
)
from counselor_app.reports.pdf_document import RenderedPdf, render_pdf
from counselor_app.reports.pdf_styles import data_table, key_value_table
from counselor_app.school.core import School, User

TITLE = "学生心理危机转介单"
REPORT = "referral"


def _referral_facts(case: CrisisCase, page: ConfidentialPage, user: User) -> Flowable:
    plan, latest, redacted = case.plan, case.latest_referral, case.plan.redacted
    place = case.referral_place
    # The day and the teacher of the referral itself; later changes (已就诊 …) are its state.
    referred = next((r for r in reversed(case.referrals) if r.status == "referred"), latest)
    pairs = [
        ("转出学校", case.school_name),
        ("学校电话", case.school_hotline or "—"),
        ("风险等级", level_label(plan.level)),
        ("报告日期", case.reported_on),
        ("转介去向", shown(place, redacted, BLANK)),
        ("转介日期", (referred.changed_on if referred else plan.referral_on) or DATE_BLANK),
        ("经办人", (referred.by if referred and referred.by else None) or user.name),
        ("家长知情日期", plan.guardian_informed_on or "未记录"),
        ("转介状态", latest.state if latest else ("已转介" if plan.referral_on else "—")),
        ("关爱小组", "、".join(m.name for m in plan.care_group) or "—"),
    ]
    label, value = 0.15 * page.width, 0.35 * page.width
    return key_value_table(pairs, [label, value, label, value], page.guard, page.styles, columns=2)


def _history(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    if len(case.referrals) < 2:
        return []
    w, redacted = page.width, case.plan.redacted
    rows = [
        [r.changed_on, r.state, shown(r.place, redacted), r.by or "", shown(r.note, redacted, "")]
        for r in case.referrals
    ]
    return [
        CondPageBreak(30 * mm),
        Paragraph("三、转介经过", page.styles.heading),
        data_table(
            ["日期", "状态", "机构", "经办人", "备注"],
            rows,
            [0.15 * w, 0.14 * w, 0.3 * w, 0.12 * w, 0.29 * w],
            page.guard,
            page.styles,
        ),
    ]


def _receipt(case: CrisisCase, page: ConfidentialPage) -> Flowable:
    para, body = page.guard.para, page.styles.body
    student = case.student
    return KeepTogether(
        [
            *cut_line(page, "（请沿虚线剪下，由接收机构填写后交回学校心理辅导室）"),
            Paragraph("接收回执", page.styles.title),
            Paragraph(
                para(
                    f"{case.school_name}：贵校转介的学生 {student.name}（{student.class_name}）"
                    "已于下列日期到我单位就诊/接受服务。"
                ),
                body,
            ),
            Spacer(1, 3 * mm),
            Paragraph(
                spaced(page, f"接收机构：{BLANK}{BLANK}", f"接诊医生（咨询师）：{BLANK}"), body
            ),
            Spacer(1, 3 * mm),
            Paragraph(para(f"接诊日期：{DATE_BLANK}"), body),
            Paragraph("初步评估与处理意见：", page.styles.subheading),
            writing_box(page, lines=3),
            Spacer(1, 6 * mm),
            Paragraph(
                spaced(page, f"签字：{BLANK}", "接收机构（盖章）", f"日期：{DATE_BLANK}"), body
            ),
        ]
    )


def build_referral_pdf(
    case: CrisisCase,
    *,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    page = confidential_page(case.school_name, TITLE, user, printed_at, audit_stamp, font)
    # Why: what was noted when the referral was first suggested or made.
    first, redacted = (case.referrals[0] if case.referrals else None), case.plan.redacted
    reason = shown(first.note if first else None, redacted, "")
    story: list[Flowable] = [
        *confidential_opening(TITLE, case.student, page),
        Paragraph("一、转介信息", page.styles.heading),
        _referral_facts(case, page, user),
        Paragraph("二、转介原因", page.styles.heading),
        writing_box(page, reason, lines=3),
        *_history(case, page),
        Spacer(1, 3 * mm),
        Paragraph(page.guard.para("监护人已知悉并同意转介：□ 是　□ 否"), page.styles.body),
        signature_lines(["转介人（心理教师）签字", "监护人签字"], page),
        leader_approval(page),
        _receipt(case, page),
    ]
    title = f"{TITLE} {case.student.name}"
    return render_pdf(story, page.frame, page.guard, page.styles, title=title, author=user.name)


def write_referral_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the referral form for the student with this 学号 to ``path``; logged."""
    return write_case_printout(school, student_no, path, build_referral_pdf, REPORT)
