"""The key file: the school's random keys, wrapped once per password.

The database is encrypted with the *data key*. What only counsellors may read (session notes,
crisis details) is sealed again with the *confidential key* (see :mod:`.sealed_text`). Each user's
password, and the recovery key printed at setup, derives a key-encryption key through Argon2id;
that key wraps, with AES-256-GCM, the data key alone (a 管理员) or the data key and the
confidential key (a counsellor, the recovery key). Changing a password rewraps 32 or 64 bytes and
never re-encrypts the database.

Two checks keep a wrong password and a damaged file apart: the file carries a SHA-256 checksum of its
own content (damage), and each wrap carries its GCM tag (a wrong password fails the tag of an intact
wrap).

The file also carries the audit trail's anchor (how many entries the trail had and the newest MAC),
so that entries cut from the end of the trail inside the database do not go unnoticed; and, for a
school that had notes before sealing existed, a *pending* copy of the confidential key until every
counsellor account and the recovery key hold it (see :class:`KeyFile`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import (
    AuthenticationFailed,
    DamagedData,
    InvalidInput,
    UsageError,
    WrongPassword,
)
from counselor_app.foundation.i18n import joined, msg

FORMAT = "counselor-desk-keys"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Every wrap's associated data names format version 1: wraps made then must still open.
_WRAP_AAD_VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, printed in 8 groups of 4

WRONG_PASSWORD = msg(
    "密码不正确。请检查大小写和输入法（中文输入法下可能输入了全角字符）后再试。",
    "The password is not correct. Check Caps Lock and the input method, then try again.",
)
UNKNOWN_USER = msg(
    "没有名为“{user}”的账户。已有账户：{users}。",
    "There is no account named '{user}'. Accounts: {users}.",
)
WRONG_RECOVERY_KEY = msg(
    "恢复密钥不正确。请对照打印的恢复密钥逐组核对（共 8 组，每组 4 个字符）。",
    "The recovery key is not correct. Compare it group by group with the printed copy (8 groups of 4).",
)
KEY_FILE_DAMAGED = msg(
    "密钥文件 {path} 已损坏（{reason}）。数据库本身未被改动。请从备份中恢复（备份包含密钥文件），"
    "或联系技术支持。",
    "The key file {path} is damaged ({reason}). The database itself was not changed. Restore from a "
    "backup (backups carry the key file) or ask for technical support.",
)
KEY_FILE_MISSING = msg(
    "在 {path} 没有找到学校数据。请先运行 counselor-app init，或用 --data-dir 指定数据文件夹。",
    "No school data was found at {path}. Run counselor-app init first, or point --data-dir at the "
    "data folder.",
)
NEWER_KEY_FILE = msg(
    "密钥文件 {path} 由更新版本的本程序写入（格式 {version}）。请安装最新版本后再打开。",
    "The key file {path} was written by a newer version of this program (format {version}). "
    "Install the newest version to open it.",
)
KEY_FILE_NOT_A_FILE = msg(
    "密钥文件 {path} 应该是一个文件，现在却是一个文件夹，因此无法解锁。数据库本身未被改动。"
    "请把这个文件夹移走后从备份中恢复（备份包含密钥文件），或联系技术支持。",
    "The key file {path} should be a file but is a folder, so the school cannot be unlocked. The "
    "database itself was not changed. Move the folder away and restore from a backup (backups carry "
    "the key file), or ask for technical support.",
)
KEY_FILE_UNREADABLE = msg(
    "无法读取密钥文件 {path}（{reason}）。数据库本身未被改动。请检查该文件的权限和磁盘，"
    "或从备份中恢复（备份包含密钥文件）。",
    "The key file {path} cannot be read ({reason}). The database itself was not changed. Check the "
    "file's permissions and the disk, or restore from a backup (backups carry the key file).",
)
USER_EXISTS = msg("账户“{user}”已存在。", "The account '{user}' already exists.")
PASSWORD_TOO_SHORT = msg(
    "密码至少需要 {minimum} 个字符。", "The password must have at least {minimum} characters."
)
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default takes 0.1–0.3 s on a school PC; tests use a cheaper one."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1


DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class SchoolKeys:
    """What one unlocking yields: the data key, and the confidential key when the account (a
    counsellor, or the recovery key) may read sealed text."""

    data_key: bytes = field(repr=False)
    confidential_key: bytes | None = field(default=None, repr=False)

    @property
    def payload(self) -> bytes:
        return self.data_key + (self.confidential_key or b"")

    @classmethod
    def from_payload(cls, payload: bytes) -> SchoolKeys:
        if len(payload) == DATA_KEY_BYTES:
            return cls(payload)
        if len(payload) == 2 * DATA_KEY_BYTES:
            return cls(payload[:DATA_KEY_BYTES], payload[DATA_KEY_BYTES:])
        raise ValueError("a wrapped payload is 32 or 64 bytes")

    def without_confidential(self) -> SchoolKeys:
        return SchoolKeys(self.data_key)


@dataclass(frozen=True)
class KeyWrap:
    kind: str  # "user" or "recovery"
    name: str  # the user's name; "" for the recovery wrap
    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams = field(default_factory=KdfParams)

    def _aad(self, school_uid: str) -> bytes:
        return f"{FORMAT}/{_WRAP_AAD_VERSION}|{school_uid}|{self.kind}|{self.name}".encode()

    def _kek(self, secret: bytes) -> bytes:
        return hash_secret_raw(
            secret,
            _unb64(self.salt),
            time_cost=self.kdf.time_cost,
            memory_cost=self.kdf.memory_kib,
            parallelism=self.kdf.parallelism,
            hash_len=32,
            type=Type.ID,
        )

    def unwrap(self, school_uid: str, secret: bytes) -> SchoolKeys | None:
        """The keys this wrap holds, or None when the secret is wrong (the GCM tag does not
        match)."""
        try:
            payload = AESGCM(self._kek(secret)).decrypt(
                _unb64(self.nonce), _unb64(self.wrapped), self._aad(school_uid)
            )
        except InvalidTag:
            return None
        return SchoolKeys.from_payload(payload)

    @property
    def holds_confidential_key(self) -> bool:
        """Told by the ciphertext's length, without the secret: 64 bytes of keys plus the tag."""
        return len(_unb64(self.wrapped)) == 2 * DATA_KEY_BYTES + 16

    @classmethod
    def create(
        cls, kind: str, name: str, school_uid: str, secret: bytes, keys: SchoolKeys, kdf: KdfParams
    ) -> KeyWrap:
        draft = cls(
            kind, name, _b64(secrets.token_bytes(16)), _b64(secrets.token_bytes(12)), "", kdf
        )
        ciphertext = AESGCM(draft._kek(secret)).encrypt(
            _unb64(draft.nonce), keys.payload, draft._aad(school_uid)
        )
        return replace(draft, wrapped=_b64(ciphertext))


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_school_keys() -> SchoolKeys:
    return SchoolKeys(new_data_key(), new_data_key())


def _pending_key(data_key: bytes) -> AESGCM:
    return AESGCM(
        HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=None,
            info=b"counselor-desk pending confidential key v1",
        ).derive(data_key)
    )


_RECOVERY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# People copy a printed key by hand: read the digits that base32 does not use as the letters they
# resemble.
_RECOVERY_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalize_recovery_key(typed: str) -> bytes:
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_RECOVERY_LOOKALIKES)
    if len(cleaned) != 32 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        raise AuthenticationFailed(WRONG_RECOVERY_KEY)
    return cleaned.encode("ascii")


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(PASSWORD_TOO_SHORT(minimum=MIN_PASSWORD_LENGTH))


@dataclass(frozen=True)
class AuditAnchor:
    """The audit trail's newest entry (its number and MAC) as last written, kept outside the
    database. Entry numbers are never reused, so a removed newest entry leaves its number missing.

    ``seal`` is an HMAC over the two made with the audit key (see ``storage.audit``), so that the
    anchor cannot be moved back by someone who can edit this file but holds no key."""

    last_id: int
    last_mac: str
    seal: str


@dataclass(frozen=True)
class KeyFile:
    """The key file's content. Every ``with_*`` method returns a changed copy; ``save`` writes it.

    ``pending_confidential`` holds the confidential key wrapped under the data key. It exists
    only while some holder still lacks the confidential key — after an upgrade from a version
    without sealing, until every counsellor has signed in once and the recovery key has been
    confirmed — because until then the data key must be able to hand it on."""

    school_uid: str
    wraps: list[KeyWrap]
    audit_anchor: AuditAnchor | None = None
    pending_confidential: dict[str, str] | None = None

    @property
    def user_names(self) -> list[str]:
        return [w.name for w in self.wraps if w.kind == "user"]

    def _user_wrap(self, user: str) -> KeyWrap:
        for wrap in self.wraps:
            if wrap.kind == "user" and wrap.name == user:
                return wrap
        raise AuthenticationFailed(UNKNOWN_USER(user=user, users=joined(self.user_names or ["—"])))

    def user_holds_confidential_key(self, user: str) -> bool:
        return self._user_wrap(user).holds_confidential_key

    @property
    def recovery_holds_confidential_key(self) -> bool:
        return any(w.kind == "recovery" and w.holds_confidential_key for w in self.wraps)

    def unlock(self, user: str, password: str) -> SchoolKeys:
        keys = self._user_wrap(user).unwrap(self.school_uid, password.encode("utf-8"))
        if keys is None:
            raise WrongPassword(WRONG_PASSWORD)
        return keys

    def unlock_with_recovery_key(self, recovery_key: str) -> SchoolKeys:
        secret = normalize_recovery_key(recovery_key)
        for wrap in self.wraps:
            if wrap.kind == "recovery":
                keys = wrap.unwrap(self.school_uid, secret)
                if keys is not None:
                    return keys
        raise AuthenticationFailed(WRONG_RECOVERY_KEY)

    def with_user(
        self, user: str, password: str, keys: SchoolKeys, kdf: KdfParams | None = None
    ) -> KeyFile:
        """A copy with the user's wrap added or replaced (a new account, or a new password)."""
        check_password_strength(password)
        kdf = kdf or DEFAULT_KDF
        others = [w for w in self.wraps if not (w.kind == "user" and w.name == user)]
        wrap = KeyWrap.create("user", user, self.school_uid, password.encode("utf-8"), keys, kdf)
        return replace(self, wraps=[*others, wrap])

    def with_recovery_key(
        self, recovery_key: str, keys: SchoolKeys, kdf: KdfParams | None = None
    ) -> KeyFile:
        kdf = kdf or DEFAULT_KDF
        others = [w for w in self.wraps if w.kind != "recovery"]
        secret = normalize_recovery_key(recovery_key)
        wrap = KeyWrap.create("recovery", "", self.school_uid, secret, keys, kdf)
        return replace(self, wraps=[*others, wrap])

    def without_user(self, user: str) -> KeyFile:
        self._user_wrap(user)
        return replace(
            self, wraps=[w for w in self.wraps if not (w.kind == "user" and w.name == user)]
        )

    def with_audit_anchor(self, anchor: AuditAnchor) -> KeyFile:
        return replace(self, audit_anchor=anchor)

    def with_pending_confidential(self, keys: SchoolKeys) -> KeyFile:
        if keys.confidential_key is None:
            raise ValueError("no confidential key to keep pending")
        nonce = secrets.token_bytes(12)
        wrapped = _pending_key(keys.data_key).encrypt(
            nonce, keys.confidential_key, self.school_uid.encode("utf-8")
        )
        return replace(self, pending_confidential={"nonce": _b64(nonce), "wrapped": _b64(wrapped)})

    def without_pending_confidential(self) -> KeyFile:
        return replace(self, pending_confidential=None)

    def open_pending_confidential(self, data_key: bytes) -> bytes | None:
        """The pending confidential key, or None when there is none."""
        if self.pending_confidential is None:
            return None
        try:
            return _pending_key(data_key).decrypt(
                _unb64(self.pending_confidential["nonce"]),
                _unb64(self.pending_confidential["wrapped"]),
                self.school_uid.encode("utf-8"),
            )
        except (InvalidTag, KeyError, ValueError) as exc:
            raise DamagedData(
                KEY_FILE_DAMAGED(path="keys.json", reason="pending key does not open")
            ) from exc

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "school_uid": self.school_uid,
            "wraps": [asdict(w) for w in self.wraps],
        }
        if self.audit_anchor is not None:
            body["audit_anchor"] = asdict(self.audit_anchor)
        if self.pending_confidential is not None:
            body["pending_confidential"] = dict(self.pending_confidential)
        document = {**body, "checksum": _checksum(body)}
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self._with_newest_anchor(path).to_bytes())

    def _with_newest_anchor(self, path: Path) -> KeyFile:
        """Whoever saves the file keeps the newest audit anchor in it: a copy loaded before an
        entry was anchored must not put an older anchor back (only the anchor writer moves it)."""
        try:
            on_disk = KeyFile.from_bytes(path.read_bytes(), path).audit_anchor
        except (OSError, DamagedData):
            return self
        if on_disk is None or (self.audit_anchor and self.audit_anchor.last_id >= on_disk.last_id):
            return self
        return self.with_audit_anchor(on_disk)

    @classmethod
    def from_bytes(cls, data: bytes, path: Path) -> KeyFile:
        def damaged(reason: str) -> DamagedData:
            return DamagedData(KEY_FILE_DAMAGED(path=str(path), reason=reason))

        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise damaged("not JSON") from exc
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise damaged("not a key file")
        checksum = document.pop("checksum", None)
        if checksum != _checksum(document):
            raise damaged("checksum mismatch")
        version = document.get("version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise DamagedData(NEWER_KEY_FILE(path=str(path), version=version))
        if version not in READABLE_VERSIONS:
            raise damaged(f"version {version}")
        try:
            wraps = [KeyWrap(**{**w, "kdf": KdfParams(**w["kdf"])}) for w in document["wraps"]]
            for wrap in wraps:
                _unb64(wrap.wrapped)
            anchor = document.get("audit_anchor")
            pending = document.get("pending_confidential")
            return cls(
                str(document["school_uid"]),
                wraps,
                None if anchor is None else AuditAnchor(**anchor),
                None if pending is None else {str(k): str(v) for k, v in pending.items()},
            )
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise damaged("missing fields") from exc

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise UsageError(KEY_FILE_MISSING(path=str(path.parent))) from exc
        except OSError as exc:
            # A folder in its place (Windows says "permission denied" for that too), no permission
            # to read it, a failing disk: the key file is there but cannot be read.
            if path.is_dir():
                raise DamagedData(KEY_FILE_NOT_A_FILE(path=str(path))) from exc
            reason = exc.strerror or type(exc).__name__
            raise DamagedData(KEY_FILE_UNREADABLE(path=str(path), reason=reason)) from exc
        return cls.from_bytes(data, path)


def save_audit_anchor(
    path: Path, anchor: AuditAnchor, still_holds: Callable[[AuditAnchor], bool]
) -> bool:
    """Put the audit trail's new anchor into the key file at ``path`` (see ``storage.audit``),
    unless the anchor there no longer holds (``still_holds`` is False): then it is the evidence
    that entries were removed, and it stays. Returns whether the new anchor was written."""
    key_file = KeyFile.load(path)
    if key_file.audit_anchor == anchor:
        return True
    if key_file.audit_anchor is not None and not still_holds(key_file.audit_anchor):
        return False
    key_file.with_audit_anchor(anchor).save(path)
    return True
