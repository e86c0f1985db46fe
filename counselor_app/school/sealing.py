"""Who holds the confidential key, and sealing the notes written before sealing existed.

A school set up by this version has the confidential key from the start: its first counsellor and
its recovery key hold it, and every counsellor account added later is given it. A school set up
by an earlier version had its notes readable by every account that could open the database. The
first counsellor to open it makes the key, seals the existing notes at once, and keeps a *pending*
copy of the key under the data key (``KeyFile.pending_confidential``), because the other
counsellors and the recovery key cannot be given it without their secrets. Each counsellor gets
it at their next password unlock; the recovery key gets it when a counsellor confirms the printed
key or prints a new one. Only then is the pending copy removed and the notes closed to 管理员
accounts for good. Until that moment the program keeps saying what is missing
(:func:`confidential_key_notices`).
"""

from __future__ import annotations

import json
from typing import Any

from counselor_app.foundation.errors import AuthenticationFailed, InvalidInput, NotPermitted
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import COUNSELLOR_ONLY, School, read_setting, write_setting
from counselor_app.storage.database import Database
from counselor_app.storage.keys import (
    WRONG_RECOVERY_KEY,
    KeyFile,
    SchoolKeys,
    new_data_key,
    new_recovery_key,
)
from counselor_app.storage.sealed_text import is_sealed

# Set once every confidential text in the database is sealed; it stays set.
SEALED_SETTING = "sealed_text_version"

#: The columns of confidential free text that :func:`seal_plain_text` seals, per table: those the
#: record catalogue marks sealed (``FieldSpec.sealed``). Written out rather than imported from
#: ``records/catalog.py``: sealing what an earlier version stored plain is a one-time data
#: migration (``SEALED_SETTING`` version 1), and like the numbered migrations it keeps the columns
#: of its own time instead of following the live catalogue; and the school, which records build
#: on, does not import them. A column sealed later needs a conversion of its own (a school runs
#: this one only once); ``tests/core/test_sealed_text.py`` checks the two agree.
COLUMNS_TO_SEAL: dict[str, tuple[str, ...]] = {
    "counselling_session": ("summary", "follow_up"),
    "home_visit": ("summary",),
    "screening": ("instrument",),
    "risk_assessment": ("basis",),
    # The seven safety-plan sections came with schema 8, after this conversion's time, so no
    # earlier version stored them plain; they are listed only to keep the two lists one (empty
    # columns are left as they are).
    "crisis_plan": (
        "safety_plan",
        "measures",
        "referral_to",
        "warning_signs",
        "coping_alone",
        "people_places",
        "adults_to_ask",
        "professionals",
        "safe_surroundings",
        "reasons_to_live",
    ),
    "follow_up": ("content",),
    "abnormal_report": ("observation",),
    "confidentiality_break": ("reason",),
    "monitor_report": ("details",),
    "referral": ("to_whom", "return_plan"),
}

RECOVERY_KEY_ACTION = msg("更换或确认恢复密钥", "replace or confirm the recovery key")
RECOVERY_LACKS_KEY = msg(
    "恢复密钥还不能打开保密内容（辅导记录摘要、一生一策等，本版本起单独加密）。请核对打印的恢复密钥"
    "（设置 › 账户 › 恢复密钥，或命令行 counselor-app recovery-key confirm）；如找不到它，请在同一处"
    "生成新的恢复密钥（counselor-app recovery-key new）。完成之前，管理员账户仍可能读到这些内容。",
    "The recovery key cannot open confidential notes yet (session notes, crisis plans: sealed "
    "separately from this version on). Check the printed recovery key (Settings › Accounts › "
    "Recovery key, or counselor-app recovery-key confirm); if it cannot be found, make a new one "
    "there (counselor-app recovery-key new). Until then, administrator accounts may still be able "
    "to read these notes.",
)
COUNSELLORS_LACK_KEY = msg(
    "以下心理教师账户还没有登录过，暂时不能查看保密内容：{users}。请他们各登录一次。",
    "These counsellor accounts have not signed in since notes were sealed and cannot read them "
    "yet: {users}. Ask each to sign in once.",
)
THIS_ACCOUNT_LACKS_KEY = msg(
    "此账户还没有查看保密内容的密钥。请另一位心理教师登录后删除并重新添加此账户，"
    "或用恢复密钥重设此账户的密码（counselor-app recover）。",
    "This account does not hold the key to confidential notes. Ask another counsellor to remove "
    "and add this account again, or reset its password with the recovery key (counselor-app "
    "recover).",
)
RECOVERY_KEY_OF_OTHER_SCHOOL = msg(
    "这个恢复密钥属于另一份数据（可能是恢复备份之前的），不能用于本校当前的数据。",
    "This recovery key belongs to other data (perhaps from before a restore) and cannot be used "
    "with the school's current data.",
)


# -- the key --------------------------------------------------------------------------------------
def confidential_key_for_counsellor(
    paths: SchoolPaths, db: Database, keys: SchoolKeys
) -> bytes | None:
    """The confidential key for a counsellor whose own wrap lacks it: the pending copy; in a
    school that never had one, a new key (kept pending, and saved before anything is sealed with
    it); None when the key exists but this account was never given it."""
    key_file = KeyFile.load(paths.key_file)
    pending = key_file.open_pending_confidential(keys.data_key)
    if pending is not None:
        return pending
    already_sealed = _read_setting(db, SEALED_SETTING) is not None
    someone_holds_it = any(w.holds_confidential_key for w in key_file.wraps)
    if db.read_only or already_sealed or someone_holds_it:
        return None  # never a second key over text sealed with the first
    confidential_key = new_data_key()
    key_file.with_pending_confidential(SchoolKeys(keys.data_key, confidential_key)).save(
        paths.key_file
    )
    return confidential_key


def settle_confidential_key(school: School, password: str) -> None:
    """After a counsellor's password unlock: give this account the key if its wrap lacks it, and
    drop the pending copy once every holder has the key."""
    key_file = KeyFile.load(school.paths.key_file)
    if not key_file.user_holds_confidential_key(school.user.name):
        try:
            key_file = key_file.with_user(school.user.name, password, school.keys)
        except InvalidInput:  # a password from before today's rules: rewrapped when changed
            return
    _save_settled(school, key_file)


def _save_settled(school: School, key_file: KeyFile) -> None:
    if key_file.pending_confidential is not None and not _lacking_key(school, key_file):
        key_file = key_file.without_pending_confidential()
        school.log("confidential_key_settled")
    if key_file != KeyFile.load(school.paths.key_file):
        key_file.save(school.paths.key_file)


def _lacking_key(school: School, key_file: KeyFile) -> list[str]:
    """Who should hold the confidential key and does not: counsellor accounts by name, and ""
    for the recovery key."""
    counsellors = [
        str(r[0]) for r in school.db.query("SELECT name FROM app_user WHERE role = 'counsellor'")
    ]
    lacking = [
        name
        for name in counsellors
        if name in key_file.user_names and not key_file.user_holds_confidential_key(name)
    ]
    if not key_file.recovery_holds_confidential_key:
        lacking.append("")
    return lacking


def confidential_key_notices(school: School) -> list[Message]:
    """What a counsellor should be told until every holder has the confidential key."""
    if not school.user.is_counsellor:
        return []
    if not school.may_read_confidential:
        return [THIS_ACCOUNT_LACKS_KEY]
    lacking = _lacking_key(school, KeyFile.load(school.paths.key_file))
    notices = []
    if "" in lacking:
        notices.append(RECOVERY_LACKS_KEY)
    if users := [name for name in lacking if name]:
        notices.append(COUNSELLORS_LACK_KEY(users=joined(users)))
    return notices


def keys_for_new_account(school: School, role: str, recovery_key: str | None = None) -> SchoolKeys:
    """What a new account's password will wrap: the data key, and for a counsellor the
    confidential key too — from the signed-in counsellor, the recovery key, or the pending copy."""
    if role != "counsellor":
        return school.keys.without_confidential()
    if school.may_read_confidential:
        return school.keys
    key_file = KeyFile.load(school.paths.key_file)
    if recovery_key:
        keys = _recovery_keys(school, key_file, recovery_key)
        if keys.confidential_key is not None:
            return keys
    pending = key_file.open_pending_confidential(school.data_key)
    if pending is not None:
        return SchoolKeys(school.data_key, pending)
    raise NotPermitted(NEW_COUNSELLOR_NEEDS_KEY)


NEW_COUNSELLOR_NEEDS_KEY = msg(
    "添加心理教师账户需要查看保密内容的密钥：请由一位心理教师登录后添加，或同时输入恢复密钥"
    "（命令行：设置环境变量 COUNSELOR_RECOVERY_KEY，或在提示时输入）。",
    "Adding a counsellor account needs the key to confidential notes: sign in as a counsellor to "
    "add it, or give the recovery key as well (command line: it is asked for, or read from "
    "COUNSELOR_RECOVERY_KEY).",
)


def _recovery_keys(school: School, key_file: KeyFile, recovery_key: str) -> SchoolKeys:
    keys = key_file.unlock_with_recovery_key(recovery_key)
    if keys.data_key != school.data_key:
        raise AuthenticationFailed(RECOVERY_KEY_OF_OTHER_SCHOOL)
    return keys


# -- the recovery key -----------------------------------------------------------------------------
def confirm_recovery_key(school: School, recovery_key: str) -> None:
    """Check the printed recovery key and let it open confidential notes too."""
    _require_key_holder(school)
    key_file = KeyFile.load(school.paths.key_file)
    _recovery_keys(school, key_file, recovery_key)
    key_file = key_file.with_recovery_key(recovery_key, school.keys)
    with school.db.transaction():
        school.log("confirm_recovery_key")
    _save_settled(school, key_file)


def replace_recovery_key(school: School) -> str:
    """A new recovery key, holding both keys; the old one stops working. Shown once."""
    _require_key_holder(school)
    recovery_key = new_recovery_key()
    key_file = KeyFile.load(school.paths.key_file).with_recovery_key(recovery_key, school.keys)
    with school.db.transaction():
        school.log("replace_recovery_key")
    _save_settled(school, key_file)
    return recovery_key


def _require_key_holder(school: School) -> None:
    if not school.may_read_confidential:
        raise NotPermitted(COUNSELLOR_ONLY(action=RECOVERY_KEY_ACTION.render()))


def check_recovery_key(paths: SchoolPaths, recovery_key: str) -> SchoolKeys:
    """The keys the recovery key opens (for rescue); raises on a wrong key."""
    try:
        return KeyFile.load(paths.key_file).unlock_with_recovery_key(recovery_key)
    except AuthenticationFailed:
        raise AuthenticationFailed(WRONG_RECOVERY_KEY) from None


# -- the text -------------------------------------------------------------------------------------
def mark_text_sealed(school: School) -> None:
    """For a new school: nothing to convert, ever."""
    write_setting(school, SEALED_SETTING, 1)


def seal_plain_text(school: School) -> int:
    """Seal, in one transaction, every confidential text still stored plain (written by an
    earlier version), the recycle bin's copies included. Returns how many values were sealed."""
    if read_setting(school, SEALED_SETTING) is not None:
        return 0
    db = school.db
    sealed = 0
    with db.transaction():
        for table, columns in COLUMNS_TO_SEAL.items():
            rows = db.query(f"SELECT id, {', '.join(columns)} FROM {table}")
            for row in rows:
                changes = _sealed_changes(school, table, columns, dict(row))
                if changes:
                    assignments = ", ".join(f"{column} = ?" for column in changes)
                    db.execute(
                        f"UPDATE {table} SET {assignments} WHERE id = ?",
                        (*changes.values(), row["id"]),
                    )
                    sealed += len(changes)
        for entry in db.query("SELECT id, rows FROM recycle_bin"):
            tables: dict[str, list[dict[str, Any]]] = json.loads(entry["rows"])
            touched = False
            for table, table_rows in tables.items():
                columns = COLUMNS_TO_SEAL.get(table, ())
                for row in table_rows:
                    changes = _sealed_changes(school, table, columns, row)
                    row.update(changes)
                    touched = touched or bool(changes)
            if touched:
                db.execute(
                    "UPDATE recycle_bin SET rows = ? WHERE id = ?",
                    (json.dumps(tables, ensure_ascii=False), entry["id"]),
                )
        write_setting(school, SEALED_SETTING, 1)
        school.log("seal_confidential_text", values=sealed)
    return sealed


def _sealed_changes(
    school: School, table: str, columns: tuple[str, ...], row: dict[str, Any]
) -> dict[str, str | None]:
    return {
        column: school.seal_text(f"{table}.{column}", row[column])
        for column in columns
        if isinstance(row.get(column), str) and row[column] and not is_sealed(row[column])
    }


def _read_setting(db: Database, key: str) -> object:
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (key,))
    return None if value is None else json.loads(value)


__all__ = [
    "confidential_key_for_counsellor",
    "confidential_key_notices",
    "confirm_recovery_key",
    "keys_for_new_account",
    "mark_text_sealed",
    "replace_recovery_key",
    "seal_plain_text",
    "settle_confidential_key",
]
