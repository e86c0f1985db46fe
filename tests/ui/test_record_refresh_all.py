"""After work that may change any record (a workbook import), the open record lists read again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from counselor_app.foundation.change import EVERYTHING
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.records.list_view import RecordListView
from counselor_app.ui.settings.workbook_section import WorkbookSection
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_workbook import write_book
from tests.ui.conftest import finish_work
from tests.ui.record_data import add_roster, session_values

ROSTER = {
    "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
    "学生": [["学号", "姓名", "性别", "班级编号"], ["20250001", "钱堃", "男", "0701"]],
}


def always_yes(parent: QWidget, title: str, text: str) -> bool:
    return True


def shown_ids(view: RecordListView) -> set[int]:
    role = view.model.RECORD_ID_ROLE
    return {view.proxy.index(r, 0).data(role) for r in range(view.proxy.rowCount())}


def session_list(qtbot, school: School, runner: TaskRunner) -> RecordListView:
    view = RecordListView(school, runner, "session", ask=always_yes)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitUntil(lambda: view.loaded and not view.busy)
    return view


def test_an_open_list_reads_again_when_everything_may_have_changed(
    qtbot, school: School, runner: TaskRunner
) -> None:
    roster = add_roster(school)
    view = session_list(qtbot, school, runner)
    assert shown_ids(view) == set()

    # Written behind the list's back, as an import does: no single-record announcement.
    change = RecordService(school).create("session", session_values(roster))
    finish_work(runner)
    assert shown_ids(view) == set()

    with qtbot.waitSignal(view.rows_changed):
        runner.run(lambda: EVERYTHING)  # work that says it may have changed anything
    assert shown_ids(view) == {change.record_id}
    assert view.count_label.text() == "共 1 条"


def test_a_hidden_list_reads_again_when_next_shown(
    qtbot, school: School, runner: TaskRunner
) -> None:
    roster = add_roster(school)
    view = session_list(qtbot, school, runner)
    view.hide()
    change = RecordService(school).create("session", session_values(roster))
    with qtbot.waitSignal(RecordChanges.of(runner).everything_changed):
        runner.run(lambda: EVERYTHING)
    finish_work(runner)
    assert not view.busy  # nothing read while hidden

    with qtbot.waitSignal(view.rows_changed):
        view.show()
    assert shown_ids(view) == {change.record_id}


def test_a_successful_import_announces_that_everything_may_have_changed(
    qtbot, school: School, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = write_book(tmp_path / "名册.xlsx", ROSTER)

    def choose(*_args: Any) -> tuple[str, str]:
        return str(book), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window = QMainWindow()
    section = WorkbookSection(school, runner)
    window.setCentralWidget(section)
    qtbot.addWidget(window)
    window.show()

    with qtbot.waitSignal(RecordChanges.of(runner).everything_changed):
        section.import_button.click()
    qtbot.waitUntil(lambda: not runner.busy and section.progress_dialog is None)
    assert {s["student_no"] for s in RecordService(school).find("student")} == {"20250001"}
    if section.result_dialog is not None:
        section.result_dialog.close()
