"""设置 › 学年: the years at a glance, the roll-over previewed and edited in its table, confirmed,
undone, and refused to be undone once the new year has changed; the roster workbook after it.

The school is the junior school of tests/core/rollover/conftest.py, in July 2026.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from counselor_app.foundation.clock import fixed_clock
from counselor_app.records.service import RecordService
from counselor_app.rollover.core import preview_rollover
from counselor_app.school.core import ADMIN, School, User
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.settings.rollover_dialog import (
    PROBLEM_COLOUR,
    RolloverDialog,
    RolloverPlanModel,
)
from counselor_app.ui.settings.years_section import YearsSection, YearTableModel
from counselor_app.ui.tasks import TaskRunner
from counselor_app.years.school_years import SchoolYear, classes_of_year
from tests.core.rollover.conftest import JULY_2026, make_junior_school, table_contents
from tests.ui.windows import show_in_window

Y2025, Y2026 = SchoolYear(2025), SchoolYear(2026)
M = RolloverPlanModel


@pytest.fixture
def clock():
    return fixed_clock(JULY_2026)


@pytest.fixture
def ids(school: School) -> dict[str, int]:
    return make_junior_school(school)


def open_section(qtbot, school: School, runner: TaskRunner) -> tuple[SettingsPage, YearsSection]:
    page = SettingsPage(school, runner)
    show_in_window(qtbot, page)
    section = page.show_section("years")
    assert isinstance(section, YearsSection)
    qtbot.waitUntil(lambda: section.state is not None and not runner.busy)
    return page, section


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def years_shown(section: YearsSection) -> list[tuple[str, int, int, int, str]]:
    model = section.model
    return [
        tuple(cell(model, row, column) for column in range(YearTableModel.COLUMN_COUNT))
        for row in range(model.rowCount())
    ]


def open_preview(qtbot, section: YearsSection, runner: TaskRunner, boxes) -> RolloverDialog:
    assert section.rollover_button.isEnabled()
    section.rollover_button.click()
    qtbot.waitUntil(lambda: section.dialog is not None and section.dialog.isVisible())
    dialog = section.dialog
    assert dialog is not None
    boxes.always = True  # confirming the roll-over
    return dialog


# -- the plan's model ------------------------------------------------------------------------------
def test_the_plan_model_passes_the_model_tester_before_and_after_edits(qtmodeltester, school, ids):
    model = RolloverPlanModel()
    model.set_plan(preview_rollover(school, Y2025))
    qtmodeltester.check(model)
    model.setData(model.index(1, M.CODE), "0801")
    model.setData(model.index(3, M.GRADUATE), Qt.CheckState.Unchecked.value, Qt.CheckStateRole)
    qtmodeltester.check(model)


def test_the_plan_model_shows_old_and_new_class_per_row(school, ids):
    model = RolloverPlanModel()
    model.set_plan(preview_rollover(school, Y2025))

    shown = [
        [cell(model, row, column) for column in range(M.COLUMN_COUNT)]
        for row in range(model.rowCount())
    ]
    assert shown == [
        ["0701 七年级1班", "7 → 8 年级", "0801", "八年级1班", "老师T01（T01）", 2, ""],
        ["0702 七年级2班", "7 → 8 年级", "0802", "八年级2班", "老师T02（T02）", 1, ""],
        ["0801 八年级1班", "8 → 9 年级", "0901", "九年级1班", "老师T03（T03）", 1, ""],
        ["0901 九年级1班", "9 年级 → 毕业", "—", "—", "—", 2, "毕业"],
    ]
    checked = [cell(model, row, M.GRADUATE, Qt.CheckStateRole) for row in range(4)]
    assert checked == [Qt.CheckState.Unchecked] * 3 + [Qt.CheckState.Checked]
    # A graduating row's new class is not edited; a moving row's code, name and teacher are.
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, M.CODE)) & editable
    assert model.flags(model.index(0, M.HEAD_TEACHER)) & editable
    assert not model.flags(model.index(3, M.CODE)) & editable
    assert not model.flags(model.index(0, M.STUDENTS)) & editable


def test_editing_cells_changes_the_plan_and_marks_what_is_wrong(qtbot, school, ids):
    model = RolloverPlanModel()
    model.set_plan(preview_rollover(school, Y2025))

    with qtbot.waitSignal(model.plan_changed):
        assert model.setData(model.index(1, M.CODE), " 0801 ")
    assert model.plan.rows[1].code == "0801"
    assert model.has_problem(1, M.CODE) and not model.has_problem(0, M.CODE)
    assert cell(model, 1, M.CODE, Qt.ForegroundRole) == PROBLEM_COLOUR
    assert "与 0701 七年级1班 的相同" in cell(model, 1, M.CODE, Qt.ToolTipRole)

    model.setData(model.index(1, M.CODE), "0802")
    model.setData(model.index(0, M.HEAD_TEACHER), ids["T05"], M.STAFF_ROLE)
    model.setData(model.index(3, M.GRADUATE), Qt.CheckState.Unchecked.value, Qt.CheckStateRole)
    assert not model.has_problem(1, M.CODE)
    assert model.plan.rows[0].head_teacher_id == ids["T05"]
    assert cell(model, 0, M.HEAD_TEACHER) == "老师T05（T05）"
    assert not model.plan.rows[3].graduate
    assert cell(model, 3, M.GRADE) == "9 → 10 年级"


# -- the section -----------------------------------------------------------------------------------
def test_the_section_lists_the_years_and_offers_the_roll_over(qtbot, school, ids, runner):
    _, section = open_section(qtbot, school, runner)

    # Seven students have a class in 2025—2026 (C2 left in March, still enrolled that year).
    assert years_shown(section) == [("2025—2026学年", 2, 4, 7, "当前学年")]
    assert section.rollover_button.isEnabled()
    assert "升级将从2025—2026学年到2026—2027学年" in section.rollover_note.text()
    assert not section.undo_button.isEnabled()
    assert section.undo_note.text() == "没有可以撤销的升级。"


def test_previewing_confirming_and_undoing_the_roll_over(qtbot, school, ids, runner, boxes):
    before = table_contents(school)
    _, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)
    assert dialog.model.rowCount() == 4
    assert dialog.summary_label.text() == (
        "3 个班升级（4 名学生），1 个班毕业（2 人）；1 名已转出或离校的学生不再分班"
    )
    assert dialog.confirm_button.isEnabled()

    dialog.confirm()
    qtbot.waitUntil(lambda: not runner.busy and not dialog.isVisible())
    qtbot.waitUntil(lambda: not runner.busy)

    assert section.message_bar.text().startswith(
        "已升级到2026—2027学年：3 个班升级（4 名学生），1 个班毕业（2 人）。"
    )
    assert [c.class_code for c in classes_of_year(school.db, Y2026)] == ["0801", "0802", "0901"]
    assert years_shown(section) == [
        ("2026—2027学年", 0, 3, 4, "当前学年"),
        ("2025—2026学年", 2, 4, 7, "已于 2026-07-15 升级到下一学年"),
    ]
    assert not section.rollover_button.isEnabled()
    assert "已于 2026-07-15 升级到2026—2027学年" in section.rollover_note.text()
    assert section.undo_button.isEnabled()

    boxes.always = True
    section.undo_button.click()
    qtbot.waitUntil(lambda: not runner.busy and "已撤销升级" in section.message_bar.text())
    qtbot.waitUntil(lambda: not runner.busy)

    assert table_contents(school) == before
    assert not section.undo_button.isEnabled()
    assert section.rollover_button.isEnabled()


def test_a_problem_in_the_plan_keeps_the_confirm_button_off(qtbot, school, ids, runner, boxes):
    _, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)

    dialog.model.setData(dialog.model.index(1, M.CODE), "0801")

    assert not dialog.confirm_button.isEnabled()
    assert dialog.problems_label.text() == (
        "0702 七年级2班：新的班级编号“0801”与 0701 七年级1班 的相同"
    )
    dialog.model.setData(dialog.model.index(1, M.CODE), "0802")
    assert dialog.confirm_button.isEnabled() and dialog.problems_label.isHidden()


def test_the_graduation_day_chosen_is_the_one_written(qtbot, school, ids, runner, boxes):
    _, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)
    assert dialog.graduation_day.date().toString("yyyy-MM-dd") == "2026-08-31"
    assert dialog.graduation_day.minimumDate().toString("yyyy-MM-dd") == "2026-07-03"

    dialog.graduation_day.setDate(dialog.graduation_day.date().addDays(-21))
    dialog.confirm()
    qtbot.waitUntil(lambda: not runner.busy and not dialog.isVisible())

    left_on = school.db.scalar("SELECT left_on FROM student WHERE id = ?", (ids["D1"],))
    assert left_on == "2026-08-10"


def test_saying_no_changes_nothing(qtbot, school, ids, runner, boxes):
    before = table_contents(school)
    _, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)
    boxes.always = False
    dialog.confirm()
    qtbot.waitUntil(lambda: not runner.busy)
    assert dialog.isVisible() and table_contents(school) == before


def test_once_the_roster_changed_undo_is_off_and_says_why(qtbot, school, ids, runner, boxes):
    _, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)
    dialog.confirm()
    qtbot.waitUntil(lambda: not runner.busy and not dialog.isVisible())
    qtbot.waitUntil(lambda: not runner.busy)

    RecordService(school).update("student", ids["A1"], {"guardian_phone": "13800000000"})
    section.hide()
    section.show()  # shown again: read again
    qtbot.waitUntil(lambda: not runner.busy)

    assert not section.undo_button.isEnabled()
    assert "升级之后学生名册有了改动" in section.undo_note.text()
    assert section.undo_button.toolTip() == section.undo_note.text()


def test_the_roster_button_opens_the_workbook_import_with_a_hint(qtbot, school, ids, runner, boxes):
    page, section = open_section(qtbot, school, runner)
    dialog = open_preview(qtbot, section, runner, boxes)
    dialog.confirm()
    qtbot.waitUntil(lambda: not runner.busy and not dialog.isVisible())
    qtbot.waitUntil(lambda: not runner.busy)

    section.import_button.click()

    assert page.stack.currentWidget() is page.workbook_section
    hint = page.workbook_section.message_bar.text()
    assert hint.startswith("导入2026—2027学年的名册：“班级”表的学年填“2026—2027学年”")
    assert "学年分班" in hint
    assert page.workbook_section.message_bar.action_button.text() == "导入工作簿…"


def test_an_administrator_may_roll_over(qtbot, school, ids, runner):
    school.user = User("赵主任", ADMIN)
    _, section = open_section(qtbot, school, runner)
    assert section.state is not None and section.state.may_change
    assert section.rollover_button.isEnabled()


def test_a_school_without_classes_is_told_to_import_them(qtbot, school, runner):
    _, section = open_section(qtbot, school, runner)
    assert not section.rollover_button.isEnabled()
    assert "还没有任何学年的班级" in section.rollover_note.text()
