"""辅导记录: every individual and group counselling session, in one searchable list."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.tasks import TaskRunner

# A new session starts as the usual one: individual, 50 minutes.
NEW_SESSION = {"kind": "individual", "minutes": 50}


class SessionsPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            self.tr("辅导记录"),
            [ListTab("session", new_values=NEW_SESSION)],
            parent,
        )
