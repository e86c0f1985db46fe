"""The OS's lock and sleep notices: what each message means (any platform), and the D-Bus path
for real on a private bus when ``dbus-daemon`` is installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest

from counselor_app.ui.os_lock_events import (
    LOGIND,
    LOGIND_MANAGER,
    LOGIND_PATH,
    PBT_APMSUSPEND,
    SCREEN_LOCKED,
    SLEEP,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    OsLockEvents,
    screen_saver_reason,
    session_manager_reason,
    sleep_signal_reason,
    windows_lock_reason,
)
from tests.conftest import HANG_LIMIT_S

WTS_SESSION_UNLOCK = 0x8
PBT_APMRESUMEAUTOMATIC = 0x12
WM_KEYDOWN = 0x0100


def test_windows_messages() -> None:
    assert windows_lock_reason(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK) == SCREEN_LOCKED
    assert windows_lock_reason(WM_POWERBROADCAST, PBT_APMSUSPEND) == SLEEP
    assert windows_lock_reason(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK) is None
    assert windows_lock_reason(WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC) is None
    assert windows_lock_reason(WM_KEYDOWN, WTS_SESSION_LOCK) is None


def test_linux_signals() -> None:
    assert sleep_signal_reason(True) == SLEEP
    assert sleep_signal_reason(False) is None  # the same signal says "woken up" with false
    assert screen_saver_reason(True) == SCREEN_LOCKED
    assert screen_saver_reason(False) is None


def test_slots_emit_only_for_locking(qtbot) -> None:
    events = OsLockEvents()
    seen: list[str] = []
    events.lock_requested.connect(seen.append)
    events.prepare_for_sleep(False)
    events.screen_saver_changed(False)
    events.prepare_for_sleep(True)
    events.screen_saver_changed(True)
    events.session_locked()
    assert seen == [SLEEP, SCREEN_LOCKED, SCREEN_LOCKED]


@pytest.fixture
def private_bus() -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address", "--nofork"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(HANG_LIMIT_S)


def test_logind_and_screen_saver_signals_over_dbus(qtbot, private_bus: str) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    listener = QDBusConnection.connectToBus(private_bus, "counselor-listener")
    system = QDBusConnection.connectToBus(private_bus, "fake-logind")
    desktop = QDBusConnection.connectToBus(private_bus, "fake-screensaver")
    assert system.registerService(LOGIND)
    assert desktop.registerService("org.freedesktop.ScreenSaver")
    try:
        events = OsLockEvents()
        events.listen_dbus(system_bus=listener, session_bus=listener)
        assert "logind:PrepareForSleep" in events.sources
        assert "org.freedesktop.ScreenSaver:ActiveChanged" in events.sources

        def send(bus, path: str, interface: str, name: str, value: bool) -> None:
            message = QDBusMessage.createSignal(path, interface, name)
            message.setArguments([value])
            assert bus.send(message)

        with qtbot.waitSignal(events.lock_requested) as sleeping:
            send(system, LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", True)
        assert sleeping.args == [SLEEP]
        with qtbot.waitSignal(events.lock_requested) as locking:
            send(
                desktop,
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                "ActiveChanged",
                True,
            )
        assert locking.args == [SCREEN_LOCKED]
    finally:
        for name in ("counselor-listener", "fake-logind", "fake-screensaver"):
            QDBusConnection.disconnectFromBus(name)


def test_without_a_bus_nothing_is_listened_to_and_nothing_breaks(qtbot) -> None:
    from PySide6.QtDBus import QDBusConnection

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "nowhere")
    try:
        events = OsLockEvents()
        events.listen_dbus(system_bus=nowhere, session_bus=nowhere)
        assert events.sources == []
    finally:
        QDBusConnection.disconnectFromBus("nowhere")


def test_deepin_session_manager_locked_property() -> None:
    for interface in ("com.deepin.SessionManager", "org.deepin.dde.SessionManager1"):
        assert session_manager_reason(interface, {"Locked": True}) == SCREEN_LOCKED
        assert session_manager_reason(interface, {"Locked": False}) is None
        assert session_manager_reason(interface, {"Stage": 5}) is None
    assert session_manager_reason("org.example.Other", {"Locked": True}) is None


def test_ukui_and_deepin_signals_over_dbus(qtbot, private_bus: str) -> None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVariant

    listener = QDBusConnection.connectToBus(private_bus, "counselor-listener")
    ukui = QDBusConnection.connectToBus(private_bus, "fake-ukui")
    deepin = QDBusConnection.connectToBus(private_bus, "fake-deepin")
    assert ukui.registerService("org.ukui.ScreenSaver")
    assert deepin.registerService("com.deepin.SessionManager")
    try:
        events = OsLockEvents()
        events.listen_dbus(system_bus=listener, session_bus=listener)
        assert "org.ukui.ScreenSaver:lock" in events.sources
        assert "com.deepin.SessionManager:Locked" in events.sources
        seen: list[str] = []
        events.lock_requested.connect(seen.append)

        with qtbot.waitSignal(events.lock_requested) as locking:
            assert ukui.send(QDBusMessage.createSignal("/", "org.ukui.ScreenSaver", "lock"))
        assert locking.args == [SCREEN_LOCKED]

        def properties_changed(changed: dict) -> QDBusMessage:
            message = QDBusMessage.createSignal(
                "/com/deepin/SessionManager", "org.freedesktop.DBus.Properties", "PropertiesChanged"
            )
            message.setArguments(["com.deepin.SessionManager", changed, []])
            return message

        assert deepin.send(properties_changed({"Stage": QDBusVariant(5)}))
        assert deepin.send(properties_changed({"Locked": QDBusVariant(False)}))
        with qtbot.waitSignal(events.lock_requested) as locking:
            assert deepin.send(properties_changed({"Locked": QDBusVariant(True)}))
        assert locking.args == [SCREEN_LOCKED]
        assert seen == [SCREEN_LOCKED, SCREEN_LOCKED]  # the other two changes locked nothing
    finally:
        for name in ("counselor-listener", "fake-ukui", "fake-deepin"):
            QDBusConnection.disconnectFromBus(name)
