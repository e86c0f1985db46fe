"""Screenshots of the 自查与上报 page and every 设置 section, with their dialogs, at 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_selfcheck_settings.py OUTDIR

Complements ``screenshot_pages.py`` (which shows each page once) with the states a user reaches:
a failing rule's evidence, a manual rule, the confirmation dialog, each settings section, the term,
account and password dialogs, and the backup list after 立即备份.

A running term's progress (按进度 / 落后 / 已达标) is shown on the self-check page, filtered and
sorted, and on the dashboard (``pg-*.png``). The demo school's last term is the one that holds
today, so these show progress unless today falls in the holidays between terms.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.selfcheck.confirm_dialog import ConfirmRuleDialog
from counselor_app.ui.selfcheck.rule_model import RuleTableModel
from counselor_app.ui.tasks import TaskRunner


def shoot_dialog(dialog: QDialog, runner: TaskRunner, target: Path) -> None:
    dialog.show()
    settle(runner, 0.6)
    grab(dialog, target)
    dialog.reject()
    settle(runner, 0.1)


def shoot_progress(window: QWidget, page: SelfCheckPage, runner: TaskRunner, out: Path) -> None:
    """The running term's 进度: the rule furthest behind selected, only the rules behind, the
    rules sorted by progress; then the dashboard's term card and what to do next."""
    if page.progress is None:
        print("today is in no term: no progress to show", file=sys.stderr)
        return
    behind = page.progress.behind()
    if behind:
        page.select_rule(page.model.row_of(behind[0].rule_id))
    settle(runner, 0.3)
    grab(window, out / "pg-01-self-check-progress.png")
    page.progress_filter.setCurrentIndex(page.progress_filter.findData("behind"))
    settle(runner, 0.3)
    grab(window, out / "pg-02-only-behind.png")
    page.progress_filter.setCurrentIndex(0)
    page.table.sortByColumn(RuleTableModel.PROGRESS, Qt.SortOrder.AscendingOrder)
    page.select_rule(page.model.row_of(page.progress.rules[0].rule_id))
    settle(runner, 0.3)
    grab(window, out / "pg-03-sorted-by-progress.png")
    page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    dashboard = window.show_section("dashboard")
    assert isinstance(dashboard, DashboardPage)
    settle(runner, 1.0)
    grab(window, out / "pg-04-dashboard.png")


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args) as (runner, school, _root):
        window = show_main_window(school, runner)

        page = window.show_section("self_check")
        assert isinstance(page, SelfCheckPage)
        settle(runner, 0.8)
        grab(window, out / "sc-01-overview.png")
        for number, rule in ((2, "SC-13-screening"), (3, "SC-09-lessons"), (4, "SC-11-room-hours")):
            page.select_rule(page.model.row_of(rule))
            settle(runner, 0.2)
            grab(window, out / f"sc-0{number}-{rule}.png")
        page.select_rule(page.model.row_of("SC-09-lessons"))
        page.open_evidence(0)  # a class: the student list, searched for it
        settle(runner, 0.8)
        grab(window, out / "sc-08-jump-to-class.png")
        window.show_section("self_check")
        settle(runner, 0.8)
        manual = page.model.row_of("SC-15-double-reduction")
        page.select_rule(manual)
        page.table.scrollTo(page.view_model.mapFromSource(page.model.index(manual, 0)))
        settle(runner, 0.2)
        grab(window, out / "sc-05-manual.png")
        dialog = ConfirmRuleDialog(page.model.row_at(manual).rule, "", page)
        shoot_dialog(dialog, runner, out / "sc-06-confirm-dialog.png")
        page.message_bar.show_info(
            page.tr("已保存：{path}").format(path="/home/teacher/文档/学期自查_示例.pdf"),
            page.tr("打开文件夹"),
            lambda: None,
        )
        settle(runner, 0.2)
        grab(window, out / "sc-07-saved-message.png")
        page.message_bar.clear()
        shoot_progress(window, page, runner, out)

        settings = window.show_section("settings")
        assert isinstance(settings, SettingsPage)
        for number, key in enumerate(SettingsPage.SECTIONS, start=1):
            section: QWidget = settings.show_section(key)
            settle(runner, 0.5)
            grab(window, out / f"st-{number:02d}-{key}.png")

        terms = settings.show_section("terms")
        terms.add_term()
        assert terms.dialog is not None
        first = terms.model.row_at(0)
        terms.dialog.first_day.setDate(terms.dialog.first_day.date().fromString(
            first["first_day"], "yyyy-MM-dd"))  # fmt: skip
        settle(runner, 0.6)
        grab(window, out / "st-10-term-overlap.png")
        terms.dialog.reject()

        accounts = settings.show_section("accounts")
        accounts.add_account()
        settle(runner, 0.3)
        grab(window, out / "st-11-add-account.png")
        accounts.dialog.reject()
        accounts.change_password()
        settle(runner, 0.3)
        grab(window, out / "st-12-change-password.png")
        accounts.dialog.reject()

        backups_section = settings.show_section("backups")
        backups_section.back_up_now()
        settle(runner, 1.0)
        grab(window, out / "st-13-backed-up.png")

        settings.show_section("school")
        section = settings.school_section
        section.area_field.setText("0")
        section.name_field.clear()
        settle(runner, 0.8)
        grab(window, out / "st-14-school-problems.png")
        window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
