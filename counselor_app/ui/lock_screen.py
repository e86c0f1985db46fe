"""The lock screen and the questions asked around unlocking.

:class:`LockScreen` covers the main window while locked (the school's name, the account, a
password field, 切换用户). The functions here ask whether to keep input that could not be put back
into its dialog, and show it as text to copy; :mod:`counselor_app.ui.lock` decides when.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.vocab import USER_ROLE
from counselor_app.ui.os_lock_events import SCREEN_LOCKED, SLEEP
from counselor_app.ui.questions import ALLOWED_WHILE_LOCKED
from counselor_app.ui.style import ACCENT, TEXT_MUTED

# Why the program locked (besides the OS's reasons, SLEEP and SCREEN_LOCKED).
IDLE = "idle"
SHORTCUT = "shortcut"
BUTTON = "button"

# (parent, title, text): shows input kept from a dialog that could not be reopened.
ShowKept = Callable[[QWidget, str, str], None]


class KeptInputDialog(QDialog):
    """Input from a dialog that could not be reopened, as text to copy before closing."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("保留的输入"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        note = QLabel(
            self.tr("“{title}”在锁定前输入的内容如下。请复制后重新填写，关闭本窗口后不再保留。")
            .format(title=title)
        )  # fmt: skip
        note.setWordWrap(True)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox()
        copy = buttons.addButton(self.tr("复制"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(520, 360)


def show_kept_in_dialog(parent: QWidget, title: str, text: str) -> None:
    dialog = KeptInputDialog(parent, title, text)
    dialog.show()


def describe_input(state: dict[str, Any]) -> str:
    """Kept input as readable lines (field: value); values that are not text as JSON."""
    lines = []
    for key, value in state.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}: {shown}")
    return "\n".join(lines)


class LockScreen(QFrame):
    """What covers the window while locked: the school, the account, a password field."""

    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setProperty(ALLOWED_WHILE_LOCKED, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QFrame#lockScreen { background: #eef3f3; }"
            " QFrame#lockCard { background: white; border: 1px solid #d9dfdf; border-radius: 8px; }"
            f" QLabel#lockProgram {{ color: {TEXT_MUTED}; }}"
            " QLabel#lockSchool { font-size: 22px; font-weight: 600; color: #1f2a2c; }"
            f" QLabel#lockState {{ color: {ACCENT}; font-size: 15px; }}"
            f" QLabel#lockReason {{ color: {TEXT_MUTED}; }}"
        )
        self._busy = False

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(440)
        self.program_label = QLabel(self.tr("心理辅导工作台"))
        self.program_label.setObjectName("lockProgram")
        self.school_label = QLabel()
        self.school_label.setObjectName("lockSchool")
        self.school_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("lockState")
        self.state_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("lockReason")
        self.reason_label.setWordWrap(True)
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setPlaceholderText(self.tr("密码"))
        self.password_field.setMinimumHeight(32)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.busy_label = QLabel(self.tr("正在解锁…"))
        self.busy_label.setObjectName("busyNote")
        self.busy_label.hide()
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换用户…"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(10)
        inner.addWidget(self.program_label)
        inner.addWidget(self.school_label)
        inner.addWidget(self.state_label)
        inner.addSpacing(8)
        inner.addWidget(self.password_field)
        inner.addWidget(self.error_label)
        inner.addWidget(self.busy_label)
        inner.addSpacing(4)
        inner.addLayout(buttons)
        inner.addSpacing(6)
        inner.addWidget(self.reason_label)

        outer = QVBoxLayout(self)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

        self.password_field.returnPressed.connect(self._submit)
        self.password_field.textChanged.connect(self._update_button)
        self.unlock_button.clicked.connect(self._submit)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self._update_button()

    def show_locked(self, school_name: str, user: str, role: str, reason: str) -> None:
        self.school_label.setText(school_name or self.tr("（学校）"))
        self.school_label.setVisible(bool(school_name))
        self.state_label.setText(
            self.tr("已锁定 · {user}（{role}）").format(user=user, role=USER_ROLE.label(role))
        )
        self.reason_label.setText(self._reason_text(reason))
        self.error_label.hide()
        self.password_field.clear()
        self.set_busy(False)

    def _reason_text(self, reason: str) -> str:
        if reason == IDLE:
            return self.tr("一段时间无人操作，已自动锁定，以保护学生隐私。")
        if reason in (SLEEP, SCREEN_LOCKED):
            return self.tr("电脑锁屏或休眠时已自动锁定。")
        return self.tr("已锁定。输入密码后回到锁定前的页面，未保存的输入会保留。")

    def fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(bool(self.password_field.text()) and not self._busy)

    def _submit(self) -> None:
        if self._busy or not self.password_field.text():
            return
        self.error_label.hide()
        self.unlock_requested.emit(self.password_field.text())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.password_field.setEnabled(not busy)
        self.switch_button.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self._update_button()
        if not busy:
            self.password_field.setFocus()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error_label.setText(text)
        self.error_label.show()
        self.password_field.clear()
        self.password_field.setFocus()
