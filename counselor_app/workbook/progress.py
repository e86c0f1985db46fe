"""Telling a caller how far an import or export has come, and letting it stop the work.

The caller passes ``progress(done, total)``; it is called from the thread doing the work, between
rows, and returns ``False`` to stop (any other answer, ``None`` included, means go on). ``total`` is
0 while the amount is not known yet (the workbook is still being read, or the records are still
being fetched). Stopping raises :class:`Cancelled` where the work stands: inside the import's one
transaction (so nothing is written) or inside the export's atomic write (so no file appears).
"""

from __future__ import annotations

from collections.abc import Callable

from counselor_app.errors import CounselorError
from counselor_app.i18n import Message, msg

Progress = Callable[[int, int], bool | None]

IMPORT_CANCELLED = msg(
    "已取消导入，没有导入任何内容。", "The import was cancelled; nothing was imported."
)
EXPORT_CANCELLED = msg(
    "已取消导出，没有写入任何文件。", "The export was cancelled; no file was written."
)


class Cancelled(CounselorError):
    """The caller's ``progress`` asked to stop; everything done so far was undone."""


class Ticker:
    """Counts the rows done and asks ``progress`` whether to go on."""

    def __init__(self, progress: Progress | None, cancelled: Message) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.done = 0
        self.total = 0

    def start(self, total: int) -> None:
        """The amount is known now: ``total`` rows to go."""
        self.done, self.total = 0, total
        self.check()

    def __call__(self, rows: int = 1) -> None:
        self.done += rows
        self.check()

    def check(self) -> None:
        if self._progress is not None and self._progress(self.done, self.total) is False:
            raise Cancelled(self._cancelled)
