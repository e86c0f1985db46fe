"""Backups: the file format, verification, rotation, and restoring (same school, new PC, refusals)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from counselor_app import __version__
from counselor_app.foundation.errors import AuthenticationFailed, DamagedData, UsageError
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school import backups as school_backups
from counselor_app.school.core import School, unlock
from counselor_app.storage import backup_rotation, backups
from counselor_app.storage.audit import AuditLog, audit_key
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import SCHEMA_VERSION
from tests.conftest import CHINA, NOW, PASSWORD, make_school

MARKER = "蒲公英ZQX7分校"  # distinctive: must never appear in plaintext anywhere


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def add_campus(school: School, name: str) -> None:
    with school.db.transaction():
        school.db.execute("INSERT INTO campus (name) VALUES (?)", (name,))


def campuses(db: Database) -> set[str]:
    return {row["name"] for row in db.query("SELECT name FROM campus")}


def flipped(source: Path, target: Path, offset: int) -> Path:
    data = bytearray(source.read_bytes())
    data[offset] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def db_member_range(path: Path) -> tuple[int, int]:
    """Where the database's bytes sit inside the archive file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(backups.DB_MEMBER)
    with path.open("rb") as handle:
        handle.seek(info.header_offset + 26)
        name_len = int.from_bytes(handle.read(2), "little")
        extra_len = int.from_bytes(handle.read(2), "little")
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def moving_clock(school: School, start: dt.datetime) -> Callable[[dt.datetime], None]:
    moment = [start]
    school.clock = lambda: moment[0]

    def set_to(when: dt.datetime) -> None:
        moment[0] = when

    return set_to


@pytest.fixture
def other_school(tmp_path: Path, clock) -> School:
    created = make_school(tmp_path / "other", name="第二中学", user="李老师", clock=clock)
    add_campus(created.school, "第二中学东校区")
    yield created.school
    created.school.close()


# -- the file ------------------------------------------------------------------------------------
def test_a_backup_reopens_with_the_data_and_says_what_it_is(school, tmp_path):
    add_campus(school, MARKER)
    (tmp_path / "out").mkdir()
    path = school_backups.create_backup(school, tmp_path / "out" / "manual.cdbak", "manual")

    info = backups.verify_backup(path, school.data_key)
    assert info.checked_with_key
    assert (info.school_uid, info.schema_version, info.reason) == (
        school.uid,
        SCHEMA_VERSION,
        "manual",
    )
    assert info.program_version == __version__
    assert info.created_at == NOW
    with backups.opened_backup(path, school.data_key) as db:
        assert MARKER in campuses(db)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(backups.MEMBERS)
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["members"]["school.db"]["sha256"] == info.database_sha256
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["manual.cdbak"]  # no temporary left
    entry = school.audit.entries(limit=1)[0]
    assert (entry.action, entry.detail["reason"]) == ("backup", "manual")


def test_a_backup_into_a_folder_gets_a_sortable_name(school, tmp_path):
    path = school_backups.create_backup(school, tmp_path, "manual")
    assert path.name == "2025-10-16T103000-manual.cdbak"
    assert school_backups.create_backup(school, tmp_path).name == "2025-10-16T103000-manual-2.cdbak"


def test_a_backup_taken_while_another_connection_writes_holds_only_committed_data(
    school, tmp_path, monkeypatch
):
    add_campus(school, "已提交校区")
    other = Database.open(school.paths.database, school.data_key)
    snapshot = school.db.backup_to

    def snapshot_then_commit(target: Path, key: bytes) -> None:
        snapshot(target, key)  # taken while the other transaction is open...
        other.execute("COMMIT")  # ...which then ends, as a real one would, within milliseconds

    monkeypatch.setattr(school.db, "backup_to", snapshot_then_commit)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO campus (name) VALUES ('未提交校区')")
        path = school_backups.create_backup(school, tmp_path / "busy.cdbak")
    finally:
        other.close()
    assert campuses(school.db) == {"已提交校区", "未提交校区"}
    backups.verify_backup(path, school.data_key)
    with backups.opened_backup(path, school.data_key) as db:
        assert campuses(db) == {"已提交校区"}


def test_a_backup_is_refused_inside_a_transaction_instead_of_waiting_forever(school, tmp_path):
    with pytest.raises(UsageError), school.db.transaction():
        school_backups.create_backup(school, tmp_path / "never.cdbak")
    assert not (tmp_path / "never.cdbak").exists()


def test_a_backup_never_lands_on_the_live_database(school):
    before = school.paths.database.read_bytes()[:4096]
    with pytest.raises(UsageError):
        school_backups.create_backup(school, school.paths.database)
    assert school.paths.database.read_bytes()[:4096] == before


def test_no_student_text_in_plaintext_in_the_backup_or_the_data_folder(school, tmp_path):
    add_campus(school, MARKER)
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO term (name, first_day, last_day) VALUES (?, '2025-09-01', '2026-01-20')",
            (MARKER + "学期",),
        )
    school_backups.automatic_backup(school, "daily")
    (tmp_path / "usb").mkdir()
    manual = school_backups.create_backup(school, tmp_path / "usb" / "copy.cdbak")
    files = [manual, *(p for p in school.paths.root.rglob("*") if p.is_file())]
    assert any(p.suffix == ".cdbak" for p in school.paths.backups.iterdir())
    for needle in (MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), b"ZQX7"):
        for path in files:
            assert needle not in path.read_bytes(), path


# -- damage --------------------------------------------------------------------------------------
def test_a_flipped_byte_anywhere_is_detected_or_changes_nothing(school, tmp_path):
    add_campus(school, MARKER)
    good = school_backups.create_backup(school, tmp_path / "good.cdbak")
    original = members(good)
    start, end = db_member_range(good)
    size = good.stat().st_size
    # Every byte of the zip headers, manifest, key file and directory; a sample of the database.
    offsets = [*range(0, start), *range(start, end, 997), *range(end, size)]
    copy = tmp_path / "flipped.cdbak"
    detected = 0
    for offset in offsets:
        flipped(good, copy, offset)
        try:
            backups.inspect_backup(copy)
        except DamagedData:
            detected += 1
        else:  # only metadata such as a timestamp may change unnoticed, never content
            assert members(copy) == original, offset
    assert detected > len(offsets) * 0.9


def test_a_flipped_database_byte_fails_verification_with_a_clear_message(school, tmp_path):
    good = school_backups.create_backup(school, tmp_path / "good.cdbak")
    start, end = db_member_range(good)
    bad = flipped(good, tmp_path / "bad.cdbak", (start + end) // 2)
    with pytest.raises(DamagedData) as excinfo:
        backups.verify_backup(bad, school.data_key)
    assert excinfo.value.exit_code == 5
    assert "已损坏" in str(excinfo.value) and "bad.cdbak" in str(excinfo.value)
    assert "school.db" in excinfo.value.message.render("en")  # says which part is damaged


def test_a_truncated_or_foreign_file_is_damaged_not_a_crash(school, tmp_path):
    good = school_backups.create_backup(school, tmp_path / "good.cdbak")
    half = tmp_path / "half.cdbak"
    half.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DamagedData):
        backups.inspect_backup(half)
    with pytest.raises(DamagedData):
        backups.inspect_backup(school.paths.database)  # the database itself is not a backup
    with pytest.raises(UsageError):
        backups.inspect_backup(tmp_path / "missing.cdbak")


def test_restoring_a_damaged_backup_changes_nothing(school, tmp_path):
    key = school.data_key
    good = school_backups.create_backup(school, tmp_path / "good.cdbak")
    start, _ = db_member_range(good)
    bad = flipped(good, tmp_path / "bad.cdbak", start + 5000)
    paths = school.paths
    school.close()
    before = fingerprint(paths.root)
    with pytest.raises(DamagedData):
        school_backups.restore_backup(paths, bad, key, user_name="王老师")
    assert fingerprint(paths.root) == before
    assert sorted(p.name for p in paths.root.iterdir()) == sorted(before)  # no staging left


# -- automatic backups and rotation --------------------------------------------------------------
def test_rotation_over_400_days_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")
    (folder / backups.backup_file_name(dt.datetime(2024, 9, 2, 9), "manual")).touch()
    (folder / backups.backup_file_name(dt.datetime(2024, 9, 3, 9), "before-restore")).touch()
    summer = (dt.date(2025, 7, 12), dt.date(2025, 8, 31))  # the PC stays off
    kept_after_summer: set[str] = set()
    day = dt.date(2024, 9, 1)
    for _ in range(400):
        if not summer[0] <= day <= summer[1]:
            for hour, reason in ((8, "daily"), (17, "exit")):
                made = folder / backups.backup_file_name(
                    dt.datetime.combine(day, dt.time(hour)), reason
                )
                made.touch()
                backup_rotation.prune_backups(folder, protect=made)
                assert made.exists()
        if day == dt.date(2025, 9, 1):
            kept_after_summer = {p.name[:10] for p in folder.glob("*-exit.cdbak")}
        day += dt.timedelta(days=1)
    assert day == dt.date(2025, 10, 6)

    kept = sorted(p.name for p in folder.iterdir())
    expected_days = [
        *("2024-10-31", "2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31"),
        *("2025-04-30", "2025-05-31", "2025-06-30", "2025-07-11"),  # months; August had none
        *("2025-09-14", "2025-09-21", "2025-09-28"),  # ISO weeks
        *("2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04"),
        "2025-10-05",
    ]
    assert kept == sorted(
        [
            "2024-09-02T090000-manual.cdbak",
            "2024-09-03T090000-before-restore.cdbak",
            "notes.txt",
            *(f"{d}T170000-exit.cdbak" for d in expected_days),
        ]
    )
    # Days are counted among days with a backup: after the holiday, the week before it is kept.
    assert {"2025-07-06", "2025-07-07", "2025-07-08", "2025-07-11"} <= kept_after_summer


def test_automatic_backups_verify_rotate_and_make_the_daily_one_due_again(school):
    set_time = moving_clock(school, NOW)
    policy = backup_rotation.Rotation(daily=2, weekly=0, monthly=0)
    assert backup_rotation.daily_backup_due(school.paths, NOW)
    made = []
    for n in range(4):
        moment = NOW + dt.timedelta(days=n)
        set_time(moment)
        assert backup_rotation.daily_backup_due(school.paths, moment)
        result = school_backups.automatic_backup(school, "daily", policy=policy)
        assert not backup_rotation.daily_backup_due(school.paths, moment)
        made.append(result.path)
    assert sorted(p.name for p in school.paths.backups.iterdir()) == [p.name for p in made[-2:]]
    assert result.pruned == [made[1]]
    for path in made[-2:]:
        backups.verify_backup(path, school.data_key)
    assert backup_rotation.daily_backup_due(school.paths, NOW + dt.timedelta(days=4))


def test_a_backup_that_fails_verification_prunes_nothing(school, monkeypatch):
    set_time = moving_clock(school, NOW)
    for n in range(3):
        set_time(NOW + dt.timedelta(days=n))
        school_backups.automatic_backup(school, "exit", policy=backup_rotation.Rotation(1, 0, 0))
    before = fingerprint(school.paths.backups)
    assert len(before) == 1
    monkeypatch.setattr(Database, "integrity_problems", lambda self: ["page 7: HMAC failed"])
    set_time(NOW + dt.timedelta(days=9))
    with pytest.raises(DamagedData):
        school_backups.automatic_backup(school, "exit", policy=backup_rotation.Rotation(1, 0, 0))
    assert fingerprint(school.paths.backups) == before  # nothing new, nothing pruned, no temp


def test_closing_with_backup_on_makes_an_exit_backup_and_off_makes_none(school, clock):
    paths, key = school.paths, school.data_key
    school.close(backup=False)
    assert not paths.backups.exists()
    again = unlock(paths, "王老师", PASSWORD, clock=clock)
    again.backup_on_close = True
    again.close()
    (made,) = paths.backups.iterdir()
    assert made.name.endswith("-exit.cdbak")
    assert backups.verify_backup(made, key).reason == "exit"


def test_the_newest_backup_is_the_newest_that_is_intact(school, tmp_path):
    assert backup_rotation.newest_backup(school.paths) is None
    set_time = moving_clock(school, NOW - dt.timedelta(days=1))
    older = school_backups.automatic_backup(school, "daily").path
    set_time(NOW)
    newer = school_backups.automatic_backup(school, "exit").path
    assert backup_rotation.newest_backup(school.paths) == newer
    start, _ = db_member_range(newer)
    shutil.copy(flipped(newer, tmp_path / "x", start + 100), newer)
    assert backup_rotation.newest_backup(school.paths) == older


# -- restoring -----------------------------------------------------------------------------------
def test_restore_sets_the_current_files_aside_and_the_backup_unlocks(school, clock):
    add_campus(school, "备份时已有")
    source = school_backups.create_backup(school, school.paths.root.parent / "restore-me.cdbak")
    add_campus(school, "备份后才加")
    paths, key = school.paths, school.data_key

    result = school_backups.restore_backup(paths, source, key, user_name="王老师", school=school)

    assert school.db.closed
    assert result.info.checked_with_key and result.logged
    assert sorted(p.name for p in result.set_aside.iterdir()) == ["keys.json", "school.db"]
    aside = Database.open(result.set_aside / "school.db", key, read_only=True)
    try:
        assert "备份后才加" in campuses(aside)  # the replaced data is kept, not lost
    finally:
        aside.close()
    assert result.safety_backup is not None and "before-restore" in result.safety_backup.name
    with backups.opened_backup(result.safety_backup, key) as db:
        assert "备份后才加" in campuses(db)
    with unlock(paths, "王老师", PASSWORD, clock=clock) as restored:
        assert campuses(restored.db) == {"备份时已有"}
        actions = [e.action for e in restored.audit.entries()]
        assert actions[:2] == ["unlock", "restore"]
        assert restored.audit.verify().intact
    assert "已从备份" in str(result.message)


def test_restore_onto_an_empty_folder_with_the_backups_own_password(school, tmp_path, clock):
    add_campus(school, MARKER)
    source = school_backups.create_backup(school, tmp_path / "from-old-pc.cdbak")
    keys = backups.read_backup_keys(source)
    assert keys.user_names == ["王老师"]
    with pytest.raises(AuthenticationFailed):
        keys.unlock("王老师", "not-the-password")
    new_pc = SchoolPaths(tmp_path / "new-pc")

    result = school_backups.restore_backup(
        new_pc, source, keys.unlock("王老师", PASSWORD).data_key, user_name="王老师", clock=clock
    )

    assert result.set_aside is None and result.safety_backup is None
    with unlock(new_pc, "王老师", PASSWORD, clock=clock) as restored:
        assert restored.uid == school.uid
        assert MARKER in campuses(restored.db)


def test_another_schools_backup_needs_an_explicit_choice(school, other_school, tmp_path, clock):
    theirs = school_backups.create_backup(other_school, tmp_path / "theirs.cdbak")
    their_key = other_school.data_key
    paths, our_key = school.paths, school.data_key
    school.close()
    before = fingerprint(paths.root)

    with pytest.raises(UsageError) as excinfo:
        school_backups.restore_backup(paths, theirs, their_key, user_name="李老师")
    assert "另一所学校" in str(excinfo.value) and "--other-school" in str(excinfo.value)
    with pytest.raises(DamagedData) as excinfo:  # our key cannot open their database
        school_backups.restore_backup(
            paths, theirs, our_key, user_name="王老师", allow_other_school=True
        )
    assert "另一所学校" in str(excinfo.value)
    assert fingerprint(paths.root) == before

    school_backups.restore_backup(
        paths, theirs, their_key, user_name="李老师", allow_other_school=True, clock=clock
    )
    with unlock(paths, "李老师", PASSWORD, clock=clock) as restored:
        assert restored.name == "第二中学"
    assert any(paths.set_aside.iterdir())


def test_restore_audit_entry_names_the_backup_and_who(school, tmp_path):
    source = school_backups.create_backup(school, tmp_path / "b.cdbak")
    paths, key = school.paths, school.data_key
    school.close()
    later = dt.datetime(2026, 3, 2, 8, 15, tzinfo=CHINA)
    school_backups.restore_backup(paths, source, key, user_name="王老师", clock=lambda: later)
    db = Database.open(paths.database, key)
    try:
        (entry,) = AuditLog(db, audit_key(key)).entries(limit=1)
    finally:
        db.close()
    assert (entry.action, entry.user_name, entry.at) == ("restore", "王老师", later.isoformat())
    assert entry.detail["backup"] == "b.cdbak"
