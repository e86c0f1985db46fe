"""Backups that tell how far they are and stop when asked: making, verifying, and restoring up to
the moment the files are replaced. A stopped backup leaves no file and no audit entry; a stopped
restore leaves the live data byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.progress import Cancelled
from counselor_app.school import backups as school_backups
from counselor_app.school.core import School
from counselor_app.storage import backup_rotation, backups
from counselor_app.storage.backups import (
    ARCHIVE,
    BACKUP_PHASES,
    CHECK,
    READ,
    REPLACE,
    RESTORE_PHASES,
    SAFETY_BACKUP,
    SNAPSHOT,
    VERIFY,
    VERIFY_PHASES,
)
from tests.conftest import NOW
from tests.core.test_backups import add_campus, campuses, fingerprint, moving_clock


class Follow:
    """A caller's ``progress(phase)``: writes down what it is told, and answers ``False`` the
    ``nth`` time ``stop_at`` is asked (1: as the phase begins)."""

    def __init__(self, stop_at: str | None = None, nth: int = 1) -> None:
        self.stop_at, self.nth = stop_at, nth
        self.calls: list[str] = []

    def __call__(self, phase: str) -> bool:
        self.calls.append(phase)
        return not (phase == self.stop_at and self.calls.count(phase) == self.nth)

    def phases(self) -> list[str]:
        """The phases in the order they began (a phase asked again between chunks counts once)."""
        return [p for i, p in enumerate(self.calls) if i == 0 or self.calls[i - 1] != p]


class AfterTheCheck(Follow):
    """Answers ``False`` at the first question after the ``checks``-th reopening and check of a
    backup: for a backup being made, the last question before the file gets its name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, checks: int = 1) -> None:
        super().__init__()
        self.checked = False
        real = backups._check_unpacked
        done = [0]

        def check(*args: object) -> backups.BackupInfo:
            info = real(*args)  # type: ignore[arg-type]
            done[0] += 1
            self.checked = self.checked or done[0] == checks
            return info

        monkeypatch.setattr(backups, "_check_unpacked", check)

    def __call__(self, phase: str) -> bool:
        self.calls.append(phase)
        return not self.checked


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies in 4 KiB chunks, so even an empty school's database is asked about between them."""
    monkeypatch.setattr(backups, "_CHUNK", 4096)


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where ``tempfile`` puts the snapshot and the unpacked copies during the test."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def audit_trail(school: School) -> list[object]:
    return list(school.audit.entries(limit=10_000))


# -- making a backup -----------------------------------------------------------------------------
@pytest.fixture
def backup_folder(school: School) -> Path:
    """The school's backup folder with an earlier backup and a file of someone else's in it."""
    set_time = moving_clock(school, NOW - dt.timedelta(days=1))
    school_backups.automatic_backup(school, backups.DAILY)
    set_time(NOW)
    (school.paths.backups / "说明.txt").write_text("U 盘里还有一份", encoding="utf-8")
    return school.paths.backups


def test_a_backup_tells_its_phases_in_order_and_asks_between_chunks(school, tmp_path):
    add_campus(school, "东校区")
    follow = Follow()
    path = school_backups.create_backup(school, tmp_path / "b.cdbak", progress=follow)
    assert follow.phases() == list(BACKUP_PHASES)
    assert follow.calls.count(SNAPSHOT) == 1  # one step of SQLite's
    assert follow.calls.count(ARCHIVE) > 3 and follow.calls.count(VERIFY) > 3  # between chunks
    assert backups.verify_backup(path, school.data_key).checked_with_key


def test_an_answer_of_none_goes_on(school, tmp_path):
    calls: list[str] = []
    assert school_backups.create_backup(
        school, tmp_path / "b.cdbak", progress=calls.append
    ).exists()
    assert calls


def cancel_backup(
    school: School, folder: Path, temporary: Path, progress: Callable[[str], bool]
) -> Cancelled:
    """Make a backup that ``progress`` stops; check that it left nothing anywhere."""
    folder_before, trail_before = fingerprint(folder), audit_trail(school)
    with pytest.raises(Cancelled) as excinfo:
        school_backups.create_backup(school, folder, backups.MANUAL, progress=progress)
    assert isinstance(excinfo.value, CounselorError)
    assert str(excinfo.value) == "已取消备份，没有生成备份文件。"
    assert "cancelled" in excinfo.value.message.render("en")
    assert fingerprint(folder) == folder_before  # names and bytes
    assert audit_trail(school) == trail_before
    assert list(temporary.iterdir()) == []  # no snapshot or unpacked copy left
    assert school_backups.create_backup(school, folder).exists()  # and the next backup is made
    return excinfo.value


@pytest.mark.parametrize(
    ("phase", "nth"),
    [(SNAPSHOT, 1), (ARCHIVE, 1), (ARCHIVE, 3), (VERIFY, 1), (VERIFY, 3)],
    ids=lambda value: str(value),
)
def test_a_cancelled_backup_leaves_no_file_and_no_audit_entry(
    school, backup_folder, temporary_folder, phase, nth
):
    follow = Follow(phase, nth)
    cancel_backup(school, backup_folder, temporary_folder, follow)
    assert follow.calls[-1] == phase and follow.calls.count(phase) == nth  # stopped there


def test_a_backup_cancelled_after_its_check_still_gets_no_name(
    school, backup_folder, temporary_folder, monkeypatch
):
    follow = AfterTheCheck(monkeypatch)
    cancel_backup(school, backup_folder, temporary_folder, follow)
    assert follow.checked and follow.calls[-1] == VERIFY


@pytest.mark.parametrize("phase", BACKUP_PHASES)
def test_a_cancelled_automatic_backup_prunes_nothing(school, temporary_folder, phase):
    set_time = moving_clock(school, NOW)
    policy = backup_rotation.Rotation(daily=1, weekly=0, monthly=0)
    school_backups.automatic_backup(school, backups.EXIT, policy=policy)
    before = fingerprint(school.paths.backups)
    set_time(NOW + dt.timedelta(days=3))  # a new backup would have the old one pruned

    with pytest.raises(Cancelled):
        school_backups.automatic_backup(school, backups.EXIT, policy=policy, progress=Follow(phase))

    assert fingerprint(school.paths.backups) == before
    assert list(temporary_folder.iterdir()) == []


# -- verifying -----------------------------------------------------------------------------------
def test_verifying_tells_its_phases_and_stops_leaving_the_backup_as_it_was(
    school, tmp_path, temporary_folder
):
    path = school_backups.create_backup(school, tmp_path / "b.cdbak")
    follow = Follow()
    assert backups.verify_backup(path, school.data_key, progress=follow).checked_with_key
    assert follow.phases() == list(VERIFY_PHASES)
    before = path.read_bytes()

    for phase, nth in [(READ, 1), (READ, 3), (CHECK, 1)]:
        with pytest.raises(Cancelled) as excinfo:
            backups.verify_backup(path, school.data_key, progress=Follow(phase, nth))
        assert str(excinfo.value) == "已取消验证备份，备份文件没有改动。"
        assert path.read_bytes() == before
        assert list(temporary_folder.iterdir()) == []


# -- restoring -----------------------------------------------------------------------------------
def restore(school: School, source: Path, progress: Follow) -> school_backups.RestoreResult:
    return school_backups.restore_backup(
        school.paths, source, school.data_key, user_name="王老师", school=school, progress=progress
    )


def live_data(school: School) -> dict[str, str]:
    """Every file in the school's folder by SHA-256, backups included, but SQLite's shared-memory
    index: a reader updates its read marks there; it holds no data."""
    return {
        name: digest
        for name, digest in fingerprint(school.paths.root).items()
        if not name.endswith("-shm")
    }


def test_a_restore_tells_its_phases_in_order_and_nothing_once_replacing(school, tmp_path, clock):
    source = school_backups.create_backup(school, tmp_path / "b.cdbak")
    paths, key = school.paths, bytes(school.data_key)
    follow = Follow()
    result = restore(school, source, follow)
    assert follow.phases() == list(RESTORE_PHASES)
    assert follow.calls[-1] == REPLACE and follow.calls.count(REPLACE) == 1
    assert result.safety_backup is not None and result.safety_backup.exists()

    closed = Follow()  # no open school: no safety backup
    school_backups.restore_backup(
        paths, source, key, user_name="王老师", clock=clock, progress=closed
    )
    assert closed.phases() == [READ, CHECK, REPLACE]


@pytest.mark.parametrize(
    ("phase", "nth"),
    [(READ, 1), (READ, 3), (CHECK, 1), (SAFETY_BACKUP, 1), (SAFETY_BACKUP, 4), (REPLACE, 1)],
    ids=lambda value: str(value),
)
def test_a_restore_cancelled_before_the_swap_leaves_the_live_data_byte_identical(
    school, tmp_path, temporary_folder, phase, nth
):
    add_campus(school, "备份时已有")
    source = school_backups.create_backup(school, tmp_path / "b.cdbak")
    add_campus(school, "备份后才加")
    school.db.checkpoint()  # the data in the database file itself, to compare byte for byte
    before, trail_before = live_data(school), audit_trail(school)

    follow = Follow(phase, nth)
    with pytest.raises(Cancelled) as excinfo:
        restore(school, source, follow)

    assert str(excinfo.value) == "已取消恢复，本校的数据没有任何改动。"
    assert follow.calls[-1] == phase and follow.calls.count(phase) == nth
    # The database, the key file and the backups (no safety backup left): names and bytes.
    assert live_data(school) == before
    assert audit_trail(school) == trail_before
    assert not school.db.closed
    assert campuses(school.db) == {"备份时已有", "备份后才加"}
    assert list(temporary_folder.iterdir()) == []
    # Nothing is in the way of doing it for real.
    result = restore(school, source, Follow())
    assert school.db.closed and result.set_aside is not None and result.logged


def test_a_safety_backup_stopped_after_its_check_leaves_nothing_either(
    school, tmp_path, temporary_folder, monkeypatch
):
    source = school_backups.create_backup(school, tmp_path / "b.cdbak")
    school.db.checkpoint()
    before, trail_before = live_data(school), audit_trail(school)
    # The restore checks the backup first; the safety backup's own check is the second.
    follow = AfterTheCheck(monkeypatch, checks=2)
    with pytest.raises(Cancelled):
        restore(school, source, follow)
    assert follow.calls[-1] == SAFETY_BACKUP and REPLACE not in follow.calls
    assert live_data(school) == before and audit_trail(school) == trail_before
    assert not school.db.closed
    assert list(temporary_folder.iterdir()) == []
