"""The outer file of a bundle or a receipt: a plain ZIP archive, stored (not compressed), with
fixed member names in a fixed order and no dates, comments or extra fields.

Any zip tool opens it. This program writes it byte for byte the same from the same members, and
reads a file back only if writing its members again gives exactly the file: so a changed byte in a
header, a name, a date or a padding is found as surely as one inside a signed member. (Writing the
few header fields here, rather than with :mod:`zipfile`, keeps those bytes the same whatever Python
version made them; :mod:`zipfile` reads them.)
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: stored members, the oldest version every tool reads
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
_MAX_MEMBER = 1 << 31


class ContainerProblem(Exception):
    """Not one of our zip files, or not in its exact form."""


def write_container(members: Sequence[tuple[str, bytes]]) -> bytes:
    """The archive holding ``members`` (name, content) in that order."""
    out = bytearray()
    central = bytearray()
    for name, data in members:
        encoded = name.encode("ascii")
        if len(data) >= _MAX_MEMBER:
            raise ValueError(f"{name} is too large for a bundle")
        crc = zlib.crc32(data)
        offset = len(out)
        out += _LOCAL.pack(
            0x04034B50, _VERSION, 0, 0, 0, _DOS_DATE, crc, len(data), len(data), len(encoded), 0
        )
        out += encoded + data
        central += _CENTRAL.pack(
            0x02014B50,
            _VERSION,
            _VERSION,
            0,
            0,
            0,
            _DOS_DATE,
            crc,
            len(data),
            len(data),
            len(encoded),
            0,
            0,
            0,
            0,
            0o100644 << 16,  # a regular file, rw-r--r--, for tools that look
            offset,
        )
        central += encoded
    end = _END.pack(0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def read_container(data: bytes, names: Sequence[str]) -> dict[str, bytes]:
    """The members of an archive that must hold exactly ``names``, in that order, in the exact
    form :func:`write_container` gives them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = [info.filename for info in archive.infolist()]
            if found != list(names):
                raise ContainerProblem(f"members {found}, expected {list(names)}")
            members = {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ContainerProblem(f"not a readable zip archive: {exc}") from exc
    except (KeyError, NotImplementedError, RuntimeError) as exc:
        raise ContainerProblem(f"unexpected zip content: {exc}") from exc
    if write_container([(name, members[name]) for name in names]) != data:
        raise ContainerProblem("the archive is not in its exact form")
    return members


def looks_like_container(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"
