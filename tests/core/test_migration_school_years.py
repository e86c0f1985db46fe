"""Migration 6 (school years) and the way it runs: foreign keys off around its transaction
(SQLite's 12-step table change), every reference checked before it commits, nothing lost."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from counselor_app.storage import schema
from counselor_app.storage.database import Database
from counselor_app.storage.migrations import all_migrations
from counselor_app.years.school_years import SchoolYear, current_school_year
from tests.conftest import CHINA
from tests.core.test_migration_entered_on import apply_migrations, snapshot

SCHOOL_YEARS = 6
# In the spring term of 2024—2025 (a Tuesday).
UPGRADED_AT = dt.datetime(2025, 3, 11, 9, 0, tzinfo=CHINA)


def _fill(db: Database) -> None:
    """Two terms, three classes (ids with gaps), students who stayed, left and joined, and the
    records that name classes."""
    with db.transaction():
        db.executemany(
            "INSERT INTO term (id, name, first_day, last_day) VALUES (?, ?, ?, ?)",
            [
                (1, "2024—2025学年第一学期", "2024-09-02", "2025-01-17"),
                (2, "2024—2025学年第二学期", "2025-02-17", "2025-07-04"),
            ],
        )
        db.executemany(
            "INSERT INTO staff (id, staff_no, name) VALUES (?, ?, ?)",
            [(1, "T01", "李老师"), (2, "T02", "王老师")],
        )
        db.executemany(
            "INSERT INTO staff_role (staff_id, role) VALUES (?, ?)",
            [(1, "fulltime_psych"), (2, "head_teacher"), (2, "subject_teacher")],
        )
        db.executemany(
            "INSERT INTO class (id, class_code, grade, name, head_teacher_id, graduating)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (3, "0701", 7, "七1", 2, 0),
                (5, "0801", 8, "八1", None, 0),
                (9, "0901", 9, "九1", 2, 1),
            ],
        )
        db.executemany(
            "INSERT INTO student (id, student_no, name, sex, class_id, status, enrolled_on,"
            " left_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (1, "S1", "陈喆", "M", 3, "enrolled", None, None),
                (4, "S4", "林玥", "F", 5, "transferred", None, "2025-03-01"),
                (6, "S6", "周昇", "M", 9, "graduated", None, "2024-07-05"),
                (7, "S7", "吴珺", "F", 3, "enrolled", "2025-02-17", None),
            ],
        )
        db.execute(
            "INSERT INTO psych_lesson (id, date, class_id, teacher_id, periods)"
            " VALUES (1, '2025-03-03', 3, 1, 2)"
        )
        db.execute(
            "INSERT INTO activity (id, date, type, title) VALUES (2, '2025-03-05', 'other', '活动')"
        )
        db.executemany("INSERT INTO activity_class VALUES (?, ?)", [(2, 3), (2, 5)])
        db.execute(
            "INSERT INTO monitor_report (id, month, class_id, reporter_student_id,"
            " nothing_to_report) VALUES (1, '2025-03', 5, 4, 1)"
        )
        db.executemany(
            "INSERT INTO closure_day (id, date, reason) VALUES (?, ?, ?)",
            [(1, "2024-11-12", "运动会"), (2, "2025-04-30", None)],
        )


def _schema5(folder: Path) -> tuple[Database, bytes]:
    key = os.urandom(32)
    db = Database.open(folder / "school.db", key)
    apply_migrations(db, SCHOOL_YEARS - 1)
    _fill(db)
    return db, key


def _migrate(db: Database, key: bytes, folder: Path, now: dt.datetime = UPGRADED_AT) -> list[int]:
    """The program's own upgrade path, stopped at schema 6 so that later migrations do not blur
    what this one changed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "all_migrations", lambda: all_migrations()[:SCHOOL_YEARS])
        return schema.migrate(db, key, folder / "set-aside", now)


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in db.query(sql)]


def test_migration_6_runs_with_foreign_keys_off():
    assert [m.version for m in all_migrations() if m.foreign_keys_off] == [SCHOOL_YEARS]


# -- migration 6 on a schema-5 database --------------------------------------------------------------
def test_every_row_and_id_is_kept_and_classes_get_the_current_school_year(tmp_path):
    db, key = _schema5(tmp_path)
    before = snapshot(db)

    # Schema 6 first, then every later one (which leave these tables' rows as they are).
    assert _migrate(db, key, tmp_path)[:1] == [SCHOOL_YEARS]

    after = snapshot(db)
    for table, shape in before.items():
        if table in ("class", "closure_day", "<other objects>"):
            continue
        assert after[table]["rows"] == shape["rows"], table
    # Classes: same ids and values, with the school year of the spring term running at the
    # upgrade (2024—2025) put first.
    assert after["class"]["rows"] == [(r[0], 2024, *r[1:]) for r in before["class"]["rows"]]
    assert rows(db, "SELECT id, school_year, class_code FROM class ORDER BY id") == [
        (3, 2024, "0701"),
        (5, 2024, "0801"),
        (9, 2024, "0901"),
    ]
    # Every student, gone or not, is enrolled in that year in the class they had.
    assert rows(db, "SELECT * FROM enrolment ORDER BY student_id") == [
        (1, 2024, 3),
        (4, 2024, 5),
        (6, 2024, 9),
        (7, 2024, 3),
    ]
    assert rows(db, "SELECT id, class_id FROM student ORDER BY id") == [
        (1, 3),
        (4, 5),
        (6, 9),
        (7, 3),
    ]
    # Closure days recorded before lowered the bar as whole-school closures do.
    assert rows(db, "SELECT id, date, reason, scope FROM closure_day ORDER BY id") == [
        (1, "2024-11-12", "运动会", "school"),
        (2, "2025-04-30", None, "school"),
    ]
    assert db.query("PRAGMA foreign_key_check") == []
    assert db.scalar("PRAGMA integrity_check") == "ok"
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.query("SELECT name FROM sqlite_temp_master") == []
    assert list((tmp_path / "set-aside").glob("before-schema-6-*.db"))


def test_an_upgraded_database_has_the_schema_of_a_new_one(tmp_path):
    db, key = _schema5(tmp_path / "old")
    _migrate(db, key, tmp_path / "old")
    fresh_key = os.urandom(32)
    fresh = Database.open(tmp_path / "new.db", fresh_key)
    _migrate(fresh, fresh_key, tmp_path / "new")
    shape, new = snapshot(db), snapshot(fresh)
    for table in shape:
        if isinstance(shape[table], dict):
            shape[table].pop("rows")
            new[table].pop("rows")
    assert shape == new


@pytest.mark.parametrize(
    ("terms", "today", "expected"),
    [
        ([], "2025-08-31", 2024),
        ([], "2025-09-01", 2025),
        ([("2024-09-02", "2025-01-17"), ("2025-02-17", "2025-07-04")], "2025-08-20", 2024),
        ([("2025-02-17", "2025-07-04"), ("2025-08-25", "2026-01-16")], "2025-08-24", 2024),
        ([("2025-02-17", "2025-07-04"), ("2025-08-25", "2026-01-16")], "2025-08-25", 2025),
        ([("2025-08-25", "2026-01-16")], "2025-08-10", 2025),  # only a term to come
    ],
)
def test_the_migration_and_the_program_agree_on_the_current_school_year(
    tmp_path, terms, today, expected
):
    key = os.urandom(32)
    db = Database.open(tmp_path / "s.db", key)
    apply_migrations(db, SCHOOL_YEARS - 1)
    with db.transaction():
        db.executemany(
            "INSERT INTO term (name, first_day, last_day) VALUES (?, ?, ?)",
            [(f"t{i}", first, last) for i, (first, last) in enumerate(terms)],
        )
        db.execute("INSERT INTO class (id, class_code, grade, name) VALUES (1, '0701', 7, '七1')")
    day = dt.date.fromisoformat(today)

    _migrate(db, key, tmp_path, dt.datetime.combine(day, dt.time(9), CHINA))

    assert db.scalar("SELECT school_year FROM class") == expected
    assert current_school_year(db, day) == SchoolYear(expected)


def test_the_new_role_and_the_new_records_are_checked(tmp_path):
    db, key = _schema5(tmp_path)
    _migrate(db, key, tmp_path)
    db.execute("INSERT INTO staff_role VALUES (1, 'middle_manager')")
    assert rows(db, "SELECT role FROM staff_role WHERE staff_id = 2 ORDER BY role") == [
        ("head_teacher",),
        ("subject_teacher",),
    ]
    with pytest.raises(dbapi2.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO staff_role VALUES (1, 'janitor')")
    insert = (
        "INSERT INTO external_training (date, staff_id, name, kind, level, hours)"
        " VALUES (?, ?, ?, ?, ?, ?)"
    )
    db.execute(insert, ("2025-03-08", 1, "县教研", "research", "county", None))
    for bad in (
        ("2025-3-8", 1, "x", "research", "county", 1),
        ("2025-03-08", 1, " ", "research", "county", 1),
        ("2025-03-08", 1, "x", "party", "county", 1),
        ("2025-03-08", 1, "x", "training", "school", 1),
        ("2025-03-08", 1, "x", "training", "city", 0),
    ):
        with pytest.raises(dbapi2.IntegrityError, match="CHECK"):
            db.execute(insert, bad)
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute(insert, ("2025-03-08", 99, "x", "exchange", "national", 2))
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        db.execute("DELETE FROM staff WHERE id = 1")  # it attended a training: RESTRICT
    with pytest.raises(dbapi2.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO closure_day (date, scope) VALUES ('2025-05-06', 'half')")
    db.execute("INSERT INTO closure_day (date) VALUES ('2025-05-06')")
    assert db.scalar("SELECT scope FROM closure_day WHERE date = '2025-05-06'") == "room"


def test_the_same_class_code_may_come_back_in_another_year_only(tmp_path):
    db, key = _schema5(tmp_path)
    _migrate(db, key, tmp_path)
    db.execute(
        "INSERT INTO class (id, school_year, class_code, grade, name) VALUES (20, 2025, '0701', 7, '七1')"
    )
    with pytest.raises(dbapi2.IntegrityError, match="UNIQUE"):
        db.execute(
            "INSERT INTO class (school_year, class_code, grade, name) VALUES (2025, '0701', 7, 'x')"
        )
