"""Screenshots of the first-run wizard, the blank screen, the lock screen and the recovery key at
1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_privacy.py OUTDIR [--lang en]

Everything happens in a temporary folder with cheap key derivation (a picture, not a school).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWizard

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.settings.screen_lock import IdleClock
from counselor_app.storage import keys
from counselor_app.ui.app import prepare_application
from counselor_app.ui.first_run import FirstRunWizard
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.questions import AnswerAll, replace_boxes
from counselor_app.ui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import SCREEN, grab, make_school, settle, type_text

PASSWORD = "screenshot-password"


def wizard_shots(outdir: Path, temp: Path, runner: TaskRunner) -> None:
    wizard = FirstRunWizard(
        SchoolPaths(temp / "new-school"), runner, choose_printer=lambda _p: None
    )
    wizard.show()
    size = wizard.size()
    wizard.move((SCREEN.width() - size.width()) // 2, (SCREEN.height() - size.height()) // 2)
    settle(runner)
    grab(wizard, outdir / "wizard-1-school-empty.png")
    wizard.next()  # refused: no name yet
    settle(runner)
    grab(wizard, outdir / "wizard-1-school-error.png")
    type_text(wizard.school_page.name_field, "阳光实验学校")
    wizard.next()
    wizard.terms_page.add_suggested()
    settle(runner)
    grab(wizard, outdir / "wizard-2-terms.png")
    first, second = wizard.terms_page.rows
    suggested = second.first_edit.date()
    second.first_edit.setDate(first.first_edit.date().addDays(60))
    wizard.next()  # refused: the terms overlap
    settle(runner)
    grab(wizard, outdir / "wizard-2-terms-error.png")
    second.first_edit.setDate(suggested)
    wizard.next()
    account = wizard.account_page
    type_text(account.user_field, "王老师")
    account.password_field.setText("abcdefg1")
    account.again_field.setText("abcdefg2")
    wizard.next()  # refused: the passwords differ
    settle(runner)
    grab(wizard, outdir / "wizard-3-account-error.png")
    account.password_field.setText("sunny-river-2025")
    account.again_field.setText("sunny-river-2025")
    wizard.next()
    settle(runner, 1.0)
    grab(wizard, outdir / "wizard-4-recovery-key.png")
    wizard.key_page.confirm_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    if wizard.school is not None:
        wizard.school.close()


def window_shots(outdir: Path, temp: Path, runner: TaskRunner, students: int) -> None:
    school = make_school(temp, students, 1)
    window = MainWindow(school, runner)
    manager = LockManager(window, runner, idle=IdleClock(300))
    window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
    window.show()
    page = window.show_section("students")
    settle(runner)
    type_text(page.search_field, "王")
    settle(runner)
    grab(window, outdir / "lock-0-window.png")

    dialog = QDialog(window)
    dialog.setWindowTitle("辅导记录 — 王喆")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("王喆 初一(1)班：最近睡眠不好，约定下周再谈。"))
    layout.addWidget(QLineEdit("下周三第二节课后"))
    dialog.resize(480, 240)
    dialog.show()
    dialog.move(420, 240)
    settle(runner)
    grab(window, outdir / "blank-0-dialog-open.png")
    manager.blanker.blank()
    settle(runner)
    grab(window, outdir / "blank-1-with-dialog.png")
    manager.blanker.restore()
    settle(runner)

    manager.lock()
    settle(runner)
    grab(window, outdir / "lock-1-locked.png")
    manager.lock_screen.password_field.setText("wrong-password")
    manager.lock_screen.unlock_button.click()
    settle(runner, 1.0)
    grab(window, outdir / "lock-2-wrong-password.png")
    manager.lock_screen.password_field.setText(PASSWORD)
    manager.lock_screen.unlock_button.click()
    settle(runner, 1.0)
    grab(window, outdir / "lock-3-unlocked-again.png")
    window.close()


def recovery_key_shots(outdir: Path, temp: Path, runner: TaskRunner) -> None:
    """设置 › 账户 in a school whose printed recovery key predates sealed notes, then a new key."""
    from counselor_app.storage.keys import KeyFile
    from counselor_app.ui.pages.settings import SettingsPage

    school = make_school(temp / "recovery", 60, 1)
    key_file = KeyFile.load(school.paths.key_file)
    stand_in = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"  # as if printed before sealing existed
    key_file.with_recovery_key(
        stand_in, school.keys.without_confidential()
    ).with_pending_confidential(school.keys).save(school.paths.key_file)
    window = MainWindow(school, runner)
    window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
    window.show()
    page = window.show_section("settings")
    assert isinstance(page, SettingsPage)
    page.show_section("accounts")
    settle(runner)
    grab(window, outdir / "recovery-1-accounts-notice.png")
    page.accounts_section.manage_recovery_key()
    dialog = page.accounts_section.dialog
    replace_boxes(AnswerAll(True))
    settle(runner)
    grab(window, outdir / "recovery-2-dialog.png")
    dialog.new_button.click()
    settle(runner)
    grab(window, outdir / "recovery-3-new-key.png")
    dialog.accept()
    settle(runner)
    grab(window, outdir / "recovery-4-settled.png")
    window.close()
    school.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--students", type=int, default=200)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    keys.DEFAULT_KDF = keys.KdfParams(1, 1024, 1)  # cheap: a picture, not a school

    app = prepare_application(args.lang, [sys.argv[0]])
    if app.platformName() == "offscreen":
        print("warning: offscreen platform; run under xvfb-run for real fonts", file=sys.stderr)
    runner = TaskRunner(app)
    with tempfile.TemporaryDirectory(prefix="counselor-privacy-") as temp:
        wizard_shots(args.outdir, Path(temp), runner)
        window_shots(args.outdir, Path(temp), runner, args.students)
        recovery_key_shots(args.outdir, Path(temp), runner)
        runner.wait_idle()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
