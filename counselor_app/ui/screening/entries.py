"""The screening page's ways in: 学生作答模式, 纸质答卷录入 and 导入测评平台数据, one button each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from counselor_app.school.core import School
from counselor_app.ui.tasks import TaskRunner


class ScreeningEntries(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.student_mode_button = QPushButton(self.tr("学生作答模式…"))
        self.student_mode_button.setToolTip(
            self.tr("让一名学生在本机全屏作答量表；退出需要老师的密码")
        )
        self.paper_button = QPushButton(self.tr("纸质答卷录入…"))
        self.paper_button.setToolTip(self.tr("按班级用键盘录入纸质答卷，逐题逐人"))
        self.import_button = QPushButton(self.tr("导入测评平台数据…"))
        self.import_button.setToolTip(self.tr("读入测评平台导出的 Excel 或 CSV，按列对应关系计分"))
        self.student_mode_button.clicked.connect(self.open_student_mode)
        self.paper_button.clicked.connect(self.open_paper_entry)
        self.import_button.clicked.connect(self.open_import_dialog)
        if not school.user.is_counsellor:
            # A 管理员 may not enter answers (save_screenings refuses), nor leave student mode.
            for button in (self.student_mode_button, self.paper_button, self.import_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("只有心理教师账户可以给学生测评或录入答卷"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.student_mode_button)
        row.addWidget(self.paper_button)
        row.addWidget(self.import_button)
        row.addStretch(1)

    def open_student_mode(self) -> QWidget:
        from counselor_app.ui.screening.student_mode_setup import StudentModeSetup

        dialog = StudentModeSetup(self._school, self._runner, self.window(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_paper_entry(self) -> QWidget:
        from counselor_app.ui.screening.paper_entry import PaperEntryDialog

        dialog = PaperEntryDialog(self._school, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_import_dialog(self) -> QWidget:
        from counselor_app.ui.screening.import_dialog import ScreeningImportDialog

        dialog = ScreeningImportDialog(self._school, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
