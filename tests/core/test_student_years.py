"""The student file shows the class of every school year the student was enrolled, on screen and
on the printout: a record of last year names last year's class."""

from __future__ import annotations

from counselor_app.records.service import RecordService
from counselor_app.reports.confidential import earlier_classes
from counselor_app.reports.student_file import student_file
from counselor_app.reports.student_pdf import build_student_pdf
from counselor_app.school.core import School
from counselor_app.student_file.facts import YearClass, student_card
from tests.core.report_fixtures import pdf_text


def two_years(school: School) -> int:
    records = RecordService(school)
    for name, first, last in (
        ("2024—2025学年第二学期", "2025-02-17", "2025-07-04"),
        ("2025—2026学年第一学期", "2025-09-01", "2026-01-23"),
    ):
        records.create("term", {"name": name, "first_day": first, "last_day": last})
    last_year = records.create(
        "class", {"school_year": 2024, "class_code": "0701", "grade": 7, "name": "七年级1班"}
    ).record_id
    this_year = records.create(
        "class", {"school_year": 2025, "class_code": "0801", "grade": 8, "name": "八年级1班"}
    ).record_id
    student = records.create(
        "student", {"student_no": "20240001", "name": "陈喆", "sex": "男", "class_id": last_year}
    ).record_id
    records.update("student", student, {"class_id": this_year})  # moved up a grade
    return student


def test_the_card_lists_each_years_class_oldest_first(school: School):
    student = two_years(school)
    card = student_card(school, student)
    assert (card.class_code, card.class_name) == ("0801", "八年级1班")
    assert card.classes_by_year == (
        YearClass("2024—2025学年", "0701", "七年级1班"),
        YearClass("2025—2026学年", "0801", "八年级1班"),
    )


def test_the_printout_names_the_earlier_years_classes(school: School):
    student = two_years(school)
    assert earlier_classes(student_card(school, student)) == ("2024—2025学年 七年级1班（0701）",)
    text = pdf_text(
        build_student_pdf(
            student_file(school, student),
            school_name=school.name,
            user=school.user,
            printed_at=school.now(),
        ).data
    )
    assert "往年班级" in text and "2024—2025学年 七年级1班（0701）" in text


def test_a_student_of_one_year_shows_no_earlier_classes(school: School):
    records = RecordService(school)
    klass = records.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    student = records.create(
        "student",
        {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": klass.record_id},
    ).record_id
    assert len(student_card(school, student).classes_by_year) == 1
    assert earlier_classes(student_card(school, student)) == ()
