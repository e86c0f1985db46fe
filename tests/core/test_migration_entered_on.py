"""Migration 5: a session's entry date may be unknown. The table rebuild keeps every row, id,
constraint, index and link, with foreign keys on (as the program opens the database) or off."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlcipher3 import dbapi2

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import unlock
from counselor_app.storage import schema
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import SCHEMA_VERSION, all_migrations
from tests.conftest import NOW

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema1"
REBUILT = 5


def apply_migrations(db: Database, up_to: int) -> None:
    """Bring an empty database to schema ``up_to`` exactly as a release of that schema did."""
    for migration in all_migrations()[:up_to]:
        with db.transaction():
            for statement in schema._statements(migration.sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {migration.version:d}")


def _fill(db: Database) -> None:
    """Two counsellors, three students, individual and group sessions, and their links."""
    with db.transaction():
        db.executemany(
            "INSERT INTO staff (id, staff_no, name) VALUES (?, ?, ?)",
            [(1, "T01", "李老师"), (2, "T02", "王老师")],
        )
        db.execute("INSERT INTO class (id, class_code, grade, name) VALUES (1, '0501', 5, '五1')")
        db.executemany(
            "INSERT INTO student (id, student_no, name, sex, class_id) VALUES (?, ?, ?, ?, 1)",
            [(1, "S1", "陈喆", "M"), (2, "S2", "林玥", "F"), (3, "S3", "周昇", "M")],
        )
        # Ids with gaps (deleted sessions), so that keeping ids is shown, not assumed.
        db.executemany(
            "INSERT INTO counselling_session (id, date, start_time, minutes, kind, counsellor_id,"
            " source, topic, summary, follow_up, risk_level, entered_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (3, "2025-09-08", "14:00", 50, "individual", 1, "walk_in", "study", "摘要一",
                 "两周后回访", 1, "2025-09-08"),
                (7, "2025-09-09", "15:30", 90, "group", 2, None, "relationships", None, None,
                 None, "2025-09-20"),
                (8, "2025-09-10", "08:00", 40, "individual", 2, "crisis", "emotion", "危机",
                 "转介", 3, "2025-09-10"),
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO session_student (session_id, student_id) VALUES (?, ?)",
            [(3, 1), (7, 1), (7, 2), (7, 3), (8, 3)],
        )


def _schema4(folder: Path) -> tuple[Database, bytes]:
    key = os.urandom(32)
    db = Database.open(folder / "school.db", key)
    apply_migrations(db, REBUILT - 1)
    _fill(db)
    return db, key


@pytest.fixture
def migrate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[[Database, bytes], list[int]]:
    """The program's own upgrade path, stopped at schema 5 so that later migrations do not blur
    what this one changed."""
    monkeypatch.setattr(schema, "all_migrations", lambda: all_migrations()[:REBUILT])

    def run(db: Database, key: bytes) -> list[int]:
        return schema.migrate(db, key, tmp_path / "set-aside", NOW)

    return run


def _plain_sql(sql: str) -> str:
    """A CREATE statement without the quotes ALTER TABLE RENAME puts around table names."""
    return re.sub(r'"(\w+)"', r"\1", sql)


def snapshot(db: Database) -> dict[str, Any]:
    """Every table's columns, indexes (with their columns), foreign keys, CREATE text and rows."""
    shape: dict[str, Any] = {}
    for table, sql in db.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ):
        indexes = {
            row["name"]: (
                tuple(row),
                [tuple(c) for c in db.query(f"PRAGMA index_xinfo('{row['name']}')")],
                db.scalar("SELECT sql FROM sqlite_master WHERE name = ?", (row["name"],)),
            )
            for row in db.query(f"PRAGMA index_list('{table}')")
        }
        shape[table] = {
            "columns": [tuple(c) for c in db.query(f"PRAGMA table_xinfo('{table}')")],
            "indexes": indexes,
            "foreign_keys": [tuple(f) for f in db.query(f"PRAGMA foreign_key_list('{table}')")],
            "sql": _plain_sql(sql),
            "rows": [tuple(r) for r in db.query(f"SELECT * FROM {table} ORDER BY 1, 2")],
        }
    shape["<other objects>"] = sorted(
        tuple(r)
        for r in db.query("SELECT type, name, tbl_name FROM sqlite_master WHERE type != 'table'")
    )
    return shape


def _entered_on_not_null(db: Database) -> int:
    columns = {c["name"]: c for c in db.query("PRAGMA table_info(counselling_session)")}
    return int(columns["entered_on"]["notnull"])


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
def test_the_rebuild_keeps_every_row_link_constraint_and_index(tmp_path, migrate, foreign_keys):
    db, key = _schema4(tmp_path)
    before = snapshot(db)
    db.execute(f"PRAGMA foreign_keys = {foreign_keys}")

    assert migrate(db, key) == [REBUILT]

    after = snapshot(db)
    assert db.user_version == REBUILT
    # The one intended change: entered_on loses NOT NULL (column 11 of table_xinfo, field 3).
    expected = before["counselling_session"]
    expected["columns"][11] = (11, "entered_on", "TEXT", 0, None, 0, 0)
    expected["sql"] = expected["sql"].replace(
        "entered_on    TEXT NOT NULL CHECK", "entered_on    TEXT CHECK"
    )
    assert after == before
    # session_student's five links survived the drop of the old session table (no cascade).
    assert len(after["session_student"]["rows"]) == 5
    assert db.query("PRAGMA foreign_key_check") == []
    assert db.scalar("PRAGMA integrity_check") == "ok"
    assert db.query("SELECT name FROM sqlite_temp_master") == []


def test_after_the_rebuild_an_unknown_entry_date_is_accepted_and_every_rule_still_holds(
    tmp_path, migrate
):
    db, key = _schema4(tmp_path)
    migrate(db, key)
    assert _entered_on_not_null(db) == 0
    insert = (
        "INSERT INTO counselling_session (date, start_time, minutes, kind, counsellor_id,"
        " entered_on) VALUES ('2025-09-11', '10:00', 50, 'individual', ?, ?)"
    )
    db.execute(insert, (1, None))
    for bad in ("", "2025-9-11", "昨天"):
        with pytest.raises(dbapi2.IntegrityError, match="CHECK constraint failed: entered_on"):
            db.execute(insert, (1, bad))
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute(insert, (99, "2025-09-11"))  # no such counsellor
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute("DELETE FROM staff WHERE id = 2")  # ON DELETE RESTRICT
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO session_student VALUES (99, 1)")  # no such session
    db.execute("DELETE FROM counselling_session WHERE id = 7")  # ON DELETE CASCADE
    assert db.query("SELECT * FROM session_student WHERE session_id = 7") == []
    assert db.scalar("SELECT count(*) FROM session_student") == 2


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
def test_a_dangling_link_stops_the_migration_and_changes_nothing(tmp_path, migrate, foreign_keys):
    db, key = _schema4(tmp_path)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO session_student VALUES (42, 1)")  # a session that is not there
    db.execute(f"PRAGMA foreign_keys = {foreign_keys}")
    before = snapshot(db)

    with pytest.raises(dbapi2.IntegrityError):
        migrate(db, key)

    assert db.user_version == REBUILT - 1
    assert snapshot(db) == before
    assert _entered_on_not_null(db) == 1


def test_an_upgraded_database_has_the_schema_of_a_new_one(tmp_path, migrate):
    db, key = _schema4(tmp_path / "old")
    migrate(db, key)
    fresh = Database.open(tmp_path / "new" / "school.db", os.urandom(32))
    apply_migrations(fresh, REBUILT)
    shape, new = snapshot(db), snapshot(fresh)
    for table in shape:
        if isinstance(shape[table], dict):
            shape[table].pop("rows")
            new[table].pop("rows")
    assert shape == new


def test_the_first_schema_fixture_upgrades_with_its_session_and_link(tmp_path, clock):
    paths_root = tmp_path / "old"
    shutil.copytree(FIXTURE, paths_root)
    with unlock(SchoolPaths(paths_root), "王老师", "fixture-password", clock=clock) as school:
        db = school.db
        assert db.user_version == SCHEMA_VERSION
        assert _entered_on_not_null(db) == 0
        session = db.query_one("SELECT * FROM counselling_session")
        summary = school.open_text("counselling_session.summary", session["summary"])
        assert (session["id"], summary, session["entered_on"]) == (
            1,
            "旧版记录的摘要",
            "2025-10-09",
        )
        assert [tuple(r) for r in db.query("SELECT * FROM session_student")] == [(1, 1)]
        assert db.query("PRAGMA foreign_key_check") == []
        assert db.scalar("PRAGMA integrity_check") == "ok"
