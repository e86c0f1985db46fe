"""``counselor-app desktop`` on a folder without a school opens the first-run wizard, and the
main window that follows it locks like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.settings.setup_wizard import (
    FirstRunAnswers,
    create_first_school,
    suggested_terms,
)
from counselor_app.ui import app as desktop
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from tests.conftest import NOW


def test_an_empty_folder_opens_the_wizard_and_leaving_it_exits_0(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[SchoolPaths] = []

    def leave(self) -> int:
        opened.append(self._paths)
        return desktop.FirstRunWizard.DialogCode.Rejected

    monkeypatch.setattr(desktop.FirstRunWizard, "exec", leave)
    paths = SchoolPaths(tmp_path / "new")
    assert desktop.run_desktop(paths) == 0
    assert opened == [paths]
    assert not paths.database.exists()


def test_after_the_wizard_the_main_window_opens_with_locking(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = SchoolPaths(tmp_path / "new")

    def finish(self) -> int:
        answers = FirstRunAnswers(
            "实验中学",
            suggested_terms(NOW.date(), 1),
            "王老师",
            "long-password-1",
            "long-password-1",
        )
        self.school = create_first_school(paths, answers, clock=fixed_clock(NOW)).new_school.school
        return desktop.FirstRunWizard.DialogCode.Accepted

    monkeypatch.setattr(desktop.FirstRunWizard, "exec", finish)
    seen: list[MainWindow] = []
    real_open = desktop.open_main_window

    def look_then_close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                assert isinstance(widget.lock_manager, LockManager)
                widget.close()

    def open_then_close(*args, **kwargs) -> MainWindow:
        window = real_open(*args, **kwargs)
        QTimer.singleShot(0, look_then_close)  # as soon as the program's event loop runs
        return window

    monkeypatch.setattr(desktop, "open_main_window", open_then_close)
    assert desktop.run_desktop(paths) == 0
    assert len(seen) == 1
    assert paths.database.exists()
