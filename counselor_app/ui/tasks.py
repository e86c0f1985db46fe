"""Running work off the UI thread: one worker for everything that touches the database.

The SQLCipher connection is used from one thread at a time, so all calls go through a single
worker, in the order they were asked for. Results and errors come back to the UI thread by a
queued signal, where the callbacks run::

    runner.run(search_students, db, text).on_success(model.set_rows).on_failure(show_error)

The function given to :meth:`TaskRunner.run` must not touch any widget: it runs on the worker.

Locking deletes every page (see :mod:`counselor_app.ui.lock`), so long work started from a page
may end with nobody to tell. Work whose ending the user must hear about (an import, an export, a
backup) says how to tell it without the page::

    runner.run(export, school, path, owner=self).on_success(...).tell_if_gone(describe)

``describe(ok, value)`` returns the sentence; the runner emits it as ``outcome_unseen`` and the
lock manager shows it after unlocking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
# (ok, result or error) -> the sentence telling how work ended whose page is gone.
DescribeOutcome = Callable[[bool, Any], str]


class _Relay(QObject):
    """Carries a result from the worker; connected to its task with a queued connection."""

    finished = Signal(bool, object)


class Task(QObject):
    """One piece of work handed to the worker; callbacks run on the UI thread, in order added."""

    def __init__(self, runner: TaskRunner, owner: QObject | None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._owner = owner
        self._on_success: list[SuccessCallback] = []
        self._on_failure: list[FailureCallback] = []
        self._describe_if_gone: DescribeOutcome | None = None
        self.relay = _Relay()
        # Explicitly queued: the relay emits on the worker, the callbacks must run here.
        self.relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.done = False

    def on_success(self, callback: SuccessCallback) -> Task:
        self._on_success.append(callback)
        return self

    def on_failure(self, callback: FailureCallback) -> Task:
        self._on_failure.append(callback)
        return self

    def tell_if_gone(self, describe: DescribeOutcome) -> Task:
        """If the owner is gone when the work ends, say ``describe(ok, value)`` to the user
        anyway (through :attr:`TaskRunner.outcome_unseen`)."""
        self._describe_if_gone = describe
        return self

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        self.done = True
        self._runner._forget(self)
        if self._owner is not None and not isValid(self._owner):
            # The page that asked is gone (the program locked, or the window closed).
            try:
                if self._describe_if_gone is not None:
                    self._runner.outcome_unseen.emit(self._describe_if_gone(ok, value))
            finally:
                self.deleteLater()
            return
        try:
            if ok:
                for success in self._on_success:
                    success(value)
            else:
                assert isinstance(value, BaseException)
                if not self._on_failure:
                    self._runner.unhandled_failure.emit(value)
                for failure in self._on_failure:
                    failure(value)
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self._relay = relay
        self._fn = fn
        self._args = args

    def run(self) -> None:
        # PySide keeps a reference to every runnable the pool has run, so a finished job must
        # hold nothing: its arguments may be the school, which locking must be able to drop.
        fn, args, relay = self._fn, self._args, self._relay
        self._fn, self._args, self._relay = _done, (), None  # type: ignore[assignment]
        try:
            result = fn(*args)
        except Exception as exc:  # handed to the UI thread, which decides what the user sees
            log.debug("background task failed", exc_info=exc)
            relay.finished.emit(False, exc)
        else:
            relay.finished.emit(True, result)


def _done() -> None:
    """What a finished job holds in place of its function."""


class TaskRunner(QObject):
    """The single worker thread. Wait for it (:meth:`wait_idle`) before closing the database."""

    # A failure nobody asked to handle; the main window shows it in a message box.
    unhandled_failure = Signal(object)
    # How work ended whose page was deleted meanwhile (see Task.tell_if_gone).
    outcome_unseen = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one thread: its start-up is not free
        self._pending: set[Task] = set()

    def run(self, fn: Callable[..., Any], *args: Any, owner: QObject | None = None) -> Task:
        """Queue ``fn(*args)``; if ``owner`` is deleted before it finishes, no callback runs."""
        task = Task(self, owner)
        self._pending.add(task)
        self._pool.start(_Job(task.relay, fn, args))
        return task

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until the worker has finished everything queued (results may still be queued)."""
        return self._pool.waitForDone(msecs)

    def _forget(self, task: Task) -> None:
        self._pending.discard(task)
