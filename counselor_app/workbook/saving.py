"""Saving an openpyxl workbook without leaving its sheets in plain text in the shared temp folder.

openpyxl writes each worksheet's XML to a file of its own in ``$TMPDIR`` (``openpyxl.*``): in
write-only mode as rows are appended, otherwise while the workbook is saved. It deletes them once
the workbook is saved, so a program killed in between leaves the roster and the home-visit notes
there for anyone who can read that folder, for as long as it is kept.

:func:`save_workbook` sends those files to a private folder instead (``.counselor-sheets-*``,
owner-only) beside the target, removed on every way out, and writes the zip through
:mod:`~counselor_app.foundation.atomic_files` (owner-only temporary file beside the target, fsync, rename).
A process killed outright leaves that folder and the partial file beside the target, both
owner-only; the next save into the same folder removes them, once it can tell (by a lock the living
process holds) that nobody is still writing them.

openpyxl has no setting for where those files go: its ``create_temporary_file`` is replaced, the
first time a workbook is saved here, by one that uses the private folder of the save under way in
the calling thread (a context variable) and openpyxl's own place otherwise.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.worksheet import _writer

from counselor_app.foundation.atomic_files import write_with

FOLDER_PREFIX = ".counselor-sheets-"
_LOCK = "lock"
_PART = "part"  # the name of the partial file this save writes, for the sweep after a crash

_folder: contextvars.ContextVar[Path | None] = contextvars.ContextVar("sheet_folder", default=None)
_shared_temp_file = _writer.create_temporary_file


def _private_temp_file(suffix: str = "") -> str:
    """openpyxl's ``create_temporary_file``, in the private folder of the save under way (this
    thread's), or where openpyxl would put it when no save of ours is under way."""
    folder = _folder.get()
    if folder is None:
        return str(_shared_temp_file(suffix))
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="sheet-", dir=folder)
    os.close(handle)
    _writer.ALL_TEMP_FILES.append(name)  # openpyxl's cleanup() takes it off this list
    return name


def save_workbook(target: Path, build: Callable[[], Workbook]) -> None:
    """Build a workbook with ``build`` and save it to ``target`` in one step (see the module).
    ``build`` runs inside, so a write-only workbook's rows never reach the shared temp folder."""
    _writer.create_temporary_file = _private_temp_file  # idempotent; thread-aware by the context

    def write(temporary: Path) -> None:
        with _sheet_folder(temporary) as folder:
            token = _folder.set(folder)
            try:
                build().save(temporary)
            finally:
                _folder.reset(token)

    write_with(Path(target), write)


@contextlib.contextmanager
def _sheet_folder(partial: Path) -> Iterator[Path]:
    """A private folder beside ``partial`` (the zip being written), locked while in use and removed
    on the way out; leftovers of saves killed earlier in the same place are removed first."""
    place = partial.parent
    sweep(place)
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=place))  # owner-only on POSIX
    try:
        with open(folder / _LOCK, "wb", opener=_owner_only) as lock:
            _hold(lock)
            with open(folder / _PART, "w", encoding="utf-8", opener=_owner_only) as part:
                part.write(partial.name)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _owner_only(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def sweep(place: Path) -> int:
    """Remove what killed saves left in ``place``: their private folders and partial files. A
    folder whose lock is still held belongs to a save under way and is left alone."""
    removed = 0
    for folder in place.glob(FOLDER_PREFIX + "*"):
        if not folder.is_dir() or not _abandoned(folder):
            continue
        with contextlib.suppress(OSError, ValueError):
            partial = place / (folder / _PART).read_text(encoding="utf-8").strip()
            if partial.parent == place and partial.name.endswith(".part"):
                partial.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed


if os.name == "nt":

    def _hold(lock: IO[bytes]) -> None:
        """Windows keeps a file that is open from being deleted: holding it open is the lock."""

    def _abandoned(folder: Path) -> bool:
        try:
            (folder / _LOCK).unlink(missing_ok=True)
        except OSError:
            return False  # open in a living process
        return True

else:
    import fcntl

    def _hold(lock: IO[bytes]) -> None:
        # flock, not lockf: it also excludes another open of the same file in this process. A file
        # system without locks (some network shares) refuses: then no sweep can tell the folder is
        # abandoned either, and it is left for this save's own clean-up to remove.
        with contextlib.suppress(OSError):
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)

    def _abandoned(folder: Path) -> bool:
        try:
            with open(folder / _LOCK, "rb") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except FileNotFoundError:
            return True  # killed before it took the lock
        except OSError:
            return False  # the lock is held: a save under way
        return True
