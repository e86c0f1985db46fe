"""The bundles this school sealed, as a table: when, which term and checklist, which bundle, and
whether the district's receipt came back. Rows are ``counselor_app.bundle.handover.ExportedBundle``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counselor_app.bundle.handover import ExportedBundle

Index = QModelIndex | QPersistentModelIndex


def _minutes(iso: str | None) -> str:
    """``2026-01-12T10:00:00+08:00`` → ``2026-01-12 10:00`` (the school's own clock)."""
    return (iso or "")[:16].replace("T", " ")


class BundleTableModel(QAbstractTableModel):
    CREATED, TERM, PROFILE, NAMED_CASES, RECEIPT, BUNDLE_ID = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ExportedBundle] = []

    def set_rows(self, rows: Sequence[ExportedBundle]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ExportedBundle:
        return self._rows[row]

    def row_of(self, bundle_id: str) -> int:
        for number, bundle in enumerate(self._rows):
            if bundle.bundle_id == bundle_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def receipt_text(self, bundle: ExportedBundle) -> str:
        if not bundle.receipt_received:
            return self.tr("未收到")
        return self.tr("已收到（{date}）").format(date=(bundle.receipt_opened_at or "")[:10])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        bundle = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CREATED:
                return _minutes(bundle.created_at)
            if column == self.TERM:
                return bundle.term_name
            if column == self.PROFILE:
                return bundle.profile
            if column == self.NAMED_CASES:
                return self.tr("附带") if bundle.named_cases else self.tr("无")
            if column == self.RECEIPT:
                return self.receipt_text(bundle)
            if column == self.BUNDLE_ID:
                return bundle.bundle_id
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.CREATED:
                return self.tr("由 {user} 生成").format(user=bundle.created_by)
            if column == self.RECEIPT and bundle.receipt_received:
                return self.tr("区教育局于 {opened} 打开并核对；回执于 {imported} 导入。").format(
                    opened=_minutes(bundle.receipt_opened_at),
                    imported=_minutes(bundle.receipt_imported_at),
                )
            if column == self.BUNDLE_ID:
                return self.tr("接收方：{district}（{fingerprint}）").format(
                    district=bundle.district or "—", fingerprint=bundle.district_fingerprint
                )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.CREATED: self.tr("生成时间"),
            self.TERM: self.tr("学期"),
            self.PROFILE: self.tr("自查标准"),
            self.NAMED_CASES: self.tr("实名摘要"),
            self.RECEIPT: self.tr("回执"),
            self.BUNDLE_ID: self.tr("编号"),
        }
        return titles.get(section)
