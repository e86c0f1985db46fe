"""Receipts: the district signs that it opened a bundle and found it intact; the school imports
the receipt to close the hand-over in its audit trail.

A receipt is a stored zip (see :mod:`.container`) holding ``receipt.json`` and its minisign
signature by the district's receipt key (``district-signing.pub``), so it can be checked by hand
with ``minisign -V`` too. The school accepts it only for a bundle it sealed itself, signed by the
district key that bundle was made for, naming the very payload it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from counselor_app.bundle.container import ContainerProblem, read_container, write_container
from counselor_app.bundle.district import CheckedBundle, DistrictDesk
from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.errors import ReceiptRefused
from counselor_app.bundle.signing import SignatureProblem
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School, ensure_not_damaged

RECEIPT = "receipt.json"
RECEIPT_SIGNATURE = "receipt.json.minisig"
RECEIPT_MEMBERS = (RECEIPT, RECEIPT_SIGNATURE)
RECEIPT_FORMAT = "counselor-desk-bundle-receipt"
RECEIPT_VERSION = 1
RECEIPT_SIGNATURE_COMMENT = "counselor-desk bundle receipt signature"

NEEDS_SIGNING_KEY = msg(
    "写回执需要区县的签名密钥；请解锁时允许签名。",
    "Writing a receipt needs the district's signing key.",
)
RECEIPT_ALTERED = msg(
    "回执 {path} 已被改动或不是回执文件（{reason}），没有导入。",
    "The receipt {path} was altered or is not a receipt ({reason}); it was not imported.",
)
RECEIPT_OTHER_SCHOOL = msg(
    "回执 {path} 是给另一所学校的（学校编号 {uid}），没有导入。",
    "The receipt {path} is for another school (school id {uid}); it was not imported.",
)
RECEIPT_UNKNOWN_BUNDLE = msg(
    "回执 {path} 所指的上报包（编号 {bundle_id}）不是本校导出的，没有导入。",
    "The receipt {path} is for a bundle (id {bundle_id}) this school did not export; it was not "
    "imported.",
)
RECEIPT_NOT_DISTRICT = msg(
    "回执 {path} 不是由该上报包所用的区县密钥（指纹 {fingerprint}）签发的，没有导入。",
    "The receipt {path} was not signed by the district key the bundle was made for (fingerprint "
    "{fingerprint}); it was not imported.",
)
RECEIPT_WRONG_PAYLOAD = msg(
    "回执 {path} 所确认的文件内容与本校导出的上报包不一致，没有导入。",
    "The receipt {path} confirms content that differs from the bundle this school exported; it was "
    "not imported.",
)


def make_receipt(desk: DistrictDesk, checked: CheckedBundle, now: dt.datetime) -> bytes:
    """A signed receipt for a bundle that passed every check."""
    if desk.signing_key is None:
        raise ValueError(NEEDS_SIGNING_KEY.render("en"))
    manifest = checked.contents.manifest
    document = {
        "format": RECEIPT_FORMAT,
        "version": RECEIPT_VERSION,
        "bundle_id": manifest.bundle_id,
        "school_uid": manifest.school_uid,
        "school_name": manifest.school_name,
        "school_fingerprint": checked.outer.fingerprint,
        "term": manifest.term_name,
        "profile": manifest.profile_id,
        "payload_sha256": checked.outer.payload_sha256,
        "district": desk.public.district,
        "district_fingerprint": desk.public.fingerprint,
        "opened_at": now.isoformat(timespec="seconds"),
        "result": "verified",
    }
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    trusted = (
        f"counselor-desk-receipt:{RECEIPT_VERSION}\tbundle:{manifest.bundle_id}"
        f"\tschool:{manifest.school_uid}"
    )
    signature = desk.signing_key.sign(
        data, trusted_comment=trusted, comment=RECEIPT_SIGNATURE_COMMENT
    )
    return write_container([(RECEIPT, data), (RECEIPT_SIGNATURE, signature)])


@dataclass(frozen=True)
class ImportedReceipt:
    bundle_id: str
    term: str
    district: str
    opened_at: str
    already: bool


def import_receipt(school: School, data: bytes, source: str) -> ImportedReceipt:
    """Check a receipt against the bundle this school exported, and record it."""
    ensure_not_damaged(school)

    def refuse(reason: str) -> ReceiptRefused:
        return ReceiptRefused(RECEIPT_ALTERED(path=source, reason=reason))

    try:
        members = read_container(data, RECEIPT_MEMBERS)
        document: Any = json.loads(members[RECEIPT].decode("utf-8"))
        if document.get("format") != RECEIPT_FORMAT or document.get("version") != RECEIPT_VERSION:
            raise ValueError("not a receipt")
        bundle_id = str(document["bundle_id"])
    except ContainerProblem as exc:
        raise refuse(str(exc)) from exc
    except (UnicodeDecodeError, ValueError, KeyError, AttributeError) as exc:
        raise refuse(f"content: {exc}") from exc
    if document.get("school_uid") != school.uid:
        raise ReceiptRefused(RECEIPT_OTHER_SCHOOL(path=source, uid=document.get("school_uid")))
    row = school.db.query_one("SELECT * FROM bundle_export WHERE bundle_id = ?", (bundle_id,))
    if row is None:
        raise ReceiptRefused(RECEIPT_UNKNOWN_BUNDLE(path=source, bundle_id=bundle_id))
    district = DistrictPublicKey.from_json(json.loads(row["district_document"]), "bundle_export")
    try:
        district.signing_key.verify(
            members[RECEIPT], members[RECEIPT_SIGNATURE], comment=RECEIPT_SIGNATURE_COMMENT
        )
    except SignatureProblem as exc:
        raise ReceiptRefused(
            RECEIPT_NOT_DISTRICT(path=source, fingerprint=district.fingerprint)
        ) from exc
    if (
        document.get("payload_sha256") != row["payload_sha256"]
        or document.get("district_fingerprint") != district.fingerprint
    ):
        raise ReceiptRefused(RECEIPT_WRONG_PAYLOAD(path=source))
    opened_at = str(document.get("opened_at", ""))
    result = ImportedReceipt(
        bundle_id,
        row["term_name"],
        district.district,
        opened_at,
        row["receipt_imported_at"] is not None,
    )
    if result.already:
        return result
    with school.db.transaction():
        school.db.execute(
            "UPDATE bundle_export SET receipt_opened_at = ?, receipt_imported_at = ?"
            " WHERE bundle_id = ?",
            (opened_at, school.now().isoformat(timespec="seconds"), bundle_id),
        )
        school.log(
            "bundle_receipt",
            "term",
            row["term_id"],
            bundle_id=bundle_id,
            district=district.fingerprint,
            opened_at=opened_at,
        )
    return result
