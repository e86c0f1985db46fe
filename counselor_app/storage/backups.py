"""Encrypted backups of a school: making them, checking them, rotating them and restoring one.

A backup is one ``.cdbak`` file, a zip archive whose members are stored uncompressed:

``manifest.json``
    format version, school uid, schema version, time, program version, why it was made, the
    SHA-256 and size of the other two members, and the audit trail's anchor (its length and newest
    MAC, sealed; see ``storage.audit``). Nothing about students.
``school.db``
    a snapshot made with SQLite's backup API (consistent while the program is open), encrypted by
    SQLCipher with the school's own data key.
``keys.json``
    the key file: the data key wrapped per password and for the recovery key, so a backup can be
    restored on a new PC by anyone who knows one of those secrets.

Copies of the database and the key file made on the way (the snapshot, the unpacked members being
checked or installed) live only in private work folders inside the school's data folder
(:mod:`counselor_app.storage.staging`), never in the shared temporary folder; leftovers of a killed
process are swept at the next unlock and before the next backup (:func:`sweep_leftovers`).

What this module must never do: write anything about a student in plaintext; delete, truncate or
overwrite the live database or key file (a restore moves them into ``set-aside``); prune an old
backup unless the new one has been verified by reopening it; prune a backup made by hand or before a
restore; install a backup it has not fully verified. It never imports Qt and never asks questions:
the caller gets the key from the person and passes it in.

Making, verifying and restoring take a ``progress(phase)`` callback for a caller that shows how far
the work is and lets it stop: called from the thread doing the work as each phase begins, in the
order of :data:`BACKUP_PHASES`, :data:`VERIFY_PHASES` or :data:`RESTORE_PHASES`, and again (with
the same phase) between chunks of the longer copies. Answering ``False`` stops the work there with
:class:`Cancelled` (any other answer, ``None`` included, means go on); what a stopped operation
leaves behind is said by each function. Phases may be skipped (a restore with no open school makes
no safety backup), never reordered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from sqlcipher3 import dbapi2

from counselor_app import __version__
from counselor_app.atomic_files import CannotWrite, cannot_write, check_output_target, write_with
from counselor_app.clock import Clock, system_clock
from counselor_app.errors import DamagedData, UsageError
from counselor_app.i18n import Message, msg
from counselor_app.paths import SchoolPaths
from counselor_app.progress import Cancelled, PhaseProgress, Phases
from counselor_app.storage import staging
from counselor_app.storage.audit import AuditLog, audit_key
from counselor_app.storage.database import Database
from counselor_app.storage.keys import AuditAnchor, KeyFile
from counselor_app.storage.migrations import SCHEMA_VERSION

if TYPE_CHECKING:  # storage must not depend on the service layer at run time
    from counselor_app.school import School

FORMAT = "counselor-desk-backup"
FORMAT_VERSION = 1
SUFFIX = ".cdbak"
MANIFEST_MEMBER = "manifest.json"
DB_MEMBER = "school.db"
KEYS_MEMBER = "keys.json"
MEMBERS = (MANIFEST_MEMBER, DB_MEMBER, KEYS_MEMBER)

MANUAL, DAILY, EXIT, BEFORE_RESTORE = "manual", "daily", "exit", "before-restore"
REASONS = (MANUAL, DAILY, EXIT, BEFORE_RESTORE)
# Only these are rotated. A backup someone made on purpose, or the one taken before a restore (the
# way back), stays until a person deletes it.
AUTOMATIC_REASONS = (DAILY, EXIT)

_STAMP_FORMAT = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})-(?P<reason>manual|daily|exit|before-restore)"
    r"(?:-(?P<n>\d+))?\.cdbak$"
)
_CHUNK = 1 << 20
_T = TypeVar("_T")

# -- the phases a caller's ``progress(phase)`` is told of ----------------------------------------
#: Making a backup: a consistent snapshot of the encrypted database (SQLite's backup API; one step).
SNAPSHOT = "snapshot"
#: Making a backup: hashing the snapshot and writing the archive beside the target.
ARCHIVE = "archive"
#: Making a backup: reading the written archive back and reopening it with the data key.
VERIFY = "verify"
BACKUP_PHASES = (SNAPSHOT, ARCHIVE, VERIFY)
#: Verifying or restoring: unpacking the archive, checking every member's SHA-256.
READ = "read"
#: Verifying or restoring: reopening the database with the key and checking it page by page.
CHECK = "check"
VERIFY_PHASES = (READ, CHECK)
#: Restoring: the backup (reason ``before-restore``) of the open school's current data.
SAFETY_BACKUP = "safety-backup"
#: Restoring: closing the school, moving its files aside and installing the backup's. The answer
#: when this phase begins is the last one a restore heeds (see :func:`restore_backup`).
REPLACE = "replace"
RESTORE_PHASES = (READ, CHECK, SAFETY_BACKUP, REPLACE)

#: ``progress(phase)``: ``False`` stops the work.
Progress = PhaseProgress

BACKUP_CREATED = msg("备份已保存并验证：{path}", "The backup was saved and verified: {path}")
BACKUP_NOT_FOUND = msg("找不到备份文件：{path}", "The backup file was not found: {path}")
BACKUP_DAMAGED = msg(
    "备份文件 {path} 已损坏或不完整（{reason}），不能使用。当前数据没有任何改动。"
    "请换一个较早的备份（备份文件夹里通常还有其他备份）。",
    "The backup file {path} is damaged or incomplete ({reason}) and cannot be used. Nothing was "
    "changed. Choose an earlier backup (the backup folder usually holds others).",
)
BACKUP_NEWER_FORMAT = msg(
    "备份文件 {path} 由更新版本的心理辅导工作台制作（格式 {found}）。请安装最新版本后再恢复；"
    "当前数据没有任何改动。",
    "The backup file {path} was made by a newer Counselor Desk (format {found}). Install the "
    "newest version to restore it; nothing was changed.",
)
BACKUP_NEWER_SCHEMA = msg(
    "备份 {path} 的数据结构（{found}）比本程序认识的（{known}）新。请安装最新版本后再恢复；"
    "当前数据没有任何改动。",
    "The backup {path} has a newer schema ({found}) than this program knows ({known}). Install the "
    "newest version to restore it; nothing was changed.",
)
BACKUP_WRONG_KEY = msg(
    "备份 {path} 无法用这把密钥打开，它很可能属于另一所学校。"
    "请用备份里的账户密码或恢复密钥解锁备份后再试。当前数据没有任何改动。",
    "The backup {path} cannot be opened with this key; it most likely belongs to another school. "
    "Unlock the backup with one of its own passwords or its recovery key and try again. Nothing "
    "was changed.",
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
BACKUP_ONTO_LIVE_FILE = msg(
    "不能把备份写到 {path}：那是学校正在使用的数据文件。请选择其他位置。",
    "A backup cannot be written to {path}: that is one of the school's live data files. Choose "
    "another place.",
)
BACKUP_IN_TRANSACTION = msg(
    "正在保存修改，暂时不能备份。请稍后再试。",
    "Changes are being saved; the backup cannot start now. Try again in a moment.",
)
BACKUP_CANCELLED = msg(
    "已取消备份，没有生成备份文件。", "The backup was cancelled; no backup file was written."
)
VERIFY_CANCELLED = msg(
    "已取消验证备份，备份文件没有改动。",
    "The check of the backup was cancelled; the backup file was not changed.",
)
RESTORE_CANCELLED = msg(
    "已取消恢复，本校的数据没有任何改动。",
    "The restore was cancelled; nothing of the school's data was changed.",
)
STAGING_DISK_FULL = msg(
    "磁盘已满：需要在 {folder} 中暂存一份（加密的）数据库副本，但那里没有足够的空间。"
    "没有生成或改动任何文件。请腾出该磁盘的空间后再试。",
    "The disk is full: a copy of the (encrypted) database must be kept for a moment in {folder}, "
    "but there is not enough space there. No file was written or changed. Free some space on that "
    "disk and try again.",
)
RESTORED = msg(
    "已从备份 {backup}（制作于 {created_at}）恢复。原来的数据没有删除，已移到 {set_aside}。"
    "请重新登录；密码和账户恢复为备份当时的状态。",
    "Restored from the backup {backup} (made {created_at}). The previous data was not deleted; it "
    "was moved to {set_aside}. Sign in again; passwords and accounts are as they were when the "
    "backup was made.",
)

# Everything zipfile, json and struct raise on a damaged or truncated archive. RuntimeError is
# what zipfile raises when a flipped flag bit marks a member as password-protected.
_ARCHIVE_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    struct.error,
    NotImplementedError,
    RuntimeError,
)
_OPEN_ERRORS: tuple[type[Exception], ...] = (*_ARCHIVE_ERRORS, OSError)


@dataclass(frozen=True)
class BackupInfo:
    """What a backup's manifest says. ``checked_with_key`` is True once the database inside was
    reopened with the data key and passed its integrity checks."""

    path: Path
    format_version: int
    school_uid: str
    schema_version: int
    created_at: dt.datetime
    program_version: str
    reason: str
    database_sha256: str
    database_size: int
    keys_sha256: str
    checked_with_key: bool = False
    # The audit trail's head when the backup was made; None in backups made before anchors.
    audit_anchor: AuditAnchor | None = None


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


@dataclass(frozen=True)
class Rotation:
    """How many of the newest backups to keep per day, per ISO week and per month. A backup kept by
    any rule is kept."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


ROTATION = Rotation()


#: Asks the caller whether to go on with ``phase``; raises :class:`Cancelled` when told to stop.
_Ask = Callable[[str], None]


def _asking(phases: tuple[str, ...], progress: Progress | None, cancelled: Message) -> _Ask:
    return Phases(phases, progress, cancelled)


def _not_asking(phase: str) -> None:
    """For work nobody follows."""


# -- reading and checking ------------------------------------------------------------------------
def _damaged(shown: Path, reason: str) -> DamagedData:
    return DamagedData(BACKUP_DAMAGED(path=str(shown), reason=reason))


@contextlib.contextmanager
def _archive(path: Path, shown: Path) -> Iterator[zipfile.ZipFile]:
    """Open the archive; any parsing failure inside the block becomes a clear DamagedData."""
    try:
        archive = zipfile.ZipFile(path, "r")
    except FileNotFoundError as exc:
        raise UsageError(BACKUP_NOT_FOUND(path=str(shown))) from exc
    except _OPEN_ERRORS as exc:
        raise _damaged(shown, f"{type(exc).__name__}: {exc}") from exc
    try:
        with archive:
            yield archive
    except _OPEN_ERRORS as exc:
        raise _damaged(shown, f"{type(exc).__name__}: {exc}") from exc


def _manifest(archive: zipfile.ZipFile, shown: Path) -> BackupInfo:
    names = [info.filename for info in archive.infolist()]
    if sorted(names) != sorted(MEMBERS):
        raise _damaged(shown, f"members {names}")
    for info in archive.infolist():
        # We only write stored members; anything else means the header was damaged.
        if info.compress_type != zipfile.ZIP_STORED:
            raise _damaged(shown, f"{info.filename}: compression {info.compress_type}")
    document = json.loads(archive.read(MANIFEST_MEMBER).decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _damaged(shown, "not a Counselor Desk backup")
    version = document.get("format_version")
    if not isinstance(version, int):
        raise _damaged(shown, "manifest: format_version")
    if version > FORMAT_VERSION:
        raise DamagedData(BACKUP_NEWER_FORMAT(path=str(shown), found=version))
    members = document.get("members")
    if not isinstance(members, dict):
        raise _damaged(shown, "manifest: members")
    return BackupInfo(
        path=shown,
        format_version=version,
        school_uid=_field(document, "school_uid", str, shown),
        schema_version=_field(document, "schema_version", int, shown),
        created_at=dt.datetime.fromisoformat(_field(document, "created_at", str, shown)),
        program_version=_field(document, "program_version", str, shown),
        reason=_field(document, "reason", str, shown),
        database_sha256=_field(_member(members, DB_MEMBER, shown), "sha256", str, shown),
        database_size=_field(_member(members, DB_MEMBER, shown), "size", int, shown),
        keys_sha256=_field(_member(members, KEYS_MEMBER, shown), "sha256", str, shown),
        audit_anchor=_anchor(document, shown),
    )


def _anchor(document: dict[str, Any], shown: Path) -> AuditAnchor | None:
    found = document.get("audit_anchor")
    if found is None:
        return None
    if not isinstance(found, dict):
        raise _damaged(shown, "manifest: audit_anchor")
    return AuditAnchor(
        last_id=_field(found, "last_id", int, shown),
        last_mac=_field(found, "last_mac", str, shown),
        seal=_field(found, "seal", str, shown),
    )


def _member(members: dict[str, Any], name: str, shown: Path) -> dict[str, Any]:
    entry = members.get(name)
    if not isinstance(entry, dict):
        raise _damaged(shown, f"manifest: members/{name}")
    return entry


def _field(document: dict[str, Any], name: str, kind: type[_T], shown: Path) -> _T:
    value = document.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _damaged(shown, f"manifest: {name}")
    return value


class _WriteFailed(Exception):
    """Writing an unpacked copy failed (a full or read-only disk): not the backup's fault, so it
    must not be reported as damage. :func:`_extract` re-raises the original error."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _copy_member(
    archive: zipfile.ZipFile,
    name: str,
    expected_sha256: str,
    shown: Path,
    out: IO[bytes] | None,
    between: Callable[[], None] = lambda: None,
) -> None:
    """Stream one member, checking its SHA-256 (and, through zipfile, its CRC) as it goes;
    ``between()`` runs after each chunk (it raises to stop)."""
    digest = hashlib.sha256()
    with archive.open(name) as member:
        while chunk := member.read(_CHUNK):
            digest.update(chunk)
            if out is not None:
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise _WriteFailed(exc) from exc
            between()
    if digest.hexdigest() != expected_sha256:
        raise _damaged(shown, f"SHA-256 of {name} does not match the manifest")


def inspect_backup(path: Path) -> BackupInfo:
    """Check the archive, the manifest and both hashes. Needs no key and says nothing about it."""
    path = Path(path)
    with _archive(path, path) as archive:
        info = _manifest(archive, path)
        _copy_member(archive, DB_MEMBER, info.database_sha256, path, None)
        _copy_member(archive, KEYS_MEMBER, info.keys_sha256, path, None)
    return info


def read_backup_keys(path: Path) -> KeyFile:
    """The key file inside a backup, for restoring onto a PC without the school: the caller asks
    for a password (or the recovery key) and unlocks the data key with it."""
    path = Path(path)
    info = inspect_backup(path)
    with _archive(path, path) as archive:
        data = archive.read(KEYS_MEMBER)
    keys = _parse_keys(data, path)
    if keys.school_uid != info.school_uid:
        raise _damaged(path, "keys.json belongs to another school than the manifest")
    return keys


def _parse_keys(data: bytes, shown: Path) -> KeyFile:
    try:
        return KeyFile.from_bytes(data, shown / KEYS_MEMBER)
    except DamagedData as exc:
        raise _damaged(shown, f"keys.json: {exc.message.render('en')}") from exc


def _extract(
    path: Path, folder: Path, shown: Path, between: Callable[[], None] = lambda: None
) -> BackupInfo:
    """Unpack the database and key file into ``folder``, checking the hashes of exactly the bytes
    written, so what is verified next is what gets installed. ``between()`` runs between chunks."""
    try:
        with _archive(path, shown) as archive:
            info = _manifest(archive, shown)
            for name, sha256 in (
                (DB_MEMBER, info.database_sha256),
                (KEYS_MEMBER, info.keys_sha256),
            ):
                with _private_file(folder / name) as out:
                    _copy_member(archive, name, sha256, shown, out, between)
        for name in (DB_MEMBER, KEYS_MEMBER):
            with (folder / name).open("rb+") as out:
                os.fsync(out.fileno())
    except _WriteFailed as exc:
        raise exc.error from None
    return info


def _private_file(path: Path) -> IO[bytes]:
    """A new file only the owner can read, whatever the umask: the database and the key file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.fdopen(os.open(path, flags, 0o600), "wb")


@contextlib.contextmanager
def _staged(area: Path) -> Iterator[Path]:
    """A private work folder in ``area``; failing to make it is told as that disk's problem (full,
    say), not as a problem of the backup."""
    with contextlib.ExitStack() as stack:
        with _staging_errors(area):
            folder = stack.enter_context(staging.work_folder(area))
        yield folder


@contextlib.contextmanager
def _staging_errors(area: Path) -> Iterator[None]:
    try:
        yield
    except CannotWrite as exc:
        if exc.disk_full:
            raise CannotWrite(STAGING_DISK_FULL(folder=str(area.parent)), area, True) from exc
        raise
    except OSError as exc:
        problem = cannot_write(Path(exc.filename) if exc.filename else area, exc)
        if problem.disk_full:
            problem = CannotWrite(STAGING_DISK_FULL(folder=str(area.parent)), area, True)
        raise problem from exc


def sweep_leftovers(paths: SchoolPaths) -> None:
    """Remove what a killed backup, check or restore left in the school's staging areas."""
    staging.sweep(paths.staging)
    staging.sweep(paths.backups / _STAGING_BESIDE)


# Where a backup checked without its school (``verify_backup`` of a file) is unpacked: a private
# folder beside it, removed afterwards; for a backup in the school's backup folder, swept too.
_STAGING_BESIDE = ".staging"


def _staging_area_beside(path: Path) -> Path:
    return path.parent / _STAGING_BESIDE


def _check_unpacked(folder: Path, info: BackupInfo, data_key: bytes, shown: Path) -> BackupInfo:
    keys = _parse_keys((folder / KEYS_MEMBER).read_bytes(), shown)
    if keys.school_uid != info.school_uid:
        raise _damaged(shown, "keys.json belongs to another school than the manifest")
    try:
        db = Database.open(folder / DB_MEMBER, data_key, read_only=True)
    except DamagedData as exc:
        # The hashes matched, so the bytes are as they were written: "not a database" then means
        # the key is another school's.
        if getattr(exc.__cause__, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise DamagedData(BACKUP_WRONG_KEY(path=str(shown))) from exc
        raise _damaged(shown, exc.message.render("en")) from exc
    try:
        problems = db.integrity_problems()
        if problems:
            raise _damaged(shown, "; ".join(problems[:3]))
        try:
            schema = db.user_version
            uid = str(db.scalar("SELECT uid FROM school WHERE id = 1"))
        except dbapi2.Error as exc:  # a snapshot without a school row is not a school's backup
            raise _damaged(shown, str(exc)) from exc
    finally:
        db.close()
    if schema != info.schema_version:
        raise _damaged(shown, f"schema {schema}, manifest says {info.schema_version}")
    if uid != info.school_uid:
        raise _damaged(shown, "the database belongs to another school than the manifest")
    return replace(info, checked_with_key=True)


def _verify(
    path: Path,
    data_key: bytes,
    shown: Path,
    area: Path,
    ask: _Ask = _not_asking,
    phase: str | None = None,
) -> BackupInfo:
    """Unpack into a work folder in ``area`` and check. Asks ``ask(READ)`` before and between
    chunks of the unpacking and ``ask(CHECK)`` before the check; or ``ask(phase)`` for both."""
    with _staged(area) as work:
        ask(phase or READ)
        with _staging_errors(area):
            info = _extract(path, work, shown, lambda: ask(phase or READ))
        ask(phase or CHECK)
        return _check_unpacked(work, info, data_key, shown)


def verify_backup(
    path: Path,
    data_key: bytes,
    *,
    progress: Progress | None = None,
    paths: SchoolPaths | None = None,
) -> BackupInfo:
    """Full check: archive, manifest, hashes, the key file, and the database reopened with the
    data key and checked page by page (HMACs) and structurally. Raises DamagedData otherwise.

    ``progress`` is told of :data:`VERIFY_PHASES` (and asked between chunks of the unpacking); a
    ``False`` raises :class:`Cancelled`. Either way the backup file is only read and the unpacked
    copy is removed. It is unpacked in the staging area of ``paths`` (the school's data folder)
    when given, else in a private folder beside the backup."""
    path = Path(path)
    area = paths.staging if paths is not None else _staging_area_beside(path)
    return _verify(path, data_key, path, area, _asking(VERIFY_PHASES, progress, VERIFY_CANCELLED))


@contextlib.contextmanager
def opened_backup(
    path: Path, data_key: bytes, *, paths: SchoolPaths | None = None
) -> Iterator[Database]:
    """The verified database inside a backup, opened read-only (e.g. to show what it holds).
    Unpacked as :func:`verify_backup` does; removed when the block ends."""
    path = Path(path)
    area = paths.staging if paths is not None else _staging_area_beside(path)
    with _staged(area) as work:
        with _staging_errors(area):
            info = _extract(path, work, path)
        _check_unpacked(work, info, data_key, path)
        db = Database.open(work / DB_MEMBER, data_key, read_only=True)
        try:
            yield db
        finally:
            db.close()


# -- making --------------------------------------------------------------------------------------
def backup_file_name(created_at: dt.datetime, reason: str, n: int = 1) -> str:
    """``2025-10-16T103000-daily.cdbak``: local time first, so names sort by time."""
    suffix = "" if n == 1 else f"-{n}"
    return f"{created_at.strftime(_STAMP_FORMAT)}-{reason}{suffix}{SUFFIX}"


def _unused_path(folder: Path, created_at: dt.datetime, reason: str) -> Path:
    n = 1
    while (folder / backup_file_name(created_at, reason, n)).exists():
        n += 1
    return folder / backup_file_name(created_at, reason, n)


def _private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _sha256_file(path: Path, between: Callable[[], None] = lambda: None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            between()
    return digest.hexdigest()


def _member_info(name: str, created_at: dt.datetime, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=created_at.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16  # a generic unzip tool also gives owner-only files
    info.file_size = size  # lets zipfile choose ZIP64 up front for a database over 2 GiB
    return info


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
    target, info = _write_backup(
        school, Path(target), reason, _asking(BACKUP_PHASES, progress, BACKUP_CANCELLED)
    )
    _log_backup(school, target, reason, info)
    return target


def _write_backup(school: School, target: Path, reason: str, ask: _Ask) -> tuple[Path, BackupInfo]:
    """:func:`create_backup` up to the verified file at its name, without the audit entry."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if school.db.in_transaction:
        # SQLite's backup would wait forever for this connection's own write lock.
        raise UsageError(BACKUP_IN_TRANSACTION)
    created_at = school.now()
    # Before any work: a folder that does not exist (a USB stick not plugged in) or a device.
    check_output_target(target, folder_allowed=True)
    if target.is_dir():
        target = _unused_path(target, created_at, reason)
    if target.resolve() in {p.resolve() for p in school.paths.live_files}:
        raise UsageError(BACKUP_ONTO_LIVE_FILE(path=str(target)))
    ask(SNAPSHOT)
    data_key = school.data_key
    keys_bytes = school.paths.key_file.read_bytes()
    verified: list[BackupInfo] = []
    area = school.paths.staging
    sweep_leftovers(school.paths)
    with _staged(area) as work:
        snapshot = work / DB_MEMBER
        with _staging_errors(area):
            school.db.backup_to(snapshot, data_key)
        anchor = school.audit.anchor()  # the snapshot's trail: no write can come in between
        ask(ARCHIVE)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "school_uid": school.uid,
            "schema_version": school.db.user_version,
            "created_at": created_at.isoformat(timespec="seconds"),
            "program_version": __version__,
            "reason": reason,
            "audit_anchor": asdict(anchor),
            "members": {
                DB_MEMBER: {
                    "sha256": _sha256_file(snapshot, lambda: ask(ARCHIVE)),
                    "size": snapshot.stat().st_size,
                },
                KEYS_MEMBER: {
                    "sha256": hashlib.sha256(keys_bytes).hexdigest(),
                    "size": len(keys_bytes),
                },
            },
        }
        manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")

        def write_archive(temporary: Path) -> None:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
                archive.writestr(
                    _member_info(MANIFEST_MEMBER, created_at, len(manifest_bytes)), manifest_bytes
                )
                with (
                    snapshot.open("rb") as source,
                    archive.open(
                        _member_info(DB_MEMBER, created_at, snapshot.stat().st_size), "w"
                    ) as member,
                ):
                    while chunk := source.read(_CHUNK):
                        member.write(chunk)
                        ask(ARCHIVE)
                archive.writestr(_member_info(KEYS_MEMBER, created_at, len(keys_bytes)), keys_bytes)
            # Read back what was written, before it gets its name: a backup that does not reopen
            # must never sit among the good ones.
            verified.append(_verify(temporary, data_key, target, area, ask, VERIFY))
            ask(VERIFY)  # the last chance to stop, after the check and before the name

        # On the data folder's disk the archive is made in the work folder and renamed into place,
        # so a killed backup leaves nothing beside the target. Stopped or failed, write_with
        # removes the temporary file (and leaving the block the work folder with the snapshot).
        write_with(target, write_archive, staging=work)
    return target, verified[0]


def _log_backup(school: School, target: Path, reason: str, info: BackupInfo) -> None:
    if not school.db.read_only:
        school.log("backup", reason=reason, file=str(target), sha256=info.database_sha256)


# -- automatic backups and rotation --------------------------------------------------------------
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
                stamp = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
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
    _private_dir(school.paths.backups)
    target = _unused_path(school.paths.backups, school.now(), reason)
    made = create_backup(school, target, reason, progress=progress)
    return AutomaticBackup(made, prune_backups(school.paths.backups, protect=made, policy=policy))


def daily_backup_due(paths: SchoolPaths, now: dt.datetime) -> bool:
    """True until a backup of the day's data exists (the one before a restore does not count)."""
    today = now.date()
    return not any(
        b.stamp.date() == today and b.reason != BEFORE_RESTORE
        for b in _named_backups(paths.backups)
    )


def current_school_uid(paths: SchoolPaths) -> str | None:
    """Whose key file the data folder holds; None when there is none or it is damaged."""
    try:
        return KeyFile.load(paths.key_file).school_uid if paths.key_file.exists() else None
    except DamagedData:
        return None


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


# -- restoring -----------------------------------------------------------------------------------
def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # NTFS journals renames; Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_private(paths: SchoolPaths) -> None:
    """Owner-only, as at setup, whatever the umask or the backup's origin: the data folder, the
    database and the key file."""
    for path in (paths.database, paths.key_file):
        os.chmod(path, 0o600)
    if os.name != "nt":  # Windows keeps no such mode on a folder
        os.chmod(paths.root, 0o700)


def _set_aside(paths: SchoolPaths, now: dt.datetime) -> Path | None:
    present = [p for p in paths.live_files if p.exists()]
    if not present:
        return None
    _private_dir(paths.set_aside)
    base = f"before-restore-{now.strftime(_STAMP_FORMAT)}"
    folder, n = paths.set_aside / base, 1
    while folder.exists():
        n += 1
        folder = paths.set_aside / f"{base}-{n}"
    folder.mkdir(mode=0o700)
    for path in present:
        os.replace(path, folder / path.name)  # a rename: never a copy that could be half done
    _fsync_dir(folder)
    _fsync_dir(paths.root)
    return folder


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
    :func:`read_backup_keys` (a new PC, or a damaged key file). Everything is checked before
    anything changes: the archive and its hashes, the database reopened with the key, and the
    school it belongs to. Then the current files move into ``paths.set_aside`` (never deleted) and
    the backup's take their place. An open ``school`` for these paths is backed up (reason
    ``before-restore``) when writable, and closed.

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
    ask = _asking(RESTORE_PHASES, progress, RESTORE_CANCELLED)
    ask(READ)
    now = school.now() if school is not None else clock()
    with _archive(source, source) as archive:
        info = _manifest(archive, source)
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
    made_root = not paths.root.exists()
    _private_dir(paths.root)
    sweep_leftovers(paths)
    try:
        # Unpacked next to the live files so that installing is a rename on the same disk.
        with _staged(paths.staging) as work:
            with _staging_errors(paths.staging):
                unpacked = _extract(source, work, source, lambda: ask(READ))
            ask(CHECK)
            info = _check_unpacked(work, unpacked, data_key, source)
            safety: tuple[Path, BackupInfo] | None = None
            if school is not None and not school.db.closed and not school.db.read_only:
                ask(SAFETY_BACKUP)
                _private_dir(paths.backups)
                target = _unused_path(paths.backups, now, BEFORE_RESTORE)
                safety = _write_backup(school, target, BEFORE_RESTORE, lambda _: ask(SAFETY_BACKUP))
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
            aside = _set_aside(paths, now)
            # Keys first, as at setup: a key file without its database is the easier half to redo.
            os.replace(work / KEYS_MEMBER, paths.key_file)
            os.replace(work / DB_MEMBER, paths.database)
            _make_private(paths)
            _fsync_dir(paths.root)
    except BaseException:
        if made_root:
            with contextlib.suppress(OSError):
                paths.root.rmdir()  # only if empty: an empty folder we made is all we undo
        raise
    logged = _log_restore(paths, data_key, user_name, now, info, aside)
    return RestoreResult(info, aside, safety[0] if safety else None, logged)
