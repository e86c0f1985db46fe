"""The audit trail: who did what, when, to which record — never the content.

Each entry carries an HMAC-SHA256 over its own fields and the previous entry's MAC, keyed by a key
derived from the school's data key. Editing, reordering or removing an entry (other than the newest
entries, which ``verify`` reports as a count to compare with the printout) breaks the chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counselor_app.storage.database import Database

GENESIS = "0" * 64


def audit_key(data_key: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"counselor-desk audit chain v1"
    ).derive(data_key)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user_name: str
    action: str
    record_type: str | None
    record_id: int | None
    detail: dict[str, Any]


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: list[int]

    @property
    def intact(self) -> bool:
        return not self.broken_at


def _mac(key: bytes, prev_mac: str, fields: Mapping[str, Any]) -> str:
    canonical = json.dumps(
        [prev_mac, fields], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


class AuditLog:
    def __init__(self, db: Database, key: bytes) -> None:
        self._db = db
        self._key = key

    def record(
        self,
        *,
        at: str,
        user_name: str,
        action: str,
        record_type: str | None = None,
        record_id: int | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Append one entry. Call inside the transaction that made the change it describes."""
        detail_json = json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True)
        with self._db.transaction():
            prev = self._db.scalar("SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1") or GENESIS
            fields = {
                "at": at,
                "user_name": user_name,
                "action": action,
                "record_type": record_type,
                "record_id": record_id,
                "detail": detail_json,
            }
            self._db.execute(
                "INSERT INTO audit_log (at, user_name, action, record_type, record_id, detail,"
                " prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    at,
                    user_name,
                    action,
                    record_type,
                    record_id,
                    detail_json,
                    prev,
                    _mac(self._key, prev, fields),
                ),
            )

    def verify(self) -> ChainReport:
        broken: list[int] = []
        expected_prev = GENESIS
        count = 0
        for row in self._db.query(
            "SELECT id, at, user_name, action, record_type, record_id, detail, prev_mac, mac"
            " FROM audit_log ORDER BY id"
        ):
            count += 1
            fields = {
                "at": row["at"],
                "user_name": row["user_name"],
                "action": row["action"],
                "record_type": row["record_type"],
                "record_id": row["record_id"],
                "detail": row["detail"],
            }
            if row["prev_mac"] != expected_prev or not hmac.compare_digest(
                row["mac"], _mac(self._key, row["prev_mac"], fields)
            ):
                broken.append(int(row["id"]))
            expected_prev = row["mac"]
        return ChainReport(count, broken)

    def entries(
        self, *, record_type: str | None = None, record_id: int | None = None, limit: int = 500
    ) -> list[AuditEntry]:
        where: list[str] = []
        params: list[object] = []
        if record_type is not None:
            where.append("record_type = ?")
            params.append(record_type)
        if record_id is not None:
            where.append("record_id = ?")
            params.append(record_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.query(
            f"SELECT id, at, user_name, action, record_type, record_id, detail FROM audit_log"
            f" {clause} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["user_name"],
                r["action"],
                r["record_type"],
                r["record_id"],
                json.loads(r["detail"]),
            )
            for r in rows
        ]
