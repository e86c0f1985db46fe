"""Screenshots of the record pages (every tab) and their forms on a demo school at 1366×768.

Run under a real X display, like ``screenshot_pages.py``::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_records.py OUTDIR [--lang en]

Besides each tab of 辅导记录, 心理委员, 家校共育, 摸排与分级, 危机干预 and 活动与会议 it saves the edit
form of the first record of every type, a new session with a 0-minute duration (the message under
时长), and the sessions list and form as a 管理员 sees them.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from counselor_app.school.core import ADMIN
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.sessions import SessionsPage
from counselor_app.ui.records.editors import IntEditor
from counselor_app.ui.records.section_page import RecordSectionPage
from counselor_app.ui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import (
    SCREEN,
    demo_school,
    grab,
    screenshot_arguments,
    settle,
    show_main_window,
)

SECTIONS = ("sessions", "monitors", "family", "screening", "crisis", "activities")


def shoot_sections(
    window: MainWindow, runner: TaskRunner, outdir: Path, sections: tuple[str, ...]
) -> None:
    for key in sections:
        page = window.show_section(key)
        assert isinstance(page, RecordSectionPage)
        for number, view in enumerate(page.lists, start=1):
            page.show_list(view)
            settle(runner)
            grab(window, outdir / f"{key}-{number}-{view.spec.type}.png")
            if view.model.rowCount():
                view.table.selectRow(0)
                form = view.open_form(view.selected_id())
                settle(runner, 0.6)
                grab(form, outdir / f"{key}-{number}-{view.spec.type}-form.png")
                form.close()


def main(argv: list[str] | None = None) -> int:
    parser = screenshot_arguments(__doc__, students=600, years=1)
    parser.add_argument("--only", choices=SECTIONS, help="just this section")
    args = parser.parse_args(argv)
    with demo_school(args, prefix="counselor-records-") as (runner, school, _root):
        window = show_main_window(school, runner)
        shoot_sections(window, runner, args.outdir, (args.only,) if args.only else SECTIONS)

        sessions = window.show_section("sessions")
        assert isinstance(sessions, RecordSectionPage)
        form = sessions.lists[0].open_form(None)
        settle(runner, 0.6)
        minutes = form.editors["minutes"]
        assert isinstance(minutes, IntEditor)
        minutes.spin.setValue(0)
        settle(runner, 0.8)
        grab(form, args.outdir / "sessions-new-zero-minutes.png")
        form.close()

        # The sessions as a 管理员 sees them: the notes withheld, nothing to save.
        counsellor = school.user
        school.user = dataclasses.replace(counsellor, role=ADMIN)
        page = SessionsPage(school, runner)
        page.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
        page.show()
        settle(runner)
        grab(page, args.outdir / "admin-sessions.png")
        view = page.lists[0]
        view.table.selectRow(0)
        form = view.open_form(view.selected_id())
        settle(runner, 0.6)
        grab(form, args.outdir / "admin-sessions-form.png")
        form.close()
        page.close()
        school.user = counsellor
        window.close()  # closes the school
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
