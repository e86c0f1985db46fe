"""Writing files so that a crash never leaves half a file and nobody else can read them.

Every file the program writes goes to a temporary name in the target folder with owner-only
permissions, is flushed and fsynced, and only then renamed over the target. Before anything is
written the target is checked (:func:`check_output_target`): it must be a regular file or a new name
in a folder that already exists. A missing folder is never created here: a path on a USB stick that
is not plugged in must not quietly become a folder on the local disk. Code that owns a folder (the
data folder and its subfolders) creates it itself before writing into it.

A failure to write (a full disk, no permission, a read-only medium) becomes :class:`CannotWrite`,
which names the file and what to do; the previous file at the target stays as it was and no
temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from counselor_app.foundation.errors import CounselorError, UsageError
from counselor_app.foundation.i18n import Message, msg

FOLDER_MISSING = msg(
    "文件夹 {folder} 不存在，没有写出 {path}。如果它在 U 盘或移动硬盘上，请确认已经插好；"
    "或者换一个已有的文件夹。",
    "The folder {folder} does not exist, so {path} was not written. If it is on a USB stick or an "
    "external disk, check that it is plugged in; or choose a folder that exists.",
)
TARGET_IS_FOLDER = msg(
    "{path} 是一个文件夹，不是文件。请在文件夹后面加上要写出的文件名。",
    "{path} is a folder, not a file. Add the name of the file to write after the folder.",
)
TARGET_NOT_A_FILE = msg(
    "{path} 不是普通文件（可能是设备、管道或失效的链接），不能写入。请换一个文件名。",
    "{path} is not a regular file (perhaps a device, a pipe or a broken link) and cannot be "
    "written to. Choose another file name.",
)
OUTPUT_FOLDER_IS_A_FILE = msg(
    "{path} 已经存在，但不是文件夹。请换一个文件夹名。",
    "{path} exists but is not a folder. Choose another folder name.",
)
PARENT_NOT_A_FOLDER = msg(
    "{folder} 不是文件夹，不能在其中写出 {path}。请换一个位置。",
    "{folder} is not a folder, so {path} cannot be written in it. Choose another place.",
)

DISK_FULL = msg(
    "无法写入 {path}：磁盘已满。原有的文件没有改动，也没有留下写了一半的文件。"
    "请腾出磁盘空间后再试，或换一个位置。",
    "Cannot write {path}: the disk is full. The previous file was not changed and no half-written "
    "file was left. Free some space and try again, or choose another place.",
)
NO_PERMISSION = msg(
    "无法写入 {path}：没有写入权限。原有的文件没有改动。请换一个您有权写入的位置，或请管理员开放权限。",
    "Cannot write {path}: permission denied. The previous file was not changed. Choose a place you "
    "may write to, or ask an administrator for permission.",
)
READ_ONLY_MEDIUM = msg(
    "无法写入 {path}：该磁盘是只读的（例如 U 盘的写保护开关已打开）。原有的文件没有改动。"
    "请换一个位置。",
    "Cannot write {path}: the disk is read-only (e.g. a USB stick's write-protect switch is on). "
    "The previous file was not changed. Choose another place.",
)
WRITE_FAILED = msg(
    "无法写入 {path}（{reason}）。原有的文件没有改动，也没有留下写了一半的文件。"
    "请检查磁盘后再试，或换一个位置。",
    "Cannot write {path} ({reason}). The previous file was not changed and no half-written file was "
    "left. Check the disk and try again, or choose another place.",
)

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM}


class CannotWrite(CounselorError):
    """A file could not be written: the disk is full, read-only, or not ours to write.

    Exit code 1: not a usage error, not bad input, not damaged data; the message says what to do.
    """

    exit_code = 1

    def __init__(self, message: Message, path: Path, disk_full: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.disk_full = disk_full


def cannot_write(path: Path, error: OSError) -> CannotWrite:
    """What to tell the person when writing ``path`` failed with ``error``."""
    shown = str(path)
    if error.errno in _FULL:
        return CannotWrite(DISK_FULL(path=shown), path, disk_full=True)
    if error.errno in _DENIED:
        return CannotWrite(NO_PERMISSION(path=shown), path)
    if error.errno == errno.EROFS:
        return CannotWrite(READ_ONLY_MEDIUM(path=shown), path)
    reason = os.strerror(error.errno) if error.errno else type(error).__name__
    return CannotWrite(WRITE_FAILED(path=shown, reason=reason), path)


def check_output_target(target: Path, *, folder_allowed: bool = False) -> None:
    """Refuse a target that is not a regular file (or, with ``folder_allowed``, a folder), or a
    new name whose folder does not exist. The one check every output goes through."""
    target = Path(target)
    try:
        found = target.stat()  # follows links: a link to a device is a device
    except (FileNotFoundError, NotADirectoryError):
        if os.path.lexists(target):  # a link pointing nowhere
            raise UsageError(TARGET_NOT_A_FILE(path=str(target))) from None
        _check_parent(target)
        return
    if stat.S_ISREG(found.st_mode):
        return
    if stat.S_ISDIR(found.st_mode):
        if folder_allowed:
            return
        raise UsageError(TARGET_IS_FOLDER(path=str(target)))
    raise UsageError(TARGET_NOT_A_FILE(path=str(target)))


def check_output_folder(folder: Path) -> None:
    """For an output that is a folder (made if new): it must be a folder, or a new name in a
    folder that exists."""
    folder = Path(folder)
    if folder.is_dir():
        return
    if os.path.lexists(folder):
        raise UsageError(OUTPUT_FOLDER_IS_A_FILE(path=str(folder)))
    _check_parent(folder)


def _check_parent(target: Path) -> None:
    folder = target.parent
    if folder.is_dir():
        return
    if os.path.lexists(folder):
        raise UsageError(PARENT_NOT_A_FOLDER(folder=str(folder), path=str(target)))
    # The nearest part of the path that exists may itself be a file ("report.pdf/x.pdf").
    for ancestor in folder.parents:
        if os.path.lexists(ancestor):
            if not ancestor.is_dir():
                raise UsageError(PARENT_NOT_A_FOLDER(folder=str(ancestor), path=str(target)))
            break
    raise UsageError(FOLDER_MISSING(folder=str(folder), path=str(target)))


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals the rename.
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- temporary files a killed process left beside a target --------------------------------------
def _lock_exclusively(fd: int) -> bool:
    """Take a lock that tells other processes this temporary file is being written; False when
    another holder has it. Windows needs no lock: a file open there cannot be deleted."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _sweep_stale_parts(target: Path) -> None:
    """Remove ``.part`` files of ``target`` that no running writer holds: what a killed write left."""
    for name in glob.glob(str(target.parent / f"{glob.escape('.' + target.name)}.*.part")):
        _remove_if_stale(Path(name))


def _remove_if_stale(part: Path) -> None:
    """Best effort; a file that cannot be removed now stays for the next time."""
    if not (part.name.startswith(".") and part.name.endswith(".part")):
        return  # only ever one of our own temporary files
    try:
        fd = os.open(part, os.O_RDONLY)
    except OSError:
        return
    try:
        stale = _lock_exclusively(fd)
    finally:
        os.close(fd)  # Windows: closed first, or our own handle would keep it
    if stale:
        with contextlib.suppress(OSError):
            os.unlink(part)


#: In a ``staging`` folder: the temporary files made beside targets on other disks, one a line,
#: so that whoever removes the folder a killed process left can remove those too.
PARTS_NOTE = "parts-elsewhere.txt"


def remove_noted_parts(staging: Path) -> None:
    """Remove the temporary files noted in an abandoned ``staging`` folder (see ``PARTS_NOTE``)."""
    try:
        noted = (staging / PARTS_NOTE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in noted:
        if line:
            _remove_if_stale(Path(line))


@contextlib.contextmanager
def _replacing(target: Path, *, staging: Path | None = None) -> Iterator[Path]:
    """Yield an owner-only temporary path; on a clean exit, fsync it and rename it over ``target``
    (then fsync the folder); on any error, remove it. With ``staging`` (a private folder that is
    removed after a kill by whoever sweeps it) the temporary file is made there when it is on the
    target's disk, so a killed process leaves nothing beside the target; else beside the target,
    noted in ``staging``."""
    target = Path(target)
    check_output_target(target)
    folder = target.parent
    beside = staging is None or not _same_disk(staging, folder)
    if beside:
        _sweep_stale_parts(target)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=folder if beside else staging
        )
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    temp_path = Path(temp_name)
    try:
        try:
            os.chmod(temp_path, 0o600)
            _lock_exclusively(fd)
            if beside and staging is not None:
                with open(staging / PARTS_NOTE, "a", encoding="utf-8") as note:
                    note.write(f"{temp_path}\n")
            yield temp_path
            os.close(fd)
            fd = -1
            with open(temp_path, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp_path, target)
            _fsync_directory(folder)
        except OSError as exc:
            if exc.filename not in (None, temp_name, str(temp_path), str(target)):
                raise  # about some other file the writer used, not ours to explain
            raise cannot_write(target, exc) from exc
    except BaseException:
        if fd != -1:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
        raise


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces ``target`` in one step, else it vanishes."""
    with _replacing(target) as temp_path, open(temp_path, "wb") as handle:
        yield handle


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_write(target) as handle:
        handle.write(data)


def write_with(
    target: Path, writer: Callable[[Path], None], *, staging: Path | None = None
) -> None:
    """For libraries that insist on writing to a path (openpyxl, reportlab): they write to the
    temporary path, which then replaces ``target``. With ``staging`` (a private folder) the
    temporary file is made there when it is on the target's disk."""
    with _replacing(target, staging=staging) as temp_path:
        writer(temp_path)
