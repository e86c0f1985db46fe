"""Copies of the database and key file made while backing up, checking and restoring stay in the
school's own data folder, are removed on every exit path, and what a killed process left is swept
at the next unlock; after a restore the files are as private as before."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import counselor_app
from counselor_app.cli import main
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school import backups as school_backups
from counselor_app.school.core import School, open_school
from counselor_app.storage import backups, staging
from tests.conftest import PASSWORD
from tests.core.filesystems import own_filesystem

WORKTREE = Path(counselor_app.__file__).resolve().parents[1]
MARKER = "蒲公英ZQX7分校"  # a campus name: never to be found in plaintext in any file
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="file modes and SIGKILL are POSIX")


def all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def files_holding(folder: Path, needle: bytes) -> set[Path]:
    return {p for p in all_files(folder) if needle in p.read_bytes()}


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder, private to the test, to see what is put there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def add_campus(school: School, name: str) -> None:
    with school.db.transaction():
        school.db.execute("INSERT INTO campus (name) VALUES (?)", (name,))


# -- nothing in the temporary folder, at any moment ---------------------------------------------
def test_backing_up_checking_and_restoring_put_nothing_in_the_temp_folder(
    school, tmp_path, private_temp
):
    add_campus(school, MARKER)
    seen: list[tuple[str, list[Path], int]] = []

    def look(phase: str) -> None:
        work = sorted(school.paths.staging.rglob("*")) if school.paths.staging.exists() else []
        mode = stat.S_IMODE(school.paths.staging.stat().st_mode) if work else 0o700
        seen.append((phase, sorted(private_temp.rglob("*")), mode))

    made = school_backups.create_backup(school, tmp_path / "copy.cdbak", progress=look)
    backups.verify_backup(made, school.data_key, progress=look)
    backups.verify_backup(made, school.data_key, progress=look, paths=school.paths)
    with backups.opened_backup(made, school.data_key, paths=school.paths) as db:
        assert db.scalar("SELECT name FROM campus") == MARKER
    school_backups.restore_backup(
        school.paths, made, school.data_key, user_name="王老师", school=school, progress=look
    )
    assert {phase for phase, _, _ in seen} >= {"snapshot", "archive", "verify", "read", "check"}
    assert all(found == [] for _, found, _ in seen), [s for s in seen if s[1]]
    if os.name != "nt":
        assert all(mode == 0o700 for _, _, mode in seen)
    assert list(private_temp.iterdir()) == []
    assert not school.paths.staging.exists()
    assert not (tmp_path / ".staging").exists()  # the check beside the backup cleaned up too
    assert files_holding(tmp_path, MARKER.encode()) == set()


def test_a_failed_backup_leaves_no_copy_behind(school, tmp_path, private_temp, monkeypatch):
    def broken(*args, **kwargs):
        raise backups.DamagedData(backups.BACKUP_DAMAGED(path="x", reason="test"))

    monkeypatch.setattr(backups, "_check_unpacked", broken)
    with pytest.raises(backups.DamagedData):
        school_backups.create_backup(school, tmp_path / "copy.cdbak")
    assert not school.paths.staging.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school", "tmp"]
    assert list(private_temp.iterdir()) == []


# -- what a killed process leaves is swept -------------------------------------------------------
def abandoned_work_folder(area: Path) -> Path:
    """What a process killed in the middle leaves: a work folder whose lock nobody holds."""
    area.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=area))
    (folder / staging.LOCK_NAME).write_bytes(b"")
    (folder / "school.db").write_bytes(b"an encrypted copy")
    return folder


def test_the_next_unlock_sweeps_what_a_killed_backup_left(school, clock):
    paths, key = school.paths, school.data_key
    school.close()
    left = abandoned_work_folder(paths.staging)
    with open_school(paths, "王老师", key, clock=clock):
        assert not left.exists()
        assert not paths.staging.exists()


def test_a_work_folder_in_use_is_never_swept(school, tmp_path):
    with staging.work_folder(school.paths.staging) as busy:
        (busy / "school.db").write_bytes(b"in use")
        left = abandoned_work_folder(school.paths.staging)
        removed = staging.sweep(school.paths.staging)
        assert removed == [left]
        assert (busy / "school.db").exists()
        school_backups.create_backup(school, tmp_path / "copy.cdbak")  # sweeps before, not this one
        assert (busy / "school.db").exists()
    assert not school.paths.staging.exists()


# -- restore: as private as before ---------------------------------------------------------------
@POSIX_ONLY
def test_after_a_restore_the_files_are_owner_only(school, tmp_path):
    made = school_backups.create_backup(school, tmp_path / "copy.cdbak")
    os.chmod(school.paths.root, 0o755)  # even a folder someone opened up is closed again
    old_umask = os.umask(0o022)
    try:
        school_backups.restore_backup(
            school.paths, made, school.data_key, user_name="王老师", school=school
        )
    finally:
        os.umask(old_umask)
    paths = school.paths
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700


@POSIX_ONLY
def test_restoring_onto_a_new_pc_gives_owner_only_files(school, tmp_path):
    made = school_backups.create_backup(school, tmp_path / "copy.cdbak")
    paths = SchoolPaths(tmp_path / "new-pc" / "school")
    old_umask = os.umask(0o022)
    try:
        school_backups.restore_backup(paths, made, school.data_key, user_name="王老师")
    finally:
        os.umask(old_umask)
    for path, mode in ((paths.database, 0o600), (paths.key_file, 0o600), (paths.root, 0o700)):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


# -- a real kill in the middle of `counselor-app backup` -----------------------------------------
PAUSING_BACKUP = """
import sys, threading
from pathlib import Path
from counselor_app import cli
from counselor_app.school import backups as school_backups
from counselor_app.storage import backups

phase, nth, marker = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
real = school_backups.create_backup


def create_backup(school, target, reason=backups.MANUAL, *, progress=None):
    calls = []

    def pause_there(current):
        calls.append(current)
        if current == phase and calls.count(current) == nth:
            marker.write_text("paused")  # the test kills the process now
            threading.Event().wait()

    return real(school, target, reason, progress=pause_there)


school_backups.create_backup = create_backup
sys.exit(cli.main(sys.argv[4:]))
"""


@pytest.fixture(scope="module")
def biggish_school(tmp_path_factory: pytest.TempPathFactory, school_template) -> Path:
    """About 3 MB: the copies are made in several chunks, so a kill can land between them."""
    template, key = school_template
    folder = tmp_path_factory.mktemp("biggish") / "data"
    shutil.copytree(template.root, folder)
    with open_school(SchoolPaths(folder), "王老师", key, check_integrity=False) as school:
        add_campus(school, MARKER)
        with school.db.transaction():
            school.db.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
                " INSERT INTO setting (key, value) SELECT 'filler-' || i, json_quote(hex(randomblob(1000)))"
                " FROM n"
            )
    # Today's daily backup exists, so the command makes only the backup it is asked for.
    backups_dir = folder / "backups"
    backups_dir.mkdir(mode=0o700)
    (backups_dir / f"{dt.datetime.now():%Y-%m-%dT%H%M%S}-daily.cdbak").write_bytes(b"placeholder")
    return folder


@pytest.fixture
def killing(tmp_path: Path, biggish_school: Path, monkeypatch) -> Iterator[dict[str, Path]]:
    places = {
        "data": tmp_path / "data",
        "tmp": tmp_path / "tmp",
        "usb": tmp_path / "usb",
        "ctl": tmp_path / "ctl",
    }
    shutil.copytree(biggish_school, places["data"])
    for name in ("tmp", "usb", "ctl"):
        places[name].mkdir()
    (places["ctl"] / "pausing_backup.py").write_text(PAUSING_BACKUP, encoding="utf-8")
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_LOG_DIR", str(places["ctl"] / "log"))
    monkeypatch.delenv("COUNSELOR_USER", raising=False)
    yield places


def kill_backup_at(places: dict[str, Path], target: Path, phase: str, nth: int) -> None:
    """Run ``counselor-app backup`` in a process of its own, with its own temporary folder; kill it
    (SIGKILL) once it says, through a file, that it has reached ``phase`` for the ``nth`` time."""
    marker = places["ctl"] / "paused"
    env = {
        **os.environ,
        "PYTHONPATH": str(WORKTREE),
        "TMPDIR": str(places["tmp"]),
        "TEMP": str(places["tmp"]),
        "TMP": str(places["tmp"]),
    }
    script = places["ctl"] / "pausing_backup.py"
    argv = [str(phase), str(nth), str(marker), "--data-dir", str(places["data"])]
    process = subprocess.Popen(
        [sys.executable, str(script), *argv, "backup", "-o", str(target)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        while not marker.exists():
            try:
                out, err = process.communicate(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the backup ended before {phase} #{nth}: {out!r} {err!r}")
    finally:
        process.kill()
        process.wait()
    marker.unlink()


def chunks(places: dict[str, Path]) -> int:
    """How many pieces the database is copied in (each followed by a progress question)."""
    count = -(-(places["data"] / "school.db").stat().st_size // backups._CHUNK)
    assert count >= 2, "the school must be big enough to be copied in several chunks"
    return count


# When to pause, by the progress questions asked so far of that phase. ARCHIVE: its start, one per
# chunk hashed, one per chunk copied into the archive. VERIFY: its start, one per chunk of the
# database unpacked, one for the key file, the check, and the last one before the file is named.
PAUSES = {
    "snapshot-made": ("archive", lambda n: 1),
    "archive-half-written": ("archive", lambda n: 1 + n + n // 2),
    "check-half-unpacked": ("verify", lambda n: 1 + n // 2),
    "checked-not-yet-named": ("verify", lambda n: n + 4),
}
# What the work folders then hold besides their locks (the snapshot; the archive being written;
# the database being unpacked for the check).
STAGED = {
    "snapshot-made": ["school.db"],
    "archive-half-written": [".part", "school.db"],
    "check-half-unpacked": [".part", "school.db", "school.db"],
    "checked-not-yet-named": [".part", "school.db"],
}


def leftovers(places: dict[str, Path], before: set[Path]) -> set[Path]:
    """Files the killed process added anywhere, but in the data folder's staging area."""
    staging_area = places["data"] / ".staging"
    ctl = places["ctl"]
    return {
        p
        for p in all_files(places["data"].parent) - before
        if staging_area not in p.parents
        and ctl not in p.parents
        and p.name not in ("school.db-wal", "school.db-shm")
    }


@POSIX_ONLY
@pytest.mark.parametrize("pause", PAUSES)
def test_a_killed_backup_leaves_no_copy_but_in_the_staging_area_which_goes_next_time(
    killing, pause, capsys
):
    places = killing
    phase, nth = PAUSES[pause]
    key_file = (places["data"] / "keys.json").read_bytes()
    before = all_files(places["data"].parent)

    kill_backup_at(places, places["usb"] / "school.cdbak", phase, nth(chunks(places)))

    assert list(places["tmp"].iterdir()) == []
    assert list(places["usb"].iterdir()) == []
    assert leftovers(places, before) == set()
    staged = all_files(places["data"] / ".staging")
    kinds = sorted(".part" if p.suffix == ".part" else p.name for p in staged)
    assert [k for k in kinds if k != staging.LOCK_NAME] == STAGED[pause]
    assert files_holding(places["data"].parent, MARKER.encode()) == set()
    copies_of_the_key_file = files_holding(places["data"].parent, key_file)
    assert copies_of_the_key_file - {places["data"] / "keys.json"} <= staged

    assert main(["--data-dir", str(places["data"]), "users", "list"]) == 0  # the next unlock
    assert not (places["data"] / ".staging").exists()
    # The unlock moved the audit anchor in the key file, so look for what never changes in it:
    # the wrapped keys.
    wrapped = json.loads(key_file)["wraps"][0]["wrapped"].encode()
    assert files_holding(places["data"].parent, wrapped) == {places["data"] / "keys.json"}
    assert main(["--data-dir", str(places["data"]), "backup", "-o", str(places["usb"])]) == 0
    assert len(list(places["usb"].iterdir())) == 1


@POSIX_ONLY
def test_a_backup_killed_at_an_unchosen_moment_leaves_nothing_outside_the_data_folder(
    killing, capsys
):
    """No pause: killed as soon as its work folder shows, wherever it then is."""
    places = killing
    before = all_files(places["data"].parent)
    env = {**os.environ, "PYTHONPATH": str(WORKTREE), "TMPDIR": str(places["tmp"])}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "counselor_app",
            "--data-dir",
            str(places["data"]),
            "backup",
            "-o",
            str(places["usb"] / "school.cdbak"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staging_area = places["data"] / ".staging"
        while process.poll() is None and not any(staging_area.rglob("school.db")):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.01)
    finally:
        process.kill()
        process.wait()
    assert list(places["tmp"].iterdir()) == []
    assert leftovers(places, before) <= {places["usb"] / "school.cdbak"}  # done, or nothing
    assert main(["--data-dir", str(places["data"]), "users", "list"]) == 0
    assert not (places["data"] / ".staging").exists()


@pytest.fixture
def usb_stick(tmp_path: Path) -> Iterator[Path]:
    """Another disk for the target."""
    with own_filesystem(tmp_path / "stick", "32m") as stick:
        yield stick


@POSIX_ONLY
def test_a_backup_to_another_disk_killed_half_way_is_swept_at_the_next_unlock(
    killing, usb_stick, capsys
):
    places = killing
    phase, nth = PAUSES["archive-half-written"]
    kill_backup_at(places, usb_stick / "school.cdbak", phase, nth(chunks(places)))
    half_written = [p.name for p in usb_stick.iterdir()]
    assert len(half_written) == 1 and half_written[0].endswith(".part")  # written beside it

    assert main(["--data-dir", str(places["data"]), "users", "list"]) == 0
    assert list(usb_stick.iterdir()) == []
    assert not (places["data"] / ".staging").exists()
