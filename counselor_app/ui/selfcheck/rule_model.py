"""The self-check table: one row per rule, in the shape of a district form.

一级指标 / 二级指标 / 标准 come from the checklist (the district's words, in Chinese), 自查情况 and
结论 from ``counselor_app.reports.selfcheck_words`` (the very words the PDF and the Excel summary
print, in the program's language here: the printouts stay Chinese). The
结论 cell is tinted by status, in the PDF's colours, and for a manual rule it is a check box: ticking
it asks the page (signal :attr:`RuleTableModel.confirm_requested`) rather than changing the model,
because a confirmation needs a note and is saved by the core.

For a running term a sixth column, 进度, shows each rule's progress (``ui.selfcheck.progress_view``);
the page hides it for a term that is over. ``SORT_ROLE`` gives what the page's proxy sorts by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from counselor_app.foundation.i18n import current_language
from counselor_app.reports.selfcheck_words import conclusion, situation
from counselor_app.selfcheck.profiles import RuleDefinition
from counselor_app.selfcheck.progress import RuleProgress, TermProgress
from counselor_app.selfcheck.result import FAIL, MANUAL, NO_DATA, PASS, STATUS_COLOURS, RuleResult
from counselor_app.ui.selfcheck.progress_view import (
    PROGRESS_COLOURS,
    progress_sort_key,
    progress_text,
)

Index = QModelIndex | QPersistentModelIndex

# (text, background) per status: the PDF's colours, from one table (selfcheck.result).
__all__ = ["STATUS_COLOURS", "RuleRow", "RuleTableModel", "rule_rows"]

# Sorting by 结论: what needs doing first; statuses not listed here come last.
_CONCLUSION_ORDER = {FAIL: 0, NO_DATA: 1, MANUAL: 2, PASS: 3}


@dataclass(frozen=True)
class RuleRow:
    rule: RuleDefinition
    result: RuleResult
    progress: RuleProgress | None = None  # a running term's progress of this rule

    @property
    def confirmed(self) -> bool:
        confirmation = self.result.confirmation
        return confirmation is not None and bool(confirmation["confirmed"])


def rule_rows(
    rules: Sequence[RuleDefinition],
    results: Sequence[RuleResult],
    progress: TermProgress | None = None,
) -> list[RuleRow]:
    by_id = {rule.id: rule for rule in rules}
    progress_of = {p.rule_id: p for p in progress.rules} if progress is not None else {}
    return [
        RuleRow(by_id[r.rule_id], r, progress_of.get(r.rule_id))
        for r in results
        if r.rule_id in by_id
    ]


class RuleTableModel(QAbstractTableModel):
    CATEGORY, TITLE, STANDARD, SITUATION, CONCLUSION, PROGRESS = range(6)
    COLUMN_COUNT = 6
    ROW_ROLE = Qt.ItemDataRole.UserRole
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
    PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's RuleProgress, or None
    SORT_ROLE = Qt.ItemDataRole.UserRole + 3

    # (rule id, wanted state): the user ticked or unticked a manual rule.
    confirm_requested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RuleRow] = []
        self._situations: list[str] = []
        self._conclusions: list[str] = []
        self._progress: list[str] = []

    def set_rows(self, rows: Sequence[RuleRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # The words are made once per run, not on every paint, in the language of the screen.
        language = current_language()
        self._situations = [situation(row.result, language) for row in self._rows]
        self._conclusions = [conclusion(row.result, language) for row in self._rows]
        self._progress = [
            progress_text(row.progress, language) if row.progress is not None else ""
            for row in self._rows
        ]
        self.endResetModel()

    def row_at(self, row: int) -> RuleRow:
        return self._rows[row]

    def row_of(self, rule_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.rule.id == rule_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.CONCLUSION
            and self._rows[index.row()].result.status == MANUAL
        ):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        status = row.result.status
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CATEGORY:
                return row.rule.category
            if column == self.TITLE:
                return row.rule.title
            if column == self.STANDARD:
                return row.rule.standard
            if column == self.SITUATION:
                return self._situations[index.row()]
            if column == self.CONCLUSION:
                return self._conclusions[index.row()]
            if column == self.PROGRESS:
                return self._progress[index.row()]
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE:
                clause = row.rule.clause
                # The clause is the checklist's own words (第 8 条); the brackets follow the screen.
                return row.rule.id + (
                    self.tr("（{clause}）").format(clause=clause) if clause else ""
                )
            if column in (self.STANDARD, self.SITUATION, self.CONCLUSION, self.PROGRESS):
                return self.data(index)
        elif role == Qt.ItemDataRole.CheckStateRole:
            if column == self.CONCLUSION and status == MANUAL:
                return Qt.CheckState.Checked if row.confirmed else Qt.CheckState.Unchecked
        elif column == self.CONCLUSION and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(STATUS_COLOURS[status][0])
        elif column == self.CONCLUSION and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATUS_COLOURS[status][1])
        elif (
            column == self.PROGRESS
            and row.progress is not None
            and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)
        ):
            text, background = PROGRESS_COLOURS[row.progress.state]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(text)
            return QColor(background) if background is not None else None
        elif role == self.ROW_ROLE:
            return row
        elif role == self.STATUS_ROLE:
            return status
        elif role == self.PROGRESS_ROLE:
            return row.progress
        elif role == self.SORT_ROLE:
            return self._sort_key(index.row(), column)
        return None

    def _sort_key(self, row: int, column: int) -> Any:
        """What a column sorts by: the checklist's order for its own columns, the status's order
        for 结论 (未达标 first), what needs doing first for 进度."""
        if column == self.CONCLUSION:
            return _CONCLUSION_ORDER.get(self._rows[row].result.status, len(_CONCLUSION_ORDER))
        if column == self.PROGRESS:
            key = progress_sort_key(self._rows[row].progress)
            return key[0] * 10 + key[1]  # a number: the proxy compares plain values
        if column == self.SITUATION:
            return self._situations[row]
        return row

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not (
            index.flags() & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        # Nothing changes here: the page asks for a note and saves; the new run shows the result.
        self.confirm_requested.emit(self._rows[index.row()].rule.id, wanted)
        return False

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.CATEGORY: self.tr("一级指标"),
            self.TITLE: self.tr("二级指标"),
            self.STANDARD: self.tr("标准"),
            self.SITUATION: self.tr("自查情况"),
            self.CONCLUSION: self.tr("结论"),
            self.PROGRESS: self.tr("进度"),
        }
        return titles.get(section)
