"""Pictures of the student file, the quick session form and the dashboard on a demo school.

Run under a real X display at the size of a school PC::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_student_views.py OUTDIR

Saves: the dashboard; a key student's file (counsellor) with a session selected; the same file as
a 管理员 sees it; the quick session form with the student list open and with a student picked.
The school is the demo school of ``tools/screenshot_pages.py``.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counselor_app.dashboard.today import agenda
from counselor_app.school.core import User
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.quick_session import QuickSessionDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600, years=2).parse_args(argv)
    with demo_school(args) as (runner, school, _root):
        today = agenda(school)
        key = today.reviews[0].student_id if today.reviews else 1

        window = show_main_window(school, runner)
        settle(runner, 0.8)
        grab(window, args.outdir / "dashboard.png")

        page = window.open_student(key)
        assert isinstance(page, StudentsPage)
        settle(runner, 0.6)
        view = page.file_view
        sessions = [
            row for row in range(view.proxy.rowCount())
            if view.proxy.index(row, 0).data(view.model.ROW_ROLE).record_type == "session"
        ]  # fmt: skip
        if sessions:
            view.timeline_view.selectRow(sessions[0])
        settle(runner)
        grab(window, args.outdir / "student-file.png")

        dialog = window.open_quick_session()
        assert isinstance(dialog, QuickSessionDialog)
        settle(runner)
        grab(window, args.outdir / "quick-session-prefilled.png")
        dialog.discard()

        window.show_section("dashboard")
        settle(runner)
        dialog = window.open_quick_session()
        assert isinstance(dialog, QuickSessionDialog)
        settle(runner)
        QTest.keyClicks(dialog.student_field.line, "w")
        settle(runner, 0.6)
        grab(window, args.outdir / "quick-session-search.png")
        popup = dialog.student_field.completer.popup()
        QTest.keyClick(popup if popup.isVisible() else dialog.student_field.line, Qt.Key.Key_Down)
        QTest.keyClick(popup if popup.isVisible() else dialog.student_field.line, Qt.Key.Key_Return)
        dialog.notes_field.setPlainText("该生因考试焦虑来访，练习了呼吸放松。")
        dialog.date_field.setDate(dialog.date_field.date().addYears(3))  # outside every term
        settle(runner, 0.8)
        grab(window, args.outdir / "quick-session-picked.png")
        dialog.discard()

        # The same file as a 管理员 sees it.
        window.show_section("dashboard")
        admin = dataclasses.replace(school.user, name="教务处", role="admin")
        school.user = admin
        page.open_student(key)
        window.show_section("students")
        settle(runner, 0.6)
        if sessions:
            view.timeline_view.selectRow(sessions[0])
        settle(runner)
        grab(window, args.outdir / "student-file-admin.png")
        school.user = User(admin.name, "counsellor")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
