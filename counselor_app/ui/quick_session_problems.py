"""Where 快速记录辅导 shows what is wrong: each problem under the field it concerns, the rest below
the form, and the form laid out in rows with its problems under each row.

The problems are the record service's (``check`` names a field by its name, a refused save by its
label); this module only places them. Its words keep the dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import joined

# Rows of fields; under each row, full width, the problems of its fields (a narrow column would
# cut a long message off).
ROWS = (
    ("students",),
    ("date", "start_time", "minutes"),
    ("counsellor_id", "kind", "source"),
    ("topic", "risk_level"),
    ("summary",),
    ("follow_up",),
)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


class FieldProblems:
    """One problem label per field and one for the rest; ``fit`` grows the form to show them."""

    def __init__(
        self,
        field_labels: Mapping[str, str],
        label_to_name: Mapping[str, str],
        fit: Callable[[], None],
    ) -> None:
        self._field_labels = dict(field_labels)
        self._label_to_name = dict(label_to_name)
        self._fit = fit
        self.by_field: dict[str, QLabel] = {name: error_label() for name in field_labels}
        self.general = error_label()

    def show(self, problems: Sequence[Problem], *, labelled: bool = False) -> None:
        """Each problem under its field; ``labelled``: ``Problem.field`` is the field's label (as
        the service's ValidationFailed names it), else its name (as ``check`` does)."""
        names = self._label_to_name if labelled else {}
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            name = names.get(problem.field, problem.field)
            if name in self.by_field:
                by_field.setdefault(name, []).append(str(problem.message))
            else:
                general.append(problem.render())
        for name, label in self.by_field.items():
            text = str(joined(by_field.get(name, []), zh="；", en="; "))
            field_label = self._field_labels[name]
            if not text.startswith(field_label):  # "必填" alone would not say which field
                text = QCoreApplication.translate(
                    "QuickSessionDialog", "{field}：{problems}"
                ).format(field=field_label, problems=text)
            label.setText(text)
            label.setVisible(name in by_field)
        self.general.setText("\n".join(general))
        self.general.setVisible(bool(general))
        self._fit()

    def show_general(self, text: str) -> None:
        """A problem that belongs to no field (the save failed for another reason)."""
        self.show([])
        self.general.setText(text)
        self.general.show()
        self._fit()

    def first_shown(self) -> str | None:
        """The first field, in form order, that has a problem showing."""
        return next((name for name, label in self.by_field.items() if label.isVisible()), None)


def field_grid(
    fields: Mapping[str, QWidget], labels: Mapping[str, str], problems: FieldProblems
) -> QGridLayout:
    """The fields in :data:`ROWS`, each with its label above it and its problems below the row."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(2)
    for number, names in enumerate(ROWS):
        span = 3 if len(names) == 1 else 1
        for column, name in enumerate(names):
            label = QLabel(labels[name])
            label.setBuddy(fields[name])
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(label)
            cell.addWidget(fields[name])
            grid.addLayout(cell, 2 * number, column, 1, span)
        below = QVBoxLayout()
        below.setContentsMargins(0, 0, 0, 4)
        for name in names:
            below.addWidget(problems.by_field[name])
        grid.addLayout(below, 2 * number + 1, 0, 1, 3)
    for column in range(3):
        grid.setColumnStretch(column, 1)
    return grid
