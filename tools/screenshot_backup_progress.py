"""Screenshots of 设置 › 备份's progress dialogs at 1366×768: a backup on its second step, the same
after 取消, the quiet message that follows, and a restore replacing files (取消 greyed out).

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_backup_progress.py OUTDIR

The work is held on the worker at the phase to show (the core's ``progress(phase)`` waits), so the
dialog stays up long enough to be photographed; it is then released and ends as it would.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.school import backups as school_backups
from counselor_app.storage import backups
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.questions import AnswerAll, replace_boxes
from counselor_app.ui.settings import backups_section


class Hold:
    """Wraps a core function so that it waits, once, just after telling ``phase``."""

    def __init__(self, owner: object, name: str, phase: str) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = getattr(owner, name)

        def held(*args: Any, progress: Callable[[str], bool], **kwargs: Any) -> Any:
            def watching(told: str) -> bool:
                answer = progress(told)
                if told == phase and not self.reached.is_set():
                    self.reached.set()
                    self.release.wait(30)
                    return progress(told) if answer else answer
                return answer

            return real(*args, progress=watching, **kwargs)

        setattr(owner, name, held)


def pump(seconds: float) -> None:
    """Process events without waiting for the (held) worker."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def wait_for(event: threading.Event) -> None:
    while not event.is_set():
        pump(0.05)


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=300).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args) as (runner, school, _root):
        window = show_main_window(school, runner)
        settings = window.show_section("settings")
        assert isinstance(settings, SettingsPage)
        section = settings.show_section("backups")
        settle(runner, 0.8)

        # 立即备份, held while writing the archive; then 取消.
        hold = Hold(backups_section, "backup_now", backups.ARCHIVE)
        section.back_up_now()
        wait_for(hold.reached)
        pump(0.8)  # the dialog appears after a moment and reads the phase
        grab(window, out / "bk-01-backup-progress.png")
        dialog = section.progress_dialog
        assert dialog is not None
        dialog.cancel_button.click()
        pump(0.3)
        grab(window, out / "bk-02-cancelling.png")
        hold.release.set()
        settle(runner, 0.6)
        grab(window, out / "bk-03-cancelled-message.png")

        # A backup to restore, then a restore held as it replaces the files.
        section.back_up_now()
        settle(runner, 1.0)
        section.table.selectRow(0)
        hold = Hold(school_backups, "restore_backup", backups.REPLACE)
        replace_boxes(AnswerAll(True))  # restore it, and no notice afterwards
        section.restore_selected()
        wait_for(hold.reached)
        pump(0.8)
        grab(window, out / "bk-04-restore-replacing.png")
        hold.release.set()
        settle(runner, 0.5)
        window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
