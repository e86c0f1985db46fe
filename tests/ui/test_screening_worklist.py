"""筛查待约谈 on the screening page and on the dashboard, and the interview dialog that closes an
entry.

The school's clock reads Thursday 2025-10-16. Due dates by hand (the National Day holiday ends on
8 October): a moderate result of Thu 9 Oct is due five school days on, Thu 16 Oct (today); item 9
answered on Mon 13 Oct is due that day (3 days overdue); a moderate result of Wed 15 Oct is due
Wed 22 Oct.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.screening.answers import ScaleAnswers, save_screenings
from counselor_app.screening.scales import load_scales
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.records.form import RecordFormDialog
from counselor_app.ui.screening.interview_dialog import InterviewDialog
from counselor_app.ui.screening.worklist_tab import WorklistModel, WorklistTab
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import give_screening_consent
from tests.ui.conftest import add_students, finish_work

PHQ9 = load_scales().find("PHQ-9")
MODERATE = (2, 2, 2, 2, 1, 1, 0, 0, 0)
ITEM_NINE = (0, 0, 0, 0, 0, 0, 0, 0, 1)


@pytest.fixture
def flagged(school: School) -> School:
    add_students(school)
    RecordService(school).create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-16"},
    )
    ids = dict(school.db.query("SELECT student_no, id FROM student"))
    give_screening_consent(school.db, ids.values())
    save_screenings(
        school,
        [
            ScaleAnswers(ids["2025010101"], PHQ9, dt.date(2025, 10, 9), MODERATE),
            ScaleAnswers(ids["2025010102"], PHQ9, dt.date(2025, 10, 13), ITEM_NINE),
            ScaleAnswers(ids["2025010103"], PHQ9, dt.date(2025, 10, 15), MODERATE),
        ],
        "paper",
    )
    return school


def shown(tab: WorklistTab) -> list[tuple[str, str, str]]:
    model = tab.model
    return [
        (
            model.index(row, WorklistModel.NUMBER).data(),
            model.index(row, WorklistModel.DUE).data(),
            model.index(row, WorklistModel.STATUS).data(),
        )
        for row in range(model.rowCount())
    ]


@pytest.fixture
def tab(qtbot, flagged: School, runner: TaskRunner) -> WorklistTab:
    tab = WorklistTab(flagged, runner)
    qtbot.addWidget(tab)
    tab.resize(1100, 500)
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded)
    return tab


def test_the_tab_lists_overdue_first_and_filters(tab: WorklistTab) -> None:
    assert shown(tab) == [
        ("2025010102", "2025-10-13", "逾期 3 天"),
        ("2025010101", "2025-10-16", "待约谈"),
        ("2025010103", "2025-10-22", "待约谈"),
    ]
    assert tab.model.index(0, WorklistModel.CRITICAL).data() == "是"
    assert tab.model.index(0, WorklistModel.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    tab.set_filter("overdue")
    assert [number for number, _, _ in shown(tab)] == ["2025010102"]
    tab.set_filter("today")
    assert [number for number, _, _ in shown(tab)] == ["2025010101"]
    tab.set_filter("all")
    assert tab.count_label.text() == "共 3 人次，逾期 1"


def test_the_model_passes_qt_checks(qtmodeltester, tab: WorklistTab) -> None:
    qtmodeltester.check(tab.model)


def open_first(qtbot, tab: WorklistTab) -> InterviewDialog:
    dialog = tab.interview_row(0)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.staff_box.count() >= 1)
    finish_work(tab._runner)
    return dialog


def test_an_interview_saved_takes_the_entry_off_and_sets_no_risk_level(
    qtbot, tab: WorklistTab, flagged: School
) -> None:
    dialog = open_first(qtbot, tab)
    assert "李玥" in dialog.findChild(type(dialog.message), "dialogHeading").text()
    assert not dialog.save_button.isEnabled()  # until an outcome is chosen
    dialog.outcome_buttons["excluded"].click()
    assert not dialog.retest_edit.isEnabled()
    dialog.note_edit.setPlainText("与家长沟通，情绪平稳")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: [n for n, _, _ in shown(tab)] == ["2025010101", "2025010103"])
    row = flagged.db.query("SELECT outcome, note FROM screening_interview")[0]
    assert row["outcome"] == "excluded" and "情绪" not in row["note"]
    assert flagged.db.scalar("SELECT count(*) FROM risk_assessment") == 0


def test_a_refused_interview_says_why_and_writes_nothing(
    qtbot, tab: WorklistTab, flagged: School
) -> None:
    dialog = open_first(qtbot, tab)
    dialog.outcome_buttons["retest"].click()
    assert dialog.retest_edit.isEnabled()
    dialog.retest_edit.setDate(dialog.date_edit.date().addDays(-1))  # before the interview
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog))
    assert "复测日期" in dialog.message.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert flagged.db.scalar("SELECT count(*) FROM screening_interview") == 0


def test_a_retest_shows_as_待复测_until_the_retest(qtbot, tab: WorklistTab) -> None:
    dialog = open_first(qtbot, tab)
    dialog.outcome_buttons["retest"].click()
    dialog.retest_edit.setDate(dialog.date_edit.date().addDays(28))
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: ("2025010102", "2025-11-13", "待复测") in shown(tab))


def test_建立一生一策_opens_the_crisis_plan_form_for_the_student(
    qtbot, tab: WorklistTab, flagged: School
) -> None:
    dialog = open_first(qtbot, tab)
    dialog.outcome_buttons["crisis_plan"].click()
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.findChild(RecordFormDialog) is not None)
    form = tab.findChild(RecordFormDialog)
    assert form.spec.type == "crisis_plan"
    student = flagged.db.scalar("SELECT id FROM student WHERE student_no = '2025010102'")
    assert form._initial["student_id"] == student
    form.reject()
    assert flagged.db.scalar("SELECT count(*) FROM crisis_plan") == 0


def test_the_dashboard_lists_the_worklist_and_a_click_opens_the_interview(
    qtbot, flagged: School, runner: TaskRunner
) -> None:
    page = DashboardPage(flagged, runner)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitUntil(lambda: page.agenda is not None)
    model = page.screening_panel.list.model_
    texts = [model.row_at(row).text for row in range(model.rowCount())]
    assert texts[0] == "逾期 3 天　李玥（初一(1)班）PHQ-9 无或极轻微·关键题"
    assert model.row_at(0).urgent and not model.row_at(1).urgent
    assert page.screening_panel.count_label.text() == "逾期 1 / 共 3 人次"
    with qtbot.waitSignal(page.interview_requested) as requested:
        page.screening_panel.list.clicked.emit(model.index(0, 0))
    assert requested.args[0].student_no == "2025010102"
    assert isinstance(page.interview_dialog, InterviewDialog)
    assert page.interview_dialog.entry.student_no == "2025010102"
    page.interview_dialog.reject()


def test_the_setting_is_read_and_saved_in_设置(qtbot, school: School, runner: TaskRunner) -> None:
    from counselor_app.settings.screening_options import interview_school_days
    from counselor_app.ui.settings.screening_section import ScreeningSection

    section = ScreeningSection(school, runner)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: section.days_spin.isEnabled())
    assert section.days_spin.value() == 5
    section.days_spin.setValue(3)
    section.save_days()
    finish_work(runner)
    assert interview_school_days(school) == 3
