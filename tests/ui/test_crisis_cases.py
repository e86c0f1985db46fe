"""危机干预 › 个案进度 and the dashboard's overdue cases: the 状态 column, its filter, a case's
steps, adding a step, and one click from the dashboard to the case.

The world of ``tests/core/test_crisis_workflow.py``; today is Thursday 2025-10-16:
- 陈喆's plan, reported Friday 10-10 at level 3: assessment due Mon 10-13 (3 days overdue), the
  guardian due 10-10 (6 days), the referral due 10-12 (4 days): 逾期 6 天;
- 李玥's plan, reported Wed 10-15 at level 1, guardian told that day: assessment due today: 进行中;
- 赵晞's plan, closed on 10-14 without a closing review: 逾期 2 天 (here given one: 已结案).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counselor_app.crisis import CLOSED, OPEN, OVERDUE
from counselor_app.crisis.history import add_step
from counselor_app.school.core import School
from counselor_app.ui.crisis.case_list import CaseListView
from counselor_app.ui.crisis.models import ALL, CaseTableModel, StepTableModel
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.crisis import CrisisPage
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_crisis_workflow import world
from tests.ui.conftest import finish_work
from tests.ui.test_dashboard import click, texts


def shown_list(qtbot, school: School, runner: TaskRunner) -> CaseListView:
    view = CaseListView(school, runner)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    with qtbot.waitSignal(view.loaded_signal):
        view.show()
    return view


def column(view: CaseListView, number: int) -> list[str]:
    return [view.proxy.index(row, number).data() for row in range(view.proxy.rowCount())]


def test_the_state_column_and_its_filter(qtbot, qtmodeltester, school, runner) -> None:
    ids = world(school)
    add_step(school, ids["closed"], "close", dt.date(2025, 10, 14), note="结案评估")
    view = shown_list(qtbot, school, runner)
    qtmodeltester.check(view.model)
    assert view.model.headerData(CaseTableModel.STATE, Qt.Orientation.Horizontal) == "状态"
    # Sorted by state, the most overdue first and the closed last.
    assert list(zip(column(view, 0), column(view, CaseTableModel.STATE), strict=True)) == [
        ("陈喆", "逾期 6 天"),
        ("李玥", "进行中"),
        ("赵晞", "已结案"),
    ]
    assert column(view, CaseTableModel.NEXT)[:2] == [
        "告知家长：应于 2025-10-10 前完成",
        "评估：2025-10-16 前",
    ]
    assert [view.filter_box.itemText(i) for i in range(4)] == ["全部", "进行中", "逾期", "已结案"]
    for state, names in ((OVERDUE, ["陈喆"]), (OPEN, ["李玥"]), (CLOSED, ["赵晞"])):
        view.set_filter(state)
        assert column(view, 0) == names
    view.set_filter(ALL)
    assert len(column(view, 0)) == 3
    assert view.count_label.text() == "显示 3 个，共 3 个；逾期 1 个"


def test_a_case_shows_its_steps_and_a_step_added_moves_its_state(qtbot, school, runner) -> None:
    ids = world(school)
    view = shown_list(qtbot, school, runner)
    assert view.select_plan(ids["late"])
    steps = view.steps_model
    shown = [
        (steps.index(r, StepTableModel.STEP).data(), steps.index(r, StepTableModel.STATE).data())
        for r in range(steps.rowCount())
    ]
    assert shown[:3] == [("评估", "逾期 3 天"), ("告知家长", "逾期 6 天"), ("转介", "逾期 4 天")]

    dialog = view.step_dialog()
    dialog.choose("inform_guardian")
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(-6))  # 2025-10-10, on time
    dialog.note_edit.setPlainText("电话告知母亲")
    with qtbot.waitSignal(view.loaded_signal):
        view.save_entry(ids["late"], dialog, step=True)
    # Told on time: what is left is the referral (4 days) and the assessment (3 days).
    assert view.selected_plan_id() == ids["late"]
    assert column(view, CaseTableModel.STATE)[0] == "逾期 4 天"
    told = view.steps_model.row_at(1)
    assert (told.done_on, told.note, told.overdue) == (dt.date(2025, 10, 10), "电话告知母亲", False)


def test_a_step_dated_after_today_is_refused_with_the_reason(qtbot, school, runner) -> None:
    ids = world(school)
    view = shown_list(qtbot, school, runner)
    view.select_plan(ids["fresh"])
    dialog = view.step_dialog()
    assert dialog.date_edit.maximumDate().toString("yyyy-MM-dd") == "2025-10-16"
    # The form stops at today; a step written after today anyway is refused, with the reason.
    dialog.date_edit.setMaximumDate(dialog.date_edit.date().addDays(1))
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))
    view.save_entry(ids["fresh"], dialog, step=True)
    finish_work(runner)
    assert (
        view.message.text() == "这条记录有 1 处需要修改：\n日期: 日期不能晚于今天（2025-10-16）。"
    )
    assert view.selected_line() is not None and view.selected_line().case.steps[0].done_on is None


def test_the_dashboard_lists_overdue_cases_and_a_click_opens_the_case(
    qtbot, school, runner
) -> None:
    ids = world(school)
    window = MainWindow(school, runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.agenda is not None)
    assert page.overdue_panel.isVisible()
    assert texts(page.overdue_panel.list) == [
        "陈喆（七年级1班）— 告知家长逾期 6 天；转介逾期 4 天；评估逾期 3 天",
        "赵晞（七年级1班）— 结案逾期 2 天",
    ]
    with qtbot.waitSignal(page.plan_requested) as asked:
        click(page.overdue_panel.list, 1)
    assert asked.args == [ids["closed"]]
    assert window.current_section() == "crisis"
    crisis = window.page("crisis")
    assert isinstance(crisis, CrisisPage)
    qtbot.waitUntil(lambda: crisis.cases.loaded)
    finish_work(runner)
    assert crisis.tabs.currentWidget() is crisis.cases
    assert crisis.cases.selected_plan_id() == ids["closed"]
    QTest.qWait(0)


def test_a_step_entered_by_mistake_is_deleted_once_asked(qtbot, school, runner, boxes) -> None:
    ids = world(school)
    add_step(school, ids["fresh"], "assess", dt.date(2025, 10, 16), note="面谈")
    view = shown_list(qtbot, school, runner)
    view.select_plan(ids["fresh"])
    view.steps_table.selectRow(0)
    boxes.answer(False)
    view.remove_selected_step()
    finish_work(runner)
    assert view.steps_model.row_at(0).done_on == dt.date(2025, 10, 16)
    boxes.answer(True)
    with qtbot.waitSignal(view.loaded_signal):
        view.remove_selected_step()
    assert view.steps_model.row_at(0).done_on is None
    assert "删除“评估”（2025-10-16）这一条记录？" in boxes.questions[-1]


def test_the_settings_section_saves_the_due_days_and_the_cases_follow(
    qtbot, school, runner
) -> None:
    from counselor_app.crisis.due_days import DueDays, read_due_days
    from counselor_app.ui.settings.crisis_section import CrisisSection

    ids = world(school)
    view = shown_list(qtbot, school, runner)
    section = CrisisSection(school, runner)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: section.spins["refer_days"].isEnabled())
    assert section.chosen() == DueDays()
    section.spins["inform_guardian_days"].setValue(7)
    with qtbot.waitSignal(view.loaded_signal):
        section.save()
    assert read_due_days(school) == DueDays(inform_guardian_days=7)
    # The guardian is now due 10-17: 陈喆's case is late by its referral (4 days) alone.
    view.select_plan(ids["late"])
    assert view.selected_line() is not None
    assert view.selected_line().state_text().render() == "逾期 4 天"
