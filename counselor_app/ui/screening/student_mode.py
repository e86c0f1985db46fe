"""学生作答模式: one student answers one scale on this PC, full screen, and nothing else is reachable.

The window covers the screen, stays on top, is modal for the whole program, has no title bar and
refuses to close; the main window is hidden and every key that could leave or fire a shortcut is
swallowed (:mod:`counselor_app.ui.screening.lockdown`). Only a counsellor's password (checked as
the unlock screen checks it, with the same slow-down after wrong guesses) leaves it: at the end,
or to stop early (the answers so far are then not saved).

The student sees the instructions, one item at a time with large answer buttons, 上一题 and
下一题, and at the end a thank-you: never a score or a band. 完成 saves the answers at once
through :func:`~counselor_app.screening.answers.save_screenings` (``way="student_mode"``) on the
database worker; a failure is told to the counsellor after the password, never to the student.

Locking while student mode is up (5 idle minutes, the PC going to sleep, the system's screen
lock): the lock screen takes over, as for any open dialog (:mod:`counselor_app.ui.lock`). This
window is closed with its answers so far kept in memory (``pending_input``), the main window shows
nothing but the lock screen, and after the counsellor unlocks, student mode comes back
(``reopen``) at its start page with 继续作答. A sitting whose answers were already handed to the
worker has nothing to come back to and is not reopened. The idle lock is not suspended: leaving
needs the password anyway, and a locked program holds no key in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from counselor_app.foundation.errors import AuthenticationFailed
from counselor_app.foundation.i18n import msg
from counselor_app.school.accounts import list_accounts
from counselor_app.school.core import COUNSELLOR, School, unlock_keys
from counselor_app.screening.answers import SavedScreenings, ScaleAnswers, save_screenings
from counselor_app.screening.scales import Scale, school_scales
from counselor_app.ui.questions import inform
from counselor_app.ui.screening.lockdown import Lockdown
from counselor_app.ui.screening.student_pages import (
    STYLE,
    ItemPage,
    LeavePage,
    StartPage,
    ThanksPage,
)
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.unlock_dialog import unlock_failure_text

# (account, password) -> None, or raises (a wrong password, the wait after wrong guesses).
PasswordCheck = Callable[[str, str], None]

NOT_A_COUNSELLOR = msg(
    "只有心理教师账户可以结束学生作答模式。", "Only a counsellor's account can end student mode."
)

START, ITEM, THANKS, LEAVE = range(4)


@dataclass(frozen=True)
class Sitting:
    """Who answers which scale on which day; plain values (kept while the program is locked)."""

    student_id: int
    student_name: str
    scale_id: str
    on: dt.date
    consent_exception: str | None = None

    def as_state(self) -> dict[str, Any]:
        return {
            "student_id": self.student_id,
            "student_name": self.student_name,
            "scale_id": self.scale_id,
            "on": self.on.isoformat(),
            "consent_exception": self.consent_exception,
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Sitting:
        return cls(
            int(state["student_id"]),
            str(state["student_name"]),
            str(state["scale_id"]),
            dt.date.fromisoformat(state["on"]),
            state.get("consent_exception"),
        )


def counsellor_password_check(school: School) -> PasswordCheck:
    """The unlock screen's check (Argon2id, slowed down after wrong guesses), for a counsellor's
    account; it opens nothing. Runs on the worker."""
    paths, now, db = school.paths, school.now, school.db

    def check(account: str, password: str) -> None:
        role = db.scalar("SELECT role FROM app_user WHERE name = ?", (account,))
        if role != COUNSELLOR:
            raise AuthenticationFailed(NOT_A_COUNSELLOR)
        unlock_keys(paths, account, password, now())

    return check


def _counsellors(school: School) -> list[str]:
    return [a.name for a in list_accounts(school) if a.role == COUNSELLOR]


class StudentModeWindow(QDialog):
    """One sitting, full screen (see the module docstring). ``main_window`` is hidden meanwhile."""

    # The window has gone and the main window is back; True if the answers were saved.
    ended = Signal(bool)

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        scale: Scale,
        sitting: Sitting,
        main_window: QWidget | None,
        *,
        answers: list[int | None] | None = None,
        check_password: PasswordCheck | None = None,
    ) -> None:
        super().__init__(
            main_window,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self._school = school
        self._runner = runner
        self.scale = scale
        self.sitting = sitting
        self._check = check_password or counsellor_password_check(school)
        self.english = not scale.has_chinese_wording
        self.answers: list[int | None] = list(answers or [None] * len(scale.items))
        self.index = 0
        self._save = "not yet"  # → "saving" → "saved" | "failed"
        self._save_error = ""
        self._confirmed = False  # the counsellor's password was right
        self._leaving = False
        self._back_to = START
        self.setObjectName("studentMode")
        self.setWindowTitle(self.tr("学生作答模式"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet(STYLE)
        self.lockdown = Lockdown(self, main_window)

        self.title = QLabel(scale.title_en if self.english else scale.title_zh)
        self.title.setObjectName("studentMuted")
        self.teacher_button = QPushButton(self.tr("老师"))
        self.teacher_button.setObjectName("teacherButton")
        self.teacher_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.teacher_button.setToolTip(self.tr("老师输入密码后退出学生作答模式"))
        self.teacher_button.clicked.connect(self.ask_to_leave)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.teacher_button)

        self.start_page = StartPage()
        self.item_page = ItemPage()
        self.thanks_page = ThanksPage()
        self.leave_page = LeavePage()
        self.pages = QStackedWidget()
        self.pages.setMaximumWidth(980)
        for page in (self.start_page, self.item_page, self.thanks_page, self.leave_page):
            self.pages.addWidget(page)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.pages, 6)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 32)
        layout.addLayout(top)
        layout.addLayout(centred, 1)

        self.start_page.started.connect(self._start)
        self.item_page.answered.connect(self._answered)
        self.item_page.back.connect(self._back)
        self.item_page.forward.connect(self._forward)
        self.leave_page.leave.connect(self._try_leave)
        self.leave_page.resume.connect(self._resume)
        self.leave_page.retry_save.connect(self._retry_save)
        self.leave_page.give_up.connect(lambda: self._end(saved=False))

        resuming = any(answer is not None for answer in self.answers)
        self.start_page.show_sitting(sitting.student_name, self._instructions(), resuming)
        self.leave_page.set_accounts([school.user.name], school.user.name)
        runner.run(_counsellors, school, owner=self).on_success(
            lambda names: self.leave_page.set_accounts(names, school.user.name)
        )
        self.pages.setCurrentIndex(START)

    # -- showing and the lock manager's protocol ----------------------------------------------
    def begin(self) -> None:
        """Hide the main window and cover the screen."""
        self.lockdown.hold()
        # The whole screen first: without a window manager (or one that ignores the request)
        # "full screen" alone would leave the window at its size hint.
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.start_page.start_button.setFocus()
        QTimer.singleShot(0, self.lockdown.grab_keyboard)

    def open(self) -> None:
        """How the lock manager shows a reopened dialog: as student mode, full screen."""
        self.begin()

    def pending_input(self) -> dict[str, Any]:
        """What a lock keeps: the sitting and the answers so far; nothing once they were saved."""
        if self._save != "not yet":
            return {}
        return {"sitting": self.sitting.as_state(), "answers": list(self.answers)}

    def restore_input(self, state: dict[str, Any]) -> None:
        answers = state.get("answers") or []
        if len(answers) == len(self.answers):
            self.answers = [None if a is None else int(a) for a in answers]
        self.start_page.show_sitting(self.sitting.student_name, self._instructions(), True)

    @classmethod
    def reopen(
        cls, school: School, runner: TaskRunner, parent: QWidget, state: dict[str, Any]
    ) -> QDialog:
        """After unlocking: the sitting again, at its start page with the answers so far."""
        if not state.get("sitting"):
            return _NothingToReopen(parent)
        sitting = Sitting.from_state(state["sitting"])
        scale = school_scales(school.paths).find(sitting.scale_id)
        window = cls(school, runner, scale, sitting, parent)
        window.restore_input(state)
        return window

    # -- answering -----------------------------------------------------------------------------
    def _instructions(self) -> str:
        scale = self.scale
        return (
            (scale.instructions_en or scale.instructions_zh)
            if self.english
            else (scale.instructions_zh)
        )

    def _start(self) -> None:
        missing = [n for n, answer in enumerate(self.answers) if answer is None]
        self._show_item(missing[0] if missing else 0)

    def _show_item(self, index: int) -> None:
        self.index = index
        item = self.scale.items[index]
        self.item_page.show_item(
            item,
            index=index,
            count=len(self.scale.items),
            instructions=self._instructions(),
            english=self.english,
            answer=self.answers[index],
        )
        self.pages.setCurrentIndex(ITEM)
        self.item_page.setFocus()

    def _answered(self, value: int) -> None:
        self.answers[self.index] = value

    def _back(self) -> None:
        if self.index > 0:
            self._show_item(self.index - 1)

    def _forward(self) -> None:
        item = self.scale.items[self.index]
        if self.answers[self.index] is None and not item.optional:
            self.item_page.show_needs_answer()
            return
        if self.index + 1 < len(self.scale.items):
            self._show_item(self.index + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        self.pages.setCurrentIndex(THANKS)
        self._start_save()

    def _start_save(self) -> None:
        self._save = "saving"
        entry = ScaleAnswers(
            self.sitting.student_id,
            self.scale,
            self.sitting.on,
            tuple(self.answers),
            self.sitting.consent_exception,
        )
        name = self.sitting.student_name
        self._runner.run(save_screenings, self._school, [entry], "student_mode", owner=self)\
            .on_success(self._saved).on_failure(self._save_failed)\
            .tell_if_gone(lambda ok, value: _outcome_text(ok, value, name))  # fmt: skip

    def _saved(self, _saved: SavedScreenings) -> None:
        self._save = "saved"
        if self._confirmed:
            self._end(saved=True)

    def _save_failed(self, error: BaseException) -> None:
        self._save = "failed"
        self._save_error = str(error)
        if self._confirmed:
            self.leave_page.show_save_failed(self._save_error)

    def _retry_save(self) -> None:
        self.leave_page.set_busy(True, self.tr("正在保存…"))
        self._start_save()

    # -- leaving -------------------------------------------------------------------------------
    @property
    def save_state(self) -> str:
        """ "not yet", "saving", "saved" or "failed"."""
        return self._save

    @property
    def handed_in(self) -> bool:
        return self._save != "not yet"

    def ask_to_leave(self) -> None:
        if self.pages.currentIndex() == LEAVE:
            return
        self._back_to = self.pages.currentIndex()
        self.leave_page.ask(finished=self.handed_in)
        self.pages.setCurrentIndex(LEAVE)

    def _resume(self) -> None:
        self.pages.setCurrentIndex(self._back_to)
        if self._back_to == ITEM:
            self.item_page.setFocus()

    def _try_leave(self, account: str, password: str) -> None:
        self.leave_page.set_busy(True)
        self._runner.run(self._check, account, password, owner=self).on_success(
            self._password_right
        ).on_failure(lambda error: self.leave_page.show_error(unlock_failure_text(error)))

    def _password_right(self, _result: object = None) -> None:
        self._confirmed = True
        if self._save == "saving":
            self.leave_page.set_busy(True, self.tr("正在保存…"))
        elif self._save == "failed":
            self.leave_page.show_save_failed(self._save_error)
        else:
            self._end(saved=self._save == "saved")

    def _end(self, *, saved: bool) -> None:
        self._leaving = True
        main = self.parentWidget()
        self.done(QDialog.DialogCode.Accepted if saved else QDialog.DialogCode.Rejected)
        self.deleteLater()
        if saved and main is not None:
            inform(
                main,
                self.tr("学生作答模式"),
                self.tr("{name} 的 {scale} 作答已保存。").format(
                    name=self.sitting.student_name, scale=self.scale.name
                ),
                wait=False,
            )

    # -- what the student cannot do ------------------------------------------------------------
    def reject(self) -> None:
        """Esc, and anything else that would cancel: ignored."""

    def done(self, result: int) -> None:
        if self._leaving:
            super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4, the system's close, window.close(): refused until the counsellor leaves."""
        if self._leaving:
            super().closeEvent(event)
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.lockdown.holding
            and not self.isFullScreen()
        ):
            # Minimized or restored by the system: full screen again, once the change is done.
            QTimer.singleShot(0, self._full_screen_again)

    def _full_screen_again(self) -> None:
        if isValid(self) and self.lockdown.holding and self.isVisible():
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            self.raise_()
            self.activateWindow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.lockdown.grab_keyboard()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if event.spontaneous():
            QTimer.singleShot(0, self._full_screen_again)  # the system hid it: back
            return
        # Hidden by the program: the counsellor left, or the lock manager closed it (it calls
        # QDialog.done directly); either way the main window comes back.
        was_holding = self.lockdown.holding
        self.lockdown.release()
        if was_holding:
            self.ended.emit(self._save == "saved")


class _NothingToReopen(QDialog):
    """What ``reopen`` gives for a sitting whose answers were already saved: opened, it goes."""

    def open(self) -> None:
        self.deleteLater()


def _outcome_text(ok: bool, value: object, name: str) -> str:
    if ok:
        text = QCoreApplication.translate(
            "StudentModeWindow", "{name} 在学生作答模式中的作答已保存。"
        )
        return text.format(name=name)
    text = QCoreApplication.translate(
        "StudentModeWindow", "{name} 在学生作答模式中的作答没有保存：{error}"
    )
    return text.format(name=name, error=value)
