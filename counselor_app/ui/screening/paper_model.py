"""The paper entry grid's model: one row per student of the class, one column per item.

Columns: 学号, 姓名, one per item (第1题 …), 已答 (answered of expected, or 缺席) and 合计 (the sum
of the digits typed, as the counsellor adds them up on the sheet: a check of the typing, not a
score). A value is accepted only if it is one of the item's answer values; an absent student's
row is skipped and never saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from counselor_app.screening.class_roster import RosterStudent
from counselor_app.screening.scales import Scale

STUDENT_NO, NAME = 0, 1
FIRST_ITEM = 2
ABSENT_COLOUR = QColor("#eceff0")
REFUSED_COLOUR = QColor("#f6d5d2")
ANSWERED_COLOUR = QColor("#e3efef")

Index = QModelIndex | QPersistentModelIndex


class PaperAnswersModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scale: Scale | None = None
        self.students: list[RosterStudent] = []
        self.answers: list[list[int | None]] = []
        self.absent: set[int] = set()
        self.refused: tuple[int, int] | None = None  # (row, column) of the last refused key

    # -- the class and the scale -------------------------------------------------------------
    def set_sheets(self, scale: Scale, students: Sequence[RosterStudent]) -> None:
        self.beginResetModel()
        self.scale = scale
        self.students = list(students)
        self.answers = [[None] * len(scale.items) for _ in self.students]
        self.absent = set()
        self.refused = None
        self.endResetModel()

    @property
    def item_count(self) -> int:
        return len(self.scale.items) if self.scale is not None else 0

    @property
    def answered_column(self) -> int:
        return FIRST_ITEM + self.item_count

    @property
    def sum_column(self) -> int:
        return FIRST_ITEM + self.item_count + 1

    def is_item_column(self, column: int) -> bool:
        return FIRST_ITEM <= column < FIRST_ITEM + self.item_count

    # -- entering ------------------------------------------------------------------------------
    def accepts(self, column: int, value: int) -> bool:
        assert self.scale is not None
        return value in self.scale.items[column - FIRST_ITEM].values

    def set_answer(self, row: int, column: int, value: int | None) -> bool:
        """Put ``value`` (None: blank) in an item cell; False, and nothing changed, if it is not
        one of the item's values or the student is absent."""
        if not self.is_item_column(column) or row in self.absent:
            return False
        if value is not None and not self.accepts(column, value):
            self.refuse(row, column)
            return False
        self.answers[row][column - FIRST_ITEM] = value
        self._clear_refused()
        self._row_changed(row)
        return True

    def refuse(self, row: int, column: int) -> None:
        self._clear_refused()
        self.refused = (row, column)
        index = self.index(row, column)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.BackgroundRole])

    def _clear_refused(self) -> None:
        if self.refused is not None:
            row, column = self.refused
            self.refused = None
            index = self.index(row, column)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.BackgroundRole])

    def set_absent(self, row: int, absent: bool) -> None:
        if absent:
            self.absent.add(row)
        else:
            self.absent.discard(row)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- the running check -----------------------------------------------------------------------
    def answered(self, row: int) -> int:
        return sum(answer is not None for answer in self.answers[row])

    def typed_sum(self, row: int) -> int:
        return sum(answer for answer in self.answers[row] if answer is not None)

    def is_complete(self, row: int) -> bool:
        assert self.scale is not None
        return row not in self.absent and not self.scale.problems(self.answers[row])

    def counts(self) -> tuple[int, int, int]:
        """(complete, absent, still to do) across the class."""
        complete = sum(self.is_complete(row) for row in range(len(self.students)))
        absent = len(self.absent)
        return complete, absent, len(self.students) - complete - absent

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.students)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.scale is None else FIRST_ITEM + self.item_count + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == STUDENT_NO:
            return QCoreApplication.translate("PaperAnswersModel", "学号")
        if section == NAME:
            return QCoreApplication.translate("PaperAnswersModel", "姓名")
        if self.is_item_column(section):
            return str(section - FIRST_ITEM + 1)
        if section == self.answered_column:
            return QCoreApplication.translate("PaperAnswersModel", "已答")
        if section == self.sum_column:
            return QCoreApplication.translate("PaperAnswersModel", "合计")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        absent = row in self.absent
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, absent)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIRST_ITEM:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.refused == (row, column):
                return QBrush(REFUSED_COLOUR)
            if absent:
                return QBrush(ABSENT_COLOUR)
            if column == self.answered_column and self.is_complete(row):
                return QBrush(ANSWERED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and self.is_item_column(column) and self.scale:
            item = self.scale.items[column - FIRST_ITEM]
            options = "　".join(f"{o.value} {o.zh}" for o in item.options)
            return f"{item.number}. {item.zh or item.en}\n{options}"
        return None

    def _text(self, row: int, column: int, absent: bool) -> str:
        student = self.students[row]
        if column == STUDENT_NO:
            return student.student_no
        if column == NAME:
            return student.name
        if self.is_item_column(column):
            answer = self.answers[row][column - FIRST_ITEM]
            return "" if answer is None or absent else str(answer)
        if column == self.answered_column:
            if absent:
                return QCoreApplication.translate("PaperAnswersModel", "缺席")
            return f"{self.answered(row)}/{self.item_count}"
        if column == self.sum_column:
            return "" if absent or not self.answered(row) else str(self.typed_sum(row))
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
