"""设置: each section reads and writes through the core, and shows the core's messages."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from counselor_app.foundation.clock import fixed_clock
from counselor_app.records.service import RecordService
from counselor_app.school import backups as school_backups
from counselor_app.school.accounts import add_account, list_accounts
from counselor_app.school.core import School, open_school, unlock_data_key
from counselor_app.settings.school_settings import read_school_info
from counselor_app.storage import backup_rotation, backups
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.settings.accounts_section import AccountTableModel
from counselor_app.ui.settings.backups_section import BackupTableModel
from counselor_app.ui.settings.interface_section import saved_language
from counselor_app.ui.settings.section_parts import load_when_first_shown
from counselor_app.ui.settings.terms_section import TermTableModel
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S, NOW, PASSWORD
from tests.ui.boxes import AnsweredBoxes
from tests.ui.test_lock import Clocks, make_window, unlock_with
from tests.ui.windows import show_in_window

AUTUMN = {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-16"}


def open_page(qtbot, school: School, runner: TaskRunner, section: str) -> SettingsPage:
    page = SettingsPage(school, runner)
    show_in_window(qtbot, page)
    page.show_section(section)
    return page


def idle(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy)


def test_a_section_reads_when_first_shown_and_only_then(qtbot):
    section = QWidget()
    qtbot.addWidget(section)
    loads: list[int] = []
    load_when_first_shown(section, lambda: loads.append(1))
    assert loads == []  # built, not shown: nothing read
    section.show()
    section.hide()
    section.show()
    assert loads == [1]


# -- 学校与辅导室 -------------------------------------------------------------------------------------
def test_editing_the_hotline_saves_and_reloads(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "school")
    section = page.school_section
    qtbot.waitUntil(lambda: section.name_field.text() == "实验中学")
    assert not section.save_button.isEnabled()  # nothing changed yet
    section.hotline_field.setText("0527-1234567")
    section.channels.boxes["phone"].setChecked(True)
    assert section.save_button.isEnabled()
    section.save_button.click()
    qtbot.waitUntil(lambda: section.message_bar.text() == "学校信息已保存。")
    idle(qtbot, runner)
    info = read_school_info(school)
    assert info["hotline"] == "0527-1234567" and info["booking_channels"] == ["phone"]

    again = open_page(qtbot, school, runner, "school").school_section
    qtbot.waitUntil(lambda: again.hotline_field.text() == "0527-1234567")
    assert again.channels.boxes["phone"].isChecked()
    assert not again.channels.boxes["online"].isChecked()


def test_wrong_values_are_explained_next_to_their_fields(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "school")
    section = page.school_section
    qtbot.waitUntil(lambda: section.name_field.text() == "实验中学")
    section.area_field.setText("0")
    section.name_field.clear()
    qtbot.waitUntil(lambda: section.errors["room_area_m2"].isVisible())
    assert "最小为 1" in section.errors["room_area_m2"].text()
    assert section.errors["name"].text() == "必填，不能为空"
    assert not section.errors["hotline"].isVisible()
    section.save()
    qtbot.waitUntil(lambda: section.message_bar.is_error)
    assert "学校名称" in section.message_bar.text()
    assert read_school_info(school)["name"] == "实验中学"  # nothing written


# -- 学期 ------------------------------------------------------------------------------------------
def test_adding_an_overlapping_term_shows_the_core_s_message(qtbot, school, runner):
    RecordService(school).create("term", AUTUMN)
    page = open_page(qtbot, school, runner, "terms")
    section = page.terms_section
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    section.add_button.click()
    dialog = section.dialog
    assert dialog is not None
    # The suggestion is the term after the last one.
    assert dialog.values()["name"] == "2025—2026学年第二学期"
    dialog.first_day.setDate(dialog.first_day.date().fromString("2026-01-05", "yyyy-MM-dd"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.problems_label.isVisible())
    assert "重叠" in dialog.problems_label.text()
    assert "2025—2026学年第一学期" in dialog.problems_label.text()
    assert dialog.isVisible()
    assert RecordService(school).count("term") == 1


def test_a_term_is_added_deleted_and_brought_back(qtbot, school, runner, boxes):
    RecordService(school).create("term", AUTUMN)
    page = open_page(qtbot, school, runner, "terms")
    section = page.terms_section
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    section.add_term()
    section.dialog.save()  # the suggested spring term
    qtbot.waitUntil(lambda: section.model.rowCount() == 2)
    assert not section.dialog.isVisible()
    assert "已添加学期" in section.message_bar.text()
    assert section.model.index(1, TermTableModel.NAME).data() == "2025—2026学年第二学期"

    section.table.selectRow(1)
    boxes.always = True
    section.delete_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    assert section.undo_button.isVisible()
    section.undo_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 2)


def test_term_model_passes_qt_checks(qtmodeltester):
    model = TermTableModel()
    qtmodeltester.check(model)
    model.set_rows([{"id": 1, **AUTUMN}])
    qtmodeltester.check(model)
    assert model.index(0, TermTableModel.WEEKS).data() == 20


# -- 账户 ------------------------------------------------------------------------------------------
def test_adding_an_account_then_it_is_listed(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "accounts")
    section = page.accounts_section
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    assert section.model.index(0, 0).data() == "王老师（当前登录）"
    section.add_button.click()
    dialog = section.dialog
    dialog.name_field.setText("admin-li")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData("admin"))
    dialog.password_field.setText("another-horse-42")
    dialog.again_field.setText("another-horse-4")
    dialog.submit()
    assert dialog.error_label.text() == "两次输入的密码不一致。"
    dialog.again_field.setText("another-horse-42")
    dialog.submit()
    qtbot.waitUntil(lambda: section.model.rowCount() == 2)
    assert section.model.index(1, AccountTableModel.NAME).data() == "admin-li"
    assert section.model.index(1, AccountTableModel.ROLE).data() == "管理员"
    assert [a.name for a in list_accounts(school)] == ["王老师", "admin-li"]

    section.add_account()  # the same name again: the core refuses
    again = section.dialog
    again.name_field.setText("admin-li")
    again.password_field.setText("another-horse-42")
    again.again_field.setText("another-horse-42")
    again.submit()
    qtbot.waitUntil(lambda: again.error_label.isVisible())
    assert "已存在" in again.error_label.text()


def test_removing_an_account_but_not_one_s_own(qtbot, school, runner, boxes):
    add_account(school, "admin-li", "admin", "another-horse-42")
    page = open_page(qtbot, school, runner, "accounts")
    section = page.accounts_section
    qtbot.waitUntil(lambda: section.model.rowCount() == 2)
    section.table.selectRow(0)
    assert not section.remove_button.isEnabled()  # signed in as 王老师
    section.table.selectRow(1)
    assert section.remove_button.isEnabled()
    boxes.always = True
    section.remove_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    assert "已删除账户" in section.message_bar.text()


def test_changing_one_s_own_password(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "accounts")
    section = page.accounts_section
    section.password_button.click()
    dialog = section.dialog
    dialog.old_field.setText("wrong-password-1")
    dialog.new_field.setText("a-new-password-77")
    dialog.again_field.setText("a-new-password-77")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible())
    assert "密码" in dialog.error_label.text()
    dialog.old_field.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "密码已修改" in section.message_bar.text()
    assert unlock_data_key(school.paths, "王老师", "a-new-password-77", NOW)


def test_account_model_passes_qt_checks(qtmodeltester, school):
    model = AccountTableModel("王老师")
    qtmodeltester.check(model)
    model.set_rows(list_accounts(school))
    qtmodeltester.check(model)


# -- 备份 ------------------------------------------------------------------------------------------
def test_backing_up_now_creates_a_backup_that_verifies(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    idle(qtbot, runner)
    assert section.model.rowCount() == 0
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    made = backup_rotation.list_backups(school.paths)
    assert len(made) == 1 and made[0].name.endswith("-manual.cdbak")
    assert "已保存并验证" in section.message_bar.text()
    assert section.model.index(0, BackupTableModel.REASON).data() == "手动备份"
    assert section.isEnabled()

    section.table.selectRow(0)
    section.verify_button.click()
    qtbot.waitUntil(lambda: "完好" in section.message_bar.text())

    opened = []
    section.open_url = lambda url: opened.append(url.toLocalFile()) or True
    section.open_folder_button.click()
    assert opened == [str(school.paths.backups)]


def test_restoring_asks_first_then_closes_the_window(qtbot, school, runner, boxes):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    RecordService(school).create("term", AUTUMN)  # made after the backup
    section.table.selectRow(0)

    boxes.always = False
    section.restore_button.click()
    assert not runner.busy and not school.db.closed

    boxes.always = True
    told = boxes.texts
    window = page.window()
    section.restore_button.click()
    qtbot.waitUntil(lambda: bool(told))
    assert "set-aside" in boxes.questions[1]  # after the one declined
    assert "已从备份" in told[0]
    assert school.db.closed  # the core closed the open school
    assert not window.isVisible()
    restored = open_school(school.paths, "王老师", bytes(_key(school)), clock=fixed_clock(NOW))
    try:
        assert RecordService(restored).count("term") == 0
    finally:
        restored.close()


def _key(school: School) -> bytes:
    return unlock_data_key(school.paths, "王老师", PASSWORD, NOW)


def test_backup_model_passes_qt_checks(qtmodeltester, school):
    from counselor_app.school.backup_catalog import backup_entries, backup_now

    backup_now(school)
    model = BackupTableModel()
    qtmodeltester.check(model)
    model.set_rows(backup_entries(school.paths))
    qtmodeltester.check(model)


class Held:
    """Stands in for a core function: on the worker, waits to be released, then does the real work."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.reached = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.reached.set()
        assert self.release.wait(HANG_LIMIT_S)
        return self.real(*args, **kwargs)


class PhaseGate:
    """Holds a core function on the worker when it tells ``phase`` until released, then passes on
    the dialog's answer as it is then. With ``answered``, the core gets the answer given before
    the hold: it has moved past that question."""

    def __init__(
        self, monkeypatch, owner: object, name: str, phase: str, *, answered: bool = False
    ) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = getattr(owner, name)

        def gated(*args: Any, progress: Callable[[str], bool], **kwargs: Any) -> Any:
            def watching(told: str) -> bool:
                if told != phase or self.reached.is_set():
                    return progress(told)
                answer = progress(told)  # the dialog now shows the phase
                self.reached.set()
                assert self.release.wait(HANG_LIMIT_S)
                return answer if answered else progress(told)

            return real(*args, progress=watching, **kwargs)

        monkeypatch.setattr(owner, name, gated)


def backup_gate(monkeypatch, phase: str) -> PhaseGate:
    from counselor_app.ui.settings import backups_section

    return PhaseGate(monkeypatch, backups_section, "backup_now", phase)


def audit_actions(school: School) -> list[str]:
    return [entry.action for entry in school.audit.entries(limit=1000)]


def test_cancelling_a_backup_leaves_no_file_and_says_so_quietly(qtbot, school, runner, monkeypatch):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    idle(qtbot, runner)
    gate = backup_gate(monkeypatch, backups.ARCHIVE)
    actions = audit_actions(school)
    section.backup_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    dialog = section.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)  # it appears when the work takes a moment
    qtbot.waitUntil(
        lambda: dialog.label.text() == "正在备份本校数据\n第 2 / 3 步：正在写入备份文件…"
    )
    assert dialog.windowTitle() == "立即备份" and not section.isEnabled()

    dialog.cancel_button.click()
    assert dialog.label.text() == "正在取消…" and not dialog.cancel_button.isEnabled()
    gate.release.set()
    qtbot.waitUntil(section.isEnabled)

    assert section.message_bar.text() == "已取消备份，没有生成备份文件。"
    assert not section.message_bar.is_error
    assert section.progress_dialog is None and not (isValid(dialog) and dialog.isVisible())
    assert list(school.paths.backups.iterdir()) == []  # no backup, no temporary file
    assert audit_actions(school) == actions
    assert section.model.rowCount() == 0


def test_cancelling_a_check_of_a_backup_says_so_quietly(qtbot, school, runner, monkeypatch):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    gate = PhaseGate(monkeypatch, backups, "verify_backup", backups.CHECK)
    section.table.selectRow(0)
    section.verify_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    dialog = section.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "第 2 / 2 步：正在用密钥打开备份并逐页检查…" in dialog.label.text())
    dialog.reject()  # Esc, or the window's close button
    gate.release.set()
    qtbot.waitUntil(section.isEnabled)
    assert section.message_bar.text() == "已取消验证备份，备份文件没有改动。"
    assert not section.message_bar.is_error


def test_cancelling_a_restore_before_it_replaces_files_changes_nothing(
    qtbot, school, runner, monkeypatch, boxes
):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    RecordService(school).create("term", AUTUMN)  # made after the backup
    made = backup_rotation.list_backups(school.paths)
    gate = PhaseGate(monkeypatch, school_backups, "restore_backup", backups.SAFETY_BACKUP)
    boxes.always = True
    section.table.selectRow(0)
    section.restore_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    dialog = section.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "第 3 / 4 步：正在为现在的数据做备份…" in dialog.label.text())
    assert dialog.cancel_button.isEnabled()

    dialog.cancel_button.click()
    gate.release.set()
    qtbot.waitUntil(section.isEnabled)

    assert section.message_bar.text() == "已取消恢复，本校的数据没有任何改动。"
    assert not section.message_bar.is_error
    assert not school.db.closed and page.window().isVisible()
    assert RecordService(school).count("term") == 1
    assert backup_rotation.list_backups(school.paths) == made  # no safety backup left behind


def test_a_restore_replacing_files_cannot_be_cancelled(qtbot, school, runner, monkeypatch, boxes):
    page = open_page(qtbot, school, runner, "backups")
    section = page.backups_section
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    gate = PhaseGate(monkeypatch, school_backups, "restore_backup", backups.REPLACE, answered=True)
    told = boxes.texts
    boxes.always = True
    section.table.selectRow(0)
    section.restore_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    dialog = section.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.cancel_button.isEnabled())
    assert "第 4 / 4 步：正在替换数据文件（这一步不能取消）…" in dialog.label.text()

    dialog.reject()  # Esc: nothing to stop any more
    assert not dialog.progress.cancelled and dialog.label.text() != "正在取消…"
    gate.release.set()
    qtbot.waitUntil(lambda: bool(told))
    assert "已从备份" in told[0] and school.db.closed


def backups_in_window(qtbot, school, runner, boxes: AnsweredBoxes):
    """The lock manager's notice after unlocking is the only one told (in ``boxes.texts``): the
    section is gone by then, it cannot tell."""
    window = make_window(qtbot, school, runner, Clocks())
    section = window.show_section("settings").show_section("backups")
    boxes.always = True
    return window, section


def lock_until_closed(qtbot, window, section, release: threading.Event) -> None:
    manager = window.lock_manager
    manager.lock()
    qtbot.waitUntil(lambda: not isValid(section))  # the pages go at once
    release.set()
    qtbot.waitUntil(lambda: manager.school_closed)


def test_a_backup_under_way_when_locking_stops_and_is_told_after_unlocking(
    qtbot, school, runner, monkeypatch, boxes
):
    told = boxes.texts
    window, section = backups_in_window(qtbot, school, runner, boxes)
    gate = backup_gate(monkeypatch, backups.ARCHIVE)
    section.backup_button.click()
    qtbot.waitUntil(gate.reached.is_set)

    lock_until_closed(qtbot, window, section, gate.release)
    assert list(school.paths.backups.iterdir()) == []  # stopped: no file, no temporary
    assert told == []  # nothing on the lock screen
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert told == ["锁定前开始的备份因程序锁定而停止，没有生成备份文件。"]
    assert "backup" not in audit_actions(window.school)


def test_a_backup_that_ends_while_locked_is_told_after_unlocking(
    qtbot, school, runner, monkeypatch, boxes
):
    told = boxes.texts
    window, section = backups_in_window(qtbot, school, runner, boxes)
    # Held after its last question (the file has its name; the audit entry is next): nothing
    # stops it now, and it ends as it would have.
    held = Held(school_backups._log_backup)
    monkeypatch.setattr(school_backups, "_log_backup", held)
    section.backup_button.click()
    qtbot.waitUntil(held.reached.is_set)

    lock_until_closed(qtbot, window, section, held.release)
    made = backup_rotation.list_backups(school.paths)
    assert len(made) == 1
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert told == [f"锁定前开始的备份已经完成并通过验证：{made[0].name}。"]


def test_a_restore_replacing_files_when_locking_finishes_and_unlocking_opens_the_restored_data(
    qtbot, school, runner, monkeypatch, boxes
):
    told = boxes.texts
    window, section = backups_in_window(qtbot, school, runner, boxes)
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    name = section.model.row_at(0).path.name
    RecordService(school).create("term", AUTUMN)  # made after the backup
    gate = PhaseGate(monkeypatch, school_backups, "restore_backup", backups.REPLACE, answered=True)
    section.table.selectRow(0)
    section.restore_button.click()
    qtbot.waitUntil(gate.reached.is_set)

    lock_until_closed(qtbot, window, section, gate.release)
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert len(told) == 1
    assert told[0].startswith(f"锁定前开始的恢复已经完成：已从备份 {name} 恢复")
    assert window.isVisible()  # unlocking was the fresh start the restore asks for
    assert RecordService(window.school).count("term") == 0


def test_a_restore_still_checking_when_locking_stops_before_replacing_anything(
    qtbot, school, runner, monkeypatch, boxes
):
    told = boxes.texts
    window, section = backups_in_window(qtbot, school, runner, boxes)
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    name = section.model.row_at(0).path.name
    RecordService(school).create("term", AUTUMN)
    gate = PhaseGate(monkeypatch, school_backups, "restore_backup", backups.CHECK)
    section.table.selectRow(0)
    section.restore_button.click()
    qtbot.waitUntil(gate.reached.is_set)

    lock_until_closed(qtbot, window, section, gate.release)
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert told == [
        f"恢复备份 {name} 因程序锁定而在替换数据之前停止。本校的数据没有改变；"
        "如仍要恢复，请重新操作。"
    ]
    assert RecordService(window.school).count("term") == 1
    assert [p.name for p in backup_rotation.list_backups(window.school.paths)] == [name]


def test_a_restore_not_begun_when_locking_never_begins(qtbot, school, runner, monkeypatch, boxes):
    told = boxes.texts
    window, section = backups_in_window(qtbot, school, runner, boxes)
    section.backup_button.click()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1)
    name = section.model.row_at(0).path.name
    RecordService(school).create("term", AUTUMN)
    restore = Held(school_backups.restore_backup)
    restore.release.set()
    monkeypatch.setattr(school_backups, "restore_backup", restore)
    busy = threading.Event()
    runner.run(busy.wait, 10)  # the worker is still on earlier work
    section.table.selectRow(0)
    section.restore_button.click()

    lock_until_closed(qtbot, window, section, busy)
    assert restore.calls == 0
    unlock_with(qtbot, window.lock_manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert told == [
        f"恢复备份 {name} 没有开始：程序在恢复开始之前锁定了。本校的数据没有改变；"
        "如仍要恢复，请重新操作。"
    ]
    assert RecordService(window.school).count("term") == 1


# -- 界面 ------------------------------------------------------------------------------------------
def test_idle_lock_minutes_and_language_are_saved(qtbot, school, runner):
    page = open_page(qtbot, school, runner, "interface")
    section = page.interface_section
    qtbot.waitUntil(lambda: section.idle_spin.isEnabled())
    assert section.idle_spin.value() == 5
    assert (section.idle_spin.minimum(), section.idle_spin.maximum()) == (1, 60)
    section.idle_spin.setValue(12)
    section.save_idle_minutes()
    qtbot.waitUntil(lambda: "12 分钟" in section.message_bar.text())
    from counselor_app.school.core import read_setting

    assert read_setting(school, "ui.idle_lock_minutes") == 12  # the key earlier releases used

    assert saved_language() is None
    section.language_box.setCurrentIndex(section.language_box.findData("en"))
    section.save_language()
    assert saved_language() == "en"
    assert "下次启动" in section.message_bar.text()
    from PySide6.QtCore import QSettings

    assert QSettings().value("ui/language") == "en"  # the key earlier releases wrote


# -- the 管理员 ---------------------------------------------------------------------------------------
@pytest.fixture
def admin_school(school: School) -> Iterator[School]:
    add_account(school, "李主任", "admin", "another-horse-42")
    admin = open_school(
        school.paths, "李主任", school.data_key, clock=fixed_clock(NOW), check_integrity=False
    )
    yield admin
    admin.close()


def test_an_administrator_opens_every_section(qtbot, admin_school, runner):
    RecordService(admin_school).create("term", AUTUMN)  # terms hold no confidential text
    page = open_page(qtbot, admin_school, runner, "school")
    qtbot.waitUntil(lambda: page.school_section.name_field.text() == "实验中学")
    for key in SettingsPage.SECTIONS:
        page.show_section(key)
        idle(qtbot, runner)
    assert page.terms_section.model.rowCount() == 1
    assert page.accounts_section.model.rowCount() == 2
    assert page.interface_section.idle_spin.isEnabled()
    for section in (page.school_section, page.terms_section, page.accounts_section):
        assert not section.message_bar.is_error
    page.backups_section.back_up_now()
    qtbot.waitUntil(lambda: page.backups_section.model.rowCount() == 1)
