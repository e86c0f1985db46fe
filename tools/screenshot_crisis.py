"""Pictures of a crisis case past a due date, in every place it shows: the dashboard (工作台), the
crisis page's case list (危机干预 › 个案进度, the overdue case selected, then filtered to 逾期, then
a case with its referral's history) and
the student's file. The demo school plants exactly one plan whose review is overdue.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_crisis.py OUTDIR
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.crisis import OVERDUE
from counselor_app.crisis.cases import case_lines, overdue_lines
from counselor_app.ui.crisis.models import ALL
from counselor_app.ui.pages.crisis import CrisisPage


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600, years=2).parse_args(argv)
    with demo_school(args) as (runner, school, _root):
        late = overdue_lines(school, school.today())
        if not late:
            print("the demo has no overdue crisis case today", file=sys.stderr)
            return 1
        case = late[0]
        window = show_main_window(school, runner)
        settle(runner, 1.0)
        grab(window, args.outdir / "crisis-dashboard.png")

        page = window.show_section("crisis")
        assert isinstance(page, CrisisPage)
        settle(runner, 1.0)
        page.open_plan(case.plan_id)
        settle(runner, 0.5)
        grab(window, args.outdir / "crisis-cases.png")
        page.cases.set_filter(OVERDUE)
        settle(runner, 0.3)
        grab(window, args.outdir / "crisis-cases-overdue.png")
        # A level-3 case with its referral's history.
        referred = max(case_lines(school, school.today()), key=lambda c: len(c.case.referrals))
        if referred.case.referrals:
            page.cases.set_filter(ALL)
            page.open_plan(referred.plan_id)
            settle(runner, 0.3)
            grab(window, args.outdir / "crisis-case-referral.png")

        window.open_student(case.student_id)
        settle(runner, 1.0)
        grab(window, args.outdir / "crisis-student-file.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
