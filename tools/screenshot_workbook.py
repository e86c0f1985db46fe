"""Screenshots of 设置 › 数据导入导出 and its dialogs at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_workbook.py OUTDIR

The section as a counsellor and as a 管理员 sees it, the progress dialog of an import (held at a
row so that it can be photographed), the problems of a rejected workbook, the summary of a good
one, and the message after an export.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.school.core import ADMIN, User
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.questions import AnswerAll, replace_boxes
from counselor_app.ui.settings import workbook_section
from counselor_app.workbook import export_workbook

BAD_ROWS = [
    ["学号", "姓名", "性别", "班级编号", "出生日期"],
    ["20259001", "张三", "男", "0701", "2012-13-45"],
    ["20259002", None, "男", "0701", None],
    ["20259003", "王五", "未知", "0999", None],
    ["20259004", "赵六", "男", "0701", "明天"],
]


def write_bad_book(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学生"
    for row in BAD_ROWS:
        sheet.append(row)
    staff = workbook.create_sheet("教职工")
    staff.append(["工号", "姓名", "性别"])
    staff.append(["T901", "欧阳晞", "女"])
    workbook.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args) as (runner, school, folder):
        exported = folder / "全部数据.xlsx"
        export_workbook(school, exported)
        window = show_main_window(school, runner)
        page = window.show_section("settings")
        assert isinstance(page, SettingsPage)
        section = page.show_section("workbook")
        assert isinstance(section, workbook_section.WorkbookSection)
        replace_boxes(AnswerAll(True))
        settle(runner)
        grab(window, out / "wb-01-section.png")

        choice: dict[str, Path] = {}
        QFileDialog.getOpenFileName = lambda *a, **k: (str(choice["open"]), "")  # type: ignore[method-assign]
        QFileDialog.getSaveFileName = lambda *a, **k: (str(choice["save"]), "")  # type: ignore[method-assign]

        # An import held at a row, to show the progress dialog.
        reached, release = threading.Event(), threading.Event()
        real = workbook_section.import_workbook

        def gated(school: Any, path: Path, *, progress: Any) -> Any:
            def watching(done: int, total: int) -> Any:
                if total and done == total // 3 and not reached.is_set():
                    reached.set()
                    release.wait(20)
                return progress(done, total)

            return real(school, path, progress=watching)

        workbook_section.import_workbook = gated
        choice["open"] = exported
        section.import_button.click()
        # Few processEvents() calls, slowly: each one costs None a reference in PySide6 6.12
        # on Python 3.11, and a busy loop of them ends the interpreter (none_dealloc).
        while not reached.is_set():
            QApplication.processEvents()
            time.sleep(0.02)
        for _ in range(30):  # past the dialog's delay and a few polls
            QApplication.processEvents()
            time.sleep(0.03)
        grab(window, out / "wb-02-import-progress.png")
        release.set()
        settle(runner, 0.5)
        grab(window, out / "wb-03-import-done.png")
        if section.result_dialog is not None:
            section.result_dialog.close()
        workbook_section.import_workbook = real

        choice["open"] = write_bad_book(folder / "有错的名册.xlsx")
        section.import_button.click()
        settle(runner, 0.6)
        grab(window, out / "wb-04-import-problems.png")
        if section.result_dialog is not None:
            section.result_dialog.close()
        settle(runner, 0.2)
        grab(window, out / "wb-05-after-problems.png")

        choice["save"] = folder / "导出.xlsx"
        section.export_button.click()
        settle(runner, 1.0)
        grab(window, out / "wb-06-exported.png")

        school_now = window.school
        assert school_now is not None
        school_now.user = User("赵主任", ADMIN)
        admin_page = SettingsPage(school_now, runner)
        window.pages.addWidget(admin_page)
        window.pages.setCurrentWidget(admin_page)
        admin_page.show_section("workbook")
        settle(runner)
        grab(window, out / "wb-07-admin-section.png")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
