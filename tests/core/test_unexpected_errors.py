"""Whatever goes wrong that no command expected: a message on the screen (never a traceback), exit
code 1, and a line for support in an owner-only log that holds no student's name, no message text
and no value."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation import crash_log
from counselor_app.school import accounts

STUDENT = "欧阳晓玥"  # as if a query parameter or a note had made it into an exception's text


@pytest.fixture
def log_dir(cli_log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COUNSELOR_LOG_DIR", str(cli_log_dir))
    return cli_log_dir


@pytest.fixture
def data_dir(cli_data_dir: Path) -> Path:
    return cli_data_dir


def failing_with(error: BaseException):
    def fail(*args: object, **kwargs: object) -> None:
        secret = {"name": STUDENT}  # a local value: must not reach the log either
        raise error from KeyError(secret["name"])

    return fail


def test_an_unexpected_error_is_a_message_and_a_log_line(data_dir, log_dir, monkeypatch, capsys):
    monkeypatch.setattr(accounts, "list_accounts", failing_with(RuntimeError(f"bad {STUDENT}")))
    assert main(["users", "list"]) == 1
    err = capsys.readouterr().err
    log = log_dir / crash_log.LOG_FILE_NAME
    assert "出现了意外错误（RuntimeError）" in err and "已经保存的数据是安全的" in err
    assert "请再试一次" in err and "联系技术支持" in err and str(log) in err
    assert "Traceback" not in err and STUDENT not in err

    text = log.read_text(encoding="utf-8")
    assert "command line: counselor-app users list" in text
    assert "RuntimeError" in text and "raised from: KeyError" in text  # and its cause
    assert "counselor_app/cli/commands.py:" in text  # file and line of each frame
    assert STUDENT not in text and "bad" not in text and "secret" not in text
    if os.name != "nt":
        assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_message_in_english(data_dir, log_dir, monkeypatch, capsys):
    monkeypatch.setattr(accounts, "list_accounts", failing_with(ValueError(STUDENT)))
    assert main(["--lang", "en", "users", "list"]) == 1
    err = capsys.readouterr().err
    assert "Something unexpected went wrong (ValueError)" in err
    assert "The data saved before is safe" in err and "contact support" in err


def test_a_student_number_argument_is_not_logged(data_dir, log_dir, monkeypatch, capsys):
    from counselor_app.reports import student_pdf

    monkeypatch.setattr(student_pdf, "write_student_pdf", failing_with(RuntimeError("x")))
    out = data_dir.parent / "file.pdf"
    assert main(["report", "student", "20250417", "-o", str(out)]) == 1
    text = (log_dir / crash_log.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "counselor-app report student" in text
    assert "20250417" not in text and "file.pdf" not in text


def test_an_unwritable_log_still_gives_the_message(data_dir, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COUNSELOR_LOG_DIR", str(blocker / "log"))
    monkeypatch.setattr(accounts, "list_accounts", failing_with(RuntimeError("x")))
    assert main(["users", "list"]) == 1
    err = capsys.readouterr().err
    assert "出现了意外错误" in err and "日志无法写入" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "磁盘已满"),
        (errno.EACCES, "没有权限访问"),
        (errno.ENOENT, "找不到"),
        (errno.EROFS, "磁盘是只读的"),
    ],
)
def test_an_os_error_that_reaches_the_top_is_told_plainly(
    data_dir, log_dir, monkeypatch, capsys, code, words
):
    where = str(data_dir.parent / "somewhere")
    monkeypatch.setattr(
        accounts, "list_accounts", failing_with(OSError(code, os.strerror(code), where))
    )
    assert main(["users", "list"]) == 1
    err = capsys.readouterr().err
    assert words in err and where in err and "已经保存的数据是安全的" in err
    assert "Traceback" not in err
    assert f"[{errno.errorcode[code]}]" in (log_dir / crash_log.LOG_FILE_NAME).read_text()


def test_an_error_in_a_finalizer_goes_to_the_log_not_the_screen(
    data_dir, log_dir, monkeypatch, capsys
):
    class Noisy:
        def __del__(self) -> None:
            raise ValueError(STUDENT)

    def list_accounts(school: object) -> list[object]:
        Noisy()  # collected at once; Python can only report the error
        return []

    monkeypatch.setattr(accounts, "list_accounts", list_accounts)
    assert main(["users", "list"]) == 0
    err = capsys.readouterr().err
    assert err == ""
    text = (log_dir / crash_log.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ValueError" in text and STUDENT not in text


def test_the_log_rotates_and_every_file_stays_private(log_dir, monkeypatch):
    monkeypatch.setattr(crash_log, "MAX_BYTES", 600)
    for _ in range(30):
        try:
            raise RuntimeError(STUDENT)
        except RuntimeError as error:
            path = crash_log.write_crash_log(error, source="test")
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == [
        crash_log.LOG_FILE_NAME,
        *(f"{crash_log.LOG_FILE_NAME}.{n}" for n in range(1, crash_log.OLD_FILES_KEPT + 1)),
    ]
    assert path == log_dir / crash_log.LOG_FILE_NAME
    for file in log_dir.iterdir():
        assert file.stat().st_size <= 600 + 200
        assert STUDENT not in file.read_text(encoding="utf-8")
        if os.name != "nt":
            assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_the_log_is_in_the_platforms_log_folder_by_default(monkeypatch):
    import platformdirs

    monkeypatch.delenv("COUNSELOR_LOG_DIR", raising=False)
    expected = Path(platformdirs.user_log_dir("CounselorDesk", appauthor=False))
    assert crash_log.log_path() == expected / crash_log.LOG_FILE_NAME


def test_an_interrupt_says_nothing_was_changed(data_dir, monkeypatch, capsys):
    monkeypatch.setattr(accounts, "list_accounts", failing_with(KeyboardInterrupt()))
    assert main(["users", "list"]) == 130
    assert "已中断" in capsys.readouterr().err
