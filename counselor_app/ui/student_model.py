"""The table models of the student pages, and how a risk level looks on screen.

The student list is a thin view over the rows a search returned; the timeline of a student's file
a thin view over the entries ``counselor_app.student_file.overview`` read. Neither holds a query of its
own: the page asks the core for the rows and hands them to ``set_rows``.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap

from counselor_app.foundation.vocab import RISK_LEVEL, STUDENT_STATUS
from counselor_app.ui.row_table_model import Column, RowTableModel


class StudentRow(Protocol):
    """What the model shows of a student (``counselor_app.students.search.StudentHit`` fits)."""

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


class StudentTableModel(RowTableModel[StudentRow]):
    STUDENT_NO, NAME, CLASS, STATUS = range(4)
    COLUMN_COUNT = 4
    # The row object itself (for opening the student's file).
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def columns(self) -> tuple[Column[StudentRow], ...]:
        return (
            Column(lambda: self.tr("学号"), lambda student: student.student_no),
            Column(lambda: self.tr("姓名"), lambda student: student.name),
            Column(
                lambda: self.tr("班级"),
                lambda student: student.class_name or student.class_code,
                tooltip=lambda student: student.class_code,
            ),
            Column(lambda: self.tr("状态"), lambda student: STUDENT_STATUS.label(student.status)),
        )


# -- risk levels ---------------------------------------------------------------------------------

# The colours of the four levels (requirements.md §1): 0 green, 1 yellow, 2 orange, 3 red; and the
# text colour that reads on each.
RISK_COLOURS = {0: "#2e7d32", 1: "#f2c200", 2: "#ef6c00", 3: "#c62828"}
RISK_TEXT_COLOURS = {0: "#ffffff", 1: "#3a3000", 2: "#ffffff", 3: "#ffffff"}
NO_LEVEL_COLOUR = "#9aa5a7"


def risk_colour(level: int | None) -> QColor:
    return QColor(
        RISK_COLOURS.get(level, NO_LEVEL_COLOUR) if level is not None else NO_LEVEL_COLOUR
    )


def risk_text(level: int | None) -> str:
    """ "2 重点关注": the number people count in, with the level's (configurable) name."""
    if level is None:
        return "—"
    return f"{level} {RISK_LEVEL.label(str(level))}"


def risk_dot(level: int | None, size: int = 12) -> QPixmap:
    """A small filled circle in the level's colour, for lists."""
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)  # sharp on a high-DPI screen
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(risk_colour(level))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


# -- the timeline of a student's file ------------------------------------------------------------


class TimelineRow(Protocol):
    """What the timeline shows of an entry (``counselor_app.student_file.overview.FileEntry`` fits)."""

    @property
    def date(self) -> str: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def summary(self) -> str: ...


class TimelineModel(RowTableModel[TimelineRow]):
    """Everything on record about one student, in the order given (newest first)."""

    DATE, KIND, SUMMARY = range(3)
    COLUMN_COUNT = 3
    ROW_ROLE = Qt.ItemDataRole.UserRole

    def columns(self) -> tuple[Column[TimelineRow], ...]:
        return (
            Column(lambda: self.tr("日期"), lambda entry: entry.date),
            Column(lambda: self.tr("类别"), lambda entry: entry.kind_label),
            Column(
                lambda: self.tr("概要"),
                lambda entry: entry.summary or "—",
                tooltip=lambda entry: entry.summary or None,
            ),
        )
