"""A running term's progress on screen: the self-check page's 进度 column, its filter and sorting,
the detail pane, and the dashboard's term card with what to do next.

The school's clock reads Thursday 2025-10-16: week 7 of the 21 teaching weeks of the autumn term
2025-09-01 … 2026-01-23. A class needs ceil(21 × 0.5) = 11 psych periods, ⌊11 × 7 ÷ 21⌋ = 3 of
them by now: J2501 has 2 (behind, 9 still needed, 14 weeks left) and J2502 has 3 (on track).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counselor_app.foundation import i18n
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.selfcheck.rule_model import RuleTableModel
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_dashboard import build_world
from tests.ui.conftest import add_students
from tests.ui.test_dashboard import shown_page
from tests.ui.test_english_wording import EnglishWanted

RUNNING = "2025—2026学年第一学期"
PAST = "2024—2025学年第二学期"
PROGRESS = RuleTableModel.PROGRESS


@pytest.fixture
def lessons_school(school: School) -> School:
    records = RecordService(school)
    for name, first, last in (
        (RUNNING, "2025-09-01", "2026-01-23"),
        (PAST, "2025-02-17", "2025-07-04"),
    ):
        records.create("term", {"name": name, "first_day": first, "last_day": last})
    add_students(school)
    teacher = records.create(
        "staff", {"staff_no": "T01", "name": "王老师", "roles": "专职心理教师"}
    ).record_id
    for code, periods in (("J2501", 2), ("J2502", 3)):
        class_id = school.db.scalar("SELECT id FROM class WHERE class_code = ?", (code,))
        records.create(
            "psych_lesson",
            {"date": "2025-10-09", "class_id": class_id, "teacher_id": teacher, "periods": periods},
        )
    return school


@pytest.fixture
def english(qapp: QApplication):
    """The shipped English translation, and the core's messages in English."""
    translator = EnglishWanted()
    qapp.installTranslator(translator)
    i18n.set_language("en")
    yield
    qapp.removeTranslator(translator)
    i18n.set_language("zh")


def open_page(qtbot, school: School, runner: TaskRunner) -> SelfCheckPage:
    page = SelfCheckPage(school, runner)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None and page.model.rowCount() > 0)
    return page


def cell(page: SelfCheckPage, rule_id: str, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(page.model.row_of(rule_id), PROGRESS).data(role)


def shown_rules(page: SelfCheckPage) -> list[str]:
    view = page.view_model
    return [
        view.index(row, 0).data(RuleTableModel.ROW_ROLE).rule.id for row in range(view.rowCount())
    ]


def test_a_running_term_shows_each_rules_progress(qtbot, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    assert page.term_box.currentText() == RUNNING
    assert not page.table.isColumnHidden(PROGRESS)
    assert page.model.headerData(PROGRESS, Qt.Orientation.Horizontal) == "进度"
    assert cell(page, "SC-09-lessons") == ("落后\n1 个班落后：J2501 还需 9 课时，剩余 14 个教学周")
    # 已达标 and 落后 in the colours of 达标 and 未达标.
    assert cell(page, "SC-09-lessons", Qt.ItemDataRole.BackgroundRole) == QColor("#ffebee")
    # Two leadership meetings a term: ⌊2 × 7 / 21⌋ = 0 due yet.
    assert cell(page, "SC-08-meetings") == "按进度\n还需 2 次，剩余 14 个教学周"
    assert cell(page, "SC-15-double-reduction") == "不计进度\n人工确认项"
    assert cell(page, "SC-13-screening") == "不计进度\n按学年评定"
    # The report still judges the whole term, and the page says so.
    assert page.report.result("SC-09-lessons").status == "fail"
    assert "自查结论和上报材料仍按整个学期评定" in page.notes_label.text()
    assert page.progress_bar.isVisible()
    assert page.progress_label.text().startswith("第 7 周 / 共 21 周：落后 ")


def test_the_selected_rule_says_its_progress_and_who_is_behind(qtbot, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    page.select_rule(page.model.row_of("SC-09-lessons"))
    text = page.detail_pane.detail.text()
    assert "进度：落后。1 个班落后：J2501 还需 9 课时，剩余 14 个教学周" in text
    assert "落后：J2501（2/11）" in text
    page.select_rule(page.model.row_of("SC-10-staffing"))
    assert "进度：不计进度。此项看的是现状" in page.detail_pane.detail.text()


def test_the_rules_filter_by_progress(qtbot, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    behind = [r.rule_id for r in page.progress.rules if r.state == "behind"]
    assert "SC-09-lessons" in behind
    page.progress_filter.setCurrentIndex(page.progress_filter.findData("behind"))
    assert shown_rules(page) == behind
    # The selection follows: a rule that is shown, with its details.
    assert page.selected_row() is not None and page.selected_row().rule.id in behind
    page.progress_filter.setCurrentIndex(page.progress_filter.findData("none"))
    assert "SC-15-double-reduction" in shown_rules(page)
    assert "SC-09-lessons" not in shown_rules(page)
    page.progress_filter.setCurrentIndex(0)
    assert shown_rules(page) == [rule.id for rule in page.report.profile.rules]


def test_sorting_by_progress_puts_what_is_behind_first(qtbot, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    order = {"behind": 0, "on_track": 1, "met": 2, "none": 3}
    page.table.horizontalHeader().setSortIndicator(PROGRESS, Qt.SortOrder.AscendingOrder)
    states = [page.progress.of(rule_id).state for rule_id in shown_rules(page)]
    assert states == sorted(states, key=order.__getitem__)
    assert states[0] == "behind"
    # Selecting a rule by the checklist's order still selects that rule.
    page.select_rule(page.model.row_of("SC-09-lessons"))
    assert page.selected_row().rule.id == "SC-09-lessons"
    page.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert shown_rules(page) == [rule.id for rule in page.report.profile.rules]


def test_the_table_models_pass_qt_checks(qtbot, qtmodeltester, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.view_model)


def test_a_term_that_is_over_shows_no_progress(qtbot, lessons_school, runner):
    page = open_page(qtbot, lessons_school, runner)
    page.progress_filter.setCurrentIndex(page.progress_filter.findData("behind"))
    page.term_box.setCurrentIndex(page.term_box.findText(PAST))
    generation = page._generation
    page.run_check()
    qtbot.waitUntil(lambda: page.report.term.name == PAST and page._generation == generation + 1)
    assert page.progress is None
    assert page.table.isColumnHidden(PROGRESS)
    assert not page.progress_bar.isVisible()
    assert "按整个学期评定" not in page.notes_label.text()
    assert len(shown_rules(page)) == len(page.report.results)  # no filter left on


def test_in_english_the_progress_reads_in_english(qtbot, lessons_school, runner, english):
    page = open_page(qtbot, lessons_school, runner)
    assert page.model.headerData(PROGRESS, Qt.Orientation.Horizontal) == "Progress"
    assert cell(page, "SC-09-lessons") == (
        "Behind\n1 class behind, J2501: 9 more periods needed, 14 teaching weeks left"
    )
    assert page.progress_filter.itemText(1) == "Behind"


# -- the dashboard ------------------------------------------------------------------------------


def rows_of(page: DashboardPage) -> list[str]:
    model = page.next_steps_panel.list.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_term_card_says_what_to_do_next(qtbot, school, runner):
    # The dashboard's test school (tests.core.test_dashboard): one class with no lesson, one
    # full-time psych teacher with no lesson and one 50-minute session; see the core test.
    build_world(school)
    page = shown_page(qtbot, school, runner)
    assert "进度：落后 4 · 按进度 " in page.cards["self_check"].caption_label.text()
    assert page.next_steps_panel.isVisible()
    assert rows_of(page) == [
        "心理健康教育课：1 个班落后：0701 还需 11 课时，剩余 14 个教学周",
        "专职心理教师授课：1 名教师落后：T01（王老师）还需 210 课时，剩余 14 个教学周",
        "专职心理教师辅导：1 名教师落后：T01（王老师）还需 7510 分钟，剩余 14 个教学周",
    ]
    assert page.next_steps_panel.count_label.text() == "第 7 周 / 共 21 周 · 落后 4 项"
    with qtbot.waitSignal(page.section_requested) as section:
        rect = page.next_steps_panel.list.visualRect(page.next_steps_panel.list.model().index(0, 0))
        QTest.mouseClick(
            page.next_steps_panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert section.args == ["self_check"]


def test_without_a_running_term_there_is_nothing_to_do_next(qtbot, school, runner):
    page = shown_page(qtbot, school, runner)  # no term at all
    assert not page.next_steps_panel.isVisible()
    assert "进度" not in page.cards["self_check"].caption_label.text()
