"""Every write run on the task runner tells every page what it changed; nobody announces by hand,
and a write that fails, or work that writes nothing, tells nobody anything."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject
from shiboken6 import isValid

from counselor_app.foundation.change import EVERYTHING, Change, Changes
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S
from tests.ui.conftest import finish_work


def listen(runner: TaskRunner) -> list[object]:
    """Everything the hub tells, in order: Changes, type sets, and "everything"."""
    told: list[object] = []
    hub = RecordChanges.of(runner)
    hub.changed.connect(told.append)
    hub.types_changed.connect(told.append)
    hub.everything_changed.connect(lambda: told.append("everything"))
    return told


@dataclass(frozen=True)
class Report:
    """A larger result that carries what it changed, as an import's report does."""

    added: int
    changes: Changes


def test_a_record_written_is_told_after_the_writers_own_callback(qtbot, runner: TaskRunner) -> None:
    told = listen(runner)
    saved = Change("session", 7, "created")
    runner.run(lambda: saved).on_success(lambda change: told.append(("writer saw", change)))
    finish_work(runner)
    assert told == [("writer saw", saved), saved]


def test_each_kind_of_change_reaches_its_signal(qtbot, runner: TaskRunner) -> None:
    told = listen(runner)
    two = Changes(records=(Change("student", 1, "updated"), Change("class", 2, "deleted")))
    runner.run(lambda: two)
    runner.run(lambda: Changes.of_types("selfcheck_confirmation"))
    runner.run(lambda: Report(added=3, changes=EVERYTHING))
    finish_work(runner)
    assert told == [
        Change("student", 1, "updated"),
        Change("class", 2, "deleted"),
        frozenset({"selfcheck_confirmation"}),
        "everything",
    ]


def test_a_failed_write_tells_nothing(qtbot, runner: TaskRunner) -> None:
    told = listen(runner)
    failures: list[BaseException] = []

    def refused() -> Change:
        raise ValueError("refused")

    runner.run(refused).on_failure(failures.append)
    finish_work(runner)
    assert [str(f) for f in failures] == ["refused"]
    assert told == []


def test_work_that_writes_nothing_tells_nothing(qtbot, runner: TaskRunner) -> None:
    told = listen(runner)
    runner.run(lambda: 42)
    runner.run(lambda: ["a", "list", "read"])
    runner.run(lambda: None)  # an undo with nothing to undo
    runner.run(lambda: Changes())  # a write that touched nothing
    finish_work(runner)
    assert told == []


def test_a_write_is_told_even_when_the_page_that_asked_is_gone(qtbot, runner: TaskRunner) -> None:
    told = listen(runner)
    page = QObject()
    heard_by_page: list[object] = []
    # The write waits until the page is gone: on a busy machine it could otherwise finish, and be
    # delivered to the page, before the page's deletion is even asked for.
    page_gone = threading.Event()

    def write() -> Change:
        page_gone.wait(HANG_LIMIT_S)
        return Change("appointment", 3, "updated")

    runner.run(write, owner=page).on_success(heard_by_page.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: not isValid(page))
    page_gone.set()
    finish_work(runner)
    assert heard_by_page == []  # the page is gone: no callback
    assert told == [Change("appointment", 3, "updated")]  # the write happened all the same
