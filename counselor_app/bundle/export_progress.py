"""Telling a caller how far a bundle export has come, and letting it stop the export.

The caller passes ``progress(phase)``; it is called from the thread doing the export as each phase
begins, in the order of :data:`PHASES`, and returns ``False`` to stop (any other answer, ``None``
included, means go on). Stopping raises :class:`ExportCancelled` before the phase starts: nothing is
recorded as sent and no file (not even a temporary one) is left, since the export records the
bundle and writes the file only in its last phase, in one transaction and one atomic write.
"""

from __future__ import annotations

from collections.abc import Callable

from counselor_app.errors import CounselorError
from counselor_app.i18n import msg

#: Running the term's self-check, reading the students, pseudonyms, the check for names left.
COLLECT = "collect"
#: The self-check PDF and JSON, the statistics (and the named cases when asked for).
BUILD = "build"
#: Signing the manifest and encrypting everything to the district's key.
ENCRYPT = "encrypt"
#: Signing the encrypted payload and putting the outer file together.
SIGN = "sign"
#: Recording the export and writing the file.
WRITE = "write"
PHASES = (COLLECT, BUILD, ENCRYPT, SIGN, WRITE)

#: ``progress(phase)``: ``False`` stops the export.
Progress = Callable[[str], bool | None]

EXPORT_CANCELLED = msg(
    "已取消生成上报包，没有生成文件。", "The bundle export was cancelled; no file was written."
)


class ExportCancelled(CounselorError):
    """The caller's ``progress`` asked to stop; nothing was recorded and no file was written."""


class Phases:
    """Tells ``progress`` of each phase as it begins and stops the export when asked to."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self.current: str | None = None

    def __call__(self, phase: str) -> None:
        if phase not in PHASES:
            raise ValueError(f"unknown export phase {phase!r}")
        self.current = phase
        if self._progress is not None and self._progress(phase) is False:
            raise ExportCancelled(EXPORT_CANCELLED)
