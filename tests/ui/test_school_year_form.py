"""Forms and school years: a student's class is picked from the current year's classes, and a class
form takes its 学年 typed with any dash or left empty for the current one."""

from __future__ import annotations

import pytest

from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.ui.records.editors import SchoolYearEditor
from counselor_app.ui.records.pickers import RefComboEditor
from counselor_app.ui.tasks import TaskRunner
from tests.ui.record_data import Roster, add_roster
from tests.ui.test_record_form import open_form, settle


@pytest.fixture
def roster(school: School) -> Roster:
    return add_roster(school)  # its classes are of 2025—2026, the current school year


@pytest.fixture
def last_year(school: School, roster: Roster) -> tuple[int, int]:
    """0701 of 2024—2025 and a student who was only in it."""
    records = RecordService(school)
    old_class = records.create(
        "class", {"school_year": 2024, "class_code": "0701", "grade": 7, "name": "七年级1班"}
    ).record_id
    old_student = records.create(
        "student",
        {"student_no": "20240001", "name": "孙旻", "sex": "女", "class_id": old_class,
         "status": "graduated", "left_on": "2025-07-04"},
    ).record_id  # fmt: skip
    return old_class, old_student


def class_choices(editor: RefComboEditor) -> list[str]:
    return [editor.combo.itemText(i) for i in range(editor.combo.count())]


def test_a_new_students_class_is_one_of_this_years(
    qtbot, school: School, runner: TaskRunner, roster: Roster, last_year
) -> None:
    dialog = open_form(qtbot, school, runner, "student")
    picker = dialog.editors["class_id"]
    assert isinstance(picker, RefComboEditor)
    assert sorted(class_choices(picker)) == ["七年级1班", "四年级1班"]


def test_a_student_of_another_year_keeps_showing_their_class(
    qtbot, school: School, runner: TaskRunner, roster: Roster, last_year
) -> None:
    old_class, old_student = last_year
    dialog = open_form(qtbot, school, runner, "student", record_id=old_student)
    picker = dialog.editors["class_id"]
    assert isinstance(picker, RefComboEditor)
    assert picker.value() == old_class
    assert picker.combo.currentText() == "七年级1班（2024—2025学年）"


def test_a_class_form_takes_a_school_year_or_leaves_it_to_the_current_one(
    qtbot, school: School, runner: TaskRunner, roster: Roster
) -> None:
    dialog = open_form(
        qtbot,
        school,
        runner,
        "class",
        initial={"class_code": "0702", "grade": 7, "name": "七年级2班"},
    )
    year = dialog.editors["school_year"]
    assert isinstance(year, SchoolYearEditor)
    assert year.value() is None
    year.combo.setEditText("2026-2027")
    settle(qtbot, dialog)
    assert dialog.shown_error("school_year") == ""
    year.combo.setEditText("2026")  # 2025—2026 or 2026—2027? refused, saying how to write it
    settle(qtbot, dialog)
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.shown_error("school_year")))
    assert "2025—2026学年" in dialog.shown_error("school_year")
    year.combo.setEditText("")
    settle(qtbot, dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.change is not None)
    record = RecordService(school).get("class", dialog.change.record_id)
    assert record["school_year"] == 2025
