"""A student's class in each school year (enrolment, 学年分班) and the class they are shown in now
(student.class_id, the latest year's), kept in step by the database whichever side is written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlcipher3 import dbapi2

from counselor_app.foundation.errors import InvalidInput, ValidationFailed
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.years.school_years import class_of_student, enrolments_of_student


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def classes(records: RecordService) -> dict[str, int]:
    """0701 of 2024, 2025 and 2026 (other students each year), and 0801 of 2025 and 2026."""
    made = {}
    for year, code, grade in (
        (2024, "0701", 7),
        (2025, "0701", 7),
        (2025, "0801", 8),
        (2026, "0701", 7),
        (2026, "0801", 8),
    ):
        made[f"{code}/{year}"] = records.create(
            "class",
            {"school_year": year, "class_code": code, "grade": grade, "name": f"{grade}年级1班"},
        ).record_id
    return made


def student(records: RecordService, number: str, class_id: int, **values: Any) -> int:
    return records.create(
        "student",
        {"student_no": number, "name": f"学生{number}", "sex": "M", "class_id": class_id, **values},
    ).record_id


def enrolled(school: School, student_id: int) -> list[tuple[int, int]]:
    return [
        (year.start, class_id) for year, class_id in enrolments_of_student(school.db, student_id)
    ]


def shown_class(school: School, student_id: int) -> int:
    return int(school.db.scalar("SELECT class_id FROM student WHERE id = ?", (student_id,)))


# -- writing student.class_id --------------------------------------------------------------------
def test_a_new_student_is_enrolled_in_the_year_of_their_class(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    assert enrolled(school, s) == [(2025, classes["0701/2025"])]
    assert class_of_student(school.db, s, 2025) == classes["0701/2025"]
    assert class_of_student(school.db, s, 2026) is None


def test_a_class_changed_within_the_year_replaces_that_years_class(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    records.update("student", s, {"class_id": classes["0801/2025"]})
    assert enrolled(school, s) == [(2025, classes["0801/2025"])]
    assert shown_class(school, s) == classes["0801/2025"]


def test_moving_into_next_years_class_keeps_last_years_as_history(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    records.update("student", s, {"class_id": classes["0801/2026"]})
    assert enrolled(school, s) == [(2025, classes["0701/2025"]), (2026, classes["0801/2026"])]
    assert shown_class(school, s) == classes["0801/2026"]


def test_a_class_of_an_earlier_year_is_recorded_and_the_latest_stays_shown(
    school, records, classes
):
    s = student(records, "S1", classes["0701/2025"])
    records.update("student", s, {"class_id": classes["0801/2026"]})
    records.update("student", s, {"class_id": classes["0701/2024"]})
    assert enrolled(school, s) == [
        (2024, classes["0701/2024"]),
        (2025, classes["0701/2025"]),
        (2026, classes["0801/2026"]),
    ]
    assert shown_class(school, s) == classes["0801/2026"]
    # Even when that earlier year already named this class (no enrolment changes at all).
    school.db.execute("UPDATE student SET class_id = ? WHERE id = ?", (classes["0701/2025"], s))
    assert shown_class(school, s) == classes["0801/2026"]


# -- writing enrolment ---------------------------------------------------------------------------
def test_a_later_years_enrolment_moves_the_shown_class(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    school.db.execute("INSERT INTO enrolment VALUES (?, 2026, ?)", (s, classes["0701/2026"]))
    assert shown_class(school, s) == classes["0701/2026"]
    school.db.execute("INSERT INTO enrolment VALUES (?, 2024, ?)", (s, classes["0701/2024"]))
    assert shown_class(school, s) == classes["0701/2026"]  # the latest year wins
    assert [y for y, _ in enrolled(school, s)] == [2024, 2025, 2026]


def test_a_changed_enrolment_moves_the_shown_class_only_in_the_latest_year(
    school, records, classes
):
    s = student(records, "S1", classes["0701/2025"])
    school.db.execute("INSERT INTO enrolment VALUES (?, 2026, ?)", (s, classes["0701/2026"]))
    school.db.execute(
        "UPDATE enrolment SET class_id = ? WHERE student_id = ? AND school_year = 2026",
        (classes["0801/2026"], s),
    )
    assert shown_class(school, s) == classes["0801/2026"]
    school.db.execute(
        "UPDATE enrolment SET class_id = ? WHERE student_id = ? AND school_year = 2025",
        (classes["0801/2025"], s),
    )
    assert shown_class(school, s) == classes["0801/2026"]
    assert enrolled(school, s) == [(2025, classes["0801/2025"]), (2026, classes["0801/2026"])]


def test_deleting_the_latest_enrolment_shows_the_year_before(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    school.db.execute("INSERT INTO enrolment VALUES (?, 2026, ?)", (s, classes["0801/2026"]))
    school.db.execute("DELETE FROM enrolment WHERE student_id = ? AND school_year = 2026", (s,))
    assert shown_class(school, s) == classes["0701/2025"]


def test_a_students_last_enrolment_is_not_deleted(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    with pytest.raises(dbapi2.IntegrityError, match="at least one school year"):
        school.db.execute("DELETE FROM enrolment WHERE student_id = ?", (s,))
    assert enrolled(school, s) == [(2025, classes["0701/2025"])]


def test_an_enrolment_names_a_class_of_its_own_year(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    with pytest.raises(dbapi2.IntegrityError, match="FOREIGN KEY"):
        school.db.execute("INSERT INTO enrolment VALUES (?, 2026, ?)", (s, classes["0701/2025"]))


# -- classes and students going ------------------------------------------------------------------
def test_a_class_with_enrolments_is_not_deleted(school, records, classes):
    s = student(records, "S1", classes["0701/2025"])
    records.update("student", s, {"class_id": classes["0701/2026"]})  # 2025's class: history only
    with pytest.raises(InvalidInput) as refused:
        records.delete("class", classes["0701/2025"])
    assert "学年分班 1" in refused.value.message.render("zh")


def test_a_class_moved_to_another_year_takes_its_students_along(school, records, classes):
    s = student(records, "S1", classes["0701/2024"])
    records.update("class", classes["0701/2024"], {"school_year": "2027-2028"})
    assert enrolled(school, s) == [(2027, classes["0701/2024"])]
    assert shown_class(school, s) == classes["0701/2024"]


def test_a_deleted_student_comes_back_with_every_year(school, records, classes):
    s = student(records, "S1", classes["0701/2024"])
    records.update("student", s, {"class_id": classes["0701/2025"]})
    records.update("student", s, {"class_id": classes["0801/2026"]})
    records.delete("student", s)
    assert school.db.scalar("SELECT count(*) FROM enrolment") == 0

    RecycleBin(school).undo_last_delete()

    assert enrolled(school, s) == [
        (2024, classes["0701/2024"]),
        (2025, classes["0701/2025"]),
        (2026, classes["0801/2026"]),
    ]
    assert shown_class(school, s) == classes["0801/2026"]


# -- the same 班级编号 in two years ----------------------------------------------------------------
def test_the_same_class_code_holds_other_students_each_year(school, records, classes):
    a = student(records, "A", classes["0701/2025"])
    b = student(records, "B", classes["0701/2025"])
    c = student(records, "C", classes["0701/2026"])
    in_2025 = school.db.query(
        "SELECT s.student_no FROM enrolment e JOIN student s ON s.id = e.student_id"
        " JOIN class k ON k.id = e.class_id WHERE k.class_code = '0701' AND e.school_year = 2025"
        " ORDER BY 1"
    )
    assert [r[0] for r in in_2025] == ["A", "B"]
    assert {shown_class(school, x) for x in (a, b)} == {classes["0701/2025"]}
    assert shown_class(school, c) == classes["0701/2026"]


def test_a_class_code_is_unique_within_its_year(school, records, classes):
    with pytest.raises(ValidationFailed) as refused:
        records.create(
            "class",
            {"school_year": "2025—2026学年", "class_code": "0701", "grade": 7, "name": "重复"},
        )
    problem = refused.value.problems[0]
    assert problem.field == "班级编号"
    assert "2025—2026学年" in problem.message.render("zh") and "0701" in problem.message.render()


# -- a monitor's grade, in the year of the term of office ---------------------------------------
def test_a_monitor_is_judged_on_the_class_of_the_year_the_office_starts(school, records):
    third = records.create(
        "class", {"school_year": 2024, "class_code": "0301", "grade": 3, "name": "三年级1班"}
    ).record_id
    fourth = records.create(
        "class", {"school_year": 2025, "class_code": "0401", "grade": 4, "name": "四年级1班"}
    ).record_id
    s = student(records, "S1", third)
    records.update("student", s, {"class_id": fourth})  # moved up in September 2025

    records.create("monitor", {"student_id": s, "from_date": "2025-09-08"})  # in grade 4 then
    with pytest.raises(ValidationFailed) as refused:
        records.create("monitor", {"student_id": s, "from_date": "2024-10-08"})  # grade 3 then
    message = refused.value.problems[0].message.render("zh")
    assert "三年级1班" in message and "3 年级" in message
