"""Screenshots of the 辅导室 page on the demo school at 1366×768: both tabs, the booking dialog
(free time and a clash), the slot form and the appointment menu.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_room.py OUTDIR [--lang en]
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.ui.pages.room import RoomPage


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=300).parse_args(argv)
    with demo_school(args, prefix="counselor-room-") as (runner, school, _root):
        window = show_main_window(school, runner)
        page = window.show_section("room")
        assert isinstance(page, RoomPage)
        settle(runner)
        out = args.outdir
        grab(window, out / "room-1-bookings.png")

        page.tabs.setCurrentIndex(1)
        settle(runner)
        grab(window, out / "room-2-roster.png")

        page.show_week(school.today() + dt.timedelta(days=7))
        settle(runner)
        grab(window, out / "room-3-roster-next-week.png")
        page.tabs.setCurrentIndex(0)
        settle(runner)
        grab(window, out / "room-4-bookings-next-week.png")

        week = page.data.week if page.data else None
        booking = next((b for b in week.bookings if b.holds_time), None) if week else None
        if booking is not None:
            dialog = page.open_booking(booking.date, booking.start, None)
            settle(runner, 0.8)
            grab(window, out / "room-5-booking-clash.png")
            dialog.reject()
            menu = page.bookings.state_menu(booking)
            rect = page.bookings.calendar.booking_rect(booking.id)
            menu.popup(page.bookings.calendar.mapToGlobal(rect.center() + QPoint(10, 0)))
            settle(runner)
            grab(window, out / "room-6-state-menu.png")
            menu.close()
        free = page.bookings.next_open_time()
        if free is not None:
            dialog = page.open_booking(free[0], free[1], None)
            settle(runner, 0.8)
            grab(window, out / "room-7-booking-free.png")
            dialog.reject()
        page.tabs.setCurrentIndex(1)
        settle(runner)
        slot = page.roster.slot_model.row_at(0) if page.roster.slot_model.rowCount() else None
        form = page.open_roster_form("room_hours", slot, None)
        settle(runner, 0.6)
        grab(window, out / "room-8-slot-form.png")
        form.reject()
        QApplication.processEvents()
        if page.data and page.data.closures:
            page.show_week(page.data.closures[0].date)
            settle(runner)
            grab(window, out / "room-9-closure-week-roster.png")
            page.tabs.setCurrentIndex(0)
            settle(runner)
            grab(window, out / "room-10-closure-week-bookings.png")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
