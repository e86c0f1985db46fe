"""快速记录辅导: a whole session by keyboard alone, problems shown by their field, the 管理员
refused, and the input kept for the screen lock."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from counselor_app.records.service import RecordService
from counselor_app.school.core import School, User
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.quick_session import QuickSessionDialog, open_quick_session
from counselor_app.ui.quick_session_fields import StudentChoice
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_dashboard import build_world


@pytest.fixture
def world(school: School) -> dict[str, int]:
    return build_world(school)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(dialog: QuickSessionDialog, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the window system delivers it: to the open list of students if it is showing
    (it has the keyboard then), else to the widget with the focus."""
    popup = dialog.student_field.completer.popup()
    QTest.keyClick(popup if popup.isVisible() else focused(), key, modifier)


def type_chinese(text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(focused(), event)


_windows: list[QMainWindow] = []  # a window must outlive its dialog (qtbot keeps no reference)


def open_dialog(qtbot, school: School, runner: TaskRunner, **kwargs) -> QuickSessionDialog:
    window = QMainWindow()
    window.setCentralWidget(QWidget())
    qtbot.addWidget(window)
    _windows[:] = [window]
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitActive(window):  # the dialog's window-modal open()
        dialog = open_quick_session(window.centralWidget(), school, runner, **kwargs)
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.defaults is not None)
    return dialog


def sessions(school: School) -> list[dict]:
    return RecordService(school).find("session", order=["id"])


def test_a_whole_session_by_keyboard_alone(qtbot, school: School, runner, world) -> None:
    dialog = open_dialog(qtbot, school, runner)
    qtbot.waitUntil(lambda: focused() is dialog.student_field.line)
    before = len(sessions(school))

    QTest.keyClicks(focused(), "zs")  # 张三 by pinyin initials
    qtbot.waitUntil(lambda: [h.name for h in dialog.student_field.hits] == ["张三"])
    press(dialog, Qt.Key.Key_Return)
    assert dialog.student_field.chosen == StudentChoice(world["a"], "张三", "20250001", "七年级1班")
    assert dialog.student_field.text() == "张三（20250001，七年级1班）"

    for _ in range(6):  # date, start, minutes, counsellor, kind: already right
        press(dialog, Qt.Key.Key_Tab)
    assert focused() is dialog.source_field
    press(dialog, Qt.Key.Key_Down)  # 来访
    press(dialog, Qt.Key.Key_Tab)
    press(dialog, Qt.Key.Key_Down)  # 学业
    press(dialog, Qt.Key.Key_Tab)
    press(dialog, Qt.Key.Key_Down)
    press(dialog, Qt.Key.Key_Down)  # 1 关注
    press(dialog, Qt.Key.Key_Tab)
    assert focused() is dialog.notes_field
    type_chinese("考试前紧张，练习了腹式呼吸。")
    press(dialog, Qt.Key.Key_Tab)
    assert focused() is dialog.follow_up_field
    type_chinese("下周同一时间再谈")
    with qtbot.waitSignal(dialog.saved) as saved:
        press(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    change = saved.args[0]
    session = RecordService(school).get("session", change.record_id)
    assert len(sessions(school)) == before + 1
    assert session["students"] == [world["a"]]
    assert (session["date"], session["start_time"], session["minutes"]) == (
        "2025-10-16",
        "10:30",  # the school's clock says 10:30
        50,
    )
    assert session["counsellor_id"] == world["wang"]  # the only full-time psych teacher
    assert (session["kind"], session["source"], session["topic"]) == (
        "individual",
        "walk_in",
        "study",
    )
    assert session["risk_level"] == 1
    assert session["summary"] == "考试前紧张，练习了腹式呼吸。"
    assert session["follow_up"] == "下周同一时间再谈"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window = dialog.parentWidget().window()
    assert window.statusBar().currentMessage() == "已保存"


def test_down_picks_another_student_and_enter_before_the_answer_takes_the_first(
    qtbot, school: School, runner, world
) -> None:
    dialog = open_dialog(qtbot, school, runner)
    QTest.keyClicks(focused(), "2025000")  # every student by 学号
    qtbot.waitUntil(lambda: len(dialog.student_field.hits) == 5)
    qtbot.waitUntil(lambda: dialog.student_field.completer.popup().isVisible())
    press(dialog, Qt.Key.Key_Down)
    press(dialog, Qt.Key.Key_Down)
    press(dialog, Qt.Key.Key_Return)
    assert dialog.student_field.chosen is not None
    assert dialog.student_field.chosen.name == "李四"

    dialog.student_field.clear()
    QTest.keyClicks(focused(), "qq")  # 钱七; Enter at once, before the search has answered
    press(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.student_field.chosen is not None)
    assert dialog.student_field.chosen.name == "钱七"


def test_problems_are_shown_by_their_field(qtbot, school: School, runner, world) -> None:
    dialog = open_dialog(
        qtbot, school, runner, student=StudentChoice(world["a"], "张三", "20250001", "七年级1班")
    )
    before = len(sessions(school))
    dialog.date_field.setDate(dialog.date_field.date().addYears(-2))  # 2023: outside every term
    qtbot.waitUntil(lambda: dialog.errors["date"].isVisible())
    assert "不在任何学期内" in dialog.errors["date"].text()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert "不在任何学期内" in dialog.errors["date"].text()
    assert len(sessions(school)) == before
    assert dialog.isVisible()


def test_saving_without_a_student_says_so_under_the_student(qtbot, school, runner, world) -> None:
    dialog = open_dialog(qtbot, school, runner)
    assert not dialog.errors["students"].isVisible()  # not before the user tried
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors["students"].isVisible())
    assert dialog.errors["students"].text() == "学生：必填，不能为空"


def test_an_administrator_cannot_record_a_session(qtbot, school: School, runner, world) -> None:
    school.user = User("教务处", "admin")
    dialog = open_dialog(qtbot, school, runner)
    assert dialog.note_label.isVisible()
    assert "管理员" in dialog.note_label.text()
    assert not dialog.save_button.isEnabled() and not dialog.notes_field.isEnabled()


def test_input_survives_the_screen_lock(qtbot, school: School, runner, world) -> None:
    student = StudentChoice(world["b"], "李四", "20250002", "七年级1班")
    dialog = open_dialog(qtbot, school, runner, student=student)
    dialog.notes_field.setPlainText("家长来电后约谈")
    dialog.minutes_field.setValue(35)
    dialog.risk_field.setCurrentIndex(dialog.risk_field.findData(2))
    kept = dialog.pending_input()
    assert json.loads(json.dumps(kept)) == kept  # plain values only, no School
    parent = dialog.parentWidget()
    QDialog.done(dialog, QDialog.DialogCode.Rejected)  # as the lock closes it: no question

    again = QuickSessionDialog.reopen(school, runner, parent, kept)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.defaults is not None)
    values = again.values()
    assert values["students"] == [world["b"]]
    assert (values["minutes"], values["risk_level"], values["summary"]) == (35, 2, "家长来电后约谈")
    assert values["counsellor_id"] == world["wang"]
    assert again.has_input()


def test_escape_with_input_asks_first(qtbot, school: School, runner, world, boxes) -> None:
    dialog = open_dialog(qtbot, school, runner)
    boxes.answer(False)
    dialog.notes_field.setPlainText("写了一半")
    dialog.reject()
    assert [question.title for question in boxes.asked] == ["放弃这次记录？"] and dialog.isVisible()
    boxes.always = True
    dialog.reject()
    assert not dialog.isVisible()


def test_ctrl_n_and_f2_open_it_from_the_main_window(qtbot, school: School, runner, world) -> None:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    window.show()
    for key, modifier in (
        (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
    ):
        with qtbot.waitActive(window):
            window.activateWindow()
        QTest.keyClick(QApplication.focusWidget() or window, key, modifier)
        dialog = window.findChild(QuickSessionDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.discard()
        qtbot.waitUntil(lambda: window.findChild(QuickSessionDialog) is None)


def test_a_search_that_finds_nobody_says_so(qtbot, school: School, runner, world) -> None:
    dialog = open_dialog(qtbot, school, runner)
    QTest.keyClicks(focused(), "xyz")
    qtbot.waitUntil(lambda: dialog.errors["students"].isVisible())
    assert dialog.errors["students"].text().startswith("没有找到“xyz”")
    press(dialog, Qt.Key.Key_Return)
    assert dialog.student_field.chosen is None
