"""What every confidential printout (一生一档, 一生一策) shares: the 保密 frame with who printed it
and when on every page, the student's header block, and "（无权查看）" where a 管理员 may not read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.foundation.vocab import RISK_LEVEL, SEX, STUDENT_STATUS, USER_ROLE
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import PageFrame, frame_width
from counselor_app.reports.pdf_styles import CONFIDENTIAL_RED, Styles, key_value_table, make_styles
from counselor_app.school.core import User
from counselor_app.student_file.facts import StudentCard

WITHHELD = "（无权查看）"
CONFIDENTIAL_NOTE = (
    "本材料属学生心理健康保密资料，仅限经授权的教师因工作需要查阅；不得复印、拍照、外传，"
    "用毕交回心理辅导室或按规定销毁。"
)


def printed_by(user: User, moment: dt.datetime) -> str:
    role = USER_ROLE.label(user.role, "zh")
    return f"打印人：{user.name}（{role}），打印时间：{moment:%Y-%m-%d %H:%M}"


def confidential_frame(
    school_name: str, title: str, user: User, moment: dt.datetime, audit_stamp: str = ""
) -> PageFrame:
    """``audit_stamp``: the words of ``printout_log.log_printout``, printed after who and when."""
    return PageFrame(
        header_left=f"{school_name} · {title}",
        header_right="保密 · 请勿外传",
        footer_left=" · ".join(part for part in (printed_by(user, moment), audit_stamp) if part),
        confidential=True,
        margins_mm=(20, 24, 20, 22),
    )


@dataclass(frozen=True)
class ConfidentialPage:
    """What a confidential printout is set with: its font's guard and styles, the 保密 frame and
    the width of the text between its margins."""

    guard: GlyphGuard
    styles: Styles
    frame: PageFrame
    width: float


def confidential_page(
    school_name: str,
    title: str,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> ConfidentialPage:
    font = font or cjk_font()
    frame = confidential_frame(school_name, title, user, printed_at, audit_stamp)
    return ConfidentialPage(GlyphGuard(font), make_styles(font.pdf_name), frame, frame_width(frame))


def confidential_opening(
    title: str, student: StudentCard, page: ConfidentialPage
) -> list[Flowable]:
    """The title, the red 保密 note and the student's header block that open every such printout."""
    red = CONFIDENTIAL_RED.hexval().replace("0x", "#")
    return [
        Paragraph(title, page.styles.title),
        Paragraph(
            f"<font color='{red}'>保密　{page.guard.para(CONFIDENTIAL_NOTE)}</font>",
            page.styles.small,
        ),
        Spacer(1, 3 * mm),
        student_block(student, page.guard, page.styles, page.width),
    ]


def shown(value: str | None, redacted: bool, empty: str = "—") -> str:
    """Confidential text as printed: the text, "（无权查看）" if withheld, or a dash if empty."""
    if value in (None, ""):
        return WITHHELD if redacted else empty
    return str(value)


def level_label(level: int | None) -> str:
    if level is None:
        return "—"
    return f"{level} 级（{RISK_LEVEL.label(str(level), 'zh')}）"


def earlier_classes(student: StudentCard) -> tuple[str, ...]:
    """ "2024—2025学年 七年级1班（0701）" for each year before this one, oldest first."""
    return tuple(f"{c.year} {c.class_name}（{c.class_code}）" for c in student.classes_by_year[:-1])


def student_block(student: StudentCard, guard: GlyphGuard, styles: Styles, width: float) -> Table:
    pairs = [
        ("姓名", student.name),
        ("学号", student.student_no),
        ("班级", f"{student.class_name}（{student.class_code}）"),
        ("性别", SEX.label(student.sex or None, "zh")),
        ("班主任", student.head_teacher or "—"),
        ("状态", STUDENT_STATUS.label(student.status or None, "zh")),
        ("出生日期", student.birth_date or "—"),
        ("监护人", " ".join(x for x in (student.guardian, student.guardian_phone) if x) or "—"),
    ]
    earlier = earlier_classes(student)
    if earlier:
        pairs.append(("往年班级", "；".join(earlier)))
    label, value = 0.13 * width, 0.37 * width
    return key_value_table(pairs, [label, value, label, value], guard, styles, columns=2)
