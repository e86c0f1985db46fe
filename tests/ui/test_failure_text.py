"""A page that shows why work failed never shows a fault's raw text: it may name a student."""

from __future__ import annotations

from counselor_app.foundation.crash_log import LOG_FILE_NAME
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.settings.feedback import MessageBar

STUDENT = "陈喆"


def test_the_programs_own_message_is_shown_as_it_is():
    own = InvalidInput(msg("学号已存在。", "The student number exists."))
    assert failure_text(own) == "学号已存在。"


def test_a_fault_is_told_in_general_words_and_logged_without_its_text(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNSELOR_LOG_DIR", str(tmp_path))
    bar = MessageBar()
    qtbot.addWidget(bar)
    try:
        raise ValueError(f"UNIQUE constraint failed: {STUDENT}")
    except ValueError as fault:
        bar.show_failure(fault)
    shown = bar.text()
    assert "意外的错误" in shown and "已经保存的数据不受影响" in shown
    assert STUDENT not in shown and "UNIQUE" not in shown
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "ValueError" in log and "desktop: page" in log and STUDENT not in log
    assert str(tmp_path / LOG_FILE_NAME) in shown
