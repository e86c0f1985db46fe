"""A full disk, where the output goes or where the data folder is: a message that names the file and
says what to do, the previous file and the school's data as they were, and no half-written file."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation import atomic_files
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import unlock
from tests.conftest import PASSWORD
from tests.core.filesystems import own_filesystem


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def school_data(data_dir: Path) -> tuple[str, list[str], int]:
    """What the school holds: the key file's accounts, its campuses and its intact audit trail."""
    with unlock(SchoolPaths(data_dir), "王老师", PASSWORD) as school:
        report = school.audit.verify()
        assert report.intact
        names = [row["name"] for row in school.db.query("SELECT name FROM campus ORDER BY name")]
        entries = report.entries
    return wraps_digest(data_dir / "keys.json"), names, entries


def wraps_digest(key_file: Path) -> str:
    """The key file's accounts and keys; its audit anchor moves with every unlock."""
    document = json.loads(key_file.read_text(encoding="utf-8"))
    return hashlib.sha256(json.dumps(document["wraps"], sort_keys=True).encode()).hexdigest()


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def todays_backup_exists(data_dir: Path) -> None:
    """So that no daily backup is made on unlock: each test makes the one write it is about."""
    folder = data_dir / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / f"{dt.datetime.now():%Y-%m-%dT%H%M%S}-daily.cdbak").write_bytes(b"placeholder")


def school_with_a_campus(template: SchoolPaths, folder: Path) -> Path:
    shutil.copytree(template.root, folder)
    with unlock(SchoolPaths(folder), "王老师", PASSWORD) as school, school.db.transaction():
        school.db.execute("INSERT INTO campus (name) VALUES ('东校区')")
    todays_backup_exists(folder)
    return folder


@pytest.fixture
def data_dir(school_template, tmp_path: Path, cli_env) -> Path:
    return school_with_a_campus(school_template[0], tmp_path / "data")


# -- simulated: the output's disk fills up just as the file is finished -----------------------
@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def output_disk_full(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``out`` is another disk (a USB stick), on which fsync finds no space for what was written."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        written = os.fstat(fd)
        if any(os.stat(p).st_ino == written.st_ino for p in out.iterdir()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(atomic_files, "_same_disk", lambda a, b: False)


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["backup", "-o"], id="backup"),
        pytest.param(["report", "schedule", "--week", "2025-10-13", "-o"], id="report"),
        pytest.param(["export", "-o"], id="export"),
        pytest.param(["template", "-o"], id="template"),
    ],
)
def test_a_full_output_disk_leaves_the_previous_file_and_no_partial_one(
    data_dir, out, capsys, output_disk_full, command
):
    previous = out / "output.file"
    previous.write_bytes(b"the previous, good file")
    before = school_data(data_dir)

    assert main(["--data-dir", str(data_dir), *command, str(previous)]) == 1
    err = capsys.readouterr().err
    assert f"无法写入 {previous}：磁盘已满" in err and "请腾出磁盘空间" in err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert previous.read_bytes() == b"the previous, good file"
    assert files_under(out) == ["output.file"]
    assert not (data_dir / ".staging").exists()
    assert school_data(data_dir)[:2] == before[:2]


def test_the_full_disk_is_said_in_english_too(data_dir, out, capsys, output_disk_full):
    target = out / "b.cdbak"
    assert main(["--lang", "en", "--data-dir", str(data_dir), "backup", "-o", str(target)]) == 1
    assert f"Cannot write {target}: the disk is full" in capsys.readouterr().err


# -- real: a tiny filesystem ---------------------------------------------------------------------
@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with own_filesystem(tmp_path / "tiny", "1536k") as disk:
        yield disk


def fill(disk: Path, leave: int = 0) -> None:
    """Fill the disk up to ``leave`` bytes free."""
    with (disk / "filler").open("ab") as filler:
        while (free := shutil.disk_usage(disk).free) > leave:
            try:
                filler.write(b"\0" * min(free - leave, 1 << 16))
                filler.flush()
            except OSError:
                break


def test_a_backup_onto_a_full_stick_keeps_the_previous_backup(data_dir, tiny_disk, capsys):
    previous = tiny_disk / "school.cdbak"
    assert main(["--data-dir", str(data_dir), "backup", "-o", str(previous)]) == 0
    old = digest(previous)
    fill(tiny_disk)
    capsys.readouterr()

    assert main(["--data-dir", str(data_dir), "backup", "-o", str(previous)]) == 1
    err = capsys.readouterr().err
    assert f"无法写入 {previous}：磁盘已满" in err and "Traceback" not in err
    assert digest(previous) == old
    assert files_under(tiny_disk) == ["filler", "school.cdbak"]


def test_a_full_data_folder_says_so_and_loses_nothing(
    school_template, tiny_disk, tmp_path, cli_env, capsys
):
    data_dir = school_with_a_campus(school_template[0], tiny_disk / "school")
    before = school_data(data_dir)
    database_size = (data_dir / "school.db").stat().st_size
    fill(tiny_disk, leave=database_size // 2)  # room to open, not for a copy of the database

    assert main(["--data-dir", str(data_dir), "backup", "-o", str(tmp_path / "b.cdbak")]) == 1
    err = capsys.readouterr().err
    assert "磁盘已满" in err and str(data_dir) in err and "Traceback" not in err
    assert not (tmp_path / "b.cdbak").exists()
    assert not (data_dir / ".staging").exists()
    keys = digest(data_dir / "keys.json")

    fill(tiny_disk)  # now not a byte left
    assert main(["--data-dir", str(data_dir), "users", "add", "赵主任"]) == 1
    err = capsys.readouterr().err
    assert "磁盘已满" in err and "Traceback" not in err
    assert digest(data_dir / "keys.json") == keys

    (tiny_disk / "filler").unlink()  # space again: everything is there, the account is not
    after = school_data(data_dir)
    assert after[:2] == before[:2] and after[2] >= before[2]
    assert main(["--data-dir", str(data_dir), "users", "list"]) == 0
    assert "赵主任" not in capsys.readouterr().out
