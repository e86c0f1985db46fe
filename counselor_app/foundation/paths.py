"""Where a school's files live. Resolved once, in ``main()``, and passed down from there."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import msg

APP_NAME = "CounselorDesk"
DATA_DIR_ENV = "COUNSELOR_DATA_DIR"

DATA_DIR_NOT_A_FOLDER = msg(
    "数据文件夹 {path} 不是文件夹（{found} 是一个文件）。请用 --data-dir 或 COUNSELOR_DATA_DIR "
    "指定一个文件夹。",
    "The data folder {path} is not a folder ({found} is a file). Point --data-dir or "
    "COUNSELOR_DATA_DIR at a folder.",
)


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
    def scales(self) -> Path:
        """Scale files (*.toml) the school holds a licence for, beside the shipped ones."""
        return self.root / "scales"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def staging(self) -> Path:
        """Private work folders for copies of the (encrypted) database and key file while a backup
        is made, checked or restored; never the shared temporary folder (see storage/staging)."""
        return self.root / ".staging"

    @property
    def set_aside(self) -> Path:
        """Databases replaced by a restore or a migration, kept (still encrypted) in case."""
        return self.root / "set-aside"

    @property
    def live_files(self) -> list[Path]:
        """The files the open school lives in, which nothing but the program itself may replace;
        the journal files first (moved without them, a database would meet a stale WAL)."""
        wal, shm = (self.database.with_name(self.database.name + end) for end in ("-wal", "-shm"))
        return [wal, shm, self.database, self.key_file]

    def exists(self) -> bool:
        return self.key_file.exists() and self.database.exists()


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(option: str | os.PathLike[str] | None) -> SchoolPaths:
    """``--data-dir`` wins, then ``COUNSELOR_DATA_DIR``, then the platform's convention."""
    chosen = option or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return SchoolPaths(Path(chosen).expanduser().resolve())


def check_data_dir(paths: SchoolPaths) -> None:
    """Refuse a data folder that is a file, or lies under one, before anything reads or makes it."""
    for part in (paths.root, *paths.root.parents):
        if part.exists():
            if not part.is_dir():
                raise UsageError(DATA_DIR_NOT_A_FOLDER(path=str(paths.root), found=str(part)))
            return
