"""A record of unexpected errors for support, that never holds what a student could be known by.

An exception's text and the values of its frames may hold anything: a student's name in a query
parameter, a note, a file name. So the log keeps only what the program itself is made of: the
exception's class, its errno or SQLite error name, and for each frame the source file, line and
function, for the error and for each error it was raised from. It is appended to a rotating file
only the owner can read, in the platform's log folder (``COUNSELOR_LOG_DIR`` overrides it).
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import logging.handlers
import os
import traceback
from pathlib import Path

import platformdirs

from counselor_app import __version__
from counselor_app.paths import APP_NAME

LOG_DIR_ENV = "COUNSELOR_LOG_DIR"
LOG_NAME = "counselor-desk.log"
MAX_BYTES = 256 * 1024
KEPT_FILES = 3


def log_path() -> Path:
    """Where the next entry goes."""
    folder = os.environ.get(LOG_DIR_ENV) or platformdirs.user_log_dir(APP_NAME, appauthor=False)
    return Path(folder).expanduser() / LOG_NAME


def describe(exc: BaseException, where: str) -> list[str]:
    """The lines logged for ``exc``: no message, no values."""
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    lines = [f"{now} unexpected error in {where} (Counselor Desk {__version__})"]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"  {_kind(current)}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"    {_source(frame.filename)}:{frame.lineno} in {frame.name}")
        if current.__cause__ is not None:
            current = current.__cause__
            lines.append("  raised from:")
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
            lines.append("  raised while handling:")
        else:
            current = None
    return lines


def _kind(exc: BaseException) -> str:
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    code = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and isinstance(code, int):
        kind += f" [{errno.errorcode.get(code, code)}]"
    sqlite_name = getattr(exc, "sqlite_errorname", None)
    if isinstance(sqlite_name, str):
        kind += f" [{sqlite_name}]"
    return kind


def _source(filename: str) -> str:
    """From the package down (``counselor_app/…``), or the last two parts of a library's path:
    enough to find the line, without the folder names of the PC (which hold the user's name)."""
    parts = Path(filename).parts
    if "counselor_app" in parts:
        return "/".join(parts[parts.index("counselor_app") :])
    return "/".join(parts[-2:])


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """Each log file, the first and every one after a rotation, is made owner-only; a failure to
    write is raised to the caller rather than printed (with a traceback) on the screen."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # called by emit() inside its ``except``: the error being handled goes on up


def log_unexpected(exc: BaseException, where: str) -> Path:
    """Append ``exc`` (as :func:`describe` puts it) to the log; return the log file's path.
    Raises OSError when the log cannot be written."""
    path = log_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = _PrivateRotatingFile(
        path, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        record = logging.LogRecord(
            "counselor_app.crash", logging.ERROR, "", 0, "\n".join(describe(exc, where)), None, None
        )
        handler.emit(record)
    finally:
        handler.close()
    return path
