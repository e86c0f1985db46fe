"""预约: book the room for a student (found by name, pinyin initials or number) or a parent.

Date, time and duration (50 minutes unless changed) come from where the counsellor clicked in the
calendar. Whether the booking fits (open hours, holidays, closure days, other appointments) is the
core's rule (:func:`counselor_app.room.rules.check_appointment`, applied by the record service): the
reasons show under the fields as they are typed, and a refused save writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from counselor_app.foundation.vocab import APPOINTMENT_STATE, BOOKING_CHANNEL
from counselor_app.room.rules import DEFAULT_MINUTES, Booking
from counselor_app.school.core import School
from counselor_app.ui.records.pickers import StudentPicker
from counselor_app.ui.room.record_dialog import RecordDialog
from counselor_app.ui.tasks import TaskRunner


def student_label(name: str, student_no: str) -> str:
    """As the student picker names a student: 姓名（学号）."""
    return f"{name}（{student_no}）" if student_no else name


class BookingDialog(RecordDialog):
    quiet_fields = frozenset({"student_id", "parent_name"})

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        *,
        date: dt.date,
        start: str,
        booking: Booking | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            school, runner, "appointment", booking.id if booking else None, parent=parent
        )
        self.set_heading(self.tr("修改预约") if booking else self.tr("预约辅导室"))
        self.setMinimumWidth(440)
        self.save_button.setText(self.tr("保存") if booking else self.tr("预约"))

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 600)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.minutes.setValue(DEFAULT_MINUTES)
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.date_edit)
        when_row.addWidget(self.time_edit)
        when_row.addStretch(1)

        self.student_id: int | None = booking.student_id if booking else None
        self.student = StudentPicker(school, runner)
        self.student.picked.connect(self._picked)
        self.student.edited.connect(self._student_edited)
        self.student.line.returnPressed.connect(self.student.take_first)
        self.student.line.setClearButtonEnabled(True)
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText(self.tr("家长本人预约，或代孩子预约时填写"))
        self.channel = QComboBox()
        for code in BOOKING_CHANNEL.codes:
            self.channel.addItem(BOOKING_CHANNEL.label(code), code)
        self.state = QComboBox()
        for code in APPOINTMENT_STATE.codes:
            self.state.addItem(APPOINTMENT_STATE.label(code), code)

        self.add_row("date", self.tr("日期"), self.date_edit)
        self.add_row("start_time", self.tr("开始时间"), self.time_edit)
        self.add_row("minutes", self.tr("时长"), self.minutes)
        self.add_row("student_id", self.tr("学生"), self.student, wide=True)
        self.add_row("parent_name", self.tr("家长姓名"), self.parent_name, wide=True)
        self.add_row("channel", self.tr("渠道"), self.channel)
        self.add_row("state", self.tr("状态"), self.state)
        note = QLabel(self.tr("学生和家长至少填写一项。"))
        note.setObjectName("pageSubtitle")
        self.form.addRow("", note)

        self.date_edit.setDate(QDate(date.year, date.month, date.day))
        self.time_edit.setTime(QTime.fromString(start, "HH:mm"))
        if booking is not None:
            self.minutes.setValue(booking.minutes)
            if booking.student_id is not None:
                self.student.line.setText(student_label(booking.student_name, booking.student_no))
            self.parent_name.setText(booking.parent_name)
            self.channel.setCurrentIndex(max(0, self.channel.findData(booking.channel)))
            self.state.setCurrentIndex(max(0, self.state.findData(booking.state)))

        for signal in (
            self.date_edit.dateChanged,
            self.time_edit.timeChanged,
            self.minutes.valueChanged,
            self.state.currentIndexChanged,
        ):
            signal.connect(self.field_changed)
        self.parent_name.textEdited.connect(lambda text: self.touch("parent_name", "student_id"))
        self.student.setFocus()
        self.run_check()  # a clash shows at once, before anything is typed

    def _picked(self, student_id: int, label: str) -> None:
        self.student_id = student_id
        self.student.line.setText(label)
        self.touch("student_id")

    def _student_edited(self) -> None:
        if self.student_id is not None:  # typing again lets go of the student picked before
            self.student_id = None
            self.touch("student_id")

    def values(self) -> dict[str, Any]:
        return {
            "date": self.date_edit.date().toString(Qt.DateFormat.ISODate),
            "start_time": self.time_edit.time().toString("HH:mm"),
            "minutes": self.minutes.value(),
            "student_id": self.student_id,
            "parent_name": self.parent_name.text().strip() or None,
            "channel": self.channel.currentData(),
            "state": self.state.currentData(),
        }
