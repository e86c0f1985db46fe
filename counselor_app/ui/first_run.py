"""The first-run wizard: school, terms, first account, then the recovery key, shown once.

Every check and the creation itself are :mod:`counselor_app.settings.setup_wizard`'s; these pages only
gather the answers and show what that module says. The school is created on the database worker
when the account page is committed (Argon2id for the account and the recovery key, then the
database, then the terms). From then on there is no way back: the recovery key is on screen, and
the wizard can only be finished once the box "printed or copied" is ticked.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QMarginsF, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import CounselorError, Problem
from counselor_app.foundation.i18n import Message
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School
from counselor_app.settings.setup_wizard import (
    STEPS,
    FirstRunAnswers,
    SetupResult,
    Step,
    TermDraft,
    TermProblem,
    check_account,
    check_school_name,
    check_terms,
    create_first_school,
    next_suggestion,
    password_strength,
    suggested_terms,
    today_outside_terms,
)
from counselor_app.storage.keys import MIN_PASSWORD_LENGTH
from counselor_app.ui.questions import inform
from counselor_app.ui.tasks import TaskRunner

CreateFunction = Callable[[SchoolPaths, FirstRunAnswers], SetupResult]
# Returns a printer to print on (the user's choice), or None when they cancelled.
ChoosePrinter = Callable[[QWidget], QPrinter | None]

DATE_FORMAT = "yyyy-MM-dd"
DATE_WIDTH = 136
REMOVE_WIDTH = 72
COLUMN_SPACING = 8
MAX_TERMS = 6
STRENGTH_COLOURS = ("#b3261e", "#b3261e", "#8a6100", "#2e7d32")


def _heading(text: str) -> str:
    """A page title a size above the text (the wizard shows titles as rich text)."""
    return f'<span style="font-size: 17px; font-weight: 600;">{html.escape(text)}</span>'


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _show_problems(label: QLabel, problems: list[Problem] | list[TermProblem]) -> None:
    label.setText("\n".join(str(problem.message) for problem in problems))
    label.setVisible(bool(problems))


def choose_printer_with_dialog(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("FirstRunWizard", "打印恢复密钥"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    return printer


def recovery_key_font(point_size: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", *font.families()])
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    return font


def key_in_two_lines(key: str) -> str:
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "\n" + "-".join(groups[half:])


def print_recovery_key(
    printer: QPrinter, *, school_name: str, user_name: str, recovery_key: str, today: dt.date
) -> None:
    """One A4 page: what the key is for, the key in large type, where to keep it."""
    title = QCoreApplication.translate("FirstRunWizard", "心理辅导工作台 — 恢复密钥")
    school = QCoreApplication.translate("FirstRunWizard", "学校：{school}").format(
        school=html.escape(school_name)
    )
    created = QCoreApplication.translate(
        "FirstRunWizard", "建立日期：{date}　第一个账户：{user}"
    ).format(date=today.isoformat(), user=html.escape(user_name))
    purpose = QCoreApplication.translate(
        "FirstRunWizard",
        "忘记密码或心理教师离职时，可用本密钥为账户设置新密码；没有它和密码，谁都无法打开数据。",
    )
    keeping = QCoreApplication.translate(
        "FirstRunWizard",
        "请把本页放进上锁的柜子或交学校负责人保管，不要和电脑放在一起，不要拍照或存在电脑里。",
    )
    document = QTextDocument()
    document.setDefaultFont(QFont(QFont().family(), 12))
    key_html = key_in_two_lines(recovery_key).replace("\n", "<br/>")
    document.setHtml(
        f"""<h2>{title}</h2>
        <p>{school}<br/>
        {created}</p>
        <p style="font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 26pt;
        margin: 24px 0;">{key_html}</p>
        <p>{purpose}</p>
        <p>{keeping}</p>"""
    )
    printer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    document.print_(printer)


# -- pages -----------------------------------------------------------------------------------------


class SchoolPage(QWizardPage):
    def __init__(self, paths: SchoolPaths) -> None:
        super().__init__()
        self.setTitle(_heading(self.tr("欢迎使用心理辅导工作台")))
        self.setSubTitle(
            self.tr("首先填写学校名称。所有数据只保存在这台电脑上，并经过加密，只有知道密码的人能打开。")
        )  # fmt: skip
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText(self.tr("例如：阳光实验学校"))
        self.error_label = _error_label()
        folder = QLabel(self.tr("数据文件夹：{path}").format(path=paths.root))
        folder.setObjectName("pageSubtitle")
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        steps = QLabel(
            self.tr(
                "建立学校共四步：\n"
                "1. 学校名称\n"
                "2. 学期（辅导记录和自查按学期计算）\n"
                "3. 第一个账户和密码\n"
                "4. 恢复密钥：只显示一次，请准备好打印机或纸笔。"
            )
        )
        steps.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("学校名称"), self.name_field)
        form.addRow("", self.error_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(steps)
        layout.addStretch(1)
        layout.addWidget(folder)
        self.name_field.textChanged.connect(lambda: self.error_label.hide())

    def validatePage(self) -> bool:
        problems = check_school_name(self.name_field.text())
        _show_problems(self.error_label, problems)
        return not problems


class TermRow(QWidget):
    """One term: name, first and last day, a remove button and the row's problems."""

    remove_requested = Signal(object)

    def __init__(self, draft: TermDraft) -> None:
        super().__init__()
        self.name_field = QLineEdit(draft.name)
        self.first_edit = self._date_edit(draft.first_day)
        self.last_edit = self._date_edit(draft.last_day)
        self.remove_button = QPushButton(self.tr("删除"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.remove_button.setFixedWidth(REMOVE_WIDTH)
        self.error_label = _error_label()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(COLUMN_SPACING)
        grid.addWidget(self.name_field, 0, 0)
        grid.addWidget(self.first_edit, 0, 1)
        grid.addWidget(self.last_edit, 0, 2)
        grid.addWidget(self.remove_button, 0, 3)
        grid.addWidget(self.error_label, 1, 0, 1, 4)
        grid.setColumnStretch(0, 1)

    @staticmethod
    def _date_edit(iso: str) -> QDateEdit:
        date = QDate.fromString(iso, "yyyy-MM-dd")
        edit = QDateEdit(date if date.isValid() else QDate.currentDate())
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setFixedWidth(DATE_WIDTH)
        return edit

    def draft(self) -> TermDraft:
        return TermDraft(
            self.name_field.text(),
            self.first_edit.date().toString("yyyy-MM-dd"),
            self.last_edit.date().toString("yyyy-MM-dd"),
        )


class TermsPage(QWizardPage):
    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self._today = today
        self.setTitle(_heading(self.tr("学期")))
        self.setSubTitle(
            self.tr("辅导记录、自查和统计都按学期计算。请至少添加当前学期；日期请按本校校历修改。")
        )  # fmt: skip
        self.rows: list[TermRow] = []
        # The same column widths as each TermRow, so the headings stand over their fields.
        header = QGridLayout()
        header.setHorizontalSpacing(COLUMN_SPACING)
        header.setContentsMargins(0, 0, 4, 0)
        headings = (self.tr("学期名称"), self.tr("开始日期"), self.tr("结束日期"))
        for column, (text, width) in enumerate(
            zip(headings, (0, DATE_WIDTH, DATE_WIDTH), strict=True)
        ):
            label = QLabel(text)
            label.setObjectName("pageSubtitle")
            if width:
                label.setFixedWidth(width)
            header.addWidget(label, 0, column)
        header.setColumnStretch(0, 1)
        header.setColumnMinimumWidth(3, REMOVE_WIDTH)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(8)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 4, 0)
        holder_layout.addLayout(self.rows_layout)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.add_button = QPushButton(self.tr("添加学期"))
        self.add_button.clicked.connect(self.add_suggested)
        self.error_label = _error_label()
        self.note_label = QLabel()
        self.note_label.setObjectName("pageSubtitle")
        self.note_label.setWordWrap(True)
        self.note_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        for draft in suggested_terms(today, 1):
            self.add_row(draft)

    def drafts(self) -> list[TermDraft]:
        return [row.draft() for row in self.rows]

    def add_row(self, draft: TermDraft) -> TermRow:
        row = TermRow(draft)
        row.remove_requested.connect(self.remove_row)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self.add_button.setEnabled(len(self.rows) < MAX_TERMS)
        return row

    def add_suggested(self) -> None:
        draft = next_suggestion(self.drafts(), self._today) or TermDraft("", "", "")
        self.add_row(draft).name_field.setFocus()

    def remove_row(self, row: TermRow) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.add_button.setEnabled(len(self.rows) < MAX_TERMS)

    def validatePage(self) -> bool:
        drafts = self.drafts()
        problems = check_terms(drafts, self._today)
        for index, row in enumerate(self.rows):
            _show_problems(row.error_label, [p for p in problems if p.row == index])
        _show_problems(self.error_label, [p for p in problems if p.row < 0])
        note = None if problems else today_outside_terms(drafts, self._today)
        self.note_label.setText(str(note or ""))
        if note is not None and not self.note_label.isVisible():
            self.note_label.show()
            return False  # say it once; a second 下一步 goes on
        return not problems


class AccountPage(QWizardPage):
    """The first account; committing this page creates the school (see :class:`FirstRunWizard`)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_heading(self.tr("第一个账户")))
        self.setSubTitle(
            self.tr("这是心理教师的账户，可以查看和填写全部记录。以后可在“设置 › 账户”中添加其他账户。")
        )  # fmt: skip
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("建立学校"))
        self.user_field = QLineEdit()
        self.user_field.setPlaceholderText(self.tr("例如：王老师"))
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setPlaceholderText(
            self.tr("至少 {count} 个字符").format(count=MIN_PASSWORD_LENGTH)
        )
        self.again_field = QLineEdit()
        self.again_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_label = QLabel()
        self.error_label = _error_label()
        self.busy_label = QLabel(self.tr("正在建立学校并加密数据，请稍候…"))
        self.busy_label.setObjectName("busyNote")
        self.busy_label.hide()
        advice = QLabel(
            self.tr("请选一个别人猜不到、自己记得住的密码，例如一句话的拼音加数字。忘记密码时只能用下一步显示的恢复密钥找回。")
        )  # fmt: skip
        advice.setObjectName("pageSubtitle")
        advice.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("账户名"), self.user_field)
        form.addRow(self.tr("密码"), self.password_field)
        form.addRow("", self.strength_label)
        form.addRow(self.tr("再次输入密码"), self.again_field)
        form.addRow("", self.error_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(advice)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        self.password_field.textChanged.connect(self._show_strength)
        self._show_strength()

    def _show_strength(self) -> None:
        text = self.password_field.text()
        if not text:
            self.strength_label.setText("")
            return
        strength = password_strength(text)
        self.strength_label.setText(self.tr("密码强度：{hint}").format(hint=strength.hint))
        self.strength_label.setStyleSheet(f"color: {STRENGTH_COLOURS[strength.level]};")

    def problems(self) -> list[Problem]:
        return check_account(
            self.user_field.text(), self.password_field.text(), self.again_field.text()
        )

    def set_busy(self, busy: bool) -> None:
        for field in (self.user_field, self.password_field, self.again_field):
            field.setEnabled(not busy)
        self.busy_label.setVisible(busy)

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.commit_account()


class RecoveryKeyPage(QWizardPage):
    def __init__(self, choose_printer: ChoosePrinter) -> None:
        super().__init__()
        self._choose_printer = choose_printer
        self.setTitle(_heading(self.tr("恢复密钥")))
        self.setSubTitle(
            self.tr("忘记密码或心理教师离职时，只有恢复密钥能打开数据。它只显示这一次，请现在打印或抄写下来。")
        )  # fmt: skip
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(recovery_key_font(20))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet(
            "QLabel#recoveryKey { background: white; border: 1px solid #d9dfdf;"
            " border-radius: 6px; padding: 16px; color: #1f2a2c; }"
        )
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_key)
        self.printed_label = QLabel()
        self.printed_label.setObjectName("pageSubtitle")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warningBanner")
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        keep = QLabel(
            self.tr("请把打印件放进上锁的柜子或交学校负责人保管，不要和电脑放在一起，不要拍照或存在电脑里。")
        )  # fmt: skip
        keep.setWordWrap(True)
        self.confirm_box = QCheckBox(self.tr("我已打印或抄写恢复密钥，并已妥善保管"))
        self.confirm_box.toggled.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.printed_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(keep)
        layout.addStretch(1)
        layout.addWidget(self.confirm_box)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        self.key_label.setText(key_in_two_lines(wizard.recovery_key))
        problem = wizard.terms_problem
        self.warning_label.setText(str(problem or ""))
        self.warning_label.setVisible(problem is not None)

    def isComplete(self) -> bool:
        return self.confirm_box.isChecked()

    def print_key(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        printer = self._choose_printer(self)
        if printer is None:
            return
        print_recovery_key(
            printer,
            school_name=wizard.answers.school_name.strip(),
            user_name=wizard.answers.user_name.strip(),
            recovery_key=wizard.recovery_key,
            today=wizard.today,
        )
        self.printed_label.setText(self.tr("已发送到打印机。请确认打印件清楚完整。"))


# -- the wizard ------------------------------------------------------------------------------------


class FirstRunWizard(QWizard):
    """Asks, creates the school on the worker, shows the key. ``school`` is set once accepted."""

    def __init__(
        self,
        paths: SchoolPaths,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
        create: CreateFunction | None = None,
        choose_printer: ChoosePrinter = choose_printer_with_dialog,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._runner = runner
        self._clock = clock
        self._create = create or (lambda p, a: create_first_school(p, a, clock=clock))
        self.today = clock().date()
        self.answers = FirstRunAnswers()
        self.school: School | None = None
        self.recovery_key = ""
        self.terms_problem: Message | None = None
        self._creating = False

        self.setWindowTitle(self.tr("建立学校 — 心理辅导工作台"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("退出"))
        self.setMinimumSize(720, 540)

        self.school_page = SchoolPage(paths)
        self.terms_page = TermsPage(self.today)
        self.account_page = AccountPage()
        self.key_page = RecoveryKeyPage(choose_printer)
        pages = {
            Step.SCHOOL: self.school_page,
            Step.TERMS: self.terms_page,
            Step.ACCOUNT: self.account_page,
            Step.RECOVERY_KEY: self.key_page,
        }
        for page_id, step in enumerate(STEPS):  # the order is the core's
            self.setPage(page_id, pages[step])

    def gather(self) -> FirstRunAnswers:
        self.answers = FirstRunAnswers(
            school_name=self.school_page.name_field.text(),
            terms=self.terms_page.drafts(),
            user_name=self.account_page.user_field.text(),
            password=self.account_page.password_field.text(),
            password_again=self.account_page.again_field.text(),
        )
        return self.answers

    def commit_account(self) -> bool:
        """The account page's 建立学校: check, then create on the worker and move on when done."""
        if self.school is not None:
            return True  # created: next() after the worker's answer lands here
        if self._creating:
            return False
        page = self.account_page
        problems = page.problems()
        _show_problems(page.error_label, problems)
        if problems:
            return False
        answers = self.gather()
        self._set_creating(True)
        self._runner.run(self._create, self._paths, answers, owner=self).on_success(
            self._created
        ).on_failure(self._create_failed)
        return False

    def _set_creating(self, creating: bool) -> None:
        self._creating = creating
        self.account_page.set_busy(creating)
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.BackButton):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not creating)

    def _created(self, result: SetupResult) -> None:
        self.school = result.new_school.school
        self.recovery_key = result.new_school.recovery_key
        self.terms_problem = result.terms_problem
        # The passwords are not needed any more; drop the copies this wizard holds.
        self.answers.password = self.answers.password_again = ""
        for field in (self.account_page.password_field, self.account_page.again_field):
            field.clear()
        self._set_creating(False)
        self.next()

    def _create_failed(self, error: BaseException) -> None:
        self._set_creating(False)
        text = str(error) if isinstance(error, CounselorError) else repr(error)
        self.account_page.error_label.setText(self.tr("没能建立学校：{reason}").format(reason=text))
        self.account_page.error_label.show()

    def reject(self) -> None:
        if self._creating:
            return  # the worker is creating the school; its answer must find the wizard
        if self.school is not None:
            # The school exists and its recovery key is on screen: leave only by 完成.
            inform(
                self,
                self.tr("请先保管恢复密钥"),
                self.tr("学校已经建立。请打印或抄写恢复密钥，勾选确认后点“完成”。"),
            )
            return
        super().reject()

    def accept(self) -> None:
        self.recovery_key = ""  # shown once: nothing keeps it after the wizard
        super().accept()
