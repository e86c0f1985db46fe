"""The week's appointments drawn over the room's open hours: days across, time of day down.

One painted widget (no child widget per appointment): closed time is grey, a holiday or closure
day is marked with its reason, open time is white and can be clicked to book, and each appointment
is a block coloured by its state. Appointments that overlap (history, or a cancelled one under a
new one) share their time side by side.

What is open, and which appointments hold time, comes from :mod:`counselor_app.room.rules`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from counselor_app.foundation.vocab import APPOINTMENT_STATE, BOOKING_CHANNEL
from counselor_app.room.rules import Booking, RoomDay, RoomWeek, clock_time, minutes_of
from counselor_app.ui.room.models import CLOSED_FILL, CLOSED_INK, day_heading
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT, TEXT_MUTED

HEADER_HEIGHT = 48
GUTTER_WIDTH = 52
MIN_HOUR_HEIGHT = 36
# Where a click in open time starts the booking: on this grid, counted from the slot's start.
CLICK_STEP_MINUTES = 10
DEFAULT_RANGE = (8 * 60, 17 * 60)
MIN_RANGE_MINUTES = 4 * 60

SHUT_FILL = QColor("#e9ecec")
OPEN_FILL = QColor("#ffffff")
GRID_LINE = QColor("#d9dfdf")
# (fill, border) per appointment state.
STATE_COLOURS = {
    "pending": (QColor("#fff4e5"), QColor("#e0a040")),
    "confirmed": (QColor("#d6ebea"), QColor(ACCENT)),
    "done": (QColor("#e6efe4"), QColor("#5f8f5a")),
    "cancelled": (QColor("#f3f4f4"), QColor("#b8bfbf")),
    "no_show": (QColor("#f3f4f4"), QColor("#b8bfbf")),
}


def booking_who(booking: Booking) -> str:
    """张三 / 张建国（家长）: the person the booking is for."""
    if booking.student_name:
        return booking.student_name
    return QCoreApplication.translate("AppointmentCalendar", "{parent}（家长）").format(
        parent=booking.parent_name
    )


def booking_tip(booking: Booking) -> str:
    lines = [f"{booking.date:%Y-%m-%d} {booking.start}–{booking.end}"]
    if booking.student_name:
        student = " ".join(
            part for part in (booking.student_name, booking.class_name, booking.student_no) if part
        )
        lines.append(
            QCoreApplication.translate("AppointmentCalendar", "学生：{student}").format(
                student=student
            )
        )
    if booking.parent_name:
        lines.append(
            QCoreApplication.translate("AppointmentCalendar", "家长：{parent}").format(
                parent=booking.parent_name
            )
        )
    lines.append(
        QCoreApplication.translate("AppointmentCalendar", "渠道：{channel}").format(
            channel=BOOKING_CHANNEL.label(booking.channel)
        )
    )
    lines.append(
        QCoreApplication.translate("AppointmentCalendar", "状态：{state}").format(
            state=APPOINTMENT_STATE.label(booking.state)
        )
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class _Placed:
    booking: Booking
    column: int
    lane: int
    lanes: int


def _place(bookings: list[Booking], column: int) -> list[_Placed]:
    """Overlapping bookings of one day side by side: each gets a lane within its cluster."""
    placed: list[_Placed] = []
    cluster: list[tuple[Booking, int]] = []
    lane_ends: list[int] = []
    cluster_end = -1

    def close_cluster() -> None:
        for booking, lane in cluster:
            placed.append(_Placed(booking, column, lane, len(lane_ends)))

    for booking in sorted(bookings, key=lambda b: (b.start, -b.minutes, b.id)):
        start = minutes_of(booking.start)
        end = start + booking.minutes
        if cluster and start >= cluster_end:  # nothing before reaches this one: a new cluster
            close_cluster()
            cluster, lane_ends = [], []
        lane = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        cluster.append((booking, lane))
        cluster_end = max(cluster_end, end)
    if cluster:
        close_cluster()
    return placed


class AppointmentCalendar(QWidget):
    # A click in free open time: (date, "HH:MM").
    free_time_clicked = Signal(object, str)
    # A double-click on an appointment.
    booking_activated = Signal(object)
    # A right-click on an appointment: (Booking, global position).
    booking_menu_requested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._week: RoomWeek | None = None
        self._today: dt.date | None = None
        self._now_minute: int | None = None
        self._placed: list[_Placed] = []
        self._first, self._last = DEFAULT_RANGE
        self.setMinimumHeight(self._minimum_height())

    # -- data ----------------------------------------------------------------------------------
    def set_week(
        self, week: RoomWeek | None, today: dt.date | None = None, now_minute: int | None = None
    ) -> None:
        self._week = week
        self._today = today
        self._now_minute = now_minute
        self._placed = []
        if week is not None:
            for column, day in enumerate(week.days):
                todays = [b for b in week.bookings if b.date == day.date]
                self._placed += _place(todays, column)
        self._first, self._last = self._time_range()
        self.setMinimumHeight(self._minimum_height())
        self.update()

    @property
    def week(self) -> RoomWeek | None:
        return self._week

    def _time_range(self) -> tuple[int, int]:
        if self._week is None:
            return DEFAULT_RANGE
        starts, ends = [], []
        for day in self._week.days:
            for slot in day.slots:
                starts.append(minutes_of(slot.start))
                ends.append(minutes_of(slot.end))
        for booking in self._week.bookings:
            starts.append(minutes_of(booking.start))
            ends.append(minutes_of(booking.start) + booking.minutes)
        if not starts:
            return DEFAULT_RANGE
        first = max(0, math.floor(min(starts) / 60) * 60)
        last = min(24 * 60, math.ceil(max(ends) / 60) * 60)
        if last - first < MIN_RANGE_MINUTES:
            last = min(24 * 60, first + MIN_RANGE_MINUTES)
            first = min(first, last - MIN_RANGE_MINUTES)
        return first, last

    def _minimum_height(self) -> int:
        return HEADER_HEIGHT + (self._last - self._first) // 60 * MIN_HOUR_HEIGHT + 2

    def sizeHint(self) -> QSize:
        return QSize(760, max(self._minimum_height(), 420))

    # -- geometry ------------------------------------------------------------------------------
    def _columns(self) -> list[tuple[int, int]]:
        """(x, width) of each day; a day with neither open time nor bookings is narrower."""
        if self._week is None:
            return []
        busy = {p.column for p in self._placed}
        weights = [
            1.0 if (day.slots and not day.closed) or column in busy or day.closed else 0.55
            for column, day in enumerate(self._week.days)
        ]
        available = max(1, self.width() - GUTTER_WIDTH - 1)
        unit = available / sum(weights)
        columns, x = [], float(GUTTER_WIDTH)
        for weight in weights:
            columns.append((round(x), round(x + weight * unit) - round(x)))
            x += weight * unit
        return columns

    def _y(self, minute: int) -> float:
        span = max(1, self._last - self._first)
        return HEADER_HEIGHT + (minute - self._first) * (self.height() - HEADER_HEIGHT - 1) / span

    def _minute_at(self, y: float) -> int:
        span = max(1, self._last - self._first)
        return self._first + int((y - HEADER_HEIGHT) * span / max(1, self.height() - HEADER_HEIGHT))

    def _column_at(self, x: int) -> int | None:
        for column, (left, width) in enumerate(self._columns()):
            if left <= x < left + width:
                return column
        return None

    def _booking_rect(self, placed: _Placed) -> QRectF:
        left, width = self._columns()[placed.column]
        lane_width = (width - 6) / placed.lanes
        start = minutes_of(placed.booking.start)
        top = self._y(start)
        bottom = self._y(start + placed.booking.minutes)
        return QRectF(
            left + 3 + placed.lane * lane_width, top + 1, lane_width - 2, bottom - top - 2
        )

    def booking_rect(self, booking_id: int) -> QRect:
        """Where an appointment is drawn (for tests and accessibility tools)."""
        for placed in self._placed:
            if placed.booking.id == booking_id:
                return self._booking_rect(placed).toAlignedRect()
        return QRect()

    def point_at(self, column: int, hhmm: str) -> QPoint:
        """The point in a day's column at a time of day (a little below it)."""
        left, width = self._columns()[column]
        return QPoint(left + width // 2, round(self._y(minutes_of(hhmm))) + 2)

    def booking_at(self, pos: QPoint) -> Booking | None:
        # Active bookings are drawn last, so they win where a released one lies under them.
        for placed in reversed(self._drawing_order()):
            if self._booking_rect(placed).contains(pos.toPointF()):
                return placed.booking
        return None

    def _drawing_order(self) -> list[_Placed]:
        return sorted(self._placed, key=lambda p: p.booking.holds_time)

    def free_time_at(self, pos: QPoint) -> tuple[dt.date, str] | None:
        """The date and proposed start time of a click in open time, or None."""
        if self._week is None or pos.y() < HEADER_HEIGHT or self.booking_at(pos) is not None:
            return None
        column = self._column_at(pos.x())
        if column is None:
            return None
        day = self._week.days[column]
        minute = self._minute_at(pos.y())
        for start, end in day.open_spans():
            if start <= minute < end:
                proposed = start + (minute - start) // CLICK_STEP_MINUTES * CLICK_STEP_MINUTES
                # Rounded down into the appointment just before: start where that one ends.
                for placed in self._placed:
                    booking = placed.booking
                    if booking.date == day.date and booking.holds_time:
                        booking_start = minutes_of(booking.start)
                        if booking_start <= proposed < booking_start + booking.minutes <= minute:
                            proposed = booking_start + booking.minutes
                return day.date, clock_time(proposed)
        return None

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if self._week is None:
            return
        columns = self._columns()
        for column, day in enumerate(self._week.days):
            self._paint_day(painter, day, *columns[column])
        self._paint_hours(painter)
        for placed in self._drawing_order():
            self._paint_booking(painter, placed)
        self._paint_now(painter, columns)
        painter.end()

    def _paint_day(self, painter: QPainter, day: RoomDay, left: int, width: int) -> None:
        body = QRectF(left, HEADER_HEIGHT, width, self.height() - HEADER_HEIGHT)
        is_today = day.date == self._today
        header = QRectF(left, 0, width, HEADER_HEIGHT)
        painter.fillRect(header, QColor(ACCENT_LIGHT) if is_today else QColor("#f3f5f5"))
        font = QFont(self.font())
        font.setBold(is_today)
        painter.setFont(font)
        painter.setPen(QColor(ACCENT) if is_today else QColor("#2b3335"))
        first_line = QRectF(left, 4, width, HEADER_HEIGHT / 2 - 2)
        painter.drawText(first_line, Qt.AlignmentFlag.AlignCenter, day_heading(day.date))
        note = ""
        if day.holiday is not None:
            note = str(day.holiday)
        elif day.closure is not None:
            note = QCoreApplication.translate("AppointmentCalendar", "暂停开放")
        elif not day.in_term:
            note = QCoreApplication.translate("AppointmentCalendar", "学期外")
        if note:
            small = QFont(self.font())
            small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
            painter.setFont(small)
            painter.setPen(CLOSED_INK if day.closed else QColor(TEXT_MUTED))
            second = QRectF(left, HEADER_HEIGHT / 2, width, HEADER_HEIGHT / 2 - 2)
            text = QFontMetrics(small).elidedText(note, Qt.TextElideMode.ElideRight, width - 4)
            painter.drawText(second, Qt.AlignmentFlag.AlignCenter, text)
        if day.closed:
            painter.fillRect(body, CLOSED_FILL)
            painter.fillRect(body, QBrush(QColor("#f5c9c4"), Qt.BrushStyle.BDiagPattern))
            painter.setPen(CLOSED_INK)
            painter.setFont(self.font())
            reason = str(day.holiday) if day.holiday is not None else day.closure
            painter.drawText(
                body.adjusted(4, 8, -4, 0),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                reason or QCoreApplication.translate("AppointmentCalendar", "暂停开放"),
            )
        else:
            painter.fillRect(body, SHUT_FILL)
            for start, end in day.open_spans():
                top, bottom = self._y(start), self._y(end)
                painter.fillRect(QRectF(left, top, width, bottom - top), OPEN_FILL)
                painter.fillRect(QRectF(left, top, 3, bottom - top), QColor(ACCENT))
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawLine(left, 0, left, self.height())

    def _paint_hours(self, painter: QPainter) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        painter.setFont(small)
        for minute in range(self._first, self._last + 1, 60):
            y = round(self._y(minute))
            painter.setPen(QPen(GRID_LINE, 1, Qt.PenStyle.DotLine))
            painter.drawLine(GUTTER_WIDTH, y, self.width(), y)
            if minute < self._last:
                painter.setPen(QColor(TEXT_MUTED))
                painter.drawText(
                    QRect(0, y - 2, GUTTER_WIDTH - 6, 20),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    clock_time(minute),
                )
        painter.setPen(QPen(GRID_LINE, 1))
        painter.drawLine(0, HEADER_HEIGHT, self.width(), HEADER_HEIGHT)
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())

    def _paint_booking(self, painter: QPainter, placed: _Placed) -> None:
        booking = placed.booking
        rect = self._booking_rect(placed)
        fill, border = STATE_COLOURS.get(booking.state, STATE_COLOURS["pending"])
        painter.setPen(QPen(border, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), border)
        font = QFont(self.font())
        font.setStrikeOut(not booking.holds_time)
        painter.setFont(font)
        painter.setPen(QColor(TEXT_MUTED) if not booking.holds_time else QColor("#1f2a2c"))
        metrics = QFontMetrics(font)
        text_rect = rect.adjusted(6, 2, -3, -2)
        line_height = metrics.height()
        first = f"{booking.start} {booking_who(booking)}"
        width = int(text_rect.width())
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            metrics.elidedText(first, Qt.TextElideMode.ElideRight, width),
        )
        if text_rect.height() >= 2 * line_height:
            small = QFont(self.font())
            small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
            painter.setFont(small)
            painter.setPen(QColor(TEXT_MUTED))
            second = " · ".join(
                (APPOINTMENT_STATE.label(booking.state), BOOKING_CHANNEL.label(booking.channel))
            )
            painter.drawText(
                text_rect.adjusted(0, line_height, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, width),
            )

    def _paint_now(self, painter: QPainter, columns: list[tuple[int, int]]) -> None:
        if self._week is None or self._today is None or self._now_minute is None:
            return
        if not self._first <= self._now_minute <= self._last:
            return
        for column, day in enumerate(self._week.days):
            if day.date == self._today:
                left, width = columns[column]
                y = self._y(self._now_minute)
                painter.setPen(QPen(QColor("#c0392b"), 2))
                painter.drawLine(QPoint(left, round(y)), QPoint(left + width, round(y)))

    # -- mouse ---------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        clickable = self.booking_at(pos) is not None or self.free_time_at(pos) is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            free = self.free_time_at(event.position().toPoint())
            if free is not None:
                self.free_time_clicked.emit(*free)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        booking = self.booking_at(event.position().toPoint())
        if booking is not None:
            self.booking_activated.emit(booking)
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        booking = self.booking_at(event.pos())
        if booking is not None:
            self.booking_menu_requested.emit(booking, event.globalPos())
            event.accept()
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tip_at(self, pos: QPoint) -> str:
        booking = self.booking_at(pos)
        if booking is not None:
            return booking_tip(booking)
        free = self.free_time_at(pos)
        if free is not None:
            return QCoreApplication.translate("AppointmentCalendar", "点击预约 {time}").format(
                time=free[1]
            )
        column = self._column_at(pos.x())
        if self._week is None or column is None or pos.y() < HEADER_HEIGHT:
            return ""
        day = self._week.days[column]
        reason = day.closed_reason()
        if reason is not None:
            return str(reason)
        return QCoreApplication.translate("AppointmentCalendar", "辅导室此时不开放")
