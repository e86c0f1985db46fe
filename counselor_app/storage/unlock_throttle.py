"""Slowing down repeated wrong passwords.

The count of recent failures lives in a file of its own, so that a wrong password changes nothing
else in the data folder. After three failures each further attempt must wait, doubling up to five
minutes; a right password clears the count.

The file is a speed bump, not a lock: whatever in it cannot be read as a record (not JSON, a list,
an entry that is not an object, a count that is not a small positive whole number, a time that is
not a time or lies in the future) counts as no record, and the next write leaves only good records.
A damaged or unwritable file must never lock everyone out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import AuthenticationFailed, CounselorError
from counselor_app.foundation.i18n import msg

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
# More failures than anyone could make in years of five-minute waits: the file was edited.
MAX_COUNTED_FAILURES = 100_000

TOO_MANY_ATTEMPTS = msg(
    "密码已连续输错 {failures} 次。为保护学生资料，请等待 {seconds} 秒后再试。",
    "The password was wrong {failures} times in a row. To protect the records, wait {seconds} "
    "seconds before trying again.",
)


def wait_after(failures: int) -> int:
    if failures < FREE_ATTEMPTS:
        return 0
    doublings = min(failures - FREE_ATTEMPTS, 16)  # 5 s × 2**16 is far past the cap already
    return int(min(MAX_WAIT_SECONDS, 5 * 2**doublings))


def _failures(entry: object) -> int | None:
    if not isinstance(entry, dict):
        return None
    count = entry.get("failures")
    if isinstance(count, bool) or not isinstance(count, int):
        return None
    return count if 0 < count <= MAX_COUNTED_FAILURES else None


def _last(entry: dict[str, object], now: dt.datetime) -> dt.datetime | None:
    try:
        last = dt.datetime.fromisoformat(str(entry.get("last")))
    except ValueError:
        return None
    if (last.tzinfo is None) != (now.tzinfo is None) or last > now:
        return None  # not comparable with now, or the clock was turned back: no record
    return last


class UnlockThrottle:
    def __init__(self, path: Path) -> None:
        self._path = path

    def _read(self) -> tuple[dict[str, dict[str, object]], bool]:
        """The well-formed records, and whether the file held nothing else."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, True
        except (OSError, ValueError):  # a folder, unreadable, not UTF-8, not JSON
            return {}, False
        if not isinstance(data, dict):
            return {}, False
        records = {
            user: entry
            for user, entry in data.items()
            if _failures(entry) is not None and isinstance(entry.get("last"), str)
        }
        return records, len(records) == len(data)

    def _write(self, records: dict[str, dict[str, object]]) -> None:
        # Best effort: a data folder that cannot be written (full, read-only) must not turn a
        # right password into an error, nor a wrong one into anything but "wrong password".
        with contextlib.suppress(OSError, CounselorError):
            if records:
                write_bytes_atomic(
                    self._path, json.dumps(records, ensure_ascii=False).encode("utf-8")
                )
            else:
                self._path.unlink(missing_ok=True)

    def failures(self, user: str) -> int:
        return _failures(self._read()[0].get(user)) or 0

    def check(self, user: str, now: dt.datetime) -> None:
        """Raise if this user must still wait before trying again."""
        entry = self._read()[0].get(user)
        if entry is None:
            return
        failures = _failures(entry) or 0
        last = _last(entry, now)
        if last is None:
            return
        remaining = wait_after(failures) - (now - last).total_seconds()
        if remaining > 0:
            raise AuthenticationFailed(
                TOO_MANY_ATTEMPTS(failures=failures, seconds=int(remaining) + 1)
            )

    def record_failure(self, user: str, now: dt.datetime) -> None:
        records, _ = self._read()
        entry = records.get(user)
        previous = 0
        if entry is not None and _last(entry, now) is not None:
            previous = _failures(entry) or 0
        records[user] = {
            "failures": min(previous + 1, MAX_COUNTED_FAILURES),
            "last": now.isoformat(),
        }
        self._write(records)

    def clear(self, user: str) -> None:
        records, clean = self._read()
        if user in records or not clean:
            records.pop(user, None)
            self._write(records)
