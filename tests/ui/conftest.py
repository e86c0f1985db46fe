"""Fixtures for the desktop program's tests: the database worker, QSettings kept in a temp folder,
and a few classes and students written straight into a school (no demo data needed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from counselor_app.school import School
from counselor_app.ui.tasks import TaskRunner

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
def _settings_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Per-machine UI state (window geometry, language) must not leak into the tester's home."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()
    QApplication.processEvents()  # deliver what finished, so nothing arrives in the next test


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
        from counselor_app.student_search import refresh_search_keys
    except ImportError:
        return
    refresh_search_keys(school.db)


@pytest.fixture
def school_with_students(school: School) -> School:
    add_students(school)
    return school


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]
