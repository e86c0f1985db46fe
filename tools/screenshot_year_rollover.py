"""Screenshots of 设置 › 学年 and the year roll-over's preview, at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_year_rollover.py OUTDIR

The demo school (two school years, as ``counselor-app demo`` makes it) is made today and then seen on 10 July of its school year's second calendar year
(a year is rolled over in the summer, not while it runs): its year before the roll-over (yr-01), the preview as proposed (yr-02), the preview
with a code given twice and a head teacher changed (yr-03), and the section after confirming, with
撤销升级 on (yr-04).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.demo.ready_school import DEMO_YEARS
from counselor_app.foundation.clock import fixed_clock
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.questions import AnswerAll, replace_boxes
from counselor_app.ui.settings.rollover_dialog import RolloverPlanModel
from counselor_app.ui.settings.years_section import YearsSection
from counselor_app.years.school_years import current_school_year

CHINA = dt.timezone(dt.timedelta(hours=8))


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600, years=DEMO_YEARS).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args) as (runner, school, _root):
        year = current_school_year(school.db, school.today())
        school.clock = fixed_clock(dt.datetime(year.start + 1, 7, 10, 9, 0, tzinfo=CHINA))
        window = show_main_window(school, runner)
        settings = window.show_section("settings")
        assert isinstance(settings, SettingsPage)
        section = settings.show_section("years")
        assert isinstance(section, YearsSection)
        settle(runner, 0.6)
        grab(window, out / "yr-01-years.png")

        section.preview()
        settle(runner, 0.6)
        dialog = section.dialog
        assert dialog is not None
        dialog.move(
            window.x() + (window.width() - dialog.width()) // 2,
            window.y() + (window.height() - dialog.height()) // 2,
        )
        settle(runner, 0.4)
        grab(dialog, out / "yr-02-preview.png")

        model = dialog.model
        model.setData(model.index(1, RolloverPlanModel.CODE), model.plan.rows[0].code)
        staff = model.plan.staff
        model.setData(
            model.index(2, RolloverPlanModel.HEAD_TEACHER),
            staff[-1].id,
            RolloverPlanModel.STAFF_ROLE,
        )
        settle(runner, 0.4)
        grab(dialog, out / "yr-03-preview-problem.png")

        model.setData(
            model.index(1, RolloverPlanModel.CODE), model.plan.rows[1].old_code[:2] + "99"
        )
        replace_boxes(AnswerAll(True))
        dialog.confirm()
        settle(runner, 1.0)
        grab(window, out / "yr-04-after.png")
        window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
