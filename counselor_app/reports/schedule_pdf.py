"""The counselling room's weekly schedule for the door (辅导室每周开放安排): A4 landscape, large type.

A grid of days × open slots with the duty teacher; a holiday or a closure day fills its column with
the reason instead of slots; then how to book and the help lines. A week outside every term still
prints, saying so. Only staff names appear; the schedule never reads students.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from counselor_app.foundation.fonts import CjkFont, cjk_font
from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.reports.pdf_document import (
    LANDSCAPE,
    PageFrame,
    RenderedPdf,
    frame_width,
    render_pdf,
)
from counselor_app.reports.pdf_styles import (
    ACCENT,
    HEADER_FILL,
    INK,
    MUTED,
    RULE_LINE,
    Styles,
    make_styles,
)
from counselor_app.reports.printout_log import log_printout
from counselor_app.reports.room_schedule import Day, WeekSchedule, week_schedule
from counselor_app.school.core import School

TITLE = "心理辅导室开放安排"
CLOSED_FILL = "#fdecea"
CLOSED_INK = "#b71c1c"
OUTSIDE_FILL = "#f2f2f2"
FRAME = PageFrame(page_numbers=False, margins_mm=(14, 12, 14, 12))
BOOKING_HOW = {
    "当面": "到心理辅导室找值班老师",
    "电话": "拨打校内求助电话",
    "网络": "通过学校网络平台留言",
}


def _date(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _heading(schedule: WeekSchedule) -> str:
    span = f"{schedule.monday.year}年{_date(schedule.monday)}至{_date(schedule.sunday)}"
    if schedule.term is None:
        return f"{span} · 本周不在学期内"
    if schedule.week_number is None:
        return f"{schedule.term.name} · {span}"
    return f"{schedule.term.name} · 第 {schedule.week_number} 周 · {span}"


def _shown_days(schedule: WeekSchedule) -> list[Day]:
    """Monday to Friday always; a weekend day only when the room opens on it."""
    return [d for d in schedule.days if d.date.weekday() < 5 or (d.slots and not d.closed)]


def _door_styles(styles: Styles) -> dict[str, ParagraphStyle]:
    def centred(name: str, size: float, colour: object = INK) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            parent=styles.cell,
            alignment=TA_CENTER,
            fontSize=size,
            leading=size * 1.3,
            textColor=colour,
        )

    return {
        "head": centred("door_head", 15),
        "time": centred("door_time", 17),
        "duty": centred("door_duty", 21),
        "none": centred("door_none", 15, MUTED),
        "closed": centred("door_closed", 19, CLOSED_INK),
        "info": ParagraphStyle("door_info", parent=styles.cell, fontSize=15, leading=22),
        "info_head": ParagraphStyle(
            "door_info_head", parent=styles.cell, fontSize=17, leading=24, textColor=ACCENT
        ),
    }


def _closed_text(day: Day) -> str:
    if day.holiday:
        return f"{day.holiday}\n放假"
    return f"暂停开放\n{day.closure}" if day.closure != "暂停开放" else "暂停开放"


def _grid(schedule: WeekSchedule, guard: GlyphGuard, styles: Styles, width: float) -> Table:
    days = _shown_days(schedule)
    times = sorted({(s.start, s.end) for d in days if not d.closed for s in d.slots})
    look = _door_styles(styles)

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(guard.para(text), look[style])

    partly_in_term = schedule.term is not None and not all(d.in_term for d in days)
    header: list[Flowable] = [para("开放时间", "head")]
    for day in days:
        note = "\n（学期外）" if partly_in_term and not day.in_term else ""
        header.append(para(f"{day.weekday_name}\n{_date(day.date)}{note}", "head"))
    rows: list[list[Flowable]] = [header]
    for start, end in times or [("", "")]:
        row: list[Flowable] = [para(f"{start}—{end}" if start else "", "time")]
        for day in days:
            slot = next((s for s in day.slots if (s.start, s.end) == (start, end)), None)
            if day.closed or not times:
                row.append(para("", "none"))
            elif slot is None:
                row.append(para("—", "none"))
            elif slot.duty:
                row.append(
                    Paragraph(
                        f"{guard.para(slot.duty)}<br/><font size=11 color='#616e7c'>值班教师</font>",
                        look["duty"],
                    )
                )
            else:
                row.append(
                    Paragraph(
                        "开放<br/><font size=11 color='#616e7c'>值班教师待定</font>", look["duty"]
                    )
                )
        rows.append(row)
    time_width = 0.17 * width
    day_width = (width - time_width) / len(days)
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
        ("GRID", (0, 0), (-1, -1), 1.2, RULE_LINE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BACKGROUND", (0, 1), (0, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    for column, day in enumerate(days, start=1):
        if partly_in_term and not day.in_term:
            commands.append(("BACKGROUND", (column, 1), (column, -1), OUTSIDE_FILL))
        if day.closed:
            rows[1][column] = para(_closed_text(day), "closed")
            commands += [
                ("SPAN", (column, 1), (column, len(rows) - 1)),
                ("BACKGROUND", (column, 1), (column, -1), CLOSED_FILL),
            ]
    if not times:
        open_days = [d for d in days if not d.closed]
        if open_days:
            message = "本周不开放" if schedule.hours_recorded else "尚未登记开放时间"
            first = days.index(open_days[0]) + 1
            rows[1][first] = para(message, "closed" if schedule.hours_recorded else "none")
            commands.append(("SPAN", (first, 1), (len(days), 1)))
    # The slots share what the page leaves free, within reason.
    row_height = max(20 * mm, min(36 * mm, 90 * mm / max(1, len(rows) - 1)))
    return Table(
        rows,
        colWidths=[time_width] + [day_width] * len(days),
        rowHeights=[None] + [row_height] * (len(rows) - 1),
        style=TableStyle(commands),
    )


def _info(schedule: WeekSchedule, guard: GlyphGuard, styles: Styles, width: float) -> Table:
    """How to book (left) and where to find help (right), in two boxes."""
    look = _door_styles(styles)
    booking = [
        f"{channel}：{BOOKING_HOW.get(channel, channel)}" for channel in schedule.booking_channels
    ] or ["开放时间内可直接到心理辅导室"]
    helps = [
        f"{label}：{value}"
        for label, value in (
            ("校内求助电话", schedule.hotline),
            ("心理信箱", schedule.mailbox),
            ("校外求助热线", schedule.outside_hotline),
        )
        if value
    ] or ["请向班主任或任何一位老师求助"]

    def box(title: str, lines: list[str]) -> list[Flowable]:
        return [Paragraph(title, look["info_head"])] + [
            Paragraph(guard.para(line), look["info"]) for line in lines
        ]

    left = box("如何预约", booking)
    right = box("求助热线", helps)
    right.append(Paragraph("辅导室对来访内容保密（涉及生命安全的情况除外）。", look["info"]))
    return Table(
        [[left, right]],
        colWidths=[0.42 * width, 0.58 * width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("BOX", (0, 0), (0, 0), 1, RULE_LINE),
                ("BOX", (1, 0), (1, 0), 1, RULE_LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def build_schedule_pdf(schedule: WeekSchedule, *, font: CjkFont | None = None) -> RenderedPdf:
    font = font or cjk_font()
    guard = GlyphGuard(font)
    styles = make_styles(font.pdf_name, scale=1.4)
    width = frame_width(FRAME, LANDSCAPE)
    title = ParagraphStyle("door_title", parent=styles.title, fontSize=34, leading=42, spaceAfter=4)
    story: list[Flowable] = [
        Paragraph(guard.para(schedule.school_name), styles.subtitle),
        Paragraph(TITLE, title),
        Paragraph(guard.para(_heading(schedule)), styles.subtitle),
        Spacer(1, 2 * mm),
        _grid(schedule, guard, styles, width),
        Spacer(1, 5 * mm),
        _info(schedule, guard, styles, width),
    ]
    if schedule.holiday_data_missing:
        years = "、".join(str(y) for y in schedule.holiday_data_missing)
        story.append(
            Paragraph(
                guard.para(f"注：程序的节假日数据不含 {years} 年，本周假日请以学校通知为准。"),
                styles.small,
            )
        )
    return render_pdf(
        story, FRAME, guard, styles, pagesize=LANDSCAPE, title=f"{schedule.school_name} {TITLE}"
    )


def write_schedule_pdf(school: School, day: dt.date, path: Path) -> RenderedPdf:
    """The schedule of the week holding ``day``, written to ``path``; the printout is logged."""
    pdf = build_schedule_pdf(week_schedule(school, day))
    pdf.save(path)
    log_printout(school, None, None, report="room_schedule", week=day.isoformat())
    return pdf
