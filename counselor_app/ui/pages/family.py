"""家校共育: parent classes and parent meetings (activities of those two types) and home visits."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.tasks import TaskRunner

PARENT_ACTIVITIES = ("parent_class", "parent_meeting")


class FamilyPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        # A tab names a list, so English says it in the plural ("Parent classes", next to "Home
        # visits"); the activity type's own word ("Parent class") names one activity.
        names = {"parent_class": self.tr("家长课堂"), "parent_meeting": self.tr("家长会")}
        tabs = [
            ListTab("activity", names[kind], fixed_values={"type": kind})
            for kind in PARENT_ACTIVITIES
        ]
        tabs.append(ListTab("home_visit"))
        super().__init__(school, runner, self.tr("家校共育"), tabs, parent)
