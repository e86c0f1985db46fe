"""The screening worklist (筛查待约谈) on the dashboard and on the screening page, and the interview
dialog and 设置 › 筛查, on a demo school at 1366×768; one PNG each.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_screening_worklist.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=900, years=2).parse_args(argv)
    with demo_school(args, "counselor-worklist-") as (runner, school, _root):
        window = show_main_window(school, runner)
        dashboard = window.show_section("dashboard")
        settle(runner, 1.0)
        grab(window, args.outdir / "01-dashboard.png")

        page = window.show_section("screening")
        page.tabs.setCurrentWidget(page.worklist_tab)
        settle(runner, 0.6)
        grab(window, args.outdir / "02-worklist-tab.png")
        page.worklist_tab.set_filter("overdue")
        settle(runner)
        grab(window, args.outdir / "03-worklist-overdue.png")
        page.worklist_tab.set_filter("all")
        settle(runner)

        page.worklist_tab.table.selectRow(0)
        dialog = page.worklist_tab.interview_row(0)
        assert dialog is not None
        settle(runner)
        dialog.outcome_buttons["retest"].click()
        dialog.note_edit.setPlainText("与学生约谈，近期睡眠欠佳，已告知班主任留意。")
        settle(runner)
        grab(dialog, args.outdir / "04-interview-dialog.png")
        dialog.reject()

        settings = window.show_section("settings")
        settings.section_list.setCurrentRow(settings.stack.indexOf(settings.screening_section))
        settle(runner, 0.6)
        grab(window, args.outdir / "05-settings-screening.png")
        del dashboard
        window.close()  # closes the school
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
