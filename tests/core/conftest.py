"""Fixtures of the core tests that run the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.cli_env import init_school_by_cli, set_cli_environment


@pytest.fixture
def cli_log_dir(tmp_path: Path) -> Path:
    return tmp_path / "log"


@pytest.fixture
def cli_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, cli_log_dir: Path
) -> Path:
    """A school made by ``counselor-app init``, as a script would, in the environment's data
    folder; the log goes to ``cli_log_dir``."""
    folder = tmp_path / "data"
    set_cli_environment(monkeypatch, data_dir=folder, log_dir=cli_log_dir)
    init_school_by_cli(capsys)
    return folder


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, cli_log_dir: Path) -> None:
    """Passwords and the log folder as a script gives them; the data folder comes from
    ``--data-dir``."""
    set_cli_environment(monkeypatch, data_dir=None, log_dir=cli_log_dir)
