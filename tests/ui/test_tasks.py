"""The database worker: answers arrive on the UI thread, in order; errors are never lost."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from shiboken6 import isValid

from counselor_app.ui.tasks import TaskRunner


def test_results_arrive_on_the_ui_thread_in_order(qtbot, runner: TaskRunner) -> None:
    seen: list[tuple[int, bool]] = []
    main = threading.get_ident()
    worker_threads: set[int] = set()

    def work(n: int) -> int:
        worker_threads.add(threading.get_ident())
        return n

    for n in range(5):
        runner.run(work, n).on_success(lambda v: seen.append((v, threading.get_ident() == main)))
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(n, True) for n in range(5)]
    assert main not in worker_threads and len(worker_threads) == 1  # one worker, not the UI


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
    runner.run(release.wait, 5, owner=owner).on_success(called.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isValid(owner))
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert called == []
