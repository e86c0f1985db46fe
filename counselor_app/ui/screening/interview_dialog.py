"""The interview (约谈) that closes a screening worklist entry: day, who, outcome, note.

The dialog holds no rule: :func:`counselor_app.screening.interviews.record_interview` checks and
saves on the database worker, and a refusal is shown here with nothing written. The runner tells
every page what changed. With the outcome 建立一生一策 the crisis-plan form opens next, for the
counsellor to set the student's level: the interview itself sets none.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.records.session_defaults import counsellors, default_counsellor_id
from counselor_app.school.core import School
from counselor_app.screening.interviews import Interview, RecordedInterview, record_interview
from counselor_app.screening.worklist import WorklistEntry
from counselor_app.ui.records.editors import DateEdit
from counselor_app.ui.tasks import TaskRunner

RETEST_AFTER_DAYS = 28


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class InterviewDialog(QDialog):
    saved = Signal(object)  # the RecordedInterview

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        entry: WorklistEntry,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.entry = entry
        self.recorded: RecordedInterview | None = None
        self.setWindowTitle(self.tr("记录约谈"))
        today = school.today()

        heading = QLabel(
            self.tr("{name}（学号 {number}，{class_name}）").format(
                name=entry.student_name, number=entry.student_no, class_name=entry.class_name
            )
        )
        heading.setObjectName("dialogHeading")
        critical = (
            self.tr("，关键题 第 {items} 题已作答").format(
                items="、".join(str(n) for n in entry.critical_items)
            )
            if entry.critical
            else ""
        )
        summary = QLabel(
            self.tr(
                "{date} {scale}：总分 {score}，{band}{critical}。应约谈日期 {due}（{status}）。"
            ).format(
                date=entry.on.isoformat(),
                scale=entry.scale_name,
                score=entry.score_text,
                band=entry.band_label.render(),
                critical=critical,
                due=entry.due_on.isoformat(),
                status=entry.status_label.render(),
            )
        )
        summary.setWordWrap(True)

        self.date_edit = DateEdit(False, _qdate(today))
        self.date_edit.setDateRange(_qdate(entry.on), _qdate(today))
        self.staff_box = QComboBox()
        self.staff_box.addItem(self.tr("（未填写）"), None)
        self.outcome_group = QButtonGroup(self)
        outcomes = QHBoxLayout()
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for code, label in (
            ("excluded", self.tr("排除")),
            ("watch", self.tr("继续关注")),
            ("retest", self.tr("复测")),
            ("crisis_plan", self.tr("建立一生一策")),
        ):
            button = QRadioButton(label)
            self.outcome_buttons[code] = button
            self.outcome_group.addButton(button)
            outcomes.addWidget(button)
        outcomes.addStretch(1)
        self.retest_edit = DateEdit(False, _qdate(today + dt.timedelta(days=RETEST_AFTER_DAYS)))
        self.retest_edit.setEnabled(False)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("约谈情况（保密，仅心理教师可见）"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(110)
        hint = QLabel(
            self.tr(
                "测评结果不会自动设定风险等级；如需分级，请在约谈后另行评定（或在一生一策中设定）。"
            )
        )
        hint.setObjectName("placeholderNote")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("约谈日期"), self.date_edit)
        form.addRow(self.tr("约谈教师"), self.staff_box)
        form.addRow(self.tr("约谈结果"), outcomes)
        form.addRow(self.tr("复测日期"), self.retest_edit)
        form.addRow(self.tr("情况记录"), self.note_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

        self.outcome_group.buttonToggled.connect(lambda *_: self._outcome_changed())
        self._runner.run(self._staff_choices, owner=self).on_success(self._show_staff)

    def _staff_choices(self) -> tuple[list[tuple[int, str]], int | None]:
        choices = counsellors(self._school.db, self._school.user.staff_id)
        chosen = default_counsellor_id(self._school, choices)
        return [(c.id, c.name) for c in choices], chosen

    def _show_staff(self, loaded: tuple[list[tuple[int, str]], int | None]) -> None:
        choices, chosen = loaded
        for staff_id, name in choices:
            self.staff_box.addItem(name, staff_id)
        if chosen is not None:
            self.staff_box.setCurrentIndex(max(0, self.staff_box.findData(chosen)))

    def outcome(self) -> str | None:
        for code, button in self.outcome_buttons.items():
            if button.isChecked():
                return code
        return None

    def _outcome_changed(self) -> None:
        self.retest_edit.setEnabled(self.outcome() == "retest")
        self.save_button.setEnabled(self.outcome() is not None)

    def interview(self) -> Interview:
        outcome = self.outcome()
        assert outcome is not None
        staff = self.staff_box.currentData()
        return Interview(
            screening_id=self.entry.screening_id,
            on=_date(self.date_edit.date()),
            outcome=outcome,  # type: ignore[arg-type]  # one of OUTCOMES' keys
            staff_id=int(staff) if staff is not None else None,
            retest_on=_date(self.retest_edit.date()) if outcome == "retest" else None,
            note=self.note_edit.toPlainText(),
        )

    def save(self) -> None:
        if self.outcome() is None:
            return
        self.save_button.setEnabled(False)
        self.message.hide()
        self._runner.run(record_interview, self._school, self.interview(), owner=self).on_success(
            self._saved
        ).on_failure(self._failed)

    def _saved(self, recorded: RecordedInterview) -> None:
        self.recorded = recorded
        self.saved.emit(recorded)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        text = error.message.render() if isinstance(error, CounselorError) else str(error)
        self.message.setText(text)
        self.message.show()


def open_interview(
    parent: QWidget, school: School, runner: TaskRunner, entry: WorklistEntry
) -> InterviewDialog:
    """Open the dialog; after an interview that asks for 一生一策, the crisis-plan form."""
    from PySide6.QtCore import Qt

    dialog = InterviewDialog(school, runner, entry, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def saved(recorded: RecordedInterview) -> None:
        if recorded.interview.outcome == "crisis_plan":
            open_crisis_plan_form(parent, school, runner, entry.student_id)

    dialog.saved.connect(saved)
    dialog.open()
    return dialog


def open_crisis_plan_form(
    parent: QWidget, school: School, runner: TaskRunner, student_id: int
) -> QDialog:
    """The form of a new crisis plan for the student; the counsellor sets its level."""
    from PySide6.QtCore import Qt

    from counselor_app.ui.records.form import RecordFormDialog

    form = RecordFormDialog(
        school, runner, "crisis_plan", None, initial={"student_id": student_id}, parent=parent
    )
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    form.open()
    return form
