"""The room's weekly schedule for the door: landscape, week N with dates, slots and duty teachers,
holidays and closures marked, how to book, help lines, and never a student's name."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.reports.room_schedule import week_schedule
from counselor_app.reports.schedule_pdf import build_schedule_pdf, write_schedule_pdf
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    MISSING_GLYPH_NAME,
    RARE_NAMES,
    assert_fonts_embedded,
    counsellor,
    filled_template,
    page_sizes,
    pdf_text,
    school_folder,
)

NATIONAL_DAY_WEEK = dt.date(2025, 10, 1)  # Wed; week 5 of the term, Oct 1–3 are holidays
SPORTS_DAY_WEEK = dt.date(2025, 11, 12)  # week 11; Friday 11-14 is a closure day


def squash(text: str) -> str:
    return "".join(text.split())


def test_the_week_holds_slots_holidays_and_closures(counsellor):  # noqa: F811
    week = week_schedule(counsellor, NATIONAL_DAY_WEEK)
    assert week.monday == dt.date(2025, 9, 29) and week.week_number == 5
    monday, wednesday = week.days[0], week.days[2]
    assert [(s.start, s.end, s.duty) for s in monday.slots] == [
        ("12:10", "13:00", "李心怡"),
        ("16:00", "17:30", "周敏"),
    ]
    assert wednesday.holiday == "国庆节" and wednesday.closed
    assert week.booking_channels == ("当面", "电话", "网络")
    friday = week_schedule(counsellor, SPORTS_DAY_WEEK).days[4]
    assert friday.closure == "校运动会" and friday.holiday is None


def test_the_pdf_is_one_landscape_a4_page_with_the_font_embedded(counsellor, tmp_path):  # noqa: F811
    pdf = build_schedule_pdf(week_schedule(counsellor, NATIONAL_DAY_WEEK))
    assert pdf.data.startswith(b"%PDF") and pdf.pages == 1
    ((width, height),) = page_sizes(pdf.data)
    assert abs(width - 841.89) < 1 and abs(height - 595.28) < 1
    assert_fonts_embedded(pdf.data, tmp_path)


def test_the_door_reads_week_dates_duty_booking_and_help_lines(counsellor):  # noqa: F811
    text = squash(pdf_text(build_schedule_pdf(week_schedule(counsellor, NATIONAL_DAY_WEEK)).data))
    for words in (
        "心理辅导室开放安排",
        "第5周",
        "9月29日",
        "10月3日",
        "星期一",
        "12:10—13:00",
        "李心怡",
        "周敏",
        "值班教师待定",
        "国庆节",
        "放假",
        "如何预约",
        "电话：拨打校内求助电话",
        "0527-88881234",
        "悄悄话",
        "12356",
    ):
        assert squash(words) in text, words


def test_a_closure_day_shows_its_reason(counsellor):  # noqa: F811
    text = squash(pdf_text(build_schedule_pdf(week_schedule(counsellor, SPORTS_DAY_WEEK)).data))
    assert "暂停开放校运动会" in text and "第11周" in text


def test_no_student_name_reaches_the_door(counsellor):  # noqa: F811
    for day in (NATIONAL_DAY_WEEK, SPORTS_DAY_WEEK, dt.date(2025, 12, 3)):
        pdf = build_schedule_pdf(week_schedule(counsellor, day))
        text = pdf_text(pdf.data)
        for name in (*RARE_NAMES, MISSING_GLYPH_NAME, "20250001"):
            assert name not in text
        assert pdf.missing_characters == ()


@pytest.mark.parametrize("day", [dt.date(2025, 8, 10), dt.date(2026, 2, 10)])
def test_a_week_outside_every_term_still_prints_and_says_so(counsellor, day):  # noqa: F811
    week = week_schedule(counsellor, day)
    assert week.term is None and week.week_number is None
    text = squash(pdf_text(build_schedule_pdf(week).data))
    assert "本周不在学期内" in text and "第" not in text.split("本周不在学期内")[0][-20:]


def test_writing_the_schedule_logs_the_printout(counsellor, tmp_path):  # noqa: F811
    path = tmp_path / "door.pdf"
    write_schedule_pdf(counsellor, NATIONAL_DAY_WEEK, path)
    assert path.read_bytes().startswith(b"%PDF")
    entry = counsellor.audit.entries()[0]
    assert entry.action == "print"
    assert entry.detail == {"report": "room_schedule", "week": "2025-10-01"}
