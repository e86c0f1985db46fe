"""The guardians' consent form for screening (心理健康测评知情同意书), one page per student.

The letter says what screening is and is not, which scales the school gives, how the answers are
kept (in the encrypted database on the counselling room's PC, read only by the counsellor; the
school leader sees numbers without names), that taking part is voluntary and can be withdrawn at
any time, and what happens when a result needs a closer look (the counsellor talks with the
student; the guardian is told). The student's name, 学号 and class are printed on it and on the
tear-off return slip, which the guardian signs (同意 or 不同意, relation, date) and the counsellor
then enters in the consent register with the scope 测评. The printout is logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.foundation.i18n import msg
from counselor_app.reports.class_roster import class_roster
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import PageFrame, RenderedPdf, frame_width, render_pdf
from counselor_app.reports.pdf_styles import MUTED, RULE_LINE, Styles, make_styles
from counselor_app.reports.printout_log import log_printout
from counselor_app.reports.student_file import find_student
from counselor_app.school.core import School
from counselor_app.screening.scales import Scale
from counselor_app.years.school_years import SchoolYear, class_of_student, current_school_year

TITLE = "学生心理健康测评知情同意书"
SLIP_TITLE = "回执"
CUT_LINE = "请沿虚线剪下，将回执交班主任或心理辅导室"
GAP = "&nbsp;" * 4  # reportlab folds U+3000 into one narrow space
EMPTY_CLASS = msg(
    "{year}的{klass}（{code}）没有在读学生，没有可打印的知情同意书。",
    "{klass} ({code}) has no students in {year}: there is no consent form to print.",
)
FRAME = PageFrame(page_numbers=False, margins_mm=(20, 16, 20, 14))


@dataclass(frozen=True)
class ConsentStudent:
    student_no: str
    name: str
    class_name: str
    class_code: str


@dataclass(frozen=True)
class ConsentLetter:
    """What the letters of one printout share."""

    school_name: str
    year: SchoolYear
    scales: tuple[Scale, ...]
    counsellor: str
    hotline: str
    mailbox: str
    on: dt.date  # the letter's date


def _paragraphs(letter: ConsentLetter) -> list[tuple[str, str]]:
    scales = "；".join(f"{s.title_zh}（共 {len(s.items)} 题）" for s in letter.scales)
    contact = [f"心理教师：{letter.counsellor}" if letter.counsellor else "心理辅导室"]
    if letter.hotline:
        contact.append(f"电话：{letter.hotline}")
    if letter.mailbox:
        contact.append(f"心理信箱：{letter.mailbox}")
    return [
        (
            "一、什么是心理健康测评",
            f"按照教育部门关于学生心理健康工作的要求，学校在{letter.year.name}组织学生心理健康测评"
            "（筛查）。测评由学生在课堂上或心理辅导室里填写简短的问卷，用时约十到二十分钟，"
            "目的是及早发现需要关心和帮助的同学。测评不是医学诊断，结果不用于评优、分班、"
            "升学或任何对学生的评价。",
        ),
        ("二、使用的量表", scales or "（由心理辅导室另行告知）"),
        (
            "三、结果如何保管",
            "孩子的作答和结果只保存在学校心理辅导室电脑上的加密数据库中，只有心理教师可以查看；"
            "不公布、不排名、不告知其他学生和家长。学校向校领导汇报时只报告人数，不含任何姓名。",
        ),
        (
            "四、自愿参加，可以撤回",
            "是否参加由您和孩子自愿决定，不参加不会对孩子有任何不利影响。"
            "同意之后，您也可以随时通过班主任或直接告知心理教师撤回同意，"
            "撤回后学校不再为孩子安排测评。",
        ),
        (
            "五、结果需要进一步关注时",
            "如果孩子的结果提示需要进一步了解，心理教师会在校内与孩子单独面谈（约谈），"
            "了解近况；需要家庭配合或进一步帮助时，学校会及时告知您，与您一起商量。"
            "如发现孩子可能有伤害自己或他人的危险，学校会立即联系您，这是保密的例外。",
        ),
        ("六、联系方式", "；".join(contact) + "。如有疑问，欢迎随时与我们联系。"),
    ]


def _line(text: str, guard: GlyphGuard, styles: Styles) -> Paragraph:
    return Paragraph(guard.para(text), styles.body)


def _return_slip(
    student: ConsentStudent, letter: ConsentLetter, guard: GlyphGuard, styles: Styles, width: float
) -> Flowable:
    blank = "_" * 14
    rows = [
        [
            f"学生姓名：{student.name}",
            f"学号：{student.student_no}",
            f"班级：{student.class_name}（{student.class_code}）",
        ],
        [f"□ 同意{GAP}□ 不同意{GAP}孩子参加{letter.year.name}的学生心理健康测评。", "", ""],
        [f"监护人签名：{blank}", f"与学生关系：{blank}", "日期：______ 年 ____ 月 ____ 日"],
        [f"联系电话：{blank}", "", ""],
    ]
    table = Table(
        [
            [Paragraph(GAP.join(map(guard.para, text.split(GAP))), styles.body) for text in row]
            for row in rows
        ],
        colWidths=[0.36 * width, 0.3 * width, 0.34 * width],
        rowHeights=[8 * mm, 8.5 * mm, 12 * mm, 9 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("SPAN", (0, 1), (-1, 1)),
                ("SPAN", (0, 3), (-1, 3)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )
    # A dashed rule across the page with the words under it (the font has no scissors).
    cut = Table(
        [[Paragraph(guard.para(CUT_LINE), styles.small)]],
        colWidths=[width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, MUTED, None, (4, 3)),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        ),
    )
    return KeepTogether(
        [
            Spacer(1, 2 * mm),
            cut,
            Spacer(1, 2 * mm),
            Paragraph(
                f"{guard.para(letter.school_name)} {TITLE} · {SLIP_TITLE}", styles.subheading
            ),
            table,
            Paragraph(
                guard.para("回执由心理辅导室登记在知情同意登记表中（范围：测评）并妥善保管。"),
                styles.small,
            ),
        ]
    )


def _letter(
    student: ConsentStudent, letter: ConsentLetter, guard: GlyphGuard, styles: Styles, width: float
) -> list[Flowable]:
    story: list[Flowable] = [
        # The school's name is at the foot and on the slip: a long name would push the slip over.
        Paragraph(guard.para(TITLE), styles.title),
        Paragraph(
            GAP.join(
                guard.para(part)
                for part in (
                    f"学生：{student.name}",
                    f"学号：{student.student_no}",
                    f"班级：{student.class_name}（{student.class_code}）",
                )
            ),
            styles.body,
        ),
        Spacer(1, 2 * mm),
        _line("尊敬的家长：", guard, styles),
        _line(
            "您好！为关心每一位学生的心理健康，学校将组织学生心理健康测评。"
            "请您阅读以下说明，并在回执上签署您的意见。",
            guard,
            styles,
        ),
    ]
    for heading, text in _paragraphs(letter):
        story += [Paragraph(guard.para(heading), styles.subheading), _line(text, guard, styles)]
    story += [
        Spacer(1, 2 * mm),
        Paragraph(guard.para(f"{letter.school_name} 心理辅导室"), styles.body),
        Paragraph(f"{letter.on.year}年{letter.on.month}月{letter.on.day}日", styles.body),
        _return_slip(student, letter, guard, styles, width),
    ]
    return story


def build_consent_pdf(
    students: Sequence[ConsentStudent], letter: ConsentLetter, font: CjkFont | None = None
) -> RenderedPdf:
    font = font or cjk_font()
    guard = GlyphGuard(font)
    # A little smaller than other printouts: the letter and its slip must share one sheet.
    styles = make_styles(font.pdf_name, scale=0.92)
    width = frame_width(FRAME)
    story: list[Flowable] = []
    for index, student in enumerate(students):
        if index:
            story.append(PageBreak())
        story += _letter(student, letter, guard, styles, width)
    title = TITLE if len(students) != 1 else f"{TITLE} {students[0].name}"
    return render_pdf(story, FRAME, guard, styles, title=title)


def _letter_facts(school: School, scales: Sequence[Scale], year: SchoolYear) -> ConsentLetter:
    row = school.db.query_one("SELECT name, hotline, mailbox FROM school WHERE id = 1")
    return ConsentLetter(
        school_name=row["name"] or "",
        year=year,
        scales=tuple(scales),
        counsellor=school.user.name if school.user.is_counsellor else "",
        hotline=row["hotline"] or "",
        mailbox=row["mailbox"] or "",
        on=school.today(),
    )


def student_consent_pdf(
    school: School, student_no: str, scales: Sequence[Scale], year: SchoolYear | None = None
) -> RenderedPdf:
    """The consent form of the student with this 学号 for ``year`` (default: the current school
    year; the class printed is the student's class that year, else their latest); logged."""
    student_id = find_student(school, student_no)
    year = year or current_school_year(school.db, school.today())
    class_id = class_of_student(school.db, student_id, year)
    row = school.db.query_one(
        "SELECT s.student_no, s.name, c.name AS class_name, c.class_code FROM student s"
        " JOIN class c ON c.id = coalesce(?, s.class_id) WHERE s.id = ?",
        (class_id, student_id),
    )
    student = ConsentStudent(row["student_no"], row["name"], row["class_name"], row["class_code"])
    log_printout(school, "student", student_id, report="consent")
    return build_consent_pdf([student], _letter_facts(school, scales, year))


def class_consent_pdf(
    school: School, class_code: str, scales: Sequence[Scale], year: SchoolYear | None = None
) -> RenderedPdf:
    """One consent form per student of the class, in 学号 order; logged once for the class."""
    roster = class_roster(school, class_code, year)
    students = [
        ConsentStudent(s.student_no, s.name, roster.class_name, roster.class_code)
        for s in roster.students
    ]
    if not students:
        raise InvalidInput(
            EMPTY_CLASS(year=roster.year.name, klass=roster.class_name, code=roster.class_code)
        )
    log_printout(school, "class", roster.class_id, report="consent", students=len(students))
    return build_consent_pdf(students, _letter_facts(school, scales, roster.year))
