"""预约: the week's appointments over the room's open hours, with a way to book by keyboard too.

Clicking free open time asks the page to book there; a right-click on an appointment offers its
states (已确认, 已完成, 取消, 未到 …), change and delete. The tab only shows and asks; the page
opens the dialog and writes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.vocab import APPOINTMENT_STATE
from counselor_app.room.rules import Booking, RoomWeek, first_free_start
from counselor_app.ui.room.calendar_view import STATE_COLOURS, AppointmentCalendar, booking_who

# The states offered in the menu, in the order a booking usually goes through them.
MENU_STATES = ("pending", "confirmed", "done", "cancelled", "no_show")
LEGEND_STATES = ("pending", "confirmed", "done", "cancelled")


class BookingsTab(QWidget):
    # (date, "HH:MM", Booking or None): book at that time, or change that booking.
    booking_requested = Signal(object, str, object)
    # (Booking, state code)
    state_change_requested = Signal(object, str)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now: dt.datetime | None = None
        self.calendar = AppointmentCalendar()
        self.calendar.free_time_clicked.connect(
            lambda day, start: self.booking_requested.emit(day, start, None)
        )
        self.calendar.booking_activated.connect(
            lambda booking: self.booking_requested.emit(booking.date, booking.start, booking)
        )
        self.calendar.booking_menu_requested.connect(self.show_menu)
        scroll = QScrollArea()
        scroll.setWidget(self.calendar)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.new_button = QPushButton(self.tr("新预约…"))
        self.new_button.setToolTip(self.tr("在本周下一个开放时段预约"))
        self.new_button.clicked.connect(self._book_next_open_time)
        hint = QLabel(self.tr("点击白色的开放时段预约；双击预约可修改，右键可改状态。"))
        hint.setObjectName("resultCount")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.new_button)
        bar.addSpacing(12)
        bar.addWidget(hint, 1)
        for state in LEGEND_STATES:
            bar.addWidget(self._legend_chip(state))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def _legend_chip(self, state: str) -> QLabel:
        fill, border = STATE_COLOURS[state]
        label = APPOINTMENT_STATE.label(state)
        if state == "cancelled":
            label = f"{label} / {APPOINTMENT_STATE.label('no_show')}"
        chip = QLabel(label)
        chip.setObjectName("legendChip")
        chip.setStyleSheet(
            f"QLabel#legendChip {{ background: {fill.name()}; border: 1px solid {border.name()};"
            " border-radius: 3px; padding: 1px 6px; }"
        )
        return chip

    def set_week(self, week: RoomWeek | None, now: dt.datetime) -> None:
        self._now = now
        self.calendar.set_week(week, now.date(), now.hour * 60 + now.minute)

    def next_open_time(self) -> tuple[dt.date, str] | None:
        """The first free open time of the shown week from now on (the core finds it)."""
        week = self.calendar.week
        if week is None or self._now is None:
            return None
        start_of_week = dt.datetime.combine(week.monday, dt.time(0, 0), self._now.tzinfo)
        return first_free_start(week, max(self._now, start_of_week))

    def _book_next_open_time(self) -> None:
        found = self.next_open_time()
        if found is None:  # a full or closed week: the dialog says why the proposal fails
            week = self.calendar.week
            today = self._now.date() if self._now else dt.date.today()
            found = (today if week is None else max(today, week.monday), "12:00")
        self.booking_requested.emit(found[0], found[1], None)

    def state_menu(self, booking: Booking) -> QMenu:
        menu = QMenu(self)
        title = menu.addAction(f"{booking.start}–{booking.end} {booking_who(booking)}")
        title.setEnabled(False)
        menu.addSeparator()
        group = QActionGroup(menu)
        for state in MENU_STATES:
            action = QAction(APPOINTMENT_STATE.label(state), menu)
            action.setCheckable(True)
            action.setChecked(state == booking.state)
            action.setData(state)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(
                lambda checked=False, code=state: self._change_state(booking, code)
            )
        menu.addSeparator()
        change = menu.addAction(self.tr("修改预约…"))
        change.triggered.connect(
            lambda: self.booking_requested.emit(booking.date, booking.start, booking)
        )
        delete = menu.addAction(self.tr("删除预约"))
        delete.triggered.connect(lambda: self.delete_requested.emit(booking))
        return menu

    def show_menu(self, booking: Booking, where: QPoint) -> None:
        menu = self.state_menu(booking)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    def _change_state(self, booking: Booking, state: str) -> None:
        if state != booking.state:
            self.state_change_requested.emit(booking, state)
