"""The backup archive of a school's data folder: its format, writing one from a snapshot of the open
database, checking one, and unpacking one to install in place of the live files.

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

This is storage: it knows the data folder, the database and the key file, never the open school,
its users or its audit policy. Making a backup of an open school and restoring a school from one
(with the audit entries, the safety backup and closing the school) are
:mod:`counselor_app.school.backups`; naming, listing and rotating the backups in the school's
backup folder are :mod:`counselor_app.storage.backup_rotation`.

What this module must never do: write anything about a student in plaintext; delete, truncate or
overwrite the live database or key file (a restore moves them into ``set-aside``); install a backup
it has not fully verified. It never imports Qt and never asks questions: the caller gets the key
from the person and passes it in.

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
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from sqlcipher3 import dbapi2

from counselor_app import __version__
from counselor_app.foundation.atomic_files import (
    CannotWrite,
    cannot_write,
    check_output_target,
    write_with,
)
from counselor_app.foundation.errors import DamagedData, UsageError
from counselor_app.foundation.i18n import Message, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.foundation.progress import PhaseProgress, Phases
from counselor_app.storage import staging
from counselor_app.storage.audit import AuditLog
from counselor_app.storage.database import Database
from counselor_app.storage.keys import AuditAnchor, KeyFile

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

#: Local time in a backup's file name (and a set-aside folder's), so names sort by time.
STAMP_FORMAT = "%Y-%m-%dT%H%M%S"
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
BACKUP_WRONG_KEY = msg(
    "备份 {path} 无法用这把密钥打开，它很可能属于另一所学校。"
    "请用备份里的账户密码或恢复密钥解锁备份后再试。当前数据没有任何改动。",
    "The backup {path} cannot be opened with this key; it most likely belongs to another school. "
    "Unlock the backup with one of its own passwords or its recovery key and try again. Nothing "
    "was changed.",
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


#: Asks the caller whether to go on with ``phase``; raises :class:`Cancelled` when told to stop.
Ask = Callable[[str], None]


def asking(phases: tuple[str, ...], progress: Progress | None, cancelled: Message) -> Ask:
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
    ask: Ask = _not_asking,
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
    return _verify(path, data_key, path, area, asking(VERIFY_PHASES, progress, VERIFY_CANCELLED))


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
    return f"{created_at.strftime(STAMP_FORMAT)}-{reason}{suffix}{SUFFIX}"


def unused_path(folder: Path, created_at: dt.datetime, reason: str) -> Path:
    n = 1
    while (folder / backup_file_name(created_at, reason, n)).exists():
        n += 1
    return folder / backup_file_name(created_at, reason, n)


def private_dir(folder: Path) -> None:
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


class BackupSource(Protocol):
    """What a backup is made from: the open database of a data folder, its data key and its
    audit trail. An open :class:`counselor_app.school.core.School` is one; storage does not know it."""

    @property
    def db(self) -> Database: ...
    @property
    def paths(self) -> SchoolPaths: ...
    @property
    def data_key(self) -> bytes: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def uid(self) -> str: ...
    def now(self) -> dt.datetime: ...


def write_backup(
    school: BackupSource, target: Path, reason: str, ask: Ask = _not_asking
) -> tuple[Path, BackupInfo]:
    """Write a verified backup of ``school`` to ``target`` (a file, or a folder to put one in);
    return where it went and what it holds. Nothing is written to the audit trail.

    The file appears at ``target`` only after it was reopened and checked with the data key; a
    backup that cannot be made or verified, or that ``ask`` stops, leaves nothing behind. Asks
    ``ask`` of :data:`BACKUP_PHASES` as :func:`counselor_app.school.backups.create_backup` says."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if school.db.in_transaction:
        # SQLite's backup would wait forever for this connection's own write lock.
        raise UsageError(BACKUP_IN_TRANSACTION)
    created_at = school.now()
    # Before any work: a folder that does not exist (a USB stick not plugged in) or a device.
    check_output_target(target, folder_allowed=True)
    if target.is_dir():
        target = unused_path(target, created_at, reason)
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


def current_school_uid(paths: SchoolPaths) -> str | None:
    """Whose key file the data folder holds; None when there is none or it is damaged."""
    try:
        return KeyFile.load(paths.key_file).school_uid if paths.key_file.exists() else None
    except DamagedData:
        return None


# -- installing a backup in place of the live files ---------------------------------------------
def read_manifest(path: Path) -> BackupInfo:
    """What the backup's manifest says; checks the archive's structure, not the members' hashes."""
    with _archive(path, path) as archive:
        return _manifest(archive, path)


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
    private_dir(paths.set_aside)
    base = f"before-restore-{now.strftime(STAMP_FORMAT)}"
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


@dataclass(frozen=True)
class UnpackedBackup:
    """A backup unpacked next to the live files and fully checked with the data key."""

    paths: SchoolPaths
    work: Path
    info: BackupInfo

    def install(self, now: dt.datetime) -> Path | None:
        """Move the live database and key file into a new folder in ``set-aside`` (never deleted)
        and put the backup's in their place; return that folder (None if there were no files)."""
        aside = _set_aside(self.paths, now)
        # Keys first, as at setup: a key file without its database is the easier half to redo.
        os.replace(self.work / KEYS_MEMBER, self.paths.key_file)
        os.replace(self.work / DB_MEMBER, self.paths.database)
        _make_private(self.paths)
        _fsync_dir(self.paths.root)
        return aside


@contextlib.contextmanager
def unpacked_for_restore(
    paths: SchoolPaths, source: Path, data_key: bytes, ask: Ask = _not_asking
) -> Iterator[UnpackedBackup]:
    """``source`` unpacked in the staging area of ``paths`` and checked, for the block to install
    (or not). Asks ``ask(READ)`` before and between chunks of the unpacking and ``ask(CHECK)``
    before the check. Whatever happens, the unpacked copy is removed when the block ends, and a
    data folder this made is removed again if the block fails while it is still empty."""
    made_root = not paths.root.exists()
    private_dir(paths.root)
    sweep_leftovers(paths)
    try:
        # Unpacked next to the live files so that installing is a rename on the same disk.
        with _staged(paths.staging) as work:
            with _staging_errors(paths.staging):
                unpacked = _extract(source, work, source, lambda: ask(READ))
            ask(CHECK)
            info = _check_unpacked(work, unpacked, data_key, source)
            yield UnpackedBackup(paths, work, info)
    except BaseException:
        if made_root:
            with contextlib.suppress(OSError):
                paths.root.rmdir()  # only if empty: an empty folder we made is all we undo
        raise
