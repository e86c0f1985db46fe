"""设置 › 学年: the school years with their terms, classes and students; 升级到新学年 (the roll-over,
previewed in :class:`~counselor_app.ui.settings.rollover_dialog.RolloverDialog`) and 撤销升级.

Who may do it, whether it can start and whether the latest can still be undone (with the reason
when not) are the core's answers (:func:`counselor_app.rollover.overview.rollover_state`): a
counsellor or a 管理员 may, as both keep the class lists (record_permissions), never on a database
opened read-only. The section reads them again whenever it is shown, since any record written
elsewhere may end the undo.

The new cohort and any reshuffle come from a roster workbook: 导入新生和分班名册… takes the user to
设置 › 数据导入导出 with a hint of what the workbook holds (:attr:`YearsSection.import_requested`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from counselor_app.rollover.core import preview_rollover
from counselor_app.rollover.overview import RolloverState, YearLine, rollover_state
from counselor_app.rollover.plan import RolloverPlan
from counselor_app.rollover.undo import UndoResult, undo_rollover
from counselor_app.school.core import School
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.questions import ask
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.settings.feedback import BusyDialog, MessageBar
from counselor_app.ui.settings.rollover_dialog import RolloverDialog
from counselor_app.ui.settings.section_parts import button_row, list_layout, size_columns
from counselor_app.ui.tasks import TaskRunner


class YearTableModel(RowTableModel[YearLine]):
    YEAR, TERMS, CLASSES, STUDENTS, STATE = range(5)
    COLUMN_COUNT = 5
    ROW_ROLE = Qt.ItemDataRole.UserRole
    NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def columns(self) -> tuple[Column[YearLine], ...]:
        return (
            Column(lambda: self.tr("学年"), lambda line: line.year.name),
            Column(lambda: self.tr("学期"), lambda line: line.terms, alignment=self.NUMBER),
            Column(lambda: self.tr("班级"), lambda line: line.classes, alignment=self.NUMBER),
            Column(lambda: self.tr("学生"), lambda line: line.students, alignment=self.NUMBER),
            Column(lambda: self.tr("状态"), self._state),
        )

    def _state(self, line: YearLine) -> str:
        parts = []
        if line.current:
            parts.append(self.tr("当前学年"))
        if line.rolled_over_on:
            parts.append(self.tr("已于 {day} 升级到下一学年").format(day=line.rolled_over_on))
        return self.tr("，").join(parts)


class YearsSection(QWidget):
    # The user asked to import the roster workbook; the text is the hint to show there.
    import_requested = Signal(str)

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.state: RolloverState | None = None
        self.dialog: RolloverDialog | None = None
        self.busy: BusyDialog | None = None
        # Replaced in tests to answer in advance.

        intro = QLabel(
            self.tr(
                "每个学年有自己的班级和学生名单，过去学期的自查按当年的班级评估。"
                "学年结束后（通常在暑假）把学校升级到新学年：各班升一个年级，最高年级毕业；"
                "新生和重新分班再用名册工作簿导入。"
            )
        )
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.model = YearTableModel(self)
        self.table = row_table_view(self.model)
        size_columns(
            self.table,
            {
                YearTableModel.YEAR: 160,
                YearTableModel.TERMS: 60,
                YearTableModel.CLASSES: 60,
                YearTableModel.STUDENTS: 70,
            },
            stretch=YearTableModel.STATE,
        )
        self.rollover_button = QPushButton(self.tr("升级到新学年…"))
        self.undo_button = QPushButton(self.tr("撤销升级"))
        self.import_button = QPushButton(self.tr("导入新生和分班名册…"))
        self.rollover_note = QLabel()
        self.rollover_note.setObjectName("placeholderNote")
        self.rollover_note.setWordWrap(True)
        self.undo_note = QLabel()
        self.undo_note.setObjectName("placeholderNote")
        self.undo_note.setWordWrap(True)
        self.message_bar = MessageBar()
        buttons = button_row(self.rollover_button, self.undo_button, right=[self.import_button])
        list_layout(
            self,
            intro,
            buttons,
            self.rollover_note,
            self.undo_note,
            table=self.table,
            below=self.message_bar,
        )

        self.rollover_button.clicked.connect(self.preview)
        self.undo_button.clicked.connect(self.undo)
        self.import_button.clicked.connect(self.request_import)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        # Read again each time: a record written elsewhere may have ended the undo.
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        school = self._school
        self._runner.run(lambda: rollover_state(school), owner=self).on_success(
            self._show
        ).on_failure(self.message_bar.show_failure)

    def _show(self, state: RolloverState) -> None:
        self.state = state
        self.model.set_rows(state.lines)
        if state.refusal is not None:
            self.rollover_note.setText(state.refusal.render())
        elif state.source is not None:
            self.rollover_note.setText(
                self.tr("升级将从{old}到{new}：先预览，确认后才会改动。").format(
                    old=state.source.name, new=state.source.next.name
                )
            )
        undo = state.undo
        if undo is None:
            self.undo_note.setText(self.tr("没有可以撤销的升级。"))
        elif undo.refusal is not None:
            self.undo_note.setText(undo.refusal.render())
        else:
            self.undo_note.setText(
                self.tr(
                    "{day} {user}把{old}升级到{new}。在新学年写入第一条记录之前可以撤销。"
                ).format(
                    day=undo.at[:10], user=undo.by, old=undo.from_year.name, new=undo.to_year.name
                )
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.state
        self.rollover_button.setEnabled(state is not None and state.refusal is None)
        self.undo_button.setEnabled(
            state is not None and state.may_change and state.undo is not None and state.undo.allowed
        )
        self.undo_button.setToolTip(self.undo_note.text())
        self.rollover_button.setToolTip(self.rollover_note.text())

    # -- 升级到新学年 ------------------------------------------------------------------------------
    def preview(self) -> None:
        if self.state is None or self.state.source is None:
            return
        school, year = self._school, self.state.source
        self.message_bar.clear()
        self._runner.run(lambda: preview_rollover(school, year), owner=self).on_success(
            self._open_preview
        ).on_failure(self.message_bar.show_failure)

    def _open_preview(self, plan: RolloverPlan) -> None:
        dialog = RolloverDialog(self._school, self._runner, plan, self)
        dialog.accepted.connect(lambda: self._rolled_over(dialog))
        self.dialog = dialog
        dialog.open()

    def _rolled_over(self, dialog: RolloverDialog) -> None:
        result = dialog.result_of_rollover
        if result is None:
            return
        self.message_bar.show_info(
            self.tr("已升级到{new}：{summary}。请接着导入新生和重新分班的名册工作簿。").format(
                new=result.to_year.name, summary=result.summary().render()
            ),
            self.tr("导入名册…"),
            self.request_import,
        )
        self.load()

    # -- 撤销升级 ----------------------------------------------------------------------------------
    def undo(self) -> None:
        undo = self.state.undo if self.state is not None else None
        if undo is None or not undo.allowed:
            return
        question = self.tr(
            "撤销 {day} 的升级？{new}的班级将被删除，学生回到{old}的班级，毕业生恢复为在读。"
        ).format(day=undo.at[:10], new=undo.to_year.name, old=undo.from_year.name)
        if not ask(self, self.tr("撤销升级"), question):
            return
        school = self._school
        self.undo_button.setEnabled(False)
        self.busy = BusyDialog(self, self.tr("正在撤销升级…"))

        # Runs after the page is gone (locked meanwhile): no self.tr here.
        def told_after_unlock(ok: bool, outcome: Any) -> str:
            if ok:
                return QCoreApplication.translate(
                    "YearsSection", "锁定前开始的撤销升级已经完成，学校回到{old}。"
                ).format(old=outcome.from_year.name)
            return QCoreApplication.translate(
                "YearsSection", "锁定前开始的撤销升级没有完成，数据没有改动：{detail}"
            ).format(detail=failure_text(outcome))

        self._runner.run(lambda: undo_rollover(school), owner=self).on_success(
            self._undone
        ).on_failure(self._undo_failed).tell_if_gone(told_after_unlock)

    def _undone(self, result: UndoResult) -> None:
        self._finish_busy()
        self.message_bar.show_info(
            self.tr(
                "已撤销升级：删除了{new}的 {classes} 个班，{moved} 名学生回到{old}的班级，"
                "{graduates} 名毕业生恢复为在读。"
            ).format(
                new=result.to_year.name,
                old=result.from_year.name,
                classes=result.classes_removed,
                moved=result.students_moved_back,
                graduates=result.graduations_undone,
            )
        )
        self.load()

    def _undo_failed(self, error: BaseException) -> None:
        self._finish_busy()
        self.message_bar.show_failure(error)
        self.load()

    def _finish_busy(self) -> None:
        if self.busy is not None:
            self.busy.done()
            self.busy = None

    # -- the roster workbook ------------------------------------------------------------------------
    def request_import(self) -> None:
        lines = self.state.lines if self.state is not None else ()
        year = next((line.year for line in lines if line.current), None)
        if year is None:
            hint = self.tr(
                "名册工作簿：“班级”表填写各班（学年一列填班级所属学年），“学生”表填写学生，"
                "“学年分班”表填写学生在各学年的班级。"
            )
        else:
            hint = self.tr(
                "导入{year}的名册：“班级”表的学年填“{year}”（新生班级），“学生”表填写新生，"
                "重新分班的学生填在“学年分班”表。"
            ).format(year=year.name)
        self.import_requested.emit(hint)
