"""The school's backups as a list for people: when each was made, why, how big; and "back up now".

Listing reads only the file names (``storage.backups`` names every backup by its time and reason) and
sizes: opening and hashing every archive would take seconds on a large school, and checking one is
what :func:`storage.backups.verify_backup` is for, on request.

Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.backups import create_backup
from counselor_app.school.core import School
from counselor_app.storage import backup_rotation, backups

# backups.backup_file_name: "2025-10-16T103000-daily.cdbak", "…-manual-2.cdbak"
_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})-(?P<reason>"
    + "|".join(re.escape(r) for r in backups.REASONS)
    + r")(?:-\d+)?"
    + re.escape(backups.SUFFIX)
    + "$"
)
_STAMP = "%Y-%m-%dT%H%M%S"


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created_at: dt.datetime  # local time, as in the name
    reason: str  # one of storage.backups.REASONS
    size: int  # bytes

    @property
    def kept_for_good(self) -> bool:
        """Made by hand or before a restore: the rotation never deletes it."""
        return self.reason not in backups.AUTOMATIC_REASONS


def backup_entries(paths: SchoolPaths) -> list[BackupEntry]:
    """The backups in the school's backup folder, newest first."""
    entries = []
    for path in backup_rotation.list_backups(paths):
        match = _NAME.match(path.name)
        if match is None:
            continue
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile
            continue
        created = dt.datetime.strptime(match["stamp"], _STAMP)
        entries.append(BackupEntry(path, created, match["reason"], size))
    return entries


def backup_now(school: School, *, progress: backups.Progress | None = None) -> Path:
    """A verified backup made by hand in the school's backup folder (never rotated away).
    ``progress``: see :func:`school_backups.create_backup` (``False`` stops it, leaving no file)."""
    school.paths.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
    return create_backup(school, school.paths.backups, backups.MANUAL, progress=progress)
