"""学生档案: find a student by name, pinyin, number or class, in a sortable table.

The search itself is ``counselor_app.student_search.search_students``, run on the database worker a
moment after the user stops typing; an answer to an older query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.errors import CounselorError
from counselor_app.school import School
from counselor_app.ui.student_model import StudentRow, StudentTableModel
from counselor_app.ui.tasks import TaskRunner

SearchFunction = Callable[..., Sequence[StudentRow]]

# How many students one search shows; more means the query should be narrowed.
SEARCH_LIMIT = 200
TYPING_PAUSE_MS = 250


def default_search() -> SearchFunction | None:
    """The core's student search, or None while that module is not there yet."""
    try:
        from counselor_app.student_search import search_students
    except ImportError:
        return None
    return search_students


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
        self._search = search if search is not None else default_search()
        self._generation = 0
        self._shown_once = False

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
        self.include_left.toggled.connect(self.run_search)

        self.search_field.setMaximumWidth(520)
        bar = QHBoxLayout()
        bar.addWidget(self.search_field, 1)
        bar.addSpacing(12)
        bar.addWidget(self.include_left)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.table, 1)

        if self._search is None:
            self.search_field.setEnabled(False)
            self.include_left.setEnabled(False)
            self.result_label.setText(self.tr("学生查找功能尚未安装。"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.run_search()
        self.search_field.setFocus()

    def run_search(self) -> None:
        """Ask the worker for the students matching the box now; only the newest answer counts."""
        self._timer.stop()
        if self._search is None:
            return
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
            message = self.tr("共 {count} 名学生").format(count=len(rows))
        self.result_label.setText(message)

    def _failed(self, error: BaseException) -> None:
        self.model.set_rows([])
        if isinstance(error, CounselorError):
            self.result_label.setText(str(error))
        else:
            self.result_label.setText(self.tr("查找学生时出错：{detail}").format(detail=error))
