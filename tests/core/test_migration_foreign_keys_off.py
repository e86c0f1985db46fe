"""A migration that declares ``-- foreign_keys: off`` runs as SQLite's 12-step table change:
foreign keys off around its transaction, every reference checked before it commits, foreign keys
on again afterwards whatever happened."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from counselor_app.foundation.errors import DamagedData
from counselor_app.storage import schema
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import Migration
from tests.conftest import CHINA

NOW = dt.datetime(2025, 3, 11, 9, 0, tzinfo=CHINA)


def _migrate(db: Database, key: bytes, folder: Path) -> list[int]:
    return schema.migrate(db, key, folder / "set-aside", NOW)


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in db.query(sql)]


@pytest.fixture
def parent_and_child(tmp_path: Path) -> tuple[Database, bytes]:
    """A parent table whose child deletes with it (CASCADE): dropping the parent with foreign keys
    on would empty the child."""
    key = os.urandom(32)
    db = Database.open(tmp_path / "t.db", key)
    db.executescript(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY,"
        " parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);"
        "INSERT INTO parent VALUES (1, 'a'), (2, 'b');"
        "INSERT INTO child VALUES (10, 1), (11, 2), (12, 2);"
        "PRAGMA user_version = 1;"
    )
    return db, key


REBUILD_PARENT = (
    "-- foreign_keys: off\n"
    "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n"
    "INSERT INTO parent_new SELECT id, coalesce(name, '') FROM parent;\n"
    "DROP TABLE parent;\n"
    "ALTER TABLE parent_new RENAME TO parent;\n"
)


def _with_migration(monkeypatch: pytest.MonkeyPatch, sql: str) -> None:
    monkeypatch.setattr(
        schema, "all_migrations", lambda: [Migration(1, "base", ""), Migration(2, "test", sql)]
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)


def test_the_marker_on_the_first_line_asks_for_foreign_keys_off():
    assert Migration(1, "x", "-- foreign_keys: off\nSELECT 1;").foreign_keys_off
    assert not Migration(1, "x", "SELECT 1;\n-- foreign_keys: off\n").foreign_keys_off


def test_a_rebuilt_parent_keeps_its_children_and_foreign_keys_come_back_on(
    parent_and_child, monkeypatch, tmp_path
):
    db, key = parent_and_child
    _with_migration(monkeypatch, REBUILD_PARENT)

    assert _migrate(db, key, tmp_path) == [2]

    assert rows(db, "SELECT * FROM child ORDER BY id") == [(10, 1), (11, 2), (12, 2)]
    assert db.scalar("PRAGMA foreign_keys") == 1
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO child VALUES (13, 99)")
    db.execute("DELETE FROM parent WHERE id = 2")  # the new parent still cascades
    assert rows(db, "SELECT id FROM child") == [(10,)]


def test_a_dangling_reference_undoes_the_whole_migration(parent_and_child, monkeypatch, tmp_path):
    db, key = parent_and_child
    _with_migration(monkeypatch, REBUILD_PARENT + "DELETE FROM parent WHERE id = 1;\n")

    with pytest.raises(DamagedData) as refused:
        _migrate(db, key, tmp_path)

    assert "child" in refused.value.message.render("en")
    assert "没有被改动" in refused.value.message.render("zh")
    assert db.user_version == 1
    assert rows(db, "SELECT * FROM parent ORDER BY id") == [(1, "a"), (2, "b")]
    assert rows(db, "SELECT name FROM sqlite_master WHERE name = 'parent_new'") == []
    assert db.scalar("PRAGMA foreign_keys") == 1  # on again after the failure too


def test_a_failing_statement_also_turns_foreign_keys_back_on(
    parent_and_child, monkeypatch, tmp_path
):
    db, key = parent_and_child
    _with_migration(monkeypatch, REBUILD_PARENT + "INSERT INTO nowhere VALUES (1);\n")

    with pytest.raises(dbapi2.OperationalError):
        _migrate(db, key, tmp_path)

    assert db.user_version == 1 and db.scalar("PRAGMA foreign_keys") == 1
    assert rows(db, "SELECT count(*) FROM child") == [(3,)]
