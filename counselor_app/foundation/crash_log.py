"""Crash reports that hold no student data: what failed where, never with what values.

An unexpected exception is written to ``crash.log`` in the user's log folder (platformdirs'
``user_log_dir`` for ``CounselorDesk``, or ``COUNSELOR_LOG_DIR``) as its type (with its errno or
SQLite error name) and the file, line and function of each frame
of its traceback, and the same for the exceptions it was raised from. Never its message
(``str(exc)``: an SQLite constraint message or a ``ValueError`` may quote a student's name) and
never a local variable or an argument. The file is owner-only and rotates (1 MiB, 3 old files).

Used by the desktop program's top-level handler (:mod:`counselor_app.ui.crash_handler`) and the
command line's (:func:`counselor_app.cli.main`); plain Python, no Qt::

    from counselor_app.foundation.crash_log import write_crash_log
    path = write_crash_log(exc, source="cli")  # None if the log could not be written
"""

from __future__ import annotations

import contextlib
import errno
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs

from counselor_app.foundation.paths import APP_NAME

LOG_DIR_ENV = "COUNSELOR_LOG_DIR"
LOG_FILE_NAME = "crash.log"
MAX_BYTES = 1024 * 1024
OLD_FILES_KEPT = 3
# Exceptions an exception was raised from or while handling, followed this far.
CHAIN_LIMIT = 5


def default_log_folder() -> Path:
    chosen = os.environ.get(LOG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """Where the next entry goes, to tell the user."""
    return default_log_folder() / LOG_FILE_NAME


def describe_exception(exc: BaseException) -> str:
    """The exception's type and its traceback's frames (file:line in function), innermost last,
    then those of the exceptions it came from; no message and no values."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen and len(seen) < CHAIN_LIMIT:
        seen.add(id(current))
        parts.append(f"{link}{_type_name(type(current))}{_error_code(current)}")
        parts.extend(_frames(current.__traceback__))
        if current.__cause__ is not None:
            current, link = current.__cause__, "raised from: "
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "while handling: "
        else:
            current = None
    return "\n".join(parts)


def write_crash_log(exc: BaseException, *, source: str, folder: Path | None = None) -> Path | None:
    """Append ``exc`` (as :func:`describe_exception` puts it) to the crash log; ``source`` says
    which program and where ("desktop: slot", "cli"). Returns the log file, or None if it could not
    be written: a crash report must never raise."""
    folder = folder or default_log_folder()
    path = folder / LOG_FILE_NAME
    try:
        _private_folder(folder)
        handler = _OwnerOnlyRotatingFile(path)
    except OSError:
        return None
    try:
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        # The text is made here, without exc_info: given the exception, the formatter would add
        # its message.
        text = f"unexpected error ({source})\n{describe_exception(exc)}"
        handler.handle(
            logging.LogRecord("counselor_app.crash", logging.ERROR, "", 0, text, None, None)
        )
    finally:
        handler.close()
    return None if handler.failed else path


def _type_name(kind: type[BaseException]) -> str:
    module = kind.__module__
    return (
        kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"
    )


def _error_code(exc: BaseException) -> str:
    """The errno or SQLite error name: what kind of failure, in a word that names nothing else."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and isinstance(code, int):
        return f" [{errno.errorcode.get(code, code)}]"
    sqlite_name = getattr(exc, "sqlite_errorname", None)
    return f" [{sqlite_name}]" if isinstance(sqlite_name, str) else ""


def _frames(tb: TracebackType | None) -> list[str]:
    frames = traceback.StackSummary.extract(
        traceback.walk_tb(tb), lookup_lines=False, capture_locals=False
    )
    return [f"  {_short_path(frame.filename)}:{frame.lineno} in {frame.name}" for frame in frames]


def _short_path(filename: str) -> str:
    """Relative to the import path it was loaded from: the log needs the module, not the user's
    home folder."""
    resolved = os.path.normcase(os.path.abspath(filename))
    roots = sorted(
        (os.path.normcase(os.path.abspath(entry)) for entry in sys.path if entry),
        key=len,
        reverse=True,
    )
    for root in roots:
        if resolved.startswith(root + os.sep):
            return resolved[len(root) + 1 :].replace(os.sep, "/")
    return os.path.basename(filename)


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt":  # Windows: the per-user AppData folder is the user's own already
        os.chmod(folder, 0o700)


class _OwnerOnlyRotatingFile(logging.handlers.RotatingFileHandler):
    """Each file it opens, the first and every one after a rollover, is readable by its owner
    only."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=OLD_FILES_KEPT, encoding="utf-8", delay=True
        )
        self.failed = False

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True  # told by write_crash_log's answer, not printed

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name != "nt":
            with contextlib.suppress(OSError):  # a file left by an older version
                os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)
