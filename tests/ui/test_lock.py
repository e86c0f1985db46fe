"""Locking: idle time (asleep included), Ctrl+L and the OS lock; unlocking back to where the user
was, with a form's typed input restored; and nothing left holding the school while locked."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from shiboken6 import isValid

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, School, open_school
from counselor_app.settings.screen_lock import IdleClock, set_idle_lock_minutes
from counselor_app.storage.keys import WRONG_PASSWORD
from counselor_app.ui.lock import IDLE, LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.os_lock_events import SLEEP, OsLockEvents
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S, PASSWORD
from tests.ui.boxes import AnsweredBoxes
from tests.ui.conftest import finish_work


def type_chinese(widget: QWidget, text: str) -> None:
    """keyClicks with Chinese aborts Qt; an input method's commit string is how it arrives."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Clocks:
    """A steady and a wall clock that tests move by hand."""

    def __init__(self) -> None:
        self.steady_now = 5000.0
        self.wall_now = 1_760_000_000.0

    def steady(self) -> float:
        return self.steady_now

    def wall(self) -> float:
        return self.wall_now

    def work(self, seconds: float) -> None:
        self.steady_now += seconds
        self.wall_now += seconds

    def sleep(self, seconds: float) -> None:
        self.wall_now += seconds  # CLOCK_MONOTONIC stands still while suspended


class NoteForm(QDialog):
    """Stands in for a record form: keeps its input across a lock and can be reopened."""

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.school = school  # as a real form would hold it
        self.setWindowTitle("辅导记录")
        self.note = QLineEdit()
        QVBoxLayout(self).addWidget(self.note)

    def pending_input(self) -> dict[str, Any]:
        return {"note": self.note.text()}

    def restore_input(self, state: dict[str, Any]) -> None:
        self.note.setText(state.get("note", ""))

    @classmethod
    def reopen(cls, school: School, runner: TaskRunner, parent: QWidget, state: dict[str, Any]):
        form = cls(school, runner, parent)
        form.restore_input(state)
        return form


class Unreopenable(QDialog):
    """Keeps its input but cannot be built again after unlocking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("家访记录")
        self.text = "和家长约好下周三家访"

    def pending_input(self) -> dict[str, Any]:
        return {"备注": self.text}

    def restore_input(self, state: dict[str, Any]) -> None:
        self.text = state["备注"]


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


def make_window(qtbot, school: School, runner: TaskRunner, clocks: Clocks, **kwargs) -> MainWindow:
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    idle = IdleClock(300, steady=clocks.steady, wall=clocks.wall)
    window.lock_manager = LockManager(window, runner, idle=idle, tick_ms=10, **kwargs)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def unlock_with(qtbot, manager: LockManager, password: str) -> None:
    screen = manager.lock_screen
    screen.password_field.setText(password)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)


def test_idle_lock_then_unlock_returns_to_the_section_with_the_form_input_kept(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    window = make_window(qtbot, school, runner, clocks)
    manager = window.lock_manager
    window.show_section("students")
    form = NoteForm(school, runner, window)
    form.show()
    type_chinese(form.note, "孩子说最近睡不好")

    clocks.work(299)
    manager.watch.check()  # the idle timer's tick, now
    assert not manager.is_locked()  # not yet: 299 of 300 seconds
    with qtbot.waitSignal(manager.locked):
        clocks.work(1)

    assert manager.lock_screen.isVisible() and "已锁定" in manager.lock_screen.state_label.text()
    assert not isValid(form) or not form.isVisible()  # closed, and deleted: it held the school
    assert school.db.closed and window.school is None
    assert not window.centralWidget().isVisible()  # nothing of the pages shows under the lock
    assert [k.state for k in manager.kept_dialogs()] == [{"note": "孩子说最近睡不好"}]

    unlock_with(qtbot, manager, "not-the-password")
    qtbot.waitUntil(manager.lock_screen.error_label.isVisible)
    assert manager.lock_screen.error_label.text() == WRONG_PASSWORD.render("zh")
    assert manager.is_locked()

    with qtbot.waitSignal(manager.unlocked):
        unlock_with(qtbot, manager, PASSWORD)
    assert not manager.lock_screen.isVisible()
    assert window.current_section() == "students"
    assert isinstance(window.pages.currentWidget(), StudentsPage)
    assert window.school is not None and window.school is not school

    def reopened() -> NoteForm | None:
        forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, NoteForm)]
        visible = [f for f in forms if f.isVisible()]
        return visible[0] if visible else None

    qtbot.waitUntil(lambda: reopened() is not None)
    again = reopened()
    assert again.note.text() == "孩子说最近睡不好"
    assert again.school is window.school  # on the school opened again, not the closed one
    again.close()


def test_locking_while_a_form_runs_exec_ends_it_without_losing_the_input(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    window = make_window(qtbot, school, runner, clocks)
    manager = window.lock_manager
    form = NoteForm(school, runner, window)

    def type_then_walk_away() -> None:
        type_chinese(form.note, "约定下周再谈")
        clocks.work(600)

    QTimer.singleShot(0, type_then_walk_away)
    assert form.exec() == QDialog.DialogCode.Rejected  # ended by the lock, not by the user
    assert manager.is_locked()
    assert manager.kept_dialogs()[0].state == {"note": "约定下周再谈"}


def test_after_locking_no_widget_keeps_the_school(
    qtbot, school: School, school_paths: SchoolPaths, runner: TaskRunner, clocks: Clocks
) -> None:
    data_key = school.data_key
    school.close()
    opened = open_school(school_paths, "王老师", data_key, check_integrity=False)
    del data_key
    window = make_window(qtbot, opened, runner, clocks)
    manager = window.lock_manager
    for key in window.section_keys():  # every page has been shown and has asked the worker
        window.show_section(key)
    finish_work(runner)
    NoteForm(opened, runner, window).show()
    school_ref = weakref.ref(opened)
    del opened

    with qtbot.waitSignal(manager.locked):
        manager.lock()
    runner.wait_idle()
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    held = school_ref()
    if held is not None:  # say who holds it, to make a failure easy to fix
        holders = [type(r).__name__ for r in gc.get_referrers(held)]
        pytest.fail(f"the school is still referenced by {holders}")
    assert window.pages.count() == 0


def test_time_asleep_locks_at_the_first_tick_after_waking(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    window = make_window(qtbot, school, runner, clocks)
    with qtbot.waitSignal(window.lock_manager.locked):
        clocks.work(5)
        clocks.sleep(8 * 3600)  # the steady clock did not move while asleep
    assert window.lock_manager.lock_screen.reason_label.text().startswith("一段时间无人操作")


def test_ctrl_l_locks_from_any_window(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    window = make_window(qtbot, school, runner, clocks)
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    dialog.show()
    field.setFocus()
    with qtbot.waitSignal(window.lock_manager.locked):
        qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not isValid(dialog) or not dialog.isVisible()
    assert not isValid(field) or field.text() == ""


def test_the_system_locking_or_sleeping_locks(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    events = OsLockEvents()
    window = make_window(qtbot, school, runner, clocks, os_events=events)
    with qtbot.waitSignal(window.lock_manager.locked):
        events.lock_requested.emit(SLEEP)
    assert "休眠" in window.lock_manager.lock_screen.reason_label.text()


def test_the_idle_time_comes_from_the_school_setting(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    set_idle_lock_minutes(school, 12)
    window = make_window(qtbot, school, runner, clocks)
    idle = window.lock_manager.watch.idle
    qtbot.waitUntil(lambda: idle.limit_seconds == 12 * 60)
    clocks.work(11 * 60)
    window.lock_manager.watch.check()  # the idle timer's tick, now
    assert not window.lock_manager.is_locked()


def test_input_that_cannot_be_reopened_is_offered_to_keep_never_dropped_silently(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks, boxes: AnsweredBoxes
) -> None:
    boxes.always = True  # keep the input
    shown: list[str] = []
    window = make_window(
        qtbot, school, runner, clocks, show_kept=lambda _parent, _title, text: shown.append(text)
    )
    Unreopenable(window).show()
    with qtbot.waitSignal(window.lock_manager.locked):
        window.lock_manager.lock(IDLE)
    with qtbot.waitSignal(window.lock_manager.unlocked):
        unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(shown))
    assert "家访记录" in boxes.questions[0]
    assert shown == ["备注: 和家长约好下周三家访"]


def test_a_window_that_pops_up_while_locked_is_closed(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    window = make_window(qtbot, school, runner, clocks)
    with qtbot.waitSignal(window.lock_manager.locked):
        window.lock_manager.lock()
    late = QMessageBox(QMessageBox.Icon.Warning, "出错了", "张三的记录没有保存", parent=window)
    late.show()
    qtbot.waitUntil(lambda: not late.isVisible())


def test_another_account_unlocks_afresh_after_being_asked_about_unsaved_input(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks, boxes: AnsweredBoxes
) -> None:
    add_account(school, "李主任", ADMIN, "director-pass-1")
    boxes.always = True  # give the input up and switch
    window = make_window(qtbot, school, runner, clocks)
    manager = window.lock_manager
    window.show_section("students")
    form = NoteForm(school, runner, window)
    form.show()
    form.note.setText("confidential")
    with qtbot.waitSignal(manager.locked):
        manager.lock()

    def sign_in_as_director() -> None:
        dialog = manager.switch_dialog
        dialog.user_box.setCurrentText("李主任")
        dialog.password_field.setText("director-pass-1")
        dialog.try_unlock()

    QTimer.singleShot(0, sign_in_as_director)
    with qtbot.waitSignal(manager.unlocked):
        qtbot.mouseClick(manager.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert "放弃" in boxes.questions[0]
    assert window.school.user.name == "李主任"
    assert window.current_section() == "dashboard"
    QApplication.processEvents()  # what unlocking left for the event loop has run
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, NoteForm) and w.isVisible()
    ]


def test_a_print_preview_is_closed_and_shortcuts_are_off_while_locked(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks
) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    window = make_window(qtbot, school, runner, clocks)
    manager = window.lock_manager
    fired: list[bool] = []
    QShortcut(QKeySequence("Ctrl+J"), window).activated.connect(lambda: fired.append(True))
    preview = QPrintPreviewDialog(window)
    preview.show()
    with qtbot.waitSignal(manager.locked):
        manager.lock()
    assert not isValid(preview) or not preview.isVisible()
    assert all(not s.isEnabled() for s in window.findChildren(QShortcut))
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert fired == []

    with qtbot.waitSignal(manager.unlocked):
        unlock_with(qtbot, manager, PASSWORD)
    assert all(s.isEnabled() for s in window.findChildren(QShortcut))


def test_an_import_stopped_by_locking_is_told_after_unlocking(
    qtbot,
    school: School,
    runner: TaskRunner,
    clocks: Clocks,
    tmp_path,
    monkeypatch,
    boxes: AnsweredBoxes,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.core.test_workbook import write_book
    from tests.ui.test_workbook_section import ROSTER, Gate

    told = boxes.told
    window = make_window(qtbot, school, runner, clocks)
    gate = Gate(monkeypatch, at_row=2)
    book = write_book(tmp_path / "名册.xlsx", ROSTER)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(book), ""))
    settings = window.show_section("settings")
    section = settings.show_section("workbook")
    section.import_button.click()
    qtbot.waitUntil(gate.reached.is_set)

    manager = window.lock_manager
    manager.lock()
    qtbot.waitUntil(lambda: not isValid(section))  # the pages go, before the dialog appeared
    gate.release.set()
    qtbot.waitUntil(lambda: manager.school_closed)
    assert told == []  # nothing is shown on the lock screen
    assert manager.unseen_outcomes() == [
        "导入 名册.xlsx 因程序锁定而停止，没有导入任何内容。请重新导入。"
    ]

    unlock_with(qtbot, manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert [(notice.title, notice.text) for notice in told] == [
        ("锁定期间", "导入 名册.xlsx 因程序锁定而停止，没有导入任何内容。请重新导入。")
    ]
    assert manager.unseen_outcomes() == []
    settings = window.pages.currentWidget()  # back where the user was: 设置 › 数据导入导出
    assert settings.stack.currentWidget() is settings.workbook_section
    counts = window.school.db.execute("SELECT count(*) FROM student").fetchone()[0]
    assert counts == 0


def test_work_that_ends_while_locked_is_told_once_after_unlocking(
    qtbot, school: School, runner: TaskRunner, clocks: Clocks, boxes: AnsweredBoxes
) -> None:
    import threading

    told: list[str] = []  # what the work's success says, then what the lock manager tells
    boxes.texts = told
    window = make_window(qtbot, school, runner, clocks)
    page = window.show_section("students")
    release = threading.Event()
    runner.run(release.wait, HANG_LIMIT_S, owner=page).on_success(told.append).tell_if_gone(
        lambda ok, value: f"完成了：{ok}"
    )
    window.lock_manager.lock()
    release.set()
    qtbot.waitUntil(lambda: window.lock_manager.school_closed)
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    finish_work(runner)  # and nothing more is told
    assert told == ["完成了：True"]
