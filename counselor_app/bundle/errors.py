"""Why a bundle, key or receipt was refused: one exception per reason, each with its own message
and the exit code of its kind (5 altered, 4 unknown sender or wrong key, 3 replay)."""

from __future__ import annotations

from counselor_app.foundation.errors import (
    AuthenticationFailed,
    CounselorError,
    DamagedData,
    InvalidInput,
)
from counselor_app.foundation.i18n import Message


class BundleRefused(CounselorError):
    """Any refusal to open a bundle (catch this to refuse them all)."""


class BundleAltered(BundleRefused, DamagedData):
    """Not the file the school signed: changed, damaged, cut short, or not a bundle at all."""


class UnknownSchool(BundleRefused, AuthenticationFailed):
    """Signed by a school key the district has not registered."""

    def __init__(self, message: Message, *, fingerprint: str, school_uid: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint
        self.school_uid = school_uid


class WrongDistrictKey(BundleRefused, AuthenticationFailed):
    """Sealed for another district key."""


class BundleReplayed(BundleRefused, InvalidInput):
    """A bundle id this district has opened before."""

    def __init__(self, message: Message, *, first_opened_at: str) -> None:
        super().__init__(message)
        self.first_opened_at = first_opened_at


class ReceiptRefused(InvalidInput):
    """A receipt that is altered, not from the district, or not for a bundle of this school."""
