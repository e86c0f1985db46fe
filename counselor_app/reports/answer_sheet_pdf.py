"""The blank answer sheet (答题卡) of one scale for one class: names and 学号 pre-printed, one row
per student with each item's answer values as bubbles to tick or circle.

The questionnaire (the items' wording) is handed out separately; the sheet carries only what is
needed to answer on it and to type the answers in afterwards, student after student in the order
printed: the options' legend (value = label) from the scale file, and item numbers. A scale whose
items fit across A4 is printed portrait, then landscape; a longer one (SCL-90) gives each student a
block of several lines of items, each item with its number. The sheet names students, so it is
printed as a confidential printout (保密, who printed it and when) and the printout is logged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.reports.class_roster import ClassRoster, class_roster
from counselor_app.reports.confidential import confidential_frame
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import (
    LANDSCAPE,
    PORTRAIT,
    RenderedPdf,
    render_pdf,
)
from counselor_app.reports.pdf_styles import (
    CONFIDENTIAL_RED,
    INK,
    MUTED,
    Styles,
    base_table_style,
    cell_flowable,
    make_styles,
)
from counselor_app.reports.printout_log import log_printout
from counselor_app.school.core import School, User
from counselor_app.screening.scales import Item, Scale
from counselor_app.years.school_years import SchoolYear

TITLE = "答题卡"
SHEET_NOTE = (
    "本答题卡印有学生姓名和学号，属保密材料：由心理教师发放和收回，录入后按规定保管或销毁，"
    "不得交由学生传递或留在教室。"
)
# Cut into strips, one per student, so that no classmate sees another's answers.
HOW_TO_ANSWER = (
    "问卷另发。每题只选一项，在所选分值上打“√”或画圈。可沿横线裁成每人一条发放，收回后按序号整理。"
)
# Rows left blank for a student who joined the class after the roster was printed.
SPARE_ROWS = 2
MARGINS_MM = (12.0, 22.0, 12.0, 18.0)

BUBBLE_HEIGHT = 4.2 * mm
BUBBLE_WIDTH = 4.0 * mm
BUBBLE_GAP = 0.8 * mm
LINE_GAP = 1.4 * mm  # between the lines of a student with several lines of items
CELL_PADDING = 1.2 * mm
NUMBER_WIDTH = 3.6 * mm  # an item's number before its bubbles
FIXED_WIDTHS = (10 * mm, 19 * mm, 20 * mm)  # 序号, 学号, 姓名
GAP = "&nbsp;" * 4  # reportlab folds U+3000 into one narrow space


def _bubble_width(option_value: int, font: str) -> float:
    return float(max(BUBBLE_WIDTH, stringWidth(str(option_value), font, 7) + 1.6 * mm))


def _bubbles_width(item: Item, font: str) -> float:
    widths = [_bubble_width(value, font) for value in item.values]
    return float(sum(widths) + BUBBLE_GAP * (len(widths) - 1))


def _item_width(item: Item, font: str) -> float:
    return float(NUMBER_WIDTH) + _bubbles_width(item, font)


class ItemBubbles(Flowable):  # type: ignore[misc]
    """Lines of items, each drawn as its number and one rounded box per answer value.

    Every item carries its number, so that a student's row still reads when the sheet is cut
    into strips and handed out one strip per student."""

    def __init__(
        self, lines: Sequence[Sequence[Item]], slot: float, font: str, *, one_line: bool
    ) -> None:
        super().__init__()
        self.lines = lines
        self.slot = slot  # the width given to each item, the same across lines so columns align
        self.font = font
        self.one_line = one_line  # one item in its own column, under the header's item number
        self.line_height = BUBBLE_HEIGHT + LINE_GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = self.slot * max(len(line) for line in self.lines)
        if self.one_line:
            self.height = BUBBLE_HEIGHT
        else:
            self.height = self.line_height * len(self.lines) - LINE_GAP
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.5)
        for row, line in enumerate(self.lines):
            if self.one_line:
                y = (self.height - BUBBLE_HEIGHT) / 2
            else:
                y = self.height - BUBBLE_HEIGHT - row * self.line_height
            for column, item in enumerate(line):
                x = column * self.slot + (self.slot - _item_width(item, self.font)) / 2
                canvas.setFont(self.font, 6.5)
                canvas.setFillColor(INK)
                canvas.drawRightString(x + NUMBER_WIDTH - 0.7 * mm, y + 1.2 * mm, str(item.number))
                x += NUMBER_WIDTH
                for value in item.values:
                    width = _bubble_width(value, self.font)
                    canvas.setStrokeColor(MUTED)
                    canvas.roundRect(x, y, width, BUBBLE_HEIGHT, 1.2, stroke=1, fill=0)
                    canvas.setFillColor(MUTED)
                    canvas.setFont(self.font, 7)
                    canvas.drawCentredString(x + width / 2, y + 1.25 * mm, str(value))
                    x += width + BUBBLE_GAP
        canvas.restoreState()


@dataclasses.dataclass(frozen=True)
class SheetLayout:
    """Where a scale's items go: the paper, how many items on a line, the width of each."""

    pagesize: tuple[float, float]
    per_line: int
    slot: float

    @property
    def landscape(self) -> bool:
        return self.pagesize[0] > self.pagesize[1]


def sheet_layout(scale: Scale, font: str) -> SheetLayout:
    """Portrait when every item fits on one line, else landscape; several lines per student when
    even landscape is too narrow."""
    widest = max(_item_width(item, font) for item in scale.items)
    count = len(scale.items)
    for pagesize in (PORTRAIT, LANDSCAPE):
        room = _answer_room(pagesize)
        slot = widest + 2 * CELL_PADDING
        if slot * count <= room:
            return SheetLayout(pagesize, count, room / count)
    room = _answer_room(LANDSCAPE)
    slot = widest + 2 * CELL_PADDING
    per_line = max(1, int(room // slot))
    # Lines as even as possible (90 items as 5 × 18 rather than 4 × 20 and one of 10).
    lines = -(-count // per_line)
    per_line = -(-count // lines)
    return SheetLayout(LANDSCAPE, per_line, room / per_line)


def _answer_room(pagesize: tuple[float, float]) -> float:
    left, _, right, _ = (m * mm for m in MARGINS_MM)
    return float(pagesize[0] - left - right - sum(FIXED_WIDTHS))


def option_legend(scale: Scale) -> list[str]:
    """ "第1–9题：0 = 完全不会　1 = 好几天 …" for each run of items with the same options, and
    which items may be left blank."""
    runs: list[tuple[list[int], Item]] = []
    for item in scale.items:
        if runs and runs[-1][1].options == item.options:
            runs[-1][0].append(item.number)
        else:
            runs.append(([item.number], item))
    lines = []
    for numbers, item in runs:
        span = f"第{numbers[0]}题" if len(numbers) == 1 else f"第{numbers[0]}–{numbers[-1]}题"
        # A scale shipped without a published Chinese wording labels its options in English only.
        options = "；".join(
            f"{o.value} = {o.zh or o.en}" if (o.zh or o.en) else str(o.value) for o in item.options
        )
        lines.append(f"{span}：{options}")
    optional = [str(item.number) for item in scale.items if item.optional]
    if optional:
        lines.append(f"第{'、'.join(optional)}题可按问卷的提示不答（留空）。")
    return lines


def _sheet_table(
    roster: ClassRoster,
    scale: Scale,
    layout: SheetLayout,
    guard: GlyphGuard,
    styles: Styles,
    spare_rows: int,
) -> Table:
    """One row per student: when every item fits on a line, one column per item under its
    number; else one cell holding the student's lines of items."""
    font = guard.font.pdf_name
    items = scale.items
    single = layout.per_line >= len(items)
    lines = [items[i : i + layout.per_line] for i in range(0, len(items), layout.per_line)]

    def answers() -> list[Flowable]:
        if single:
            return [ItemBubbles([[item]], layout.slot, font, one_line=True) for item in items]
        return [ItemBubbles(lines, layout.slot, font, one_line=False)]

    header = [cell_flowable(h, guard, styles.cell_head) for h in ("序号", "学号", "姓名")]
    if single:
        header += [cell_flowable(str(item.number), guard, styles.cell_head) for item in items]
        widths = [*FIXED_WIDTHS, *[layout.slot] * len(items)]
    else:
        header.append(cell_flowable("作答（题号与选项分值）", guard, styles.cell_head))
        widths = [*FIXED_WIDTHS, _answer_room(layout.pagesize)]
    rows: list[list[Flowable]] = [header]
    for number, student in enumerate(roster.students, start=1):
        rows.append(
            [
                cell_flowable(str(number), guard, styles.cell),
                cell_flowable(student.student_no, guard, styles.cell),
                cell_flowable(student.name, guard, styles.cell),
                *answers(),
            ]
        )
    for _ in range(spare_rows):
        rows.append([cell_flowable("", guard, styles.cell)] * 3 + answers())
    commands = base_table_style(font, rows=len(rows) - 1)
    commands += [
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (3, 0), (-1, -1), 0),
        ("RIGHTPADDING", (3, 0), (-1, -1), 0),
    ]
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def build_answer_sheet_pdf(
    roster: ClassRoster,
    scale: Scale,
    *,
    school_name: str,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str = "",
    font: CjkFont | None = None,
) -> RenderedPdf:
    font = font or cjk_font()
    sheet = _render(roster, scale, school_name, user, printed_at, audit_stamp, font, SPARE_ROWS)
    without_spares = _render(roster, scale, school_name, user, printed_at, audit_stamp, font, 0)
    # Spare rows are worth no sheet of paper of their own.
    return sheet if sheet.pages == without_spares.pages else without_spares


def _render(
    roster: ClassRoster,
    scale: Scale,
    school_name: str,
    user: User,
    printed_at: dt.datetime,
    audit_stamp: str,
    font: CjkFont,
    spare_rows: int,
) -> RenderedPdf:
    guard = GlyphGuard(font)
    styles = make_styles(font.pdf_name)
    layout = sheet_layout(scale, font.pdf_name)
    class_words = f"{roster.class_name}（{roster.class_code}）"
    frame = dataclasses.replace(
        confidential_frame(
            school_name, f"{class_words} · {scale.name} {TITLE}", user, printed_at, audit_stamp
        ),
        margins_mm=MARGINS_MM,
    )
    red = CONFIDENTIAL_RED.hexval().replace("0x", "#")
    facts = (
        (school_name, class_words, roster.year.name, f"应测 {len(roster.students)} 人"),
        ("测评日期：______ 年 ____ 月 ____ 日", "实测 ______ 人", "施测教师：______________"),
    )
    story: list[Flowable] = [
        Paragraph(guard.para(f"{scale.title_zh} {TITLE}"), styles.title),
        *(Paragraph(GAP.join(guard.para(part) for part in line), styles.body) for line in facts),
        Paragraph(f"<font color='{red}'>保密　{guard.para(SHEET_NOTE)}</font>", styles.small),
        Paragraph(guard.para(HOW_TO_ANSWER), styles.body),
        *(Paragraph(guard.para(f"选项　{line}"), styles.body) for line in option_legend(scale)),
        Spacer(1, 1.5 * mm),
    ]
    if not roster.students:
        story.append(Paragraph("（这个班级目前没有在读学生。）", styles.body))
    story.append(_sheet_table(roster, scale, layout, guard, styles, spare_rows))
    title = f"{scale.name} {TITLE} {class_words}"
    return render_pdf(
        story, frame, guard, styles, pagesize=layout.pagesize, title=title, author=user.name
    )


def write_answer_sheet_pdf(
    school: School, class_code: str, scale: Scale, path: Path, year: SchoolYear | None = None
) -> RenderedPdf:
    """Print the blank answer sheet of ``scale`` for the class to ``path``; the printout is logged."""
    pdf = answer_sheet_pdf(school, class_code, scale, year)
    pdf.save(path)
    return pdf


def answer_sheet_pdf(
    school: School, class_code: str, scale: Scale, year: SchoolYear | None = None
) -> RenderedPdf:
    """The answer sheet in memory (for the print preview); the printout is logged."""
    roster = class_roster(school, class_code, year)
    # Logged first, so that the page carries the stamp of its own print entry.
    stamp = log_printout(school, "class", roster.class_id, report="answer_sheet", scale=scale.id)
    return build_answer_sheet_pdf(
        roster,
        scale,
        school_name=school.name,
        user=school.user,
        printed_at=school.now(),
        audit_stamp=stamp,
    )
