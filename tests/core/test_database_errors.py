"""The storage layer says what SQLite's errors mean: damage is DamagedData naming the file and the
backup to restore, wherever it is met; constraint errors and mistakes in SQL stay as they are."""

from __future__ import annotations

import shutil

import pytest
from sqlcipher3 import dbapi2

from counselor_app.foundation.errors import DamagedData
from counselor_app.foundation.i18n import msg
from counselor_app.storage.database import Database

HINT = msg("请恢复 X 备份。", "Restore backup X.")


def test_a_constraint_error_is_not_damage(school):
    with pytest.raises(dbapi2.IntegrityError), school.db.transaction():
        school.db.execute("INSERT INTO setting (key, value) VALUES ('k', 'not json')")
    assert school.db.scalar("SELECT count(*) FROM setting WHERE key = 'k'") == 0


def test_a_mistake_in_sql_is_not_damage(school):
    with pytest.raises(dbapi2.OperationalError, match="no such table"):
        school.db.query("SELECT * FROM no_such_table")


def test_a_damaged_page_met_in_a_query_is_damage_with_the_backup_hint(school, tmp_path):
    with school.db.transaction():
        school.db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
            " INSERT INTO setting (key, value) SELECT 'k' || i, json_quote(hex(randomblob(400)))"
            " FROM n"
        )
    school.db.checkpoint()
    copy = tmp_path / "copy.db"
    shutil.copyfile(school.paths.database, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) - 5000] ^= 0x01  # a page of the settings near the end of the file
    copy.write_bytes(bytes(data))

    db = Database.open(copy, school.data_key, read_only=True, damage_hint=lambda: HINT)
    try:
        with pytest.raises(DamagedData) as caught:
            db.query("SELECT key, value FROM setting")
    finally:
        db.close()
    text = caught.value.message.render()
    assert (
        str(copy) in text
        and "已损坏" in text
        and "没有被改动" in text
        and "请恢复 X 备份。" in text
    )
    assert caught.value.exit_code == 5


def test_an_empty_file_is_refused_and_left_empty(school, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    empty = tmp_path / "elsewhere" / "school.db"
    empty.write_bytes(b"")
    with pytest.raises(DamagedData, match="0 字节"):
        Database.open(empty, school.data_key)
    assert empty.read_bytes() == b"" and [p.name for p in empty.parent.iterdir()] == ["school.db"]
