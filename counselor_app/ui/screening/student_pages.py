"""What the student sees in student mode, page by page: the start, one item, the thank-you, and the
counsellor's password to leave. Widgets only: :mod:`counselor_app.ui.screening.student_mode`
decides which page shows and what the answers are.

Nothing here ever shows a score, a band or a result: the student sees the questions, the answer
words, how far they are, and a thank-you.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.screening.scales import Item
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT, TEXT_MUTED

STYLE = f"""
QWidget#studentMode {{ background: #f7f9f9; }}
QLabel#studentHeading {{ font-size: 30px; font-weight: 600; color: #1f2a2c; }}
QLabel#studentText {{ font-size: 20px; color: #2b3335; }}
QLabel#studentItem {{ font-size: 28px; font-weight: 600; color: #1f2a2c; }}
QLabel#studentMuted {{ font-size: 16px; color: {TEXT_MUTED}; }}
QLabel#studentError {{ font-size: 16px; color: #b3261e; }}
QPushButton#answerButton {{
    font-size: 22px; text-align: left; padding: 14px 22px; min-height: 40px;
    border: 2px solid #c9d3d3; border-radius: 10px; background: white; color: #1f2a2c;
}}
QPushButton#answerButton:checked {{
    border-color: {ACCENT}; background: {ACCENT_LIGHT}; font-weight: 600;
}}
QPushButton#stepButton, QPushButton#bigButton {{
    font-size: 20px; padding: 10px 28px; min-height: 36px; border-radius: 8px;
}}
QPushButton#stepButton {{ border: 2px solid #c9d3d3; background: white; color: #1f2a2c; }}
QPushButton#stepButton:disabled {{ color: #a9b3b3; border-color: #e1e6e6; }}
QPushButton#bigButton {{ background: {ACCENT}; color: white; border: none; }}
QPushButton#bigButton:disabled {{ background: #9bb5b7; }}
QPushButton#teacherButton {{ font-size: 14px; color: {TEXT_MUTED}; border: none; padding: 6px; }}
QLineEdit#leavePassword, QComboBox#leaveAccount {{ font-size: 18px; min-height: 34px; }}
"""


def _label(text: str, name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a scale file's text is shown as written
    return label


class StartPage(QWidget):
    """Who is answering, the scale's instructions, and 开始作答 (继续作答 after a lock)."""

    started = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting = _label("", "studentHeading")
        self.instructions = _label("", "studentText")
        self.note = _label(
            self.tr("每道题请选一个最符合你情况的答案，答案没有对错之分。可以点“上一题”回去修改。"),
            "studentMuted",
        )
        self.start_button = QPushButton(self.tr("开始作答"))
        self.start_button.setObjectName("bigButton")
        self.start_button.clicked.connect(self.started)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.greeting)
        layout.addSpacing(16)
        layout.addWidget(self.instructions)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addSpacing(28)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)

    def show_sitting(self, name: str, instructions: str, resuming: bool) -> None:
        self.greeting.setText(self.tr("{name}同学，你好").format(name=name))
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))
        self.start_button.setText(self.tr("继续作答") if resuming else self.tr("开始作答"))


class ItemPage(QWidget):
    """One item: its words, its answers as large buttons, 上一题 and 下一题 (完成 on the last)."""

    answered = Signal(int)  # the chosen answer's value
    back = Signal()
    forward = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # for the digit and arrow keys
        self.position = _label("", "studentMuted")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.instructions = _label("", "studentMuted")
        self.item_text = _label("", "studentItem")
        self.answers = QVBoxLayout()
        self.answers.setSpacing(12)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._clicked)
        self.buttons: list[QPushButton] = []
        self.back_button = QPushButton(self.tr("上一题"))
        self.back_button.setObjectName("stepButton")
        self.next_button = QPushButton(self.tr("下一题"))
        self.next_button.setObjectName("bigButton")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.forward)
        self.hint = _label(self.tr("请先选一个答案。"), "studentMuted")
        self.hint.hide()
        steps = QHBoxLayout()
        steps.addWidget(self.back_button)
        steps.addStretch(1)
        steps.addWidget(self.hint)
        steps.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.position)
        layout.addWidget(self.progress)
        layout.addSpacing(18)
        layout.addWidget(self.instructions)
        layout.addSpacing(6)
        layout.addWidget(self.item_text)
        layout.addSpacing(24)
        layout.addLayout(self.answers)
        layout.addStretch(1)
        layout.addLayout(steps)
        self._values: list[int] = []

    def show_item(
        self,
        item: Item,
        *,
        index: int,
        count: int,
        instructions: str,
        english: bool,
        answer: int | None,
    ) -> None:
        self.position.setText(self.tr("第 {n} 题，共 {count} 题").format(n=index + 1, count=count))
        self.progress.setRange(0, count)
        self.progress.setValue(index + 1)
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))
        self.item_text.setText(item.en if english else item.zh)
        for button in self.buttons:
            # Out of the layout now: deleteLater alone would leave it shown until the event loop
            # deletes it.
            self.group.removeButton(button)
            self.answers.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = []
        self._values = list(item.values)
        for number, option in enumerate(item.options, start=1):
            words = (option.en or option.zh) if english else option.zh
            button = QPushButton(f"{number}    {words}")
            button.setObjectName("answerButton")
            button.setCheckable(True)
            button.setChecked(answer == option.value)
            self.group.addButton(button, number - 1)
            self.answers.addWidget(button)
            self.buttons.append(button)
        self.back_button.setEnabled(index > 0)
        last = index == count - 1
        self.next_button.setText(self.tr("完成") if last else self.tr("下一题"))
        self.hint.hide()

    def show_needs_answer(self) -> None:
        self.hint.show()

    def _clicked(self, position: int) -> None:
        self.hint.hide()
        self.answered.emit(self._values[position])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits choose an answer by its number on screen; ← and → step back and on."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            self.buttons[int(text) - 1].click()
        elif event.key() == Qt.Key.Key_Left and self.back_button.isEnabled():
            self.back.emit()
        elif event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.forward.emit()
        else:
            super().keyPressEvent(event)


class ThanksPage(QWidget):
    """The end, for the student: thanks, and no result of any kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = _label(self.tr("作答完成，谢谢你！"), "studentHeading")
        text = _label(self.tr("请告诉老师你已经完成了。"), "studentText")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class LeavePage(QWidget):
    """The counsellor's account and password, to leave student mode; 返回作答 goes back."""

    leave = Signal(str, str)  # account, password
    resume = Signal()
    retry_save = Signal()
    give_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _label(self.tr("老师确认"), "studentHeading")
        self.explanation = _label("", "studentText")
        self.account = QComboBox()
        self.account.setObjectName("leaveAccount")
        self.account.setMinimumWidth(260)
        self.password = QLineEdit()
        self.password.setObjectName("leavePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("老师的密码"))
        self.password.setMaximumWidth(420)
        self.error = _label("", "studentError")
        self.error.hide()
        self.busy = _label(self.tr("正在核对…"), "studentMuted")
        self.busy.hide()
        self.resume_button = QPushButton(self.tr("返回作答"))
        self.resume_button.setObjectName("stepButton")
        self.leave_button = QPushButton(self.tr("退出学生作答模式"))
        self.leave_button.setObjectName("bigButton")
        self.retry_button = QPushButton(self.tr("重新保存"))
        self.retry_button.setObjectName("bigButton")
        self.give_up_button = QPushButton(self.tr("不保存，退出"))
        self.give_up_button.setObjectName("stepButton")
        for button in (self.retry_button, self.give_up_button):
            button.hide()
        self.resume_button.clicked.connect(self.resume)
        self.leave_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.retry_button.clicked.connect(self.retry_save)
        self.give_up_button.clicked.connect(self.give_up)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.give_up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.leave_button)
        form = QVBoxLayout()
        form.addWidget(_label(self.tr("账户"), "studentMuted"))
        form.addWidget(self.account, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(_label(self.tr("密码"), "studentMuted"))
        form.addWidget(self.password)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addWidget(self.explanation)
        layout.addSpacing(16)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def set_accounts(self, names: list[str], current: str) -> None:
        chosen = self.account.currentText() or current
        self.account.clear()
        self.account.addItems(names)
        if chosen in names:
            self.account.setCurrentText(chosen)

    def ask(self, *, finished: bool) -> None:
        self.explanation.setText(
            self.tr("作答已完成。请老师输入密码，回到工作台。")
            if finished
            else self.tr("退出学生作答模式需要老师的密码。未完成的作答不会保存。")
        )
        self.resume_button.setVisible(not finished)
        self.leave_button.show()
        self.retry_button.hide()
        self.give_up_button.hide()
        self.account.setEnabled(True)
        self.password.setEnabled(True)
        self.password.clear()
        self.error.hide()
        self.busy.hide()
        self.password.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setText(text or self.tr("正在核对…"))
        self.busy.setVisible(busy)
        self.leave_button.setEnabled(not busy)
        self.resume_button.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if busy:
            self.error.hide()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def show_save_failed(self, text: str) -> None:
        """The counsellor is confirmed; the answers could not be saved: try again, or leave."""
        self.set_busy(False)
        self.explanation.setText(self.tr("作答没有保存成功。可以重新保存，或不保存退出。"))
        self.error.setText(text)
        self.error.show()
        self.account.setEnabled(False)
        self.password.setEnabled(False)
        self.resume_button.hide()
        self.leave_button.hide()
        self.retry_button.show()
        self.give_up_button.show()

    def _submit(self) -> None:
        if self.leave_button.isVisible() and self.leave_button.isEnabled():
            self.leave.emit(self.account.currentText(), self.password.text())
