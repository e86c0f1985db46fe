"""The encrypted database, the key file, unlocking, migrations and the audit chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from counselor_app.foundation.errors import AuthenticationFailed, DamagedData, InvalidInput
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import open_school, unlock
from counselor_app.storage import migrations, schema
from counselor_app.storage.keys import KeyFile, normalize_recovery_key
from counselor_app.storage.unlock_throttle import UnlockThrottle, wait_after
from tests.conftest import NOW, PASSWORD

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema1"


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_right_password_opens_the_school(school, clock):
    paths = school.paths
    school.close()
    with unlock(paths, "王老师", PASSWORD, clock=clock) as again:
        assert again.name == "实验中学"
        assert again.user.role == "counsellor"


def test_a_wrong_password_changes_no_file_but_the_failure_count(school, clock):
    paths = school.paths
    school.close()
    before = fingerprint(paths.root)
    with pytest.raises(AuthenticationFailed) as excinfo:
        unlock(paths, "王老师", "not-the-password", clock=clock)
    assert excinfo.value.exit_code == 4
    assert "密码不正确" in str(excinfo.value)
    after = fingerprint(paths.root)
    assert after.pop("unlock-failures.json")
    assert after == before


def test_repeated_failures_make_the_next_attempt_wait(school, clock):
    paths = school.paths
    school.close()
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            unlock(paths, "王老师", "wrong-password", clock=clock)
    with pytest.raises(AuthenticationFailed) as excinfo:  # even the right one must wait now
        unlock(paths, "王老师", PASSWORD, clock=clock)
    assert "请等待" in str(excinfo.value)
    later = NOW + dt.timedelta(seconds=wait_after(3) + 1)
    with unlock(paths, "王老师", PASSWORD, clock=lambda: later):
        pass
    assert UnlockThrottle(paths.unlock_failures).failures("王老师") == 0


def test_an_unknown_user_is_named_with_the_accounts_that_exist(school):
    paths = school.paths
    school.close()
    with pytest.raises(AuthenticationFailed) as excinfo:
        unlock(paths, "李老师", PASSWORD)
    assert "王老师" in str(excinfo.value)


def test_a_damaged_key_file_is_told_apart_from_a_wrong_password(school):
    paths = school.paths
    school.close()
    text = paths.key_file.read_text(encoding="utf-8")
    wrapped_start = text.index('"wrapped": "') + len('"wrapped": "')
    flipped = "A" if text[wrapped_start] != "A" else "B"
    paths.key_file.write_text(
        text[:wrapped_start] + flipped + text[wrapped_start + 1 :], encoding="utf-8"
    )
    with pytest.raises(DamagedData) as excinfo:
        unlock(paths, "王老师", PASSWORD)
    assert excinfo.value.exit_code == 5 and "密钥文件" in str(excinfo.value)


def test_a_damaged_database_is_reported_as_damage_not_as_a_wrong_password(school):
    paths = school.paths
    school.close()
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = bytes(len(data[100:4096]))  # wipe most of the first page
    paths.database.write_bytes(bytes(data))
    with pytest.raises(DamagedData) as excinfo:
        unlock(paths, "王老师", PASSWORD)
    assert "密码是正确的" in str(excinfo.value)


def test_a_damaged_page_opens_read_only_with_a_message(school, clock):
    school.db.execute("CREATE TABLE filler (x)")  # pages past the first to damage
    with school.db.transaction():
        school.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    paths = school.paths
    school.close()
    data = bytearray(paths.database.read_bytes())
    page = 4096
    last = len(data) // page - 1
    data[last * page + 200 : last * page + 220] = b"\xff" * 20
    paths.database.write_bytes(bytes(data))
    with unlock(paths, "王老师", PASSWORD, clock=clock) as damaged:
        assert damaged.db.read_only
        assert damaged.damage and damaged.damage_message is not None
        assert "只读" in damaged.damage_message.render()
        from counselor_app.records.service import RecordService

        with pytest.raises(DamagedData):
            RecordService(damaged).create(
                "term", {"name": "x", "first_day": "2025-09-01", "last_day": "2025-09-02"}
            )


def test_nothing_readable_without_the_key(school):
    school.db.execute("INSERT INTO campus (name) VALUES ('东校区绝密字样')")
    paths = school.paths
    school.close()
    for path in paths.root.rglob("*"):
        if path.is_file():
            assert "东校区绝密字样".encode() not in path.read_bytes(), path
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(paths.database).execute("SELECT * FROM sqlite_master").fetchall()


def test_the_protective_pragmas_are_on(school):
    db = school.db
    assert db.scalar("PRAGMA journal_mode") == "wal"
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA temp_store") == 2  # MEMORY
    assert db.scalar("PRAGMA secure_delete") == 1
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert str(db.scalar("PRAGMA cipher_memory_security")) == "1"


def test_data_files_are_private(school):
    assert school.paths.database.stat().st_mode & 0o077 == 0
    assert school.paths.key_file.stat().st_mode & 0o077 == 0


def test_a_failed_transaction_leaves_the_last_committed_data(school):
    school.db.execute("INSERT INTO campus (name) VALUES ('东校区')")
    with pytest.raises(RuntimeError), school.db.transaction():
        school.db.execute("INSERT INTO campus (name) VALUES ('西校区')")
        raise RuntimeError("power cut")
    assert [r[0] for r in school.db.query("SELECT name FROM campus")] == ["东校区"]


def test_recovery_keys_forgive_case_spaces_and_lookalike_digits():
    key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    assert normalize_recovery_key(key.lower().replace("-", " ")) == normalize_recovery_key(key)
    assert normalize_recovery_key(key.replace("O", "0")) == normalize_recovery_key(key)
    with pytest.raises(AuthenticationFailed):
        normalize_recovery_key("too-short")


class TestFirstSchemaFixture:
    @pytest.fixture
    def old_school(self, tmp_path: Path) -> SchoolPaths:
        paths = SchoolPaths(tmp_path / "old")
        shutil.copytree(FIXTURE, paths.root)
        return paths

    def test_a_database_of_the_first_schema_opens_with_its_records(self, old_school, clock):
        with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
            assert school.db.user_version == migrations.SCHEMA_VERSION
            assert school.db.scalar("SELECT name FROM student") == "陈喆"
            stored = school.db.scalar("SELECT summary FROM counselling_session")
            assert stored.startswith("sealed:v1:")  # sealed at the first counsellor's unlock
            assert school.open_text("counselling_session.summary", stored) == "旧版记录的摘要"

    def test_it_upgrades_in_place_and_keeps_a_copy_of_the_old_file(
        self, old_school, clock, monkeypatch
    ):
        upgrade = migrations.Migration(
            migrations.SCHEMA_VERSION + 1,
            "test_column",
            "ALTER TABLE student ADD COLUMN nickname TEXT;\n"
            "UPDATE student SET nickname = '小喆';\n",
        )
        monkeypatch.setattr(
            schema, "all_migrations", lambda: [*migrations.all_migrations(), upgrade]
        )
        monkeypatch.setattr(schema, "SCHEMA_VERSION", upgrade.version)
        with unlock(old_school, "王老师", "fixture-password", clock=clock) as school:
            assert school.db.user_version == upgrade.version
            assert school.db.scalar("SELECT nickname || name FROM student") == "小喆陈喆"
        kept = list(old_school.set_aside.glob("before-schema-*.db"))
        assert len(kept) == 1

    def test_a_database_from_a_newer_release_is_refused_untouched(self, old_school, clock):
        data_key = KeyFile.load(old_school.key_file).unlock("王老师", "fixture-password")
        with open_school(old_school, "王老师", data_key, clock=clock) as school:
            school.db.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
        before = fingerprint(old_school.root)
        with pytest.raises(DamagedData) as excinfo:
            open_school(old_school, "王老师", data_key, clock=clock)
        assert "更新版本" in str(excinfo.value)
        assert fingerprint(old_school.root) == before


class TestAuditChain:
    def test_an_untouched_chain_verifies(self, school):
        school.log("export", detail="x")
        report = school.audit.verify()
        assert report.intact and report.entries == 3  # setup, unlock, export

    def test_an_edited_entry_is_detected(self, school):
        school.log("export")
        school.log("backup")
        school.db.execute("UPDATE audit_log SET user_name = '别人' WHERE action = 'export'")
        export_id = school.db.scalar("SELECT id FROM audit_log WHERE action = 'export'")
        assert school.audit.verify().broken_at == [export_id]

    def test_a_removed_entry_is_detected(self, school):
        school.log("export")
        school.log("backup")
        school.db.execute("DELETE FROM audit_log WHERE action = 'export'")
        assert not school.audit.verify().intact


def test_passwords_must_be_long_enough(school_paths):
    from counselor_app.school.core import create_school

    with pytest.raises(InvalidInput):
        create_school(school_paths, school_name="x", user_name="y", password="short")
    assert not school_paths.database.exists()
