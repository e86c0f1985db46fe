"""Where output may go: a regular file, or a new name in a folder that exists. Nothing else is ever
replaced (a device, a pipe, a folder), and a missing folder (a USB stick that is not plugged in) is
never made on the local disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation.atomic_files import (
    check_output_target,
    write_bytes_atomic,
    write_with,
)
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage import backup_rotation

POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="devices, pipes and links are POSIX here")


@pytest.fixture
def data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


# Every command that writes a file the person names, with where the name goes.
OUTPUT_COMMANDS = [
    pytest.param(lambda out: ["export", "-o", out], id="export"),
    pytest.param(lambda out: ["template", "-o", out], id="template"),
    pytest.param(lambda out: ["backup", "-o", out], id="backup"),
    pytest.param(
        lambda out: ["report", "schedule", "--week", "2025-10-13", "-o", out], id="report"
    ),
    pytest.param(lambda out: ["bundle", "export-key", "-o", out], id="bundle-export-key"),
]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_a_folder_that_does_not_exist_is_never_made(data_dir, tmp_path, capsys, command):
    missing = tmp_path / "media" / "usb"
    assert main(command(str(missing / "school.out"))) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "不存在" in err and "U 盘" in err
    assert not (tmp_path / "media").exists()


def test_the_missing_folder_is_said_in_english_too(data_dir, tmp_path, capsys):
    assert main(["--lang", "en", "backup", "-o", str(tmp_path / "usb" / "school.cdbak")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("command", [c for c in OUTPUT_COMMANDS if c.id != "backup"])
def test_an_existing_folder_is_not_an_output_file(data_dir, tmp_path, capsys, command):
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(command(str(folder))) == 2
    assert "是一个文件夹" in capsys.readouterr().err
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_backup_into_an_existing_folder_gets_a_name_there(data_dir, tmp_path, capsys):
    folder = tmp_path / "usb"
    folder.mkdir()
    assert main(["backup", "-o", str(folder)]) == 0
    assert [p.suffix for p in folder.iterdir()] == [".cdbak"]


@POSIX_ONLY
@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_a_device_is_never_replaced_by_a_file(data_dir, tmp_path, capsys, command):
    link = tmp_path / "looks-like-a-file.pdf"
    link.symlink_to(os.devnull)
    for target in (Path(os.devnull), link):
        assert main(command(str(target))) == 2
        assert "不是普通文件" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert link.is_symlink()


@POSIX_ONLY
def test_a_pipe_and_a_broken_link_are_refused(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "nowhere")
    for target in (pipe, broken):
        with pytest.raises(UsageError, match="不是普通文件"):
            write_bytes_atomic(target, b"data")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and broken.is_symlink()


def test_a_file_inside_a_file_is_refused_clearly(tmp_path):
    a_file = tmp_path / "report.pdf"
    a_file.write_bytes(b"%PDF")
    with pytest.raises(UsageError, match="不是文件夹"):
        check_output_target(a_file / "x.pdf")
    with pytest.raises(UsageError, match="不是文件夹"):
        check_output_target(a_file / "deeper" / "x.pdf")


def test_a_regular_file_is_replaced_and_stays_private(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    write_with(target, lambda temp: temp.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary file left


def test_the_program_still_makes_its_own_folders(data_dir, tmp_path, capsys):
    """The data folder's subfolders are the program's to make: here the backup folder, made for
    the first unlock's daily backup."""
    assert not (data_dir / "backups").exists()
    assert main(["audit", "verify"]) == 0
    assert backup_rotation.list_backups(SchoolPaths(data_dir))


def test_a_bundle_is_opened_into_a_new_folder_only_inside_one_that_exists(tmp_path, capsys):
    assert (
        main(["district", "open", "x.zip", "--key", str(tmp_path), "-o", str(tmp_path / "a" / "b")])
        == 2
    )
    assert "不存在" in capsys.readouterr().err and not (tmp_path / "a").exists()


def test_a_leftover_part_file_of_a_killed_write_is_swept_by_the_next_write(tmp_path):
    target = tmp_path / "report.pdf"
    leftover = tmp_path / ".report.pdf.abc123.part"
    leftover.write_bytes(b"half a report")
    unrelated = tmp_path / ".other.pdf.abc123.part"
    unrelated.write_bytes(b"someone else's")
    write_bytes_atomic(target, b"whole report")
    assert not leftover.exists() and unrelated.exists()
    assert target.read_bytes() == b"whole report"


@POSIX_ONLY
def test_a_part_file_being_written_by_another_process_is_left_alone(tmp_path):
    import fcntl

    target = tmp_path / "report.pdf"
    busy = tmp_path / ".report.pdf.busy99.part"
    busy.write_bytes(b"being written")
    with busy.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_bytes_atomic(target, b"whole report")
        assert busy.exists()
