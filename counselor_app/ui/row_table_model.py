"""The one shape of a thin table model: a list of rows, and columns declared once.

A subclass names its column constants (``NAME, ROLE = range(2)``) and returns, from
:meth:`RowTableModel.columns`, one :class:`Column` per constant in the same order: the header and
how a row reads in that column. The rows are replaced whole by :meth:`RowTableModel.set_rows`. No
query and no rule lives here; headers are translated by the subclass (``self.tr("…")``), so the
translation context stays the subclass's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its (translated) header, and what a row shows in it."""

    header: Callable[[], str]
    value: Callable[[T], Any]
    tooltip: Callable[[T], Any] | None = None
    foreground: Callable[[T], Any] | None = None
    alignment: Any = None
    # What a sorting proxy compares (SORT_ROLE), where the shown text would sort wrongly.
    sort_key: Callable[[T], Any] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    # The role that returns the row object itself (None: no such role).
    ROW_ROLE: ClassVar[int | None] = None
    SORT_ROLE: ClassVar[int] = Qt.ItemDataRole.UserRole + 64

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._columns: tuple[Column[Any], ...] = self.columns()

    def columns(self) -> tuple[Column[Any], ...]:  # pragma: no cover - each model declares its own
        raise NotImplementedError

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.rows_replaced()
        self.endResetModel()

    def rows_replaced(self) -> None:
        """Work out what the columns need once per set of rows, not on every paint."""

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def shown_row(self, row: int) -> Any:
        """What the columns read: the row itself, unless a model worked out more in advance."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if self.ROW_ROLE is not None and role == self.ROW_ROLE:
            return self.row_at(index.row())
        if not 0 <= index.column() < len(self._columns):
            return None
        row = self.shown_row(index.row())
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(row) if column.foreground else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == self.SORT_ROLE and column.sort_key is not None:
            return column.sort_key(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self._columns):
            return None
        return self._columns[section].header()
