"""Sealed text: what only counsellors may read, encrypted a second time inside the database.

The database key opens the whole file, and every account holds it, 管理员 included. Session notes,
crisis details and the like are therefore sealed again, value by value, with the *confidential
key*, which only counsellor accounts and the recovery key unwrap (see :mod:`.keys`). A 管理员 who
opens the database with its own password sees these columns as ciphertext.

A sealed value is ``SEALED_PREFIX`` followed by base64 of a 12-byte nonce and the AES-256-GCM
ciphertext; the column's place (``table.column``) is the associated data, so a value cannot be
moved to another column unnoticed. Empty text is not sealed: whether a crisis plan names a
referral at all is something the self-check counts for every role.

This module knows nothing of which columns are sealed; the record catalogue says that.
"""

from __future__ import annotations

import base64
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counselor_app.foundation.errors import DamagedData
from counselor_app.foundation.i18n import msg

SEALED_PREFIX = "sealed:v1:"
_NONCE_BYTES = 12

SEALED_VALUE_DAMAGED = msg(
    "一条保密内容（{place}）无法解密，可能已损坏或被改动。其余数据不受影响；请从最近的完好备份恢复。",
    "A confidential value ({place}) cannot be decrypted; it may be damaged or altered. The rest of "
    "the data is unaffected; restore the newest good backup.",
)


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


class TextSealer:
    """Seals and opens text with one school's confidential key."""

    def __init__(self, confidential_key: bytes) -> None:
        if len(confidential_key) != 32:
            raise ValueError("the confidential key must be 32 bytes")
        # A key of its own for this one use, so the confidential key can serve other purposes
        # later without two uses ever sharing an AES key.
        text_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"counselor-desk sealed text v1"
        ).derive(confidential_key)
        self._aead = AESGCM(text_key)

    def seal(self, place: str, text: str | None) -> str | None:
        """``text`` sealed for the column ``place``; empty and already sealed values pass as they
        are."""
        if text is None or text == "" or is_sealed(text):
            return text
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), place.encode("utf-8"))
        return SEALED_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, place: str, value: str | None) -> str | None:
        """The text of a sealed value; a value that was never sealed (written before sealing
        existed, and not yet converted) is returned as it is."""
        if not is_sealed(value):
            return value
        assert value is not None
        try:
            raw = base64.b64decode(value[len(SEALED_PREFIX) :].encode("ascii"), validate=True)
            text = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], place.encode("utf-8"))
            return text.decode("utf-8")
        except (InvalidTag, ValueError, UnicodeError) as exc:
            raise DamagedData(SEALED_VALUE_DAMAGED(place=place)) from exc


__all__ = ["SEALED_PREFIX", "TextSealer", "is_sealed"]
