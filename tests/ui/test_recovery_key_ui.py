"""设置 › 账户 and the recovery key: a 管理员 adds a counsellor with the recovery key, and a
counsellor confirms the printed recovery key or makes a new one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, COUNSELLOR, School, create_school, unlock
from counselor_app.storage.keys import KeyFile
from tests.conftest import NOW, PASSWORD
from tests.ui.test_settings_page import open_page

ADMIN_PASSWORD = "another-horse-42"


@pytest.fixture
def new_school(tmp_path: Path) -> Iterator[tuple[School, str]]:
    created = create_school(
        SchoolPaths(tmp_path / "school"),
        school_name="实验中学",
        user_name="王老师",
        password=PASSWORD,
        clock=fixed_clock(NOW),
    )
    yield created.school, created.recovery_key
    created.school.close()


def test_an_administrator_adds_a_counsellor_with_the_recovery_key(qtbot, new_school, runner):
    school, recovery_key = new_school
    add_account(school, "李主任", ADMIN, ADMIN_PASSWORD)
    with unlock(school.paths, "李主任", ADMIN_PASSWORD, clock=fixed_clock(NOW)) as admin:
        page = open_page(qtbot, admin, runner, "accounts")
        section = page.accounts_section
        assert not section.recovery_button.isVisible()  # a 管理员 holds no key to give
        section.add_button.click()
        dialog = section.dialog
        dialog.role_box.setCurrentIndex(dialog.role_box.findData(ADMIN))
        assert not dialog.recovery_field.isVisible()
        dialog.role_box.setCurrentIndex(dialog.role_box.findData(COUNSELLOR))
        assert dialog.recovery_field.isVisible()
        dialog.name_field.setText("张老师")
        dialog.password_field.setText("third-password-3")
        dialog.again_field.setText("third-password-3")
        dialog.submit()
        qtbot.waitUntil(dialog.error_label.isVisible)
        assert "恢复密钥" in dialog.error_label.text()
        assert "张老师" not in KeyFile.load(school.paths.key_file).user_names
        dialog.recovery_field.setText(recovery_key)
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        runner.wait_idle()
    assert KeyFile.load(school.paths.key_file).user_holds_confidential_key("张老师")


def test_a_counsellor_confirms_the_printed_recovery_key(qtbot, new_school, runner):
    school, recovery_key = new_school
    keys = school.keys
    # As in a school upgraded from before sealing: the printed key does not hold the new key.
    KeyFile.load(school.paths.key_file).with_recovery_key(
        recovery_key, keys.without_confidential()
    ).with_pending_confidential(keys).save(school.paths.key_file)
    page = open_page(qtbot, school, runner, "accounts")
    section = page.accounts_section
    qtbot.waitUntil(lambda: "恢复密钥还不能打开保密内容" in section.message_bar.text())
    section.recovery_button.click()
    dialog = section.dialog
    dialog.key_field.setText("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    dialog.confirm_button.click()
    qtbot.waitUntil(dialog.status_label.isVisible)
    assert "恢复密钥不正确" in dialog.status_label.text()
    dialog.key_field.setText(recovery_key.lower())  # typed as people type it
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "现在它也能打开保密内容" in dialog.status_label.text())
    dialog.accept()
    qtbot.waitUntil(lambda: "恢复密钥已更新" in section.message_bar.text())
    assert KeyFile.load(school.paths.key_file).recovery_holds_confidential_key


def test_a_new_recovery_key_is_shown_once_and_replaces_the_old(qtbot, new_school, runner, boxes):
    school, old_key = new_school
    page = open_page(qtbot, school, runner, "accounts")
    section = page.accounts_section
    section.recovery_button.click()
    dialog = section.dialog
    boxes.always = True
    dialog.new_button.click()
    qtbot.waitUntil(dialog.key_label.isVisible)
    shown = dialog.key_label.text().replace("\n", "-")
    assert shown == dialog.new_key and shown != old_key
    assert not dialog.new_button.isEnabled()
    key_file = KeyFile.load(school.paths.key_file)
    assert key_file.unlock_with_recovery_key(shown).confidential_key is not None
    with pytest.raises(Exception, match="恢复密钥不正确"):
        key_file.unlock_with_recovery_key(old_key)
