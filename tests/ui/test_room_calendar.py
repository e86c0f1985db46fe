"""The appointment calendar: overlapping appointments side by side, clicks in open time only, and
a click just after an appointment proposes its end, not a time inside it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from counselor_app.room.rules import Booking, OpenSlot, RoomDay, RoomWeek
from counselor_app.ui.room.calendar_view import AppointmentCalendar

MONDAY = dt.date(2025, 10, 20)


def booking(ident: int, start: str, minutes: int = 50, state: str = "pending") -> Booking:
    return Booking(ident, MONDAY, start, minutes, None, "", "", "", f"家长{ident}", "phone", state)


def week(*bookings: Booking) -> RoomWeek:
    slot = OpenSlot(1, 1, "10:00", "12:00", None, "", "2025-09-01", None)
    days = [RoomDay(MONDAY, (slot,))]
    days += [RoomDay(MONDAY + dt.timedelta(days=i), ()) for i in range(1, 7)]
    return RoomWeek(MONDAY, tuple(days), bookings, None, None, 0, 0)


def calendar(qtbot, shown: RoomWeek) -> AppointmentCalendar:
    view = AppointmentCalendar()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_week(shown, MONDAY)
    view.show()
    return view


def test_overlapping_appointments_share_their_time_side_by_side(qtbot) -> None:
    view = calendar(qtbot, week(booking(1, "10:00"), booking(2, "10:20"), booking(3, "11:10")))
    first, second, third = (view.booking_rect(i) for i in (1, 2, 3))
    assert first.width() == second.width() and first.right() < second.left()
    assert third.width() > 1.8 * first.width()  # alone after the overlap: the whole column
    assert view.booking_at(second.center()).id == 2


def test_clicks_book_only_in_free_open_time(qtbot) -> None:
    view = calendar(qtbot, week(booking(1, "10:00", 45)))
    asked: list[tuple[dt.date, str]] = []
    view.free_time_clicked.connect(lambda day, start: asked.append((day, start)))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.point_at(0, "11:12"))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.point_at(0, "10:47"))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.point_at(0, "10:10"))  # booked
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.point_at(0, "12:30"))  # closed
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.point_at(1, "10:30"))  # closed
    # 11:12 rounds down to 11:10; 10:47 would round into the appointment ending 10:45.
    assert asked == [(MONDAY, "11:10"), (MONDAY, "10:45")]
