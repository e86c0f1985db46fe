"""个案进度: every crisis plan with its state (进行中 / 逾期 N 天 / 已结案) and a filter by state;
below, the chosen case's steps with their due dates and its referral's history, and the buttons
that add to them.

Everything shown is computed by ``counselor_app.crisis`` on the worker; a write runs there too,
and every page hears of it through the runner (``ui/records/changes.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counselor_app.crisis import CLOSED, OPEN, OVERDUE
from counselor_app.crisis.cases import CaseLine, case_lines
from counselor_app.crisis.history import add_referral_change, add_step, remove_step
from counselor_app.foundation.change import Change
from counselor_app.foundation.errors import ValidationFailed
from counselor_app.records.permissions import may_write
from counselor_app.school.core import School
from counselor_app.ui import questions
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.crisis.dialogs import ReferralDialog, StepDialog, _HistoryDialog
from counselor_app.ui.crisis.models import (
    ALL,
    CaseFilterProxy,
    CaseTableModel,
    ReferralTableModel,
    StepTableModel,
)
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.tasks import TaskRunner

# Writes of these record types may change what the case list shows.
WATCHED = frozenset({"crisis_plan", "risk_assessment", "student", "staff", "class", "term"})
WATCHED |= {"closure_day"}


def load_cases(school: School, today: dt.date) -> tuple[list[CaseLine], list[tuple[int, str]]]:
    """The cases and the staff who may have done a step (on the worker)."""
    staff = [
        (int(r["id"]), str(r["name"]))
        for r in school.db.query("SELECT id, name FROM staff ORDER BY staff_no, id")
    ]
    return case_lines(school, today), staff


class CaseListView(QWidget):
    # Open this plan's own form (its fields: level, care group, safety plan …).
    plan_edit_requested = Signal(int)
    # The list was read (tests wait for it).
    loaded_signal = Signal()

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.writable = may_write(school, "crisis_plan")
        self.loaded = False
        self._stale = True
        self._generation = 0
        self._select_when_loaded: int | None = None
        self.staff: list[tuple[int, str]] = []

        self.filter_box = QComboBox()
        for key, label in (
            (ALL, self.tr("全部")),
            (OPEN, self.tr("进行中")),
            (OVERDUE, self.tr("逾期")),
            (CLOSED, self.tr("已结案")),
        ):
            self.filter_box.addItem(label, key)
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("状态")))
        bar.addWidget(self.filter_box)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)

        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table_view(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CaseTableModel.STATE, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(
            CaseTableModel.NEXT, QHeaderView.ResizeMode.Stretch
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_case())
        self.table.doubleClicked.connect(self._double_clicked)

        self.case_title = QLabel()
        self.case_title.setObjectName("sectionTitle")
        self.steps_model = StepTableModel(self)
        self.steps_table = row_table_view(self.steps_model)
        self.steps_table.horizontalHeader().setSectionResizeMode(
            StepTableModel.NOTE, QHeaderView.ResizeMode.Stretch
        )
        self.referrals_model = ReferralTableModel(self)
        self.referrals_table = row_table_view(self.referrals_model)
        self.referrals_table.horizontalHeader().setSectionResizeMode(
            ReferralTableModel.NOTE, QHeaderView.ResizeMode.Stretch
        )
        # Where the student was referred is a long name (市儿童青少年心理门诊).
        self.referrals_table.setColumnWidth(ReferralTableModel.PLACE, 220)
        self.step_button = QPushButton(self.tr("记录步骤…"))
        self.referral_button = QPushButton(self.tr("记录转介变化…"))
        self.remove_button = QPushButton(self.tr("删除所选步骤"))
        self.edit_button = QPushButton(self.tr("打开一生一策"))
        self.step_button.clicked.connect(self.record_step)
        self.referral_button.clicked.connect(self.record_referral)
        self.remove_button.clicked.connect(self.remove_selected_step)
        self.edit_button.clicked.connect(self._edit_plan)
        self.steps_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("resultCount")

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.case_title, 1)
        for button in (self.step_button, self.referral_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addWidget(self.edit_button)
        self._case_buttons = buttons
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(QLabel(self.tr("步骤与期限")))
        detail_layout.addWidget(self.steps_table, 3)
        detail_layout.addWidget(QLabel(self.tr("转介经过")))
        detail_layout.addWidget(self.referrals_table, 2)
        detail_layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        row_height = self.fontMetrics().height() + 10
        for table in (self.table, self.steps_table, self.referrals_table):
            table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setMinimumHeight(row_height * 7)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        hub = RecordChanges.of(runner)
        hub.changed.connect(self._on_change)
        # Bound methods only: Qt drops them with the page, a lambda would keep it (and the
        # school) alive on the runner's hub after a lock.
        hub.types_changed.connect(self._on_types_changed)
        hub.everything_changed.connect(self._reload)
        self._show_case()

    # -- reading -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        if not self.loaded:
            self.count_label.setText(self.tr("正在读取…"))
        school = self._school
        self._runner.run(load_cases, school, school.today(), owner=self).on_success(
            lambda loaded: self._loaded(generation, loaded)
        ).on_failure(self._failed)

    def _loaded(
        self, generation: int, loaded: tuple[list[CaseLine], list[tuple[int, str]]]
    ) -> None:
        if generation != self._generation:
            return
        lines, self.staff = loaded
        selected = self.selected_plan_id() or self._select_when_loaded
        self._select_when_loaded = None
        self.model.set_rows(lines)
        self.loaded = True
        self._update_count()
        if selected is not None:
            self.select_plan(selected)
        self._show_case()
        self.loaded_signal.emit()

    def _reload(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_types_changed(self, record_types: frozenset[str]) -> None:
        if record_types & WATCHED:
            self._reload()

    def _on_change(self, change: Change) -> None:
        if change.record_type in WATCHED:
            self._reload()

    def _failed(self, error: BaseException) -> None:
        text = failure_text(error)
        if isinstance(error, ValidationFailed):
            text = "\n".join([text, *(problem.render() for problem in error.problems)])
        self.message.setText(text)

    def add_button(self, button: QWidget) -> None:
        """Put a page's own button (the crisis page's 打印…) after the case's buttons."""
        self._case_buttons.addWidget(button)

    # -- filtering and selection ---------------------------------------------------------------
    def set_filter(self, state: str) -> None:
        self.filter_box.setCurrentIndex(self.filter_box.findData(state))

    def _filter_changed(self) -> None:
        self.proxy.set_state(str(self.filter_box.currentData()))
        self._update_count()

    def _update_count(self) -> None:
        if not self.loaded:
            return
        overdue = sum(1 for line in self.model.lines() if line.state == OVERDUE)
        text = self.tr("显示 {shown} 个，共 {total} 个；逾期 {overdue} 个").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount(), overdue=overdue
        )
        self.count_label.setText(text)

    def shown_lines(self) -> list[CaseLine]:
        """The cases as listed on screen, in their order."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def selected_line(self) -> CaseLine | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def selected_plan_id(self) -> int | None:
        line = self.selected_line()
        return line.plan_id if line else None

    def select_plan(self, plan_id: int) -> bool:
        """Select this plan (showing every state if the filter hides it); False until loaded."""
        if not self.loaded:
            self._select_when_loaded = plan_id
            return False
        row = self.model.row_of(plan_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.set_filter(ALL)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _show_case(self) -> None:
        line = self.selected_line()
        if line is None:
            self.case_title.setText(self.tr("选择上面的一个个案，查看它的步骤与转介经过。"))
            self.steps_model.set_rows([])
            self.referrals_model.set_rows([])
        else:
            self.case_title.setText(
                self.tr(
                    "{name}（{number}，{class_name}）的一生一策，{created} 建立：{state}"
                ).format(
                    name=line.student_name,
                    number=line.student_no,
                    class_name=line.class_name,
                    created=line.created_on.isoformat(),
                    state=line.state_text().render(),
                )
            )
            self.steps_model.set_rows(line.case.steps)
            self.referrals_model.set_rows(line.case.referrals)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_line() is not None
        for button in (self.step_button, self.referral_button):
            button.setEnabled(chosen and self.writable)
        self.remove_button.setEnabled(self.writable and self._selected_step_id() is not None)
        self.edit_button.setEnabled(chosen)

    def _selected_step_id(self) -> int | None:
        rows = self.steps_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.steps_model.row_at(rows[0].row()).record_id

    def _double_clicked(self, _index: QModelIndex) -> None:
        self._edit_plan()

    def _edit_plan(self) -> None:
        plan_id = self.selected_plan_id()
        if plan_id is not None:
            self.plan_edit_requested.emit(plan_id)

    # -- writing -------------------------------------------------------------------------------
    def step_dialog(self) -> StepDialog:
        dialog = StepDialog(self.staff, self._school.today(), self)
        line = self.selected_line()
        step = line.next_step if line else None
        if step is not None:
            dialog.choose(step.step)
        dialog.choose_staff(self._own_staff_id())
        return dialog

    def referral_dialog(self) -> ReferralDialog:
        dialog = ReferralDialog(self.staff, self._school.today(), self)
        line = self.selected_line()
        if line is not None and line.case.referrals:
            dialog.place_edit.setText(line.case.referrals[-1].place or "")
        dialog.choose_staff(self._own_staff_id())
        return dialog

    def _own_staff_id(self) -> int | None:
        """The signed-in counsellor, when a staff member has the account's name."""
        for staff_id, name in self.staff:
            if name == self._school.user.name:
                return staff_id
        return None

    def record_step(self) -> None:
        self._write_from(self.step_dialog(), step=True)

    def record_referral(self) -> None:
        self._write_from(self.referral_dialog(), step=False)

    def _write_from(self, dialog: _HistoryDialog, *, step: bool) -> None:
        plan_id = self.selected_plan_id()
        if plan_id is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_entry(plan_id, dialog, step=step)

    def save_entry(self, plan_id: int, dialog: _HistoryDialog, *, step: bool) -> None:
        entry = dialog.entry()
        writer: Any = add_step if step else add_referral_change
        arguments: tuple[Any, ...] = (
            (plan_id, entry.kind, entry.day, entry.by_id, entry.note)
            if step
            else (plan_id, entry.day, entry.kind, entry.place, entry.by_id, entry.note)
        )
        self.message.clear()
        self._runner.run(writer, self._school, *arguments, owner=self).on_success(
            lambda _: self.message.setText(self.tr("已记录。"))
        ).on_failure(self._failed)

    def remove_selected_step(self) -> None:
        """Delete a step entered by mistake, once asked (the audit trail keeps that it was)."""
        step_id = self._selected_step_id()
        if step_id is None:
            return
        rows = self.steps_table.selectionModel().selectedRows()
        step = self.steps_model.row_at(rows[0].row())
        if not questions.ask(
            self,
            self.tr("删除步骤记录"),
            self.tr("删除“{step}”（{done}）这一条记录？删除后它会重新算作未完成。").format(
                step=step.label.render(), done=str(step.done_on)
            ),
            yes=self.tr("删除"),
        ):
            return
        self._runner.run(remove_step, self._school, step_id, owner=self).on_success(
            lambda _: self.message.setText(self.tr("已删除这一步骤的记录。"))
        ).on_failure(self._failed)
