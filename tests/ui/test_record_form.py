"""The generated record form: checks as you type, saves by keyboard, keeps input over a lock."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from counselor_app.records.service import RecordService
from counselor_app.school.core import ADMIN, School
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.records.editors import IntEditor, RedactedEditor
from counselor_app.ui.records.form import RecordFormDialog
from counselor_app.ui.records.pickers import RefListEditor, StudentEditor
from counselor_app.ui.tasks import TaskRunner
from tests.ui.record_data import Roster, add_roster, session_values


@pytest.fixture
def roster(school: School) -> Roster:
    return add_roster(school)


class Answers:
    """Stands in for the yes/no question; records what was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


def open_form(
    qtbot, school: School, runner: TaskRunner, record_type: str = "session", **kwargs
) -> RecordFormDialog:
    kwargs.setdefault("ask", Answers())
    dialog = RecordFormDialog(school, runner, record_type, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.loaded)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: RecordFormDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.checking)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def test_a_zero_minute_session_is_explained_under_its_field(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    dialog = open_form(qtbot, school, runner, initial=session_values(roster))
    assert dialog.save_button.isEnabled()

    minutes = dialog.editors["minutes"]
    assert isinstance(minutes, IntEditor)
    minutes.spin.setValue(0)
    settle(qtbot, dialog)
    assert "时长应在 1 到 600 分钟之间" in dialog.shown_error("minutes")
    assert dialog.shown_error("date") == ""
    assert not dialog.save_button.isEnabled()

    minutes.spin.setValue(45)
    settle(qtbot, dialog)
    assert dialog.shown_error("minutes") == ""
    assert dialog.save_button.isEnabled()


def test_untouched_empty_fields_are_counted_not_painted_red(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    dialog = open_form(qtbot, school, runner, initial={"kind": "individual", "minutes": 50})
    assert not dialog.save_button.isEnabled()
    assert dialog.shown_error("students") == ""
    assert dialog.status.text() == "还有 2 项需要填写或修改"  # students and counsellor

    dialog.save()  # trying to save shows where
    assert dialog.shown_error("students") == "必填，不能为空"
    assert dialog.shown_error("counsellor_id") == "必填，不能为空"
    assert RecordService(school).count("session") == 0


def test_a_session_entered_by_keyboard_alone(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    school.user = dataclasses.replace(school.user, staff_id=roster.counsellor)
    announced = []
    RecordChanges.of(runner).changed.connect(announced.append)
    dialog = open_form(qtbot, school, runner, initial={"kind": "individual", "minutes": 50})
    assert QApplication.focusWidget() is dialog.editors["date"].focusProxy()

    for _ in range(4):  # date, start, minutes, kind: as filled in
        press(qtbot, Qt.Key.Key_Return)
    students = dialog.editors["students"]
    assert isinstance(students, RefListEditor)
    assert QApplication.focusWidget() is students.input
    qtbot.keyClicks(students.input, "zs")  # pinyin initials of 张三
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: students.value() == [roster.zhang])
    assert students.input.text() == ""

    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.change is not None)
    assert not dialog.isVisible()
    session = RecordService(school).get("session", dialog.change.record_id)
    assert session["students"] == [roster.zhang]
    assert session["counsellor_id"] == roster.counsellor
    assert (session["date"], session["minutes"], session["kind"]) == (
        "2025-10-16",
        50,
        "individual",
    )
    assert session["start_time"] == "10:30"  # the school clock's time
    assert announced == [dialog.change]


def test_a_single_student_is_found_by_pinyin_and_enter_moves_on(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    dialog = open_form(qtbot, school, runner, "home_visit")
    student = dialog.editors["student_id"]
    assert isinstance(student, StudentEditor)
    student.picker.line.setFocus()
    qtbot.keyClicks(student.picker.line, "lys")  # nobody
    qtbot.waitUntil(lambda: not student.picker.busy)
    assert "请从下拉列表中选择学生" in dialog.shown_error("student_id")

    student.picker.line.clear()
    qtbot.keyClicks(student.picker.line, "zs")
    press(qtbot, Qt.Key.Key_Return)  # before the search answered: takes its first hit
    qtbot.waitUntil(lambda: student.value() == roster.zhang)
    assert student.picker.line.text() == "张三（20250001）"
    assert QApplication.focusWidget() is dialog.editors["teacher_id"].focusProxy()
    settle(qtbot, dialog)
    assert dialog.shown_error("student_id") == ""


def test_a_problem_found_only_on_saving_shows_in_place(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    dialog = open_form(qtbot, school, runner, initial=session_values(roster))
    assert dialog.save_button.isEnabled()
    RecordService(school).delete("term", roster.term)  # elsewhere, after the last check
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.shown_error("date")))
    assert "不在任何学期内" in dialog.shown_error("date")
    assert not dialog.save_button.isEnabled()
    assert dialog.isVisible() and RecordService(school).count("session") == 0


def test_a_refused_save_says_why(qtbot, school: School, runner: TaskRunner, roster: Roster) -> None:
    dialog = open_form(qtbot, school, runner, initial=session_values(roster))
    school.user = dataclasses.replace(school.user, role=ADMIN)  # the role changed meanwhile
    dialog.save()
    qtbot.waitUntil(lambda: dialog.general_error.isVisibleTo(dialog))
    assert "没有保存" in dialog.general_error.text()
    assert "心理教师" in dialog.general_error.text()
    assert dialog.isVisible()


def test_a_manager_sees_a_session_but_not_its_notes(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    change = RecordService(school).create("session", session_values(roster))
    school.user = dataclasses.replace(school.user, role=ADMIN)
    dialog = open_form(qtbot, school, runner, record_id=change.record_id)
    assert dialog.read_only
    assert dialog.save_button.isHidden()
    for name in ("summary", "follow_up", "risk_level"):
        editor = dialog.editors[name]
        assert isinstance(editor, RedactedEditor)
        assert editor.line.text() == "（无权查看）"
    assert dialog.editors["students"].value() == [roster.zhang]
    assert not dialog.editors["minutes"].focusProxy().isEnabled()


def test_a_manager_may_still_keep_the_activities(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    school.user = dataclasses.replace(school.user, role=ADMIN)
    dialog = open_form(
        qtbot, school, runner, "activity", initial={"title": "家长课堂：沟通"},
        fixed={"type": "parent_class"},
    )  # fmt: skip
    assert not dialog.read_only
    assert not dialog.editors["type"].focusProxy().isEnabled()  # fixed by the tab
    assert dialog.save_button.isEnabled()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.change is not None)
    activity = RecordService(school).get("activity", dialog.change.record_id)
    assert (activity["type"], activity["title"]) == ("parent_class", "家长课堂：沟通")


def test_pending_input_survives_a_new_dialog(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    change = RecordService(school).create("session", session_values(roster))
    first = open_form(qtbot, school, runner, record_id=change.record_id)
    first.editors["minutes"].set_value(35)
    first.editors["students"].set_value([roster.li])
    first.editors["summary"].set_value("锁屏前写了一半")
    first.editors["follow_up"].set_value(None)
    kept = first.pending_input()
    assert kept["record_id"] == change.record_id
    assert kept["values"]["minutes"] == 35 and kept["values"]["students"] == [roster.li]
    assert json.loads(json.dumps(kept)) == kept  # plain data, nothing of the school
    QDialog.done(first, QDialog.DialogCode.Rejected)  # as the lock closes it: no question
    assert first.ask.asked == [] and not first.isVisible()

    second = RecordFormDialog(school, runner, "session", change.record_id, ask=Answers())
    qtbot.addWidget(second)
    second.restore_input(kept)  # before the record has even loaded
    second.show()
    qtbot.waitUntil(lambda: second.loaded)
    assert second.pending_input() == kept
    assert second.is_dirty()
    settle(qtbot, second)
    assert second.save_button.isEnabled()


def test_reopened_after_a_lock_with_what_was_typed(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    first = open_form(
        qtbot, school, runner, "activity", initial={"title": "家长课堂"},
        fixed={"type": "parent_class"},
    )  # fmt: skip
    first.editors["title"].set_value("家长课堂：写了一半")
    first.editors["leaders"].set_value([roster.counsellor, roster.head_teacher])
    kept = first.pending_input()
    first.discard()

    again = RecordFormDialog.reopen(school, runner, None, kept)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.loaded)
    assert again.editors["title"].value() == "家长课堂：写了一半"
    assert again.editors["leaders"].value() == [roster.counsellor, roster.head_teacher]
    assert again.values()["type"] == "parent_class"  # still only that type


def test_escape_asks_before_throwing_input_away(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    answers = Answers(answer=False)
    dialog = open_form(qtbot, school, runner, initial=session_values(roster), ask=answers)
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed yet: no question
    assert not dialog.isVisible() and answers.asked == []

    dialog = open_form(qtbot, school, runner, initial=session_values(roster), ask=answers)
    dialog.editors["summary"].set_value("还没保存的话")
    dialog.editors["minutes"].focusProxy().setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and dialog.isVisible()
    answers.answer = True
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_tab_goes_top_to_bottom(qtbot, school: School, runner: TaskRunner, roster: Roster) -> None:
    dialog = open_form(qtbot, school, runner, "crisis_plan")
    visited: list[str] = []
    for _ in range(60):  # a date takes a Tab per part (year, month, day)
        focused = QApplication.focusWidget()
        name = next(
            (n for n, e in dialog.editors.items() if e is focused or e.isAncestorOf(focused)), None
        )
        if name is None:
            break
        if not visited or visited[-1] != name:
            visited.append(name)
        press(qtbot, Qt.Key.Key_Tab)
    assert visited == [f.name for f in dialog.spec.fields]
    assert QApplication.focusWidget() in (dialog.cancel_button, dialog.save_button)
