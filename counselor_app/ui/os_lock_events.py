"""Hearing from the operating system that the screen locked or the machine is going to sleep.

Where the OS tells, :class:`OsLockEvents` emits ``lock_requested`` and the program locks too:

- **Linux** (D-Bus, through QtDBus, which PySide6-Essentials ships): logind's
  ``PrepareForSleep(true)`` and our session's ``Lock`` on the system bus; on the session bus, the
  screen saver's ``ActiveChanged(true)`` (``org.freedesktop.ScreenSaver`` and GNOME's), the UKUI
  screen saver's ``lock`` (银河麒麟) and the Deepin session manager's ``Locked`` property turning
  true (统信UOS / deepin, old and new names), announced by ``PropertiesChanged``.
- **Windows**: ``WM_WTSSESSION_CHANGE`` (``WTS_SESSION_LOCK``) after
  ``WTSRegisterSessionNotification``, and ``WM_POWERBROADCAST`` (``PBT_APMSUSPEND``), read by a
  native event filter.
- Anywhere else, or where the bus is missing: nothing, silently. The idle clock still counts time
  asleep (see :mod:`counselor_app.settings.screen_lock`), so a machine that slept locks when it wakes.

What each message means is decided by small pure functions, tested with fakes on any platform.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

SLEEP = "sleep"
SCREEN_LOCKED = "screen_locked"

# -- Windows -------------------------------------------------------------------------------------
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


def windows_lock_reason(message: int, wparam: int) -> str | None:
    """Why a Windows message means "lock now", or None."""
    if message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK:
        return SCREEN_LOCKED
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return SLEEP
    return None


class WindowsSessionFilter(QAbstractNativeEventFilter):
    """Reads the window messages Qt receives; calls ``notify`` for a lock or a suspend."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        super().__init__()
        self._notify = notify

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind == b"windows_generic_MSG":
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            reason = windows_lock_reason(int(msg.message), int(msg.wParam or 0))
            if reason is not None:
                self._notify(reason)
        return False, 0


# -- Linux (D-Bus) -------------------------------------------------------------------------------
LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
# (service, path, interface) of screen savers that say ActiveChanged(bool).
SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


# UKUI (Kylin): its screen saver says lock() and unlock(), without arguments.
UKUI_SCREEN_SAVER = ("org.ukui.ScreenSaver", "/", "org.ukui.ScreenSaver")
# Deepin (UOS): the session manager has a ``Locked`` property; V20 and V23 names.
DEEPIN_SESSION_MANAGERS = (
    ("com.deepin.SessionManager", "/com/deepin/SessionManager", "com.deepin.SessionManager"),
    (
        "org.deepin.dde.SessionManager1",
        "/org/deepin/dde/SessionManager1",
        "org.deepin.dde.SessionManager1",
    ),
)
PROPERTIES = "org.freedesktop.DBus.Properties"


def sleep_signal_reason(going_to_sleep: bool) -> str | None:
    """PrepareForSleep(true) is sent before suspending, (false) after waking."""
    return SLEEP if going_to_sleep else None


def screen_saver_reason(active: bool) -> str | None:
    return SCREEN_LOCKED if active else None


def session_manager_reason(interface: str, changed: Mapping[str, Any]) -> str | None:
    """A Deepin session manager's ``PropertiesChanged``: ``Locked`` became true."""
    if interface not in {name for _, _, name in DEEPIN_SESSION_MANAGERS}:
        return None
    return SCREEN_LOCKED if changed.get("Locked") is True else None


class OsLockEvents(QObject):
    """Emits ``lock_requested(reason)`` when the OS locks the screen or is about to sleep."""

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        self._native_filter: WindowsSessionFilter | None = None
        self._registered_hwnd: int | None = None

    # The D-Bus slots: QtDBus calls them by their signature.
    @Slot(bool)
    def prepare_for_sleep(self, going_to_sleep: bool) -> None:
        self._maybe(sleep_signal_reason(going_to_sleep))

    @Slot(bool)
    def screen_saver_changed(self, active: bool) -> None:
        self._maybe(screen_saver_reason(active))

    @Slot()
    def session_locked(self) -> None:
        self._maybe(SCREEN_LOCKED)

    # PropertiesChanged(s interface, a{sv} changed, as invalidated): the slot takes the first two,
    # typed, so that QtDBus unpacks the map (PySide cannot read a QDBusArgument).
    @Slot(str, "QVariantMap")
    def properties_changed(self, interface: str, changed: dict[str, Any]) -> None:
        self._maybe(session_manager_reason(interface, _unwrapped(changed)))

    def _maybe(self, reason: str | None) -> None:
        if reason is not None:
            log.info("the system asks to lock: %s", reason)
            self.lock_requested.emit(reason)

    # -- starting and stopping -----------------------------------------------------------------
    def start(self, window: QWidget | None = None) -> list[str]:
        """Listen where this platform can; returns what is listened to (empty: nothing)."""
        if sys.platform.startswith("linux"):
            try:
                self.listen_dbus()
            except Exception:  # a broken bus must never stop the program from starting
                log.warning("could not listen on D-Bus for screen locking", exc_info=True)
        elif sys.platform == "win32" and window is not None:
            try:
                self.listen_windows(window)
            except Exception:
                log.warning("could not register for Windows session messages", exc_info=True)
        return self.sources

    def listen_dbus(
        self, system_bus: QDBusConnection | None = None, session_bus: QDBusConnection | None = None
    ) -> None:
        """Connect to logind and the screen savers; buses may be given (tests use a private one)."""
        from PySide6.QtDBus import QDBusConnection

        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        if system.isConnected():
            if system.connect(
                LOGIND, LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", self,
                _slot("prepare_for_sleep(bool)"),
            ):  # fmt: skip
                self.sources.append("logind:PrepareForSleep")
            session_path = _logind_session_path(system)
            if session_path and system.connect(
                LOGIND, session_path, LOGIND_SESSION, "Lock", self, _slot("session_locked()")
            ):
                self.sources.append("logind:Session.Lock")
        if session.isConnected():
            for service, path, interface in SCREEN_SAVERS:
                if session.connect(
                    service, path, interface, "ActiveChanged", self,
                    _slot("screen_saver_changed(bool)"),
                ):  # fmt: skip
                    self.sources.append(f"{service}:ActiveChanged")
            service, path, interface = UKUI_SCREEN_SAVER
            if session.connect(service, path, interface, "lock", self, _slot("session_locked()")):
                self.sources.append(f"{service}:lock")
            for service, path, _interface in DEEPIN_SESSION_MANAGERS:
                if session.connect(
                    service, path, PROPERTIES, "PropertiesChanged", self,
                    _slot("properties_changed(QString,QVariantMap)"),
                ):  # fmt: skip
                    self.sources.append(f"{service}:Locked")

    def listen_windows(self, window: QWidget) -> None:
        import ctypes

        self._native_filter = WindowsSessionFilter(self._maybe)
        app = QCoreApplication.instance()
        assert app is not None
        app.installNativeEventFilter(self._native_filter)
        self.sources.append("WM_POWERBROADCAST")
        hwnd = int(window.winId())
        wtsapi32 = ctypes.windll.wtsapi32  # type: ignore[attr-defined]
        if wtsapi32.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION):
            self._registered_hwnd = hwnd
            self.sources.append("WM_WTSSESSION_CHANGE")

    def stop(self) -> None:
        if self._native_filter is not None:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeNativeEventFilter(self._native_filter)
            self._native_filter = None
        if self._registered_hwnd is not None:
            import ctypes

            wtsapi32 = ctypes.windll.wtsapi32  # type: ignore[attr-defined]
            wtsapi32.WTSUnRegisterSessionNotification(self._registered_hwnd)
            self._registered_hwnd = None


def _slot(signature: str) -> Any:
    """A slot of this object as QtDBus wants it named (Qt's SLOT() macro). ``Any``: PySide's
    stubs say bytes, but the call takes only the str that SLOT() returns."""
    from PySide6.QtCore import SLOT

    return SLOT(signature)


def _unwrapped(values: dict[str, Any]) -> dict[str, Any]:
    """The values of an ``a{sv}``, some of which may arrive still wrapped as QDBusVariant."""
    return {key: v.variant() if hasattr(v, "variant") else v for key, v in values.items()}


def _logind_session_path(system_bus: QDBusConnection) -> str | None:
    """The D-Bus object of this login session (its ``Lock`` signal is ours), if logind knows it.

    ``GetSession`` takes the id as a string ("auto": the caller's own session), which spares
    marshalling the unsigned PID that ``GetSessionByPID`` wants."""
    from PySide6.QtDBus import QDBusInterface, QDBusMessage

    manager = QDBusInterface(LOGIND, LOGIND_PATH, LOGIND_MANAGER, system_bus)
    if not manager.isValid():
        return None
    reply = manager.call("GetSession", os.environ.get("XDG_SESSION_ID") or "auto")
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return None
    path = reply.arguments()[0]
    return str(path.path()) if hasattr(path, "path") else str(path)
