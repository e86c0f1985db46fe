"""The key file: one random 256-bit data key, wrapped once per password.

The database is encrypted with the data key. Each user's password, and the recovery key printed at
setup, derives a key-encryption key through Argon2id; that key wraps the data key with AES-256-GCM.
Changing a password rewraps 32 bytes and never re-encrypts the database.

Two checks keep a wrong password and a damaged file apart: the file carries a SHA-256 checksum of its
own content (damage), and each wrap carries its GCM tag (a wrong password fails the tag of an intact
wrap).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from counselor_app.atomic_files import write_bytes_atomic
from counselor_app.errors import AuthenticationFailed, DamagedData, InvalidInput, UsageError
from counselor_app.i18n import joined, msg

FORMAT = "counselor-desk-keys"
FORMAT_VERSION = 1
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
class KeyWrap:
    kind: str  # "user" or "recovery"
    name: str  # the user's name; "" for the recovery wrap
    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams = field(default_factory=KdfParams)

    def _aad(self, school_uid: str) -> bytes:
        return f"{FORMAT}/{FORMAT_VERSION}|{school_uid}|{self.kind}|{self.name}".encode()

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

    def unwrap(self, school_uid: str, secret: bytes) -> bytes | None:
        """The data key, or None when the secret is wrong (the GCM tag does not match)."""
        try:
            return AESGCM(self._kek(secret)).decrypt(
                _unb64(self.nonce), _unb64(self.wrapped), self._aad(school_uid)
            )
        except InvalidTag:
            return None

    @classmethod
    def create(
        cls, kind: str, name: str, school_uid: str, secret: bytes, data_key: bytes, kdf: KdfParams
    ) -> KeyWrap:
        draft = cls(
            kind, name, _b64(secrets.token_bytes(16)), _b64(secrets.token_bytes(12)), "", kdf
        )
        ciphertext = AESGCM(draft._kek(secret)).encrypt(
            _unb64(draft.nonce), data_key, draft._aad(school_uid)
        )
        return replace(draft, wrapped=_b64(ciphertext))


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


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


@dataclass
class KeyFile:
    school_uid: str
    wraps: list[KeyWrap]

    @property
    def user_names(self) -> list[str]:
        return [w.name for w in self.wraps if w.kind == "user"]

    def _user_wrap(self, user: str) -> KeyWrap:
        for wrap in self.wraps:
            if wrap.kind == "user" and wrap.name == user:
                return wrap
        raise AuthenticationFailed(UNKNOWN_USER(user=user, users=joined(self.user_names or ["—"])))

    def unlock(self, user: str, password: str) -> bytes:
        data_key = self._user_wrap(user).unwrap(self.school_uid, password.encode("utf-8"))
        if data_key is None:
            raise AuthenticationFailed(WRONG_PASSWORD)
        return data_key

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        secret = normalize_recovery_key(recovery_key)
        for wrap in self.wraps:
            if wrap.kind == "recovery":
                data_key = wrap.unwrap(self.school_uid, secret)
                if data_key is not None:
                    return data_key
        raise AuthenticationFailed(WRONG_RECOVERY_KEY)

    def with_user(
        self, user: str, password: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> KeyFile:
        """A copy with the user's wrap added or replaced (a new account, or a new password)."""
        check_password_strength(password)
        kdf = kdf or DEFAULT_KDF
        others = [w for w in self.wraps if not (w.kind == "user" and w.name == user)]
        wrap = KeyWrap.create(
            "user", user, self.school_uid, password.encode("utf-8"), data_key, kdf
        )
        return KeyFile(self.school_uid, [*others, wrap])

    def with_recovery_key(
        self, recovery_key: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> KeyFile:
        kdf = kdf or DEFAULT_KDF
        others = [w for w in self.wraps if w.kind != "recovery"]
        secret = normalize_recovery_key(recovery_key)
        wrap = KeyWrap.create("recovery", "", self.school_uid, secret, data_key, kdf)
        return KeyFile(self.school_uid, [*others, wrap])

    def without_user(self, user: str) -> KeyFile:
        self._user_wrap(user)
        return KeyFile(
            self.school_uid, [w for w in self.wraps if not (w.kind == "user" and w.name == user)]
        )

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "school_uid": self.school_uid,
            "wraps": [asdict(w) for w in self.wraps],
        }
        document = {**body, "checksum": _checksum(body)}
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())

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
        if document.get("version") != FORMAT_VERSION:
            raise damaged(f"version {document.get('version')}")
        try:
            wraps = [KeyWrap(**{**w, "kdf": KdfParams(**w["kdf"])}) for w in document["wraps"]]
            return cls(str(document["school_uid"]), wraps)
        except (KeyError, TypeError) as exc:
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
