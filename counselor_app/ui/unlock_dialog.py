"""The unlock screen: choose an account, type the password, get an unlocked :class:`School`.

The password check (Argon2id, a fraction of a second) runs on the worker so the window keeps
painting. A wrong password keeps the dialog open with the core's own message under the field; the
core decides what is wrong (wrong password, wait after repeated failures, damaged key file).

The same dialog serves the lock screen's 切换用户 (another account unlocks the locked program):
``initial_user`` preselects an account and ``leave_text`` names the way back (取消, not 退出).
:func:`unlock_failure_text` is shared with the lock screen so both say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, unlock
from counselor_app.ui.tasks import TaskRunner

UnlockFunction = Callable[[SchoolPaths, str, str], School]


def unlock_failure_text(error: BaseException) -> str:
    """What to say under the password field when unlocking failed."""
    if isinstance(error, CounselorError):
        return str(error)
    return QCoreApplication.translate("UnlockDialog", "解锁时出现意外错误：{detail}").format(
        detail=error
    )


class UnlockDialog(QDialog):
    def __init__(
        self,
        paths: SchoolPaths,
        user_names: list[str],
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        unlock_school: UnlockFunction = unlock,
        initial_user: str | None = None,
        leave_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._runner = runner
        self._unlock = unlock_school
        self.school: School | None = None
        self._busy = False

        self.setWindowTitle(self.tr("解锁 — 心理辅导工作台"))
        # A fixed width lets the error text wrap and the dialog grow downwards to show all of it.
        self.setFixedWidth(460)

        heading = QLabel(self.tr("请选择账户并输入密码"))
        heading.setObjectName("dialogHeading")
        self.user_box = QComboBox()
        self.user_box.addItems(user_names)
        if initial_user in user_names:
            self.user_box.setCurrentText(initial_user)
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.busy_label = QLabel(self.tr("正在解锁…"))
        self.busy_label.setObjectName("busyNote")
        self.busy_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.unlock_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText(self.tr("解锁"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(leave_text or self.tr("退出"))
        for button in (self.unlock_button, cancel):
            button.setIcon(QIcon())  # a red cross next to 退出 alarms more than it helps
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.password_field.textChanged.connect(self._update_button)

        form = QFormLayout()
        form.addRow(self.tr("账户"), self.user_box)
        form.addRow(self.tr("密码"), self.password_field)
        form.addRow("", self.error_label)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.buttons)
        self._update_button()
        self.password_field.setFocus()

    def _update_button(self) -> None:
        self.unlock_button.setEnabled(
            bool(self.password_field.text()) and self.user_box.count() > 0
        )

    def reject(self) -> None:
        if self._busy:
            return  # an unlock is under way; its answer must find the dialog still here
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.user_box, self.password_field, self.buttons):
            widget.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        if not busy:
            self._update_button()

    def try_unlock(self) -> None:
        user, password = self.user_box.currentText(), self.password_field.text()
        if not user or not password:
            return
        self.error_label.hide()
        self._set_busy(True)
        paths, unlock_school = self._paths, self._unlock
        self._runner.run(unlock_school, paths, user, password, owner=self).on_success(
            self._unlocked
        ).on_failure(self._failed)

    def _unlocked(self, school: School) -> None:
        self.school = school
        self._set_busy(False)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setText(unlock_failure_text(error))
        self.error_label.show()
        self._layout.activate()  # let the wrapped text claim its height before resizing
        self.adjustSize()
        self.password_field.clear()
        self.password_field.setFocus()
