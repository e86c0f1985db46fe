"""Table models of the 辅导室 page: the week grid of open slots, the list of slots, closure days.

Thin views over what :mod:`counselor_app.room.rules` read on the database worker; no rule is decided here
(which day is closed, whose duty it is and what counts as open all come from the core).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from counselor_app.foundation.i18n import joined
from counselor_app.room.rules import ClosureDay, OpenSlot, RoomDay, RoomWeek, weekday_name
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT, TEXT_MUTED

Index = QModelIndex | QPersistentModelIndex

OPEN_FILL = QColor(ACCENT_LIGHT)
SHUT_FILL = QColor("#f1f3f3")  # no slot at that time
CLOSED_FILL = QColor("#fdecea")  # a holiday or closure day, as on the printed door schedule
CLOSED_INK = QColor("#b71c1c")
UNSTAFFED_INK = QColor("#9a5b00")


def day_heading(day: dt.date) -> str:
    """周一 10-20 / Mon 10-20."""
    return f"{weekday_name(day)} {day:%m-%d}"


def slot_time(slot: OpenSlot) -> str:
    return f"{slot.start}–{slot.end}"


class WeekGridModel(QAbstractTableModel):
    """Days across (Monday to Sunday), the week's distinct open times down; a cell is a slot.

    A holiday or closure day shows its reason in its first row; the view spans it down the column.
    """

    # The OpenSlot of a cell (None where the room is not open at that time).
    SLOT_ROLE = Qt.ItemDataRole.UserRole
    # The column's RoomDay.
    DAY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: tuple[RoomDay, ...] = ()
        self._times: list[tuple[str, str]] = []
        self._today: dt.date | None = None

    def set_week(self, week: RoomWeek | None, today: dt.date | None = None) -> None:
        self.beginResetModel()
        self._days = week.days if week is not None else ()
        self._times = sorted({(s.start, s.end) for d in self._days for s in d.slots})
        self._today = today
        self.endResetModel()

    def day(self, column: int) -> RoomDay:
        return self._days[column]

    def time(self, row: int) -> tuple[str, str]:
        return self._times[row]

    def closed_columns(self) -> list[int]:
        return [column for column, day in enumerate(self._days) if day.closed]

    def slots_at(self, row: int, column: int) -> list[OpenSlot]:
        start, end = self._times[row]
        return [s for s in self._days[column].slots if (s.start, s.end) == (start, end)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._times)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (
            0 <= index.row() < len(self._times) and 0 <= index.column() < len(self._days)
        ):
            return None
        day = self._days[index.column()]
        slots = self.slots_at(index.row(), index.column())
        if role == self.DAY_ROLE:
            return day
        if role == self.SLOT_ROLE:
            return slots[0] if slots else None
        if day.closed:
            return self._closed_data(day, index.row(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            if not slots:
                return ""
            names = [s.duty_name for s in slots if s.duty_name]
            return str(joined(names)) if names else self.tr("值班待定")
        if role == Qt.ItemDataRole.BackgroundRole:
            return OPEN_FILL if slots else SHUT_FILL
        if role == Qt.ItemDataRole.ForegroundRole and slots:
            return UNSTAFFED_INK if not any(s.duty_name for s in slots) else QColor(ACCENT)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and slots:
            return "\n".join(self._slot_tip(day, s) for s in slots)
        return None

    def _closed_data(self, day: RoomDay, row: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return closed_day_text(day) if row == 0 else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return CLOSED_FILL
        if role == Qt.ItemDataRole.ForegroundRole:
            return CLOSED_INK
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return closed_day_text(day)
        return None

    def _slot_tip(self, day: RoomDay, slot: OpenSlot) -> str:
        duty = slot.duty_name or self.tr("值班待定")
        valid = (
            self.tr("{first} 起生效").format(first=slot.valid_from)
            if slot.valid_to is None
            else self.tr("{first} 至 {last} 有效").format(first=slot.valid_from, last=slot.valid_to)
        )
        return self.tr("{day} {time} 值班：{duty}（{valid}）").format(
            day=weekday_name(day.date), time=slot_time(slot), duty=duty, valid=valid
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._days):
            day = self._days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return day_heading(day.date)
            if role == Qt.ItemDataRole.FontRole and day.date == self._today:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole and day.date == self._today:
                return self.tr("今天")
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._times):
            if role == Qt.ItemDataRole.DisplayRole:
                start, end = self._times[section]
                return f"{start}–{end}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
        return None


def closed_day_text(day: RoomDay) -> str:
    """放假 (国庆节) / 暂停开放 (校运动会), as the door schedule words it."""
    if day.holiday is not None:
        return QCoreApplication.translate("RoomText", "{holiday}\n放假").format(holiday=day.holiday)
    if day.closure:
        return QCoreApplication.translate("RoomText", "暂停开放\n{reason}").format(
            reason=day.closure
        )
    return QCoreApplication.translate("RoomText", "暂停开放")


class SlotListModel(RowTableModel[OpenSlot]):
    """The room_hours rows themselves, for adding, changing and removing them."""

    WEEKDAY, TIME, DUTY, VALID_FROM, VALID_TO = range(5)
    COLUMN_COUNT = 5
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def columns(self) -> tuple[Column[OpenSlot], ...]:
        return (
            Column(
                lambda: self.tr("星期"),
                # 2024-01-01 is a Monday
                lambda slot: str(weekday_name(dt.date(2024, 1, slot.weekday))),
            ),
            Column(lambda: self.tr("时间"), slot_time),
            Column(
                lambda: self.tr("值班教师"),
                lambda slot: slot.duty_name or self.tr("待定"),
                foreground=lambda slot: None if slot.duty_name else UNSTAFFED_INK,
            ),
            Column(lambda: self.tr("生效日期"), lambda slot: slot.valid_from),
            Column(
                lambda: self.tr("失效日期"),
                lambda slot: slot.valid_to or self.tr("长期"),
                foreground=lambda slot: QColor(TEXT_MUTED) if slot.valid_to is None else None,
            ),
        )


class ClosureListModel(RowTableModel[ClosureDay]):
    """The school's closure days (停开日期) around the shown week."""

    DATE, WEEKDAY, REASON = range(3)
    COLUMN_COUNT = 3
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def columns(self) -> tuple[Column[ClosureDay], ...]:
        return (
            Column(lambda: self.tr("日期"), lambda closure: closure.date.isoformat()),
            Column(lambda: self.tr("星期"), lambda closure: str(weekday_name(closure.date))),
            Column(
                lambda: self.tr("原因"),
                lambda closure: closure.reason,
                tooltip=lambda closure: closure.reason or None,
            ),
        )
