"""Slowing down repeated wrong passwords.

The count of recent failures lives in a file of its own, so that a wrong password changes nothing
else in the data folder. After three failures each further attempt must wait, doubling up to five
minutes; a right password clears the count.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from counselor_app.atomic_files import write_bytes_atomic
from counselor_app.errors import AuthenticationFailed
from counselor_app.i18n import msg

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300

TOO_MANY_ATTEMPTS = msg(
    "密码已连续输错 {failures} 次。为保护学生资料，请等待 {seconds} 秒后再试。",
    "The password was wrong {failures} times in a row. To protect the records, wait {seconds} "
    "seconds before trying again.",
)


def wait_after(failures: int) -> int:
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_WAIT_SECONDS, 5 * 2 ** (failures - FREE_ATTEMPTS)))


class UnlockThrottle:
    def __init__(self, path: Path) -> None:
        self._path = path

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def failures(self, user: str) -> int:
        entry = self._load().get(user, {})
        count = entry.get("failures", 0)
        return count if isinstance(count, int) else 0

    def check(self, user: str, now: dt.datetime) -> None:
        """Raise if this user must still wait before trying again."""
        entry = self._load().get(user)
        if not entry:
            return
        failures = int(entry.get("failures", 0))  # type: ignore[call-overload]
        last = dt.datetime.fromisoformat(str(entry.get("last")))
        remaining = wait_after(failures) - (now - last).total_seconds()
        if remaining > 0:
            raise AuthenticationFailed(
                TOO_MANY_ATTEMPTS(failures=failures, seconds=int(remaining) + 1)
            )

    def record_failure(self, user: str, now: dt.datetime) -> None:
        data = self._load()
        failures = int(data.get(user, {}).get("failures", 0)) + 1  # type: ignore[call-overload]
        data[user] = {"failures": failures, "last": now.isoformat()}
        write_bytes_atomic(self._path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def clear(self, user: str) -> None:
        data = self._load()
        if user in data:
            del data[user]
            if data:
                write_bytes_atomic(self._path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            else:
                self._path.unlink(missing_ok=True)
