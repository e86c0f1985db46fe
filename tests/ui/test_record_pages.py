"""The section pages built from record lists, on a demo school: every tab shows its records."""

from __future__ import annotations

import pytest

from counselor_app.demo.generator import generate_demo_school
from counselor_app.school.core import School
from counselor_app.ui.records.section_page import RecordSectionPage
from counselor_app.ui.sections import sections
from counselor_app.ui.tasks import TaskRunner

TABS = {
    "sessions": ["辅导记录"],
    "monitors": ["心理委员", "委员月报"],
    "family": ["家长课堂", "家长会", "家访"],
    "screening": ["测评", "筛查待约谈", "风险等级", "异常报告", "知情同意"],
    "crisis": ["个案进度", "一生一策", "随访", "转介", "突破保密"],
    "activities": ["活动", "心理课", "制度文件"],
}


class NoNavigation:
    """A navigator for a page shown on its own: the record pages never lead elsewhere."""

    def show_section(self, key: str):
        raise AssertionError(f"a record page led to {key}")

    def open_student(self, student_id: int):
        raise AssertionError("a record page opened a student")


@pytest.fixture
def demo_school(school: School) -> School:
    generate_demo_school(school, students=200, years=1, seed=1)
    return school


@pytest.mark.parametrize("section", list(TABS))
def test_every_tab_lists_records(qtbot, demo_school: School, runner: TaskRunner, section) -> None:
    [registered] = [s for s in sections() if s.key == section]
    page = registered.factory(demo_school, runner, NoNavigation())
    assert isinstance(page, RecordSectionPage)
    qtbot.addWidget(page)
    page.resize(1198, 700)
    page.show()
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert labels == TABS[section]
    assert page.tabs.tabBar().isVisibleTo(page) == (len(labels) > 1)
    for view in page.lists:
        page.show_list(view)
        qtbot.waitUntil(lambda view=view: view.loaded and not view.busy)
        assert view.model.rowCount() > 0, view.spec.type
        assert view.count_label.text() == f"共 {view.model.rowCount()} 条"


def test_the_family_page_splits_activities_by_type(
    qtbot, demo_school: School, runner: TaskRunner
) -> None:
    from counselor_app.ui.pages.family import FamilyPage

    page = FamilyPage(demo_school, runner)
    qtbot.addWidget(page)
    page.show()
    for view, kind in zip(page.lists[:2], ("parent_class", "parent_meeting"), strict=True):
        page.show_list(view)
        qtbot.waitUntil(lambda view=view: view.loaded)
        assert {view.model.record_at(r)["type"] for r in range(view.model.rowCount())} == {kind}


def test_the_page_comes_back_where_it_was(qtbot, demo_school: School, runner: TaskRunner) -> None:
    from counselor_app.ui.pages.crisis import CrisisPage

    page = CrisisPage(demo_school, runner)
    qtbot.addWidget(page)
    page.show()
    follow_ups = page.list_for("follow_up")
    page.show_list(follow_ups)
    qtbot.waitUntil(lambda: follow_ups.loaded)
    follow_ups.table.selectRow(2)
    chosen = follow_ups.selected_id()
    follow_ups.search_field.setText("【演示】")
    state = page.save_state()
    page.close()

    again = CrisisPage(demo_school, runner)  # as the lock rebuilds its pages
    qtbot.addWidget(again)
    again.restore_state(state)
    again.show()
    view = again.list_for("follow_up")
    assert again.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.loaded)
    assert view.selected_id() == chosen
    assert view.search_field.text() == "【演示】"
