"""Telling every open list what a write touched, wherever the write was made.

The record service answers each write with a :class:`~counselor_app.records.service.Change`. Whoever
made the write (a list's delete button, a form, the quick session entry) announces it here, and
every list of that record type refreshes just that record::

    RecordChanges.of(runner).announce(change)

Work that may have changed any number of records at once (a workbook import, a backup restored)
announces that instead, and every list reads everything again::

    RecordChanges.of(runner).announce_all()

There is one hub per :class:`TaskRunner` (the program has one runner, tests make one each), kept as
the runner's child, so nothing global is needed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from counselor_app.records.service import Change
from counselor_app.ui.tasks import TaskRunner

HUB_NAME = "recordChanges"


class RecordChanges(QObject):
    # A Change: record_type, record_id, action (created, updated, deleted, restored).
    changed = Signal(object)
    # Any record of any type may have changed: read everything again.
    everything_changed = Signal()

    @classmethod
    def of(cls, runner: TaskRunner) -> RecordChanges:
        hub = runner.findChild(RecordChanges, HUB_NAME)
        if hub is None:
            hub = cls(runner)
            hub.setObjectName(HUB_NAME)
        return hub

    def announce(self, change: Change) -> None:
        self.changed.emit(change)

    def announce_all(self) -> None:
        self.everything_changed.emit()
