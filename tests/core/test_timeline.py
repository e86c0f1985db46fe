"""A student's file (一生一档) gathers everything about the student, newest first."""

from __future__ import annotations

import pytest

from counselor_app.records.service import RecordService
from counselor_app.school.core import ADMIN, User
from counselor_app.student_file.timeline import student_timeline
from tests.core.test_records import roster, session_values  # noqa: F401  (fixture)


@pytest.fixture
def records(school):
    return RecordService(school)


def test_the_timeline_holds_every_kind_of_record_in_date_order(school, records, roster):  # noqa: F811
    records.create("session", session_values(roster, date="2025-09-15"))
    records.create(
        "session",
        session_values(
            roster, date="2025-10-09", kind="团体", students=[roster["zhang"], roster["small"]]
        ),
    )
    records.create(
        "screening",
        {
            "date": "2025-09-10",
            "student_id": roster["zhang"],
            "instrument": "MHT",
            "score": 56,
            "result_level": 2,
        },
    )
    records.create(
        "risk_assessment",
        {"date": "2025-09-12", "student_id": roster["zhang"], "level": 2, "basis": "测评偏高"},
    )
    records.create(
        "home_visit",
        {
            "date": "2025-10-01",
            "student_id": roster["small"],
            "teacher_id": roster["teacher"],
            "mode": "入户",
        },
    )
    entries = student_timeline(school, roster["zhang"])
    assert [(e.date, e.record_type) for e in entries] == [
        ("2025-10-09", "session"),
        ("2025-09-15", "session"),
        ("2025-09-12", "risk_assessment"),
        ("2025-09-10", "screening"),
    ]
    assert "团体" in entries[0].summary


def test_opening_a_students_file_is_audited(school, records, roster):  # noqa: F811
    student_timeline(school, roster["zhang"])
    entry = school.audit.entries()[0]
    assert (entry.action, entry.record_type, entry.record_id) == (
        "open_student_file",
        "student",
        roster["zhang"],
    )


def test_an_administrator_sees_the_entries_without_their_text(school, records, roster):  # noqa: F811
    records.create("session", session_values(roster))
    school.user = User("赵主任", ADMIN)
    (entry,) = student_timeline(school, roster["zhang"])
    assert entry.record["summary"] is None
