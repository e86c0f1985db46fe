"""The evidence of one rule: what falls short (or what was counted), one row per item.

The kind and key names come from ``reports.selfcheck_words.evidence_row``, as the PDF prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counselor_app.reports.selfcheck_words import EvidenceRow, evidence_row
from counselor_app.selfcheck.result import Evidence

Index = QModelIndex | QPersistentModelIndex


class EvidenceTableModel(QAbstractTableModel):
    KIND, KEY, LABEL, DETAIL = range(4)
    COLUMN_COUNT = 4
    EVIDENCE_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._evidence: list[Evidence] = []
        self._rows: list[EvidenceRow] = []

    def set_rows(self, evidence: Sequence[Evidence]) -> None:
        self.beginResetModel()
        self._evidence = list(evidence)
        self._rows = [evidence_row(e) for e in self._evidence]
        self.endResetModel()

    def evidence_at(self, row: int) -> Evidence:
        return self._evidence[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.KIND:
                return row.kind
            if column == self.KEY:
                # A program code (emergency_plan) means nothing to a person; the label names it.
                return "" if row.key_is_code else row.key
            if column == self.LABEL:
                return row.label
            if column == self.DETAIL:
                return row.detail
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.KEY:
                return row.key_name
            if column in (self.LABEL, self.DETAIL):
                return self.data(index)
        elif role == self.EVIDENCE_ROLE:
            return self._evidence[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.KIND: self.tr("类别"),
            self.KEY: self.tr("编号"),
            self.LABEL: self.tr("名称"),
            self.DETAIL: self.tr("情况"),
        }
        return titles.get(section)
