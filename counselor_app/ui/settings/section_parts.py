"""The parts every settings section is built from, written once.

A section reads what it shows the first time it appears (:func:`load_when_first_shown`), so opening
the 设置 page costs nothing for the sections not looked at. Its buttons stand in one row
(:func:`button_row`). A section that is a list has its notes and buttons above the list, the list
taking the height, and its message bar below (:func:`list_layout`); the list is a
:func:`~counselor_app.ui.row_table_view.row_table_view` whose columns start at fixed widths, one of
them taking the room left (:func:`size_columns`), and whose one selected row is what the buttons act
on (:func:`selected_row`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLayout, QTableView, QVBoxLayout, QWidget

from counselor_app.ui.row_table_model import RowTableModel

T = TypeVar("T")


def button_row(*left: QWidget, right: Iterable[QWidget] = ()) -> QHBoxLayout:
    """The buttons from the left edge, then room, then ``right`` at the right edge."""
    row = QHBoxLayout()
    for widget in left:
        row.addWidget(widget)
    row.addStretch(1)
    for widget in right:
        row.addWidget(widget)
    return row


def list_layout(
    section: QWidget, *above: QWidget | QLayout, table: QTableView, below: QWidget
) -> QVBoxLayout:
    """The section's column, edge to edge: ``above`` in order, the list, ``below`` it."""
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in above:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(table, 1)
    layout.addWidget(below)
    return layout


class _FirstShow(QObject):
    """Watches a widget until it is first shown, calls ``load``, and goes."""

    def __init__(self, widget: QWidget, load: Callable[[], object]) -> None:
        super().__init__(widget)  # deleted with the widget if it is never shown
        self._load = load
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self.deleteLater()
            self._load()
        return False


def load_when_first_shown(widget: QWidget, load: Callable[[], object]) -> None:
    """Call ``load()`` once, when ``widget`` first appears (not when it is built)."""
    _FirstShow(widget, load)


def size_columns(table: QTableView, widths: dict[int, int], *, stretch: int | None = None) -> None:
    """Start the columns at these widths (the user may drag them); column ``stretch`` takes the
    room left, or the last column when there is none."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(stretch is None)
    for column, width in widths.items():
        table.setColumnWidth(column, width)


def selected_row(table: QTableView, model: RowTableModel[T]) -> T | None:
    """What the table's selected row shows (``model`` is the table's), or None."""
    rows = table.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None
