"""One input widget per kind of field, all with the same small interface for the form.

An editor gives the value in the form the record service takes (ISO dates, vocabulary codes, ids)
and takes such a value back; it says when it changed. What is allowed is the service's business:
an editor accepts what a person can type (a 0-minute session too), so the service can explain
what is wrong instead of the widget silently refusing a key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QDoubleValidator, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from counselor_app.foundation.vocab import Vocabulary
from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.records.text import NameBook, list_separator, number_text
from counselor_app.records.values import split_list
from counselor_app.ui.qt_values import present
from counselor_app.ui.records.flow_layout import FlowLayout
from counselor_app.years.school_years import SchoolYear

DATE_FORMAT = "yyyy-MM-dd"
# The first date a date field can hold; an optional date shows it as "not filled in".
EMPTY_DATE = QDate(1900, 1, 1)
LAST_DATE = QDate(2100, 12, 31)
# Single-line inputs do not need the whole width of the form.
NARROW = 150
MEDIUM = 260


class FieldEditor(QWidget):
    """The common interface: ``value()``, ``set_value()``, ``changed``."""

    changed = Signal()
    # The editor finished a step by keyboard on its own (a student picked after Enter): the form
    # moves the focus on.
    advance = Signal()

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.tab_widgets():
            widget.setEnabled(not read_only)

    def set_names(self, names: NameBook) -> None:
        """The readable names of students, staff and classes (only pickers need them)."""

    def input_problem(self) -> str | None:
        """A problem of the input itself, before the service can judge (text not yet picked)."""
        return None

    def tab_widgets(self) -> list[QWidget]:
        """The editor's focusable widgets, in the order Tab visits them."""
        proxy = self.focusProxy()
        return [proxy] if proxy is not None else []

    def _finish(self, main: QWidget, *, stretch: bool = False, width: int | None = None) -> None:
        self.row.addWidget(main, 1 if stretch else 0)
        if width is not None:
            main.setMinimumWidth(width)
        if not stretch:
            self.row.addStretch(1)
        self.setFocusProxy(main)


class _OneLineEditor(FieldEditor):
    """A field typed into one line of text; what the line means is the subclass's."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit()
        self.line.textChanged.connect(self.changed)
        self._finish(self.line, stretch=True)


class LineTextEditor(_OneLineEditor):
    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))


class LongTextEditor(FieldEditor):
    """Notes, measures, what was seen: several lines; Tab leaves the box instead of indenting."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        lines = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(lines * 3 + 14)
        self.text.setMaximumHeight(lines * 5 + 14)
        self.text.textChanged.connect(self.changed)
        self._finish(self.text, stretch=True)

    def value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))


class TextListEditor(_OneLineEditor):
    """Several short texts in one line, separated by ；."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line.setPlaceholderText(self.tr("多项用“；”隔开"))

    def value(self) -> list[str]:
        return [str(item) for item in split_list(self.line.text())]

    def set_value(self, value: Any) -> None:
        self.line.setText(list_separator().join(value or []))


class IntEditor(FieldEditor):
    """A spin box a little wider than the field's range: a value below it gets explained."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.spin = QSpinBox()
        low = min(0, int(field.minimum)) if field.minimum is not None else -999_999
        high = int(field.maximum) if field.maximum is not None else 999_999
        self.optional = not field.required
        # An optional number can be left empty: one step below the range shows as nothing.
        self.empty = low - 1 if self.optional else None
        self.spin.setRange(low - 1 if self.optional else low, high)
        if self.optional:
            self.spin.setSpecialValueText(" ")
            self.spin.setValue(self.spin.minimum())
        self.spin.setAccelerated(True)
        self.spin.valueChanged.connect(self.changed)
        self._finish(self.spin, width=NARROW)

    def value(self) -> int | None:
        number = self.spin.value()
        return None if number == self.empty else number

    def set_value(self, value: Any) -> None:
        if value is None:
            self.spin.setValue(
                self.spin.minimum() if self.optional else max(self.spin.minimum(), 0)
            )
        else:
            self.spin.setValue(int(value))


class RealEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit()
        validator = QDoubleValidator(self.line)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.line.setValidator(validator)
        self.line.textChanged.connect(self.changed)
        self._finish(self.line, width=NARROW)

    def value(self) -> float | str | None:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text  # the service says what a number should look like

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else number_text(float(value)))


class DateEdit(QDateEdit):
    """A date with a calendar; an optional one can be empty (shown as 未填写)."""

    def __init__(self, optional: bool, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setDateRange(EMPTY_DATE, LAST_DATE)
        if optional:
            self.setSpecialValueText(self.tr("未填写"))
            self.setDate(EMPTY_DATE)
        else:
            self.setDate(today)
        self.calendarWidget().installEventFilter(self)

    def is_empty(self) -> bool:
        return self.optional and self.date() == EMPTY_DATE

    def clear_date(self) -> None:
        if self.optional:
            self.setDate(EMPTY_DATE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty date opens its calendar on this month, not on January 1900.
        if event.type() == QEvent.Type.Show and self.is_empty():
            self.calendarWidget().setCurrentPage(self.today.year(), self.today.month())
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        # An empty date has no parts to step through: Tab leaves it (Qt would stay inside).
        if self.is_empty():
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.optional and key == Qt.Key.Key_Delete:
            self.clear_date()  # Delete empties an optional date; Backspace edits a section
            return
        if self.is_empty() and key in (
            Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Space
        ):  # fmt: skip
            self.setDate(self.today)  # start from today, not from 1900
            self.setSelectedSection(QDateEdit.Section.DaySection)
            return
        super().keyPressEvent(event)


class DateEditor(FieldEditor):
    def __init__(self, field: FieldSpec, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = DateEdit(not field.required, today)
        self.edit.dateChanged.connect(self.changed)
        self.row.addWidget(self.edit)
        self.edit.setMinimumWidth(NARROW)
        if not field.required:
            clear = QToolButton()
            clear.setText("×")
            clear.setToolTip(self.tr("清除日期"))
            clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            clear.setAutoRaise(True)
            clear.clicked.connect(self.edit.clear_date)
            self.row.addWidget(clear)
            self.clear_button = clear
        self.row.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return None if self.edit.is_empty() else self.edit.date().toString(Qt.DateFormat.ISODate)

    def set_value(self, value: Any) -> None:
        if value is None:
            if self.edit.optional:
                self.edit.clear_date()
            return
        date = QDate.fromString(str(value), Qt.DateFormat.ISODate)
        if date.isValid():
            self.edit.setDate(date)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        if hasattr(self, "clear_button"):
            self.clear_button.setEnabled(not read_only)
            self.clear_button.setVisible(not read_only)


class MonthEditor(FieldEditor):
    def __init__(self, field: FieldSpec, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QDateEdit(today)
        self.edit.setDisplayFormat("yyyy-MM")
        self.edit.dateChanged.connect(self.changed)
        self._finish(self.edit, width=NARROW)

    def value(self) -> str:
        return self.edit.date().toString("yyyy-MM")

    def set_value(self, value: Any) -> None:
        if value:
            date = QDate.fromString(f"{value}-01", Qt.DateFormat.ISODate)
            if date.isValid():
                self.edit.setDate(date)


class TimeEditor(FieldEditor):
    def __init__(self, field: FieldSpec, now: QTime, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QTimeEdit(now)
        self.edit.setDisplayFormat("HH:mm")
        self.edit.timeChanged.connect(self.changed)
        self._finish(self.edit, width=NARROW)

    def value(self) -> str:
        return self.edit.time().toString("HH:mm")

    def set_value(self, value: Any) -> None:
        if value:
            time = QTime.fromString(str(value), "HH:mm")
            if time.isValid():
                self.edit.setTime(time)


class BoolEditor(FieldEditor):
    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.box = QCheckBox(self.tr("是"))
        self.box.toggled.connect(self.changed)
        self._finish(self.box)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ChoiceEditor(FieldEditor):
    """One word from a vocabulary; the code is the item's data. Optional ones can be left empty."""

    def __init__(self, field: FieldSpec, vocab: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.as_int = field.kind is Kind.INT
        if not field.required:
            self.combo.addItem("", None)
        for term in vocab.terms:
            label = vocab.label(term.code)
            if self.as_int and vocab is not field.vocab:  # a risk level: number and name
                label = f"{term.code} {label}"
            self.combo.addItem(label, int(term.code) if self.as_int else term.code)
        self.combo.setPlaceholderText(self.tr("请选择"))
        self.combo.setCurrentIndex(-1 if field.required else 0)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(self.changed)
        self._finish(self.combo, width=NARROW)

    def value(self) -> Any:
        return self.combo.currentData() if self.combo.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        if value is None:
            self.combo.setCurrentIndex(-1 if self.field.required else 0)
            return
        index = self.combo.findData(int(value) if self.as_int else value)
        self.combo.setCurrentIndex(index)


class SchoolYearEditor(FieldEditor):
    """A school year (学年): the years that have classes and the next one to pick, or typed as
    2025—2026学年 / 2025-2026. Empty means the current school year (the service fills it in)."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        present(self.combo.lineEdit()).setPlaceholderText(self.tr("留空为当前学年"))
        self._pending: Any = None
        self.combo.currentIndexChanged.connect(self.changed)
        self.combo.editTextChanged.connect(self.changed)
        self._finish(self.combo, width=NARROW)

    def set_names(self, names: NameBook) -> None:
        wanted = self.value()
        years = set(names.years)
        if names.current_year is not None:
            years |= {names.current_year, names.current_year + 1}
        self.combo.blockSignals(True)
        self.combo.clear()
        for year in sorted(years, reverse=True):
            self.combo.addItem(SchoolYear(year).name, year)
        self.combo.blockSignals(False)
        self.set_value(wanted)

    def value(self) -> int | str | None:
        text = self.combo.currentText().strip()
        if not text:
            return None
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        return int(self.combo.itemData(index)) if index >= 0 else text  # the service parses it

    def set_value(self, value: Any) -> None:
        if isinstance(value, int):
            index = self.combo.findData(value)
            if index >= 0:
                self.combo.setCurrentIndex(index)
            else:
                self.combo.setEditText(SchoolYear(value).name)
        else:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("" if value is None else str(value))
        self.changed.emit()


class ChoiceListEditor(FieldEditor):
    """Several words of a vocabulary: a check box each."""

    def __init__(self, field: FieldSpec, vocab: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        holder = QWidget()
        flow = FlowLayout(holder, spacing=12)
        self.boxes: dict[str, QCheckBox] = {}
        for term in vocab.terms:
            box = QCheckBox(vocab.label(term.code))
            box.toggled.connect(self.changed)
            flow.addWidget(box)
            self.boxes[term.code] = box
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.row.addWidget(holder, 1)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def tab_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


class RedactedEditor(FieldEditor):
    """A confidential field shown to a 管理员: it says so, and cannot be typed into."""

    def __init__(self, field: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit(self.tr("（无权查看）"))
        self.line.setReadOnly(True)
        self.line.setEnabled(False)
        self._finish(self.line, stretch=True)

    def value(self) -> None:
        return None

    def set_value(self, value: Any) -> None:
        pass

    def set_read_only(self, read_only: bool) -> None:
        pass

    def tab_widgets(self) -> list[QWidget]:
        return []
