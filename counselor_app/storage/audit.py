"""The audit trail: who did what, when, to which record — never the content.

Each entry carries an HMAC-SHA256 over its own fields and the previous entry's MAC, keyed by a key
derived from the school's data key. Editing, reordering or removing an entry breaks the chain —
except removing the newest entries, which leaves a shorter chain that is still whole. To catch
that, the chain's head (how many entries, the newest MAC) is *anchored* outside the database after
every commit that adds an entry: in the key file, in every backup's manifest, and on the printouts.
:meth:`AuditLog.check_anchor` compares the trail with one such anchor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counselor_app.storage.database import Database
from counselor_app.storage.keys import AuditAnchor, save_audit_anchor

log = logging.getLogger(__name__)

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


class AnchorState(Enum):
    """How the trail stands against an anchor written earlier."""

    MATCHES = "matches"  # the anchored entry is there, unchanged (later entries may follow)
    SHORTENED = "shortened"  # the anchored entry is gone: entries were removed from the end
    REWRITTEN = "rewritten"  # the anchored entry's MAC differs: the trail was replaced
    FORGED = "forged"  # the anchor itself does not carry this school's seal


@dataclass(frozen=True)
class AnchorCheck:
    state: AnchorState
    anchored: int  # the number of the newest entry when the anchor was written
    present: int  # the number of the newest entry now (0 when the trail is empty)

    @property
    def holds(self) -> bool:
        return self.state is AnchorState.MATCHES


def printed_stamp(anchor: AuditAnchor) -> str:
    """The anchor as printed on paper, short enough to type back: ``1234-89ABCDEF``."""
    return f"{anchor.last_id}-{anchor.last_mac[:8].upper()}"


class AuditLog:
    def __init__(self, db: Database, key: bytes, anchor_file: Path | None = None) -> None:
        """``anchor_file``: the key file, whose anchor follows every commit that adds entries."""
        self._db = db
        self._key = key
        self._anchor_file = anchor_file

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
            if self._anchor_file is not None:
                # After the commit, never before: an anchor ahead of the trail would be a false
                # alarm after a crash, one behind it is only a little less protection.
                self._db.after_commit("audit-anchor", self._save_anchor)

    def _save_anchor(self) -> None:
        assert self._anchor_file is not None
        if not save_audit_anchor(self._anchor_file, self.anchor(), self._holds):
            log.warning("the audit trail no longer matches the key file's anchor; anchor kept")

    def _holds(self, anchor: AuditAnchor) -> bool:
        return self.check_anchor(anchor).holds

    # -- the anchor outside the database ------------------------------------------------------
    def _seal(self, last_id: int, last_mac: str) -> str:
        canonical = f"counselor-desk audit anchor|{last_id}|{last_mac}"
        return hmac.new(self._key, canonical.encode("ascii"), hashlib.sha256).hexdigest()

    def anchor(self) -> AuditAnchor:
        """The trail's newest entry, sealed; entry 0 and GENESIS when the trail is empty."""
        row = self._db.query_one("SELECT id, mac FROM audit_log ORDER BY id DESC LIMIT 1")
        last_id, last_mac = (0, GENESIS) if row is None else (int(row[0]), str(row[1]))
        return AuditAnchor(last_id, last_mac, self._seal(last_id, last_mac))

    def check_anchor(self, anchor: AuditAnchor) -> AnchorCheck:
        """Compare the trail with an anchor from the key file or a backup's manifest."""
        if not hmac.compare_digest(anchor.seal, self._seal(anchor.last_id, anchor.last_mac)):
            return AnchorCheck(AnchorState.FORGED, anchor.last_id, self.anchor().last_id)
        return self._compare(anchor.last_id, anchor.last_mac, prefix_only=False)

    def check_printed(self, stamp: str) -> AnchorCheck:
        """Compare the trail with the stamp on a printout (``1234-89ABCDEF``); raises ValueError
        when the text is not such a stamp."""
        number, _, mac_start = stamp.strip().partition("-")
        last_id = int(number)
        mac_start = mac_start.strip().lower()
        if (
            last_id < 0
            or len(mac_start) != 8
            or any(c not in "0123456789abcdef" for c in mac_start)
        ):
            raise ValueError(stamp)
        return self._compare(last_id, mac_start, prefix_only=True)

    def _compare(self, last_id: int, mac: str, *, prefix_only: bool) -> AnchorCheck:
        present = self.anchor().last_id
        if last_id == 0:
            found: str | None = GENESIS
        else:
            found = self._db.scalar("SELECT mac FROM audit_log WHERE id = ?", (last_id,))
        if found is None:
            return AnchorCheck(AnchorState.SHORTENED, last_id, present)
        same = found.startswith(mac) if prefix_only else hmac.compare_digest(found, mac)
        state = AnchorState.MATCHES if same else AnchorState.REWRITTEN
        return AnchorCheck(state, last_id, present)

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
