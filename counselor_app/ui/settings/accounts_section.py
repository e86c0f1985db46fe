"""设置 › 账户: who may unlock the school, adding and removing accounts, changing one's password.

Everything is ``counselor_app.school.accounts`` (which checks the password's strength, refuses a duplicate
name or removing the last counsellor, and rewrites the key file). A password is typed twice here so
a typing mistake does not lock someone out; that is all the dialogs check themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.i18n import Message
from counselor_app.foundation.vocab import USER_ROLE
from counselor_app.school.accounts import (
    Account,
    add_account,
    change_password,
    list_accounts,
    remove_account,
)
from counselor_app.school.core import ADMIN, COUNSELLOR, School
from counselor_app.school.sealing import confidential_key_notices
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.questions import ask
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.recovery_key_dialog import RecoveryKeyDialog
from counselor_app.ui.settings.section_parts import (
    button_row,
    list_layout,
    load_when_first_shown,
    selected_row,
    size_columns,
)
from counselor_app.ui.tasks import TaskRunner


class AccountTableModel(RowTableModel[Account]):
    NAME, ROLE, CREATED = range(3)
    COLUMN_COUNT = 3

    def __init__(self, current_user: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._current_user = current_user

    def columns(self) -> tuple[Column[Account], ...]:
        return (
            Column(lambda: self.tr("账户"), self.name_text),
            Column(lambda: self.tr("角色"), lambda account: USER_ROLE.label(account.role)),
            Column(lambda: self.tr("建立日期"), lambda account: account.created_at[:10]),
        )

    def name_text(self, account: Account) -> str:
        if account.name == self._current_user:
            return self.tr("{name}（当前登录）").format(name=account.name)
        return account.name

    def names(self) -> list[str]:
        return [account.name for account in self._rows]


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _WorkDialog(QDialog):
    """A dialog whose OK runs one piece of work on the worker and shows the core's message."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setMinimumWidth(420)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def submit(self) -> None:  # pragma: no cover - each dialog says what it does
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def run(self, work: Callable[[], object]) -> None:
        self.show_error("")
        self.buttons.setEnabled(False)
        self._runner.run(work, owner=self).on_success(self._done).on_failure(self._failed)

    def _done(self, _: object) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.show_error(failure_text(error))


class AddAccountDialog(_WorkDialog):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._school = school
        self.setWindowTitle(self.tr("添加账户"))
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText(self.tr("例如 李老师"))
        self.role_box = QComboBox()
        for role in (COUNSELLOR, ADMIN):
            self.role_box.addItem(USER_ROLE.label(role), role)
        self.password_field = _password_field()
        self.again_field = _password_field()
        # A 管理员 does not hold the key to confidential notes that a counsellor account needs;
        # the recovery key opens it.
        self.recovery_field = QLineEdit()
        self.recovery_field.setPlaceholderText(self.tr("添加心理教师账户时需要"))
        self.recovery_label = QLabel(self.tr("恢复密钥"))
        role_note = QLabel(
            self.tr("管理员可以管理账户、备份和学校信息，看不到辅导记录、一生一策和测评详情。")
        )
        role_note.setObjectName("placeholderNote")
        role_note.setWordWrap(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        form = QFormLayout()
        form.addRow(self.tr("账户名"), self.name_field)
        form.addRow(self.tr("角色"), self.role_box)
        form.addRow(self.tr("密码"), self.password_field)
        form.addRow(self.tr("再输一次"), self.again_field)
        form.addRow(self.recovery_label, self.recovery_field)
        self.role_box.currentIndexChanged.connect(self._show_recovery_field)
        self._show_recovery_field()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(role_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def account_name(self) -> str:
        return self.name_field.text().strip()

    def _show_recovery_field(self) -> None:
        needed = (
            self.role_box.currentData() == COUNSELLOR and not self._school.may_read_confidential
        )
        self.recovery_label.setVisible(needed)
        self.recovery_field.setVisible(needed)

    def submit(self) -> None:
        if self.password_field.text() != self.again_field.text():
            self.show_error(self.tr("两次输入的密码不一致。"))
            return
        school, name = self._school, self.account_name()
        role, password = self.role_box.currentData(), self.password_field.text()
        recovery_key = self.recovery_field.text() if self.recovery_field.isVisible() else None
        self.run(
            lambda: add_account(school, name, role, password, recovery_key=recovery_key or None)
        )


class ChangePasswordDialog(_WorkDialog):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self._school = school
        self.setWindowTitle(self.tr("修改我的密码"))
        self.old_field = _password_field()
        self.new_field = _password_field()
        self.again_field = _password_field()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改密码"))
        note = QLabel(
            self.tr("只修改“{user}”的密码，其他账户不受影响。").format(user=school.user.name)
        )
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("原密码"), self.old_field)
        form.addRow(self.tr("新密码"), self.new_field)
        form.addRow(self.tr("再输一次"), self.again_field)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self.new_field.text() != self.again_field.text():
            self.show_error(self.tr("两次输入的新密码不一致。"))
            return
        school = self._school
        old, new = self.old_field.text(), self.new_field.text()
        self.run(
            lambda: change_password(school.paths, school.user.name, old, new, clock=school.clock)
        )


class AccountsSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.dialog: QDialog | None = None

        intro = QLabel(
            self.tr(
                "每个账户有自己的密码，都能解锁本校数据。心理教师可以查看全部记录；"
                "管理员看不到辅导记录、一生一策和测评详情。"
            )
        )
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)
        self.model = AccountTableModel(school.user.name, self)
        self.table = row_table_view(self.model)
        size_columns(
            self.table,
            {AccountTableModel.ROLE: 140, AccountTableModel.CREATED: 130},
            stretch=AccountTableModel.NAME,
        )

        self.add_button = QPushButton(self.tr("添加账户…"))
        self.remove_button = QPushButton(self.tr("删除账户"))
        self.password_button = QPushButton(self.tr("修改我的密码…"))
        self.recovery_button = QPushButton(self.tr("恢复密钥…"))
        # Only a counsellor holding the key to confidential notes can give it to a recovery key.
        self.recovery_button.setVisible(school.may_read_confidential)
        buttons = button_row(
            self.add_button,
            self.remove_button,
            right=[self.recovery_button, self.password_button],
        )
        self.message_bar = MessageBar()

        list_layout(self, intro, buttons, table=self.table, below=self.message_bar)

        self.add_button.clicked.connect(self.add_account)
        self.remove_button.clicked.connect(self.remove_account)
        self.password_button.clicked.connect(self.change_password)
        self.recovery_button.clicked.connect(self.manage_recovery_key)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        load_when_first_shown(self, self.load)

    def load(self) -> None:
        school = self._school
        self._runner.run(
            lambda: (list_accounts(school), confidential_key_notices(school)), owner=self
        ).on_success(self._show).on_failure(self.message_bar.show_failure)

    def _show(self, loaded: tuple[list[Account], list[Message]]) -> None:
        accounts, notices = loaded
        self.model.set_rows(accounts)
        self._update_buttons()
        if notices:
            action = self.manage_recovery_key if self.recovery_button.isVisible() else None
            self.message_bar.show_info(
                "\n".join(notice.render() for notice in notices),
                self.tr("恢复密钥…") if action else "",
                action,
            )

    def selected(self) -> Account | None:
        return selected_row(self.table, self.model)

    def _update_buttons(self) -> None:
        account = self.selected()
        # Removing the account one is signed in with would lock oneself out at the next start.
        own = account is not None and account.name == self._school.user.name
        self.remove_button.setEnabled(account is not None and not own)
        self.remove_button.setToolTip(self.tr("不能删除当前登录的账户。") if own else "")

    def add_account(self) -> None:
        dialog = AddAccountDialog(self._school, self._runner, self)
        dialog.accepted.connect(lambda: self._added(dialog.account_name()))
        self._open(dialog)

    def _added(self, name: str) -> None:
        self.message_bar.show_info(
            self.tr("已添加账户“{name}”。下次启动时可用它登录。").format(name=name)
        )
        self.load()

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self._school, self._runner, self)
        dialog.accepted.connect(
            lambda: self.message_bar.show_info(self.tr("密码已修改，下次登录请用新密码。"))
        )
        self._open(dialog)

    def manage_recovery_key(self) -> None:
        dialog = RecoveryKeyDialog(self._school, self._runner, self)
        dialog.accepted.connect(lambda: self._recovery_key_closed(dialog))
        self._open(dialog)

    def _recovery_key_closed(self, dialog: RecoveryKeyDialog) -> None:
        if dialog.changed:
            self.message_bar.show_info(self.tr("恢复密钥已更新。"))
            self.load()

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def remove_account(self) -> None:
        account = self.selected()
        if account is None:
            return
        question = self.tr("删除账户“{name}”？此后不能再用它登录。本校的数据不受影响。").format(
            name=account.name
        )
        if not ask(self, self.tr("删除账户"), question):
            return
        school, name = self._school, account.name
        self._runner.run(remove_account, school, name, owner=self).on_success(
            lambda _: self._removed(name)
        ).on_failure(self.message_bar.show_failure)

    def _removed(self, name: str) -> None:
        self.message_bar.show_info(self.tr("已删除账户“{name}”。").format(name=name))
        self.load()
