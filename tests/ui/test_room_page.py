"""辅导室 page on the demo school: the week grid with duty names, booking (refused on a clash with
the core's reason, accepted in free open time), changing state, weeks, the door schedule in the
print preview (printed through it to a PDF file), saved as PDF, and closed by locking.

Today is Thursday 2025-10-16 (tests/conftest.py); the demo school opens the room 12:10–13:10 and
16:10–17:10 on school days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from counselor_app.demo.generator import generate_demo_school
from counselor_app.records.service import RecordService
from counselor_app.room.rules import first_free_start, room_week
from counselor_app.school.core import School
from counselor_app.ui.pages.room import RoomPage
from counselor_app.ui.print_preview import preview_pdf
from counselor_app.ui.room.models import WeekGridModel
from counselor_app.ui.tasks import TaskRunner
from counselor_app.years.calendar import monday_of
from tests.ui.conftest import finish_work

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
    finish_work(runner)
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


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_printing_the_week_shows_the_door_schedule_in_the_print_preview(
    qtbot, demo: School, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = tmp_path / "printed.pdf"
    shown: list[tuple[bytes, str]] = []

    def print_instead_of_showing(dialog: QPrintPreviewDialog) -> int:
        """What the preview's print button does: paint on a printer set up like the preview's."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setPageLayout(dialog.printer().pageLayout())
        printer.setFullPage(dialog.printer().fullPage())
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_instead_of_showing)
    page = open_page(qtbot, demo, runner)
    assert page.show_preview is preview_pdf
    real_preview = page.show_preview

    def watched(parent: QWidget, data: bytes, title: str) -> None:
        shown.append((data, title))
        real_preview(parent, data, title)

    page.show_preview = watched
    page.show_week(NEXT_MONDAY)
    wait_for_week(qtbot, page, NEXT_MONDAY)
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(shown))

    # The preview shows this week's door schedule, with its duty teachers.
    data, title = shown[0]
    assert title == "打印预览 · 本周开放安排"
    text = pdf_text(data)
    assert "心理辅导室开放安排" in text and demo.name in text
    assert "10月20日至10月26日" in text
    assert set(duty_names_on(demo, NEXT_MONDAY).values()) <= set(text.split())
    # Printed through the preview's printer: one landscape A4 page with the schedule on it.
    qtbot.waitUntil(printed.exists)
    document = pdfium.PdfDocument(printed.read_bytes())
    try:
        assert len(document) == 1
        width, height = document[0].get_size()
        assert width > height and abs(width - 842) < 3 and abs(height - 595) < 3
        image = document[0].render(scale=0.5).to_pil().convert("L")
        assert image.getextrema()[0] < 128  # not a blank sheet
    finally:
        document.close()
    assert page.print_button.isEnabled() and page.save_pdf_button.isEnabled()
    assert not page.open_folder_button.isVisible()
    printouts = [e.detail for e in demo.audit.entries() if e.action == "print"]
    assert printouts[0] == {"report": "room_schedule", "week": NEXT_MONDAY.isoformat()}


def test_saving_the_week_writes_the_door_schedule_pdf_and_opens_its_folder(
    qtbot, demo: School, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "U盘" / "门牌"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), ""))
    )
    page = open_page(qtbot, demo, runner)
    opened: list[QUrl] = []
    page.open_url = opened.append
    page.save_pdf_button.click()
    written = tmp_path / "U盘" / "门牌.pdf"
    qtbot.waitUntil(lambda: page.last_pdf == written)
    assert "心理辅导室开放安排" in pdf_text(written.read_bytes())
    assert page.status_label.text() == f"本周开放安排已保存到 {written}。"
    assert opened == []  # nothing opens by itself
    assert page.open_folder_button.isVisible() and not page.undo_button.isVisible()
    page.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(written.parent))]
    assert page.print_button.isEnabled() and page.save_pdf_button.isEnabled()


def test_without_pypdfium2_printing_saves_the_pdf_and_opens_it_in_the_reader(
    qtbot, demo: School, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "门牌.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), ""))
    )
    page = open_page(qtbot, demo, runner)
    page.show_preview = None
    opened: list[QUrl] = []
    page.open_url = opened.append
    page.print_button.click()
    qtbot.waitUntil(lambda: page.last_pdf == target)
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert "已用系统的阅读器打开" in page.status_label.text()


def test_locking_closes_the_door_schedule_preview_and_unlocks_back_to_the_room(
    qtbot, demo: School, runner: TaskRunner
) -> None:
    from shiboken6 import isValid

    from tests.conftest import PASSWORD
    from tests.ui.test_lock import Clocks, make_window, unlock_with

    window = make_window(qtbot, demo, runner, Clocks())
    manager = window.lock_manager
    page = window.show_section("room")
    qtbot.waitUntil(lambda: page.data is not None)
    previews: list[QPrintPreviewDialog] = []

    def lock_once_previewed() -> None:
        """Runs inside the preview's own event loop, as the idle lock would."""
        found = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QPrintPreviewDialog) and widget.isVisible()
        ]
        if not found:
            QTimer.singleShot(20, lock_once_previewed)
            return
        previews.append(found[0])
        manager.lock()

    QTimer.singleShot(0, lock_once_previewed)
    page.print_button.click()
    qtbot.waitUntil(lambda: manager.school_closed)
    assert previews and (not isValid(previews[0]) or not previews[0].isVisible())
    assert not isValid(page)

    with qtbot.waitSignal(manager.unlocked):
        unlock_with(qtbot, manager, PASSWORD)
    assert window.current_section() == "room"
    room = window.page("room")
    qtbot.waitUntil(lambda: room.data is not None)
    assert room.print_button.isEnabled()
    assert not any(
        isinstance(widget, QPrintPreviewDialog) and isValid(widget) and widget.isVisible()
        for widget in QApplication.topLevelWidgets()
    )


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
    from counselor_app.room.rules import all_slots, closure_days
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
