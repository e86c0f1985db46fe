"""The backups in a school's backup folder: which are there, which the rotation keeps, whether the
day's is due, and which is the newest good one.

Only files whose names :func:`storage.backups.backup_file_name` made are ever looked at or deleted.
What this module must never do: prune a backup made by hand or before a restore (only
:data:`storage.backups.AUTOMATIC_REASONS` are rotated), or prune at all unless the caller has just
made and verified a new backup (:func:`counselor_app.school.backups.automatic_backup`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from counselor_app.foundation.errors import DamagedData, UsageError
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage.backups import (
    AUTOMATIC_REASONS,
    BEFORE_RESTORE,
    STAMP_FORMAT,
    current_school_uid,
    inspect_backup,
)

_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})-(?P<reason>manual|daily|exit|before-restore)"
    r"(?:-(?P<n>\d+))?\.cdbak$"
)


@dataclass(frozen=True)
class Rotation:
    """How many of the newest backups to keep per day, per ISO week and per month. A backup kept by
    any rule is kept."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


ROTATION = Rotation()


@dataclass(frozen=True)
class _Named:
    path: Path
    stamp: dt.datetime
    reason: str
    n: int


def _named_backups(folder: Path) -> list[_Named]:
    """Backups in ``folder`` whose names we made, newest first. Other files are never touched."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file():
                stamp = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
                found.append(_Named(path, stamp, match["reason"], int(match["n"] or 1)))
    found.sort(key=lambda b: (b.stamp, b.n, b.reason), reverse=True)
    return found


def list_backups(paths: SchoolPaths) -> list[Path]:
    """The backups in the school's backup folder, newest first (by name; not checked)."""
    return [b.path for b in _named_backups(paths.backups)]


def backups_to_keep(stamped: Iterable[tuple[dt.datetime, Path]], policy: Rotation) -> set[Path]:
    """The newest backup of each of the last ``daily`` days, ``weekly`` ISO weeks and ``monthly``
    months *that have a backup*. Counting periods with a backup rather than calendar periods means
    a summer holiday with the PC switched off does not empty the daily and weekly slots."""
    newest_first = sorted(stamped, key=lambda item: item[0], reverse=True)
    keep: set[Path] = set()
    rules: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (policy.daily, lambda t: t.date()),
        (policy.weekly, lambda t: t.isocalendar()[:2]),
        (policy.monthly, lambda t: (t.year, t.month)),
    ]
    for count, period_of in rules:
        periods: set[object] = set()
        for stamp, path in newest_first:
            period = period_of(stamp)
            if period in periods:
                continue
            if len(periods) == count:
                break
            periods.add(period)
            keep.add(path)
    return keep


def prune_backups(
    folder: Path, *, protect: Path | None = None, policy: Rotation = ROTATION
) -> list[Path]:
    """Delete the automatic backups the rotation does not keep; return what was deleted."""
    automatic = [b for b in _named_backups(folder) if b.reason in AUTOMATIC_REASONS]
    keep = {p.name for p in backups_to_keep(((b.stamp, b.path) for b in automatic), policy)}
    if protect is not None:
        keep.add(protect.name)
    pruned = []
    for backup in automatic:
        if backup.path.name not in keep:
            backup.path.unlink(missing_ok=True)
            pruned.append(backup.path)
    return pruned


def daily_backup_due(paths: SchoolPaths, now: dt.datetime) -> bool:
    """True until a backup of the day's data exists (the one before a restore does not count)."""
    today = now.date()
    return not any(
        b.stamp.date() == today and b.reason != BEFORE_RESTORE
        for b in _named_backups(paths.backups)
    )


def newest_backup(paths: SchoolPaths) -> Path | None:
    """The newest backup of this school that passes the structural check (no key needed)."""
    school_uid = current_school_uid(paths)
    for candidate in _named_backups(paths.backups):
        try:
            info = inspect_backup(candidate.path)
        except (DamagedData, UsageError):
            continue
        if school_uid is None or info.school_uid == school_uid:
            return candidate.path
    return None
