"""The English program in English words: one record in the singular, tabs in the plural, lists
with ", ", and "1 student" against "2 students" (Qt's %n plural forms).

The English is the shipped counselor_en.ts with the wording these screens need laid over it
(``WANTED``: the translations to put into the .ts). Each screen is also checked in Chinese, which
must read as it always did.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from counselor_app.dashboard.today import PlanDue
from counselor_app.foundation import i18n
from counselor_app.foundation.errors import Problem, ValidationFailed
from counselor_app.foundation.i18n import msg
from counselor_app.records.service import RecordService
from counselor_app.room.rules import OpenSlot, RoomDay, RoomWeek
from counselor_app.school.core import School
from counselor_app.ui.pages.dashboard import DashboardPage
from counselor_app.ui.pages.family import FamilyPage
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.records.form import RecordFormDialog
from counselor_app.ui.records.list_view import RecordListView
from counselor_app.ui.room.models import WeekGridModel
from counselor_app.ui.settings.workbook_section import WorkbookSection
from counselor_app.ui.student_file import StudentFileView
from counselor_app.ui.student_model import TimelineModel
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.translations import ts_file
from tests.ui.record_data import Roster, add_roster, session_values

# The English wanted for new or changed source strings (a tuple: one, many — Qt's %n forms).
WANTED: dict[str, str | tuple[str, str]] = {
    "查看{record}": "View {record}",
    "新建{record}": "New {record}",
    "编辑{record}": "Edit {record}",
    "删除这条{record}吗？\n{what}\n\n删除后可以立即撤销（Ctrl+Z），或在 30 天内从回收站恢复。": (
        "Delete this {record}?\n{what}\n\nYou can undo this at once (Ctrl+Z) or restore it from "
        "the recycle bin within 30 days."
    ),
    "已删除{title}。": "Deleted the {title}.",
    "已恢复{title}。": "Restored the {title}.",
    "家长课堂": "Parent classes",
    "家长会": "Parent meetings",
    "共 %n 名学生": ("%n student", "%n students"),
    "{what}已逾期 %n 天": ("{what} overdue by %n day", "{what} overdue by %n days"),
    "%n 天后{what}": ("{what} due in %n day", "{what} due in %n days"),
    "{name} 没有导入：其中有 %n 处问题，没有导入任何内容。": (
        "{name} was not imported: it has %n problem, so nothing was imported.",
        "{name} was not imported: it has %n problems, so nothing was imported.",
    ),
}


def shipped_english() -> dict[str, str]:
    """Source → English of every finished message in the shipped .ts file."""
    found = {}
    for message in ET.parse(ts_file("en")).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.text and message.get("numerus") != "yes":
            found[message.findtext("source", "")] = translation.text
    return found


class EnglishWanted(QTranslator):
    """The shipped English with ``WANTED`` laid over it."""

    def __init__(self) -> None:
        super().__init__()
        self.words: dict[str, str | tuple[str, str]] = {**shipped_english(), **WANTED}

    def translate(self, context, source, disambiguation=None, n=-1):
        text = self.words.get(source)
        if isinstance(text, tuple):
            return text[0] if n == 1 else text[1]
        return text  # None: not translated, Qt shows the source

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translator = EnglishWanted()
    qapp.installTranslator(translator)
    i18n.set_language("en")
    yield
    qapp.removeTranslator(translator)
    i18n.set_language("zh")


@pytest.fixture
def roster(school: School) -> Roster:
    return add_roster(school)


@pytest.fixture
def visit(school: School, roster: Roster) -> int:
    return (
        RecordService(school)
        .create(
            "home_visit",
            {"date": "2025-10-09", "student_id": roster.zhang, "teacher_id": roster.counsellor},
        )
        .record_id
    )


class Answers:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(text)
        return True


def open_form(qtbot, school: School, runner: TaskRunner, **kwargs) -> RecordFormDialog:
    dialog = RecordFormDialog(school, runner, "home_visit", ask=Answers(), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded)
    return dialog


def open_list(qtbot, school: School, runner: TaskRunner, record_type: str, ask) -> RecordListView:
    view = RecordListView(school, runner, record_type, ask=ask)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: view.loaded and not view.busy)
    return view


# -- one record ----------------------------------------------------------------------------------
def headings(qtbot, school: School, runner: TaskRunner, visit: int) -> tuple[str, str]:
    new = open_form(qtbot, school, runner).windowTitle()
    edit = open_form(qtbot, school, runner, record_id=visit).windowTitle()
    return new, edit


def test_the_form_heading_names_one_record(qtbot, school, runner, roster, visit) -> None:
    assert headings(qtbot, school, runner, visit) == ("新建家访", "编辑家访")


def test_in_english_the_form_heading_names_one_record(
    qtbot, school, runner, roster, visit, english
) -> None:
    assert headings(qtbot, school, runner, visit) == ("New home visit", "Edit home visit")


def delete_and_undo(qtbot, school: School, runner: TaskRunner, visit: int) -> list[str]:
    ask = Answers()
    view = open_list(qtbot, school, runner, "home_visit", ask)
    assert view.select_record(visit)
    view.delete_selected()
    qtbot.waitUntil(lambda: view.model.row_of(visit) is None)
    deleted = view.message.text()
    view.undo_delete()
    qtbot.waitUntil(lambda: view.model.row_of(visit) is not None)
    return [*ask.asked[0].split("\n")[:2], deleted, view.message.text()]


def test_deleting_names_one_record(qtbot, school, runner, roster, visit) -> None:
    assert delete_and_undo(qtbot, school, runner, visit) == [
        "删除这条家访吗？",
        "日期：2025-10-09　学号：张三（20250001）　教师工号：李心怡",
        "已删除家访“2025-10-09”。",
        "已恢复家访“2025-10-09”。",
    ]


def test_in_english_deleting_names_one_record(
    qtbot, school, runner, roster, visit, english
) -> None:
    assert delete_and_undo(qtbot, school, runner, visit) == [
        "Delete this home visit?",
        "Date: 2025-10-09; Student: 张三（20250001）; Teacher: 李心怡",
        "Deleted the home visit “2025-10-09”.",
        "Restored the home visit “2025-10-09”.",
    ]


def timeline_kinds(qtbot, school: School, runner: TaskRunner, student: int) -> list[str]:
    view = StudentFileView(school, runner)
    qtbot.addWidget(view)
    view.show()
    view.open_student(student)
    qtbot.waitUntil(lambda: view.overview is not None)
    return [view.proxy.index(r, TimelineModel.KIND).data() for r in range(view.proxy.rowCount())]


def test_in_english_the_timeline_names_each_entry_in_the_singular(
    qtbot, school, runner, roster, visit, english
) -> None:
    RecordService(school).create("session", session_values(roster, date="2025-10-10"))
    assert timeline_kinds(qtbot, school, runner, roster.zhang) == [
        "Counselling session",
        "Home visit",
    ]
    i18n.set_language("zh")
    assert timeline_kinds(qtbot, school, runner, roster.zhang) == ["辅导记录", "家访"]


# -- lists ---------------------------------------------------------------------------------------
def family_tabs(qtbot, school: School, runner: TaskRunner) -> list[str]:
    page = FamilyPage(school, runner)
    qtbot.addWidget(page)
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_in_english_the_family_tabs_name_lists(qtbot, school, runner, english) -> None:
    assert family_tabs(qtbot, school, runner) == [
        "Parent classes",
        "Parent meetings",
        "Home visits",
    ]


def test_the_family_tabs_in_chinese(qtbot, school, runner) -> None:
    assert family_tabs(qtbot, school, runner) == ["家长课堂", "家长会", "家访"]


def students_cell(qtbot, school: School, runner: TaskRunner, roster: Roster) -> str:
    RecordService(school).create(
        "session", session_values(roster, kind="group", students=[roster.li, roster.wang])
    )
    view = open_list(qtbot, school, runner, "session", Answers())
    return view.proxy.index(0, view.model.column_of("students")).data()


def test_a_list_in_a_table_cell_is_joined_in_the_programs_language(
    qtbot, school, runner, roster, english
) -> None:
    assert students_cell(qtbot, school, runner, roster) == "李玥（20250002）; 王喆（20250003）"


def test_a_list_in_a_table_cell_in_chinese(qtbot, school, runner, roster) -> None:
    assert students_cell(qtbot, school, runner, roster) == "李玥（20250002）；王喆（20250003）"


def duty_cell(*names: str) -> str:
    slots = tuple(
        OpenSlot(i, 1, "10:00", "12:00", i, name, "2025-09-01", None)
        for i, name in enumerate(names, start=1)
    )
    monday = dt.date(2025, 10, 20)
    week = RoomWeek(monday, (RoomDay(monday, slots),), (), None, None, 1, 120)
    model = WeekGridModel()
    model.set_week(week)
    return model.index(0, 0).data()


def test_the_duty_teachers_of_a_slot_are_listed_in_the_programs_language(qapp) -> None:
    assert duty_cell("王老师", "李老师") == "王老师、李老师"
    i18n.set_language("en")
    assert duty_cell("王老师", "李老师") == "王老师, 李老师"


def test_the_care_group_and_the_referral_read_in_english(
    qtbot, school, runner, roster, english
) -> None:
    RecordService(school).create(
        "crisis_plan",
        {
            "student_id": roster.zhang,
            "created_on": "2025-10-01",
            "level": 2,
            "care_teachers": [roster.counsellor, roster.head_teacher],
            "referral_to": "市心理门诊",
            "referral_on": "2025-10-02",
        },
    )
    view = StudentFileView(school, runner)
    qtbot.addWidget(view)
    view.show()
    view.open_student(roster.zhang)
    qtbot.waitUntil(lambda: view.overview is not None)
    text = view.care_label.text()
    assert "李心怡 (Full-time psych teacher), 周老师 (Head teacher)" in text, text
    assert "、" not in text
    assert "市心理门诊 (2025-10-02)" in view.plan_text_label.text()


# -- counts --------------------------------------------------------------------------------------
class OneHit:
    def __init__(self, count: int) -> None:
        self.count = count

    def __call__(self, db, query: str, *, limit: int, include_left: bool) -> list:
        from tests.ui.test_students_page import Hit

        return [Hit(i, f"2025{i:06d}", query, "J2501", "初一(1)班") for i in range(self.count)]


def students_found(qtbot, school: School, runner: TaskRunner, count: int) -> str:
    from tests.ui.test_students_page import type_text

    page = StudentsPage(school, runner, search=OneHit(count))
    qtbot.addWidget(page)
    page.show()
    type_text(page.search_field, "张")
    qtbot.waitUntil(lambda: page.model.rowCount() == count)
    return page.result_label.text()


@pytest.mark.parametrize("count", [1, 2])
def test_the_students_found_are_counted(qtbot, school, runner, count) -> None:
    assert students_found(qtbot, school, runner, count) == f"共 {count} 名学生"


@pytest.mark.parametrize(("count", "wanted"), [(1, "1 student"), (2, "2 students")])
def test_in_english_the_students_found_are_counted(
    qtbot, school, runner, english, count, wanted
) -> None:
    assert students_found(qtbot, school, runner, count) == wanted


def due_texts(qtbot, school: School, runner: TaskRunner) -> list[str]:
    page = DashboardPage(school, runner)
    qtbot.addWidget(page)
    review = page.tr("复查")
    return [
        page._due_text(PlanDue(1, 1, "张三", "2025", "七年级1班", 2, "2025-10-16", days), review)
        for days in (1, 3, -1, -5)
    ]


def test_the_plans_due_count_their_days(qtbot, school, runner) -> None:
    assert due_texts(qtbot, school, runner) == [
        "张三（七年级1班）— 复查已逾期 1 天",
        "张三（七年级1班）— 复查已逾期 3 天",
        "张三（七年级1班）— 1 天后复查",
        "张三（七年级1班）— 5 天后复查",
    ]


def test_in_english_the_plans_due_count_their_days(qtbot, school, runner, english) -> None:
    texts = due_texts(qtbot, school, runner)
    assert [text.split("— ")[1] for text in texts] == [
        "Review overdue by 1 day",
        "Review overdue by 3 days",
        "Review due in 1 day",
        "Review due in 5 days",
    ]


def import_refused(qtbot, school: School, runner: TaskRunner, problems: int) -> str:
    section = WorkbookSection(school, runner)
    qtbot.addWidget(section)
    error = ValidationFailed(
        msg("有问题", "problems"), [Problem("日期", msg("应为日期", "a date"))] * problems
    )
    section._import_failed(error, Path("名册.xlsx"))
    section.result_dialog.close()
    return section.message_bar.text()


@pytest.mark.parametrize("problems", [1, 5])
def test_a_refused_import_counts_its_problems(qtbot, school, runner, problems) -> None:
    assert import_refused(qtbot, school, runner, problems) == (
        f"名册.xlsx 没有导入：其中有 {problems} 处问题，没有导入任何内容。"
    )


@pytest.mark.parametrize(
    ("problems", "wanted"),
    [
        (1, "名册.xlsx was not imported: it has 1 problem, so nothing was imported."),
        (5, "名册.xlsx was not imported: it has 5 problems, so nothing was imported."),
    ],
)
def test_in_english_a_refused_import_counts_its_problems(
    qtbot, school, runner, english, problems, wanted
) -> None:
    assert import_refused(qtbot, school, runner, problems) == wanted
