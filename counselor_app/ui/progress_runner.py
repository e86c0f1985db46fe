"""Long work behind a progress dialog with 取消: the one way a page runs it.

:func:`run_with_progress` runs ``work(progress)`` on the database worker (:class:`TaskRunner`)
behind a :class:`~counselor_app.ui.work_progress.ProgressDialog`; the core calls ``progress``
between rows or phases and stops with :class:`counselor_app.foundation.progress.Cancelled` once 取消 was
pressed. While the work runs the page is disabled and its ``progress_dialog`` attribute is the
dialog (tests and screenshots read it); afterwards it is ``None`` again.

Locking deletes every page, perhaps before the dialog has even appeared: the page's deletion
cancels the work as 取消 does and closes the dialog, and the user hears how it ended after
unlocking (``told_after_unlock``, through :meth:`Task.tell_if_gone`; no ``self.tr`` there, the
page is gone). The worker's lifetime rules are those of :mod:`counselor_app.ui.tasks`: ``work``
must not touch any widget, and the dialog lives on the UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from counselor_app.foundation.progress import Cancelled, PhaseProgress
from counselor_app.ui.tasks import DescribeOutcome, TaskRunner
from counselor_app.ui.work_progress import ProgressDialog, WorkProgress

#: ``describe(done, total)``: what the dialog says (``total`` is 0 while unknown).
Describe = Callable[[int, int], str]
#: Makes the dialog; :class:`ProgressDialog` unless the work needs another (a restore's).
DialogFactory = Callable[[QWidget, str, Describe, WorkProgress], ProgressDialog]


def run_with_progress(
    runner: TaskRunner,
    page: QWidget,
    title: str,
    describe: Describe,
    work: Callable[[WorkProgress], Any],
    *,
    succeeded: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    cancelled: Callable[[str], None],
    told_after_unlock: DescribeOutcome,
    dialog_factory: DialogFactory = ProgressDialog,
) -> ProgressDialog:
    """Run ``work(progress)`` behind a progress dialog titled ``title`` over ``page``'s window.

    Then, with the dialog closed and ``page`` enabled again: ``succeeded(value)``; or, when the
    work was stopped, ``cancelled(message)`` with the core's sentence of what that left (a stop
    that was asked for is no error); or ``failed(error)``."""
    progress = WorkProgress()
    dialog = dialog_factory(page.window(), title, describe, progress)
    setattr(page, "progress_dialog", dialog)  # noqa: B010 (an attribute each page declares)
    # Locking deletes the page, perhaps before the dialog has appeared to be closed.
    page.destroyed.connect(progress.cancel)
    page.destroyed.connect(dialog.finish)
    page.setEnabled(False)

    def finished() -> None:
        dialog.finish()
        setattr(page, "progress_dialog", None)  # noqa: B010
        page.setEnabled(True)

    def on_success(value: Any) -> None:
        finished()
        succeeded(value)

    def on_failure(error: BaseException) -> None:
        finished()
        if isinstance(error, Cancelled):
            cancelled(str(error))
        else:
            failed(error)

    runner.run(work, progress, owner=page).on_success(on_success).on_failure(
        on_failure
    ).tell_if_gone(told_after_unlock)
    return dialog


def following(progress: WorkProgress, phases: tuple[str, ...]) -> PhaseProgress:
    """The core's ``progress(phase)`` told to the dialog's ``progress(done, total)``: the phase's
    place among the operation's ``phases``."""
    return lambda phase: progress(phases.index(phase), len(phases))


def describing_phases(
    heading: str,
    phases: tuple[str, ...],
    texts: dict[str, str],
    *,
    preparing: str,
    step_text: str,
) -> Describe:
    """What the dialog says for work followed by :func:`following`: ``heading``, then
    ``step_text`` (with ``{step}``, ``{steps}`` and ``{phase}``) naming the phase's ``texts``
    entry, or ``preparing`` before the first. All words are translated by the caller beforehand,
    so the function holds nothing of the page (it may outlive it)."""

    def describe(step: int, steps: int) -> str:
        if not steps:
            return f"{heading}\n{preparing}"
        phase = step_text.format(step=step + 1, steps=steps, phase=texts[phases[step]])
        return f"{heading}\n{phase}"

    return describe
