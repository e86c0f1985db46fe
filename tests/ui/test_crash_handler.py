"""The desktop program's top-level handler: whatever nobody expected becomes a message box in
the program's language and a log entry without student data; the program's own errors are shown
as they are."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from counselor_app.foundation.crash_log import LOG_FILE_NAME
from counselor_app.foundation.errors import NotPermitted
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.ui import app as desktop
from counselor_app.ui.crash_handler import CrashHandler
from counselor_app.ui.tasks import TaskRunner

STUDENT = "张三"
ANOTHER_STUDENT = "李玥"


class Told:
    """Stands in for the message box: records (title, text, on the UI thread?)."""

    def __init__(self) -> None:
        self.boxes: list[tuple[str, str, bool]] = []

    def __call__(self, parent, title: str, text: str) -> None:
        on_ui_thread = threading.current_thread() is threading.main_thread()
        self.boxes.append((title, text, on_ui_thread))


@pytest.fixture
def told() -> Told:
    return Told()


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


@pytest.fixture
def handler(told: Told, logs: Path):
    handler = CrashHandler(log_folder=logs, tell=told)
    handler.install()
    yield handler
    handler.uninstall()


def save_student_record() -> None:
    """A slot that fails the way a save can: the error quotes what was typed."""
    student = ANOTHER_STUDENT  # a local value: no more for the log than the message
    raise ValueError(f"{STUDENT} 的记录已存在 ({student})")


def test_a_failing_slot_shows_the_box_and_keeps_the_student_out_of_the_log(
    qtbot, handler: CrashHandler, told: Told, logs: Path
) -> None:
    button = QPushButton("保存")
    qtbot.addWidget(button)
    button.clicked.connect(save_student_record)
    button.click()  # the exception goes through PySide to the program's handler, not to a screen
    qtbot.waitUntil(lambda: told.boxes != [])

    log = logs / LOG_FILE_NAME
    [(title, text, on_ui_thread)] = told.boxes
    assert title == "出错了" and on_ui_thread
    assert "意外的错误" in text and "已经保存的数据不受影响" in text
    assert "重新打开" in text and "技术支持" in text and str(log) in text
    assert STUDENT not in text and "Traceback" not in text

    written = log.read_text(encoding="utf-8")
    assert "desktop: slot" in written
    assert "ValueError" in written and "in save_student_record" in written
    assert STUDENT not in written and ANOTHER_STUDENT not in written
    assert "记录已存在" not in written  # no part of the message at all


def test_a_worker_failure_nobody_handles_is_told_the_same_way(
    qtbot, handler: CrashHandler, told: Told, logs: Path, runner: TaskRunner
) -> None:
    handler.watch(runner)

    def import_row() -> None:
        raise KeyError(f"学生 {STUDENT}")

    runner.run(import_row)  # no on_failure: nobody expected this
    qtbot.waitUntil(lambda: told.boxes != [])
    assert "已经保存的数据不受影响" in told.boxes[0][1]
    written = (logs / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "desktop: worker" in written and "KeyError" in written and "in import_row" in written
    assert STUDENT not in written


def test_the_programs_own_error_is_shown_as_it_is_and_not_logged(
    qtbot, handler: CrashHandler, told: Told, logs: Path, runner: TaskRunner
) -> None:
    handler.watch(runner)

    def delete_as_director() -> None:
        raise NotPermitted(msg("管理员不能查看辅导记录的内容。", "Directors cannot read notes."))

    runner.run(delete_as_director)
    qtbot.waitUntil(lambda: told.boxes != [])
    assert told.boxes == [("出错了", "管理员不能查看辅导记录的内容。", True)]
    assert not (logs / LOG_FILE_NAME).exists()


def test_a_failure_on_another_thread_is_told_on_the_ui_thread(
    qtbot, handler: CrashHandler, told: Told, logs: Path
) -> None:
    def background() -> None:
        raise RuntimeError(STUDENT)

    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: told.boxes != [])
    assert told.boxes[0][2]  # shown by the UI thread
    written = (logs / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "desktop: thread" in written and "RuntimeError" in written
    assert STUDENT not in written


def test_one_box_at_a_time_and_every_failure_logged(
    qtbot, handler: CrashHandler, told: Told, logs: Path
) -> None:
    def fail(n: int) -> None:
        raise ValueError(f"{STUDENT} {n}")

    for n in range(3):
        QTimer.singleShot(0, lambda n=n: fail(n))
    qtbot.waitUntil(lambda: len(told.boxes) == 3)  # each box closed before the next came
    first = told.boxes[0]

    def tell_while_failing_again(parent, title: str, text: str) -> None:
        told(parent, title, text)
        handler.report_now(ValueError(STUDENT), "slot")  # arrives while this box is open

    handler._tell = tell_while_failing_again
    handler.report_now(ValueError(STUDENT), "slot")
    assert told.boxes[3:] == [first]  # the one that came meanwhile was not shown again
    written = (logs / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert written.count("unexpected error") == 5
    assert STUDENT not in written


def test_a_failure_at_start_up_is_told_and_the_program_exits_1(
    qapp: QApplication,
    school: School,
    told: Told,
    logs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_window(*args, **kwargs):
        raise RuntimeError(f"cannot show {STUDENT}")

    monkeypatch.setattr(desktop, "open_main_window", broken_window)
    crashes = CrashHandler(log_folder=logs, tell=told)
    assert desktop.run_desktop(school.paths, school=school, crashes=crashes) == 1
    [(title, text, _)] = told.boxes
    assert title == "出错了" and "重新打开" in text
    written = (logs / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "RuntimeError" in written and "in broken_window" in written
    assert STUDENT not in written


def test_the_box_speaks_english_in_the_english_program(
    qtbot, qapp: QApplication, handler: CrashHandler, told: Told, logs: Path, tmp_path: Path
) -> None:
    from counselor_app.foundation import i18n
    from counselor_app.ui import translations

    if translations.find_tool("lrelease") is None:
        pytest.skip("lrelease is not installed")
    translations.build_binaries(out_dir=tmp_path, quiet=True)
    try:
        assert translations.install_translators(qapp, "en", directory=tmp_path)
        handler.report_now(ValueError(STUDENT), "slot")
    finally:
        translations.install_translators(qapp, "zh")
        i18n.set_language("zh")
    [(title, text, _)] = told.boxes
    assert title == "Something went wrong"
    assert text.startswith("Something unexpected went wrong") and str(logs) in text
