"""Locking the program when the counsellor steps away, and unlocking back to where they were.

The program locks after the school's idle time (``ui.idle_lock_minutes``, default 5; see
:mod:`counselor_app.settings.screen_lock`, which also makes time asleep count), on Ctrl+L, and when the OS
locks the screen or is about to sleep (:mod:`counselor_app.ui.os_lock_events`). Ctrl+B blanks the
window without locking (:mod:`counselor_app.ui.blank`). Both keys work in every window of the
program, dialogs included, because an application-wide event filter reads them, as it reads the
input that resets the idle clock.

Locking, in this order and without returning to the event loop in between:

1. open dialogs and print previews are closed; a dialog's typed input is kept first if it offers
   ``pending_input()`` (see :class:`KeepsInput`);
2. the current section is remembered, and the page's own state if it offers ``save_state()``;
3. the window drops the school: **every page is deleted and rebuilt on unlock**. The alternative,
   each page detaching and re-attaching its school, would make the privacy of the whole program
   depend on every page (today's and those written later) forgetting every reference correctly;
   deleting the pages makes it true by construction and costs little, since pages load their data
   when shown. The tests check with ``gc`` that nothing keeps the school;
4. the lock screen covers the window (everything else in it is hidden and its shortcuts are
   disabled), and the school is closed *on the database worker* (``School.close(backup=False)``:
   connection closed, key bytes overwritten). Queued there, the close runs after whatever the
   worker is still doing, so the screen is covered at once even during a long export.

While locked, any other window that appears (a late error message, say) is closed at once.

Unlocking opens the school again on the worker (the password is checked with Argon2id), rebuilds
the pages, returns to the remembered section and page state, and reopens each closed dialog that
can be reopened (``reopen``) with its input restored. A dialog that cannot be reopened but had
input makes the program ask: 保留 (shown as text to copy) or 放弃. Nothing is dropped silently.
Work that was running when the program locked is told after unlocking, how it ended, in one
message (see ``Task.tell_if_gone`` in :mod:`counselor_app.ui.tasks`): work that can stop (an import,
an export, a backup, a restore that has not begun replacing files) is stopped when its page goes;
what cannot (a restore replacing files) runs to its end before the school is closed.
Another account (切换用户) starts afresh; the person at the keyboard is asked first if that would
discard someone's unsaved input.

Protocols, for dialogs and pages written elsewhere (duck-typed; nothing to inherit)::

    class SomeDialog(QDialog):
        def pending_input(self) -> dict: ...          # what was typed; plain values, no School
        def restore_input(self, state: dict) -> None: ...
        @classmethod
        def reopen(cls, school, runner, parent, state) -> QDialog: ...  # built, input restored

    class SomePage(QWidget):
        def save_state(self) -> dict: ...             # plain values, no School
        def restore_state(self, state: dict) -> None: ...
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QToolButton,
    QToolTip,
    QWidget,
)
from shiboken6 import createdByPython, isValid

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, list_user_names, unlock
from counselor_app.settings.school_settings import IDLE_LOCK_MINUTES
from counselor_app.settings.screen_lock import IdleClock, idle_lock_minutes
from counselor_app.ui.blank import BlankCover, ScreenBlanker
from counselor_app.ui.lock_screen import (
    BUTTON,
    IDLE,
    SHORTCUT,
    LockScreen,
    ShowKept,
    describe_input,
    show_kept_in_dialog,
)
from counselor_app.ui.os_lock_events import OsLockEvents
from counselor_app.ui.questions import ALLOWED_WHILE_LOCKED, ask, inform
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.unlock_dialog import UnlockDialog, UnlockFunction, unlock_failure_text

log = logging.getLogger(__name__)

LOCK_KEYS = QKeySequence("Ctrl+L")
BLANK_KEYS = QKeySequence("Ctrl+B")
TICK_MS = 1000

# Input that counts as someone using the program.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.InputMethod,
    }
)


@runtime_checkable
class KeepsInput(Protocol):
    def pending_input(self) -> dict[str, Any]: ...

    def restore_input(self, state: dict[str, Any]) -> None: ...


def key_matches(event: QKeyEvent, sequence: QKeySequence) -> bool:
    combination = event.keyCombination()
    modifiers = combination.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    pressed = QKeySequence(QKeyCombination(modifiers, combination.key()))
    return pressed.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch


class ActivityWatch(QObject):
    """The application-wide filter: input resets the idle clock; the lock and blank keys work in
    every window. A timer asks the idle clock once a tick whether time has run out."""

    idle_expired = Signal()
    lock_keys_pressed = Signal()
    blank_keys_pressed = Signal()

    def __init__(self, idle: IdleClock, *, tick_ms: int = TICK_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.idle = idle
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)
        self._watching = False

    def start(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.idle.touch()
        self._watching = True
        self._timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def pause(self) -> None:
        """While locked there is nothing to time out."""
        self._timer.stop()

    def resume(self) -> None:
        self.idle.touch()
        if self._watching:
            self._timer.start()

    def check(self) -> None:
        if self._timer.isActive() and self.idle.expired():
            self.idle_expired.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self.idle.touch()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            for keys, signal in (
                (LOCK_KEYS, self.lock_keys_pressed),
                (BLANK_KEYS, self.blank_keys_pressed),
            ):
                if key_matches(event, keys):
                    if kind == QEvent.Type.ShortcutOverride:
                        event.accept()  # ours: no other shortcut with these keys may fire
                    elif not event.isAutoRepeat():
                        signal.emit()
                    return True
        return False


@dataclass
class KeptDialog:
    """A dialog closed by locking: its class (to reopen it) and the input it had."""

    dialog_type: type
    state: dict[str, Any] | None
    title: str


def _close_school(school: School) -> None:
    school.close(backup=False)


def _school_name(school: School) -> str:
    return school.name


class LockManager(QObject):
    """Locks and unlocks one main window (see the module docstring for what that involves).

    ``window`` is the :class:`~counselor_app.ui.main_window.MainWindow`; it provides
    ``drop_school()``, ``attach_school(school)``, ``current_section()``, ``page(key)`` and
    ``show_section(key)``.
    """

    locked = Signal()  # the school is closed
    unlocked = Signal()  # the window works again

    def __init__(
        self,
        window: Any,
        runner: TaskRunner,
        *,
        idle: IdleClock | None = None,
        tick_ms: int = TICK_MS,
        blanker: ScreenBlanker | None = None,
        os_events: OsLockEvents | None = None,
        unlock_school: UnlockFunction = unlock,
        list_users: Callable[[SchoolPaths], list[str]] = list_user_names,
        show_kept: ShowKept = show_kept_in_dialog,
        after_unlock: Callable[[School], object] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._unlock = unlock_school
        self._list_users = list_users
        self._show_kept = show_kept
        self._after_unlock = after_unlock
        self._state = "unlocked"
        self._school_closed = False
        self._kept: list[KeptDialog] = []
        self._unseen_outcomes: list[str] = []
        self._where: tuple[str, dict[str, Any] | None] | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QShortcut | QAction] = []
        self.switch_dialog: UnlockDialog | None = None

        school: School = window.school
        self._paths = school.paths
        self._user = school.user.name
        self._role = school.user.role
        self._backup_on_close = school.backup_on_close
        self._school_name = ""

        self.watch = ActivityWatch(
            idle or IdleClock(IDLE_LOCK_MINUTES.default * 60.0), tick_ms=tick_ms, parent=self
        )
        self.blanker = blanker or ScreenBlanker(
            self, let_through=lambda event: key_matches(event, LOCK_KEYS)
        )
        self.watch.idle_expired.connect(lambda: self.lock(IDLE))
        self.watch.lock_keys_pressed.connect(lambda: self.lock(SHORTCUT))
        self.watch.blank_keys_pressed.connect(self._toggle_blank)
        self.os_events = os_events
        if os_events is not None:
            os_events.lock_requested.connect(self.lock)

        runner.outcome_unseen.connect(self._outcome_unseen)

        self.lock_screen = LockScreen(window)
        self.lock_screen.hide()
        self.lock_screen.unlock_requested.connect(self._try_unlock)
        self.lock_screen.switch_user_requested.connect(self._switch_user)
        window.installEventFilter(self)  # to keep the lock screen the window's size
        self._add_status_buttons()
        if hasattr(window, "closed"):
            window.closed.connect(self.shutdown)

        self.watch.start()
        self._school_attached(school)

    # -- state ---------------------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self._state != "unlocked"

    @property
    def school_closed(self) -> bool:
        return self._school_closed

    def kept_dialogs(self) -> list[KeptDialog]:
        return list(self._kept)

    def shutdown(self) -> None:
        self.watch.stop()
        self.blanker.restore()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.os_events is not None:
            self.os_events.stop()

    def _add_status_buttons(self) -> None:
        """Make both keys discoverable: two quiet buttons at the right of the status bar."""
        bar = self._window.statusBar()
        for text, tip, slot in (
            (
                self.tr("遮挡屏幕"),
                self.tr("立即遮挡窗口内容，不锁定（Ctrl+B）"),
                self._toggle_blank,
            ),
            (self.tr("锁定"), self.tr("立即锁定（Ctrl+L）"), lambda: self.lock(BUTTON)),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            bar.addPermanentWidget(button)

    def _toggle_blank(self) -> None:
        if not self.is_locked():
            self.blanker.toggle()

    # -- locking -------------------------------------------------------------------------------
    def lock(self, reason: str = SHORTCUT) -> None:
        if self._state != "unlocked" or self._window.school is None:
            return
        self._state = "locked"
        self._school_closed = False
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        # Uncovered first, so dialogs have their own titles back to be kept by (nothing is
        # painted before the lock screen is up: this all happens before the event loop runs).
        self.blanker.restore()
        self._kept = self._close_other_windows()
        self._where = self._remember_where()
        self._cover_window()  # before dropping: a hidden page gets no show event as others go
        school: School = self._window.drop_school()
        self.lock_screen.show_locked(self._school_name, self._user, self._role, reason)
        self.watch.pause()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)  # closes windows that appear while locked
        self._runner.run(_close_school, school).on_success(self._closed).on_failure(
            self._close_failed
        )
        del school
        log.info("locked (%s)", reason)

    def _close_other_windows(self) -> list[KeptDialog]:
        kept = []
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible() or not isValid(widget):
                continue
            if isinstance(widget, BlankCover):
                continue
            if isinstance(widget, KeepsInput) or hasattr(widget, "reopen"):
                kept.append(self._keep(widget))
            if isinstance(widget, QDialog):
                # The base class's done(): an overridden reject() might ask "discard changes?".
                QDialog.done(widget, QDialog.DialogCode.Rejected)
            else:
                widget.hide()
            # A dialog made in Python may hold the school: delete it (later, so code after its
            # exec() still finds it). One made by Qt itself, such as a static QMessageBox
            # function's, lives on the C++ stack and must not be deleted here.
            if createdByPython(widget):
                widget.deleteLater()
        return kept

    def _keep(self, dialog: QWidget) -> KeptDialog:
        state: dict[str, Any] | None = None
        if isinstance(dialog, KeepsInput):
            try:
                state = dict(dialog.pending_input())
            except Exception:  # a broken dialog must not stop the lock
                log.exception("could not keep the input of %s", type(dialog).__name__)
        return KeptDialog(type(dialog), state, dialog.windowTitle())

    def _remember_where(self) -> tuple[str, dict[str, Any] | None]:
        section = self._window.current_section()
        page = self._window.page(section)
        state = None
        if hasattr(page, "save_state"):
            try:
                state = dict(page.save_state())
            except Exception:
                log.exception("could not keep the state of the %s page", section)
        return section, state

    def _cover_window(self) -> None:
        self._hidden = [
            child
            for child in self._window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child is not self.lock_screen and not child.isWindow() and child.isVisible()
        ]
        for child in self._hidden:
            child.hide()
        self._disabled = [
            item
            for item in [
                *self._window.findChildren(QShortcut),
                *self._window.findChildren(QAction),
                *self._window.actions(),
            ]
            if item.isEnabled()
        ]
        for item in self._disabled:
            item.setEnabled(False)
        self.lock_screen.fit()
        self.lock_screen.show()
        self.lock_screen.password_field.setFocus()

    def _uncover_window(self) -> None:
        for child in self._hidden:
            if isValid(child):
                child.show()
        for item in self._disabled:
            if isValid(item):
                item.setEnabled(True)
        self._hidden, self._disabled = [], []
        self.lock_screen.hide()

    def _closed(self, _result: object = None) -> None:
        self._school_closed = True
        self.locked.emit()

    def _close_failed(self, error: BaseException) -> None:
        # School.close wipes the key even when closing the connection fails.
        log.error("closing the school on lock failed: %s", error)
        self._closed()

    # -- unlocking -----------------------------------------------------------------------------
    def _try_unlock(self, password: str) -> None:
        self.lock_screen.set_busy(True)
        paths, user = self._paths, self._user
        # No owner: if the window closes meanwhile, the opened school must still be closed.
        self._runner.run(self._unlock, paths, user, password).on_success(self._unlocked).on_failure(
            self._unlock_failed
        )

    def _unlock_failed(self, error: BaseException) -> None:
        if isValid(self.lock_screen):
            self.lock_screen.show_error(unlock_failure_text(error))

    def _unlocked(self, school: School) -> None:
        if not isValid(self._window) or not isValid(self):
            school.close(backup=False)
            return
        same_user = school.user.name == self._user
        self._user, self._role = school.user.name, school.user.role
        school.backup_on_close = self._backup_on_close
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._window.attach_school(school)
        self._uncover_window()
        self._state = "unlocked"
        self._return_to(self._where if same_user else None)
        self._school_attached(school)
        self.watch.resume()
        kept, self._kept = (self._kept if same_user else []), []
        self._where = None
        if kept:
            QTimer.singleShot(0, lambda: self._reopen(school_ref(self._window), kept))
        if self._unseen_outcomes:
            QTimer.singleShot(0, self._tell_unseen_outcomes)
        self.unlocked.emit()

    def _return_to(self, where: tuple[str, dict[str, Any] | None] | None) -> None:
        if where is None:
            self._window.show_section(self._window.section_keys()[0])
            return
        section, state = where
        page = self._window.show_section(section)
        if state is not None and hasattr(page, "restore_state"):
            try:
                page.restore_state(state)
            except Exception:
                log.exception("could not restore the state of the %s page", section)

    def _school_attached(self, school: School) -> None:
        """After the window has a school: its name for the lock screen, the idle time, chores."""
        self._runner.run(_school_name, school, owner=self).on_success(self._set_school_name)
        self.reload_idle_time(school)
        if self._after_unlock is not None:
            self._runner.run(self._after_unlock, school)

    def reload_idle_time(self, school: School) -> None:
        """Read ``ui.idle_lock_minutes`` again (the settings page calls this after changing it)."""
        self._runner.run(idle_lock_minutes, school, owner=self).on_success(
            self.watch.idle.set_limit_minutes
        )

    def _set_school_name(self, name: str) -> None:
        self._school_name = name

    def _reopen(self, school: School | None, kept: list[KeptDialog]) -> None:
        if school is None or self.is_locked():
            # Locked again before the dialogs came back: keep them for the next unlock.
            self._kept = kept + self._kept
            return
        for item in kept:
            reopen = getattr(item.dialog_type, "reopen", None)
            if callable(reopen):
                try:
                    dialog = reopen(school, self._runner, self._window, item.state or {})
                except Exception:
                    log.exception("could not reopen %s", item.dialog_type.__name__)
                else:
                    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                    dialog.open()
                    continue
            if item.state:
                self._offer_kept(item)

    def _offer_kept(self, item: KeptDialog) -> None:
        title = item.title or self.tr("对话框")
        keep = ask(
            self._window,
            self.tr("有未保存的输入"),
            self.tr("锁定时“{title}”中有未保存的输入，无法自动恢复。保留这些内容以便复制，还是放弃？")
            .format(title=title),
            yes=self.tr("保留"),
            no=self.tr("放弃"),
            while_locked=True,
        )  # fmt: skip
        if keep:
            self._show_kept(self._window, title, describe_input(item.state or {}))

    # -- work that ended while locked ---------------------------------------------------------
    def _outcome_unseen(self, text: str) -> None:
        self._unseen_outcomes.append(text)
        if not self.is_locked():  # a page went away without locking: tell now
            QTimer.singleShot(0, self._tell_unseen_outcomes)

    def unseen_outcomes(self) -> list[str]:
        return list(self._unseen_outcomes)

    def _tell_unseen_outcomes(self) -> None:
        if self.is_locked() or not self._unseen_outcomes or not isValid(self._window):
            return  # locked again first: told after the next unlock
        texts, self._unseen_outcomes = self._unseen_outcomes, []
        inform(self._window, self.tr("锁定期间"), "\n\n".join(texts), wait=False)

    # -- another account -----------------------------------------------------------------------
    def _switch_user(self) -> None:
        unsaved = [item for item in self._kept if item.state]
        if unsaved and not ask(
            self._window,
            self.tr("切换用户"),
            self.tr(
                "{user} 锁定前有 %n 处未保存的输入。换其他账户解锁将放弃这些输入。继续吗？",
                "",
                len(unsaved),
            ).format(user=self._user),
            yes=self.tr("放弃并切换"),
            no=self.tr("取消"),
            while_locked=True,
        ):  # fmt: skip
            return
        dialog = UnlockDialog(
            self._paths,
            self._list_users(self._paths),
            self._runner,
            self._window,
            unlock_school=self._unlock,
            initial_user=self._user,
            leave_text=self.tr("取消"),
        )
        dialog.setProperty(ALLOWED_WHILE_LOCKED, True)
        self.switch_dialog = dialog
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.school is not None:
                school, dialog.school = dialog.school, None
                self._unlocked(school)
        finally:
            self.switch_dialog = None
            dialog.deleteLater()

    # -- events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize:
            if self.lock_screen.isVisible():
                self.lock_screen.fit()
            return False
        if (
            kind == QEvent.Type.Show
            and self.is_locked()
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self._window
            and not _allowed_while_locked(watched)
        ):
            # Something opened a window while locked (a late message, say): it must not show
            # anything. Cover it now, close it once its own event loop runs.
            BlankCover(watched).show()
            QTimer.singleShot(0, lambda w=watched: _close_window(w))
        return False


def school_ref(window: Any) -> School | None:
    return window.school if isValid(window) else None


def _allowed_while_locked(widget: QWidget) -> bool:
    if widget.windowType() in (Qt.WindowType.ToolTip,):
        return True
    current: QWidget | None = widget
    while current is not None:
        if current.property(ALLOWED_WHILE_LOCKED):
            return True
        current = current.parentWidget()
    return False


def _close_window(widget: QWidget) -> None:
    if not isValid(widget):
        return
    if isinstance(widget, QDialog):
        QDialog.done(widget, QDialog.DialogCode.Rejected)
    else:
        widget.hide()
