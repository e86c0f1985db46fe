"""Thin table models of the crisis workflow: the cases, one case's steps, its referral history;
and the proxy that filters cases by state (全部 / 进行中 / 逾期 / 已结案).

Rows come from ``counselor_app.crisis`` (``CaseLine``, ``StepStatus``, ``ReferralChange``);
what is due and overdue is computed there, never here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from counselor_app.crisis import CLOSED, OPEN, OVERDUE, ReferralChange, StepStatus
from counselor_app.crisis.cases import CaseLine
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.style import TEXT_MUTED

# The colour of what is overdue (as the dashboard's urgent items).
OVERDUE_COLOUR = "#b3261e"
ALL = "all"


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class CaseTableModel(RowTableModel[CaseLine]):
    STUDENT, STUDENT_NO, CLASS, LEVEL, CREATED, STATE, NEXT = range(7)
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def columns(self) -> tuple[Column[CaseLine], ...]:
        urgent = QColor(OVERDUE_COLOUR)
        muted = QColor(TEXT_MUTED)
        return (
            Column(lambda: self.tr("学生"), lambda line: line.student_name),
            Column(lambda: self.tr("学号"), lambda line: line.student_no),
            Column(lambda: self.tr("班级"), lambda line: line.class_name),
            Column(
                lambda: self.tr("等级"),
                lambda line: self.tr("{level}级").format(level=line.level),
                sort_key=lambda line: line.level,
            ),
            Column(
                lambda: self.tr("建立日期"),
                lambda line: _date(line.created_on),
                sort_key=lambda line: line.created_on.isoformat(),
            ),
            Column(
                lambda: self.tr("状态"),
                lambda line: line.state_text().render(),
                foreground=lambda line: (
                    urgent if line.state == OVERDUE else muted if line.state == CLOSED else None
                ),
                # The most overdue first when sorted descending; closed cases last.
                sort_key=lambda line: -1 if line.state == CLOSED else line.case.days_overdue,
            ),
            Column(lambda: self.tr("下一步"), self.next_text),
        )

    def next_text(self, line: CaseLine) -> str:
        step = line.next_step
        if step is None:
            return ""
        if step.overdue:
            return self.tr("{step}：应于 {due} 前完成").format(
                step=step.label.render(), due=_date(step.due_on)
            )
        return self.tr("{step}：{due} 前").format(step=step.label.render(), due=_date(step.due_on))

    def lines(self) -> list[CaseLine]:
        return list(self._rows)

    def row_of(self, plan_id: int) -> int | None:
        for number, line in enumerate(self._rows):
            if line.plan_id == plan_id:
                return number
        return None


class CaseFilterProxy(QSortFilterProxyModel):
    """Cases of one state (OPEN, OVERDUE, CLOSED) or of all (ALL); sorts by each column's key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = ALL
        self.setSortRole(CaseTableModel.SORT_ROLE)

    @property
    def state(self) -> str:
        return self._state

    def set_state(self, state: str) -> None:
        if state not in (ALL, OPEN, OVERDUE, CLOSED):
            raise ValueError(state)
        if state != self._state:
            self.beginFilterChange()
            self._state = state
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._state == ALL:
            return True
        model = self.sourceModel()
        assert isinstance(model, CaseTableModel)
        return model.row_at(source_row).state == self._state

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        a = left.data(CaseTableModel.SORT_ROLE)
        b = right.data(CaseTableModel.SORT_ROLE)
        if a is None or b is None:
            return str(left.data()) < str(right.data())
        return bool(a < b)


class StepTableModel(RowTableModel[StepStatus]):
    STEP, DUE, DONE, BY, STATE, NOTE = range(6)

    def columns(self) -> tuple[Column[StepStatus], ...]:
        urgent = QColor(OVERDUE_COLOUR)
        return (
            Column(lambda: self.tr("步骤"), lambda s: s.label.render()),
            Column(lambda: self.tr("应完成"), lambda s: _date(s.due_on)),
            Column(lambda: self.tr("完成日期"), lambda s: _date(s.done_on)),
            Column(lambda: self.tr("经办人"), lambda s: s.done_by or ""),
            Column(
                lambda: self.tr("状态"),
                self.state_text,
                foreground=lambda s: urgent if s.overdue else None,
            ),
            Column(lambda: self.tr("备注"), lambda s: s.note or "", tooltip=lambda s: s.note),
        )

    def state_text(self, step: StepStatus) -> str:
        if step.overdue:
            return self.tr("逾期 %n 天", "", step.days_overdue)
        if step.done_on is not None:
            return self.tr("逾期后完成") if step.done_late else self.tr("已完成")
        return self.tr("待完成") if step.due_on is not None else ""


class ReferralTableModel(RowTableModel[ReferralChange]):
    DATE, STATUS, PLACE, BY, NOTE = range(5)

    def columns(self) -> tuple[Column[ReferralChange], ...]:
        return (
            Column(lambda: self.tr("日期"), lambda r: _date(r.changed_on)),
            Column(lambda: self.tr("转介状态"), lambda r: r.label.render()),
            Column(lambda: self.tr("机构"), lambda r: r.place or ""),
            Column(lambda: self.tr("经办人"), lambda r: r.by or ""),
            Column(lambda: self.tr("备注"), lambda r: r.note or "", tooltip=lambda r: r.note),
        )
