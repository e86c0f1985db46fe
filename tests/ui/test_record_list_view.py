"""A record list: search, dates, edit, delete and undo, and what a 管理员 may do."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from counselor_app.records.service import RecordService
from counselor_app.school.core import ADMIN, School
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.records.list_view import RecordListView
from counselor_app.ui.tasks import TaskRunner
from tests.ui.record_data import Roster, add_roster, session_values


@pytest.fixture
def roster(school: School) -> Roster:
    return add_roster(school)


def always_yes(parent: QWidget, title: str, text: str) -> bool:
    return True


def open_list(qtbot, school: School, runner: TaskRunner, record_type: str = "session", **kwargs):
    view = RecordListView(school, runner, record_type, ask=always_yes, **kwargs)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.loaded and not view.busy)
    return view


def cell(view: RecordListView, row: int, field: str) -> str:
    return view.proxy.index(row, view.model.column_of(field)).data()


def shown_ids(view: RecordListView) -> list[int]:
    return [
        view.proxy.index(r, 0).data(view.model.RECORD_ID_ROLE) for r in range(view.proxy.rowCount())
    ]


def test_search_and_date_range(qtbot, school: School, runner: TaskRunner, roster: Roster) -> None:
    records = RecordService(school)
    records.create("session", session_values(roster, date="2025-09-10"))
    records.create("session", session_values(roster, date="2025-10-09", students=[roster.li]))
    records.create("session", session_values(roster, date="2025-10-10", students=[roster.wang],
                                             summary="宿舍矛盾"))  # fmt: skip
    view = open_list(qtbot, school, runner)
    assert view.count_label.text() == "共 3 条"
    assert cell(view, 0, "date") == "2025-10-10"  # newest first

    view.search_field.setText("李玥")
    view.apply_search()
    assert [cell(view, r, "students") for r in range(view.proxy.rowCount())] == ["李玥（20250002）"]
    assert view.count_label.text() == "显示 1 条，共 3 条"
    view.search_field.setText("宿舍")  # the notes are searched too
    view.apply_search()
    assert view.proxy.rowCount() == 1
    view.search_field.clear()
    view.apply_search()

    assert view.date_from is not None and view.date_to is not None
    view.date_from.setDate(view.date_from.today.addDays(-14))  # 2025-10-02
    assert sorted(cell(view, r, "date") for r in range(view.proxy.rowCount())) == [
        "2025-10-09",
        "2025-10-10",
    ]
    view.date_from.clear_date()
    assert view.proxy.rowCount() == 3


def test_delete_and_undo_bring_the_session_back_with_its_students(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    records = RecordService(school)
    records.create("session", session_values(roster, date="2025-10-08"))
    group = records.create(
        "session", session_values(roster, kind="group", students=[roster.li, roster.wang])
    ).record_id
    view = open_list(qtbot, school, runner)
    assert view.select_record(group)
    assert view.delete_button.isEnabled()

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.model.row_of(group) is None)
    assert view.count_label.text() == "共 1 条"
    assert view.message.text().startswith("已删除辅导记录")
    assert view.message_undo.isVisibleTo(view)
    assert records.count("session") == 1

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.row_of(group) is not None)
    assert view.selected_id() == group
    assert cell(view, view.proxy.mapFromSource(
        view.model.index(view.model.row_of(group), 0)).row(), "students"
    ) == "李玥（20250002）；王喆（20250003）"  # fmt: skip
    assert records.get("session", group)["students"] == [roster.li, roster.wang]
    assert view.message.text().startswith("已恢复辅导记录")

    view.undo_delete()  # nothing more to undo
    qtbot.waitUntil(lambda: view.message.text() == "没有可以撤销的删除。")


def test_editing_changes_just_that_row(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    records = RecordService(school)
    first = records.create("session", session_values(roster, date="2025-10-08")).record_id
    records.create("session", session_values(roster))
    view = open_list(qtbot, school, runner)
    view.select_record(first)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    form = view.form
    assert form is not None and form.record_id == first
    qtbot.waitUntil(lambda: form.loaded and not form.checking)
    form.editors["minutes"].set_value(30)
    form.save()
    qtbot.waitUntil(lambda: view.model.record_at(view.model.row_of(first))["minutes"] == 30)
    assert view.model.rowCount() == 2 and view.selected_id() == first
    row = view.proxy.mapFromSource(view.model.index(view.model.row_of(first), 0)).row()
    assert cell(view, row, "minutes") == "30"


def test_a_record_made_elsewhere_appears(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    view = open_list(qtbot, school, runner)
    assert view.model.rowCount() == 0
    # Written through the runner by someone who knows nothing of lists (the quick session
    # entry), and announced by nobody: the runner tells the list.
    written = []
    runner.run(RecordService(school).create, "session", session_values(roster)).on_success(
        written.append
    )
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.count_label.text() == "共 1 条"
    assert view.model.row_of(written[0].record_id) is not None


def test_a_refused_write_tells_no_list(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    view = open_list(qtbot, school, runner)
    told = []
    hub = RecordChanges.of(runner)
    hub.changed.connect(told.append)
    hub.types_changed.connect(told.append)
    hub.everything_changed.connect(lambda: told.append("everything"))
    refused = []
    no_minutes = {**session_values(roster), "minutes": None}
    runner.run(RecordService(school).create, "session", no_minutes).on_failure(refused.append)
    qtbot.waitUntil(lambda: bool(refused))
    qtbot.waitUntil(lambda: not runner.busy and not view.busy)
    assert told == []
    assert view.model.rowCount() == 0 and RecordService(school).count("session") == 0


def test_a_tab_for_one_type_of_activity(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    records = RecordService(school)
    records.create("activity", {"date": "2025-10-01", "type": "parent_class", "title": "家长课堂"})
    records.create("activity", {"date": "2025-10-02", "type": "parent_meeting", "title": "家长会"})
    view = open_list(qtbot, school, runner, "activity", fixed_values={"type": "parent_class"})
    assert view.model.rowCount() == 1
    with pytest.raises(KeyError):
        view.model.column_of("type")  # every row has that type: no column for it

    form = view.open_form(None)
    qtbot.waitUntil(lambda: form.loaded)
    form.editors["title"].set_value("第二次家长课堂")
    qtbot.waitUntil(lambda: form.save_button.isEnabled())
    form.save()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert {r["type"] for r in records.find("activity", equals={"type": "parent_class"})} == {
        "parent_class"
    }
    assert records.count("activity") == 3


def test_a_manager_reads_the_list_but_cannot_change_it(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    RecordService(school).create("session", session_values(roster))
    school.user = dataclasses.replace(school.user, role=ADMIN)
    view = open_list(qtbot, school, runner)
    assert cell(view, 0, "summary") == "（无权查看）"
    assert cell(view, 0, "students") == "张三（20250001）"
    view.table.selectRow(0)
    for button in (view.new_button, view.edit_button, view.delete_button, view.undo_button):
        assert not button.isEnabled()
    assert view.permission_note.isVisibleTo(view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # the key does nothing either
    assert view.model.rowCount() == 1 and not view.busy

    view.table.doubleClicked.emit(view.proxy.index(0, 0))  # opens to read
    assert view.form is not None and view.form.read_only
    view.form.close()

    roster_list = open_list(qtbot, school, runner, "monitor")
    for button in (roster_list.new_button, roster_list.undo_button):
        assert button.isEnabled()
    assert not roster_list.permission_note.isVisibleTo(roster_list)
