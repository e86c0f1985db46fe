"""Ed25519 signatures in minisign's format, through py-minisign, each with one exact text.

minisign files carry an *untrusted comment* line that no signature covers, and base64 whose last
character has spare bits a decoder ignores; either could change without breaking a signature. So
every key and signature file this program writes has one canonical text (fixed comments, standard
base64, one newline at the end), and a file read back must be exactly that text: a changed byte
anywhere is a changed file. Signatures are minisign's pre-hashed kind (BLAKE2b-512, then Ed25519),
the default of ``minisign -S``, so ``minisign -V`` checks them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import minisign
from minisign.algo import SignatureAlgorithm

SCRYPT_OPSLIMIT = 4_194_304  # with the memory limit below: scrypt N = 2^17, r = 8, p = 1
SCRYPT_MEMLIMIT = 134_217_728  # 128 MiB, the same cost as an age passphrase on a school PC
MAX_TRUSTED_COMMENT = minisign.TRUSTED_COMMENT_MAX_LEN


class SignatureProblem(Exception):
    """A key or signature that cannot be read, is not in its canonical text, or does not match."""


def _line(text: str) -> str:
    if not text.isascii() or not text.replace("\t", " ").isprintable():
        raise ValueError(f"a minisign comment must be one line of printable ASCII: {text!r}")
    return text


@dataclass(frozen=True)
class VerifyKey:
    """A public key: checks signatures made by the matching :class:`SigningKey`."""

    base64: str  # the minisign public key line, e.g. "RWQ…"

    def __post_init__(self) -> None:
        try:
            key = minisign.PublicKey.from_base64(self.base64)
        except minisign.Error as exc:
            raise SignatureProblem(f"not a minisign public key: {exc}") from exc
        if key.to_base64().decode("ascii") != self.base64:
            raise SignatureProblem("public key is not in its canonical form")

    @property
    def _key(self) -> minisign.PublicKey:
        return minisign.PublicKey.from_base64(self.base64)

    def file_bytes(self, comment: str) -> bytes:
        """The public key file (``minisign -p``) with ``comment`` as its first line."""
        return f"untrusted comment: {_line(comment)}\n{self.base64}\n".encode("ascii")

    @classmethod
    def from_file_bytes(cls, data: bytes, comment: str | None = None) -> VerifyKey:
        """Read a public key file; with ``comment``, it must be exactly the file we would write."""
        try:
            key = minisign.PublicKey.from_bytes(data)
        except (minisign.Error, UnicodeDecodeError) as exc:
            raise SignatureProblem(f"not a minisign public key file: {exc}") from exc
        verify_key = cls(key.to_base64().decode("ascii"))
        if comment is not None and verify_key.file_bytes(comment) != data:
            raise SignatureProblem("public key file is not in its canonical form")
        return verify_key

    def verify(self, data: bytes, signature: bytes, *, comment: str) -> str:
        """Check ``signature`` (a ``.minisig`` file's bytes) over ``data``; return its trusted
        comment. The signature file must be exactly what :meth:`SigningKey.sign` writes with
        ``comment`` as the untrusted comment."""
        try:
            parsed = minisign.Signature.from_bytes(signature)
        except (minisign.Error, UnicodeDecodeError) as exc:
            raise SignatureProblem(f"not a minisign signature: {exc}") from exc
        if not parsed.is_prehashed() or parsed.untrusted_comment != comment:
            raise SignatureProblem("signature is not of the expected kind")
        if bytes(parsed) + b"\n" != signature:
            raise SignatureProblem("signature file is not in its canonical form")
        try:
            self._key.verify(data, parsed)
        except minisign.Error as exc:
            raise SignatureProblem(f"signature does not match: {exc}") from exc
        return str(parsed.trusted_comment)


class SigningKey:
    """A secret Ed25519 key in minisign's format. Wipe it (or use ``with``) when done."""

    def __init__(self, secret: minisign.SecretKey) -> None:
        if secret.is_encrypted():
            raise ValueError("decrypt the secret key first")
        self._secret = secret

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(minisign.KeyPair.generate().secret_key)

    @classmethod
    def from_file_bytes(cls, data: bytes, passphrase: str | None = None) -> SigningKey:
        """Read a secret key file; an encrypted one needs its passphrase.

        Raises :class:`SignatureProblem` for a file that is not a key, ``ValueError`` for a wrong
        passphrase.
        """
        try:
            secret = minisign.SecretKey.from_bytes(data)
        except (minisign.Error, UnicodeDecodeError) as exc:
            raise SignatureProblem(f"not a minisign secret key file: {exc}") from exc
        if secret.is_encrypted():
            if passphrase is None:
                raise ValueError("the key is encrypted")
            try:
                secret.decrypt(passphrase)
            except minisign.Error as exc:
                raise ValueError("wrong passphrase") from exc
        return cls(secret)

    def file_bytes(self, comment: str, passphrase: str | None = None) -> bytes:
        """The secret key file (``minisign -s``); encrypted with ``passphrase`` when given."""
        copy = minisign.SecretKey.from_bytes(bytes(self._secret))
        try:
            if passphrase is not None:
                copy.encrypt(passphrase, opslimit=SCRYPT_OPSLIMIT, memlimit=SCRYPT_MEMLIMIT)
            copy.untrusted_comment = _line(comment)
            return bytes(copy) + b"\n"
        finally:
            copy.wipe()

    @property
    def verify_key(self) -> VerifyKey:
        return VerifyKey(self._secret.get_public_key().to_base64().decode("ascii"))

    def sign(self, data: bytes, *, trusted_comment: str, comment: str) -> bytes:
        """A ``.minisig`` file's bytes: pre-hashed signature, ``comment`` untrusted (fixed by
        the format that uses it), ``trusted_comment`` signed too."""
        if len(trusted_comment) > MAX_TRUSTED_COMMENT:
            raise ValueError("trusted comment too long")
        signature = self._secret.sign(
            data,
            prehash=True,
            untrusted_comment=_line(comment),
            trusted_comment=_line(trusted_comment),
        )
        assert signature._signature_algorithm == SignatureAlgorithm.PREHASHED_ED_DSA
        return bytes(signature) + b"\n"

    def wipe(self) -> None:
        self._secret.wipe()

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.wipe()
