"""Where a school's files live. Resolved once, in ``main()``, and passed down from there."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "CounselorDesk"
DATA_DIR_ENV = "COUNSELOR_DATA_DIR"


@dataclass(frozen=True)
class SchoolPaths:
    """The files of one school's data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "school.db"

    @property
    def key_file(self) -> Path:
        return self.root / "keys.json"

    @property
    def unlock_failures(self) -> Path:
        # Kept apart from the key file so that a wrong password never touches the key file.
        return self.root / "unlock-failures.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def set_aside(self) -> Path:
        """Databases replaced by a restore or a migration, kept (still encrypted) in case."""
        return self.root / "set-aside"

    def exists(self) -> bool:
        return self.key_file.exists() and self.database.exists()


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(option: str | os.PathLike[str] | None) -> SchoolPaths:
    """``--data-dir`` wins, then ``COUNSELOR_DATA_DIR``, then the platform's convention."""
    chosen = option or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return SchoolPaths(Path(chosen).expanduser().resolve())
