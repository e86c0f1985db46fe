"""Damaged data on the command line: exit 5 with a message that says what is damaged, that the file
was not changed and which backup to restore; never a traceback, never a file written over."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage import backup_rotation
from tests.conftest import PASSWORD, make_school

SQLCIPHER_HEADER = 16  # the salt; everything after it is pages, each with its own HMAC


@pytest.fixture(scope="module")
def small_school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small school with records in most tables, made once for the module."""
    paths = SchoolPaths(tmp_path_factory.mktemp("small") / "school")
    created = make_school(paths)
    with created.school as school:
        generate_demo_school(school, students=50, seed=3)
    return paths.root


def copy_of(school: Path, target: Path) -> Path:
    shutil.copytree(school, target)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.err


def test_100_random_byte_flips_end_in_exit_5_and_leave_the_file_as_it_was(
    small_school, tmp_path, cli_env, capsys
):
    rng = random.Random(20251016)
    size = (small_school / "school.db").stat().st_size
    outcomes: dict[int, int] = {}
    for attempt in range(100):
        data_dir = copy_of(small_school, tmp_path / f"flip{attempt}")
        database = data_dir / "school.db"
        damaged = bytearray(database.read_bytes())
        offset = rng.randrange(SQLCIPHER_HEADER, size)
        damaged[offset] ^= 1 << rng.randrange(8)
        database.write_bytes(bytes(damaged))
        second = (
            ["report", "schedule", "--week", "2025-10-13", "-o", str(tmp_path / "room.pdf")]
            if attempt % 2
            else ["audit", "verify"]
        )
        for command in (["export", "-o", str(tmp_path / "all.xlsx")], second):
            code, err = run(capsys, "--data-dir", str(data_dir), *command)
            where = f"offset {offset}, {command[0]}"
            assert code in (0, 5), f"{where}: exit {code}\n{err}"
            assert "Traceback" not in err, where
            outcomes[code] = outcomes.get(code, 0) + 1
            if code == 5:
                assert str(database) in err, where
                assert "没有被改动" in err, where
        assert database.read_bytes() == bytes(damaged), f"offset {offset}: the file was changed"
        shutil.rmtree(data_dir)
    # Every page carries an HMAC, so a flipped byte anywhere past the salt is found.
    assert outcomes.get(5, 0) >= 190, outcomes


def test_damage_found_at_unlock_names_the_newest_good_backup(
    small_school, tmp_path, cli_env, capsys
):
    data_dir = copy_of(small_school, tmp_path / "school")
    assert (
        run(capsys, "--data-dir", str(data_dir), "backup", "-o", str(data_dir / "backups"))[0] == 0
    )
    newest = backup_rotation.list_backups(SchoolPaths(data_dir))[0]
    database = data_dir / "school.db"
    damaged = bytearray(database.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    database.write_bytes(bytes(damaged))

    code, err = run(capsys, "--data-dir", str(data_dir), "users", "list")
    assert code == 5
    assert str(database) in err and str(newest) in err

    code, err = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "--lang",
        "en",
        "export",
        "-o",
        str(tmp_path / "x.xlsx"),
    )
    assert code == 5
    assert "is damaged" in err and "the file was not changed" in err and str(newest) in err


def test_a_write_to_a_damaged_database_is_refused_with_exit_5(
    small_school, tmp_path, cli_env, capsys, monkeypatch
):
    data_dir = copy_of(small_school, tmp_path / "school")
    database = data_dir / "school.db"
    damaged = bytearray(database.read_bytes())
    damaged[len(damaged) // 3] ^= 0x80
    database.write_bytes(bytes(damaged))
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", "another-password-9")
    code, err = run(capsys, "--data-dir", str(data_dir), "users", "add", "赵主任")
    assert code == 5
    assert "Traceback" not in err and str(database) in err
    assert database.read_bytes() == bytes(damaged)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated-mid-page"),
        pytest.param(lambda data: data[: 4096 * 3], id="truncated-at-a-page"),
        pytest.param(lambda data: data[:1000], id="shorter-than-a-page"),
        pytest.param(lambda data: os.urandom(len(data)), id="garbage"),
        pytest.param(lambda data: bytes(len(data)), id="zeros"),
    ],
)
def test_an_unopenable_database_is_damage_and_is_never_written_over(
    small_school, tmp_path, cli_env, capsys, spoil
):
    data_dir = copy_of(small_school, tmp_path / "school")
    assert (
        run(capsys, "--data-dir", str(data_dir), "backup", "-o", str(data_dir / "backups"))[0] == 0
    )
    newest = backup_rotation.list_backups(SchoolPaths(data_dir))[0]
    database = data_dir / "school.db"
    spoiled = spoil(database.read_bytes())
    database.write_bytes(spoiled)
    stamp = 1_700_000_000_000_000_000
    os.utime(database, ns=(stamp, stamp))

    for command in (
        ["users", "list"],
        ["export", "-o", str(tmp_path / "all.xlsx")],
        ["audit", "verify"],
        ["backup", "-o", str(tmp_path / "new.cdbak")],
    ):
        code, err = run(capsys, "--data-dir", str(data_dir), *command)
        assert code == 5, (command, err)
        assert "Traceback" not in err
        assert str(database) in err and "没有被改动" in err and str(newest) in err
        assert "不存在" not in err  # never "the account does not exist" for a replaced school
    assert database.read_bytes() == spoiled
    assert database.stat().st_mtime_ns == stamp
    assert not (tmp_path / "all.xlsx").exists() and not (tmp_path / "new.cdbak").exists()


def test_an_empty_database_is_told_as_empty_in_english_too(small_school, tmp_path, cli_env, capsys):
    data_dir = copy_of(small_school, tmp_path / "school")
    (data_dir / "school.db").write_bytes(b"")
    code, err = run(capsys, "--data-dir", str(data_dir), "--lang", "en", "users", "list")
    assert code == 5
    assert "is empty (0 bytes)" in err and "will not be replaced" in err
    assert "No intact backup was found" in err  # and where else to look
    assert (data_dir / "school.db").stat().st_size == 0


def test_the_desktops_unlock_gets_the_same_damage_message(small_school, tmp_path):
    """The unlock screens call school.unlock, the function every command uses (read from their
    source: this folder of tests loads no Qt)."""
    import ast

    import counselor_app
    from counselor_app.foundation.errors import DamagedData
    from counselor_app.school.core import unlock

    ui = Path(counselor_app.__file__).parent / "ui"
    for module in ("unlock_dialog.py", "lock.py"):
        tree = ast.parse((ui / module).read_text(encoding="utf-8"))
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "counselor_app.school.core"
            for alias in node.names
        }
        assert "unlock" in imported, module
    data_dir = copy_of(small_school, tmp_path / "school")
    (data_dir / "school.db").write_bytes(b"")
    with pytest.raises(DamagedData, match="0 字节"):
        unlock(SchoolPaths(data_dir), "王老师", PASSWORD)
    assert (data_dir / "school.db").stat().st_size == 0


def test_restore_replaces_an_empty_database_and_keeps_it_aside(
    small_school, tmp_path, cli_env, capsys
):
    data_dir = copy_of(small_school, tmp_path / "school")
    backup = tmp_path / "school.cdbak"
    assert run(capsys, "--data-dir", str(data_dir), "backup", "-o", str(backup))[0] == 0
    (data_dir / "school.db").write_bytes(b"")

    code, err = run(capsys, "--data-dir", str(data_dir), "restore", str(backup))
    assert code == 0, err
    assert run(capsys, "--data-dir", str(data_dir), "audit", "verify")[0] == 0
    aside = list((data_dir / "set-aside").rglob("school.db"))
    assert [p.stat().st_size for p in aside] == [0]


def test_restore_works_when_pages_are_damaged(small_school, tmp_path, cli_env, capsys):
    data_dir = copy_of(small_school, tmp_path / "school")
    backup = tmp_path / "school.cdbak"
    assert run(capsys, "--data-dir", str(data_dir), "backup", "-o", str(backup))[0] == 0
    database = data_dir / "school.db"
    damaged = bytearray(database.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    database.write_bytes(bytes(damaged))

    assert run(capsys, "--data-dir", str(data_dir), "restore", str(backup))[0] == 0
    assert run(capsys, "--data-dir", str(data_dir), "audit", "verify")[0] == 0


def test_a_key_file_that_is_a_folder_is_damage_not_a_crash(small_school, tmp_path, cli_env, capsys):
    data_dir = copy_of(small_school, tmp_path / "school")
    (data_dir / "keys.json").unlink()
    (data_dir / "keys.json").mkdir()
    for command in (
        ["users", "list"],
        ["--user", "王老师", "export", "-o", str(tmp_path / "a.xlsx")],
    ):
        code, err = run(capsys, "--data-dir", str(data_dir), *command)
        assert code == 5, err
        assert "Traceback" not in err and "keys.json" in err and "文件夹" in err


def test_a_data_dir_that_is_a_file_is_a_usage_error(tmp_path, cli_env, capsys, monkeypatch):
    a_file = tmp_path / "school.txt"
    a_file.write_text("not a folder")
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", PASSWORD)
    for command in (["users", "list"], ["--user", "王老师", "init", "--school", "实验中学"]):
        code, err = run(capsys, "--data-dir", str(a_file), *command)
        assert code == 2, err
        assert "不是文件夹" in err and str(a_file) in err
    code, err = run(capsys, "--data-dir", str(a_file / "inner"), "users", "list")
    assert code == 2 and "不是文件夹" in err
    assert a_file.read_text() == "not a folder"
