"""Opening the school's SQLCipher database safely.

Opening sets, in this order: silence SQLCipher's own logging, the raw 256-bit key, memory protection,
a first read (which is where a wrong key or a damaged header shows), then WAL with
``synchronous=FULL`` (a commit is on disk when it returns), temporary storage in memory, secure
deletion and foreign keys. All writes go through :meth:`Database.transaction`.

Errors that mean the file is damaged (SQLite's CORRUPT and NOTADB, which is also what a failed page
HMAC gives) become :class:`DamagedData` naming the file, saying it was not changed and where the
newest good backup is (``damage_hint``), wherever they surface: opening, a query deep inside a
report, a commit. A full disk or a file we may not write becomes
:class:`~counselor_app.foundation.atomic_files.CannotWrite`. Constraint errors and mistakes in our own SQL
stay as they are. An existing empty file is refused as damage: SQLCipher would take it for a new
database and the school's data would be silently replaced by an empty one.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from counselor_app.foundation.atomic_files import CannotWrite, cannot_write
from counselor_app.foundation.errors import DamagedData
from counselor_app.foundation.i18n import Message, msg

REQUIRED_CIPHER_MAJOR = "4."
IN_BATCH = 900  # ids bound at a time by Database.query_in

DATABASE_DAMAGED = msg(
    "数据库文件 {path} 已损坏，无法读取（{reason}）。该文件没有被改动。{hint}",
    "The database file {path} is damaged and cannot be read ({reason}). The file was not changed. "
    "{hint}",
)
DATABASE_DAMAGED_AT_OPEN = msg(
    "数据库文件 {path} 已损坏，无法打开（{reason}）。您的密码是正确的；该文件没有被改动。{hint}",
    "The database file {path} is damaged and cannot be opened ({reason}). Your password is "
    "correct; the file was not changed. {hint}",
)
DATABASE_EMPTY = msg(
    "数据库文件 {path} 是空的（0 字节），学校的数据不在其中，可能是复制或保存时出了问题。"
    "该文件没有被改动，也不会被新数据覆盖。{hint}",
    "The database file {path} is empty (0 bytes): the school's data is not in it, perhaps because a "
    "copy or a save went wrong. The file was not changed and will not be replaced by new data. "
    "{hint}",
)
RESTORE_HINT = msg(
    "请用“恢复备份”（命令行：counselor-app restore）选择最近的完好备份；当前文件会被移到一旁保留，"
    "不会被覆盖。",
    "Restore the newest good backup ('restore' on the command line); the current file is moved "
    "aside and kept, not overwritten.",
)
DATABASE_BUSY = msg(
    "数据库文件 {path} 正被另一个程序占用，请稍后再试。",
    "The database file {path} is in use by another program; try again in a moment.",
)
WRONG_SQLCIPHER = msg(
    "本程序需要 SQLCipher 4，但找到的是 {version}。请重新安装本程序。",
    "This program needs SQLCipher 4 but found {version}. Please reinstall the program.",
)
READ_ONLY = msg(
    "数据库已按只读方式打开（{reason}），现在不能保存修改。",
    "The database was opened read-only ({reason}); changes cannot be saved now.",
)

Row = dbapi2.Row
log = logging.getLogger(__name__)

#: Tells where the newest good backup is, when the damage is found (it costs a look at the backups).
DamageHint = Callable[[], Message]


def _default_hint() -> Message:
    return RESTORE_HINT


# sqlite3_errstr() of the codes we act on, for errors that come without their name (backup()).
_NAMES_BY_TEXT = {
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "database is locked": "SQLITE_BUSY",
}
# An I/O error with less than this left on the disk is a full disk in all but name: SQLite says
# "disk I/O error" when it cannot grow its shared-memory file, for one.
_NEARLY_FULL_BYTES = 1 << 20


def _error_name(exc: dbapi2.Error) -> str:
    name = getattr(exc, "sqlite_errorname", None)
    return str(name) if name else _NAMES_BY_TEXT.get(str(exc), "")


def _io_error(path: Path) -> OSError:
    try:
        full = shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        full = False
    code = errno.ENOSPC if full else errno.EIO
    return OSError(code, os.strerror(code))


def _is_damage(exc: dbapi2.Error) -> bool:
    name = _error_name(exc)
    # A failed page HMAC is reported by SQLCipher as CORRUPT (or NOTADB on page 1); a short read
    # means the file ends before its pages do.
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or name in (
        "SQLITE_IOERR_SHORT_READ",
        "SQLITE_IOERR_READ",
    )


def _damage(exc: dbapi2.Error, path: Path, hint: DamageHint, *, opening: bool) -> DamagedData:
    message = DATABASE_DAMAGED_AT_OPEN if opening else DATABASE_DAMAGED
    return DamagedData(message(path=str(path), reason=str(exc), hint=hint()))


def _better_error(
    exc: dbapi2.Error, path: Path, hint: DamageHint, *, opening: bool = False
) -> Exception | None:
    """The error to raise instead of ``exc`` (damage, a full disk, a file we may not write), or
    None when ``exc`` should propagate as it is (constraints, our own SQL)."""
    if isinstance(exc, dbapi2.IntegrityError):
        return None
    name = _error_name(exc)
    if _is_damage(exc):
        return _damage(exc, path, hint, opening=opening)
    if name == "SQLITE_FULL":
        return cannot_write(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return cannot_write(path, OSError(errno.EACCES, os.strerror(errno.EACCES)))
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return CannotWrite(DATABASE_BUSY(path=str(path)), path)
    if name.startswith("SQLITE_IOERR"):
        return cannot_write(path, _io_error(path))
    return None


class Database:
    """One open, keyed connection. Use it from one thread at a time (the UI keeps one DB worker)."""

    def __init__(
        self,
        connection: Any,
        path: Path,
        read_only: bool,
        read_only_reason: str = "",
        damage_hint: DamageHint = _default_hint,
    ) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._damage_hint = damage_hint
        self._depth = 0
        self._lock = threading.RLock()
        self._after_commit: dict[str, Callable[[], None]] = {}

    @classmethod
    def open(
        cls,
        path: Path,
        data_key: bytes,
        *,
        read_only: bool = False,
        read_only_reason: str = "",
        damage_hint: DamageHint = _default_hint,
    ) -> Database:
        """Open ``path`` with the data key; a missing file is created (owner-only) unless
        ``read_only``. Damage found on the way raises DamagedData and leaves the file as it was."""
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = None
        except OSError as exc:
            raise DamagedData(
                DATABASE_DAMAGED_AT_OPEN(path=str(path), reason=exc.strerror, hint=damage_hint())
            ) from exc
        if size == 0:
            raise DamagedData(DATABASE_EMPTY(path=str(path), hint=damage_hint()))
        if size is None and not read_only:
            try:
                _create_private(path)
            except OSError as exc:
                raise cannot_write(path, exc) from exc
        target = f"file:{path.as_posix()}?mode=ro" if read_only else str(path)
        try:
            connection = dbapi2.connect(
                target, uri=read_only, isolation_level=None, check_same_thread=False
            )
        except dbapi2.Error as exc:
            raise _at_open(exc, path, damage_hint) from exc
        connection.row_factory = dbapi2.Row
        try:
            _configure(connection, data_key, read_only)
        except dbapi2.DatabaseError as exc:
            connection.close()
            raise _at_open(exc, path, damage_hint) from exc
        return cls(connection, path, read_only, read_only_reason, damage_hint)

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """Hold the connection's lock; turn SQLite's damage and disk errors into ours."""
        with self._lock:
            try:
                yield
            except dbapi2.Error as exc:
                better = _better_error(exc, self.path, self._damage_hint)
                if better is None:
                    raise
                raise better from exc

    # -- queries -------------------------------------------------------------------------------
    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._translated():
            return self._connection.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> Any:
        with self._translated():
            return self._connection.executemany(sql, rows)

    def query(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self._translated():
            return list(self._connection.execute(sql, parameters).fetchall())

    def query_in(self, sql: str, ids: Sequence[Any]) -> list[Any]:
        """The rows of ``sql`` for every one of ``ids``; the SQL names them ``IN ({ids})``, the
        only text replaced (other braces, as in a JSON path, stay as written).

        The ids are bound a batch at a time, since SQLite refuses a statement with more than a
        few thousand parameters (999 before 3.32).
        """
        rows: list[Any] = []
        for start in range(0, len(ids), IN_BATCH):
            chunk = ids[start : start + IN_BATCH]
            rows += self.query(sql.replace("{ids}", ",".join("?" * len(chunk))), chunk)
        return rows

    def query_one(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._translated():
            return self._connection.execute(sql, parameters).fetchone()

    def scalar(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, parameters)
        return None if row is None else row[0]

    def executescript(self, script: str) -> None:
        with self._translated():
            self._connection.executescript(script)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing. Nested use becomes a savepoint, so a service can call another service."""
        if self.read_only:
            raise DamagedData(READ_ONLY(reason=self.read_only_reason or "read-only"))
        with self._lock:
            self._depth += 1
            savepoint = f"sp{self._depth}"
            outer = self._depth == 1
            try:
                with self._translated():
                    self._connection.execute(
                        "BEGIN IMMEDIATE" if outer else f"SAVEPOINT {savepoint}"
                    )
                try:
                    yield self
                    with self._translated():
                        self._connection.execute("COMMIT" if outer else f"RELEASE {savepoint}")
                except BaseException:
                    self._roll_back(outer, savepoint)
                    raise
            finally:
                self._depth -= 1
            if outer:
                self._run_after_commit()

    def after_commit(self, name: str, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the outermost transaction commits (dropped if it rolls back).
        Registering the same ``name`` again in one transaction replaces the earlier callback."""
        with self._lock:
            self._after_commit[name] = callback
            if self._depth == 0:
                self._run_after_commit()

    def _run_after_commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, {}
        for name, callback in callbacks.items():
            try:
                callback()
            except Exception as exc:  # the commit stands; what follows it must not undo that
                log.warning("after-commit step %s failed: %s", name, type(exc).__name__)

    def _roll_back(self, outer: bool, savepoint: str) -> None:
        if outer:
            self._after_commit.clear()  # nothing was committed: nothing follows
        # SQLite may already have rolled the transaction back itself (a full disk, a damaged
        # page); a second ROLLBACK would then fail and hide the error that matters.
        with contextlib.suppress(dbapi2.Error):
            if not self._connection.in_transaction:
                return
            if outer:
                self._connection.execute("ROLLBACK")
            else:
                self._connection.execute(f"ROLLBACK TO {savepoint}")
                self._connection.execute(f"RELEASE {savepoint}")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- health --------------------------------------------------------------------------------
    def integrity_problems(self, *, thorough: bool = True) -> list[str]:
        """Damaged pages, and with ``thorough`` SQLite's structural check too. Empty = healthy.

        The page check verifies every page's HMAC, so any changed byte is found; it is cheap and
        runs at every unlock. The structural check costs about 50 ms a megabyte here and runs
        when a backup is verified (daily), so unlocking stays fast as the years of records grow.
        """
        with self._lock:
            try:
                problems = [
                    str(row[0]) for row in self._connection.execute("PRAGMA cipher_integrity_check")
                ]
                if not thorough:
                    return problems
                quick = [str(row[0]) for row in self._connection.execute("PRAGMA quick_check")]
            except dbapi2.DatabaseError as exc:
                return [str(exc)]
        return problems + [line for line in quick if line != "ok"]

    def backup_to(self, target: Path, data_key: bytes) -> None:
        """A consistent, encrypted snapshot, safe while others use this connection. A damaged
        page of this database raises DamagedData; a full disk at ``target`` CannotWrite."""
        try:
            destination = dbapi2.connect(str(target), isolation_level=None)
        except dbapi2.Error as exc:
            raise _about_target(exc, target) from exc
        try:
            _keying(destination, data_key)
            with self._lock:
                self._connection.backup(destination)
        except dbapi2.Error as exc:
            # Only our own pages can be damaged; any other failure is about writing the copy.
            if _is_damage(exc):
                raise _damage(exc, self.path, self._damage_hint, opening=False) from exc
            raise _about_target(exc, target) from exc
        finally:
            destination.close()

    def checkpoint(self) -> None:
        with self._translated():
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                with contextlib.suppress(dbapi2.Error):
                    if not self.read_only:
                        self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._connection.close()
                self._connection = None

    @property
    def closed(self) -> bool:
        return self._connection is None

    @property
    def user_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))


def _at_open(exc: dbapi2.Error, path: Path, hint: DamageHint) -> Exception:
    """What opening failed with: damage (the default, as a file we cannot open is unreadable data)
    or a full disk or a file we may not write."""
    better = _better_error(exc, path, hint, opening=True)
    if isinstance(better, (DamagedData, CannotWrite)):
        return better
    return DamagedData(DATABASE_DAMAGED_AT_OPEN(path=str(path), reason=str(exc), hint=hint()))


def _about_target(exc: dbapi2.Error, target: Path) -> Exception:
    name = _error_name(exc)
    if name == "SQLITE_FULL":
        return cannot_write(target, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN")):
        return cannot_write(target, OSError(errno.EACCES, os.strerror(errno.EACCES)))
    return cannot_write(target, _io_error(target))


def _create_private(path: Path) -> None:
    """An empty owner-only file; SQLite then gives its -wal and -shm files the same permissions."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _keying(connection: Any, data_key: bytes) -> None:
    if len(data_key) != 32:
        raise ValueError("the data key must be 32 bytes")
    connection.execute("PRAGMA cipher_log_level = NONE")
    # PRAGMA key takes no parameters; the key is hex we made ourselves, never user text.
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    connection.execute("PRAGMA cipher_memory_security = ON")


def _configure(connection: Any, data_key: bytes, read_only: bool) -> None:
    _keying(connection, data_key)
    version = connection.execute("PRAGMA cipher_version").fetchone()
    if version is None or not str(version[0]).startswith(REQUIRED_CIPHER_MAJOR):
        raise DamagedData(WRONG_SQLCIPHER(version=version[0] if version else "none"))
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # wrong key fails here
    if not read_only:
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise dbapi2.DatabaseError(f"journal mode stayed {mode}")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA cache_size = -32000")  # 32 MB: pages are decrypted once, not again


def sqlcipher_version() -> str:
    connection = dbapi2.connect(":memory:")
    try:
        return str(connection.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        connection.close()
