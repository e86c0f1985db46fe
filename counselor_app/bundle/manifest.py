"""What a bundle is made of: member names, signature comments, the trusted comment and the manifest.

These names and texts are the format (``docs/bundle-format.md``); changing one is a new format
version.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

FORMAT_VERSION = 1

# The outer file (a stored zip, see container.py), in this order.
PAYLOAD = "payload.age"
PAYLOAD_SIGNATURE = "payload.age.minisig"
SCHOOL_PUBLIC_KEY = "school.pub"
OUTER_MEMBERS = (PAYLOAD, PAYLOAD_SIGNATURE, SCHOOL_PUBLIC_KEY)

# Inside payload.age (after decryption): a zip with the manifest, its signature and the parts.
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.json.minisig"
SELFCHECK_PDF = "selfcheck.pdf"
SELFCHECK_JSON = "selfcheck.json"
STATISTICS_JSON = "statistics.json"
NAMED_CASES_JSON = "named_cases.json"
MEDIA_TYPES = {
    SELFCHECK_PDF: "application/pdf",
    SELFCHECK_JSON: "application/json",
    STATISTICS_JSON: "application/json",
    NAMED_CASES_JSON: "application/json",
}
REQUIRED_PARTS = (SELFCHECK_PDF, SELFCHECK_JSON, STATISTICS_JSON)

# The untrusted comments: fixed, so the files have one exact text.
SCHOOL_KEY_COMMENT = "counselor-desk school signing key"
PAYLOAD_SIGNATURE_COMMENT = "counselor-desk bundle payload signature"
MANIFEST_SIGNATURE_COMMENT = "counselor-desk bundle manifest signature"

MANIFEST_FORMAT = "counselor-desk-bundle-manifest"
TRUSTED_PREFIX = f"counselor-desk-bundle:{FORMAT_VERSION}"
_TRUSTED_KEYS = ("bundle", "school", "district", "created")


class ManifestProblem(Exception):
    """A manifest or trusted comment that does not have the expected shape."""


@dataclass(frozen=True)
class OuterFacts:
    """What the signed comment of ``payload.age.minisig`` says, readable before decrypting."""

    bundle_id: str
    school_uid: str
    district_fingerprint: str
    created_at: str

    def trusted_comment(self) -> str:
        values = (self.bundle_id, self.school_uid, self.district_fingerprint, self.created_at)
        return "\t".join(
            [TRUSTED_PREFIX, *(f"{k}:{v}" for k, v in zip(_TRUSTED_KEYS, values, strict=True))]
        )

    @classmethod
    def parse(cls, comment: str) -> OuterFacts:
        fields = comment.split("\t")
        if fields[0] != TRUSTED_PREFIX or len(fields) != len(_TRUSTED_KEYS) + 1:
            raise ManifestProblem(f"not a bundle signature comment: {comment[:80]!r}")
        values = []
        for key, text in zip(_TRUSTED_KEYS, fields[1:], strict=True):
            name, sep, value = text.partition(":")
            if name != key or not sep or not value:
                raise ManifestProblem(f"unexpected field {text[:40]!r}")
            values.append(value)
        facts = cls(*values)
        if facts.trusted_comment() != comment:
            raise ManifestProblem("trusted comment is not in its exact form")
        return facts


@dataclass(frozen=True)
class PartEntry:
    name: str
    sha256: str
    bytes: int
    media_type: str


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    created_at: str
    school_name: str
    school_uid: str
    school_fingerprint: str
    term_name: str
    term_first_day: str
    term_last_day: str
    profile_id: str
    profile_name: str
    program_version: str
    schema_version: int
    district_name: str
    district_fingerprint: str
    named_cases: bool
    pseudonyms: str
    parts: tuple[PartEntry, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "format_version": FORMAT_VERSION,
            "bundle_id": self.bundle_id,
            "created_at": self.created_at,
            "school": {
                "name": self.school_name,
                "uid": self.school_uid,
                "signing_key_fingerprint": self.school_fingerprint,
            },
            "term": {
                "name": self.term_name,
                "first_day": self.term_first_day,
                "last_day": self.term_last_day,
            },
            "profile": {"id": self.profile_id, "name": self.profile_name},
            "program_version": self.program_version,
            "schema_version": self.schema_version,
            "district_key": {
                "district": self.district_name,
                "fingerprint": self.district_fingerprint,
            },
            "named_cases": self.named_cases,
            "pseudonyms": self.pseudonyms,
            "parts": [asdict(part) for part in self.parts],
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc["format"] != MANIFEST_FORMAT or doc["format_version"] != FORMAT_VERSION:
                raise ManifestProblem(f"manifest format {doc.get('format_version')!r}")
            parts = tuple(
                PartEntry(str(p["name"]), str(p["sha256"]), int(p["bytes"]), str(p["media_type"]))
                for p in doc["parts"]
            )
            return cls(
                bundle_id=str(doc["bundle_id"]),
                created_at=str(doc["created_at"]),
                school_name=str(doc["school"]["name"]),
                school_uid=str(doc["school"]["uid"]),
                school_fingerprint=str(doc["school"]["signing_key_fingerprint"]),
                term_name=str(doc["term"]["name"]),
                term_first_day=str(doc["term"]["first_day"]),
                term_last_day=str(doc["term"]["last_day"]),
                profile_id=str(doc["profile"]["id"]),
                profile_name=str(doc["profile"]["name"]),
                program_version=str(doc["program_version"]),
                schema_version=int(doc["schema_version"]),
                district_name=str(doc["district_key"]["district"]),
                district_fingerprint=str(doc["district_key"]["fingerprint"]),
                named_cases=bool(doc["named_cases"]),
                pseudonyms=str(doc["pseudonyms"]),
                parts=parts,
            )
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ManifestProblem):
                raise
            raise ManifestProblem(f"unreadable manifest: {exc}") from exc
