"""The 进度 of a running term on the self-check page: the cell's words and colours, and the proxy
that sorts the rules and keeps those of one progress state.

The numbers and words come from :mod:`counselor_app.selfcheck.progress` (the core computes them;
this module only lays them out). 已达标 and 落后 take the colours of 达标 and 未达标; 按进度 the
program's calm teal; a rule without progress is grey.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from counselor_app.foundation.i18n import in_language
from counselor_app.selfcheck.progress import (
    BEHIND,
    MET,
    NONE,
    ON_TRACK,
    PROGRESS_LABELS,
    RuleProgress,
)
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT, TEXT_MUTED

Index = QModelIndex | QPersistentModelIndex

# (text, background) per progress state; None: the table's own background.
PROGRESS_COLOURS: dict[str, tuple[str, str | None]] = {
    MET: ("#1b5e20", "#e8f5e9"),
    ON_TRACK: (ACCENT, ACCENT_LIGHT),
    BEHIND: ("#b71c1c", "#ffebee"),
    NONE: (TEXT_MUTED, None),
}
# Sorted ascending: what needs doing first.
STATE_ORDER = {BEHIND: 0, ON_TRACK: 1, MET: 2, NONE: 3}


def state_label(state: str, language: str) -> str:
    return PROGRESS_LABELS[state][1 if language == "en" else 0]


def progress_text(rule: RuleProgress, language: str) -> str:
    """落后 on the first line, what is still needed (or, in a few words, why there is no progress)
    below; the detail pane says why in full."""
    detail = rule.progress.words if rule.progress is not None else rule.why_short
    return f"{state_label(rule.state, language)}\n{in_language(detail, language)}"


def progress_sort_key(rule: RuleProgress | None) -> tuple[int, float]:
    """Behind first, the furthest behind (least share of the need done) first among them."""
    if rule is None:
        return (len(STATE_ORDER), 0.0)
    share = float(rule.progress.share_done) if rule.progress is not None else 0.0
    return (STATE_ORDER[rule.state], share)


class RuleFilterModel(QSortFilterProxyModel):
    """The rules as the table shows them: sorted by the column clicked (by ``sort_role``), and
    only those of one progress state when one is chosen."""

    def __init__(self, sort_role: int, progress_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self._progress_role = progress_role
        self._state: str | None = None
        self.setSortRole(sort_role)

    @property
    def state(self) -> str | None:
        return self._state

    def set_state(self, state: str | None) -> None:
        """Keep the rules of ``state`` only (None: every rule)."""
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._state is None:
            return True
        source = self.sourceModel()
        rule = source.index(source_row, 0, source_parent).data(self._progress_role)
        return rule is not None and rule.state == self._state
