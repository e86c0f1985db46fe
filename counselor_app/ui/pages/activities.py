"""活动与会议: activities of every type, psych lessons delivered, and documents on file."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.tasks import TaskRunner


class ActivitiesPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            self.tr("活动与会议"),
            [ListTab("activity"), ListTab("psych_lesson"), ListTab("school_document")],
            parent,
        )
