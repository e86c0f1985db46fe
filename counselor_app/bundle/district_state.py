"""The district's records beside its keys: the schools it registered and the bundles it opened.

Plain JSON (``state.json`` in the district key folder), written atomically. It holds public keys,
school names, terms and bundle ids, never anything about a student. Keep the folder where only the
district's staff can write: whoever can add a key here can make the district trust a sender.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import DamagedData
from counselor_app.foundation.i18n import msg

FORMAT = "counselor-desk-district-state"
FORMAT_VERSION = 1

STATE_DAMAGED = msg(
    "区县记录文件 {path} 无法读取（{reason}）。请从备份恢复该文件夹。",
    "The district's record file {path} cannot be read ({reason}). Restore the folder from a "
    "backup.",
)


@dataclass
class RegisteredSchool:
    fingerprint: str
    public_key: str  # minisign public key line
    school_uid: str = ""
    name: str = ""
    registered_at: str = ""


@dataclass
class SeenBundle:
    bundle_id: str
    school_fingerprint: str
    school_uid: str
    school_name: str
    term: str
    profile: str
    payload_sha256: str
    created_at: str
    first_opened_at: str


@dataclass
class DistrictState:
    district_fingerprint: str
    schools: list[RegisteredSchool] = field(default_factory=list)
    bundles: list[SeenBundle] = field(default_factory=list)

    def school_with_key(self, public_key: str) -> RegisteredSchool | None:
        for school in self.schools:
            if school.public_key == public_key:
                return school
        return None

    def seen(self, bundle_id: str) -> SeenBundle | None:
        for bundle in self.bundles:
            if bundle.bundle_id == bundle_id:
                return bundle
        return None

    def to_bytes(self) -> bytes:
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "district_fingerprint": self.district_fingerprint,
            "schools": [asdict(s) for s in self.schools],
            "bundles": [asdict(b) for b in self.bundles],
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> DistrictState:
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
            if document.get("format") != FORMAT or document.get("version") != FORMAT_VERSION:
                raise ValueError("not a district state file")
            return cls(
                str(document["district_fingerprint"]),
                [RegisteredSchool(**s) for s in document["schools"]],
                [SeenBundle(**b) for b in document["bundles"]],
            )
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise DamagedData(STATE_DAMAGED(path=str(path), reason=str(exc))) from exc
