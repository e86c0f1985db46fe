"""The table model of the student list: a thin view over the rows a search returned.

It holds no query of its own: the page asks ``counselor_app.student_search`` for the rows and hands
them to :meth:`StudentTableModel.set_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from counselor_app.vocab import STUDENT_STATUS

Index = QModelIndex | QPersistentModelIndex


class StudentRow(Protocol):
    """What the model shows of a student (``counselor_app.student_search.StudentHit`` fits)."""

    @property
    def id(self) -> int: ...
    @property
    def student_no(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def class_code(self) -> str: ...
    @property
    def class_name(self) -> str: ...
    @property
    def status(self) -> str: ...


class StudentTableModel(QAbstractTableModel):
    STUDENT_NO, NAME, CLASS, STATUS = range(4)
    COLUMN_COUNT = 4
    # The row object itself (for opening the student's file).
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StudentRow] = []

    def set_rows(self, rows: Sequence[StudentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> StudentRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        student = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STUDENT_NO:
                return student.student_no
            if column == self.NAME:
                return student.name
            if column == self.CLASS:
                return student.class_name or student.class_code
            if column == self.STATUS:
                return STUDENT_STATUS.label(student.status)
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.CLASS:
            return student.class_code
        elif role == self.ROW_ROLE:
            return student
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            self.STUDENT_NO: self.tr("学号"),
            self.NAME: self.tr("姓名"),
            self.CLASS: self.tr("班级"),
            self.STATUS: self.tr("状态"),
        }
        return titles.get(section)
