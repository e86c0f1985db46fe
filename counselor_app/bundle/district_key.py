"""The district's public key file: what the district hands its schools, and what a school imports.

One JSON file holding the district's age recipient (bundles are encrypted to it) and its minisign
public key (receipts are signed with the matching secret key), with the fingerprint of the two
together. The district's name is shown to people but is not part of the fingerprint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyrage

from counselor_app.bundle.fingerprints import fingerprint
from counselor_app.bundle.signing import SignatureProblem, VerifyKey
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg

FORMAT = "counselor-desk-district-key"
FORMAT_VERSION = 1
FINGERPRINT_PURPOSE = "district key v1"

NOT_A_DISTRICT_KEY = msg(
    "{path} 不是区县公钥文件（{reason}）。请使用区县教育局用 district keygen 生成的 district-public.json。",
    "{path} is not a district public key file ({reason}). Use the district-public.json the district "
    "made with district keygen.",
)


@dataclass(frozen=True)
class DistrictPublicKey:
    district: str
    age_recipient: str
    signing_key: VerifyKey
    created_at: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(FINGERPRINT_PURPOSE, f"{self.age_recipient}\n{self.signing_key.base64}")

    @property
    def recipient(self) -> pyrage.x25519.Recipient:
        return pyrage.x25519.Recipient.from_str(self.age_recipient)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "district": self.district,
            "created_at": self.created_at,
            "age_recipient": self.age_recipient,
            "signing_public_key": self.signing_key.base64,
            "fingerprint": self.fingerprint,
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, doc: Any, source: str) -> DistrictPublicKey:
        def refuse(reason: str) -> InvalidInput:
            return InvalidInput(NOT_A_DISTRICT_KEY(path=source, reason=reason))

        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise refuse("format")
        if doc.get("version") != FORMAT_VERSION:
            raise refuse(f"version {doc.get('version')!r}")
        try:
            recipient = str(doc["age_recipient"])
            pyrage.x25519.Recipient.from_str(recipient)
            key = cls(
                district=str(doc.get("district", "")),
                age_recipient=recipient,
                signing_key=VerifyKey(str(doc["signing_public_key"])),
                created_at=str(doc.get("created_at", "")),
            )
        except KeyError as exc:
            raise refuse(f"missing {exc}") from exc
        except (pyrage.RecipientError, SignatureProblem, ValueError) as exc:
            raise refuse(str(exc)) from exc
        if doc.get("fingerprint") not in (None, key.fingerprint):
            raise refuse("the fingerprint written in the file does not match its keys")
        return key

    @classmethod
    def from_bytes(cls, data: bytes, source: str) -> DistrictPublicKey:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InvalidInput(NOT_A_DISTRICT_KEY(path=source, reason="not JSON")) from exc
        return cls.from_json(doc, source)
