"""Private work folders for copies of the database and the key file.

Making, checking and restoring a backup need the (still encrypted) database and the key file as
files of their own: SQLCipher opens nothing else. Those copies never go to the shared temporary
folder. They go into a staging area inside the school's own data folder (owner-only, on the same
disk as the live files, so installing one is a rename), one folder per piece of work.

Every exit path removes the work folder. A process that is killed cannot, so each work folder holds
a lock file that its owner keeps locked while it works: :func:`sweep` removes the folders whose lock
nobody holds (what a killed process left) and never one in use by another process or thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from counselor_app.foundation.atomic_files import remove_noted_parts

LOCK_NAME = "in-use.lock"


def _try_lock(fd: int) -> bool:
    """An exclusive, non-blocking lock on an open file; False when someone else holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)  # closing releases a POSIX flock


@contextlib.contextmanager
def work_folder(area: Path) -> Iterator[Path]:
    """A new owner-only folder inside ``area`` (made if needed, its parent must exist), locked
    while in use and removed with everything in it on every exit path."""
    folder, fd = _new_locked_folder(area)
    try:
        yield folder
    finally:
        _unlock(fd)  # Windows removes no open file: release before removing
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            area.rmdir()  # only when no other work is under way


def _new_locked_folder(area: Path) -> tuple[Path, int]:
    # A sweep in another process may remove a folder in the instant between making it and
    # locking it (it looks abandoned then); start again with a new one when that happens.
    for _ in range(5):
        area.mkdir(mode=0o700, exist_ok=True)
        try:
            folder = Path(tempfile.mkdtemp(dir=area))
            fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:
            continue
        if _try_lock(fd) and os.fstat(fd).st_nlink > 0:
            return folder, fd
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)
    raise OSError(f"no staging folder could be made in {area}")


def sweep(area: Path) -> list[Path]:
    """Remove the work folders in ``area`` that nobody is using (left by a killed process), then
    the area itself when empty. Best effort: what cannot be removed now is tried next time."""
    removed: list[Path] = []
    try:
        children = list(area.iterdir())
    except OSError:
        return removed
    for child in children:
        if child.is_dir() and not child.is_symlink():
            if _abandoned(child):
                remove_noted_parts(child)  # what it was writing beside a target on another disk
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child)
        else:
            with contextlib.suppress(OSError):
                child.unlink()  # nothing but work folders belongs here
                removed.append(child)
    with contextlib.suppress(OSError):
        area.rmdir()
    return removed


def _abandoned(folder: Path) -> bool:
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDWR)
    except FileNotFoundError:
        # Killed (or still being made) before its lock file existed, so it holds nothing: remove
        # it only if empty; one being made starts again with a new folder.
        with contextlib.suppress(OSError):
            folder.rmdir()
        return False
    except OSError:
        return False
    if not _try_lock(fd):
        os.close(fd)
        return False
    _unlock(fd)
    return True
