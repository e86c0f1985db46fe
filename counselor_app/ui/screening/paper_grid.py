"""The paper entry grid: answers typed by keyboard alone, item after item, student after student.

A digit that is one of the item's answer values is entered and the cursor moves on (at the end of
a row, to the next student who is not absent); any other digit is refused with a red cell and a
line under the grid, never a message box, and the cursor stays. Backspace goes back one item and
clears it; Space leaves an item blank (an optional item); ``-`` marks the student absent (or
present again) and moves on; Delete clears the cell; the arrows move freely.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from counselor_app.ui.screening.paper_model import FIRST_ITEM, NAME, PaperAnswersModel

ABSENT_KEYS = (Qt.Key.Key_Minus,)


class PaperGrid(QTableView):
    # (row, item number, the digit typed): a value the item does not have.
    refused = Signal(int, int, int)
    accepted = Signal()
    reached_end = Signal()

    def __init__(self, model: PaperAnswersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answers = model
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(30)
        self.verticalHeader().setDefaultSectionSize(26)
        self._past_end = False
        model.modelReset.connect(self._fit_columns)

    def _fit_columns(self) -> None:
        model = self.answers
        for column in range(model.columnCount()):
            width = 34 if model.is_item_column(column) else 64
            if column == NAME:
                width = 84
            elif column < FIRST_ITEM:
                width = 104
            self.setColumnWidth(column, width)
        if model.rowCount():
            self.go_to(0, FIRST_ITEM)

    def go_to(self, row: int, column: int) -> None:
        self._past_end = False
        index = self.answers.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def _first_present(self, start: int, step: int) -> int | None:
        row = start
        while 0 <= row < self.answers.rowCount():
            if row not in self.answers.absent:
                return row
            row += step
        return None

    def step_on(self) -> None:
        """The next item, or the first item of the next student who is not absent."""
        current = self.currentIndex()
        row, column = current.row(), current.column()
        if column + 1 < FIRST_ITEM + self.answers.item_count and row not in self.answers.absent:
            self.go_to(row, column + 1)
            return
        following = self._first_present(row + 1, 1)
        if following is None:
            self._past_end = True  # the cursor stays on the last cell, already typed
            self.reached_end.emit()
            return
        self.go_to(following, FIRST_ITEM)

    def step_back(self) -> bool:
        current = self.currentIndex()
        row, column = current.row(), current.column()
        if column > FIRST_ITEM and row not in self.answers.absent:
            self.go_to(row, column - 1)
            return True
        before = self._first_present(row - 1, -1)
        if before is None:
            return False
        self.go_to(before, FIRST_ITEM + self.answers.item_count - 1)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.answers
        current = self.currentIndex()
        if not current.isValid() or model.scale is None:
            super().keyPressEvent(event)
            return
        row, column = current.row(), current.column()
        key, text = event.key(), event.text()
        plain = not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if plain and len(text) == 1 and text.isdigit():
            if not model.is_item_column(column):
                column = FIRST_ITEM
                self.go_to(row, column)
            if row in model.absent:
                model.refuse(row, column)
                self.refused.emit(row, column - FIRST_ITEM + 1, int(text))
            elif model.set_answer(row, column, int(text)):
                self.accepted.emit()
                self.step_on()
            else:
                self.refused.emit(row, column - FIRST_ITEM + 1, int(text))
            return
        if plain and (key in ABSENT_KEYS or text == "-"):
            absent = row not in model.absent
            model.set_absent(row, absent)
            self.accepted.emit()
            if absent:
                following = self._first_present(row + 1, 1)
                if following is not None:
                    self.go_to(following, FIRST_ITEM)
            else:
                self.go_to(row, FIRST_ITEM)
            return
        if key == Qt.Key.Key_Backspace:
            if not model.is_item_column(column):
                return
            # Back one item and clear it; on the last cell just typed, or the very first cell,
            # clear where the cursor is.
            if not self._past_end and self.step_back():
                current = self.currentIndex()
            self._past_end = False
            model.set_answer(current.row(), current.column(), None)
            self.accepted.emit()
            return
        if key == Qt.Key.Key_Space and model.is_item_column(column):
            model.set_answer(row, column, None)
            self.accepted.emit()
            self.step_on()
            return
        if key == Qt.Key.Key_Delete and model.is_item_column(column):
            model.set_answer(row, column, None)
            self.accepted.emit()
            return
        super().keyPressEvent(event)
