"""The database worker: answers arrive on the UI thread, in order; errors are never lost; and no
object lives or dies on the wrong thread, whatever order the work, its page and its runner go in.

The lifetime tests reproduce issue 9 (``Fatal Python error: Segmentation fault`` in
``QObject::~QObject()`` under load) without load: each crashed the process, or failed, before the
runner was changed.
"""

from __future__ import annotations

import gc
import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S

MAIN = threading.get_ident()


def deliver_everything(runner: TaskRunner | None = None) -> None:
    """Let the worker finish, then run every callback and every pending deletion."""
    if runner is not None:
        runner.wait_idle()
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Probe:
    """Notes the thread its last reference was dropped on."""

    def __init__(self, name: str, died: list[tuple[str, bool]]) -> None:
        self.name = name
        self._died = died

    def __call__(self, *args: object) -> Probe:
        return Probe(f"result of {self.name}", self._died)

    def __del__(self) -> None:
        self._died.append((self.name, threading.get_ident() == MAIN))


def test_results_arrive_on_the_ui_thread_in_order(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    worker_threads: set[int] = set()

    def work(n: int) -> int:
        worker_threads.add(threading.get_ident())
        return n

    for n in range(5):
        runner.run(work, n).on_success(lambda v: seen.append((v, threading.get_ident() == MAIN)))
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(n, True) for n in range(5)]
    assert MAIN not in worker_threads and len(worker_threads) == 1  # one worker, not the UI


def test_a_failure_goes_to_its_handler_or_to_unhandled(qtbot, runner: TaskRunner) -> None:
    handled: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    runner.run(fail).on_failure(handled.append)
    qtbot.waitUntil(lambda: len(handled) == 1)
    assert str(handled[0]) == "boom"

    with qtbot.waitSignal(runner.unhandled_failure) as blocker:
        runner.run(fail)
    assert isinstance(blocker.args[0], ValueError)


def test_no_callback_once_the_owner_is_gone(qtbot, runner: TaskRunner) -> None:
    release = threading.Event()
    called: list[object] = []
    owner = QObject()
    runner.run(release.wait, HANG_LIMIT_S, owner=owner).on_success(called.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isValid(owner))
    release.set()
    deliver_everything(runner)
    assert not runner.busy
    assert called == []


def test_a_task_may_hold_the_last_reference_to_its_runner(qapp) -> None:
    """Issue 9's crash. A task used to be a QObject child of its runner, deleted with
    deleteLater() once answered, that kept the runner alive: deleting the task dropped the
    runner's last reference, and the runner deleted its children, that same task among them, a
    second time (SIGSEGV or SIGBUS in QObject::~QObject() while Qt delivers posted events)."""
    answers: list[int] = []
    runner = TaskRunner()  # no parent: Python owns it, as the tests' runners
    runner.run(lambda: 42).on_success(answers.append)
    runner.wait_idle()
    del runner  # only the work still refers to the runner, if anything does
    deliver_everything()
    gc.collect()
    deliver_everything()
    assert answers == []  # the runner is gone: nobody is left to call back


def test_the_worker_never_lets_go_of_the_last_reference(qtbot, runner: TaskRunner) -> None:
    """PySide destroys an object in whichever thread drops its last reference: the function, its
    arguments, its result and its error must all be let go of on the UI thread."""
    died: list[tuple[str, bool]] = []
    started, release = threading.Event(), threading.Event()

    def gated(fn: Probe, arg: Probe) -> Probe:
        started.set()
        release.wait(HANG_LIMIT_S)
        return fn(arg)

    def failing(arg: Probe) -> None:
        release.wait(HANG_LIMIT_S)
        raise LookupError(arg)

    errors: list[BaseException] = []
    runner.run(gated, Probe("function", died), Probe("argument", died))
    runner.run(failing, Probe("failing argument", died)).on_failure(errors.append)
    assert started.wait(HANG_LIMIT_S)  # the worker holds the only references now
    release.set()
    deliver_everything(runner)
    errors.clear()
    gc.collect()
    names = {"function", "argument", "result of function", "failing argument"}
    assert {name for name, _ in died} == names
    assert [name for name, on_ui_thread in died if not on_ui_thread] == []


def test_a_qobject_handed_to_the_worker_dies_on_its_own_thread(qtbot, runner: TaskRunner) -> None:
    destroyed_on: list[bool] = []
    release = threading.Event()
    model = QObject()  # a page's model, say: no parent, so Python owns it
    model.destroyed.connect(
        lambda: destroyed_on.append(threading.get_ident() == MAIN),
        Qt.ConnectionType.DirectConnection,
    )
    runner.run(lambda m: release.wait(HANG_LIMIT_S), model)
    del model
    release.set()
    deliver_everything(runner)
    gc.collect()
    assert destroyed_on == [True]


def test_garbage_is_collected_on_the_ui_thread_even_while_the_worker_allocates(
    qtbot, runner: TaskRunner
) -> None:
    """Python's cyclic collector runs in whichever thread allocates; had it run on the worker,
    a page's model caught in a reference cycle would have been destroyed there."""
    destroyed_on: list[bool] = []
    release = threading.Event()

    def allocate_a_lot() -> int:
        release.wait(HANG_LIMIT_S)
        rows = [[n] for n in range(50_000)]  # many containers: enough to start collections
        return len(rows)

    runner.run(allocate_a_lot)
    gc.collect()  # a clean slate: the cycle below is the youngest garbage
    cycle: dict[str, object] = {"model": QObject()}  # no parent: Python owns it
    cycle["itself"] = cycle
    cycle["model"].destroyed.connect(  # type: ignore[attr-defined]
        lambda: destroyed_on.append(threading.get_ident() == MAIN),
        Qt.ConnectionType.DirectConnection,
    )
    del cycle
    release.set()
    deliver_everything(runner)
    gc.collect()
    assert destroyed_on == [True]


@pytest.mark.parametrize("told", [False, True])
def test_many_answers_arrive_after_their_dialogs_are_gone(
    qtbot, runner: TaskRunner, told: bool
) -> None:
    """As a dialog that checks input on the worker while the user types, then closes: answers
    queued for deleted dialogs, deleted in every order, with garbage collections between."""
    called: list[int] = []
    unseen: list[str] = []
    runner.outcome_unseen.connect(unseen.append)
    for round_ in range(20):
        release = threading.Event()
        dialogs = [QDialog() for _ in range(5)]
        for n, dialog in enumerate(dialogs):
            task = runner.run(
                lambda n=n, gate=release: gate.wait(HANG_LIMIT_S) and n, owner=dialog
            ).on_success(called.append)
            if told:
                task.tell_if_gone(lambda ok, value: f"{ok} {value}")
        # Gone in a different order each round: before, while and after the worker answers.
        dialogs[round_ % 5].deleteLater()
        deliver_everything()
        release.set()
        runner.wait_idle()  # every answer is queued for the UI thread now
        for dialog in dialogs[::2]:
            if isValid(dialog):
                dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del dialogs, dialog, task
        gc.collect()
        deliver_everything()
        gc.collect()
    assert not runner.busy
    # Per round: dialogs 1 and 3 are left unless deleted first; the others are gone in time.
    left = [(round_, n) for round_ in range(20) for n in (1, 3) if n != round_ % 5]
    gone = [(round_, n) for round_ in range(20) for n in range(5) if (round_, n) not in left]
    assert sorted(called) == sorted(n for _, n in left)
    assert sorted(unseen) == (sorted(f"True {n}" for _, n in gone) if told else [])


def test_a_page_deleted_by_another_tasks_callback_hears_nothing(qtbot, runner: TaskRunner) -> None:
    heard: list[str] = []
    page = QDialog()
    # Deleted at once (not later) by the first answer, before the second is delivered.
    runner.run(lambda: None).on_success(lambda _, page=page: shiboken6.delete(page))
    runner.run(lambda: "late", owner=page).on_success(heard.append)
    del page
    deliver_everything(runner)
    gc.collect()
    assert heard == [] and not runner.busy


def test_a_runner_let_go_of_while_it_works_waits_and_frees_on_the_ui_thread(qapp) -> None:
    died: list[tuple[str, bool]] = []
    release = threading.Event()
    runner = TaskRunner()
    runner.run(lambda arg: release.wait(HANG_LIMIT_S) and arg(), Probe("argument", died))
    # The work goes on only once the runner is being destroyed, still holding what it was given.
    runner.destroyed.connect(release.set, Qt.ConnectionType.DirectConnection)
    del runner  # the runner's pool waits for the work before it goes
    deliver_everything()
    gc.collect()
    assert sorted(died) == [("argument", True), ("result of argument", True)]
    assert QApplication.instance() is not None
