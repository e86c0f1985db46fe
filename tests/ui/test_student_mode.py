"""学生作答模式: up full screen, it cannot be left nor anything else reached without a counsellor's
password; the student never sees a score; the answers are saved as a student-mode screening; a
lock meanwhile shows only the lock screen and brings the sitting back after unlocking."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from shiboken6 import isValid

from counselor_app.records.service import RecordService
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, School
from counselor_app.screening.answers import read_answers
from counselor_app.screening.scales import load_scales, parse_scale
from counselor_app.settings.screen_lock import IdleClock
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.screening.consent_prompt import ConsentDecision
from counselor_app.ui.screening.lockdown import leaves_student_mode
from counselor_app.ui.screening.student_mode import Sitting, StudentModeWindow
from counselor_app.ui.screening.student_mode_setup import StudentModeSetup
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import PASSWORD, give_screening_consent
from tests.ui.conftest import finish_work
from tests.ui.test_lock import Clocks, unlock_with

DAY = dt.date(2025, 10, 16)
# PHQ-9 answered 2,2,2,2,2,2,1,1,0: a total of 6×2 + 2×1 + 0 = 14, the band 中度 (10–14), which
# calls for an interview; item 9 answered 0, so no critical item.
ANSWERS = [2, 2, 2, 2, 2, 2, 1, 1, 0]
PHQ9_OPTIONS = [0, 1, 2, 3]  # the answer buttons, top to bottom

# Keys that would leave a window or reach the program's other parts, with their modifiers.
ESCAPES = [
    ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ("Esc", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+L (lock)", Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+B (blank)", Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+N (快速记录)", Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
    ("F2 (快速记录)", Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
    ("Alt+Tab", Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
]


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def main(qtbot, school_with_students: School, runner: TaskRunner, clocks: Clocks) -> MainWindow:
    """The real main window with its lock manager (idle time on a clock the test moves)."""
    window = MainWindow(school_with_students, runner)
    qtbot.addWidget(window)
    idle = IdleClock(300, steady=clocks.steady, wall=clocks.wall)
    window.lock_manager = LockManager(window, runner, idle=idle, tick_ms=10)  # type: ignore[attr-defined]
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def student_id(school: School, name: str) -> int:
    return int(school.db.scalar("SELECT id FROM student WHERE name = ?", (name,)))


def start(qtbot, school: School, runner: TaskRunner, main: QWidget) -> StudentModeWindow:
    scale = load_scales().find("PHQ-9")
    zhang = student_id(school, "张三")
    if school.db.scalar("SELECT count(*) FROM consent WHERE student_id = ?", (zhang,)) == 0:
        give_screening_consent(school.db, [zhang])
    sitting = Sitting(zhang, "张三", scale.id, DAY)
    window = StudentModeWindow(school, runner, scale, sitting, main)
    window.begin()
    qtbot.waitExposed(window)
    finish_work(runner)  # the counsellors' accounts for the password page
    return window


def visible_texts(widget: QWidget) -> list[str]:
    return [
        w.text()
        for w in widget.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisible()
    ]


def other_visible_windows(student: QWidget) -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not student and w.windowType() != Qt.WindowType.ToolTip
    ]


def answer_all(qtbot, window: StudentModeWindow, answers: list[int]) -> None:
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    for answer in answers:
        button = window.item_page.buttons[PHQ9_OPTIONS.index(answer)]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.item_page.next_button, Qt.MouseButton.LeftButton)


def leave_with(qtbot, window: StudentModeWindow, password: str) -> None:
    qtbot.mouseClick(window.teacher_button, Qt.MouseButton.LeftButton)
    window.leave_page.password.setText(password)
    qtbot.mouseClick(window.leave_page.leave_button, Qt.MouseButton.LeftButton)


def test_no_key_no_close_and_no_activation_gets_out_of_student_mode(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    window = start(qtbot, school_with_students, runner, main)
    manager = main.lock_manager  # type: ignore[attr-defined]
    assert window.isVisible() and window.isFullScreen()
    assert not main.isVisible()
    assert QApplication.activeModalWidget() is window
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint  # no close button

    for page in ("start", "item"):
        if page == "item":
            qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
        for name, key, modifiers in ESCAPES:
            target = QApplication.focusWidget() or window
            qtbot.keyClick(target, key, modifiers)
            QCoreApplication.processEvents()
            assert window.isVisible(), name
            assert not main.isVisible(), name
            assert not manager.is_locked(), name
            assert not manager.blanker.is_blank(), name
            assert other_visible_windows(window) == [], name
    assert window.lockdown.swallowed >= len(ESCAPES) * 2

    window.close()
    window.reject()
    assert window.isVisible()

    # Something shows and activates the main window: the student's window stays in front and
    # modal, and the main window's content lies under a cover with only the program's name.
    main.show()
    main.activateWindow()
    assert window.isVisible() and QApplication.activeModalWidget() is window
    covers = [c for c in main.findChildren(QWidget, "blankCover") if c.isVisible()]
    assert len(covers) == 1 and covers[0].geometry() == main.rect()
    # What lies under the mouse anywhere in the main window is the cover, not the program.
    item = main.navigation.item(3)
    assert item is not None
    point = main.navigation.viewport().mapTo(main, main.navigation.visualItemRect(item).center())
    under = main.childAt(point)
    assert under is covers[0] or under in covers[0].findChildren(QWidget)
    # Even a click sent to the navigation itself does nothing: the main window is disabled.
    row = main.navigation.currentRow()
    qtbot.mouseClick(main.navigation.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert main.navigation.currentRow() == row
    qtbot.waitUntil(lambda: not main.isVisible())  # and it is hidden again
    assert window.isVisible()


def test_a_wrong_password_keeps_it_the_right_one_leaves_and_the_answers_are_saved(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    school = school_with_students
    window = start(qtbot, school, runner, main)
    answer_all(qtbot, window, ANSWERS)
    assert window.pages.currentWidget() is window.thanks_page
    qtbot.waitUntil(lambda: window.save_state == "saved")

    # Nothing the student can see tells the score or the band.
    band_words = [w for band in load_scales().find("phq9").bands for w in (band.zh, band.en)]
    texts = " ".join(visible_texts(window))
    assert "谢谢" in texts
    assert "14" not in texts and not any(word in texts for word in band_words)
    assert "分" not in texts.replace("部分", "")

    leave_with(qtbot, window, "not-the-password")
    qtbot.waitUntil(lambda: window.leave_page.error.isVisible())
    assert "密码" in window.leave_page.error.text()
    assert window.isVisible() and not main.isVisible()

    with qtbot.waitSignal(window.ended) as ended:
        window.leave_page.password.setText(PASSWORD)
        qtbot.mouseClick(window.leave_page.leave_button, Qt.MouseButton.LeftButton)
    assert ended.args == [True]
    assert main.isVisible()
    assert not isValid(window) or not window.isVisible()

    rows = school.db.query(
        "SELECT id, student_id, scale_id, score, band, flagged, way FROM screening"
    )
    assert [tuple(r)[1:] for r in rows] == [
        (student_id(school, "张三"), "phq9", 14, "moderate", 1, "student_mode")
    ]
    assert read_answers(school, rows[0]["id"]) == tuple(ANSWERS)


def test_a_failed_save_is_told_to_the_counsellor_after_the_password_and_can_be_retried(
    qtbot,
    school_with_students: School,
    runner: TaskRunner,
    main: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from counselor_app.foundation.errors import CounselorError
    from counselor_app.foundation.i18n import msg
    from counselor_app.screening import answers as answers_module
    from counselor_app.ui.screening import student_mode

    attempts: list[int] = []

    def failing_once(school, entries, way):
        attempts.append(1)
        if len(attempts) == 1:
            raise CounselorError(msg("磁盘已满", "The disk is full"))
        return answers_module.save_screenings(school, entries, way)

    monkeypatch.setattr(student_mode, "save_screenings", failing_once)
    school = school_with_students
    window = start(qtbot, school, runner, main)
    answer_all(qtbot, window, ANSWERS)
    qtbot.waitUntil(lambda: window.save_state == "failed")
    assert not any("磁盘" in text for text in visible_texts(window))  # not told to the student

    leave_with(qtbot, window, PASSWORD)
    qtbot.waitUntil(lambda: window.leave_page.retry_button.isVisible())
    assert "磁盘已满" in window.leave_page.error.text() and window.isVisible()
    with qtbot.waitSignal(window.ended) as ended:
        qtbot.mouseClick(window.leave_page.retry_button, Qt.MouseButton.LeftButton)
    assert ended.args == [True] and main.isVisible()
    assert school.db.scalar("SELECT count(*) FROM screening WHERE way = 'student_mode'") == 1


def test_stopping_early_needs_the_password_and_saves_nothing(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    school = school_with_students
    window = start(qtbot, school, runner, main)
    answer_all(qtbot, window, ANSWERS[:3])
    qtbot.mouseClick(window.teacher_button, Qt.MouseButton.LeftButton)
    assert "不会保存" in window.leave_page.explanation.text()
    qtbot.mouseClick(window.leave_page.resume_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.item_page  # back where the student was

    with qtbot.waitSignal(window.ended) as ended:
        leave_with(qtbot, window, PASSWORD)
    assert ended.args == [False]
    assert main.isVisible()
    assert school.db.scalar("SELECT count(*) FROM screening") == 0


def test_an_administrators_password_does_not_leave(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    add_account(school_with_students, "赵主任", ADMIN, "admin-password-1")
    window = start(qtbot, school_with_students, runner, main)
    qtbot.mouseClick(window.teacher_button, Qt.MouseButton.LeftButton)
    assert window.leave_page.account.findText("赵主任") == -1  # only counsellors are offered
    window.leave_page.account.addItem("赵主任")  # and one typed in anyway is refused
    window.leave_page.account.setCurrentText("赵主任")
    window.leave_page.password.setText("admin-password-1")
    qtbot.mouseClick(window.leave_page.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.leave_page.error.isVisible())
    assert "心理教师" in window.leave_page.error.text()
    assert window.isVisible() and not main.isVisible()


def test_items_step_back_and_on_and_need_an_answer(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    window = start(qtbot, school_with_students, runner, main)
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    assert "第 1 题，共 9 题" in visible_texts(window)
    qtbot.mouseClick(window.item_page.next_button, Qt.MouseButton.LeftButton)
    assert window.index == 0 and window.item_page.hint.isVisible()  # no answer yet
    qtbot.keyClick(window.item_page, Qt.Key.Key_3)  # the third answer on screen: value 2
    qtbot.keyClick(window.item_page, Qt.Key.Key_Right)
    assert window.index == 1 and window.answers[0] == 2
    qtbot.mouseClick(window.item_page.back_button, Qt.MouseButton.LeftButton)
    assert window.index == 0 and window.item_page.buttons[2].isChecked()


def test_an_idle_lock_shows_only_the_lock_screen_and_brings_the_sitting_back(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow, clocks: Clocks
) -> None:
    manager = main.lock_manager  # type: ignore[attr-defined]
    zhang = student_id(school_with_students, "张三")
    window = start(qtbot, school_with_students, runner, main)
    answer_all(qtbot, window, ANSWERS[:4])

    with qtbot.waitSignal(manager.locked):
        clocks.work(300)  # five minutes without a key or a click
    assert not isValid(window) or not window.isVisible()
    assert main.isVisible() and manager.lock_screen.isVisible()
    assert not main.centralWidget().isVisible()  # nothing of the program under the lock
    assert [k.state for k in manager.kept_dialogs()] == [
        {
            "sitting": Sitting(zhang, "张三", "phq9", DAY).as_state(),
            "answers": [*ANSWERS[:4], None, None, None, None, None],
        }
    ]

    unlock_with(qtbot, manager, PASSWORD)

    def reopened() -> StudentModeWindow | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, StudentModeWindow) and isValid(w) and w.isVisible()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: reopened() is not None)
    again = reopened()
    assert again is not None and again.isFullScreen()
    assert not main.isVisible()
    assert again.start_page.start_button.text() == "继续作答"
    qtbot.mouseClick(again.start_page.start_button, Qt.MouseButton.LeftButton)
    assert again.index == 4  # the first item not answered yet
    assert again.answers[:4] == ANSWERS[:4]


def test_keys_that_leave_are_told_from_typing() -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> bool:
        return leaves_student_mode(QKeyEvent(QEvent.Type.KeyPress, k, mods))

    assert key(Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert key(Qt.Key.Key_Escape) and key(Qt.Key.Key_F2) and key(Qt.Key.Key_Super_L)
    assert key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not key(Qt.Key.Key_A) and not key(Qt.Key.Key_3) and not key(Qt.Key.Key_Return)
    assert not key(Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # a capital in a password
    assert not key(Qt.Key.Key_Tab) and not key(Qt.Key.Key_Backspace)


# -- starting: consent, and a scale without Chinese wording --------------------------------------
ENGLISH_ONLY = """
id = "eng2"
name = "ENG-2"
title_zh = "英文量表"
title_en = "An English-only scale"
source = "test"
licence = "test"
instructions_en = "How often?"
[[options]]
value = 0
en = "Never"
[[options]]
value = 1
en = "Sometimes"
[[items]]
number = 1
en = "I feel fine"
[[items]]
number = 2
en = "I sleep well"
[[bands]]
id = "low"
zh = "低"
min = 0
max = 2
"""


class Prompts:
    def __init__(self, decision: ConsentDecision | None) -> None:
        self.decision = decision
        self.asked: list[tuple[list[str], bool]] = []

    def __call__(self, parent, names, can_leave_out):
        self.asked.append((names, can_leave_out))
        return self.decision


def setup_dialog(qtbot, school, runner, main, prompt, scales=None) -> StudentModeSetup:
    from counselor_app.screening.scales import ScaleLibrary

    load = (lambda: ScaleLibrary(scales)) if scales is not None else None
    dialog = StudentModeSetup(school, runner, main, main, prompt=prompt, load_scales=load)
    qtbot.addWidget(dialog)
    dialog.show()
    finish_work(runner)
    if scales is None:
        dialog.scales.choose("phq9")
    hit_id = student_id(school, "张三")
    dialog._picked(hit_id, "张三（2025010101）")
    return dialog


def test_without_consent_the_counsellor_is_told_and_goes_on_only_with_a_reason(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    school = school_with_students
    refused = Prompts(None)
    dialog = setup_dialog(qtbot, school, runner, main, refused)
    dialog.start()
    finish_work(runner)
    assert refused.asked == [(["张三（2025010101）"], False)]
    assert dialog.student_window is None and main.isVisible()

    given = Prompts(ConsentDecision(reason="家长电话同意，书面同意书补交中"))
    dialog = setup_dialog(qtbot, school, runner, main, given)
    dialog.start()
    finish_work(runner)
    window = dialog.student_window
    assert window is not None and window.isVisible() and not main.isVisible()
    answer_all(qtbot, window, ANSWERS)
    qtbot.waitUntil(lambda: window.save_state == "saved")
    with qtbot.waitSignal(window.ended):
        leave_with(qtbot, window, PASSWORD)
    sealed = school.db.scalar("SELECT consent_exception FROM screening")
    assert (
        school.open_text("screening.consent_exception", sealed) == "家长电话同意，书面同意书补交中"
    )


def test_with_consent_on_file_nothing_is_asked(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow
) -> None:
    school = school_with_students
    RecordService(school).create(
        "consent",
        {
            "student_id": student_id(school, "张三"),
            "guardian": "张父",
            "scope": "测评",
            "given_on": "2025-09-01",
        },
    )
    prompts = Prompts(None)
    dialog = setup_dialog(qtbot, school, runner, main, prompts)
    dialog.start()
    finish_work(runner)
    assert prompts.asked == []
    window = dialog.student_window
    assert window is not None and window.isVisible()
    with qtbot.waitSignal(window.ended):
        leave_with(qtbot, window, PASSWORD)


def test_a_scale_without_chinese_wording_is_shown_in_english_after_a_notice(
    qtbot, school_with_students: School, runner: TaskRunner, main: MainWindow, boxes
) -> None:
    scale = parse_scale(ENGLISH_ONLY, "eng2.toml")
    given = Prompts(ConsentDecision(reason="测试"))
    dialog = setup_dialog(qtbot, school_with_students, runner, main, given, scales=[scale])
    assert dialog.language_note.isVisible() and "英文" in dialog.language_note.text()
    boxes.answer(False)  # 返回
    dialog.start()
    finish_work(runner)
    assert dialog.student_window is None and "英文" in boxes.asked[-1].text
    boxes.answer(True)
    dialog.start()
    finish_work(runner)
    window = dialog.student_window
    assert window is not None
    qtbot.mouseClick(window.start_page.start_button, Qt.MouseButton.LeftButton)
    texts = visible_texts(window)
    assert "I feel fine" in texts and "How often?" in texts
    assert any("Never" in t for t in texts)
    with qtbot.waitSignal(window.ended):
        leave_with(qtbot, window, PASSWORD)
