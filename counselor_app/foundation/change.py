"""What a write touched, so that every view can refresh just that.

Every write the core offers answers with what it changed:

- one record created, updated, deleted or restored (the record service, the recycle bin): a
  :class:`Change`, which is also the :class:`Changes` of that one record (:func:`changes_in`);
- records of some types whose ids nobody listed (a self-check confirmation):
  ``Changes.of_types("...")``;
- any record of any type (a workbook import, a year roll-over and its undo): :data:`EVERYTHING`.

Larger results carry theirs as a ``changes`` attribute (``ImportReport.changes``). A backup
restore carries none: it closes the open school, so no page may read again; the program starts
afresh.

Nothing here knows about Qt. The UI's task runner looks for a :class:`Changes` in each result
(:func:`changes_in`) and tells every page (see :mod:`counselor_app.ui.tasks`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    record_type: str
    record_id: int
    action: str  # created, updated, deleted, restored

    @property
    def changes(self) -> Changes:
        return Changes(records=(self,))


@dataclass(frozen=True)
class Changes:
    """Records a write touched: by id where known (:attr:`records`), by type only
    (:attr:`types_only`), or everything."""

    records: tuple[Change, ...] = ()
    types_only: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of_types(cls, *record_types: str) -> Changes:
        return cls(types_only=frozenset(record_types))

    @property
    def record_types(self) -> frozenset[str]:
        """Every type touched (empty when :attr:`everything`: then all are)."""
        return self.types_only | {change.record_type for change in self.records}

    def __or__(self, other: Changes) -> Changes:
        if self.everything or other.everything:
            return EVERYTHING
        return Changes(self.records + other.records, self.types_only | other.types_only)

    def __bool__(self) -> bool:
        return self.everything or bool(self.records) or bool(self.types_only)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)


def changes_in(result: object) -> Changes | None:
    """The changes a write's result is or carries (``result.changes``); None for anything else."""
    if isinstance(result, Changes):
        return result
    carried = getattr(result, "changes", None)
    return carried if isinstance(carried, Changes) else None
