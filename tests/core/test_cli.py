"""The command line as a script or a person uses it: exit codes, messages, nothing changed on error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from counselor_app.cli import main
from tests.core.test_storage import fingerprint

PASSWORD = "first-password-1"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(folder))
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.delenv("COUNSELOR_USER", raising=False)
    return folder


@pytest.fixture
def initialized(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--user", "王老师", "init", "--school", "实验中学"]) == 0
    found = re.search(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}", capsys.readouterr().out)
    assert found, "init must print the recovery key"
    return found[0]


def test_init_prints_the_recovery_key_once(initialized):
    groups = initialized.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)


def test_init_twice_is_a_usage_error(initialized, capsys):
    assert main(["--user", "王老师", "init", "--school", "别的学校"]) == 2
    assert "已经有一所学校" in capsys.readouterr().err


def test_a_wrong_password_exits_4_and_changes_nothing(initialized, data_dir, monkeypatch, capsys):
    before = fingerprint(data_dir)
    monkeypatch.setenv("COUNSELOR_PASSWORD", "wrong-password")
    assert main(["users", "list"]) == 4
    assert "密码不正确" in capsys.readouterr().err
    after = fingerprint(data_dir)
    after.pop("unlock-failures.json")
    assert after == before


def test_english_messages_with_lang_en(initialized, monkeypatch, capsys):
    monkeypatch.setenv("COUNSELOR_PASSWORD", "wrong-password")
    assert main(["--lang", "en", "users", "list"]) == 4
    assert "The password is not correct" in capsys.readouterr().err


def test_users_add_then_both_can_sign_in(initialized, monkeypatch, capsys):
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "admin-password-2")
    assert main(["--user", "王老师", "users", "add", "赵主任", "--role", "admin"]) == 0
    capsys.readouterr()
    assert main(["--user", "王老师", "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "赵主任\t管理员" in listing and "王老师\t心理教师" in listing
    monkeypatch.setenv("COUNSELOR_PASSWORD", "admin-password-2")
    assert main(["--user", "赵主任", "audit", "verify"]) == 0


def test_several_accounts_need_user(initialized, monkeypatch, capsys):
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "admin-password-2")
    assert main(["users", "add", "赵主任", "--role", "admin"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify"]) == 2
    assert "--user" in capsys.readouterr().err


def test_the_accounts_to_choose_from_are_listed_in_the_programs_language(
    initialized, monkeypatch, capsys
):
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "admin-password-2")
    assert main(["users", "add", "赵主任", "--role", "admin"]) == 0
    capsys.readouterr()
    assert main(["audit", "verify"]) == 2
    assert "这所学校有多个账户（王老师、赵主任），请用 --user 指明是谁。" in capsys.readouterr().err
    assert main(["--lang", "en", "audit", "verify"]) == 2
    assert (
        "This school has several accounts (王老师, 赵主任); say which with --user."
        in capsys.readouterr().err
    )


def test_passwd_rewraps_the_same_data_key(initialized, data_dir, monkeypatch):
    from counselor_app.storage.keys import KeyFile

    data_key = KeyFile.load(data_dir / "keys.json").unlock("王老师", PASSWORD).data_key
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "second-password-2")
    assert main(["passwd"]) == 0
    keys = KeyFile.load(data_dir / "keys.json")
    assert (
        keys.unlock("王老师", "second-password-2").data_key == data_key
    )  # no re-encryption needed
    monkeypatch.setenv("COUNSELOR_PASSWORD", "second-password-2")
    assert main(["audit", "verify"]) == 0
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    assert main(["audit", "verify"]) == 4


def test_recover_sets_a_new_password_with_the_recovery_key(initialized, monkeypatch, capsys):
    monkeypatch.setenv("COUNSELOR_RECOVERY_KEY", initialized.lower())
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "after-recovery-3")
    assert main(["recover"]) == 0
    monkeypatch.setenv("COUNSELOR_PASSWORD", "after-recovery-3")
    assert main(["audit", "verify"]) == 0
    monkeypatch.setenv("COUNSELOR_RECOVERY_KEY", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    assert main(["recover"]) == 4


def test_audit_verify_reports_tampering_with_exit_5(initialized, data_dir, capsys):
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        school.db.execute("UPDATE audit_log SET action = 'nothing' WHERE id = 1")
    assert main(["audit", "verify"]) == 5
    assert "被改动过" in capsys.readouterr().err


def test_no_school_yet_is_a_usage_error(data_dir, capsys):
    assert main(["audit", "verify"]) == 2
    assert "counselor-app init" in capsys.readouterr().err


def test_a_password_is_never_an_argument(capsys):
    assert main(["init", "--school", "x", "--password", "y"]) == 2


def test_no_terminal_and_no_variable_says_which_variable(initialized, monkeypatch, capsys):
    monkeypatch.delenv("COUNSELOR_PASSWORD")
    assert main(["audit", "verify"]) == 2
    assert "COUNSELOR_PASSWORD" in capsys.readouterr().err


def _campus_names(data_dir: Path) -> list[str]:
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        return [r[0] for r in school.db.query("SELECT name FROM campus ORDER BY name")]


def _add_campus(data_dir: Path, name: str) -> None:
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        school.db.execute("INSERT INTO campus (name) VALUES (?)", (name,))


def test_backup_then_restore_brings_back_the_data_and_keeps_the_newer_aside(
    initialized, data_dir, tmp_path, capsys
):
    _add_campus(data_dir, "东校区")
    backup = tmp_path / "usb" / "school.cdbak"
    backup.parent.mkdir()
    assert main(["backup", "-o", str(backup)]) == 0
    _add_campus(data_dir, "西校区")
    assert main(["restore", str(backup)]) == 0
    assert _campus_names(data_dir) == ["东校区"]
    aside = list((data_dir / "set-aside").rglob("school.db"))
    assert aside, "the replaced database must be kept"


def test_restore_onto_a_new_pc_with_the_backups_password(
    initialized, data_dir, tmp_path, monkeypatch
):
    _add_campus(data_dir, "东校区")
    backup = tmp_path / "school.cdbak"
    assert main(["backup", "-o", str(backup)]) == 0
    new_pc = tmp_path / "new-pc"
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(new_pc))
    assert main(["restore", str(backup)]) == 0
    assert _campus_names(new_pc) == ["东校区"]


def test_a_damaged_backup_is_refused_with_exit_5_and_nothing_changes(
    initialized, data_dir, tmp_path, capsys
):
    backup = tmp_path / "school.cdbak"
    assert main(["backup", "-o", str(backup)]) == 0
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = fingerprint(data_dir)
    assert main(["restore", str(backup)]) == 5
    assert fingerprint(data_dir) == before


def test_global_options_may_follow_the_subcommand(initialized, data_dir, monkeypatch, capsys):
    monkeypatch.delenv("COUNSELOR_DATA_DIR")
    assert main(["audit", "verify", "--data-dir", str(data_dir), "--lang", "en"]) == 0
    assert "The audit trail is intact" in capsys.readouterr().out


def test_the_signed_in_account_cannot_remove_itself(initialized, monkeypatch, capsys):
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "admin-password-2")
    assert main(["--user", "王老师", "users", "add", "赵主任", "--role", "admin"]) == 0
    monkeypatch.setenv("COUNSELOR_PASSWORD", "admin-password-2")
    assert main(["--user", "赵主任", "users", "remove", "赵主任"]) == 3
    assert "不能删除当前登录的账户" in capsys.readouterr().err


@pytest.mark.parametrize("live", ["school.db", "keys.json", "school.db-wal"])
def test_no_output_may_replace_the_schools_own_files(initialized, data_dir, capsys, live):
    before = fingerprint(data_dir)
    assert main(["export", "-o", str(data_dir / live)]) == 2
    assert "学校正在使用的数据文件" in capsys.readouterr().err
    assert fingerprint(data_dir) == before
