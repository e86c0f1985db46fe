"""摸排与分级: screenings, risk levels, abnormal-situation reports and guardians' consent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from counselor_app.school.core import School
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
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
        self._school, self._runner = school, runner
        # 导入测评平台数据: a platform's export, under the lists (ui/screening/import_dialog.py).
        self.import_dialog: QDialog | None = None
        self.import_button = QPushButton(self.tr("导入测评平台数据…"))
        self.import_button.clicked.connect(self.open_import_dialog)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignRight)

    def open_import_dialog(self) -> None:
        from counselor_app.ui.screening.import_dialog import ScreeningImportDialog

        self.import_dialog = ScreeningImportDialog(self._school, self._runner, self)
        self.import_dialog.open()
