"""Bringing a database to the current schema, and refusing one from a newer release."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from counselor_app.foundation.errors import DamagedData
from counselor_app.foundation.i18n import msg
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import SCHEMA_VERSION, Migration, all_migrations

NEWER_SCHEMA = msg(
    "这个数据库由更新版本的心理辅导工作台创建（数据结构 {found}，本程序只认识到 {known}）。"
    "请安装最新版本后再打开，数据没有被改动。",
    "This database was made by a newer Counselor Desk (schema {found}; this program knows up to "
    "{known}). Install the newest version to open it; nothing was changed.",
)
DANGLING_REFERENCES = msg(
    "无法升级到数据结构 {version}：数据库中有 {count} 处记录引用了不存在的记录（{tables}）。"
    "升级已撤销，数据没有被改动。请用“恢复备份”选择最近的完好备份，或联系技术支持。",
    "Cannot upgrade to schema {version}: {count} records refer to records that do not exist "
    "({tables}). The upgrade was undone and nothing was changed. Restore the newest good backup, "
    "or ask for support.",
    en_one="Cannot upgrade to schema {version}: 1 record refers to a record that does not exist "
    "({tables}). The upgrade was undone and nothing was changed. Restore the newest good backup, "
    "or ask for support.",
)


def migrate(db: Database, data_key: bytes, set_aside_dir: Path, now: dt.datetime) -> list[int]:
    """Apply the migrations the database lacks; return the versions applied.

    Before upgrading a database that already holds data, an encrypted copy of it is kept in
    ``set_aside_dir``, so a failed or regretted upgrade can be undone by hand. ``now`` is the
    school's clock; a migration sees its date as ``:today``.
    """
    found = db.user_version
    if found > SCHEMA_VERSION:
        raise DamagedData(NEWER_SCHEMA(found=found, known=SCHEMA_VERSION))
    pending = [m for m in all_migrations() if m.version > found]
    if not pending:
        return []
    if found > 0:
        set_aside_dir.mkdir(parents=True, exist_ok=True)
        stamp = now.strftime("%Y%m%dT%H%M%S")
        db.backup_to(set_aside_dir / f"before-schema-{pending[0].version}-{stamp}.db", data_key)
    parameters = {"today": now.date().isoformat()}
    applied = []
    for migration in pending:
        if migration.foreign_keys_off:
            _apply_with_foreign_keys_off(db, migration, parameters)
        else:
            _apply(db, migration, parameters)
        applied.append(migration.version)
    return applied


def _apply(db: Database, migration: Migration, parameters: dict[str, Any]) -> None:
    # executescript would commit on its own; run the statements inside our transaction instead.
    with db.transaction():
        for statement in _statements(migration.sql):
            db.execute(statement, parameters)
        db.execute(f"PRAGMA user_version = {migration.version:d}")


def _apply_with_foreign_keys_off(
    db: Database, migration: Migration, parameters: dict[str, Any]
) -> None:
    """SQLite's 12-step table change (see ``migrations``): foreign keys off around the
    transaction, every reference checked before it commits."""
    if db.in_transaction:
        # PRAGMA foreign_keys is silently ignored inside a transaction.
        raise RuntimeError("a foreign_keys: off migration must not run inside a transaction")
    was_on = bool(db.scalar("PRAGMA foreign_keys"))
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.transaction():
            for statement in _statements(migration.sql):
                db.execute(statement, parameters)
            dangling = db.query("PRAGMA foreign_key_check")
            if dangling:
                tables = sorted({str(row[0]) for row in dangling})
                raise DamagedData(
                    DANGLING_REFERENCES(
                        version=migration.version, count=len(dangling), tables=", ".join(tables)
                    )
                )
            db.execute(f"PRAGMA user_version = {migration.version:d}")
    finally:
        db.execute(f"PRAGMA foreign_keys = {'ON' if was_on else 'OFF'}")


def _statements(script: str) -> list[str]:
    from sqlcipher3 import dbapi2

    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if dbapi2.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete statement at the end of a migration: {current[:80]!r}")
    return statements
