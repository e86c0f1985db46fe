"""The record service: validation in the counsellor's words, undo, roles and the audit trail."""

from __future__ import annotations

import pytest

from counselor_app.foundation.errors import InvalidInput, NotPermitted, ValidationFailed
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import RecordService
from counselor_app.school.core import ADMIN, School, User


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def roster(records: RecordService) -> dict[str, int]:
    """One term, a psych teacher, a grade-7 and a grade-3 class, two students."""
    ids = {}
    ids["term"] = records.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    ).record_id
    ids["teacher"] = records.create(
        "staff",
        {
            "staff_no": "T001",
            "name": "李心怡",
            "roles": "专职心理教师;任课教师",
            "qualification": "B",
        },
    ).record_id
    ids["class7"] = records.create(
        "class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}
    ).record_id
    ids["class3"] = records.create(
        "class", {"class_code": "0301", "grade": 3, "name": "三年级1班"}
    ).record_id
    ids["zhang"] = records.create(
        "student",
        {"student_no": "20250001", "name": "张三", "sex": "男", "class_id": ids["class7"]},
    ).record_id
    ids["small"] = records.create(
        "student",
        {"student_no": "20250002", "name": "王小玥", "sex": "女", "class_id": ids["class3"]},
    ).record_id
    return ids


def session_values(roster: dict[str, int], **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "date": "2025-10-09",
        "start_time": "14:00",
        "minutes": 50,
        "kind": "个体",
        "students": [roster["zhang"]],
        "counsellor_id": roster["teacher"],
        "topic": "学业",
        "summary": "考试焦虑，约定下周再谈",
        "risk_level": 1,
    }
    values.update(overrides)
    return values


def problems_of(excinfo: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    return [p.render() for p in excinfo.value.problems]


def test_a_session_round_trips_with_its_students(records, roster):
    change = records.create("session", session_values(roster))
    session = records.get("session", change.record_id)
    assert session["students"] == [roster["zhang"]]
    assert session["kind"] == "individual" and session["topic"] == "study"
    assert session["summary"] == "考试焦虑，约定下周再谈"
    assert session["entered_on"] == "2025-10-16"  # today, by the school's clock


def test_roles_are_stored_as_codes_in_vocabulary_order(records, roster):
    assert records.get("staff", roster["teacher"])["roles"] == ["fulltime_psych", "subject_teacher"]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"date": "2025-08-20"}, "2025-08-20 不在任何学期内"),
        ({"minutes": 0}, "不能是 0 分钟"),
        ({"risk_level": 5}, "不能是 5"),
        ({"date": "2025-11-30"}, "还没有到"),
        ({"students": []}, "必填"),
        ({"start_time": "25:00"}, "应为时间"),
        ({"topic": "失恋"}, "“失恋”不是可选值"),
    ],
)
def test_a_bad_session_is_refused_with_a_specific_message(records, roster, overrides, expected):
    with pytest.raises(ValidationFailed) as excinfo:
        records.create("session", session_values(roster, **overrides))
    assert any(expected in text for text in problems_of(excinfo)), problems_of(excinfo)
    assert records.count("session") == 0


def test_every_problem_is_listed_not_just_the_first(records, roster):
    with pytest.raises(ValidationFailed) as excinfo:
        records.create("session", session_values(roster, minutes=0, start_time="x", kind="?"))
    assert len(excinfo.value.problems) == 3


def test_a_monitor_from_a_class_below_grade_four_is_refused(records, roster):
    with pytest.raises(ValidationFailed) as excinfo:
        records.create("monitor", {"student_id": roster["small"], "from_date": "2025-09-01"})
    assert any("四年级及以上" in text and "3 年级" in text for text in problems_of(excinfo))
    records.create("monitor", {"student_id": roster["zhang"], "from_date": "2025-09-01"})


def test_a_student_cannot_leave_before_joining(records, roster):
    with pytest.raises(ValidationFailed) as excinfo:
        records.update(
            "student",
            roster["zhang"],
            {"status": "转出", "enrolled_on": "2025-09-01", "left_on": "2025-08-01"},
        )
    assert any("离校日期" in text and "入学日期" in text for text in problems_of(excinfo))


def test_a_student_number_already_in_use_is_refused_in_words(records, roster):
    with pytest.raises(ValidationFailed) as excinfo:
        records.create("student", {"student_no": "20250001", "name": "张三丰", "sex": "男",
                                   "class_id": roster["class7"]})  # fmt: skip
    assert any("“20250001”已被另一条记录使用" in text for text in problems_of(excinfo))
    records.update("student", roster["zhang"], {"name": "张三"})  # its own number is fine


def test_overlapping_terms_are_refused(records, roster):
    with pytest.raises(ValidationFailed) as excinfo:
        records.create(
            "term", {"name": "重复学期", "first_day": "2026-01-01", "last_day": "2026-06-30"}
        )
    assert any("重叠" in text for text in problems_of(excinfo))


def test_english_messages_follow_the_language(records, roster):
    from counselor_app.foundation.i18n import set_language

    set_language("en")
    with pytest.raises(ValidationFailed) as excinfo:
        records.create("session", session_values(roster, minutes=0))
    assert any("not 0" in text and "Minutes" in text for text in problems_of(excinfo))


def test_update_changes_only_what_was_given_and_logs_the_field_names(records, roster, school):
    change = records.create("session", session_values(roster))
    records.update("session", change.record_id, {"minutes": 40})
    session = records.get("session", change.record_id)
    assert session["minutes"] == 40 and session["summary"] == "考试焦虑，约定下周再谈"
    entry = school.audit.entries(record_type="session", record_id=change.record_id)[0]
    assert entry.action == "update" and entry.detail == {"fields": ["minutes"]}


def test_delete_then_undo_brings_back_the_record_and_its_students(records, roster, school):
    change = records.create("session", session_values(roster))
    records.delete("session", change.record_id)
    with pytest.raises(InvalidInput):
        records.get("session", change.record_id)
    assert [e.record_type for e in RecycleBin(school).entries()] == ["session"]
    RecycleBin(school).undo_last_delete()
    assert records.get("session", change.record_id)["students"] == [roster["zhang"]]
    assert RecycleBin(school).entries() == []


def test_a_student_with_records_cannot_be_deleted_and_the_message_says_why(records, roster):
    records.create("session", session_values(roster))
    with pytest.raises(InvalidInput) as excinfo:
        records.delete("student", roster["zhang"])
    text = str(excinfo.value)
    assert "辅导记录 1" in text and "转出" in text
    assert records.get("student", roster["zhang"])["name"] == "张三"


def test_purge_removes_only_old_bin_entries(records, roster, school, monkeypatch):
    import datetime as dt

    change = records.create("session", session_values(roster))
    records.delete("session", change.record_id)
    assert RecycleBin(school).purge() == 0
    later = school.now() + dt.timedelta(days=31)
    monkeypatch.setattr(school, "clock", lambda: later)
    assert RecycleBin(school).purge() == 1
    assert RecycleBin(school).entries() == []


def test_the_audit_trail_names_actions_but_never_note_text(records, roster, school):
    change = records.create("session", session_values(roster))
    records.delete("session", change.record_id)
    entries = school.audit.entries()
    assert [e.action for e in entries[:2]] == ["delete", "create"]
    dump = repr(entries)
    assert "考试焦虑" not in dump


class TestAdministrator:
    @pytest.fixture
    def admin_records(self, school, records, roster) -> RecordService:
        records.create("session", session_values(roster))
        school.user = User("赵主任", ADMIN)
        return RecordService(school)

    def test_sees_sessions_without_their_text(self, admin_records):
        (session,) = admin_records.find("session")
        assert session["summary"] is None and session["follow_up"] is None
        assert session["risk_level"] is None
        assert session["minutes"] == 50  # counts and times remain for the self-check

    def test_cannot_write_confidential_records(self, admin_records, roster):
        with pytest.raises(NotPermitted):
            admin_records.create("session", session_values(roster))
        (session,) = admin_records.find("session")
        with pytest.raises(NotPermitted):
            admin_records.delete("session", session["id"])

    def test_may_keep_the_roster(self, admin_records, roster):
        admin_records.update(
            "student", roster["zhang"], {"status": "转出", "left_on": "2025-10-10"}
        )
        assert admin_records.get("student", roster["zhang"])["status"] == "transferred"


# -- finding records -----------------------------------------------------------------------------
def test_find_matches_fields_by_their_stored_values(records, roster):
    first = records.create("session", session_values(roster)).record_id
    records.create("session", session_values(roster, date="2025-10-10", students=[roster["small"]]))
    assert [s["id"] for s in records.find("session", contains={"students": roster["zhang"]})] == [
        first
    ]
    # Values as a record holds them: the class's grade as a number, 毕业年级 as a bool.
    assert [c["class_code"] for c in records.find("class", equals={"grade": 7})] == ["0701"]
    assert len(records.find("class", equals={"graduating": False})) == 2
    assert records.find("student", equals={"birth_date": None}, order=["student_no"]) == [
        records.get("student", roster["zhang"]),
        records.get("student", roster["small"]),
    ]


def test_find_orders_newest_first_unless_told_and_takes_ranges_inclusive(records, roster):
    for day in ("2025-10-08", "2025-10-10", "2025-10-09"):
        records.create("session", session_values(roster, date=day))
    dates = lambda found: [s["date"] for s in found]  # noqa: E731
    assert dates(records.find("session")) == ["2025-10-10", "2025-10-09", "2025-10-08"]
    assert dates(records.find("session", order=["date"])) == ["2025-10-08", "2025-10-09",
                                                              "2025-10-10"]  # fmt: skip
    assert dates(records.find("session", between={"date": ("2025-10-09", None)})) == [
        "2025-10-10",
        "2025-10-09",
    ]
    assert dates(records.find("session", between={"date": (None, "2025-10-09")}, limit=1)) == [
        "2025-10-09"
    ]


def test_a_value_is_a_parameter_never_sql(records, roster):
    assert records.find("student", equals={"name": "张三' OR '1'='1"}) == []
    assert records.count("student") == 2


@pytest.mark.parametrize(
    "query",
    [
        {"equals": {"nmae": "张三"}},
        {"equals": {"name = name OR 1": 1}},
        {"order": ["student_no DESC"]},
        {"between": {"class": (1, 2)}},
        {"contains": {"name": "张"}},  # not a list
    ],
)
def test_a_field_the_type_does_not_have_is_a_programming_error(records, query):
    with pytest.raises(ValueError, match="student"):
        records.find("student", **query)


def test_sealed_text_cannot_be_searched_by_comparison(records, roster):
    records.create("session", session_values(roster))
    with pytest.raises(ValueError, match="sealed"):
        records.find("session", equals={"summary": "考试焦虑，约定下周再谈"})
