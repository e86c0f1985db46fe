"""设置 › 账户 › 恢复密钥: check the printed recovery key, or print a new one.

A school upgraded from a version without sealed notes has a recovery key that cannot open them
yet (see ``counselor_app.school.sealing``); confirming the printed key, or making a new one, settles that.
A new key is shown once, in large type, with a button to print it, as at setup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.school.core import School
from counselor_app.school.sealing import confirm_recovery_key, replace_recovery_key
from counselor_app.ui.first_run import (
    ChoosePrinter,
    choose_printer_with_dialog,
    key_in_two_lines,
    print_recovery_key,
    recovery_key_font,
)
from counselor_app.ui.questions import ask
from counselor_app.ui.tasks import TaskRunner


class RecoveryKeyDialog(QDialog):
    """Emits ``accepted`` (through 关闭) whether or not anything changed; ``changed`` says."""

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        choose_printer: ChoosePrinter = choose_printer_with_dialog,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._choose_printer = choose_printer
        self.changed = False
        self.new_key = ""
        self.setWindowTitle(self.tr("恢复密钥"))
        self.setMinimumWidth(520)

        confirm_group = QGroupBox(self.tr("核对打印的恢复密钥"))
        self.key_field = QLineEdit()
        self.key_field.setPlaceholderText(self.tr("8 组，每组 4 个字母或数字"))
        self.key_field.setFont(recovery_key_font(12))
        self.confirm_button = QPushButton(self.tr("核对"))
        row = QHBoxLayout()
        row.addWidget(self.key_field, 1)
        row.addWidget(self.confirm_button)
        confirm_note = QLabel(
            self.tr("核对无误后，这份恢复密钥也能打开辅导记录等保密内容。")
        )  # fmt: skip
        confirm_note.setWordWrap(True)
        confirm_layout = QVBoxLayout(confirm_group)
        confirm_layout.addLayout(row)
        confirm_layout.addWidget(confirm_note)

        new_group = QGroupBox(self.tr("生成新的恢复密钥"))
        new_note = QLabel(
            self.tr("找不到打印的恢复密钥时使用。新密钥生成后，旧的立即失效；新密钥只显示这一次。")
        )  # fmt: skip
        new_note.setWordWrap(True)
        self.new_button = QPushButton(self.tr("生成新的恢复密钥…"))
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(recovery_key_font(18))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet(
            "QLabel#recoveryKey { background: white; border: 1px solid #d9dfdf;"
            " border-radius: 6px; padding: 12px; color: #1f2a2c; }"
        )
        # Two lines of the key and the padding: the label must never cut the key.
        line = QFontMetrics(self.key_label.font()).lineSpacing()
        self.key_label.setMinimumHeight(2 * line + 32)
        self.key_label.hide()
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.hide()
        new_layout = QVBoxLayout(new_group)
        new_layout.addWidget(new_note)
        new_layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        new_layout.addWidget(self.key_label)
        new_layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(confirm_group)
        layout.addWidget(new_group)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.confirm_button.clicked.connect(self.confirm)
        self.key_field.returnPressed.connect(self.confirm)
        self.new_button.clicked.connect(self.make_new_key)
        self.print_button.clicked.connect(self.print_key)

    # -- confirming -------------------------------------------------------------------------------
    def confirm(self) -> None:
        typed = self.key_field.text()
        if not typed.strip():
            return
        self._busy(True)
        self._runner.run(confirm_recovery_key, self._school, typed, owner=self).on_success(
            self._confirmed
        ).on_failure(self._failed)

    def _confirmed(self, _: object) -> None:
        self._busy(False)
        self.changed = True
        self.key_field.clear()
        self._say(self.tr("恢复密钥正确，现在它也能打开保密内容。"), error=False)

    # -- a new key --------------------------------------------------------------------------------
    def make_new_key(self) -> None:
        question = self.tr("生成新的恢复密钥？旧的恢复密钥将立即失效，请随后打印或抄写新密钥。")
        if not ask(self, self.tr("生成新的恢复密钥"), question):
            return
        self._busy(True)
        self._runner.run(replace_recovery_key, self._school, owner=self).on_success(
            self._made
        ).on_failure(self._failed)

    def _made(self, key: object) -> None:
        self._busy(False)
        self.changed = True
        self.new_key = str(key)
        self.key_label.setText(key_in_two_lines(self.new_key))
        self.key_label.show()
        self.print_button.show()
        # Once the layouts have taken in the key's height (next turn of the event loop), the
        # dialog grows to hold it: the key must never be cut or covered.
        QTimer.singleShot(0, self.adjustSize)
        self.new_button.setEnabled(False)
        self._say(self.tr("新的恢复密钥只显示这一次：请现在打印或抄写，并锁好保管。"), error=False)

    def print_key(self) -> None:
        printer = self._choose_printer(self)
        if printer is None:
            return
        print_recovery_key(
            printer,
            school_name=self._school.name,
            user_name=self._school.user.name,
            recovery_key=self.new_key,
            today=self._school.today(),
        )
        self._say(self.tr("已发送到打印机。请确认打印件清楚完整。"), error=False)

    # -- shared -----------------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, CounselorError):
            self._say(str(error), error=True)
        else:
            raise error  # the program's own handler shows it and writes the log

    def _busy(self, busy: bool) -> None:
        for button in (self.confirm_button, self.new_button):
            button.setEnabled(not busy and not (button is self.new_button and self.new_key))

    def _say(self, text: str, *, error: bool) -> None:
        self.status_label.setObjectName("fieldError" if error else "")
        self.status_label.setStyleSheet("")  # re-polish for the object name
        self.status_label.setText(text)
        self.status_label.show()
