"""开放时间与值班: the week grid of open slots with duty teachers, the slots themselves, closure days.

The grid shows the week the page is on; double-clicking a slot edits it, an empty cell adds a slot
at that weekday and time. Below, the room_hours rows of the week (or all of them) and the closure
days of the term, each with add, change and delete. The tab only shows and asks; the page writes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.room.rules import ClosureDay, OpenSlot, RoomWeek
from counselor_app.ui.room.models import ClosureListModel, SlotListModel, WeekGridModel
from counselor_app.ui.row_table_view import row_table_view

GRID_ROW_HEIGHT = 40
GRID_MAX_ROWS_SHOWN = 6


def _list_view(model: SlotListModel | ClosureListModel) -> QTableView:
    view = row_table_view(model)
    view.horizontalHeader().setHighlightSections(False)
    return view


class RosterTab(QWidget):
    # (record_type, the record or None for a new one, initial values for a new one)
    edit_requested = Signal(str, object, object)
    # (record_type, the record)
    delete_requested = Signal(str, object)
    # The "all slots" box changed: the page reloads the list.
    show_all_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = WeekGridModel(self)
        self.grid = QTableView()
        self.grid.setModel(self.grid_model)
        self.grid.setObjectName("weekGrid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setHighlightSections(False)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid.verticalHeader().setDefaultSectionSize(GRID_ROW_HEIGHT)
        self.grid.verticalHeader().setHighlightSections(False)
        self.grid.doubleClicked.connect(self._grid_activated)
        self.grid_note = QLabel(
            self.tr("本周没有登记开放时间。点“添加时段”登记每周的开放时间和值班教师。")
        )
        self.grid_note.setObjectName("placeholderNote")
        self.grid_note.setWordWrap(True)
        self.grid_note.hide()
        grid_hint = QLabel(self.tr("双击时段可修改，双击空白处在该时间添加时段。"))
        grid_hint.setObjectName("resultCount")

        self.slot_model = SlotListModel(self)
        self.slot_view = _list_view(self.slot_model)
        header = self.slot_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SlotListModel.DUTY, QHeaderView.ResizeMode.Stretch)
        self.slot_view.doubleClicked.connect(lambda index: self._edit_slot())
        self.show_all = QCheckBox(self.tr("显示全部时段（含已失效的）"))
        self.show_all.toggled.connect(self.show_all_changed)
        self.add_slot_button = QPushButton(self.tr("添加时段…"))
        self.edit_slot_button = QPushButton(self.tr("修改…"))
        self.delete_slot_button = QPushButton(self.tr("删除"))
        self.add_slot_button.clicked.connect(
            lambda: self.edit_requested.emit("room_hours", None, None)
        )
        self.edit_slot_button.clicked.connect(self._edit_slot)
        self.delete_slot_button.clicked.connect(self._delete_slot)
        slots_box = QGroupBox(self.tr("开放时段与值班教师"))
        slots_layout = QVBoxLayout(slots_box)
        slots_layout.addWidget(self.slot_view, 1)
        slot_buttons = QHBoxLayout()
        slot_buttons.addWidget(self.show_all)
        slot_buttons.addStretch(1)
        for button in (self.add_slot_button, self.edit_slot_button, self.delete_slot_button):
            slot_buttons.addWidget(button)
        slots_layout.addLayout(slot_buttons)

        self.closure_model = ClosureListModel(self)
        self.closure_view = _list_view(self.closure_model)
        closure_header = self.closure_view.horizontalHeader()
        closure_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        closure_header.setSectionResizeMode(ClosureListModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.closure_view.doubleClicked.connect(lambda index: self._edit_closure())
        self.add_closure_button = QPushButton(self.tr("添加…"))
        self.edit_closure_button = QPushButton(self.tr("修改…"))
        self.delete_closure_button = QPushButton(self.tr("删除"))
        self.add_closure_button.clicked.connect(
            lambda: self.edit_requested.emit("closure_day", None, None)
        )
        self.edit_closure_button.clicked.connect(self._edit_closure)
        self.delete_closure_button.clicked.connect(self._delete_closure)
        self.closures_box = QGroupBox(self.tr("停开日期"))
        closures_layout = QVBoxLayout(self.closures_box)
        closures_layout.addWidget(self.closure_view, 1)
        closure_buttons = QHBoxLayout()
        closure_buttons.addStretch(1)
        for button in (
            self.add_closure_button,
            self.edit_closure_button,
            self.delete_closure_button,
        ):
            closure_buttons.addWidget(button)
        closures_layout.addLayout(closure_buttons)

        lists = QHBoxLayout()
        lists.addWidget(slots_box, 3)
        lists.addWidget(self.closures_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.grid)
        layout.addWidget(self.grid_note)
        layout.addWidget(grid_hint)
        layout.addSpacing(4)
        layout.addLayout(lists, 1)

        for view in (self.slot_view, self.closure_view):
            view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- data ----------------------------------------------------------------------------------
    def set_week(self, week: RoomWeek | None, today: dt.date | None = None) -> None:
        self.grid_model.set_week(week, today)
        self.grid.clearSpans()
        rows = self.grid_model.rowCount()
        if rows > 1:
            for column in self.grid_model.closed_columns():
                self.grid.setSpan(0, column, rows, 1)
        self.grid_note.setVisible(rows == 0)
        self.grid.setVisible(rows > 0)
        shown = min(rows, GRID_MAX_ROWS_SHOWN)
        header = self.grid.horizontalHeader().sizeHint().height()
        self.grid.setFixedHeight(header + shown * GRID_ROW_HEIGHT + 2 * self.grid.frameWidth())

    def set_slots(self, slots: list[OpenSlot]) -> None:
        self.slot_model.set_rows(slots)
        self._update_buttons()

    def set_closures(self, closures: list[ClosureDay], title: str) -> None:
        self.closure_model.set_rows(closures)
        self.closures_box.setTitle(title)
        self._update_buttons()

    # -- actions -------------------------------------------------------------------------------
    def _selected(self, view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        has_slot = self._selected(self.slot_view) is not None
        has_closure = self._selected(self.closure_view) is not None
        self.edit_slot_button.setEnabled(has_slot)
        self.delete_slot_button.setEnabled(has_slot)
        self.edit_closure_button.setEnabled(has_closure)
        self.delete_closure_button.setEnabled(has_closure)

    def _edit_slot(self) -> None:
        row = self._selected(self.slot_view)
        if row is not None:
            self.edit_requested.emit("room_hours", self.slot_model.row_at(row), None)

    def _delete_slot(self) -> None:
        row = self._selected(self.slot_view)
        if row is not None:
            self.delete_requested.emit("room_hours", self.slot_model.row_at(row))

    def _edit_closure(self) -> None:
        row = self._selected(self.closure_view)
        if row is not None:
            self.edit_requested.emit("closure_day", self.closure_model.row_at(row), None)

    def _delete_closure(self) -> None:
        row = self._selected(self.closure_view)
        if row is not None:
            self.delete_requested.emit("closure_day", self.closure_model.row_at(row))

    def _grid_activated(self, index: QModelIndex) -> None:
        slot = index.data(WeekGridModel.SLOT_ROLE)
        day = self.grid_model.day(index.column())
        if slot is not None:
            self.edit_requested.emit("room_hours", slot, None)
            return
        if day.closed:
            return
        start, end = self.grid_model.time(index.row())
        initial = {
            "weekday": day.date.isoweekday(),
            "start_time": start,
            "end_time": end,
            "valid_from": day.date.isoformat(),
        }
        self.edit_requested.emit("room_hours", None, initial)
