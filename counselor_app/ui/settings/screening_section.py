"""设置 › 筛查: within how many school days a student a screening flagged is interviewed.

The number belongs to the school (``settings.screening_options``); the worklist, the dashboard and
the command line count due dates with it. A critical item answered is due the same school day
whatever this says.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

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
from counselor_app.ui.settings.section_parts import load_when_first_shown
from counselor_app.ui.tasks import TaskRunner

SAVE_PAUSE_MS = 600


class ScreeningSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._filling = False

        self.days_spin = QSpinBox()
        self.days_spin.setRange(MIN_INTERVIEW_SCHOOL_DAYS, MAX_INTERVIEW_SCHOOL_DAYS)
        self.days_spin.setSuffix(self.tr(" 个上课日"))
        self.days_spin.setMinimumWidth(130)
        self.days_spin.setEnabled(False)  # until the school's value has been read
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

        self.message_bar = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.message_bar)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.save_days)
        self.days_spin.valueChanged.connect(self._changed)
        load_when_first_shown(self, self.load)

    def load(self) -> None:
        self._runner.run(interview_school_days, self._school, owner=self).on_success(
            self._show
        ).on_failure(self.message_bar.show_failure)

    def _show(self, days: int) -> None:
        self._filling = True
        self.days_spin.setValue(days)
        self._filling = False
        self.days_spin.setEnabled(True)

    def _changed(self, _: int) -> None:
        if not self._filling:
            self._timer.start()

    def save_days(self) -> None:
        self._timer.stop()
        days = self.days_spin.value()
        self._runner.run(set_interview_school_days, self._school, days, owner=self).on_success(
            self._saved
        ).on_failure(self.message_bar.show_failure)

    def _saved(self, days: int) -> None:
        self.message_bar.show_info(
            self.tr("已保存：测评提示需约谈的学生在 %n 个上课日内约谈。", "", days)
        )
