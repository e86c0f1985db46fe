"""摸排与分级: screenings, risk levels, abnormal-situation reports and guardians' consent."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.screening.entries import ScreeningEntries
from counselor_app.ui.screening.printouts import ScreeningPrintouts
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
        # The ways in (学生作答模式, 纸质答卷录入, 导入测评平台数据), under the page's title.
        self.entries = ScreeningEntries(school, runner, self)
        self.import_button = self.entries.import_button
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.entries)
        # The screening printouts (答题卡, 知情同意书, 测评汇总), under the ways in.
        self.printouts = ScreeningPrintouts(school, runner, self)
        layout.insertWidget(2, self.printouts)
