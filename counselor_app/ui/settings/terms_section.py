"""设置 › 学期: the school's terms, added, changed and deleted (with undo) through the record service.

Every check is the core's (``RecordService.check`` / ``create`` / ``update``): a term that overlaps
another is refused with the core's message, shown in the dialog while the dates are chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QDate,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, Problem, ValidationFailed
from counselor_app.foundation.i18n import labelled
from counselor_app.records.catalog import spec_for
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import Change, RecordService
from counselor_app.school.core import School
from counselor_app.ui.questions import ask
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.section_parts import (
    button_row,
    list_layout,
    load_when_first_shown,
    selected_row,
    size_columns,
)
from counselor_app.ui.tasks import TaskRunner
from counselor_app.years.calendar import TermCalendar

Record = dict[str, Any]
CHECK_PAUSE_MS = 250


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class _TermLine(NamedTuple):
    term: Record
    weeks: int


class TermTableModel(RowTableModel[Record]):
    NAME, FIRST_DAY, LAST_DAY, WEEKS = range(4)
    COLUMN_COUNT = 4
    RECORD_ROLE = ROW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[_TermLine] = []

    def columns(self) -> tuple[Column[_TermLine], ...]:
        return (
            Column(lambda: self.tr("学期名称"), lambda line: line.term["name"]),
            Column(lambda: self.tr("开始日期"), lambda line: line.term["first_day"]),
            Column(lambda: self.tr("结束日期"), lambda line: line.term["last_day"]),
            Column(lambda: self.tr("教学周"), lambda line: line.weeks),
        )

    def rows_replaced(self) -> None:
        # Teaching weeks as the self-check counts them (Monday-based from the first day).
        self._lines = [
            _TermLine(t, TermCalendar(_date(t["first_day"]), _date(t["last_day"])).teaching_weeks)
            for t in self._rows
        ]

    def shown_row(self, row: int) -> _TermLine:
        return self._lines[row]


class TermDialog(QDialog):
    """Add or change one term; the core checks as the dates change and on saving."""

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        term: Record | None,
        suggestion: tuple[str, dt.date, dt.date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._term_id: int | None = term["id"] if term else None
        self._generation = 0
        self.change: Change | None = None
        self.setWindowTitle(self.tr("修改学期") if term else self.tr("添加学期"))
        self.setMinimumWidth(440)

        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText(self.tr("例如 2025—2026学年第一学期"))
        self.first_day = QDateEdit()
        self.last_day = QDateEdit()
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        if term is not None:
            name, first, last = term["name"], _date(term["first_day"]), _date(term["last_day"])
        elif suggestion is not None:
            name, first, last = suggestion
        else:
            today = school.today()
            name, first, last = "", today, today + dt.timedelta(days=140)
        self.name_field.setText(name)
        self.first_day.setDate(QDate(first.year, first.month, first.day))
        self.last_day.setDate(QDate(last.year, last.month, last.day))

        self.problems_label = QLabel()
        self.problems_label.setObjectName("fieldError")
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("学期名称"), self.name_field)
        form.addRow(self.tr("开始日期"), self.first_day)
        form.addRow(self.tr("结束日期"), self.last_day)
        note = QLabel(self.tr("教学周从开始日期所在的周一算起。"))
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_PAUSE_MS)
        self._timer.timeout.connect(self.check)
        self.name_field.textChanged.connect(self._timer.start)
        self.first_day.dateChanged.connect(self._timer.start)
        self.last_day.dateChanged.connect(self._timer.start)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name_field.text(),
            "first_day": self.first_day.date().toString("yyyy-MM-dd"),
            "last_day": self.last_day.date().toString("yyyy-MM-dd"),
        }

    def check(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, values, term_id = self._generation, self.values(), self._term_id
        school = self._school

        def check() -> list[Problem]:
            return RecordService(school).check("term", values, term_id)

        self._runner.run(check, owner=self).on_success(
            lambda problems: self._checked(generation, problems)
        )

    def _checked(self, generation: int, problems: list[Problem]) -> None:
        if generation == self._generation:
            spec = spec_for("term")
            self.show_problems(
                [str(labelled(spec.field(p.field).label, p.message)) for p in problems]
            )

    def show_problems(self, lines: Sequence[str]) -> None:
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(lines))

    def save(self) -> None:
        self._timer.stop()
        self._generation += 1
        values, term_id, school = self.values(), self._term_id, self._school
        self.buttons.setEnabled(False)

        def write() -> Change:
            service = RecordService(school)
            if term_id is None:
                return service.create("term", values)
            return service.update("term", term_id, values)

        self._runner.run(write, owner=self).on_success(self._saved).on_failure(self._failed)

    def _saved(self, change: Change) -> None:
        self.change = change
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.show_problems([p.render() for p in error.problems])
        elif isinstance(error, CounselorError):
            self.show_problems([str(error)])
        else:
            self.show_problems([self.tr("保存失败：{detail}").format(detail=error)])


class TermsSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.dialog: TermDialog | None = None
        self._deleted_id: int | None = None
        # Replaced in tests to answer in advance.

        intro = QLabel(self.tr("自查、辅导记录和开放时间都按学期统计。学期之间不能重叠。"))
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.model = TermTableModel(self)
        self.table = row_table_view(self.model)
        size_columns(
            self.table,
            {TermTableModel.FIRST_DAY: 130, TermTableModel.LAST_DAY: 130, TermTableModel.WEEKS: 70},
            stretch=TermTableModel.NAME,
        )

        self.add_button = QPushButton(self.tr("添加学期…"))
        self.edit_button = QPushButton(self.tr("修改…"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.undo_button = QPushButton(self.tr("撤销删除"))
        self.undo_button.hide()
        buttons = button_row(
            self.add_button, self.edit_button, self.delete_button, self.undo_button
        )
        self.message_bar = MessageBar()

        list_layout(self, intro, buttons, table=self.table, below=self.message_bar)

        self.add_button.clicked.connect(self.add_term)
        self.edit_button.clicked.connect(self.edit_term)
        self.delete_button.clicked.connect(self.delete_term)
        self.undo_button.clicked.connect(self.undo_delete)
        self.table.doubleClicked.connect(lambda _: self.edit_term())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        load_when_first_shown(self, self.load)

    def load(self) -> None:
        school = self._school

        def terms() -> list[Record]:
            return RecordService(school).find("term", order=["first_day"])

        self._runner.run(terms, owner=self).on_success(self._show).on_failure(
            self.message_bar.show_failure
        )

    def _show(self, terms: list[Record]) -> None:
        self.model.set_rows(terms)
        self._update_buttons()

    def selected(self) -> Record | None:
        return selected_row(self.table, self.model)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- editing ---------------------------------------------------------------------------------
    def add_term(self) -> None:
        # Not imported with the page (it brings openpyxl); by now the school section's first read
        # has imported it on the worker.
        from counselor_app.settings.school_settings import suggested_term

        existing = [
            (_date(t["first_day"]), _date(t["last_day"]))
            for t in (self.model.row_at(r) for r in range(self.model.rowCount()))
        ]
        self._open_dialog(None, suggested_term(existing, self._school.today()))

    def edit_term(self) -> None:
        term = self.selected()
        if term is not None:
            self._open_dialog(term, None)

    def _open_dialog(
        self, term: Record | None, suggestion: tuple[str, dt.date, dt.date] | None
    ) -> None:
        dialog = TermDialog(self._school, self._runner, term, suggestion, self)
        dialog.accepted.connect(lambda: self._dialog_saved(dialog))
        self.dialog = dialog
        dialog.open()
        dialog.check()

    def _dialog_saved(self, dialog: TermDialog) -> None:
        name = dialog.values()["name"].strip()
        if dialog.change is not None and dialog.change.action == "created":
            self.message_bar.show_info(self.tr("已添加学期“{name}”。").format(name=name))
        else:
            self.message_bar.show_info(self.tr("已保存学期“{name}”。").format(name=name))
        self.undo_button.hide()
        self.load()

    def delete_term(self) -> None:
        term = self.selected()
        if term is None:
            return
        question = self.tr("删除学期“{name}”（{first} 至 {last}）？删除后可以撤销。").format(
            name=term["name"], first=term["first_day"], last=term["last_day"]
        )
        if not ask(self, self.tr("删除学期"), question):
            return
        school, term_id = self._school, term["id"]
        self._runner.run(
            lambda: RecordService(school).delete("term", term_id), owner=self
        ).on_success(lambda _: self._deleted(term_id, term["name"])).on_failure(
            self.message_bar.show_failure
        )

    def _deleted(self, term_id: int, name: str) -> None:
        self._deleted_id = term_id
        self.message_bar.show_info(self.tr("已删除学期“{name}”。").format(name=name))
        self.undo_button.show()
        self.load()

    def undo_delete(self) -> None:
        """Bring back the term deleted here (not whatever was deleted last elsewhere)."""
        school, term_id = self._school, self._deleted_id

        def restore() -> Change | None:
            bin_ = RecycleBin(school)
            for entry in bin_.entries():  # newest first
                if entry.record_type == "term" and entry.record_id == term_id:
                    return bin_.restore(entry.id)
            return None

        self._runner.run(restore, owner=self).on_success(self._undone).on_failure(
            self.message_bar.show_failure
        )

    def _undone(self, change: Change | None) -> None:
        self.undo_button.hide()
        self.message_bar.show_info(
            self.tr("已撤销删除。") if change is not None else self.tr("没有可以撤销的删除。")
        )
        self.load()
