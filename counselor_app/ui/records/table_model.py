"""The table of one record type: a column per field, the text already made readable.

The rows are prepared on the database worker by :func:`build_rows` (ids turned into names, codes
into words, lists joined), so showing, searching and sorting 100,000 records never asks the database
again and never formats a cell twice. Sorting is done here, on the prepared values, in one Python
sort: Qt's proxy would call back into Python for every comparison.

A field the service withheld from a 管理员 reads "（无权查看）", never a blank that would look like
"no note was written".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.records.text import NameBook, short_label, text_maker
from counselor_app.ui.style import TEXT_MUTED

Index = QModelIndex | QPersistentModelIndex
Record = dict[str, Any]

# Kinds whose cells sort by the stored value; the others sort by what the cell shows (a student
# by name, not by id).
_SORT_BY_VALUE = (
    Kind.INT,
    Kind.REAL,
    Kind.DATE,
    Kind.TIME,
    Kind.MONTH,
    Kind.BOOL,
    Kind.SCHOOL_YEAR,
)
# A tooltip repeats a cell's text when the cell is likely too narrow for it.
_TOOLTIP_LENGTH = 16


@dataclass(frozen=True)
class DisplayRow:
    """One record and what its cells show; made on the worker, read on the UI thread."""

    record: Record
    texts: tuple[str, ...]
    # Every shown text, lower case, for the search box.
    haystack: str
    # The record's date (or month) for the date range filter; None for undated types.
    date: str | None

    @property
    def record_id(self) -> int:
        return int(self.record["id"])


def default_fields(spec: RecordSpec, without: Iterable[str] = ()) -> tuple[FieldSpec, ...]:
    skip = set(without)
    return tuple(f for f in spec.fields if f.name not in skip)


def build_rows(
    spec: RecordSpec,
    fields: Sequence[FieldSpec],
    records: Iterable[Record],
    names: NameBook,
    hidden: frozenset[str],
    redacted_text: str,
) -> list[DisplayRow]:
    """The rows of the table; runs on the worker (it touches no widget)."""
    makers = [text_maker(spec, field, names) for field in fields]
    columns = [
        (field.name, maker, field.name in hidden, field.kind is Kind.TEXT)
        for field, maker in zip(fields, makers, strict=True)
    ]
    date_field = spec.date_field
    rows = []
    for record in records:
        texts = []
        searchable = []
        for name, maker, withheld, free_text in columns:
            value = record.get(name)
            if withheld and value is None:
                texts.append(redacted_text)
                continue
            text = maker(value)
            if free_text and ("\n" in text or "\r" in text):
                text = " ".join(text.split())
            texts.append(text)
            searchable.append(text)
        date = record.get(date_field) if date_field else None
        rows.append(
            DisplayRow(record, tuple(texts), "\t".join(searchable).casefold(), date or None)
        )
    return rows


def in_date_range(date: str | None, first: str | None, last: str | None) -> bool:
    """Whether a date (YYYY-MM-DD) or month (YYYY-MM) lies in an inclusive range of days."""
    if first is None and last is None:
        return True
    if date is None:
        return False
    # A month is in the range when it overlaps it: compare at the month's own precision.
    if first is not None and date < first[: len(date)]:
        return False
    return not (last is not None and date > last[: len(date)])


class RecordTableModel(QAbstractTableModel):
    """Rows of one record type; column ``i`` shows ``fields[i]``."""

    RECORD_ID_ROLE = Qt.ItemDataRole.UserRole
    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(
        self,
        spec: RecordSpec,
        fields: Sequence[FieldSpec] | None = None,
        parent: Any = None,
        *,
        hidden: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.fields: tuple[FieldSpec, ...] = tuple(fields) if fields else spec.fields
        self.hidden = hidden
        self._rows: list[DisplayRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._muted = QColor(TEXT_MUTED)
        # Translated once, here: make_rows may run on the worker.
        self.redacted_text = self.tr("（无权查看）")

    # -- named columns -------------------------------------------------------------------------
    def column_of(self, field_name: str) -> int:
        for column, field in enumerate(self.fields):
            if field.name == field_name:
                return column
        raise KeyError(field_name)

    def field_at(self, column: int) -> FieldSpec:
        return self.fields[column]

    # -- rows ----------------------------------------------------------------------------------
    def make_rows(self, records: Iterable[Record], names: NameBook) -> list[DisplayRow]:
        """Rows for these records (also callable on the worker: it only reads this model's setup)."""
        return build_rows(self.spec, self.fields, records, names, self.hidden, self.redacted_text)

    def set_rows(self, rows: Sequence[DisplayRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._rows.sort(key=self._sort_key(self._sort[0]), reverse=self._descending())
        self.endResetModel()

    def rows(self) -> list[DisplayRow]:
        return list(self._rows)

    def row_at(self, row: int) -> DisplayRow:
        return self._rows[row]

    def record_at(self, row: int) -> Record:
        return self._rows[row].record

    def row_of(self, record_id: int) -> int | None:
        for row, display in enumerate(self._rows):
            if display.record_id == record_id:
                return row
        return None

    def upsert(self, display: DisplayRow) -> int:
        """Put one new or changed record in its place; returns its row."""
        row = self.row_of(display.record_id)
        if row is not None:
            self._rows[row] = display
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.fields) - 1))
            if self._sort is None:
                return row
            self._resort()
            return self.row_of(display.record_id) or 0
        position = self._insert_position(display)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, display)
        self.endInsertRows()
        return position

    def remove(self, record_id: int) -> bool:
        row = self.row_of(record_id)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True

    def matches(self, row: int, needle: str, first: str | None, last: str | None) -> bool:
        """Whether a row passes the list's search text (lower case) and date range."""
        display = self._rows[row]
        if needle and needle not in display.haystack:
            return False
        return in_date_range(display.date, first, last)

    # -- Qt's table interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        if not 0 <= column < len(self.fields):
            return None
        display = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = display.texts[column]
            if len(text) < _TOOLTIP_LENGTH:
                return None
            full = display.record.get(self.fields[column].name)
            return full if isinstance(full, str) else text
        if role == Qt.ItemDataRole.ForegroundRole:
            field = self.fields[column]
            if field.name in self.hidden and display.record.get(field.name) is None:
                return self._muted
            return None
        if role == self.RECORD_ID_ROLE:
            return display.record_id
        if role == self.RECORD_ROLE:
            return display.record
        if role == self.SORT_ROLE:
            return self._sort_key(column)(display)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.fields):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return short_label(self.fields[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.fields):
            self._sort = None
            return
        self._sort = (column, order)
        self._resort()

    # -- sorting -------------------------------------------------------------------------------
    def _descending(self) -> bool:
        return self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder

    def _sort_key(self, column: int) -> Any:
        field = self.fields[column]
        if field.kind in _SORT_BY_VALUE:
            name = field.name

            def by_value(display: DisplayRow) -> tuple[int, Any]:
                value = display.record.get(name)
                # Empty cells go last in ascending order; numbers compare as numbers.
                return (1, 0) if value is None else (0, value)

            return by_value

        def by_text(display: DisplayRow) -> tuple[int, str]:
            text = display.texts[column]
            return (1, "") if not text else (0, text)

        return by_text

    def _resort(self) -> None:
        assert self._sort is not None
        column, _ = self._sort
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._rows[index.row()].record_id for index in old_persistent]
        self._rows.sort(key=self._sort_key(column), reverse=self._descending())
        position = {display.record_id: row for row, display in enumerate(self._rows)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(position[record_id], index.column())
                for index, record_id in zip(old_persistent, old_ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _insert_position(self, display: DisplayRow) -> int:
        """Where a new row goes: its sorted place, or the top (a new record is the newest)."""
        if self._sort is None:
            return 0
        key = self._sort_key(self._sort[0])
        wanted = key(display)
        descending = self._descending()
        for row, other in enumerate(self._rows):
            other_key = key(other)
            if (other_key < wanted) if descending else (other_key > wanted):
                return row
        return len(self._rows)
