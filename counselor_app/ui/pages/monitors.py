"""心理委员: who serves as a class's student monitor, and the monitors' monthly reports."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.tasks import TaskRunner


class MonitorsPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            self.tr("心理委员"),
            [ListTab("monitor"), ListTab("monitor_report")],
            parent,
        )
