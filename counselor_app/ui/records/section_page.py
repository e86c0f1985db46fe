"""A section of the main window made of record lists: a title and one tab per list.

The section pages (辅导记录, 心理委员, 家校共育 …) only say which lists they show; each list reads
its records the first time its tab is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from counselor_app.records.catalog import spec_for
from counselor_app.school.core import School
from counselor_app.ui.records.list_view import RecordListView
from counselor_app.ui.tasks import TaskRunner


@dataclass(frozen=True)
class ListTab:
    """One tab: a record type, optionally narrowed to fixed values (and then named by them)."""

    record_type: str
    label: str | None = None  # default: the record type's label
    fixed_values: Mapping[str, Any] = field(default_factory=dict)
    columns: Sequence[str] | None = None
    new_values: Mapping[str, Any] = field(default_factory=dict)


class RecordSectionPage(QWidget):
    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        title: str,
        tabs: Sequence[ListTab],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.lists: list[RecordListView] = []
        for tab in tabs:
            view = RecordListView(
                school,
                runner,
                tab.record_type,
                fixed_values=tab.fixed_values,
                columns=tab.columns,
                new_values=tab.new_values,
            )
            self.lists.append(view)
            self.tabs.addTab(view, tab.label or spec_for(tab.record_type).label)
        # One list needs no tab to choose it.
        self.tabs.tabBar().setVisible(len(self.lists) > 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def list_for(self, record_type: str, index: int = 0) -> RecordListView:
        """The ``index``-th list of ``record_type`` on this page."""
        found = [view for view in self.lists if view.spec.type == record_type]
        return found[index]

    def show_list(self, view: RecordListView) -> None:
        self.tabs.setCurrentWidget(view)

    def save_state(self) -> dict[str, Any]:
        """The tab, search, dates and selection, to come back to after a lock (plain data)."""
        return {"tab": self.tabs.currentIndex(), "lists": [v.save_state() for v in self.lists]}

    def restore_state(self, state: Mapping[str, Any]) -> None:
        for view, kept in zip(self.lists, state.get("lists") or [], strict=False):
            view.restore_state(kept)
        tab = state.get("tab")
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
