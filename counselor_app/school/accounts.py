"""Accounts: who may unlock the school, with which role, and how a password is changed or reset.

A password only wraps the keys (see ``storage.keys``): the data key for every account, and the
confidential key for a counsellor. Adding a user, changing a password or resetting one with the
recovery key rewrites the key file and never re-encrypts the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import InvalidInput, UsageError
from counselor_app.foundation.i18n import msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import ROLES, School, open_school, unlock_keys
from counselor_app.storage.keys import KeyFile, SchoolKeys, check_password_strength

ACCOUNTS = msg("管理账户", "manage accounts")
UNKNOWN_ROLE = msg(
    "角色应为 counsellor（心理教师）或 admin（管理员），不能是“{role}”。",
    "The role must be counsellor or admin, not '{role}'.",
)
ACCOUNT_EXISTS = msg("账户“{user}”已存在。", "The account '{user}' already exists.")
LAST_COUNSELLOR = msg(
    "不能删除最后一个心理教师账户，否则没有人能查看辅导记录。",
    "The last counsellor account cannot be removed, or nobody could read the notes.",
)
OWN_ACCOUNT = msg(
    "不能删除当前登录的账户“{user}”，否则下次无法用它解锁。请用另一个账户登录后再删除。",
    "The account '{user}' is signed in and cannot remove itself; sign in as another account first.",
)
NO_SUCH_ACCOUNT = msg("没有账户“{user}”。", "There is no account '{user}'.")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: str


def list_accounts(school: School) -> list[Account]:
    return [
        Account(r["name"], r["role"], r["created_at"])
        for r in school.db.query("SELECT name, role, created_at FROM app_user ORDER BY id")
    ]


def add_account(
    school: School, name: str, role: str, password: str, *, recovery_key: str | None = None
) -> Account:
    """A new account. Either role may add accounts (管理员 manages accounts; 心理教师 may do all);
    a 管理员 adding a counsellor gives the recovery key too, which opens the confidential key
    the new account must hold (see :func:`counselor_app.school.sealing.keys_for_new_account`)."""
    from counselor_app.school.sealing import keys_for_new_account

    name = name.strip()
    if role not in ROLES:
        raise UsageError(UNKNOWN_ROLE(role=role))
    if not name:
        raise InvalidInput(msg("请填写账户名。", "Enter an account name."))
    keys = KeyFile.load(school.paths.key_file)
    exists = school.db.scalar("SELECT 1 FROM app_user WHERE name = ?", (name,))
    if exists or name in keys.user_names:
        raise InvalidInput(ACCOUNT_EXISTS(user=name))
    check_password_strength(password)
    new_keys = keys_for_new_account(school, role, recovery_key)
    now = school.now().isoformat(timespec="seconds")
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO app_user (name, role, created_at) VALUES (?, ?, ?)", (name, role, now)
        )
        school.log("add_account", "app_user", None, account=name, role=role)
        # The key file is written inside the transaction: if writing it fails, the account row is
        # rolled back and nothing half-made remains.
        keys.with_user(name, password, new_keys).save(school.paths.key_file)
    return Account(name, role, now)


def remove_account(school: School, name: str) -> None:
    row = school.db.query_one("SELECT role FROM app_user WHERE name = ?", (name,))
    if row is None:
        raise InvalidInput(NO_SUCH_ACCOUNT(user=name))
    if name == school.user.name:
        raise InvalidInput(OWN_ACCOUNT(user=name))
    counsellors = school.db.scalar("SELECT count(*) FROM app_user WHERE role = 'counsellor'")
    if row["role"] == "counsellor" and counsellors <= 1:
        raise InvalidInput(LAST_COUNSELLOR)
    keys = KeyFile.load(school.paths.key_file)
    with school.db.transaction():
        school.db.execute("DELETE FROM app_user WHERE name = ?", (name,))
        school.log("remove_account", "app_user", None, account=name)
        if name in keys.user_names:
            keys.without_user(name).save(school.paths.key_file)


def change_password(
    paths: SchoolPaths,
    user: str,
    old_password: str,
    new_password: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """Check the old password (with the usual slow-down), then rewrap the keys."""
    check_password_strength(new_password)
    keys = unlock_keys(paths, user, old_password, clock())
    _rewrap(paths, user, new_password, keys, "change_password", clock)


def reset_password_with_recovery_key(
    paths: SchoolPaths,
    user: str,
    recovery_key: str,
    new_password: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """For when a counsellor has left or forgotten: the printed recovery key sets a new password."""
    check_password_strength(new_password)
    keys = KeyFile.load(paths.key_file).unlock_with_recovery_key(recovery_key)
    _rewrap(paths, user, new_password, keys, "recover_password", clock)


def _rewrap(
    paths: SchoolPaths, user: str, new_password: str, keys: SchoolKeys, action: str, clock: Clock
) -> None:
    # Checked like any unlock: on damaged pages the school opens read-only and nothing is written
    # into the database (the key file still takes the new password).
    with open_school(paths, user, keys, clock=clock) as school:
        # A 管理员's wrap never holds the confidential key, whatever opened the school; a
        # counsellor's holds what the school gave it (the pending copy included).
        KeyFile.load(paths.key_file).with_user(user, new_password, school.keys).save(paths.key_file)
        school.log(action, "app_user", None, account=user)
