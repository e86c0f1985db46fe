"""学生档案: typing searches (a moment later, on the worker), and only the newest answer shows."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from counselor_app.school.core import School
from counselor_app.students.search import search_students
from counselor_app.ui.pages.students import SEARCH_LIMIT, StudentsPage
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S


@dataclass(frozen=True)
class Hit:
    id: int
    student_no: str
    name: str
    class_code: str
    class_name: str
    status: str = "enrolled"


def type_text(widget: QWidget, text: str) -> None:
    """Type like an input method does; qtbot.keyClicks aborts Qt on non-ASCII text."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class FakeSearch:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, bool]] = []

    def __call__(self, db, query: str, *, limit: int, include_left: bool) -> list[Hit]:
        self.calls.append((query, limit, include_left))
        return [Hit(1, "2025010101", f"{query or '全部'}", "J2501", "初一(1)班")]


def open_page(qtbot, school: School, runner: TaskRunner, search) -> StudentsPage:
    page = StudentsPage(school, runner, search=search)
    qtbot.addWidget(page)
    page.show()
    return page


def test_typing_chinese_searches_after_a_pause(qtbot, school: School, runner: TaskRunner) -> None:
    search = FakeSearch()
    page = open_page(qtbot, school, runner, search)
    assert page.result_label.text() == "输入姓名、拼音首字母、学号或班级查找学生。"
    assert search.calls == []  # an empty box finds nobody: no need to ask

    type_text(page.search_field, "张三")
    assert page.search_field.text() == "张三"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).name == "张三")
    assert search.calls[-1] == ("张三", SEARCH_LIMIT, False)
    assert page.result_label.text() == "共 1 名学生"

    page.include_left.setChecked(True)
    qtbot.waitUntil(lambda: search.calls[-1] == ("张三", SEARCH_LIMIT, True))


def test_an_older_answer_is_dropped(qtbot, school: School, runner: TaskRunner) -> None:
    release = threading.Event()

    def slow_then_fast(db, query: str, *, limit: int, include_left: bool) -> list[Hit]:
        if query == "slow":
            release.wait(HANG_LIMIT_S)
        return [Hit(1, "1", query, "C", "C")]

    page = open_page(qtbot, school, runner, slow_then_fast)
    page.search_field.setText("slow")
    page.run_search()
    page.search_field.setText("fast")
    page.run_search()
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert page.model.row_at(0).name == "fast"


def test_finds_a_student_in_the_database(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, school_with_students, runner, search_students)
    type_text(page.search_field, "李玥")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).name == "李玥")
    assert page.model.row_at(0).class_name == "初一(1)班"

    page.search_field.setText("zzzz")
    qtbot.waitUntil(lambda: page.result_label.text() == "没有找到“zzzz”。")
    assert page.model.rowCount() == 0


def test_graduates_only_with_the_box_ticked(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    page = open_page(qtbot, school_with_students, runner, search_students)
    page.search_field.setText("陈祎")
    qtbot.waitUntil(lambda: page.result_label.text() == "没有找到“陈祎”。")
    page.include_left.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.table.model().index(0, 3).data() == "毕业"
