"""Data rescue: the raw keys for a school's IT person when the program itself cannot open the data.

Given the recovery key, :func:`show_raw_keys` returns the SQLCipher key of ``school.db`` (and the
key that seals confidential notes), so the file can be opened with SQLCipher 4's own tools as
``docs/rescue.md`` describes. Seeing them is written to the audit trail when the database can still
take an entry; when it cannot (the usual reason for a rescue), the caller says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlcipher3 import dbapi2

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage.audit import AuditLog, audit_key
from counselor_app.storage.database import Database
from counselor_app.storage.keys import KeyFile, SchoolKeys

RECOVERY_KEY_HOLDER = "（恢复密钥）"


@dataclass(frozen=True)
class RescueKeys:
    keys: SchoolKeys
    logged: bool


def show_raw_keys(
    paths: SchoolPaths, recovery_key: str, *, clock: Clock = system_clock
) -> RescueKeys:
    """The keys the recovery key opens; raises AuthenticationFailed for a wrong key and nothing is
    written then."""
    keys = KeyFile.load(paths.key_file).unlock_with_recovery_key(recovery_key)
    return RescueKeys(keys, _log(paths, keys, clock()))


def _log(paths: SchoolPaths, keys: SchoolKeys, now: dt.datetime) -> bool:
    if not paths.database.is_file() or paths.database.stat().st_size == 0:
        return False  # opening would make a new, empty database there
    try:
        db = Database.open(paths.database, keys.data_key)
    except (CounselorError, dbapi2.Error, OSError):
        return False
    try:
        if db.integrity_problems(thorough=False):
            return False  # never write into a damaged file
        AuditLog(db, audit_key(keys.data_key), paths.key_file).record(
            at=now.isoformat(timespec="seconds"),
            user_name=RECOVERY_KEY_HOLDER,
            action="rescue_show_key",
        )
        return True
    except (CounselorError, dbapi2.Error, OSError):
        return False
    finally:
        db.close()
