"""Answers saved as screenings: scored from the scale file, sealed, all or nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.records.service import RecordService
from counselor_app.screening.answers import ScaleAnswers, read_answers, save_screenings
from counselor_app.screening.scales import load_scales
from tests.conftest import give_screening_consent, make_school

DAY = dt.date(2025, 10, 9)


@pytest.fixture
def school_with_students(tmp_path):
    school = make_school(tmp_path).school
    service = RecordService(school)
    klass = service.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    ids = [
        service.create(
            "student",
            {
                "student_no": f"2025000{n}",
                "name": f"学生{n}",
                "sex": "女",
                "class_id": klass.record_id,
            },
        ).record_id
        for n in (1, 2)
    ]
    yield school, ids
    school.close(backup=False)


def test_a_scored_screening_keeps_total_band_level_and_sealed_answers(school_with_students):
    school, (first, second) = school_with_students
    give_screening_consent(school.db, [first, second])
    phq9 = load_scales().find("PHQ-9")
    # 2+2+2+2+1+1+0+0+0 = 10: the first total of the moderate band, which calls for an interview.
    moderate = (2, 2, 2, 2, 1, 1, 0, 0, 0)
    # 1 on item 9 alone: a total of 1 (minimal) but a critical item.
    only_item_nine = (0, 0, 0, 0, 0, 0, 0, 0, 1)
    saved = save_screenings(
        school,
        [ScaleAnswers(first, phq9, DAY, moderate), ScaleAnswers(second, phq9, DAY, only_item_nine)],
        "paper",
    )
    rows = school.db.query(
        "SELECT score, result_level, band, flagged, critical_items, answers FROM screening"
        " ORDER BY id"
    )
    assert [tuple(r[:5]) for r in rows] == [
        (10, 2, "moderate", 1, "[]"),
        (1, 0, "minimal", 1, "[9]"),
    ]
    assert "2, 2" not in rows[0][5]  # sealed, not the plain JSON list
    assert read_answers(school, saved.ids[0]) == moderate
    assert json.loads(rows[1][4]) == [9]


def test_one_unscorable_entry_saves_nothing_and_names_it(school_with_students):
    school, (first, second) = school_with_students
    give_screening_consent(school.db, [first, second])
    phq9 = load_scales().find("phq9")
    entries = [
        ScaleAnswers(first, phq9, DAY, (0,) * 9),
        ScaleAnswers(second, phq9, DAY, (0, 0, 4, 0, 0, 0, 0, 0, None)),
    ]
    with pytest.raises(InvalidInput) as refused:
        save_screenings(school, entries, "paper")
    text = str(refused.value)
    assert "第 2 条" in text and "第 3 题" in text and "第 9 题" in text
    assert school.db.scalar("SELECT count(*) FROM screening") == 0


def test_screening_consent_counts_only_when_in_force_on_the_day(school_with_students):
    from counselor_app.screening.consent import without_screening_consent

    school, (first, second) = school_with_students
    service = RecordService(school)
    service.create(
        "consent",
        {
            "student_id": first,
            "guardian": "家长甲",
            "scope": "测评",
            "given_on": "2025-09-01",
            "withdrawn_on": "2025-10-09",
        },
    )
    service.create(
        "consent",
        {"student_id": second, "guardian": "家长乙", "scope": "辅导", "given_on": "2025-09-01"},
    )
    db = school.db
    # Before the withdrawal the first has consent; a counselling-only consent never counts.
    assert without_screening_consent(db, [first, second], dt.date(2025, 10, 8)) == {second}
    assert without_screening_consent(db, [first, second], DAY) == {first, second}
    assert without_screening_consent(db, [first], dt.date(2025, 8, 31)) == {first}


def test_without_consent_a_scale_is_saved_only_with_a_reason(school_with_students):
    school, (first, second) = school_with_students
    give_screening_consent(school.db, [first])
    phq9 = load_scales().find("PHQ-9")
    entries = [ScaleAnswers(first, phq9, DAY, (0,) * 9), ScaleAnswers(second, phq9, DAY, (0,) * 9)]
    with pytest.raises(InvalidInput) as refused:
        save_screenings(school, entries, "paper")
    # Only the second lacks consent; it is named by 学号, with what to do, and nothing is saved.
    text = str(refused.value)
    assert "第 2 条（学号 20250002）" in text and "例外理由" in text and "第 1 条" not in text
    assert school.db.scalar("SELECT count(*) FROM screening") == 0

    entries[1] = ScaleAnswers(second, phq9, DAY, (0,) * 9, consent_exception="家长电话同意")
    save_screenings(school, entries, "paper")
    assert school.db.scalar("SELECT count(*) FROM screening") == 2


def test_a_scored_screening_keeps_its_score_against_hand_edits(school_with_students):
    from counselor_app.foundation.errors import ValidationFailed

    school, (first, _) = school_with_students
    give_screening_consent(school.db, [first])
    phq9 = load_scales().find("PHQ-9")
    saved = save_screenings(school, [ScaleAnswers(first, phq9, DAY, (3,) * 9)], "paper")
    service = RecordService(school)
    for change in ({"score": 3}, {"result_level": 0}):
        with pytest.raises(ValidationFailed):
            service.update("screening", saved.ids[0], change)
    assert school.db.query_one("SELECT score, result_level FROM screening")[:] == (27, 3)
    service.update("screening", saved.ids[0], {"date": "2025-10-10"})  # a date can be corrected
    assert school.db.scalar("SELECT date FROM screening") == "2025-10-10"
