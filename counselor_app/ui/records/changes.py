"""Telling every open page what a write touched, wherever the write was made.

Nobody announces a change by hand. Every write runs on the :class:`TaskRunner` and answers with
what it changed (:mod:`counselor_app.foundation.change`); the runner emits that as
:attr:`TaskRunner.changes_made` after the task's own success callbacks, and this hub turns it
into the signals pages listen to:

- :attr:`RecordChanges.changed`, once per record written (a ``Change``: its type, its id and
  created, updated, deleted or restored), so that every list of that type refreshes just that
  record;
- :attr:`RecordChanges.types_changed`, for records of some types whose ids the write did not
  list (a self-check confirmation), so that the lists of those types read everything again;
- :attr:`RecordChanges.everything_changed`, after work that may have changed any number of
  records at once (a workbook import, a year roll-over or its undo): every list reads everything
  again.

A write that fails announces nothing. There is one hub per :class:`TaskRunner` (the program has
one runner, tests make one each), kept as the runner's child, so nothing global is needed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from counselor_app.foundation.change import Changes
from counselor_app.ui.tasks import TaskRunner

HUB_NAME = "recordChanges"


class RecordChanges(QObject):
    # A Change: record_type, record_id, action (created, updated, deleted, restored).
    changed = Signal(object)
    # A frozenset of record types: some records of each changed, which ones is not known.
    types_changed = Signal(object)
    # Any record of any type may have changed: read everything again.
    everything_changed = Signal()

    @classmethod
    def of(cls, runner: TaskRunner) -> RecordChanges:
        hub = runner.findChild(RecordChanges, HUB_NAME)
        if hub is None:
            hub = cls(runner)
            hub.setObjectName(HUB_NAME)
            runner.changes_made.connect(hub.tell)
        return hub

    def tell(self, changes: Changes) -> None:
        """Pass on what a write changed (the runner does this for every write it runs)."""
        if changes.everything:
            self.everything_changed.emit()
            return
        for change in changes.records:
            self.changed.emit(change)
        if changes.types_only:
            self.types_changed.emit(changes.types_only)
