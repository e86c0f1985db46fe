"""摸排与分级: screenings, risk levels, abnormal-situation reports and guardians' consent."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.screening.worklist_tab import WorklistTab
from counselor_app.ui.tasks import TaskRunner


class ScreeningPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            self.tr("摸排与分级"),
            [
                ListTab("screening"),
                ListTab("risk_assessment"),
                ListTab("abnormal_report"),
                ListTab("consent"),
            ],
            parent,
        )
        # 筛查待约谈 beside the screenings it comes from.
        self.worklist_tab = WorklistTab(school, runner)
        self.tabs.insertTab(1, self.worklist_tab, self.tr("筛查待约谈"))
