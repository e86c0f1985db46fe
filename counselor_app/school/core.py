"""Setting up a school and unlocking it: the one place where a password becomes an open database.

An unlocked :class:`School` is what every service receives: the open database, who is signed in,
the clock and the audit trail.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from dataclasses import dataclass, field

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import (
    AuthenticationFailed,
    DamagedData,
    NotPermitted,
    UsageError,
    WrongPassword,
)
from counselor_app.foundation.i18n import Message, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage import backups
from counselor_app.storage.audit import AuditLog, audit_key
from counselor_app.storage.backup_rotation import newest_backup
from counselor_app.storage.database import Database
from counselor_app.storage.keys import (
    KdfParams,
    KeyFile,
    SchoolKeys,
    check_password_strength,
    new_recovery_key,
    new_school_keys,
)
from counselor_app.storage.schema import migrate
from counselor_app.storage.sealed_text import TextSealer
from counselor_app.storage.unlock_throttle import UnlockThrottle

COUNSELLOR = "counsellor"
ADMIN = "admin"
ROLES = (COUNSELLOR, ADMIN)

SCHOOL_EXISTS = msg(
    "{path} 里已经有一所学校的数据。要新建请换一个 --data-dir；要恢复旧数据请用 restore。",
    "{path} already holds a school. Choose another --data-dir to start afresh, or use restore.",
)
ACCOUNT_NOT_IN_DATABASE = msg(
    "账户“{user}”在数据库中不存在（可能已被删除）。请用其他账户登录。",
    "The account '{user}' is not in the database (it may have been removed). Sign in as another "
    "user.",
)
COUNSELLOR_ONLY = msg(
    "只有心理教师可以{action}。管理员账户不能查看辅导记录、一生一策和测评详情。",
    "Only a counsellor may {action}. An administrator cannot see session notes, crisis plans or "
    "screening details.",
)
DAMAGED_READ_ONLY = msg(
    "数据库文件 {path} 已损坏（检查发现：{problems}）。数据已按只读方式打开，以免损坏扩大；"
    "该文件没有被改动。{backup_hint}",
    "The database file {path} is damaged (the check found: {problems}). It was opened read-only so "
    "the damage does not spread; the file was not changed. {backup_hint}",
)
NEWEST_BACKUP_HINT = msg(
    "最近的完好备份：{backup}。请用“恢复备份”（命令行：counselor-app restore）恢复它；"
    "当前文件会被移到一旁保留，不会被覆盖。",
    "Newest good backup: {backup}. Restore it ('restore' on the command line); the current file is "
    "moved aside and kept, not overwritten.",
)
CONFIDENTIAL_TEXT = msg("查看或修改保密内容", "read or change confidential notes")
NO_BACKUP_HINT = msg(
    "数据文件夹里没有找到完好的备份。如果在 U 盘等其他地方有备份，请用“恢复备份”"
    "（命令行：counselor-app restore 备份文件）恢复最近的一份；否则请联系技术支持。",
    "No intact backup was found in the data folder. If there is one elsewhere (a USB stick), "
    "restore the newest ('counselor-app restore FILE'); otherwise ask for support.",
)


@dataclass(frozen=True)
class User:
    name: str
    role: str
    staff_id: int | None = None

    @property
    def is_counsellor(self) -> bool:
        return self.role == COUNSELLOR


@dataclass
class School:
    """An unlocked school. Close it (or use ``with``) to close the database and drop the key."""

    paths: SchoolPaths
    db: Database
    user: User
    clock: Clock
    _data_key: bytearray = field(repr=False)
    damage: list[str] = field(default_factory=list)
    damage_message: Message | None = None
    # The desktop program turns this on after unlocking; one-shot commands and tests leave it off.
    backup_on_close: bool = False
    # Held only by a counsellor (see storage.keys); empty for a 管理员.
    _confidential_key: bytearray = field(default_factory=bytearray, repr=False)

    @property
    def audit(self) -> AuditLog:
        anchor_file = None if self.db.read_only else self.paths.key_file
        return AuditLog(self.db, audit_key(self.data_key), anchor_file)

    @property
    def data_key(self) -> bytes:
        if not self._data_key:
            raise UsageError(msg("学校已锁定。", "The school is locked."))
        return bytes(self._data_key)

    @property
    def keys(self) -> SchoolKeys:
        return SchoolKeys(self.data_key, bytes(self._confidential_key) or None)

    @property
    def may_read_confidential(self) -> bool:
        """A counsellor holding the confidential key; a 管理员 never is one."""
        return self.user.is_counsellor and bool(self._confidential_key)

    def seal_text(self, place: str, text: str | None) -> str | None:
        """Confidential text as stored in ``place`` (``table.column``)."""
        if text in (None, ""):
            return text
        return self._sealer().seal(place, text)

    def open_text(self, place: str, value: str | None) -> str | None:
        """The text of a value stored in ``place``; only for those who may read it."""
        if value in (None, ""):
            return value
        return self._sealer().open(place, value)

    def _sealer(self) -> TextSealer:
        if not self.may_read_confidential:
            raise NotPermitted(COUNSELLOR_ONLY(action=CONFIDENTIAL_TEXT.render()))
        return TextSealer(bytes(self._confidential_key))

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def log(
        self,
        action: str,
        record_type: str | None = None,
        record_id: int | None = None,
        **detail: object,
    ) -> None:
        if self.db.read_only:
            # A damaged database opened read-only for rescue cannot take entries; what is done in
            # that state (reading, printing, exporting) changes nothing that needs tracing.
            return
        self.audit.record(
            at=self.now().isoformat(timespec="seconds"),
            user_name=self.user.name,
            action=action,
            record_type=record_type,
            record_id=record_id,
            detail=detail,
        )

    def require_counsellor(self, action: Message) -> None:
        if not self.user.is_counsellor:
            raise NotPermitted(COUNSELLOR_ONLY(action=action.render()))

    @property
    def name(self) -> str:
        return str(self.db.scalar("SELECT name FROM school WHERE id = 1") or "")

    @property
    def uid(self) -> str:
        return str(self.db.scalar("SELECT uid FROM school WHERE id = 1") or "")

    def close(self, *, backup: bool | None = None) -> None:
        """Close the database and drop the key. With ``backup`` (default: ``backup_on_close``) a
        writable school first makes its on-exit backup; a failed backup is raised after closing."""
        try:
            wanted = self.backup_on_close if backup is None else backup
            if wanted and self._data_key and not self.db.closed and not self.db.read_only:
                # The one call upwards: the exit backup is the backup service's, not storage's.
                from counselor_app.school import backups as school_backups

                school_backups.automatic_backup(self, backups.EXIT)
        finally:
            if not self.db.closed:
                self.db.close()
            # Python cannot promise to erase memory, but the copies we own are overwritten.
            for key in (self._data_key, self._confidential_key):
                for i in range(len(key)):
                    key[i] = 0
            self._data_key = bytearray()
            self._confidential_key = bytearray()

    def __enter__(self) -> School:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class NewSchool:
    school: School
    recovery_key: str


def create_school(
    paths: SchoolPaths,
    *,
    school_name: str,
    user_name: str,
    password: str,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> NewSchool:
    """Make the data folder, the key file (first account and recovery key) and the database.
    The program sets a school up with :func:`counselor_app.settings.setup_wizard.set_up_school`,
    which also makes the school's district-bundle signing key."""
    if paths.database.exists():
        raise UsageError(SCHOOL_EXISTS(path=str(paths.root)))
    check_password_strength(password)
    if not school_name.strip():
        raise UsageError(msg("请填写学校名称。", "Enter the school's name."))
    if not user_name.strip():
        raise UsageError(msg("请填写账户名。", "Enter an account name."))
    paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = clock()
    keys = new_school_keys()
    school_uid = uuid.uuid4().hex
    recovery_key = new_recovery_key()
    key_file = (
        KeyFile(school_uid, [])
        .with_user(user_name.strip(), password, keys, kdf)
        .with_recovery_key(recovery_key, keys, kdf)
    )
    # The key file first: a database nobody can unlock would be worse than a key file with no
    # database, which the next init simply replaces.
    key_file.save(paths.key_file)
    db = Database.open(paths.database, keys.data_key)
    migrate(db, keys.data_key, paths.set_aside, now)
    with db.transaction():
        db.execute(
            "INSERT INTO school (id, uid, name, created_at) VALUES (1, ?, ?, ?)",
            (school_uid, school_name.strip(), now.isoformat(timespec="seconds")),
        )
        db.execute(
            "INSERT INTO app_user (name, role, created_at) VALUES (?, ?, ?)",
            (user_name.strip(), COUNSELLOR, now.isoformat(timespec="seconds")),
        )
    school = _school(paths, db, User(user_name.strip(), COUNSELLOR), clock, keys)
    from counselor_app.school.sealing import mark_text_sealed

    mark_text_sealed(school)
    school.log("setup", "school", 1)
    return NewSchool(school, recovery_key)


def _school(
    paths: SchoolPaths,
    db: Database,
    user: User,
    clock: Clock,
    keys: SchoolKeys,
    problems: list[str] | None = None,
    damage_message: Message | None = None,
) -> School:
    confidential = keys.confidential_key if user.is_counsellor else None
    return School(
        paths,
        db,
        user,
        clock,
        bytearray(keys.data_key),
        problems or [],
        damage_message,
        _confidential_key=bytearray(confidential or b""),
    )


def list_user_names(paths: SchoolPaths) -> list[str]:
    """The accounts that can unlock this school, for the unlock screen (no password needed)."""
    return KeyFile.load(paths.key_file).user_names


def unlock_keys(paths: SchoolPaths, user_name: str, password: str, now: dt.datetime) -> SchoolKeys:
    """Check the password, with slow-down after repeated failures; nothing else is touched."""
    throttle = UnlockThrottle(paths.unlock_failures)
    throttle.check(user_name, now)
    key_file = KeyFile.load(paths.key_file)
    try:
        keys = key_file.unlock(user_name, password)
    except WrongPassword:
        throttle.record_failure(user_name, now)
        raise
    throttle.clear(user_name)
    return keys


def unlock_data_key(paths: SchoolPaths, user_name: str, password: str, now: dt.datetime) -> bytes:
    """The data key alone (see :func:`unlock_keys`)."""
    return unlock_keys(paths, user_name, password, now).data_key


def open_school(
    paths: SchoolPaths,
    user_name: str,
    keys: SchoolKeys | bytes,
    *,
    clock: Clock = system_clock,
    check_integrity: bool = True,
) -> School:
    """Open the database with keys already unwrapped (or the data key alone, which is all a
    管理员 holds); check it and bring it up to date.

    A damaged database is never written to: one that cannot be opened at all (empty, truncated,
    not a database) raises DamagedData; one with damaged pages opens read-only, with
    ``damage_message`` saying what is damaged and which backup to restore."""
    if isinstance(keys, bytes):
        keys = SchoolKeys(keys)
    now = clock()
    if not paths.database.exists():
        raise UsageError(
            msg("数据库文件不存在：{path}", "The database file is missing: {path}")(
                path=str(paths.database)
            )
        )
    backups.sweep_leftovers(paths)  # copies a killed backup or restore left in the data folder

    @functools.cache  # looked up once, when damage is first met: it reads the backups
    def hint() -> Message:
        return _backup_hint(paths)

    db = Database.open(paths.database, keys.data_key, damage_hint=hint)
    try:
        problems = db.integrity_problems(thorough=False) if check_integrity else []
        damage_message = None
        if problems:
            db.close()
            db = Database.open(
                paths.database,
                keys.data_key,
                read_only=True,
                read_only_reason="integrity check failed",
                damage_hint=hint,
            )
            damage_message = _damage_message(paths, problems, hint())
        else:
            migrate(db, keys.data_key, paths.set_aside, now)
        row = db.query_one("SELECT name, role, staff_id FROM app_user WHERE name = ?", (user_name,))
        if row is None:
            raise AuthenticationFailed(ACCOUNT_NOT_IN_DATABASE(user=user_name))
        user = User(row["name"], row["role"], row["staff_id"])
        if user.is_counsellor and keys.confidential_key is None:
            from counselor_app.school.sealing import confidential_key_for_counsellor

            keys = SchoolKeys(keys.data_key, confidential_key_for_counsellor(paths, db, keys))
    except BaseException:
        db.close()
        raise
    school = _school(paths, db, user, clock, keys, problems, damage_message)
    if not db.read_only:
        if school.may_read_confidential:
            from counselor_app.school.sealing import seal_plain_text

            seal_plain_text(school)
        school.log("unlock")
    return school


def unlock(
    paths: SchoolPaths, user_name: str, password: str, *, clock: Clock = system_clock
) -> School:
    keys = unlock_keys(paths, user_name, password, clock())
    school = open_school(paths, user_name, keys, clock=clock)
    if school.may_read_confidential and not school.db.read_only:
        from counselor_app.school.sealing import settle_confidential_key

        settle_confidential_key(school, password)
    return school


def _backup_hint(paths: SchoolPaths) -> Message:
    newest = newest_backup(paths)
    return NEWEST_BACKUP_HINT(backup=str(newest)) if newest else NO_BACKUP_HINT


def _damage_message(paths: SchoolPaths, problems: list[str], backup_hint: Message) -> Message:
    return DAMAGED_READ_ONLY(
        path=str(paths.database), problems="; ".join(problems[:3]), backup_hint=backup_hint
    )


def read_setting(school: School, key: str, default: object = None) -> object:
    value = school.db.scalar("SELECT value FROM setting WHERE key = ?", (key,))
    return default if value is None else json.loads(value)


def write_setting(school: School, key: str, value: object) -> None:
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )


def ensure_not_damaged(school: School) -> None:
    if school.db.read_only:
        raise DamagedData(
            school.damage_message or msg("数据库为只读。", "The database is read-only.")
        )


__all__ = [
    "ADMIN",
    "COUNSELLOR",
    "NewSchool",
    "School",
    "User",
    "create_school",
    "list_user_names",
    "open_school",
    "unlock",
    "unlock_data_key",
    "unlock_keys",
]
