"""The privacy line: screenings of the term given without a guardian's consent in force that day."""

from __future__ import annotations

import datetime as dt

from counselor_app.records.service import RecordService
from counselor_app.screening.answers import ScaleAnswers, save_screenings
from counselor_app.screening.scales import load_scales
from counselor_app.selfcheck.profiles import built_in_profiles
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS

PHQ9 = load_scales().find("PHQ-9")
NOTHING = (0,) * 9


def students(make):
    klass = make("class", class_code="0701", grade=7, name="七年级1班")
    return [
        make("student", student_no=f"2025000{n}", name=f"学生{n}", sex="女", class_id=klass)
        for n in (1, 2, 3)
    ]


def test_every_profile_has_the_privacy_line():
    for profile in built_in_profiles().values():
        rules = [r for r in profile.rules if r.metric == "screenings_without_consent"]
        assert len(rules) == 1, profile.id
        assert rules[0].title == "测评前已取得知情同意" and rules[0].clause


def test_a_term_without_screenings_has_nothing_to_judge(measure, make):
    students(make)
    assert measure("screenings_without_consent").status == NO_DATA


def test_screenings_without_consent_that_day_are_listed_without_the_reason(school, make, measure):
    first, second, third = students(make)
    # First: consent from 1 September, in force. Second: on file when screened, then corrected to
    # the day the signed form really came back, after the screening. Third: none at all, screened
    # twice (a scale with a recorded exception, and by hand).
    make("consent", student_id=first, guardian="家长一", scope="测评", given_on="2025-09-01")
    corrected = make(
        "consent", student_id=second, guardian="家长二", scope="测评", given_on="2025-09-01"
    )
    day = dt.date(2025, 10, 15)
    save_screenings(
        school,
        [
            ScaleAnswers(first, PHQ9, day, NOTHING),
            ScaleAnswers(second, PHQ9, day, NOTHING),
            ScaleAnswers(third, PHQ9, day, NOTHING, consent_exception="家长出差，电话口头同意"),
        ],
        "paper",
    )
    RecordService(school).update("consent", corrected, {"given_on": "2025-10-20"})
    make(
        "screening",
        date="2025-11-03",
        student_id=third,
        instrument="心理健康诊断测验",
        score=40,
        result_level=1,
    )
    # Outside the term: not this term's business.
    save_screenings(
        school,
        [ScaleAnswers(third, PHQ9, dt.date(2026, 2, 2), NOTHING, consent_exception="补测")],
        "paper",
    )

    measured = measure("screenings_without_consent")

    assert (measured.status, measured.value) == (FAIL, 3)
    lines = [(e.key, str(e.detail)) for e in measured.evidence]
    assert lines == [
        ("20250002", "2025-10-15 PHQ-9：当日无有效的测评知情同意（未登记例外理由）"),
        ("20250003", "2025-10-15 PHQ-9：当日无有效的测评知情同意（已登记例外理由）"),
        ("20250003", "2025-11-03 手工录入的测评：当日无有效的测评知情同意（未登记例外理由）"),
    ]
    assert not any("出差" in str(e.label) + str(e.detail) for e in measured.evidence)
    # The exception is in the audit trail (how many, never the reason).
    detail = school.db.scalar(
        "SELECT detail FROM audit_log WHERE action = 'screenings_saved' ORDER BY id LIMIT 1"
    )
    assert '"consent_exceptions": 1' in detail and "出差" not in detail


def test_a_withdrawn_consent_no_longer_covers_a_screening(school, make, measure):
    first, *_ = students(make)
    consent = make(
        "consent", student_id=first, guardian="家长一", scope="测评", given_on="2025-09-01"
    )
    save_screenings(school, [ScaleAnswers(first, PHQ9, dt.date(2025, 9, 15), NOTHING)], "paper")
    save_screenings(school, [ScaleAnswers(first, PHQ9, dt.date(2025, 10, 15), NOTHING)], "paper")
    assert measure("screenings_without_consent").status == PASS
    # The guardian's withdrawal of 1 October is recorded only later: the October screening was
    # then given without consent.
    RecordService(school).update("consent", consent, {"withdrawn_on": "2025-10-01"})
    assert measure("screenings_without_consent").value == 1
