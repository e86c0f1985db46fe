"""Telling a caller how far long work has come, and letting it stop the work: the one way.

Long work (a backup, a restore, a bundle export, a workbook import or export) takes a ``progress``
callback from its caller, calls it from the thread doing the work, and stops when it answers
``False`` (any other answer, ``None`` included, means go on). Stopping raises :class:`Cancelled`
whose message says what the stopped work left behind; each operation's documentation says where
it may stop and what that leaves.

Two shapes of callback, for two kinds of work:

- :data:`PhaseProgress` ``progress(phase)``: work made of a few named phases, told in order as
  each begins (and perhaps again between chunks of a long phase). :class:`Phases` checks them.
- :data:`CountProgress` ``progress(done, total)``: work counted in rows; ``total`` is 0 while the
  amount is not known yet. :class:`Ticker` counts them.

This module is a leaf: it imports only :mod:`counselor_app.foundation.errors` and :mod:`counselor_app.foundation.i18n`,
so storage may use it. It never imports Qt; the desktop program follows the work with
:func:`counselor_app.ui.progress_runner.run_with_progress`.
"""

from __future__ import annotations

from collections.abc import Callable

from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.i18n import Message

#: ``progress(phase)``: ``False`` stops the work before (or inside) that phase.
PhaseProgress = Callable[[str], bool | None]
#: ``progress(done, total)``: ``False`` stops the work; ``total`` is 0 while unknown.
CountProgress = Callable[[int, int], bool | None]


class Cancelled(CounselorError):
    """The caller's ``progress`` asked to stop. The message says what that left behind (no new
    file, nothing imported, nothing changed)."""


class Phases:
    """Tells ``progress`` of each phase as it begins and stops the work when asked to.

    ``phases`` are the operation's phases in order; a phase not among them is a programming
    error. :attr:`current` is the phase the work is in (``None`` before the first).
    """

    def __init__(
        self, phases: tuple[str, ...], progress: PhaseProgress | None, cancelled: Message
    ) -> None:
        self._phases = phases
        self._progress = progress
        self._cancelled = cancelled
        self.current: str | None = None

    def __call__(self, phase: str) -> None:
        if phase not in self._phases:
            raise ValueError(f"unknown phase {phase!r}")
        self.current = phase
        if self._progress is not None and self._progress(phase) is False:
            raise Cancelled(self._cancelled)


class Ticker:
    """Counts the rows done and asks ``progress`` whether to go on."""

    def __init__(self, progress: CountProgress | None, cancelled: Message) -> None:
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
