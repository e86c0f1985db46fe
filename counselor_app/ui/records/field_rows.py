"""The body of a record form: one row a field, its label on the left (``*`` when it must be
filled in) and its editor on the right with the red text of its problems under it.

Which problems to show, and when, is the form's (``form.RecordFormDialog``); this only lays the
rows out and holds their labels.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counselor_app.records.spec import FieldSpec
from counselor_app.records.text import short_label
from counselor_app.ui.records.editors import FieldEditor

REQUIRED_MARK = ' <span style="color:#b3261e">*</span>'


def label_text(field: FieldSpec, *, starred: bool) -> str:
    """The field's label as rich text, with the red star of a field that must be filled in."""
    text = short_label(field).replace("&", "&amp;").replace("<", "&lt;")
    return text + REQUIRED_MARK if starred else text


class FieldRows(QWidget):
    """Every field of ``fields`` as a row; ``starred``: the names whose label carries the star."""

    def __init__(
        self,
        fields: Sequence[FieldSpec],
        editors: Mapping[str, FieldEditor],
        starred: Collection[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formBody")
        self.labels: dict[str, QLabel] = {}
        self.error_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        for row, field in enumerate(fields):
            editor = editors[field.name]
            label = QLabel(label_text(field, starred=field.name in starred))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setBuddy(editor.focusProxy() or editor)
            error = QLabel()
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor)
            cell.addWidget(error)
            grid.addWidget(label, row, 0, top)
            grid.addLayout(cell, row, 1)
            label.setContentsMargins(0, 5, 0, 0)
            self.labels[field.name] = label
            self.error_labels[field.name] = error
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.addLayout(grid)
        layout.addStretch(1)
