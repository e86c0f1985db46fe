"""学生档案: find a student by name, pinyin, number or class, in a sortable table, and open the
student's file (一生一档) in the same page.

The search itself is ``counselor_app.students.search.search_students``, run on the database worker a
moment after the user stops typing; an answer to an older query is dropped. Double-click or Enter on
a student opens the file (:class:`~counselor_app.ui.student_file.StudentFileView`) in place of the
list; 返回 or Esc goes back to the list as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.records.service import Change
from counselor_app.school.core import School
from counselor_app.ui.quick_session_fields import StudentChoice, search_students
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.student_file import StudentFileView
from counselor_app.ui.student_model import StudentRow, StudentTableModel
from counselor_app.ui.tasks import TaskRunner

SearchFunction = Callable[..., Sequence[StudentRow]]

# How many students one search shows; more means the query should be narrowed.
SEARCH_LIMIT = 200
TYPING_PAUSE_MS = 250


class StudentsPage(QWidget):
    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        search: SearchFunction | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        # The core's search is imported by the first search, on the worker: pypinyin is slow to load.
        self._search = search if search is not None else search_students
        self._generation = 0
        self._shown_once = False
        # A workbook import may add or rename students: search again for what is in the box.
        RecordChanges.of(runner).everything_changed.connect(self.run_search)

        title = QLabel(self.tr("学生档案"))
        title.setObjectName("pageTitle")

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）、学号或班级"))
        self.search_field.setClearButtonEnabled(True)
        self.include_left = QCheckBox(self.tr("包括已毕业、转出的学生"))
        self.result_label = QLabel()
        self.result_label.setObjectName("resultCount")

        self.model = StudentTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the search's order first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Fixed starting widths (measuring 100,000 rows to fit would be slow); the class column
        # takes what is left, since class names are the longest text.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(StudentTableModel.CLASS, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in (
            (StudentTableModel.STUDENT_NO, 180),
            (StudentTableModel.NAME, 160),
            (StudentTableModel.STATUS, 120),
        ):
            self.table.setColumnWidth(column, width)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(self._timer.start)
        self.search_field.returnPressed.connect(self.run_search)
        self.search_field.installEventFilter(self)
        self.include_left.toggled.connect(self.run_search)
        # Double-click, or Enter on the selected row (Qt's "activated"), opens the file.
        self.table.activated.connect(self._open_row)
        self.table.setToolTip(self.tr("双击或按回车打开学生档案"))

        self.search_field.setMaximumWidth(520)
        bar = QHBoxLayout()
        bar.addWidget(self.search_field, 1)
        bar.addSpacing(12)
        bar.addWidget(self.include_left)
        bar.addStretch(1)
        self.list_panel = QWidget()
        list_layout = QVBoxLayout(self.list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(title)
        list_layout.addLayout(bar)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label, 1)
        open_hint = QLabel(self.tr("双击或按回车打开学生档案"))
        open_hint.setObjectName("resultCount")
        result_row.addWidget(open_hint)
        list_layout.addLayout(result_row)
        list_layout.addWidget(self.table, 1)

        self.file_view = StudentFileView(school, runner)
        self.file_view.back_requested.connect(self.show_list)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_panel)
        self.stack.addWidget(self.file_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.run_search()
        if not self.showing_file():
            self.search_field.setFocus()

    # -- the student's file --------------------------------------------------------------------
    def open_student(self, student_id: int) -> StudentFileView:
        """Show the file of this student in place of the list."""
        self.stack.setCurrentWidget(self.file_view)
        self.file_view.open_student(student_id)
        self.file_view.timeline_view.setFocus()
        return self.file_view

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_panel)
        (self.table if self.model.rowCount() else self.search_field).setFocus()

    def showing_file(self) -> bool:
        return self.stack.currentWidget() is self.file_view

    # -- where the user was, kept across the screen lock (counselor_app.ui.lock) ----------------
    def save_state(self) -> dict[str, object]:
        """The search and the open file, as plain values (the page is rebuilt on unlock)."""
        return {
            "query": self.search_field.text(),
            "include_left": self.include_left.isChecked(),
            "student_id": self.file_view.student_id if self.showing_file() else None,
        }

    def restore_state(self, state: dict[str, object]) -> None:
        self.include_left.setChecked(bool(state.get("include_left")))
        self.search_field.setText(str(state.get("query") or ""))
        self.run_search()
        student_id = state.get("student_id")
        if isinstance(student_id, int):
            self.open_student(student_id)

    def quick_session_student(self) -> StudentChoice | None:
        """The student whose file is open: 快速记录辅导 (Ctrl+N) fills them in."""
        overview = self.file_view.overview
        if not self.showing_file() or overview is None:
            return None
        student = overview.student
        return StudentChoice(student.id, student.name, student.student_no, student.class_name)

    def quick_session_saved(self, change: Change) -> None:
        if self.showing_file():
            self.file_view.reload()

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.proxy.mapToSource(index).row()
            self.open_student(self.model.row_at(row).id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down in the search box goes to the results, so Enter can open one.
        if (
            watched is self.search_field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def run_search(self) -> None:
        """Ask the worker for the students matching the box now; only the newest answer counts."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        search, db = self._search, self._school.db
        text, include_left = self.search_field.text().strip(), self.include_left.isChecked()
        if not text:  # an empty query finds nobody: say what to type instead
            self.model.set_rows([])
            self.result_label.setText(self.tr("输入姓名、拼音首字母、学号或班级查找学生。"))
            return

        def find() -> Sequence[StudentRow]:
            return search(db, text, limit=SEARCH_LIMIT, include_left=include_left)

        self._runner.run(find, owner=self).on_success(
            lambda rows: self._show(generation, text, rows)
        ).on_failure(self._failed)

    def _show(self, generation: int, text: str, rows: Sequence[StudentRow]) -> None:
        if generation != self._generation:
            return  # the user typed on; a newer search is coming
        self.model.set_rows(rows)
        if not rows:
            message = self.tr("没有找到“{query}”。").format(query=text)
        elif len(rows) >= SEARCH_LIMIT:
            message = self.tr("显示前 {count} 名学生，请输入更多内容缩小范围。").format(
                count=SEARCH_LIMIT
            )
        else:
            message = self.tr("共 %n 名学生", "", len(rows))
        self.result_label.setText(message)

    def _failed(self, error: BaseException) -> None:
        self.model.set_rows([])
        if isinstance(error, CounselorError):
            self.result_label.setText(str(error))
        else:
            self.result_label.setText(self.tr("查找学生时出错：{detail}").format(detail=error))
