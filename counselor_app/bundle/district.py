"""The district's key folder and desk: make the keys, register schools, check and open bundles.

The folder (``district keygen -o DIR``) holds:

- ``district-public.json`` — the public key file handed to schools (age recipient, minisign
  public key, fingerprint);
- ``district-identity.age`` — the age identity (X25519 secret key), encrypted with the passphrase
  by age's scrypt; ``age -d -i district-identity.age`` uses it directly;
- ``district-signing.key`` / ``district-signing.pub`` — the minisign key pair that signs receipts,
  the secret key encrypted with the same passphrase by minisign's scrypt;
- ``state.json`` — registered schools and opened bundle ids (:mod:`.district_state`);
- ``schools/<fingerprint>.pub`` — each registered school's key, for checking by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pyrage

from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.district_state import DistrictState, RegisteredSchool, SeenBundle
from counselor_app.bundle.errors import BundleAltered, BundleReplayed, UnknownSchool
from counselor_app.bundle.fingerprints import normalize_fingerprint
from counselor_app.bundle.manifest import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    SCHOOL_KEY_COMMENT,
    SCHOOL_PUBLIC_KEY,
    Manifest,
)
from counselor_app.bundle.school_keys import verify_key_fingerprint
from counselor_app.bundle.signing import SignatureProblem, SigningKey, VerifyKey
from counselor_app.bundle.unseal import OpenedContents, OuterCheck, check_outer, open_payload
from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import AuthenticationFailed, InvalidInput, UsageError
from counselor_app.foundation.i18n import msg
from counselor_app.storage.keys import check_password_strength

PUBLIC_FILE = "district-public.json"
IDENTITY_FILE = "district-identity.age"
SIGNING_KEY_FILE = "district-signing.key"
SIGNING_PUBLIC_FILE = "district-signing.pub"
STATE_FILE = "state.json"
SCHOOLS_DIR = "schools"

SIGNING_KEY_COMMENT = "counselor-desk district receipt signing key"

KEYS_EXIST = msg(
    "{path} 里已经有区县密钥，没有覆盖。要生成新密钥请换一个文件夹（旧密钥仍用于打开已收到的上报包）。",
    "{path} already holds district keys; nothing was overwritten. Choose another folder for new "
    "keys (the old ones still open the bundles already received).",
)
NO_KEYS = msg(
    "{path} 里没有区县密钥。请先运行 counselor-app district keygen -o {path}。",
    "{path} holds no district keys. Run counselor-app district keygen -o {path} first.",
)
WRONG_PASSPHRASE = msg("区县密钥口令不正确。", "The passphrase of the district key is not correct.")
KEY_FILE_DAMAGED = msg(
    "区县密钥文件 {path} 已损坏（{reason}）。请从备份恢复该文件夹。",
    "The district key file {path} is damaged ({reason}). Restore the folder from a backup.",
)
UNKNOWN_SCHOOL = msg(
    "上报包 {path} 来自一所尚未登记的学校（学校编号 {uid}），其签名密钥指纹为：\n\n    {fingerprint}\n\n"
    "请与该校盖章的纸质自查报告上的“学校签名密钥指纹”逐组核对；一致后登记：\n"
    "    counselor-app district register {path} --key {key_dir} --fingerprint {fingerprint}\n"
    "不一致则不要登记，并与学校联系。",
    "The bundle {path} comes from a school that is not registered (school id {uid}); its signing "
    "key fingerprint is:\n\n    {fingerprint}\n\nCompare it group by group with the fingerprint "
    "printed on the school's signed self-check report; if they match, register it:\n"
    "    counselor-app district register {path} --key {key_dir} --fingerprint {fingerprint}\n"
    "If they differ, do not register it; contact the school.",
)
REPLAYED = msg(
    "重复的上报包：{path}（编号 {bundle_id}，{school}，{term}）已于 {first} 打开过。"
    "这可能是重复提交，也可能是有人重新发送的旧文件。若确需再次打开，请加 --again。",
    "Replay: the bundle {path} (id {bundle_id}, {school}, {term}) was already opened on {first}. "
    "It may be sent twice, or an old file sent again. To open it again anyway, add --again.",
)
SCHOOL_MISMATCH = msg(
    "上报包 {path} 的签名密钥登记为学校 {registered}，但包内写的是学校 {claimed}；拒绝打开。",
    "The bundle {path} is signed with the key registered for school {registered} but names school "
    "{claimed}; it was not opened.",
)
FINGERPRINT_MISMATCH = msg(
    "指纹不一致：文件中密钥的指纹是 {actual}，您核对的是 {typed}。没有登记。请与学校联系。",
    "The fingerprints differ: the key in the file has {actual}, you compared {typed}. Nothing was "
    "registered; contact the school.",
)
FINGERPRINT_UNREADABLE = msg(
    "“{typed}”不是指纹（应为 5 组、每组 4 个字母或数字）。",
    "'{typed}' is not a fingerprint (5 groups of 4 letters or digits).",
)
NOT_A_SCHOOL_KEY = msg(
    "{path} 既不是学校公钥文件（school.pub），也不是上报包。",
    "{path} is neither a school public key file (school.pub) nor a bundle.",
)


# -- keygen ----------------------------------------------------------------------------------
def generate_district_keys(
    folder: Path, *, district: str, passphrase: str, now: dt.datetime
) -> DistrictPublicKey:
    folder = Path(folder)
    if any((folder / name).exists() for name in (PUBLIC_FILE, IDENTITY_FILE, SIGNING_KEY_FILE)):
        raise UsageError(KEYS_EXIST(path=str(folder)))
    check_password_strength(passphrase)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    created = now.isoformat(timespec="seconds")
    # age reads this as an identity file once decrypted; lines starting with # are comments.
    identity_text = (
        "# counselor-desk district identity (age X25519 secret key)\n"
        f"# created: {created}\n# public key: {recipient}\n{identity}\n"
    )
    public = None
    with SigningKey.generate() as signing:
        public = DistrictPublicKey(district.strip(), recipient, signing.verify_key, created)
        write_bytes_atomic(
            folder / IDENTITY_FILE, pyrage.passphrase.encrypt(identity_text.encode(), passphrase)
        )
        write_bytes_atomic(
            folder / SIGNING_KEY_FILE, signing.file_bytes(SIGNING_KEY_COMMENT, passphrase)
        )
        write_bytes_atomic(
            folder / SIGNING_PUBLIC_FILE, signing.verify_key.file_bytes(SIGNING_KEY_COMMENT)
        )
    write_bytes_atomic(folder / STATE_FILE, DistrictState(public.fingerprint).to_bytes())
    # The public file last: its presence says the folder is complete.
    write_bytes_atomic(folder / PUBLIC_FILE, public.to_bytes())
    return public


def read_public_key(folder: Path) -> DistrictPublicKey:
    path = Path(folder) / PUBLIC_FILE
    if not path.exists():
        raise UsageError(NO_KEYS(path=str(folder)))
    return DistrictPublicKey.from_bytes(path.read_bytes(), str(path))


# -- registering schools (public keys only: no passphrase needed) ------------------------------
@dataclass(frozen=True)
class Registration:
    school: RegisteredSchool
    already: bool


def school_key_from_file(data: bytes, source: str) -> tuple[VerifyKey, str]:
    """The school key in a ``school.pub`` file or in a bundle, and the school id if known."""
    if data.startswith(b"PK"):
        outer: OuterCheck = check_outer(data, source)
        return outer.school_key, outer.facts.school_uid
    try:
        return VerifyKey.from_file_bytes(data), ""
    except SignatureProblem as exc:
        raise InvalidInput(NOT_A_SCHOOL_KEY(path=source)) from exc


def register_school(
    folder: Path,
    data: bytes,
    source: str,
    *,
    confirmed_fingerprint: str,
    name: str = "",
    now: dt.datetime,
) -> Registration:
    """Register the school key in ``data`` once a person compared its fingerprint on paper."""
    folder = Path(folder)
    read_public_key(folder)
    key, uid = school_key_from_file(data, source)
    actual = verify_key_fingerprint(key)
    typed = normalize_fingerprint(confirmed_fingerprint)
    if typed is None:
        raise InvalidInput(FINGERPRINT_UNREADABLE(typed=confirmed_fingerprint))
    if typed != actual:
        raise InvalidInput(FINGERPRINT_MISMATCH(actual=actual, typed=typed))
    state = DistrictState.load(folder / STATE_FILE)
    existing = state.school_with_key(key.base64)
    if existing is not None:
        return Registration(existing, True)
    entry = RegisteredSchool(
        actual, key.base64, uid, name.strip(), now.isoformat(timespec="seconds")
    )
    state.schools.append(entry)
    (folder / SCHOOLS_DIR).mkdir(
        mode=0o700, exist_ok=True
    )  # files are written into folders that exist
    write_bytes_atomic(folder / SCHOOLS_DIR / f"{actual}.pub", key.file_bytes(SCHOOL_KEY_COMMENT))
    state.save(folder / STATE_FILE)
    return Registration(entry, False)


# -- the unlocked desk -----------------------------------------------------------------------
@dataclass(frozen=True)
class CheckedBundle:
    """A bundle whose every check passed: who sent it, for whom, and what it holds."""

    source: str
    outer: OuterCheck
    school: RegisteredSchool
    contents: OpenedContents

    @property
    def manifest(self) -> Manifest:
        return self.contents.manifest


@dataclass(frozen=True)
class OpenedBundle:
    checked: CheckedBundle
    first_opened_at: str | None  # set when the bundle id was seen before (opened with again=True)


class DistrictDesk:
    """The district's keys, unlocked with the passphrase. ``signing_key`` only with receipts."""

    def __init__(
        self,
        folder: Path,
        public: DistrictPublicKey,
        identity: pyrage.x25519.Identity,
        signing_key: SigningKey | None,
        *,
        owns_keys: bool = True,
    ) -> None:
        self.folder = Path(folder)
        self.public = public
        self._identity = identity
        self.signing_key = signing_key
        self._owns_keys = owns_keys

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, *, for_receipts: bool = False) -> DistrictDesk:
        folder = Path(folder)
        public = read_public_key(folder)
        identity_path = folder / IDENTITY_FILE
        try:
            text = pyrage.passphrase.decrypt(identity_path.read_bytes(), passphrase).decode()
        except pyrage.DecryptError as exc:
            raise AuthenticationFailed(WRONG_PASSPHRASE) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BundleAltered(KEY_FILE_DAMAGED(path=str(identity_path), reason=str(exc))) from exc
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        try:
            identity = pyrage.x25519.Identity.from_str(lines[0])
        except (IndexError, pyrage.IdentityError) as exc:
            raise BundleAltered(
                KEY_FILE_DAMAGED(path=str(identity_path), reason="no identity")
            ) from exc
        if str(identity.to_public()) != public.age_recipient:
            raise BundleAltered(
                KEY_FILE_DAMAGED(
                    path=str(folder / PUBLIC_FILE), reason="keys do not belong together"
                )
            )
        signing = None
        if for_receipts:
            key_path = folder / SIGNING_KEY_FILE
            try:
                signing = SigningKey.from_file_bytes(key_path.read_bytes(), passphrase)
            except ValueError as exc:
                raise AuthenticationFailed(WRONG_PASSPHRASE) from exc
            except (OSError, SignatureProblem) as exc:
                raise BundleAltered(KEY_FILE_DAMAGED(path=str(key_path), reason=str(exc))) from exc
        return cls(folder, public, identity, signing)

    def with_folder(self, folder: Path) -> DistrictDesk:
        """The same unlocked keys working on another copy of the folder (a restored backup, a
        test's copy): its state is the copy's."""
        if read_public_key(folder).fingerprint != self.public.fingerprint:
            raise UsageError(NO_KEYS(path=str(folder)))
        return DistrictDesk(folder, self.public, self._identity, self.signing_key, owns_keys=False)

    @property
    def state_path(self) -> Path:
        return self.folder / STATE_FILE

    def state(self) -> DistrictState:
        return DistrictState.load(self.state_path)

    def check_bundle(
        self, data: bytes, source: str, state: DistrictState | None = None
    ) -> CheckedBundle:
        """Every check of a bundle, the sender's signature first; nothing is recorded."""
        outer = check_outer(data, source)
        state = state or self.state()
        school = state.school_with_key(outer.school_key.base64)
        if school is None:
            raise UnknownSchool(
                UNKNOWN_SCHOOL(
                    path=source,
                    uid=outer.facts.school_uid,
                    fingerprint=outer.fingerprint,
                    key_dir=str(self.folder),
                ),
                fingerprint=outer.fingerprint,
                school_uid=outer.facts.school_uid,
            )
        if school.school_uid and school.school_uid != outer.facts.school_uid:
            raise BundleAltered(
                SCHOOL_MISMATCH(
                    path=source, registered=school.school_uid, claimed=outer.facts.school_uid
                )
            )
        contents = open_payload(outer, self._identity, self.public.fingerprint, source)
        return CheckedBundle(source, outer, school, contents)

    def open_bundle(
        self, data: bytes, source: str, *, now: dt.datetime, again: bool = False
    ) -> OpenedBundle:
        """Check a bundle, refuse a bundle id seen before (unless ``again``), and record it."""
        state = self.state()
        checked = self.check_bundle(data, source, state)
        manifest = checked.contents.manifest
        seen = state.seen(manifest.bundle_id)
        if seen is not None and not again:
            raise BundleReplayed(
                REPLAYED(
                    path=source,
                    bundle_id=manifest.bundle_id,
                    school=manifest.school_name,
                    term=manifest.term_name,
                    first=seen.first_opened_at,
                ),
                first_opened_at=seen.first_opened_at,
            )
        school = state.school_with_key(checked.outer.school_key.base64)
        assert school is not None
        # The signed manifest says who the school is: keep the register up to date with it.
        school.school_uid, school.name = manifest.school_uid, manifest.school_name
        if seen is None:
            state.bundles.append(
                SeenBundle(
                    bundle_id=manifest.bundle_id,
                    school_fingerprint=checked.outer.fingerprint,
                    school_uid=manifest.school_uid,
                    school_name=manifest.school_name,
                    term=manifest.term_name,
                    profile=manifest.profile_id,
                    payload_sha256=checked.outer.payload_sha256,
                    created_at=manifest.created_at,
                    first_opened_at=now.isoformat(timespec="seconds"),
                )
            )
        state.save(self.state_path)
        return OpenedBundle(checked, None if seen is None else seen.first_opened_at)

    def close(self) -> None:
        """Wipe the signing key (a desk made by :meth:`with_folder` leaves that to its source)."""
        if self.signing_key is not None and self._owns_keys:
            self.signing_key.wipe()

    def __enter__(self) -> DistrictDesk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_opened(checked: CheckedBundle, out_dir: Path) -> list[Path]:
    """Write the bundle's parts, its signed manifest and the school key to ``out_dir``."""
    out_dir = Path(out_dir)
    files = {
        MANIFEST: checked.contents.manifest_bytes,
        MANIFEST_SIGNATURE: checked.contents.manifest_signature,
        SCHOOL_PUBLIC_KEY: checked.outer.school_key.file_bytes(SCHOOL_KEY_COMMENT),
        **checked.contents.parts,
    }
    written = []
    out_dir.mkdir(mode=0o700, exist_ok=True)  # a new folder, in a folder that must exist
    for name, data in files.items():
        write_bytes_atomic(out_dir / name, data)
        written.append(out_dir / name)
    return written
