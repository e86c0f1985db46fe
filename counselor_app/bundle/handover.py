"""The hand-over to the district as the school sees it: the keys in use and the bundles sent.

What 设置 › 上报 shows in one read: the school's signing-key fingerprint, the district key that
bundles are sealed for (with when and by whom it was imported), and every bundle sealed, newest
first, with whether the district's receipt came back. Reading only; exporting is
:mod:`.export`, importing keys :mod:`.school_keys`, receipts :mod:`.receipts`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.school_keys import school_fingerprint
from counselor_app.school.core import School


@dataclass(frozen=True)
class ImportedDistrictKey:
    key: DistrictPublicKey
    imported_at: str
    imported_by: str


@dataclass(frozen=True)
class ExportedBundle:
    """One row of ``bundle_export``: a bundle this school sealed."""

    bundle_id: str
    created_at: str
    created_by: str
    term_name: str
    profile: str
    district: str
    district_fingerprint: str
    named_cases: bool
    receipt_opened_at: str | None  # when the district opened it, as its receipt says
    receipt_imported_at: str | None  # when the school imported that receipt

    @property
    def receipt_received(self) -> bool:
        return self.receipt_imported_at is not None


@dataclass(frozen=True)
class Handover:
    school_fingerprint: str  # "" for a database opened read-only that has no key yet
    district: ImportedDistrictKey | None  # the key new bundles are sealed for
    bundles: list[ExportedBundle]


def imported_district_key(school: School) -> ImportedDistrictKey | None:
    """The district key in use (the newest import, as :func:`current_district_key` chooses)."""
    row = school.db.query_one(
        "SELECT document, imported_at, imported_by FROM district_key"
        " ORDER BY imported_at DESC, id DESC LIMIT 1"
    )
    if row is None:
        return None
    key = DistrictPublicKey.from_json(json.loads(row["document"]), "district_key")
    return ImportedDistrictKey(key, row["imported_at"], row["imported_by"])


def exported_bundles(school: School) -> list[ExportedBundle]:
    """Every bundle this school sealed, newest first."""
    rows = school.db.query(
        "SELECT bundle_id, created_at, created_by, term_name, profile,"
        " json_extract(district_document, '$.district') AS district, district_fingerprint,"
        " named_cases, receipt_opened_at, receipt_imported_at"
        " FROM bundle_export ORDER BY created_at DESC, bundle_id"
    )
    return [
        ExportedBundle(
            bundle_id=row["bundle_id"],
            created_at=row["created_at"],
            created_by=row["created_by"],
            term_name=row["term_name"],
            profile=row["profile"],
            district=row["district"] or "",
            district_fingerprint=row["district_fingerprint"],
            named_cases=bool(row["named_cases"]),
            receipt_opened_at=row["receipt_opened_at"],
            receipt_imported_at=row["receipt_imported_at"],
        )
        for row in rows
    ]


def handover(school: School) -> Handover:
    return Handover(
        school_fingerprint(school), imported_district_key(school), exported_bundles(school)
    )
