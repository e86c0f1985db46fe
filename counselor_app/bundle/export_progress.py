"""Telling a caller how far a bundle export has come, and letting it stop the export.

The caller passes ``progress(phase)``; it is called from the thread doing the export as each phase
begins, in the order of :data:`PHASES`, and returns ``False`` to stop (any other answer, ``None``
included, means go on). Stopping raises :class:`~counselor_app.foundation.progress.Cancelled` before the phase starts: nothing is
recorded as sent and no file (not even a temporary one) is left, since the export records the
bundle and writes the file only in its last phase, in one transaction and one atomic write.
"""

from __future__ import annotations

from counselor_app.foundation.i18n import msg
from counselor_app.foundation.progress import PhaseProgress, Phases

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
Progress = PhaseProgress

EXPORT_CANCELLED = msg(
    "已取消生成上报包，没有生成文件。", "The bundle export was cancelled; no file was written."
)


def export_phases(progress: Progress | None) -> Phases:
    """Tells ``progress`` of each of :data:`PHASES` as it begins; stops the export with
    :class:`~counselor_app.foundation.progress.Cancelled` when it answers ``False``."""
    return Phases(PHASES, progress, EXPORT_CANCELLED)
