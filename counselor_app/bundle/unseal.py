"""Checking and opening a sealed bundle, in the order that keeps the district safe.

1. :func:`check_outer` — before any decryption: the outer zip is in its exact form, the school key
   in it checks the signature over ``payload.age``, and the signed comment is well formed. Who the
   key belongs to (registered or not) is the district's question, answered in
   :mod:`counselor_app.bundle.district`.
2. :func:`open_payload` — the bundle names this district key, decrypts with it, and inside, the
   manifest's signature is by the same school key, names the same bundle, school and district, and
   every part is there with the size and SHA-256 the manifest gives, and nothing else.

Any failure is a :class:`BundleAltered` (or :class:`WrongDistrictKey`) with a message that says so.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pyrage

from counselor_app.bundle.container import ContainerProblem, looks_like_container, read_container
from counselor_app.bundle.errors import BundleAltered, WrongDistrictKey
from counselor_app.bundle.manifest import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    MANIFEST_SIGNATURE_COMMENT,
    NAMED_CASES_JSON,
    OUTER_MEMBERS,
    PAYLOAD,
    PAYLOAD_SIGNATURE,
    PAYLOAD_SIGNATURE_COMMENT,
    REQUIRED_PARTS,
    SCHOOL_KEY_COMMENT,
    SCHOOL_PUBLIC_KEY,
    Manifest,
    ManifestProblem,
    OuterFacts,
)
from counselor_app.bundle.school_keys import verify_key_fingerprint
from counselor_app.bundle.seal import sha256_hex
from counselor_app.bundle.signing import SignatureProblem, VerifyKey
from counselor_app.foundation.i18n import msg

NOT_A_BUNDLE = msg(
    "{path} 不是上报包文件（上报包是学校用 bundle export 导出的 .zip 文件）。",
    "{path} is not a bundle (a bundle is the .zip file a school writes with bundle export).",
)
ALTERED = msg(
    "上报包 {path} 已被改动或已损坏，拒绝打开（{reason}）。请让学校重新导出并重新发送。",
    "The bundle {path} was altered or damaged and was not opened ({reason}). Ask the school to "
    "export and send it again.",
)
WRONG_DISTRICT = msg(
    "上报包 {path} 是为另一把区县密钥制作的（指纹 {theirs}），本区县密钥的指纹是 {ours}。"
    "请让学校导入本区县的公钥（district-public.json）后重新导出。",
    "The bundle {path} was made for another district key (fingerprint {theirs}); this district's "
    "key is {ours}. Ask the school to import this district's public key (district-public.json) "
    "and export again.",
)
CANNOT_DECRYPT = msg(
    "上报包 {path} 标明为本区县制作，却无法用本区县的私钥解密；文件已被改动，拒绝打开。",
    "The bundle {path} names this district's key but cannot be decrypted with it; it was altered "
    "and was not opened.",
)
MAX_INNER_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class OuterCheck:
    """A bundle whose outer signature checks out against the school key it carries."""

    facts: OuterFacts
    school_key: VerifyKey
    fingerprint: str
    payload: bytes
    payload_sha256: str


@dataclass(frozen=True)
class OpenedContents:
    manifest: Manifest
    manifest_bytes: bytes
    manifest_signature: bytes
    parts: dict[str, bytes]


def _altered(source: str, reason: str) -> BundleAltered:
    return BundleAltered(ALTERED(path=source, reason=reason))


def check_outer(data: bytes, source: str) -> OuterCheck:
    if not looks_like_container(data):
        raise BundleAltered(NOT_A_BUNDLE(path=source))
    try:
        members = read_container(data, OUTER_MEMBERS)
    except ContainerProblem as exc:
        raise _altered(source, f"outer archive: {exc}") from exc
    try:
        key = VerifyKey.from_file_bytes(members[SCHOOL_PUBLIC_KEY], SCHOOL_KEY_COMMENT)
        comment = key.verify(
            members[PAYLOAD], members[PAYLOAD_SIGNATURE], comment=PAYLOAD_SIGNATURE_COMMENT
        )
        facts = OuterFacts.parse(comment)
    except (SignatureProblem, ManifestProblem) as exc:
        raise _altered(source, f"signature: {exc}") from exc
    payload = members[PAYLOAD]
    return OuterCheck(facts, key, verify_key_fingerprint(key), payload, sha256_hex(payload))


def open_payload(
    outer: OuterCheck,
    identity: pyrage.x25519.Identity,
    district_fingerprint: str,
    source: str,
) -> OpenedContents:
    if outer.facts.district_fingerprint != district_fingerprint:
        raise WrongDistrictKey(
            WRONG_DISTRICT(
                path=source, theirs=outer.facts.district_fingerprint, ours=district_fingerprint
            )
        )
    try:
        inner = pyrage.decrypt(outer.payload, [identity])
    except pyrage.DecryptError as exc:
        raise BundleAltered(CANNOT_DECRYPT(path=source)) from exc
    try:
        return _read_inner(inner, outer)
    except (zipfile.BadZipFile, ManifestProblem, SignatureProblem, KeyError, ValueError) as exc:
        raise _altered(source, f"contents: {exc}") from exc


def _read_inner(inner: bytes, outer: OuterCheck) -> OpenedContents:
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        if len(set(names)) != len(names) or names[:2] != [MANIFEST, MANIFEST_SIGNATURE]:
            raise ManifestProblem(f"unexpected members {names}")
        if sum(i.file_size for i in infos) > MAX_INNER_BYTES:
            raise ManifestProblem("contents too large")
        manifest_bytes = archive.read(MANIFEST)
        manifest_signature = archive.read(MANIFEST_SIGNATURE)
        comment = outer.school_key.verify(
            manifest_bytes, manifest_signature, comment=MANIFEST_SIGNATURE_COMMENT
        )
        if OuterFacts.parse(comment) != outer.facts:
            raise ManifestProblem("the manifest was signed for another bundle")
        manifest = Manifest.from_bytes(manifest_bytes)
        facts = outer.facts
        if (
            manifest.bundle_id != facts.bundle_id
            or manifest.school_uid != facts.school_uid
            or manifest.district_fingerprint != facts.district_fingerprint
            or manifest.created_at != facts.created_at
            or manifest.school_fingerprint != outer.fingerprint
        ):
            raise ManifestProblem("the manifest does not match the signed outer comment")
        listed = [p.name for p in manifest.parts]
        if names[2:] != listed or any(name not in listed for name in REQUIRED_PARTS):
            raise ManifestProblem(f"parts {names[2:]} differ from the manifest's {listed}")
        parts: dict[str, bytes] = {}
        for entry in manifest.parts:
            data = archive.read(entry.name)
            if len(data) != entry.bytes or sha256_hex(data) != entry.sha256:
                raise ManifestProblem(f"{entry.name} does not match its hash in the manifest")
            parts[entry.name] = data
        if manifest.named_cases != (NAMED_CASES_JSON in parts):
            raise ManifestProblem("the named-cases flag does not match the parts")
    return OpenedContents(manifest, manifest_bytes, manifest_signature, parts)
