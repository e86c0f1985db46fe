"""Opening the school's SQLCipher database safely.

Opening sets, in this order: silence SQLCipher's own logging, the raw 256-bit key, memory protection,
a first read (which is where a wrong key or a damaged header shows), then WAL with
``synchronous=FULL`` (a commit is on disk when it returns), temporary storage in memory, secure
deletion and foreign keys. All writes go through :meth:`Database.transaction`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from counselor_app.errors import DamagedData
from counselor_app.i18n import msg

REQUIRED_CIPHER_MAJOR = "4."

DATABASE_DAMAGED = msg(
    "数据库文件 {path} 无法读取，可能已损坏（{reason}）。您的密码是正确的。请用“恢复备份”选择最近的完好备份；"
    "当前文件会被保留，不会被覆盖。",
    "The database file {path} cannot be read and may be damaged ({reason}). Your password is "
    "correct. Use 'restore' with the newest good backup; the current file is kept, not overwritten.",
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


def _damaged(path: Path, exc: BaseException) -> DamagedData:
    return DamagedData(DATABASE_DAMAGED(path=str(path), reason=str(exc)))


class Database:
    """One open, keyed connection. Use it from one thread at a time (the UI keeps one DB worker)."""

    def __init__(
        self, connection: Any, path: Path, read_only: bool, read_only_reason: str = ""
    ) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._depth = 0
        self._lock = threading.RLock()
        self._after_commit: dict[str, Callable[[], None]] = {}

    @classmethod
    def open(
        cls, path: Path, data_key: bytes, *, read_only: bool = False, read_only_reason: str = ""
    ) -> Database:
        if not read_only and not path.exists():
            _create_private(path)
        target = f"file:{path.as_posix()}?mode=ro" if read_only else str(path)
        try:
            connection = dbapi2.connect(
                target, uri=read_only, isolation_level=None, check_same_thread=False
            )
        except dbapi2.Error as exc:
            raise _damaged(path, exc) from exc
        connection.row_factory = dbapi2.Row
        try:
            _configure(connection, data_key, read_only)
        except dbapi2.DatabaseError as exc:
            connection.close()
            raise _damaged(path, exc) from exc
        return cls(connection, path, read_only, read_only_reason)

    # -- queries -------------------------------------------------------------------------------
    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._lock:
            return self._connection.execute(sql, parameters)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> Any:
        with self._lock:
            return self._connection.executemany(sql, rows)

    def query(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self._lock:
            return list(self._connection.execute(sql, parameters).fetchall())

    def query_one(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchone()

    def scalar(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, parameters)
        return None if row is None else row[0]

    def executescript(self, script: str) -> None:
        with self._lock:
            self._connection.executescript(script)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing. Nested use becomes a savepoint, so a service can call another service."""
        if self.read_only:
            from counselor_app.errors import DamagedData

            raise DamagedData(READ_ONLY(reason=self.read_only_reason or "read-only"))
        with self._lock:
            self._depth += 1
            savepoint = f"sp{self._depth}"
            outer = self._depth == 1
            self._connection.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if outer:
                    self._connection.execute("ROLLBACK")
                    self._after_commit.clear()
                else:
                    self._connection.execute(f"ROLLBACK TO {savepoint}")
                    self._connection.execute(f"RELEASE {savepoint}")
                raise
            else:
                self._connection.execute("COMMIT" if outer else f"RELEASE {savepoint}")
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
        """A consistent, encrypted snapshot, safe while others use this connection."""
        destination = dbapi2.connect(str(target), isolation_level=None)
        try:
            _keying(destination, data_key)
            with self._lock:
                self._connection.backup(destination)
        finally:
            destination.close()

    def checkpoint(self) -> None:
        with self._lock:
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
