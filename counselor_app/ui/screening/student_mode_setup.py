"""Starting student mode: the counsellor picks the student, the scale and the day; consent is checked.

Without a guardian's consent on file the counsellor is told so and goes on only with an
exception's reason (:mod:`counselor_app.ui.screening.consent_prompt`). A scale with no Chinese
wording is shown to the student in English: the counsellor is told before starting, here and
again in a question, since a validated instrument is never translated on the fly.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.school.core import School
from counselor_app.screening.consent import without_screening_consent
from counselor_app.screening.scales import Scale
from counselor_app.ui.questions import ask
from counselor_app.ui.records.editors import DateEdit
from counselor_app.ui.records.pickers import StudentPicker
from counselor_app.ui.screening.consent_prompt import ConsentPrompt, ask_consent_exception
from counselor_app.ui.screening.scale_choice import LoadScales, ScaleCombo
from counselor_app.ui.screening.student_mode import PasswordCheck, Sitting, StudentModeWindow
from counselor_app.ui.tasks import TaskRunner


class StudentModeSetup(QDialog):
    # The student-mode window, shown full screen.
    started = Signal(object)

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        main_window: QWidget | None,
        parent: QWidget | None = None,
        *,
        prompt: ConsentPrompt = ask_consent_exception,
        load_scales: LoadScales | None = None,
        check_password: PasswordCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._main = main_window
        self._prompt = prompt
        self._check_password = check_password
        self._student: tuple[int, str, str] | None = None  # id, name, 姓名（学号）
        self.student_window: StudentModeWindow | None = None
        self.setWindowTitle(self.tr("学生作答模式"))

        intro = QLabel(
            self.tr(
                "学生将在本机全屏作答一份量表，看不到分数，也无法打开程序的其他部分。"
                "作答结束或中途退出都需要老师的密码。"
            )
        )
        intro.setWordWrap(True)
        self.picker = StudentPicker(school, runner)
        self.picker.picked.connect(self._picked)
        self.picker.edited.connect(self._edited)
        self.scales = ScaleCombo(runner, school.paths, load=load_scales)
        self.scales.currentIndexChanged.connect(self._scale_changed)
        self.scales.loaded.connect(self._scale_changed)
        self.scales.failed.connect(self._show_problem)
        today = school.today()
        self.date = DateEdit(False, QDate(today.year, today.month, today.day))
        self.language_note = QLabel()
        self.language_note.setObjectName("fieldError")
        self.language_note.setWordWrap(True)
        self.language_note.hide()
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("学生"), self.picker)
        form.addRow(self.tr("量表"), self.scales)
        form.addRow(self.tr("日期"), self.date)
        buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("开始学生作答模式"))
        self.start_button.setDefault(True)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.language_note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _picked(self, student_id: int, label: str) -> None:
        name = next((hit.name for hit in self.picker.hits if hit.id == student_id), label)
        self._student = (student_id, name, label)
        self.picker.line.setText(label)
        self.problem.hide()

    def _edited(self) -> None:
        self._student = None

    def _scale_changed(self) -> None:
        scale = self.scales.scale
        english = scale is not None and not scale.has_chinese_wording
        self.language_note.setText(
            self.tr("注意：{scale} 没有中文版本，学生将看到英文题目。").format(
                scale=scale.name if scale else ""
            )
        )
        self.language_note.setVisible(english)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def start(self) -> None:
        scale = self.scales.scale
        if self._student is None:
            self._show_problem(self.tr("请先选择学生（输入姓名或学号后从下拉列表中选择）。"))
            return
        if scale is None:
            self._show_problem(self.tr("请选择量表。"))
            return
        student_id = self._student[0]
        chosen = self.date.date()
        on = dt.date(chosen.year(), chosen.month(), chosen.day())
        db = self._school.db
        self.start_button.setEnabled(False)
        self._runner.run(without_screening_consent, db, [student_id], on, owner=self).on_success(
            lambda missing: self._consent_known(scale, on, missing)
        ).on_failure(self._failed)

    def _failed(self, error: BaseException) -> None:
        self.start_button.setEnabled(True)
        self._show_problem(str(error))

    def _consent_known(self, scale: Scale, on: dt.date, missing: set[int]) -> None:
        self.start_button.setEnabled(True)
        assert self._student is not None
        student_id, name, label = self._student
        exception = None
        if missing:
            decision = self._prompt(self, [label], False)
            if decision is None or not decision.reason:
                return
            exception = decision.reason
        if not scale.has_chinese_wording and not ask(
            self,
            self.tr("没有中文版本"),
            self.tr(
                "{scale} 的量表文件没有中文题目，学生将看到英文原文。请确认该学生能读懂英文后再开始。"
            ).format(scale=scale.name),
            yes=self.tr("用英文开始"),
            no=self.tr("返回"),
        ):
            return
        sitting = Sitting(student_id, name, scale.id, on, exception)
        window = StudentModeWindow(
            self._school,
            self._runner,
            scale,
            sitting,
            self._main,
            check_password=self._check_password,
        )
        self.student_window = window
        self.accept()
        window.begin()
        self.started.emit(window)
