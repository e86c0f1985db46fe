"""Screenshots at 1366×768 of the door schedule's print preview (辅导室 › 打印本周开放安排…), the room
page after 保存PDF…, and the progress dialog of 生成上报包… (its phase, then 正在取消…).

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_printing.py OUTDIR [--lang en]

The preview is the one the page shows (``ui.pdf_preview``), opened without its modal loop so it can
be photographed. The bundle export is held at its second phase by a patched core call.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.bundle import school_keys
from counselor_app.bundle.district import generate_district_keys
from counselor_app.bundle.export_progress import BUILD
from counselor_app.ui.pages.room import RoomPage, _build_schedule_pdf
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.pdf_preview import PdfPrintout, preview_dialog
from counselor_app.ui.selfcheck import bundle_export

PASSPHRASE = "screenshot-district-1"


def hold_export_at(phase: str) -> tuple[threading.Event, threading.Event]:
    """Patch the page's export so it waits once ``phase`` has been told; (reached, release)."""
    reached, release = threading.Event(), threading.Event()
    real = bundle_export.export_bundle

    def held(school: Any, *, progress: Any, **kwargs: Any) -> Any:
        def watching(told: str) -> bool:
            answer = progress(told)
            if told == phase:
                reached.set()
                release.wait(30)
                answer = progress(told)
            return answer

        return real(school, progress=watching, **kwargs)

    bundle_export.export_bundle = held  # type: ignore[assignment]
    return reached, release


def pump(seconds: float) -> None:
    """Let the window repaint while the worker is held (``settle`` would wait for it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=300).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args, prefix="counselor-printing-") as (runner, school, root):
        window = show_main_window(school, runner)

        # -- 辅导室: the door schedule in the print preview ----------------------------------------
        page = window.show_section("room")
        assert isinstance(page, RoomPage)
        settle(runner)
        pdf = _build_schedule_pdf(school, page.monday)
        printout = PdfPrintout(pdf.data)
        preview = preview_dialog(page, printout, page.tr("打印预览 · 本周开放安排"))
        preview.show()
        settle(runner, 1.0)
        grab(window, out / "print-1-door-schedule-preview.png")
        preview.close()
        preview.deleteLater()
        settle(runner, 0.2)

        # -- 辅导室: 保存PDF… ------------------------------------------------------------------------
        saved = root / "U盘" / "辅导室开放安排.pdf"
        saved.parent.mkdir()
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(saved), ""))  # type: ignore[method-assign]
        page.save_pdf_button.click()
        settle(runner, 1.0)
        grab(window, out / "print-2-room-saved-pdf.png")

        # -- 自查与上报 › 生成上报包…: the progress dialog --------------------------------------------
        keys = root / "district"
        generate_district_keys(
            keys, district="宿城区教育局", passphrase=PASSPHRASE, now=school.now()
        )
        school_keys.import_district_key(school, keys / "district-public.json")
        check = window.show_section("self_check")
        assert isinstance(check, SelfCheckPage)
        settle(runner, 1.5)
        target = root / "上报包.zip"
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))  # type: ignore[method-assign]
        button = check.bundle_button
        button.exec_dialog = lambda dialog: QDialog.DialogCode.Accepted
        reached, release = hold_export_at(BUILD)
        button.click()
        while not reached.is_set():
            QApplication.processEvents()
            reached.wait(0.02)
        pump(0.8)  # the dialog appears after a moment
        grab(window, out / "print-3-bundle-progress.png")
        dialog = button.progress_dialog
        assert dialog is not None
        dialog.cancel_button.click()
        pump(0.3)
        grab(window, out / "print-4-bundle-cancelling.png")
        release.set()
        settle(runner, 0.8)
        grab(window, out / "print-5-bundle-cancelled.png")
        printout.close()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
