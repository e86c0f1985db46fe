"""Making a backup of an open school and restoring a school from one.

This is the service above :mod:`counselor_app.storage.backups` (the archive: its format, writing,
checking and unpacking) and :mod:`counselor_app.storage.backup_rotation` (which backups the folder
keeps): it takes the open :class:`~counselor_app.school.core.School`, writes what it did to the audit
trail, makes the safety backup before a restore and closes the school being replaced.

What this module must never do: prune an old backup unless the new one has been verified by
reopening it; write a backup or a restore to the audit trail before it is certain to stand (a
stopped backup or restore leaves the trail as it was). It never imports Qt and never asks
questions: the caller gets the key from the person and passes it in.

Phases, :class:`~counselor_app.foundation.progress.Cancelled` and the ``progress(phase)`` callback are
those of :mod:`counselor_app.storage.backups`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import DamagedData, UsageError
from counselor_app.foundation.i18n import Message, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.foundation.progress import Cancelled
from counselor_app.storage.audit import AuditLog, audit_key
from counselor_app.storage.backup_rotation import ROTATION, Rotation, prune_backups
from counselor_app.storage.backups import (
    AUTOMATIC_REASONS,
    BACKUP_CANCELLED,
    BACKUP_PHASES,
    BEFORE_RESTORE,
    DAILY,
    MANUAL,
    READ,
    REPLACE,
    RESTORE_CANCELLED,
    RESTORE_PHASES,
    SAFETY_BACKUP,
    BackupInfo,
    Progress,
    asking,
    current_school_uid,
    private_dir,
    read_manifest,
    unpacked_for_restore,
    unused_path,
    write_backup,
)
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import SCHEMA_VERSION

if (
    TYPE_CHECKING
):  # only for annotations: school/core.py calls back here lazily, for its exit backup
    from counselor_app.school.core import School

BACKUP_NEWER_SCHEMA = msg(
    "备份 {path} 的数据结构（{found}）比本程序认识的（{known}）新。请安装最新版本后再恢复；"
    "当前数据没有任何改动。",
    "The backup {path} has a newer schema ({found}) than this program knows ({known}). Install the "
    "newest version to restore it; nothing was changed.",
)
BACKUP_OTHER_SCHOOL = msg(
    "备份 {path} 属于另一所学校（备份的学校编号 {backup_uid}，当前为 {current_uid}）。"
    "恢复它会用另一所学校的数据替换本校的全部数据（本校数据会移到 set-aside 文件夹保存）。"
    "当前数据没有任何改动。"
    "如确实要这样做，请明确选择恢复其他学校的备份（命令行：--other-school）。",
    "The backup {path} belongs to another school (backup school {backup_uid}, this school "
    "{current_uid}). Restoring it would replace all of this school's data with the other school's "
    "(this school's files would be moved to the set-aside folder). Nothing was changed. If that is "
    "really wanted, choose explicitly to restore another school's backup (command line: "
    "--other-school).",
)
RESTORED = msg(
    "已从备份 {backup}（制作于 {created_at}）恢复。原来的数据没有删除，已移到 {set_aside}。"
    "请重新登录；密码和账户恢复为备份当时的状态。",
    "Restored from the backup {backup} (made {created_at}). The previous data was not deleted; it "
    "was moved to {set_aside}. Sign in again; passwords and accounts are as they were when the "
    "backup was made.",
)


@dataclass(frozen=True)
class AutomaticBackup:
    path: Path
    pruned: list[Path]


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    set_aside: Path | None  # the folder now holding the replaced files; None if there were none
    safety_backup: Path | None  # the before-restore backup of the replaced school, if one was made
    logged: bool  # whether the restore was written into the restored database's audit trail

    @property
    def message(self) -> Message:
        return RESTORED(
            backup=self.info.path.name,
            created_at=self.info.created_at.strftime("%Y-%m-%d %H:%M"),
            set_aside=str(self.set_aside) if self.set_aside else "—",
        )


# -- making --------------------------------------------------------------------------------------
def create_backup(
    school: School, target: Path, reason: str = MANUAL, *, progress: Progress | None = None
) -> Path:
    """Write a verified backup of ``school`` to ``target`` (a file, or a folder to put one in).

    The file appears at ``target`` only after it was reopened and checked with the data key; a
    backup that cannot be made or verified leaves nothing behind. Safe while the program is open:
    the snapshot holds the last committed state. Then the backup is written to the audit trail
    (when the database is writable); should that fail, the verified file stays and the error is
    raised.

    ``progress`` is told of :data:`BACKUP_PHASES` as they begin, asked again between chunks of the
    hashing, the archive copy and the read-back, and once more after the check, just before the
    file gets its name. A ``False`` raises :class:`Cancelled` and leaves what a failure leaves:
    no file at ``target``, no temporary file, nothing in the audit trail. (The snapshot itself is
    one step of SQLite's and is not interrupted.)
    """
    target, info = write_backup(
        school, Path(target), reason, asking(BACKUP_PHASES, progress, BACKUP_CANCELLED)
    )
    _log_backup(school, target, reason, info)
    return target


def _log_backup(school: School, target: Path, reason: str, info: BackupInfo) -> None:
    if not school.db.read_only:
        school.log("backup", reason=reason, file=str(target), sha256=info.database_sha256)


def automatic_backup(
    school: School,
    reason: str = DAILY,
    *,
    policy: Rotation = ROTATION,
    progress: Progress | None = None,
) -> AutomaticBackup:
    """A new backup in the school's backup folder, verified by reopening, then the rotation.
    If anything fails, or ``progress`` stops it (see :func:`create_backup`), the exception
    propagates and nothing is pruned."""
    if reason not in AUTOMATIC_REASONS:
        raise ValueError(f"not an automatic backup reason: {reason!r}")
    private_dir(school.paths.backups)
    target = unused_path(school.paths.backups, school.now(), reason)
    made = create_backup(school, target, reason, progress=progress)
    return AutomaticBackup(made, prune_backups(school.paths.backups, protect=made, policy=policy))


# -- restoring -----------------------------------------------------------------------------------
def _log_restore(
    paths: SchoolPaths,
    data_key: bytes,
    user_name: str,
    now: dt.datetime,
    info: BackupInfo,
    aside: Path | None,
) -> bool:
    try:
        db = Database.open(paths.database, data_key)
    except DamagedData:
        return False
    try:
        AuditLog(db, audit_key(data_key), paths.key_file).record(
            at=now.isoformat(timespec="seconds"),
            user_name=user_name,
            action="restore",
            detail={
                "backup": info.path.name,
                "backup_created_at": info.created_at.isoformat(),
                "set_aside": aside.name if aside else None,
            },
        )
        return True
    except (dbapi2.Error, DamagedData):  # the restore is done; a missing entry must not undo that
        return False
    finally:
        db.close()


def restore_backup(
    paths: SchoolPaths,
    source: Path,
    data_key: bytes,
    *,
    user_name: str,
    school: School | None = None,
    allow_other_school: bool = False,
    clock: Clock = system_clock,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the school's database and key file with those in ``source``.

    ``data_key`` is the school's key (after unlocking the school) or the one unlocked from
    :func:`~counselor_app.storage.backups.read_backup_keys` (a new PC, or a damaged key file).
    Everything is checked before anything changes: the archive and its hashes, the database
    reopened with the key, and the school it belongs to. Then the current files move into
    ``paths.set_aside`` (never deleted) and the backup's take their place. An open ``school`` for
    these paths is backed up (reason ``before-restore``) when writable, and closed.

    ``progress`` is told of :data:`RESTORE_PHASES` (:data:`SAFETY_BACKUP` only when that backup is
    made) and asked between chunks of the unpacking and of the safety backup. Its answer is heeded
    only *before the files are replaced*: the last question is when :data:`REPLACE` begins. Until
    then a ``False`` raises :class:`Cancelled` and leaves everything as it was: the unpacked copy
    is removed, the safety backup just made is deleted again (it is written to the audit trail only
    after that last answer, so the trail and the live files stay byte for byte as they were), and
    the open school stays open. From :data:`REPLACE` on nothing is asked: closing the school, moving
    its files aside and installing the backup's run to the end, since a restore stopped half-way
    would leave a school with half its files.
    """
    source = Path(source)
    if school is not None and school.paths != paths:
        raise ValueError("the open school is not the one being restored")
    ask = asking(RESTORE_PHASES, progress, RESTORE_CANCELLED)
    ask(READ)
    now = school.now() if school is not None else clock()
    info = read_manifest(source)
    current_uid = current_school_uid(paths)
    if current_uid is None and school is not None and not school.db.closed:
        current_uid = school.uid  # the key file is unreadable, but the open database knows
    if current_uid and current_uid != info.school_uid and not allow_other_school:
        raise UsageError(
            BACKUP_OTHER_SCHOOL(
                path=str(source), backup_uid=info.school_uid[:8], current_uid=current_uid[:8]
            )
        )
    if info.schema_version > SCHEMA_VERSION:
        raise DamagedData(
            BACKUP_NEWER_SCHEMA(path=str(source), found=info.schema_version, known=SCHEMA_VERSION)
        )
    with unpacked_for_restore(paths, source, data_key, ask) as unpacked:
        safety: tuple[Path, BackupInfo] | None = None
        if school is not None and not school.db.closed and not school.db.read_only:
            ask(SAFETY_BACKUP)
            private_dir(paths.backups)
            target = unused_path(paths.backups, now, BEFORE_RESTORE)
            safety = write_backup(school, target, BEFORE_RESTORE, lambda _: ask(SAFETY_BACKUP))
        try:
            ask(REPLACE)  # the last question: from here on the restore runs to its end
        except Cancelled:
            if safety is not None:
                with contextlib.suppress(OSError):
                    safety[0].unlink()
            raise
        if school is not None:
            if safety is not None:
                _log_backup(school, safety[0], BEFORE_RESTORE, safety[1])
            school.close(backup=False)
        aside = unpacked.install(now)
    logged = _log_restore(paths, data_key, user_name, now, unpacked.info, aside)
    return RestoreResult(unpacked.info, aside, safety[0] if safety else None, logged)
