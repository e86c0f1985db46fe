"""Search text and a date range over a :class:`RecordTableModel`, with sorting left to the model.

Filtering asks the model's prepared rows (one substring test per row). Sorting is handed to the
model, which sorts its rows in one Python sort; Qt's own proxy sort would call back into Python
for every comparison, which is far too slow at 100,000 rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from counselor_app.ui.records.table_model import RecordTableModel


class RecordFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._first: str | None = None
        self._last: str | None = None

    def records(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def set_search(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_date_range(self, first: str | None, last: str | None) -> None:
        if (first, last) != (self._first, self._last):
            self.beginFilterChange()
            self._first, self._last = first, last
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def filtering(self) -> bool:
        return bool(self._needle) or self._first is not None or self._last is not None

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.filtering:
            return True
        return self.records().matches(source_row, self._needle, self._first, self._last)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.records().sort(column, order)
