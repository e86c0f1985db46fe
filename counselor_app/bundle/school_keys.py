"""The school's side of the keys: its signing key and pseudonym key, and the district keys it
imported.

The signing key and the pseudonym key are made once, at ``init`` (or on first need for a school
set up before they existed), and live only in the encrypted database. The public half of the
signing key is what the district registers; its fingerprint is printed on the self-check report so
the district can compare it with the signed paper copy.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.fingerprints import fingerprint
from counselor_app.bundle.manifest import SCHOOL_KEY_COMMENT
from counselor_app.bundle.signing import SigningKey, VerifyKey
from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import InvalidInput, UsageError
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School

FINGERPRINT_PURPOSE = "school signing key v1"

DISTRICT_KEY_UNREADABLE = msg(
    "无法读取区县公钥文件 {path}：{reason}", "Cannot read the district key file {path}: {reason}"
)
DISTRICT_KEY_CHANGED = msg(
    "区县公钥文件 {path} 在核对指纹之后变了（现在的指纹是 {fingerprint}），没有导入。"
    "请重新选择文件，再次核对指纹。",
    "The district key file {path} changed after its fingerprint was compared (it is now "
    "{fingerprint}); it was not imported. Choose the file again and compare the fingerprint again.",
)


def _row(school: School) -> Any:
    return school.db.query_one(
        "SELECT signing_secret_key, signing_public_key, pseudonym_key FROM school_bundle_key"
        " WHERE id = 1"
    )


def ensure_school_keys(school: School, *, log: bool = True) -> None:
    """Make the school's signing key and pseudonym key unless they exist. ``log=False`` at setup,
    whose own audit entry covers them."""
    if _row(school) is not None:
        return
    with SigningKey.generate() as key, school.db.transaction():
        school.db.execute(
            "INSERT INTO school_bundle_key (id, signing_secret_key, signing_public_key,"
            " pseudonym_key, created_at) VALUES (1, ?, ?, ?, ?)",
            (
                key.file_bytes(SCHOOL_KEY_COMMENT).decode("ascii"),
                key.verify_key.base64,
                secrets.token_hex(32),
                school.now().isoformat(timespec="seconds"),
            ),
        )
        if log:
            school.log("bundle_keys_created", fingerprint=_fingerprint_of(key.verify_key))


def _keys(school: School) -> Any:
    row = _row(school)
    if row is None:
        ensure_school_keys(school)
        row = _row(school)
    return row


def _fingerprint_of(key: VerifyKey) -> str:
    return fingerprint(FINGERPRINT_PURPOSE, key.base64)


def school_verify_key(school: School) -> VerifyKey:
    return VerifyKey(_keys(school)["signing_public_key"])


def school_signing_key(school: School) -> SigningKey:
    """The secret signing key; wipe it (``with``) when done."""
    return SigningKey.from_file_bytes(_keys(school)["signing_secret_key"].encode("ascii"))


def school_fingerprint(school: School) -> str:
    """The fingerprint of the school's signing key, e.g. ``K7QF-M2XA-P3RT-CW5D-H6JN``.

    Empty when the school has no key yet and none can be made (a database opened read-only)."""
    if _row(school) is None and school.db.read_only:
        return ""
    return _fingerprint_of(school_verify_key(school))


def verify_key_fingerprint(key: VerifyKey) -> str:
    """The fingerprint of any school's public key (the district's side uses it too)."""
    return _fingerprint_of(key)


def school_public_key_file(school: School) -> bytes:
    """The public key as the minisign file ``school.pub`` (for ``district register``)."""
    return school_verify_key(school).file_bytes(SCHOOL_KEY_COMMENT)


def write_school_public_key(school: School, path: Path) -> str:
    write_bytes_atomic(Path(path), school_public_key_file(school))
    school.log("school_key_export", fingerprint=school_fingerprint(school))
    return school_fingerprint(school)


def pseudonym_key(school: School) -> bytes:
    return bytes.fromhex(_keys(school)["pseudonym_key"])


# -- the district's public key ---------------------------------------------------------------
def read_district_key_file(path: Path) -> DistrictPublicKey:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(DISTRICT_KEY_UNREADABLE(path=str(path), reason=exc.strerror)) from exc
    return DistrictPublicKey.from_bytes(data, str(path))


def import_district_key(
    school: School, path: Path, *, compared_fingerprint: str | None = None
) -> DistrictPublicKey:
    """Keep the district's public key (the newest import is the one bundles are sealed for).

    ``compared_fingerprint``: the fingerprint a person compared with the district's paper copy
    (read from the same file a moment before); a file that changed since is refused."""
    key = read_district_key_file(path)
    if compared_fingerprint is not None and key.fingerprint != compared_fingerprint:
        raise InvalidInput(DISTRICT_KEY_CHANGED(path=str(path), fingerprint=key.fingerprint))
    now = school.now().isoformat(timespec="seconds")
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO district_key (fingerprint, district, document, imported_at, imported_by)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET"
            " district = excluded.district, document = excluded.document,"
            " imported_at = excluded.imported_at, imported_by = excluded.imported_by",
            (
                key.fingerprint,
                key.district,
                json.dumps(key.to_json(), ensure_ascii=False),
                now,
                school.user.name,
            ),
        )
        school.log("district_key_import", fingerprint=key.fingerprint, district=key.district)
    return key


def current_district_key(school: School) -> DistrictPublicKey | None:
    row = school.db.query_one(
        "SELECT document FROM district_key ORDER BY imported_at DESC, id DESC LIMIT 1"
    )
    if row is None:
        return None
    return DistrictPublicKey.from_json(json.loads(row["document"]), "district_key")
