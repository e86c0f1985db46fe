"""辅导室 page on the demo school: the week grid with duty names, booking (refused on a clash with
the core's reason, accepted in free open time), changing state, weeks, printing the door schedule.

Today is Thursday 2025-10-16 (tests/conftest.py); the demo school opens the room 12:10–13:10 and
16:10–17:10 on school days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from counselor_app.demo_data import generate_demo_school
from counselor_app.records.service import RecordService
from counselor_app.room import first_free_start, room_week
from counselor_app.school import School
from counselor_app.selfcheck.calendar import monday_of
from counselor_app.ui.pages.room import RoomPage
from counselor_app.ui.room.models import WeekGridModel
from counselor_app.ui.tasks import TaskRunner

TODAY = dt.date(2025, 10, 16)
NEXT_MONDAY = dt.date(2025, 10, 20)


def type_text(widget: QWidget, text: str) -> None:
    """Type like an input method does; qtbot.keyClicks aborts Qt on non-ASCII text."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def demo(school: School) -> School:
    generate_demo_school(school, students=200, years=1, seed=1)
    return school


def open_page(qtbot, school: School, runner: TaskRunner) -> RoomPage:
    page = RoomPage(school, runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def wait_for_week(qtbot, page: RoomPage, monday: dt.date) -> None:
    qtbot.waitUntil(lambda: page.data is not None and page.data.week.monday == monday)


def appointments(school: School) -> int:
    return int(school.db.scalar("SELECT count(*) FROM appointment"))


def duty_names_on(school: School, day: dt.date) -> dict[str, str]:
    """(start–end) -> duty teacher, read straight from the tables."""
    rows = school.db.query(
        "SELECT r.start_time, r.end_time, s.name FROM room_hours r JOIN staff s"
        " ON s.id = r.duty_staff_id WHERE r.weekday = ? AND r.valid_from <= ?"
        " AND (r.valid_to IS NULL OR r.valid_to >= ?)",
        (day.isoweekday(), day.isoformat(), day.isoformat()),
    )
    return {f"{r[0]}–{r[1]}": r[2] for r in rows}


def test_the_week_grid_shows_the_demo_schools_slots_and_duty_names(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    model = page.roster.grid_model
    assert page.data.week.monday == monday_of(TODAY)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 6)] == [
        "周一 10-13",
        "周日 10-19",
    ]
    times = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert times == ["12:10–13:10", "16:10–17:10"]
    thursday = 3
    expected = duty_names_on(demo, TODAY)
    shown = {times[r]: model.index(r, thursday).data() for r in range(model.rowCount())}
    assert shown == expected and all(shown.values())
    assert model.index(0, 5).data() == ""  # Saturday: closed
    # The same week's numbers as the self-check: 10 open hours on 5 school days.
    assert page.hours_label.text() == "本周开放 10.0 小时 / 要求 8.0 小时"
    assert "第 7 周" in page.week_label.text()


def test_weeks_move_back_and_forth_and_back_to_this_week(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    assert not page.this_week_button.isEnabled()
    page.next_button.click()
    wait_for_week(qtbot, page, NEXT_MONDAY)
    assert "第 8 周" in page.week_label.text() and "10月20日–10月26日" in page.week_label.text()
    assert page.date_edit.date().toPython() == NEXT_MONDAY
    assert page.this_week_button.isEnabled()
    page.previous_button.click()
    page.previous_button.click()
    wait_for_week(qtbot, page, dt.date(2025, 10, 6))
    # National Day week: Oct 6–8 are holidays, the hours needed shrink with the school days.
    assert page.roster.grid_model.day(0).holiday is not None
    assert "（2 个上学日）" in page.hours_label.text()
    page.this_week_button.click()
    wait_for_week(qtbot, page, monday_of(TODAY))
    page.date_edit.setDate(dt.date(2026, 7, 20))  # summer holidays
    wait_for_week(qtbot, page, dt.date(2026, 7, 20))
    assert page.hours_label.text() == "本周不在学期内，不计开放时长"


def test_booking_into_a_clash_shows_the_reason_and_writes_nothing(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    page.next_button.click()
    wait_for_week(qtbot, page, NEXT_MONDAY)
    taken = next(b for b in page.data.week.bookings if b.holds_time)
    before = appointments(demo)

    dialog = page.open_booking(taken.date, taken.start, None)
    qtbot.addWidget(dialog)
    reason = f"与 {taken.start}–{taken.end} 的预约冲突"
    qtbot.waitUntil(lambda: reason in dialog.problem_texts())  # shown before anything is typed
    type_text(dialog.parent_name, "张建国")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())  # the service answered
    assert dialog.isVisible() and reason in dialog.problem_texts()
    assert appointments(demo) == before


def test_booking_into_free_open_time_creates_the_appointment(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    page.next_button.click()
    wait_for_week(qtbot, page, NEXT_MONDAY)
    day, start = first_free_start(page.data.week, dt.datetime.combine(NEXT_MONDAY, dt.time(0)))
    column = (day - NEXT_MONDAY).days
    calendar = page.bookings.calendar
    requests: list[tuple] = []
    page.bookings.booking_requested.connect(lambda *args: requests.append(args))
    qtbot.mouseClick(calendar, Qt.MouseButton.LeftButton, pos=calendar.point_at(column, start))
    assert requests and requests[-1][:2] == (day, start)
    dialog = page.booking_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.values()["minutes"] == 50

    before = appointments(demo)
    student = demo.db.query_one("SELECT id, name FROM student WHERE status = 'enrolled' LIMIT 1")
    type_text(dialog.student.line, student["name"])
    qtbot.waitUntil(lambda: bool(dialog.student.hits))
    qtbot.keyClick(dialog.student.line, Qt.Key.Key_Return)  # picks the student, saves nothing
    namesakes = {
        r[0] for r in demo.db.query("SELECT id FROM student WHERE name = ?", (student["name"],))
    }
    qtbot.waitUntil(lambda: dialog.student_id in namesakes)
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    qtbot.wait(50)
    assert appointments(demo) == before and dialog.isVisible()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: appointments(demo) == before + 1)
    qtbot.waitUntil(lambda: page.booking_dialog is None)  # closed
    stored = demo.db.query_one("SELECT * FROM appointment ORDER BY id DESC LIMIT 1")
    assert (stored["date"], stored["start_time"], stored["minutes"]) == (day.isoformat(), start, 50)
    assert stored["channel"] == "phone" and stored["state"] == "pending"
    assert stored["student_id"] in namesakes
    qtbot.waitUntil(lambda: any(b.id == stored["id"] for b in page.data.week.bookings))


def test_the_context_menu_changes_an_appointments_state(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    page.next_button.click()
    wait_for_week(qtbot, page, NEXT_MONDAY)
    booking = next(b for b in page.data.week.bookings if b.state == "pending")
    menu = page.bookings.state_menu(booking)
    labels = [a.text() for a in menu.actions() if a.isCheckable()]
    assert labels == ["待确认", "已确认", "已完成", "取消", "未到"]
    next(a for a in menu.actions() if a.text() == "取消").trigger()
    state = "SELECT state FROM appointment WHERE id = ?"
    qtbot.waitUntil(lambda: demo.db.scalar(state, (booking.id,)) == "cancelled")
    qtbot.waitUntil(lambda: "已改为“取消”" in page.status_label.text())


def test_a_closure_day_deleted_comes_back_with_undo(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, demo, runner)
    closures = page.roster.closure_model
    qtbot.waitUntil(lambda: closures.rowCount() > 0)
    count = closures.rowCount()
    first = closures.row_at(0)
    page.delete_record("closure_day", first)
    qtbot.waitUntil(lambda: closures.rowCount() == count - 1)
    assert page.undo_button.isVisible() and "已删除停开日期" in page.status_label.text()
    page.undo_button.click()
    qtbot.waitUntil(lambda: closures.rowCount() == count)


def test_printing_the_week_writes_the_door_schedule_pdf(
    qtbot, demo: School, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "门牌"
    opened: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), ""))
    )
    monkeypatch.setattr(
        "counselor_app.ui.pages.room.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    page = open_page(qtbot, demo, runner)
    page.print_button.click()
    written = tmp_path / "门牌.pdf"
    qtbot.waitUntil(lambda: page.last_pdf == written)
    assert written.read_bytes().startswith(b"%PDF")
    assert opened == [str(written)]
    assert page.print_button.isEnabled() and str(written) in page.status_label.text()


def test_an_empty_school_says_there_are_no_hours_yet(
    qtbot, school: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, school, runner)
    page.tabs.setCurrentWidget(page.roster)
    assert page.roster.grid_note.isVisible() and not page.roster.grid.isVisible()
    assert page.hours_label.text() == "本周不在学期内，不计开放时长"
    RecordService(school).create(
        "term", {"name": "秋季学期", "first_day": "2025-09-01", "last_day": "2026-01-23"}
    )
    page.refresh()
    qtbot.waitUntil(lambda: page.data.week.term is not None)
    assert page.hours_label.text() == "本周开放 0.0 小时 / 要求 8.0 小时，不足"


def test_the_models_pass_the_model_tester(qtmodeltester, demo: School) -> None:
    from counselor_app.room import all_slots, closure_days
    from counselor_app.ui.room.models import ClosureListModel, SlotListModel

    week = room_week(demo.db, dt.date(2025, 10, 6))  # with holidays
    grid = WeekGridModel()
    grid.set_week(week, TODAY)
    qtmodeltester.check(grid)
    slots = SlotListModel()
    slots.set_rows(all_slots(demo.db))
    qtmodeltester.check(slots)
    closures = ClosureListModel()
    closures.set_rows(closure_days(demo.db, dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
    qtmodeltester.check(closures)
