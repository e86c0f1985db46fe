"""Telling a caller how far an import or export has come, and letting it stop the work.

The caller passes ``progress(done, total)``; it is called from the thread doing the work, between
rows, and returns ``False`` to stop (any other answer, ``None`` included, means go on). ``total`` is
0 while the amount is not known yet (the workbook is still being read, or the records are still
being fetched). Stopping raises :class:`~counselor_app.foundation.progress.Cancelled` where the work stands: inside the import's one
transaction (so nothing is written) or inside the export's atomic write (so no file appears).
"""

from __future__ import annotations

from counselor_app.foundation.i18n import msg
from counselor_app.foundation.progress import Cancelled, CountProgress, Ticker

__all__ = ["EXPORT_CANCELLED", "IMPORT_CANCELLED", "Cancelled", "Progress", "Ticker"]

Progress = CountProgress

IMPORT_CANCELLED = msg(
    "已取消导入，没有导入任何内容。", "The import was cancelled; nothing was imported."
)
EXPORT_CANCELLED = msg(
    "已取消导出，没有写入任何文件。", "The export was cancelled; no file was written."
)
