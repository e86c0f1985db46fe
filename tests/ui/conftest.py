"""Fixtures for the desktop program's tests: the database worker, QSettings kept in a temp folder,
a qtbot that waits as long as it takes, and a few classes and students written straight into a
school (no demo data needed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counselor_app.school.core import School
from counselor_app.ui import questions
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_MS
from tests.ui.boxes import AnsweredBoxes
from tests.ui.windows import held_windows

# (student_no, name, sex, class_code, status) — names with characters outside GB2312 on purpose.
STUDENTS = [
    ("2025010101", "张三", "M", "J2501", "enrolled"),
    ("2025010102", "李玥", "F", "J2501", "enrolled"),
    ("2025010103", "王喆", "M", "J2501", "enrolled"),
    ("2025010201", "赵堃", "M", "J2502", "enrolled"),
    ("2023010201", "陈祎", "F", "J2502", "graduated"),
]
CLASSES = [("J2501", 7, "初一(1)班"), ("J2502", 7, "初一(2)班")]


@pytest.fixture(autouse=True)
def boxes() -> Iterator[AnsweredBoxes]:
    """The program's questions and notices, answered and noted here instead of message boxes."""
    stand_in = AnsweredBoxes()
    real = questions.replace_boxes(stand_in)
    yield stand_in
    questions.replace_boxes(real)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Per-machine UI state (window geometry, language) must not leak into the tester's home."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


class PatientQtBot(QtBot):
    """pytest-qt's qtbot, whose waits are bounded by ``HANG_LIMIT_MS`` instead of 5 seconds: a
    test waits for what must happen, however slow and busy the machine; only a hung test stops.
    Tests pass no ``timeout=`` of their own."""

    def waitUntil(self, callback, *, timeout: int = HANG_LIMIT_MS):
        __tracebackhide__ = True
        return super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal, *, timeout: int = HANG_LIMIT_MS, **kwargs):
        return super().waitSignal(signal, timeout=timeout, **kwargs)

    def waitSignals(self, signals, *, timeout: int = HANG_LIMIT_MS, **kwargs):
        return super().waitSignals(signals, timeout=timeout, **kwargs)

    def waitCallback(self, *, timeout: int = HANG_LIMIT_MS, **kwargs):
        return super().waitCallback(timeout=timeout, **kwargs)

    def waitActive(self, widget, *, timeout: int = HANG_LIMIT_MS):
        return super().waitActive(widget, timeout=timeout)

    def waitExposed(self, widget, *, timeout: int = HANG_LIMIT_MS):
        return super().waitExposed(widget, timeout=timeout)


@pytest.fixture
def qtbot(qapp: QApplication, request: pytest.FixtureRequest) -> PatientQtBot:
    return PatientQtBot(request)


def finish_work(runner: TaskRunner) -> None:
    """Wait for the worker and run every callback, including work the callbacks start."""
    for _ in range(1000):  # rounds of callbacks starting more work; more is a loop, not a test
        runner.wait_idle()
        QCoreApplication.processEvents()  # everything finished is posted: this delivers it all
        if not runner.busy:
            return
    raise AssertionError("the work on the worker never ends")


@pytest.fixture(autouse=True)
def _release_test_windows() -> Iterator[None]:
    yield
    held_windows.clear()


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    finish_work(runner)  # deliver what finished, so nothing arrives in the next test


def add_students(school: School, students: list[tuple[str, str, str, str, str]] = STUDENTS) -> None:
    with school.db.transaction() as db:
        for code, grade, name in CLASSES:
            db.execute(
                "INSERT OR IGNORE INTO class (school_year, class_code, grade, name)"
                " VALUES (2025, ?, ?, ?)",
                (code, grade, name),
            )
        for student_no, name, sex, class_code, status in students:
            db.execute(
                "INSERT INTO student (student_no, name, sex, class_id, status)"
                " VALUES (?, ?, ?, (SELECT id FROM class WHERE class_code = ?), ?)",
                (student_no, name, sex, class_code, status),
            )
    try:  # pinyin keys, as the record service keeps them
        from counselor_app.students.search import refresh_search_keys
    except ImportError:
        return
    refresh_search_keys(school.db)


@pytest.fixture
def school_with_students(school: School) -> School:
    add_students(school)
    return school


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]
