"""Running work off the UI thread: one worker for everything that touches the database.

The SQLCipher connection is used from one thread at a time, so all calls go through a single
worker, in the order they were asked for. Results and errors come back to the UI thread, where
the callbacks run::

    runner.run(search_students, db, text).on_success(model.set_rows).on_failure(show_error)

The function given to :meth:`TaskRunner.run` must not touch any widget: it runs on the worker.

Locking deletes every page (see :mod:`counselor_app.ui.lock`), so long work started from a page
may end with nobody to tell. Work whose ending the user must hear about (an import, an export, a
backup) says how to tell it without the page::

    runner.run(export, school, path, owner=self).on_success(...).tell_if_gone(describe)

``describe(ok, value)`` returns the sentence; the runner emits it as ``outcome_unseen`` and the
lock manager shows it after unlocking.

Every write tells every page what it changed, and no page announces it by hand: when work
succeeds with a result that is or carries a :class:`~counselor_app.foundation.change.Changes`
(:func:`~counselor_app.foundation.change.changes_in`: a record service's ``Change``, an import's
report, a roll-over's result), the runner emits it as :attr:`TaskRunner.changes_made`, on the UI
thread, *after* the task's own success callbacks (so a page that wrote can first note what to
select, or show its message, then refresh with every other page), and also when the page that
asked is gone (the write happened all the same). A failure announces nothing: a write that fails
changes nothing. Pages listen through :class:`~counselor_app.ui.records.changes.RecordChanges`.

Lifetimes, which decide whether the program crashes (issue 9): PySide destroys a Python-owned
object in whichever thread drops its last reference, and a ``QObject`` destroyed outside its own
thread, or from inside another object's destructor, is undefined behaviour. So:

- A :class:`Task` is a plain Python object kept by the runner until its outcome is delivered; it
  is never a ``QObject`` deleted later by Qt, and it holds no reference to its runner. (It used to
  be a child of the runner deleted with ``deleteLater()`` that kept the runner alive: when its
  destruction dropped the runner's last reference, the runner deleted its children, that task
  among them, a second time.)
- The worker never holds the last reference to anything: it puts the function, its arguments and
  the result (or error) in a queue, lets go of all of them, and only then wakes the UI thread,
  which takes one outcome per wake-up and releases everything there.
- The one ``QObject`` the worker touches, the runner's relay, lives as long as the runner, which
  waits for the worker before it goes.
- Python's cyclic garbage collector runs in whichever thread happens to allocate, and destroys the
  Qt objects of the cycles it frees right there. It is paused while a worker may run Python code
  (:class:`_CollectorPause`), so garbage is only ever collected on the UI thread.
"""

from __future__ import annotations

import gc
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import isValid

from counselor_app.foundation.change import changes_in

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]
# (ok, result or error) -> the sentence telling how work ended whose page is gone.
DescribeOutcome = Callable[[bool, Any], str]


class Task:
    """One piece of work handed to the worker; callbacks run on the UI thread, in order added."""

    def __init__(self, owner: QObject | None) -> None:
        self._owner = owner
        self._on_success: list[SuccessCallback] = []
        self._on_failure: list[FailureCallback] = []
        self._describe_if_gone: DescribeOutcome | None = None

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

    def _deliver(self, runner: TaskRunner, ok: bool, value: object) -> None:
        if self._owner is not None and not isValid(self._owner):
            # The page that asked is gone (the program locked, or the window closed).
            if self._describe_if_gone is not None:
                runner.outcome_unseen.emit(self._describe_if_gone(ok, value))
            if ok:
                runner._tell_changes(value)
            return
        if ok:
            try:
                for success in self._on_success:
                    success(value)
            finally:  # a callback that failed does not undo the write
                runner._tell_changes(value)
            return
        assert isinstance(value, BaseException)
        if not self._on_failure:
            runner.unhandled_failure.emit(value)
        for failure in self._on_failure:
            failure(value)


@dataclass
class _Outcome:
    """A finished job on its way back: everything it held, released on the UI thread."""

    task: Task
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    ok: bool
    value: object


class _CollectorPause:
    """Keeps the cyclic garbage collector off while this runner's worker may run Python code.
    Shared by every runner (the collector is one per process); used on the UI thread only."""

    _pauses = 0
    _enable_again = False

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if self.paused:
            return
        self.paused = True
        if _CollectorPause._pauses == 0:
            _CollectorPause._enable_again = gc.isenabled()
            gc.disable()
        _CollectorPause._pauses += 1

    def resume(self) -> None:
        if not self.paused:
            return
        self.paused = False
        _CollectorPause._pauses -= 1
        if _CollectorPause._pauses == 0 and _CollectorPause._enable_again:
            gc.enable()  # collections start again, from the next allocation: on this thread


class _Relay(QObject):
    """Wakes the UI thread, once per outcome put in the queue. A child of the runner."""

    ready = Signal()


class _Job(QRunnable):
    def __init__(
        self,
        task: Task,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        outcomes: queue.SimpleQueue[_Outcome],
        relay: _Relay,
    ) -> None:
        super().__init__()
        self._parts: tuple[Any, ...] | None = (task, fn, args, outcomes, relay)

    def run(self) -> None:
        # PySide keeps a reference to every runnable the pool has run, so a job lets go of what
        # it carries as it starts.
        assert self._parts is not None
        task, fn, args, outcomes, relay = self._parts
        self._parts = None
        try:
            outcome = _Outcome(task, fn, args, True, fn(*args))
        except Exception as exc:  # handed to the UI thread, which decides what the user sees
            outcome = _Outcome(task, fn, args, False, exc)
        outcomes.put(outcome)
        # The UI thread may take the outcome and let go of it from now on: nothing of it may stay
        # here, or its last reference (a page's model, the school, a QObject) would die on the
        # worker. Errors keep this frame in their traceback: it must not keep them either.
        del task, fn, args, outcome, outcomes
        relay.ready.emit()


class TaskRunner(QObject):
    """The single worker thread. Wait for it (:meth:`wait_idle`) before closing the database."""

    # A failure nobody asked to handle; the crash handler tells it (ui/crash_handler.py).
    unhandled_failure = Signal(object)
    # How work ended whose page was deleted meanwhile (see Task.tell_if_gone).
    outcome_unseen = Signal(str)
    # What a successful write changed (a Changes), after its callbacks: see the module docstring.
    changes_made = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is the first child and the relay a later one: Qt deletes children in order,
        # and the pool's destructor waits for the worker, so the relay outlives every job.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one thread: its start-up is not free
        self._relay = _Relay(self)
        self._relay.ready.connect(self._deliver_one, Qt.ConnectionType.QueuedConnection)
        self._outcomes: queue.SimpleQueue[_Outcome] = queue.SimpleQueue()
        self._pending: list[Task] = []
        self._collector = _CollectorPause()
        # A runner let go of while work runs: the pool's destructor waits for that work, and
        # what it leaves in the queue is let go of here, on this thread, not by the worker.
        outcomes, collector = self._outcomes, self._collector
        self._pool.destroyed.connect(
            lambda: _let_go(outcomes, collector), Qt.ConnectionType.DirectConnection
        )

    def run(self, fn: Callable[..., Any], *args: Any, owner: QObject | None = None) -> Task:
        """Queue ``fn(*args)``; if ``owner`` is deleted before it finishes, no callback runs."""
        task = Task(owner)
        self._pending.append(task)
        self._collector.pause()
        self._pool.start(_Job(task, fn, args, self._outcomes, self._relay))
        return task

    def _tell_changes(self, result: object) -> None:
        changes = changes_in(result)
        if changes:
            self.changes_made.emit(changes)

    @property
    def busy(self) -> bool:
        """Work is queued, running, or finished with its callbacks not yet run."""
        return bool(self._pending)

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until the worker has finished everything queued (results may still be queued)."""
        return self._pool.waitForDone(msecs)

    @Slot()
    def _deliver_one(self) -> None:
        # One outcome per wake-up: the job woke this thread only after letting go of it.
        outcome = self._outcomes.get_nowait()
        self._pending.remove(outcome.task)
        try:
            outcome.task._deliver(self, outcome.ok, outcome.value)
        finally:
            if not self._pending:  # the callbacks started no more work
                self._pool.waitForDone()  # the job has returned: the worker runs no more Python
                self._collector.resume()


def _let_go(outcomes: queue.SimpleQueue[_Outcome], collector: _CollectorPause) -> None:
    while not outcomes.empty():
        outcomes.get_nowait()
    collector.resume()
