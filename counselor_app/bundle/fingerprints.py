"""Fingerprints a person can read aloud or compare on paper: ``K7QF-M2XA-P3RT-9…``.

A fingerprint is the SHA-256 of a key's public text under a purpose label, cut to 100 bits and
written in base32 (A–Z and 2–7, so no 0/O or 1/I to confuse) as five groups of four. 100 bits is
far beyond what anyone could search to make a second key with the same fingerprint.
"""

from __future__ import annotations

import base64
import hashlib

GROUPS = 5
GROUP_LENGTH = 4
_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
# People copy a fingerprint by hand: read the digits base32 never uses as the letters they resemble.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def fingerprint(purpose: str, public_text: str) -> str:
    digest = hashlib.sha256(f"counselor-desk {purpose}\n{public_text}".encode()).digest()
    letters = base64.b32encode(digest).decode("ascii")[: GROUPS * GROUP_LENGTH]
    return "-".join(
        letters[i : i + GROUP_LENGTH] for i in range(0, GROUPS * GROUP_LENGTH, GROUP_LENGTH)
    )


def normalize_fingerprint(typed: str) -> str | None:
    """A typed fingerprint in the printed form, or None when it cannot be one (spaces, dashes,
    lower case and look-alike digits are forgiven)."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(cleaned) != GROUPS * GROUP_LENGTH or not set(cleaned) <= _ALPHABET:
        return None
    return "-".join(
        cleaned[i : i + GROUP_LENGTH] for i in range(0, GROUPS * GROUP_LENGTH, GROUP_LENGTH)
    )
