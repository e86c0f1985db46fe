"""The return-to-school assessment form (复学评估表) for a student who was away after a crisis.

The dates (when the crisis was reported, when the student is to come back), the prerequisites to
tick (the hospital's certificate that the student may return, the guardian's application and
safety pledge, the treatment), the assessment items with a result to tick for each, the
conclusion, the support after the return, and signatures. When the case's 复学评估 step is
recorded, its date and note are printed in. Marked 保密 with who printed it and when; room for
the school leader's approval.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

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
    DATE_BLANK,
    TICK_BOX,
    leader_approval,
    signature_lines,
    tick_boxes,
    writing_box,
)
from counselor_app.reports.pdf_document import RenderedPdf, render_pdf
from counselor_app.reports.pdf_styles import data_table, key_value_table
from counselor_app.school.core import School, User

TITLE = "学生复学评估表"
REPORT = "return_assessment"

PREREQUISITES = (
    ("精神专科医院或综合医院精神（心理）科出具的可以复学的诊断证明", "原件核对，复印件存档"),
    ("监护人提出的复学申请", ""),
    ("监护人安全承诺书（监护责任、按医嘱服药与复诊）", ""),
    ("治疗及用药情况说明", "如有"),
)

ITEMS = (
    ("情绪状态", "情绪是否稳定，有无明显抑郁、焦虑或易激惹"),
    ("睡眠与饮食", "作息、睡眠、食欲是否基本恢复"),
    ("自伤自杀风险", "近期有无自伤自杀的想法、计划或行为"),
    ("治疗与服药", "是否按医嘱服药、按时复诊"),
    ("家庭监护与支持", "监护人能否落实看护、接送与沟通"),
    ("同伴与师生关系", "返校后可依靠的同学、老师"),
    ("学习适应", "能否承担课业，是否需要调整学习安排"),
)
RESULTS = f"{TICK_BOX} 良好　{TICK_BOX} 一般　{TICK_BOX} 需关注"

CONCLUSIONS = (
    "同意复学",
    "同意复学，继续执行一生一策并加强跟踪",
    "暂缓复学（原因见评估意见）",
)


def _dates(case: CrisisCase, page: ConfidentialPage) -> Flowable:
    step = case.step("return_assessment")
    pairs = [
        ("风险等级", level_label(case.plan.level)),
        ("报告日期", case.reported_on),
        ("返校日期", case.return_on or DATE_BLANK),
        ("评估日期", (step.done_on if step and step.done_on else None) or DATE_BLANK),
        ("转介就诊", _referral_words(case)),
        ("评估人", (step.done_by if step and step.done_by else None) or ""),
    ]
    label, value = 0.15 * page.width, 0.35 * page.width
    return key_value_table(pairs, [label, value, label, value], page.guard, page.styles, columns=2)


def _referral_words(case: CrisisCase) -> str:
    latest, redacted = case.latest_referral, case.plan.redacted
    place = shown(case.referral_place, redacted, "")
    if latest:
        return f"{latest.state} {place}".strip() + f"（{latest.changed_on}）"
    return place or "未转介"


def _prerequisites(page: ConfidentialPage) -> Flowable:
    w = page.width
    rows = [[item, f"{TICK_BOX} 已提供　{TICK_BOX} 未提供", note] for item, note in PREREQUISITES]
    return data_table(
        ["材料", "核对", "说明"],
        rows,
        [0.52 * w, 0.28 * w, 0.2 * w],
        page.guard,
        page.styles,
        zebra=False,
    )


def _items(page: ConfidentialPage) -> Flowable:
    w = page.width
    rows = [[item, point, RESULTS, ""] for item, point in ITEMS]
    return data_table(
        ["评估项目", "评估要点", "评估结果", "情况记录"],
        rows,
        [0.15 * w, 0.33 * w, 0.27 * w, 0.25 * w],
        page.guard,
        page.styles,
        zebra=False,
    )


def build_return_assessment_pdf(
    case: CrisisCase,
    *,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    page = confidential_page(case.school_name, TITLE, user, printed_at, audit_stamp, font)
    step = case.step("return_assessment")
    opinion = shown(step.note, case.plan.redacted, "") if step else ""
    story: list[Flowable] = [
        *confidential_opening(TITLE, case.student, page),
        Paragraph("一、基本情况", page.styles.heading),
        _dates(case, page),
        Paragraph("二、复学前提（材料核对）", page.styles.heading),
        _prerequisites(page),
        CondPageBreak(60 * mm),
        Paragraph("三、评估项目", page.styles.heading),
        _items(page),
        CondPageBreak(60 * mm),
        Paragraph("四、评估结论", page.styles.heading),
        tick_boxes(CONCLUSIONS, page),
        Paragraph("评估意见：", page.styles.subheading),
        writing_box(page, opinion, lines=3),
        CondPageBreak(40 * mm),
        Paragraph("五、复学后的支持安排", page.styles.heading),
        Paragraph(
            page.guard.para("（如：关爱小组的分工、班主任每日观察、心理教师定期约谈、课业调整）"),
            page.styles.small,
        ),
        writing_box(page, lines=3),
        signature_lines(["评估人（心理教师）签字", "班主任签字", "监护人签字"], page),
        leader_approval(page),
    ]
    title = f"{TITLE} {case.student.name}"
    return render_pdf(story, page.frame, page.guard, page.styles, title=title, author=user.name)


def write_return_assessment_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the return-to-school assessment form for the student with this 学号; logged."""
    return write_case_printout(school, student_no, path, build_return_assessment_pdf, REPORT)
