"""筛查待约谈: the students a scale screening flagged, overdue first, each opened to its interview.

The rows come from :func:`counselor_app.dashboard.screening_worklist.screening_worklist` on the
database worker (the same list as the dashboard and ``counselor-app screening worklist``); the
filter (全部 / 逾期 / 今天到期) only narrows what was read. A double-click, Enter or 记录约谈…
opens the interview dialog. The list reads again whenever a screening or an interview is written,
wherever that happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.dashboard.screening_worklist import screening_worklist
from counselor_app.foundation.change import Change
from counselor_app.school.core import School
from counselor_app.screening.worklist import WorklistEntry
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.screening.interview_dialog import InterviewDialog, open_interview
from counselor_app.ui.tasks import TaskRunner

OVERDUE_COLOUR = "#b3261e"
# The record types whose writes can change the worklist.
WATCHED = frozenset({"screening", "screening_interview", "student"})
ALL, OVERDUE, DUE_TODAY = "all", "overdue", "today"


class WorklistModel(RowTableModel[WorklistEntry]):
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    (NUMBER, NAME, CLASS, SCALE, DATE, SCORE, BAND, CRITICAL, DUE, STATUS) = range(10)

    def columns(self) -> tuple[Column[Any], ...]:
        red = QBrush(QColor(OVERDUE_COLOUR))

        def urgent(entry: WorklistEntry) -> Any:
            return red if entry.overdue else None

        return (
            Column(lambda: self.tr("学号"), lambda e: e.student_no),
            Column(lambda: self.tr("姓名"), lambda e: e.student_name),
            Column(lambda: self.tr("班级"), lambda e: e.class_name),
            Column(lambda: self.tr("量表"), lambda e: e.scale_name),
            Column(lambda: self.tr("测评日期"), lambda e: e.on.isoformat()),
            Column(lambda: self.tr("总分"), lambda e: e.score_text),
            Column(lambda: self.tr("分级"), lambda e: e.band_label.render()),
            Column(
                lambda: self.tr("关键题"),
                lambda e: self.tr("是") if e.critical else self.tr("否"),
                foreground=lambda e: red if e.critical else None,
            ),
            Column(lambda: self.tr("应约谈日期"), lambda e: e.due_on.isoformat()),
            Column(lambda: self.tr("状态"), lambda e: e.status_label.render(), foreground=urgent),
        )


class WorklistTab(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.entries: list[WorklistEntry] = []
        self.loaded = False
        self._generation = 0
        self.dialog: InterviewDialog | None = None

        self.filter_box = QComboBox()
        for code, label in (
            (ALL, self.tr("全部")),
            (OVERDUE, self.tr("逾期")),
            (DUE_TODAY, self.tr("今天到期")),
        ):
            self.filter_box.addItem(label, code)
        self.filter_box.currentIndexChanged.connect(lambda _: self._show())
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.interview_button = QPushButton(self.tr("记录约谈…"))
        self.interview_button.setEnabled(False)
        self.interview_button.clicked.connect(self.interview_selected)

        self.model = WorklistModel(self)
        self.table = row_table_view(self.model, self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.interview_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.installEventFilter(self)

        note = QLabel(
            self.tr(
                "量表测评提示需约谈的学生：关键题作答者当天约谈，其他在设置的上课日内约谈"
                "（设置 › 筛查）。测评结果不会自动设定风险等级。"
            )
        )
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("显示")))
        top.addWidget(self.filter_box)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.interview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

        hub = RecordChanges.of(runner)
        hub.changed.connect(self._on_change)
        hub.types_changed.connect(self._on_types_changed)
        hub.everything_changed.connect(self.refresh)

    # -- loading -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.run(screening_worklist, self._school, owner=self).on_success(
            lambda entries: self._loaded(generation, entries)
        )

    def _loaded(self, generation: int, entries: Sequence[WorklistEntry]) -> None:
        if generation != self._generation:
            return
        self.entries = list(entries)
        self.loaded = True
        self._show()

    def _on_change(self, change: Change) -> None:
        if change.record_type in WATCHED and self.loaded:
            self.refresh()

    def _on_types_changed(self, record_types: frozenset[str]) -> None:
        if record_types & WATCHED and self.loaded:
            self.refresh()

    # -- showing -------------------------------------------------------------------------------
    def shown_filter(self) -> str:
        return str(self.filter_box.currentData())

    def set_filter(self, code: str) -> None:
        self.filter_box.setCurrentIndex(max(0, self.filter_box.findData(code)))

    def _show(self) -> None:
        chosen = self.shown_filter()
        rows = [
            e
            for e in self.entries
            if chosen == ALL
            or (chosen == OVERDUE and e.overdue)
            or (chosen == DUE_TODAY and e.due_today)
        ]
        self.model.set_rows(rows)
        overdue = sum(e.overdue for e in self.entries)
        self.count_label.setText(
            self.tr("共 {count} 人次，逾期 {overdue}").format(
                count=len(self.entries), overdue=overdue
            )
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.interview_button.setEnabled(
            self._school.user.is_counsellor and self.selected_row() is not None
        )

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # -- the interview -------------------------------------------------------------------------
    def interview_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.interview_row(row)

    def interview_row(self, row: int) -> InterviewDialog | None:
        if not self._school.user.is_counsellor or not 0 <= row < self.model.rowCount():
            return None
        return self.open_interview(self.model.row_at(row))

    def open_interview(self, entry: WorklistEntry) -> InterviewDialog:
        self.dialog = open_interview(self, self._school, self._runner, entry)
        return self.dialog

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.interview_selected()
            return True
        return super().eventFilter(watched, event)
