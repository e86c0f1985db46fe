"""The Qt binding must not leak references to None: PySide6 6.12.0 dropped one on every call that
returns None, and a working day of clicks then aborted the program (none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_returning_none_keep_nones_reference_count(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10  # other objects may come and go; not 1000
