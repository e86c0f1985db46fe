"""Writing files so that a crash never leaves half a file and nobody else can read them.

Every file the program writes goes to a temporary name in the target folder with owner-only
permissions, is flushed and fsynced, and only then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals the rename.
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """Yield an owner-only temporary path beside ``target``; on a clean exit, fsync it and rename it
    over ``target`` (then fsync the folder); on any error, remove it."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temp_path = Path(temp_name)
    try:
        os.chmod(temp_path, 0o600)
        yield temp_path
        with open(temp_path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp_path, target)
        _fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
        raise


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces ``target`` in one step, else it vanishes."""
    with _replacing(target) as temp_path, open(temp_path, "wb") as handle:
        yield handle


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_write(target) as handle:
        handle.write(data)


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """For libraries that insist on writing to a path (openpyxl, reportlab): they write to the
    temporary path, which then replaces ``target``."""
    with _replacing(target) as temp_path:
        writer(temp_path)
