"""Bringing a database to the current schema, and refusing one from a newer release."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counselor_app.errors import DamagedData
from counselor_app.i18n import msg
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import SCHEMA_VERSION, all_migrations

NEWER_SCHEMA = msg(
    "这个数据库由更新版本的心理辅导工作台创建（数据结构 {found}，本程序只认识到 {known}）。"
    "请安装最新版本后再打开，数据没有被改动。",
    "This database was made by a newer Counselor Desk (schema {found}; this program knows up to "
    "{known}). Install the newest version to open it; nothing was changed.",
)


def migrate(db: Database, data_key: bytes, set_aside_dir: Path, now: dt.datetime) -> list[int]:
    """Apply the migrations the database lacks; return the versions applied.

    Before upgrading a database that already holds data, an encrypted copy of it is kept in
    ``set_aside_dir``, so a failed or regretted upgrade can be undone by hand.
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
    applied = []
    for migration in pending:
        # executescript would commit on its own; run the statements inside our transaction instead.
        with db.transaction():
            for statement in _statements(migration.sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {migration.version:d}")
        applied.append(migration.version)
    return applied


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
