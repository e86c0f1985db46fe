"""The two small forms of a case's history: a step done (which step, date, by whom, note) and a
change of its referral (date, state, place, by whom, note). They only collect the values; the
case list writes them through ``counselor_app.crisis.history`` on the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from counselor_app.crisis.steps import REFERRAL_LABELS, STEP_LABELS
from counselor_app.ui.records.editors import DateEdit


@dataclass(frozen=True)
class HistoryEntry:
    """What a form collected: ``kind`` is a step key or a referral state."""

    kind: str
    day: dt.date
    by_id: int | None
    note: str
    place: str = ""


class _HistoryDialog(QDialog):
    def __init__(
        self,
        kinds: dict[str, str],
        staff: Sequence[tuple[int, str]],
        today: dt.date,
        *,
        with_place: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind_box = QComboBox()
        for key, label in kinds.items():
            self.kind_box.addItem(label, key)
        self.date_edit = DateEdit(False, QDate(today.year, today.month, today.day))
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.staff_box = QComboBox()
        self.staff_box.addItem(self.tr("（不填）"), None)
        for staff_id, name in staff:
            self.staff_box.addItem(name, staff_id)
        self.place_edit = QLineEdit()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setMinimumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.tr("步骤") if not with_place else self.tr("转介状态"), self.kind_box)
        form.addRow(self.tr("日期"), self.date_edit)
        if with_place:
            form.addRow(self.tr("机构"), self.place_edit)
        else:
            self.place_edit.hide()
        form.addRow(self.tr("经办人"), self.staff_box)
        form.addRow(self.tr("备注"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choose(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    def choose_staff(self, staff_id: int | None) -> None:
        self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(staff_id)))

    def entry(self) -> HistoryEntry:
        day = self.date_edit.date()
        return HistoryEntry(
            str(self.kind_box.currentData()),
            dt.date(day.year(), day.month(), day.day()),
            self.staff_box.currentData(),
            self.note_edit.toPlainText(),
            self.place_edit.text(),
        )


class StepDialog(_HistoryDialog):
    def __init__(
        self,
        staff: Sequence[tuple[int, str]],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        kinds = {key: label.render() for key, label in STEP_LABELS.items()}
        super().__init__(kinds, staff, today, with_place=False, parent=parent)
        self.setWindowTitle(self.tr("记录一个步骤"))


class ReferralDialog(_HistoryDialog):
    def __init__(
        self,
        staff: Sequence[tuple[int, str]],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        kinds = {key: label.render() for key, label in REFERRAL_LABELS.items()}
        super().__init__(kinds, staff, today, with_place=True, parent=parent)
        self.setWindowTitle(self.tr("记录转介的变化"))
