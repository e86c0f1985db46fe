"""The command line as a script runs it: a data folder, passwords and a log folder given in the
environment, never typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from counselor_app.cli import main
from tests.conftest import PASSWORD

CLI_USER = "王老师"


def set_cli_environment(
    monkeypatch: pytest.MonkeyPatch, *, data_dir: Path | None, log_dir: Path
) -> None:
    """Answer every password prompt with ``PASSWORD``, keep the log in ``log_dir`` and name the
    data folder (or leave it to ``--data-dir``)."""
    if data_dir is None:
        monkeypatch.delenv("COUNSELOR_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("COUNSELOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_LOG_DIR", str(log_dir))
    monkeypatch.delenv("COUNSELOR_USER", raising=False)


def init_school_by_cli(capsys: pytest.CaptureFixture[str]) -> str:
    """``counselor-app init`` for 实验中学 in the environment's data folder; what it printed (the
    recovery key among it)."""
    capsys.readouterr()
    assert main(["--user", CLI_USER, "init", "--school", "实验中学"]) == 0
    return capsys.readouterr().out
