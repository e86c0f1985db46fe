"""The notice to a student's guardian (家长告知书) with a return slip (回执) to sign and hand back.

It tells the guardian in general terms that the school has noticed a change in the child that
needs the family's attention, what the school recommends and where help is (12355, the school's
own numbers); the observations are written in by hand, so nothing of the student's own words or
the counsellor's notes is printed. The slip below the cut line is signed and dated by the
guardian. Marked 保密 with who printed it and when; room for the school leader's approval.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from counselor_app.foundation.fonts import CjkFont
from counselor_app.foundation.vocab import USER_ROLE
from counselor_app.reports.confidential import ConfidentialPage, confidential_page
from counselor_app.reports.crisis_case import YOUTH_HOTLINE, CrisisCase
from counselor_app.reports.crisis_printing import write_case_printout
from counselor_app.reports.form_parts import (
    BLANK,
    DATE_BLANK,
    cut_line,
    indented,
    leader_approval,
    spaced,
    tick_boxes,
    writing_box,
)
from counselor_app.reports.pdf_document import RenderedPdf, render_pdf
from counselor_app.reports.pdf_styles import CONFIDENTIAL_RED
from counselor_app.school.core import School, User

TITLE = "学生心理健康情况告知书"
REPORT = "guardian_notice"
RED = CONFIDENTIAL_RED.hexval().replace("0x", "#")
NOTICE_NOTE = "本告知书涉及学生个人隐私，请监护人妥善保管，勿转给他人或在网络上传播。"

RECOMMENDATIONS = (
    "多陪伴、多倾听，平和地与孩子交流，避免指责、打骂或冷落；",
    "尽快带孩子到精神专科医院或综合医院心理（精神）科就诊评估，并遵医嘱治疗；",
    "妥善保管家中药品、刀具、绳索等危险物品，留意门窗、阳台等处的安全；",
    "孩子情绪波动或出现异常言行时，请不要让其独处，并立即与学校联系；",
    "与班主任、心理教师保持联系，配合学校落实关爱与帮扶措施。",
)

SLIP_PROMISES = (
    "带孩子到专业医疗机构就诊评估",
    "加强家庭看护，妥善保管危险物品",
    "与学校保持沟通，配合学校的帮扶措施",
    f"其他：{BLANK}{BLANK}",
)


def _guardian(case: CrisisCase) -> str:
    return case.student.guardian or f"{case.student.name}同学的家长"


def _class_and_name(case: CrisisCase) -> str:
    student = case.student
    return f"{student.class_name}{student.name}" if student.class_name else student.name


def _urgency(case: CrisisCase) -> str:
    if case.plan.level >= 3:
        return "需要家长立即引起高度重视，并与学校共同采取措施，确保孩子的安全"
    return "需要家长给予关注，并与学校共同帮助孩子"


def _letter(case: CrisisCase, page: ConfidentialPage, contact: str) -> list[Flowable]:
    para, body, letter = page.guard.para, page.styles.body, indented(page)
    signed = ParagraphStyle("signed", parent=body, alignment=TA_RIGHT)
    numbers = [f"全国青少年心理咨询和法律援助热线：{YOUTH_HOTLINE}"]
    if case.school_hotline:
        numbers.append(f"本校心理辅导室电话：{case.school_hotline}")
    if case.outside_hotline and YOUTH_HOTLINE not in case.outside_hotline:
        numbers.append(f"心理援助热线：{case.outside_hotline}")
    numbers.append(f"学校联系人：{contact}")
    return [
        Paragraph(para(f"尊敬的{_guardian(case)}："), body),
        Paragraph(
            para(
                f"近期，学校在日常观察和心理辅导中注意到，您的孩子{_class_and_name(case)}"
                f"同学在情绪和心理状态方面出现了一些变化，{_urgency(case)}。"
                "孩子的健康和安全需要家庭与学校携手守护，现将有关情况告知如下。"
            ),
            letter,
        ),
        Paragraph("一、学校观察到的情况（概括）", page.styles.subheading),
        writing_box(page, lines=4),
        Paragraph("二、学校的建议", page.styles.subheading),
        *[Paragraph(para(f"{n}. {text}"), body) for n, text in enumerate(RECOMMENDATIONS, 1)],
        *_referral_advice(case, page),
        Paragraph("三、求助电话", page.styles.subheading),
        Paragraph("<br/>".join(para(line) for line in numbers), body),
        Spacer(1, 3 * mm),
        Paragraph(
            para("以上情况请您知悉，并请在收到本告知书后填写下方回执，交回班主任或心理教师。"),
            letter,
        ),
        Spacer(1, 4 * mm),
        Paragraph(para(f"{case.school_name}（盖章）"), signed),
        Paragraph(para(DATE_BLANK), signed),
    ]


def _referral_advice(case: CrisisCase, page: ConfidentialPage) -> list[Flowable]:
    place = case.referral_place
    if not place:
        return []
    return [Paragraph(page.guard.para(f"学校建议的就诊机构：{place}"), page.styles.body)]


def _return_slip(case: CrisisCase, page: ConfidentialPage) -> Flowable:
    para, body = page.guard.para, page.styles.body
    return KeepTogether(
        [
            *cut_line(page, "（请沿虚线剪下，回执由监护人签字后交回学校）"),
            Paragraph("回　执", page.styles.title),
            Paragraph(para(f"{case.school_name}："), body),
            Paragraph(
                para(
                    f"本人已收到学校关于{_class_and_name(case)}同学的《{TITLE}》，"
                    "已知悉其中内容，将配合学校做好以下工作（请在方框内打“√”）："
                ),
                indented(page),
            ),
            tick_boxes(SLIP_PROMISES, page),
            Spacer(1, 6 * mm),
            Paragraph(
                spaced(page, f"监护人签字：{BLANK}", f"与学生关系：{BLANK}", f"联系电话：{BLANK}"),
                body,
            ),
            Spacer(1, 4 * mm),
            Paragraph(para(f"日期：{DATE_BLANK}"), body),
        ]
    )


def build_guardian_notice_pdf(
    case: CrisisCase,
    *,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    page = confidential_page(case.school_name, TITLE, user, printed_at, audit_stamp, font)
    contact = f"{user.name}（{USER_ROLE.label(user.role, 'zh')}）"
    story: list[Flowable] = [
        Paragraph(TITLE, page.styles.title),
        Paragraph(
            f"<font color='{RED}'>保密　{page.guard.para(NOTICE_NOTE)}</font>", page.styles.small
        ),
        Spacer(1, 3 * mm),
        *_letter(case, page, contact),
        leader_approval(page),
        _return_slip(case, page),
    ]
    title = f"{TITLE} {case.student.name}"
    return render_pdf(story, page.frame, page.guard, page.styles, title=title, author=user.name)


def write_guardian_notice_pdf(school: School, student_no: str, path: Path) -> RenderedPdf:
    """Print the guardian notice for the student with this 学号 to ``path``; logged."""
    return write_case_printout(school, student_no, path, build_guardian_notice_pdf, REPORT)
