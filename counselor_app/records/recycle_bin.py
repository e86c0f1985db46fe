"""The recycle bin: deleted records wait here, as their stored rows, until restored or purged.

``RecordService.delete`` puts a record in, together with its link rows and the rows it owns
(``RecordSpec.owned``); restoring writes them back as they were, so ids and sealed text survive.
What has waited ``RECYCLE_DAYS`` days is removed for good by the daily housekeeping.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlcipher3 import dbapi2

from counselor_app.foundation.change import Change
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.records.access import require_write
from counselor_app.records.catalog import spec_for
from counselor_app.records.constraints import restore_refused
from counselor_app.records.spec import RecordSpec
from counselor_app.school.core import School

RECYCLE_DAYS = 30

NOT_IN_BIN = msg(
    "回收站里没有这一项（编号 {ident}），可能已被恢复或清除。",
    "Item {ident} is not in the recycle bin; it may have been restored or purged.",
)


@dataclass(frozen=True)
class BinEntry:
    id: int
    record_type: str
    record_id: int
    label: str
    deleted_at: str
    deleted_by: str


class RecycleBin:
    def __init__(self, school: School) -> None:
        self._school = school
        self._db = school.db

    def entries(self) -> list[BinEntry]:
        """Everything in the bin, the latest deletion first."""
        return [
            BinEntry(
                r["id"],
                r["record_type"],
                r["record_id"],
                r["label"],
                r["deleted_at"],
                r["deleted_by"],
            )
            for r in self._db.query(
                "SELECT id, record_type, record_id, label, deleted_at, deleted_by FROM recycle_bin"
                " ORDER BY id DESC"
            )
        ]

    def put(self, spec: RecordSpec, record_id: int, label: str) -> None:
        """Keep a record's rows before it is deleted; call inside the deleting transaction."""
        self._db.execute(
            "INSERT INTO recycle_bin (record_type, record_id, label, rows, deleted_at,"
            " deleted_by) VALUES (?, ?, ?, ?, ?, ?)",
            (
                spec.type,
                record_id,
                label,
                json.dumps(self._raw_rows(spec, record_id), ensure_ascii=False),
                self._school.now().isoformat(timespec="seconds"),
                self._school.user.name,
            ),
        )

    def restore(self, bin_id: int) -> Change:
        entry = self._db.query_one("SELECT * FROM recycle_bin WHERE id = ?", (bin_id,))
        if entry is None:
            raise InvalidInput(NOT_IN_BIN(ident=bin_id))
        spec = spec_for(entry["record_type"])
        require_write(self._school, spec)
        rows: dict[str, list[dict[str, Any]]] = json.loads(entry["rows"])
        # Restoring the row has already put back what a trigger makes (a student's latest class).
        owned = {rows.table for rows in spec.owned}
        try:
            with self._db.transaction():
                for table, table_rows in rows.items():
                    verb = "INSERT OR IGNORE" if table in owned else "INSERT"
                    for row in table_rows:
                        columns = ", ".join(row)
                        marks = ", ".join("?" * len(row))
                        self._db.execute(
                            f"{verb} INTO {table} ({columns}) VALUES ({marks})",
                            tuple(row.values()),
                        )
                self._db.execute("DELETE FROM recycle_bin WHERE id = ?", (bin_id,))
                self._school.log("restore", spec.type, entry["record_id"])
        except dbapi2.IntegrityError as exc:
            raise restore_refused(self._db, spec, entry["label"], rows, exc) from exc
        return Change(spec.type, int(entry["record_id"]), "restored")

    def undo_last_delete(self) -> Change | None:
        """Restore what the signed-in user deleted last; None when there is nothing."""
        newest = self._db.scalar(
            "SELECT id FROM recycle_bin WHERE deleted_by = ? ORDER BY id DESC LIMIT 1",
            (self._school.user.name,),
        )
        return None if newest is None else self.restore(int(newest))

    def purge(self, older_than_days: int = RECYCLE_DAYS) -> int:
        """Remove for good what has waited long enough; secure_delete overwrites the pages."""
        cutoff = (self._school.now() - dt.timedelta(days=older_than_days)).isoformat(
            timespec="seconds"
        )
        with self._db.transaction():
            count = self._db.execute(
                "DELETE FROM recycle_bin WHERE deleted_at < ?", (cutoff,)
            ).rowcount
            if count:
                self._school.log("purge_recycle_bin", count=count)
        return int(count)

    def _raw_rows(self, spec: RecordSpec, record_id: int) -> dict[str, list[dict[str, Any]]]:
        """The record's row, its link rows and the rows it owns, exactly as stored."""
        rows = {
            spec.table: [
                dict(r)
                for r in self._db.query(f"SELECT * FROM {spec.table} WHERE id = ?", (record_id,))
            ]
        }
        owners = [(f.link.table, f.link.owner_column) for f in spec.fields if f.link is not None]
        owners += [(owned.table, owned.owner_column) for owned in spec.owned]
        for table, owner_column in owners:
            rows[table] = [
                dict(r)
                for r in self._db.query(
                    f"SELECT * FROM {table} WHERE {owner_column} = ?", (record_id,)
                )
            ]
        return rows
