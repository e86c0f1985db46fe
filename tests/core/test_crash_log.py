"""The crash log: where it failed (types, files, lines, functions), never with what (messages,
values); owner-only; rotating; and writing it never fails in turn."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from counselor_app.foundation import crash_log
from counselor_app.foundation.crash_log import LOG_FILE_NAME, describe_exception, write_crash_log

STUDENT = "王喆"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")


def add_student(name: str) -> None:
    roster = {STUDENT}
    if name in roster:
        raise ValueError(f"{name} 已在名册中")


def import_row(row: dict[str, str]) -> None:
    try:
        add_student(row["name"])
    except ValueError as exc:
        raise RuntimeError(f"第 3 行（{row['name']}）没有导入") from exc


def failure() -> BaseException:
    try:
        import_row({"name": STUDENT})
    except RuntimeError as exc:
        return exc
    raise AssertionError("import_row did not fail")


def test_the_description_names_types_and_frames_and_nothing_else() -> None:
    text = describe_exception(failure())
    lines = text.splitlines()
    assert lines[0] == "RuntimeError"
    assert lines[-3] == "raised from: ValueError"
    assert any(line.endswith(" in import_row") for line in lines)
    assert lines[-1].startswith("  tests/core/test_crash_log.py:") and lines[-1].endswith(
        " in add_student"
    )
    assert STUDENT not in text and "名册" not in text and "没有导入" not in text


def test_a_module_is_named_from_its_import_path_not_the_users_home() -> None:
    assert crash_log._short_path(crash_log.__file__) == "counselor_app/foundation/crash_log.py"
    assert crash_log._short_path(os.path.join(os.sep, "elsewhere", "tool.py")) == "tool.py"


def test_an_exception_type_from_a_library_keeps_its_module() -> None:
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE student (name TEXT UNIQUE)")
    db.execute("INSERT INTO student VALUES (?)", (STUDENT,))
    with pytest.raises(sqlite3.IntegrityError) as raised:
        db.execute("INSERT INTO student VALUES (?)", (STUDENT,))
    assert (
        describe_exception(raised.value).splitlines()[0]
        == "sqlite3.IntegrityError [SQLITE_CONSTRAINT_UNIQUE]"
    )


def test_entries_are_added_to_one_file_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    first = write_crash_log(failure(), source="desktop: slot", folder=folder)
    second = write_crash_log(failure(), source="cli", folder=folder)
    assert first == second == folder / LOG_FILE_NAME
    written = first.read_text(encoding="utf-8")
    assert written.count("unexpected error (desktop: slot)\nRuntimeError") == 1
    assert written.count("unexpected error (cli)\nRuntimeError") == 1
    assert STUDENT not in written


@posix_only
def test_only_the_owner_can_read_the_log_even_after_it_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "logs"
    monkeypatch.setattr(crash_log, "MAX_BYTES", 400)  # a few entries per file
    for _ in range(12):
        write_crash_log(failure(), source="desktop: slot", folder=folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in (1, 2, 3)]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@posix_only
def test_a_log_left_readable_by_others_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    (folder / LOG_FILE_NAME).write_text("older\n", encoding="utf-8")
    (folder / LOG_FILE_NAME).chmod(0o644)
    write_crash_log(failure(), source="desktop: slot", folder=folder)
    assert stat.S_IMODE((folder / LOG_FILE_NAME).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_log_that_cannot_be_written_is_answered_not_raised(tmp_path: Path) -> None:
    in_the_way = tmp_path / "logs"
    in_the_way.write_text("a file where the folder should be", encoding="utf-8")
    assert write_crash_log(failure(), source="desktop: slot", folder=in_the_way) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
def test_the_default_folder_is_the_users_log_folder_for_the_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert crash_log.default_log_folder() == tmp_path / "state" / "CounselorDesk" / "log"
