"""What the database itself refuses reaches the counsellor in words, never as SQLite's text.

Validation stops these before a normal save; they come through when a record is put back from the
recycle bin into a school that has moved on, or when a bulk writer (the workbook import) hands the
service values that validation did not foresee.
"""

from __future__ import annotations

from typing import Any

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import set_language
from counselor_app.records.catalog import spec_for
from counselor_app.records.constraints import RefusedByDatabase
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.records.validation import validate
from counselor_app.school.core import School


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def roster(records: RecordService) -> dict[str, int]:
    """One term, a counsellor, a class and a student."""
    records.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    )
    ids = {
        "teacher": records.create(
            "staff", {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师"}
        ).record_id,
        "class7": records.create(
            "class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}
        ).record_id,
    }
    ids["zhang"] = records.create(
        "student",
        {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": ids["class7"]},
    ).record_id
    return ids


def session_values(roster: dict[str, int]) -> dict[str, Any]:
    return {
        "date": "2025-10-09",
        "start_time": "14:00",
        "minutes": 50,
        "kind": "个体",
        "students": [roster["zhang"]],
        "counsellor_id": roster["teacher"],
    }


SQLITE_WORDS = ("constraint", "FOREIGN KEY", "UNIQUE", "NOT NULL", "CHECK", "failed")


def said_plainly(error: BaseException) -> str:
    text = str(error)
    assert not any(word in text for word in SQLITE_WORDS), text
    return text


def clean(school: School, record_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Values as validation hands them to a bulk writer."""
    checked, problems = validate(school.db, spec_for(record_type), values, today=school.today())
    assert problems == []
    return checked


def bulk_insert(school: School, record_type: str, values: dict[str, Any]) -> RefusedByDatabase:
    with pytest.raises(RefusedByDatabase) as caught, school.db.transaction():
        RecordService(school).insert_validated(record_type, values)
    return caught.value


def test_a_restored_student_whose_number_was_given_again_names_the_number(school, records, roster):
    records.create("student", {"student_no": "20250002", "name": "王小玥", "sex": "女",
                               "class_id": roster["class7"]})  # fmt: skip
    records.delete("student", roster["zhang"])
    records.create("student", {"student_no": "20250001", "name": "张三丰", "sex": "男",
                               "class_id": roster["class7"]})  # fmt: skip
    entry = RecycleBin(school).entries()[0]
    with pytest.raises(InvalidInput) as caught:
        RecycleBin(school).restore(entry.id)
    assert said_plainly(caught.value) == (
        "无法恢复学生“张三（20250001）”：学号“20250001”已被其他学生使用。"
    )
    assert RecycleBin(school).entries() == [entry]  # still there, to restore later

    set_language("en")  # the bin keeps the title in the words of the day it was deleted
    with pytest.raises(InvalidInput) as caught:
        RecycleBin(school).restore(entry.id)
    assert said_plainly(caught.value).endswith(
        " cannot be restored: Student no. '20250001' is already used by another student."
    )


def test_a_restored_record_whose_id_was_given_again_says_so(school, records, roster):
    records.delete("student", roster["zhang"])
    # The newest record's id is handed out again once it is deleted.
    new = records.create("student", {"student_no": "20250002", "name": "王小玥", "sex": "女",
                                     "class_id": roster["class7"]})  # fmt: skip
    assert new.record_id == roster["zhang"]
    with pytest.raises(InvalidInput) as caught:
        RecycleBin(school).restore(RecycleBin(school).entries()[0].id)
    assert said_plainly(caught.value) == (
        "无法恢复学生“张三（20250001）”：它原来的编号已被新建的学生使用，无法原样放回。"
    )


def test_a_restored_session_whose_student_has_gone_names_what_is_missing(school, records, roster):
    session = records.create("session", session_values(roster)).record_id
    records.delete("session", session)
    records.delete("student", roster["zhang"])  # nothing refers to the student any more
    bin_ = RecycleBin(school)
    session_entry = next(e for e in bin_.entries() if e.record_type == "session")
    with pytest.raises(InvalidInput) as caught:
        bin_.restore(session_entry.id)
    assert said_plainly(caught.value) == (
        "无法恢复辅导记录“2025-10-09 14:00”：“学号”所指的学生已不存在，可能刚被删除。"
    )
    assert records.count("session") == 0


def test_a_duplicate_number_from_a_bulk_writer_is_told_in_words(school, roster):
    values = {"student_no": "20250001", "name": "张三丰", "sex": "男", "class_id": roster["class7"]}
    duplicate = clean(school, "student", {**values, "student_no": "20259999"})
    duplicate["student_no"] = "20250001"
    refused = bulk_insert(school, "student", duplicate)
    assert said_plainly(refused) == "学生无法保存：学号“20250001”已被其他学生使用。"
    # The clause alone, for a workbook row that names its sheet and row itself.
    assert refused.reason.render() == "学号“20250001”已被其他学生使用"


def test_a_class_code_used_twice_in_a_year_names_the_year_and_the_code(school, records, roster):
    year = records.get("class", roster["class7"])["school_year"]
    values = clean(school, "class", {"class_code": "0799", "grade": 7, "name": "七年级9班"})
    values["class_code"] = "0701"
    assert said_plainly(bulk_insert(school, "class", values)) == (
        f"班级无法保存：学年“{year}—{year + 1}学年”、班级编号“0701”已被其他班级使用。"
    )


def test_an_empty_required_field_from_a_bulk_writer_is_named(school, roster):
    values = clean(school, "student", {"student_no": "20250009", "name": "李四", "sex": "男",
                                       "class_id": roster["class7"]})  # fmt: skip
    values["name"] = None
    assert said_plainly(bulk_insert(school, "student", values)) == (
        "学生无法保存：“姓名”必填，不能为空。"
    )


def test_a_value_the_schema_does_not_allow_names_its_field(school, roster):
    values = clean(school, "session", session_values(roster))
    values["minutes"] = 0
    assert said_plainly(bulk_insert(school, "session", values)) == (
        "辅导记录无法保存：“时长(分钟)”的值不符合要求。"
    )


def test_a_reference_to_a_record_that_is_gone_names_the_field(school, roster):
    values = clean(school, "student", {"student_no": "20250009", "name": "李四", "sex": "男",
                                       "class_id": roster["class7"]})  # fmt: skip
    values["class_id"] = 9999
    assert said_plainly(bulk_insert(school, "student", values)) == (
        "学生无法保存：“班级编号”所指的班级已不存在，可能刚被删除。"
    )


def test_a_reference_the_catalogue_does_not_know_still_refuses_in_words(school, records, roster):
    # A table added to the schema without its reference in the catalogue (the bug the reference
    # test guards against): the delete is refused, and the message still reads as ours.
    school.db.execute(
        "CREATE TABLE extra (student_id INTEGER REFERENCES student (id) ON DELETE RESTRICT)"
    )
    school.db.execute("INSERT INTO extra VALUES (?)", (roster["zhang"],))
    with pytest.raises(InvalidInput) as caught:
        records.delete("student", roster["zhang"])
    assert said_plainly(caught.value) == (
        "不能删除学生“张三（20250001）”：还有 其他记录 引用它。请先删除或修改这些记录。"
    )
    assert records.get("student", roster["zhang"])["name"] == "张三"
    assert RecycleBin(school).entries() == []
