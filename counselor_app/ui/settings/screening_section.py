"""设置 › 筛查: within how many school days a student a screening flagged is interviewed.

The number belongs to the school (``settings.screening_options``); the worklist, the dashboard and
the command line count due dates with it. A critical item answered is due the same school day
whatever this says.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from counselor_app.school.core import School
from counselor_app.settings.school_settings import (
    MAX_INTERVIEW_SCHOOL_DAYS,
    MIN_INTERVIEW_SCHOOL_DAYS,
)
from counselor_app.settings.screening_options import (
    interview_school_days,
    set_interview_school_days,
)
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.school_number import SchoolNumberSpin
from counselor_app.ui.settings.section_parts import load_when_first_shown
from counselor_app.ui.tasks import TaskRunner


class ScreeningSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_bar = MessageBar()
        self.days_spin = SchoolNumberSpin(
            school, runner, interview_school_days, set_interview_school_days, self.message_bar
        )
        self.days_spin.setRange(MIN_INTERVIEW_SCHOOL_DAYS, MAX_INTERVIEW_SCHOOL_DAYS)
        self.days_spin.setSuffix(self.tr(" 个上课日"))
        self.days_spin.setMinimumWidth(130)
        self.days_spin.saved.connect(self._saved)
        note = QLabel(
            self.tr(
                "量表测评提示需约谈的学生，应在测评后这么多个上课日内约谈（上课日：学期内的"
                "周一至周五，不含法定节假日和全校停课日）。关键题（如 PHQ-9 第 9 题）有作答的，"
                "一律当天约谈。"
            )
        )
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)
        box = QGroupBox(self.tr("筛查后约谈"))
        box.setMaximumWidth(640)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("约谈期限"), self.days_spin)
        form.addRow(note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.message_bar)

        load_when_first_shown(self, self.days_spin.load)

    def save_days(self) -> None:
        self.days_spin.save()

    def _saved(self, days: int) -> None:
        self.message_bar.show_info(
            self.tr("已保存：测评提示需约谈的学生在 %n 个上课日内约谈。", "", days)
        )
