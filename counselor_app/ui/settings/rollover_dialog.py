"""升级到新学年: the plan of the roll-over, one row per class, looked at and changed before it happens.

The plan is the core's (:mod:`counselor_app.rollover.plan`): the model shows it, turns an edit
of a cell into the core's :meth:`~counselor_app.rollover.plan.RolloverPlan.edited`, and marks
the cells the core's :meth:`~counselor_app.rollover.plan.RolloverPlan.problems` names. Checking
needs no database, so every edit is checked at once. Confirming asks, then applies the plan on the
database worker; a plan the core refuses there (the classes changed meanwhile) keeps the dialog
open with the core's message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import ValidationFailed
from counselor_app.rollover.core import RolloverResult, apply_rollover
from counselor_app.rollover.plan import RolloverPlan, RolloverRow
from counselor_app.school.core import School
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.questions import ask
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.settings.feedback import BusyDialog
from counselor_app.ui.settings.section_parts import size_columns
from counselor_app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
PROBLEM_COLOUR = QColor("#b3261e")
NOTE_COLOUR = QColor("#8a5300")
MUTED_COLOUR = QColor("#8a9497")


class RolloverPlanModel(RowTableModel[RolloverRow]):
    """The plan's rows: old class → new class, grade, name, head teacher, students, graduates."""

    OLD_CLASS, GRADE, CODE, NAME, HEAD_TEACHER, STUDENTS, GRADUATE = range(7)
    COLUMN_COUNT = 7
    ROW_ROLE = Qt.ItemDataRole.UserRole
    # The head teacher's staff id (None: none), what the head-teacher editor reads and writes.
    STAFF_ROLE = Qt.ItemDataRole.UserRole + 1
    # The core field each editable column changes, and the field its problems name.
    FIELDS: ClassVar[dict[int, str]] = {
        CODE: "code",
        NAME: "name",
        HEAD_TEACHER: "head_teacher_id",
        GRADUATE: "graduate",
    }

    plan_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: RolloverPlan | None = None
        self._problems: dict[tuple[int, str], list[str]] = {}
        self._staff: dict[int, str] = {}

    def set_plan(self, plan: RolloverPlan) -> None:
        self.plan = plan
        self._staff = {choice.id: choice.label for choice in plan.staff}
        self.set_rows(plan.rows)

    def rows_replaced(self) -> None:
        self._problems = {}
        if self.plan is None:
            return
        for problem in self.plan.problems():
            if problem.row is not None:
                key = (problem.row - 1, problem.field)
                self._problems.setdefault(key, []).append(problem.message.render())

    def columns(self) -> tuple[Column[RolloverRow], ...]:
        return (
            Column(
                lambda: self.tr("原班级"),
                lambda row: row.old_label,
                tooltip=lambda row: self._notes(row),
                foreground=lambda row: NOTE_COLOUR if self._notes(row) else None,
            ),
            Column(lambda: self.tr("年级"), self._grade_text),
            Column(
                lambda: self.tr("新班级编号"),
                lambda row: "—" if row.graduate else row.code,
                tooltip=lambda row: self._cell_problems(row, "code"),
                foreground=lambda row: self._colour(row, "code"),
            ),
            Column(
                lambda: self.tr("新班级名称"),
                lambda row: "—" if row.graduate else row.name,
                tooltip=lambda row: self._cell_problems(row, "name") or self._name_note(row),
                foreground=lambda row: self._colour(row, "name", self._name_note(row)),
            ),
            Column(
                lambda: self.tr("班主任"),
                lambda row: "—" if row.graduate else self._teacher(row.head_teacher_id),
                tooltip=lambda row: self._cell_problems(row, "head_teacher_id"),
                foreground=lambda row: self._colour(row, "head_teacher_id"),
            ),
            Column(
                lambda: self.tr("学生"),
                lambda row: row.students,
                alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            ),
            Column(
                lambda: self.tr("毕业"),
                lambda row: self.tr("毕业") if row.graduate else "",
                tooltip=lambda row: self._cell_problems(row, "graduate"),
                foreground=lambda row: self._colour(row, "graduate"),
            ),
        )

    # -- what the cells say ----------------------------------------------------------------------
    def _grade_text(self, row: RolloverRow) -> str:
        if row.graduate:
            return self.tr("{grade} 年级 → 毕业").format(grade=row.old_grade)
        return self.tr("{grade} → {new} 年级").format(grade=row.old_grade, new=row.new_grade)

    def _teacher(self, staff_id: int | None) -> str:
        if staff_id is None:
            return self.tr("（未定）")
        return self._staff.get(staff_id, "?")

    @staticmethod
    def _notes(row: RolloverRow) -> str:
        return "\n".join(note.render() for note in row.notes())

    def _name_note(self, row: RolloverRow) -> str:
        return "" if row.graduate or not row.name_kept else self._notes(row)

    def _row_number(self, row: RolloverRow) -> int:
        return next(i for i, r in enumerate(self._rows) if r.old_class_id == row.old_class_id)

    def _cell_problems(self, row: RolloverRow, field: str) -> str:
        return "\n".join(self._problems.get((self._row_number(row), field), []))

    def _colour(self, row: RolloverRow, field: str, note: str = "") -> QColor | None:
        if self._cell_problems(row, field):
            return PROBLEM_COLOUR
        if row.graduate and field != "graduate":
            return MUTED_COLOUR
        return NOTE_COLOUR if note else None

    def has_problem(self, row: int, column: int) -> bool:
        field = self.FIELDS.get(column)
        return field is not None and bool(self._problems.get((row, field)))

    # -- editing ---------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        row = self._rows[index.row()]
        if index.column() == self.GRADUATE:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.CODE, self.NAME, self.HEAD_TEACHER) and not row.graduate:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.GRADUATE:
            return Qt.CheckState.Checked if row.graduate else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column in (self.CODE, self.NAME):
            return row.code if column == self.CODE else row.name
        if role == self.STAFF_ROLE and column == self.HEAD_TEACHER:
            return row.head_teacher_id
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.plan is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        column = index.column()
        if column == self.GRADUATE and role == Qt.ItemDataRole.CheckStateRole:
            change: dict[str, Any] = {"graduate": Qt.CheckState(value) == Qt.CheckState.Checked}
        elif column in (self.CODE, self.NAME) and role == Qt.ItemDataRole.EditRole:
            change = {self.FIELDS[column]: str(value).strip()}
        elif column == self.HEAD_TEACHER and role == self.STAFF_ROLE:
            change = {"head_teacher_id": value}
        else:
            return False
        self.plan = self.plan.edited(index.row(), **change)
        self._rows = list(self.plan.rows)
        self.rows_replaced()
        # A change to one row can end or start a problem in another (two rows with one code).
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
        )
        self.plan_changed.emit()
        return True

    def set_graduation_day(self, day: dt.date) -> None:
        if self.plan is not None and day != self.plan.graduation_day:
            self.plan = self.plan.with_graduation_day(day)
            self.plan_changed.emit()


class HeadTeacherDelegate(QStyledItemDelegate):
    """Chooses a row's head teacher from the staff list (or none)."""

    def __init__(self, model: RolloverPlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.addItem(QCoreApplication.translate("RolloverPlanModel", "（未定）"), None)
        plan = self._model.plan
        for choice in plan.staff if plan is not None else ():
            editor.addItem(choice.label, choice.id)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(RolloverPlanModel.STAFF_ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), RolloverPlanModel.STAFF_ROLE)


class RolloverDialog(QDialog):
    """The plan, a graduation day, the summary and the problems; 确认升级 applies it."""

    def __init__(
        self, school: School, runner: TaskRunner, plan: RolloverPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.result_of_rollover: RolloverResult | None = None
        self.busy: BusyDialog | None = None
        # Replaced in tests to answer in advance.
        self.setWindowTitle(self.tr("升级到新学年"))
        self.resize(980, 620)

        heading = QLabel(
            self.tr("从 {old} 升级到 {new}").format(old=plan.from_year.name, new=plan.to_year.name)
        )
        heading.setObjectName("dialogHeading")
        intro = QLabel(
            self.tr(
                "请逐行核对：各班升一个年级，班级编号和名称可以双击修改，班主任默认不变；"
                "勾选“毕业”的班级，其在读学生将标为毕业。已转出的学生不再分班。"
                "新生和重新分班请在升级后用名册工作簿导入。"
            )
        )
        intro.setObjectName("placeholderNote")
        intro.setWordWrap(True)
        self.plan_notes = QLabel("\n".join(note.render() for note in plan.notes()))
        self.plan_notes.setObjectName("warningBanner")
        self.plan_notes.setWordWrap(True)
        self.plan_notes.setVisible(bool(plan.notes()))

        self.graduation_day = QDateEdit()
        self.graduation_day.setCalendarPopup(True)
        self.graduation_day.setDisplayFormat("yyyy-MM-dd")
        self.graduation_day.setDateRange(
            _qdate(plan.earliest_graduation_day), _qdate(plan.latest_graduation_day)
        )
        self.graduation_day.setDate(_qdate(plan.graduation_day))
        day_row = QHBoxLayout()
        day_row.addWidget(QLabel(self.tr("毕业生离校日期")))
        day_row.addWidget(self.graduation_day)
        day_note = QLabel(self.tr("默认是学年的最后一天，毕业生仍计入本学年各学期的自查。"))
        day_note.setObjectName("placeholderNote")
        day_row.addWidget(day_note, 1)

        self.model = RolloverPlanModel(self)
        self.model.set_plan(plan)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(
            RolloverPlanModel.HEAD_TEACHER, HeadTeacherDelegate(self.model, self.table)
        )
        size_columns(
            self.table,
            {
                RolloverPlanModel.OLD_CLASS: 170,
                RolloverPlanModel.GRADE: 150,
                RolloverPlanModel.CODE: 110,
                RolloverPlanModel.NAME: 160,
                RolloverPlanModel.HEAD_TEACHER: 150,
                RolloverPlanModel.STUDENTS: 60,
            },
        )

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("fieldError")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(self.tr("确认升级…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.plan_notes)
        layout.addLayout(day_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        self.table.setFocus()  # not the date: its text would show selected
        self.model.plan_changed.connect(self.show_plan)
        self.graduation_day.dateChanged.connect(
            lambda day: self.model.set_graduation_day(day.toPython())
        )
        self.show_plan()

    @property
    def plan(self) -> RolloverPlan:
        assert self.model.plan is not None
        return self.model.plan

    def show_plan(self) -> None:
        """The summary line and every problem of the plan as it now stands."""
        self.summary_label.setText(self.plan.summary().render())
        self.show_problems([problem.message.render() for problem in self.plan.problems()])

    def show_problems(self, lines: list[str]) -> None:
        self.problems_label.setText("\n".join(lines))
        self.problems_label.setVisible(bool(lines))
        self.confirm_button.setEnabled(not lines)

    def confirm(self) -> None:
        plan = self.plan
        if plan.problems():
            return
        question = self.tr(
            "{summary}。\n\n升级后，学校进入{new}；在新学年写入第一条记录之前可以撤销。确定升级？"
        ).format(summary=plan.summary().render(), new=plan.to_year.name)
        if not ask(self, self.tr("确认升级"), question):
            return
        school = self._school
        self.buttons.setEnabled(False)
        self.busy = BusyDialog(self, self.tr("正在升级到{new}…").format(new=plan.to_year.name))

        # Runs after the dialog is gone (locked meanwhile): no self.tr here.
        def told_after_unlock(ok: bool, outcome: Any) -> str:
            if ok:
                return QCoreApplication.translate(
                    "RolloverDialog", "锁定前开始的学年升级已经完成：{summary}。"
                ).format(summary=outcome.summary().render())
            return QCoreApplication.translate(
                "RolloverDialog", "锁定前开始的学年升级没有完成，数据没有改动：{detail}"
            ).format(detail=failure_text(outcome))

        self._runner.run(lambda: apply_rollover(school, plan), owner=self).on_success(
            self._applied
        ).on_failure(self._failed).tell_if_gone(told_after_unlock)

    def _applied(self, result: RolloverResult) -> None:
        self._finish_busy()
        self.result_of_rollover = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._finish_busy()
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.show_problems([str(error)] + [p.message.render() for p in error.problems])
        else:
            self.show_problems([failure_text(error)])

    def _finish_busy(self) -> None:
        if self.busy is not None:
            self.busy.done()
            self.busy = None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
