"""Screenshots of student mode (学生作答模式) and paper answer entry (纸质答卷录入) at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_screening_entry.py OUTDIR

With ``--hold SECONDS`` it starts student mode and leaves it up for that long instead, for trying
to get out of it by hand (``xdotool key alt+F4`` under a window manager); at the end it says whether
student mode is still up and the main window still hidden, and saves ``held.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from counselor_app.screening.scales import load_scales
from counselor_app.settings.screen_lock import IdleClock
from counselor_app.ui.lock import LockManager
from counselor_app.ui.questions import AnswerAll, replace_boxes
from counselor_app.ui.screening.consent_prompt import ConsentExceptionDialog
from counselor_app.ui.screening.paper_entry import PaperEntryDialog
from counselor_app.ui.screening.student_mode import Sitting, StudentModeWindow
from counselor_app.ui.screening.student_mode_setup import StudentModeSetup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import (
    SCREEN,
    demo_school,
    grab,
    screenshot_arguments,
    settle,
    show_main_window,
    type_text,
)


def first_student(school) -> tuple[int, str, str, int, str]:
    row = school.db.query_one(
        "SELECT s.id, s.name, s.student_no, c.id AS class_id, c.school_year FROM student s"
        " JOIN class c ON c.id = s.class_id WHERE s.status = 'enrolled'"
        " ORDER BY c.school_year DESC, c.class_code, s.student_no LIMIT 1"
    )
    return row["id"], row["name"], row["student_no"], row["class_id"], str(row["school_year"])


def press(widget, key: Qt.Key, text: str = "") -> None:
    QApplication.sendEvent(
        widget, QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    )


def student_mode_shots(outdir: Path, school, runner, window) -> None:
    window.show_section("screening")
    settle(runner)
    grab(window, outdir / "screening-1-page-buttons.png")

    student, name, number, _class, _year = first_student(school)
    setup = StudentModeSetup(school, runner, window, window)
    setup.show()
    setup.move((SCREEN.width() - setup.width()) // 2, 180)
    type_text(setup.picker.line, name)
    setup.picker.search_now()
    settle(runner)
    setup._picked(student, f"{name}（{number}）")
    settle(runner)
    grab(window, outdir / "student-mode-0-setup.png")
    consent = ConsentExceptionDialog(setup, [f"{name}（{number}）"], False)
    consent.show()
    type_text(consent.reason, "家长电话同意，书面同意书补交中")
    settle(runner)
    grab(consent, outdir / "student-mode-0-consent-exception.png")
    consent.close()
    setup.close()

    scale = load_scales().find("PHQ-9")
    sitting = Sitting(student, name, scale.id, school.today(), "家长电话同意，书面同意书补交中")
    student_window = StudentModeWindow(school, runner, scale, sitting, window)
    student_window.begin()
    settle(runner, 0.8)
    grab(student_window, outdir / "student-mode-1-start.png")
    student_window.start_page.start_button.click()
    for value in (1, 2):
        student_window.item_page.buttons[value].click()
        student_window.item_page.next_button.click()
    student_window.item_page.buttons[1].click()
    settle(runner)
    grab(student_window, outdir / "student-mode-2-item.png")
    # Keys a student might try: swallowed, nothing changes.
    for key, modifiers in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        QApplication.sendEvent(
            QApplication.focusWidget() or student_window,
            QKeyEvent(QKeyEvent.Type.KeyPress, key, modifiers),
        )
    student_window.close()
    settle(runner)
    print("after Alt+F4, Esc, Ctrl+L, Ctrl+W, close():",
          "student mode up" if student_window.isVisible() else "STUDENT MODE GONE",
          "main window hidden" if not window.isVisible() else "MAIN WINDOW SHOWN")  # fmt: skip
    student_window.teacher_button.click()
    student_window.leave_page.password.setText("wrong-password")
    student_window.leave_page.leave_button.click()
    settle(runner, 0.8)
    grab(student_window, outdir / "student-mode-3-password-wrong.png")
    student_window.leave_page.resume_button.click()
    while student_window.index < len(scale.items) - 1:
        student_window.item_page.buttons[1].click()
        student_window.item_page.next_button.click()
    student_window.item_page.buttons[0].click()
    student_window.item_page.next_button.click()
    settle(runner, 0.8)
    grab(student_window, outdir / "student-mode-4-thanks.png")
    student_window.teacher_button.click()
    settle(runner)
    grab(student_window, outdir / "student-mode-5-password-to-leave.png")
    student_window.leave_page.password.setText("screenshot-password")
    student_window.leave_page.leave_button.click()
    settle(runner, 1.0)
    grab(window, outdir / "student-mode-6-back-in-the-program.png")


def paper_shots(outdir: Path, school, runner, window) -> None:
    _student, _name, _number, class_id, _year = first_student(school)
    dialog = PaperEntryDialog(school, runner, window)
    dialog.show()
    dialog.move((SCREEN.width() - dialog.width()) // 2, 30)
    settle(runner)
    dialog.scales.choose("phq9")
    day = school.today()
    dialog.date.setDate(QDate(day.year, day.month, day.day))
    settle(runner)
    dialog.choose_class(class_id)
    dialog.begin()
    settle(runner)
    grid = dialog.grid
    grid.setFocus()
    for text in "012301230" + "111021001" + "-" + "2222" + "0000":
        key = Qt.Key.Key_Minus if text == "-" else Qt.Key(Qt.Key.Key_0 + int(text))
        press(grid, key, text)
    press(grid, Qt.Key.Key_7, "7")  # refused: shown under the grid
    settle(runner)
    grab(dialog, outdir / "paper-entry-1-mid-entry.png")
    dialog.done(0)


def hold(seconds: float, outdir: Path, school, runner, window) -> None:
    student, name, _number, _class, _year = first_student(school)
    scale = load_scales().find("PHQ-9")
    student_window = StudentModeWindow(
        school, runner, scale, Sitting(student, name, scale.id, school.today()), window
    )
    student_window.begin()
    student_window.start_page.start_button.click()
    print("student mode up; try to get out", flush=True)

    def report() -> None:
        up = student_window.isVisible() and student_window.isFullScreen()
        print("student mode up:", up, "| main window visible:", window.isVisible(),
              "| keys swallowed:", student_window.lockdown.swallowed,
              "| keyboard grabbed:", student_window.lockdown.grab_keyboard(), flush=True)  # fmt: skip
        grab(student_window, outdir / "held.png")
        QApplication.quit()

    QTimer.singleShot(int(seconds * 1000), report)
    QApplication.exec()


def main() -> int:
    parser = screenshot_arguments(__doc__, students=300)
    parser.add_argument("--hold", type=float, default=0)
    args = parser.parse_args()
    replace_boxes(AnswerAll(True))
    with demo_school(args) as (runner, school, _root):
        window = show_main_window(school, runner)
        LockManager(window, runner, idle=IdleClock(300))
        settle(runner)
        if args.hold:
            hold(args.hold, args.outdir, school, runner, window)
        else:
            student_mode_shots(args.outdir, school, runner, window)
            paper_shots(args.outdir, school, runner, window)
        window.close()
        runner.wait_idle()
    return 0


if __name__ == "__main__":
    sys.exit(main())
