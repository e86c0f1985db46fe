"""Sealing a bundle: sign the manifest, encrypt everything to the district, sign the ciphertext.

Sign-then-encrypt-then-sign. The inner signature (``manifest.json.minisig``) binds the parts to the
school and names the district key and bundle id, so a decrypted bundle still proves where it came
from and for whom it was made; the outer signature (``payload.age.minisig``) lets the district
check the sender and refuse an altered file before decrypting anything. No cryptography is done
here beyond calling age (pyrage) and minisign (py-minisign).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyrage

from counselor_app.bundle.container import write_container
from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.export_progress import ENCRYPT, SIGN
from counselor_app.bundle.manifest import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    MANIFEST_SIGNATURE_COMMENT,
    MEDIA_TYPES,
    PAYLOAD,
    PAYLOAD_SIGNATURE,
    PAYLOAD_SIGNATURE_COMMENT,
    REQUIRED_PARTS,
    SCHOOL_KEY_COMMENT,
    SCHOOL_PUBLIC_KEY,
    Manifest,
    OuterFacts,
    PartEntry,
)
from counselor_app.bundle.signing import SigningKey


@dataclass(frozen=True)
class SealedBundle:
    data: bytes
    manifest: Manifest
    payload_sha256: str


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inner_archive(entries: list[tuple[str, bytes]]) -> bytes:
    """The zip inside ``payload.age``: JSON compressed, the PDF (already compressed) stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, data)
    return buffer.getvalue()


def _no_phase(phase: str) -> None:
    """Nobody to tell."""


def seal_bundle(
    manifest: Manifest,
    parts: Mapping[str, bytes],
    signer: SigningKey,
    district: DistrictPublicKey,
    phase: Callable[[str], None] | None = None,
) -> SealedBundle:
    """Seal ``parts`` (name → bytes) with ``manifest`` (its ``parts`` are filled in here).

    ``phase`` is told as the encrypting and then the signing begin (see
    :mod:`~counselor_app.bundle.export_progress`); raising there stops the sealing."""
    enter = phase or _no_phase
    missing = [name for name in REQUIRED_PARTS if name not in parts]
    if missing or any(name not in MEDIA_TYPES for name in parts):
        raise ValueError(f"unexpected bundle parts: {sorted(parts)}")
    if manifest.district_fingerprint != district.fingerprint:
        raise ValueError("the manifest names another district key")
    entries = tuple(
        PartEntry(name, sha256_hex(data), len(data), MEDIA_TYPES[name])
        for name, data in parts.items()
    )
    manifest = dataclasses.replace(manifest, parts=entries)
    facts = OuterFacts(
        manifest.bundle_id, manifest.school_uid, district.fingerprint, manifest.created_at
    )
    enter(ENCRYPT)
    manifest_bytes = manifest.to_bytes()
    manifest_signature = signer.sign(
        manifest_bytes, trusted_comment=facts.trusted_comment(), comment=MANIFEST_SIGNATURE_COMMENT
    )
    inner = inner_archive(
        [(MANIFEST, manifest_bytes), (MANIFEST_SIGNATURE, manifest_signature), *parts.items()]
    )
    payload = pyrage.encrypt(inner, [district.recipient])
    enter(SIGN)
    payload_signature = signer.sign(
        payload, trusted_comment=facts.trusted_comment(), comment=PAYLOAD_SIGNATURE_COMMENT
    )
    data = write_container(
        [
            (PAYLOAD, payload),
            (PAYLOAD_SIGNATURE, payload_signature),
            (SCHOOL_PUBLIC_KEY, signer.verify_key.file_bytes(SCHOOL_KEY_COMMENT)),
        ]
    )
    return SealedBundle(data, manifest, sha256_hex(payload))
