"""The screening worklist (筛查待约谈): who is on it, when each is due, and what takes them off.

Dates worked out by hand on the 2025 calendar: 2025-11-06 is a Thursday; the school is closed on
Tuesday 2025-11-11 (全校停课). Five school days after Thu 6 Nov: Fri 7, Mon 10, (Tue 11 closed),
Wed 12, Thu 13, Fri 14 → 14 Nov. Three: Fri 7, Mon 10, Wed 12 → 12 Nov.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.cli import main
from counselor_app.foundation.errors import InvalidInput
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.screening.answers import ScaleAnswers, save_screenings
from counselor_app.screening.interviews import Interview, interviews_of, record_interview
from counselor_app.screening.scales import load_scales
from counselor_app.screening.worklist import worklist
from counselor_app.settings.screening_options import (
    interview_school_days,
    set_interview_school_days,
)
from counselor_app.years.school_days import add_school_days
from tests.conftest import CHINA, PASSWORD, give_screening_consent, make_school

THURSDAY = dt.date(2025, 11, 6)
SATURDAY = dt.date(2025, 11, 8)
TODAY = dt.date(2025, 11, 17)  # a Monday
PHQ9 = load_scales().find("PHQ-9")
# Total 10 (moderate: calls for an interview), no critical item.
MODERATE = (2, 2, 2, 2, 1, 1, 0, 0, 0)
# Total 1 (minimal) but item 9 answered: critical.
ITEM_NINE = (0, 0, 0, 0, 0, 0, 0, 0, 1)
# Total 4 (minimal), nothing critical: not on the list.
MINIMAL = (1, 1, 1, 1, 0, 0, 0, 0, 0)


@pytest.fixture
def setup(tmp_path):
    now = dt.datetime(2025, 11, 17, 9, 0, tzinfo=CHINA)
    school = make_school(tmp_path / "school", now=now).school
    service = RecordService(school)
    service.create(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-16"},
    )
    service.create("closure_day", {"date": "2025-11-11", "reason": "运动会", "scope": "school"})
    # Closed for the room alone: still a school day.
    service.create("closure_day", {"date": "2025-11-10", "reason": "教研", "scope": "room"})
    klass = service.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    students = [
        service.create(
            "student",
            {
                "student_no": f"2025000{n}",
                "name": f"学生{n}",
                "sex": "女",
                "class_id": klass.record_id,
            },
        ).record_id
        for n in range(1, 6)
    ]
    give_screening_consent(school.db, students)
    yield school, students, tmp_path / "school"
    school.close(backup=False)


def screen(school, entries):
    return save_screenings(
        school,
        [ScaleAnswers(student, PHQ9, on, answers) for student, on, answers in entries],
        "paper",
    ).ids


def test_school_days_skip_weekends_and_school_closures_but_not_room_closures(setup):
    school, _, _ = setup
    assert add_school_days(school.db, THURSDAY, 5) == dt.date(2025, 11, 14)
    assert add_school_days(school.db, THURSDAY, 3) == dt.date(2025, 11, 12)
    assert add_school_days(school.db, THURSDAY, 0) == THURSDAY
    assert add_school_days(school.db, SATURDAY, 0) == dt.date(2025, 11, 10)
    # Over the term's end: 2026-01-16 (Fri) is its last day; the next term is not entered yet, so
    # the weekdays after it count: Mon 19 Jan.
    assert add_school_days(school.db, dt.date(2026, 1, 16), 1) == dt.date(2026, 1, 19)


def test_school_days_skip_the_holidays_between_terms(setup):
    school, _, _ = setup
    RecordService(school).create(
        "term",
        {"name": "2025—2026学年第二学期", "first_day": "2026-03-02", "last_day": "2026-07-03"},
    )
    # Fri 16 Jan is the autumn term's last day; the next school day is the spring term's first.
    assert add_school_days(school.db, dt.date(2026, 1, 16), 1) == dt.date(2026, 3, 2)
    assert add_school_days(school.db, dt.date(2026, 1, 15), 2) == dt.date(2026, 3, 2)


def test_the_worklist_as_a_table_on_the_command_line(setup, monkeypatch, capsys):
    school, (a, *_), folder = setup
    screen(school, [(a, THURSDAY, MODERATE)])
    school.close(backup=False)
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setattr(School, "today", lambda self: TODAY)
    assert main(["--data-dir", str(folder), "screening", "worklist"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "筛查待约谈（截至 2025-11-17，共 1 人次，逾期 1）："
    assert lines[2].split("\t") == [
        "20250001",
        "PHQ-9",
        "10",
        "中度",
        "否",
        "2025-11-14",
        "逾期 3 天",
    ]


def test_due_dates_critical_the_same_school_day_others_after_the_set_school_days(setup):
    school, (a, b, c, d, _), _ = setup
    screen(
        school,
        [
            (a, THURSDAY, MODERATE),
            (b, THURSDAY, ITEM_NINE),
            (c, SATURDAY, ITEM_NINE),
            (d, THURSDAY, MINIMAL),
        ],
    )
    assert interview_school_days(school) == 5
    due = {e.student_no: (e.due_on, e.critical) for e in worklist(school.db, TODAY, 5)}
    assert due == {
        "20250001": (dt.date(2025, 11, 14), False),
        "20250002": (THURSDAY, True),
        "20250003": (dt.date(2025, 11, 10), True),
    }
    set_interview_school_days(school, 3)
    days = interview_school_days(school)
    assert days == 3
    first = [e for e in worklist(school.db, TODAY, days) if e.student_no == "20250001"]
    assert first[0].due_on == dt.date(2025, 11, 12)


def test_the_setting_is_refused_outside_its_range(setup):
    school, _, _ = setup
    with pytest.raises(InvalidInput):
        set_interview_school_days(school, 0)
    assert interview_school_days(school) == 5


def test_overdue_first_then_by_due_date(setup):
    school, (a, b, c, d, e), _ = setup
    screen(
        school,
        [
            (a, THURSDAY, MODERATE),  # due 14 Nov: 3 days overdue on the 17th
            (b, THURSDAY, ITEM_NINE),  # due 6 Nov: 11 days overdue
            (c, dt.date(2025, 11, 17), MODERATE),  # due 24 Nov
            (d, dt.date(2025, 11, 14), MODERATE),  # Fri 14 + 5: Fri 21 Nov
            (e, dt.date(2025, 11, 17), ITEM_NINE),  # due today
        ],
    )
    entries = worklist(school.db, TODAY, 5)
    assert [(x.student_no, x.status, x.days_late) for x in entries] == [
        ("20250002", "overdue", 11),
        ("20250001", "overdue", 3),
        ("20250005", "pending", 0),
        ("20250004", "pending", -4),
        ("20250003", "pending", -7),
    ]
    assert entries[0].status_label.render() == "逾期 11 天"
    assert entries[2].due_today and entries[2].status_label.render() == "待约谈"


def test_an_interview_closes_the_entry_and_its_note_is_sealed(setup):
    school, (a, b, *_), _ = setup
    first, second = screen(school, [(a, THURSDAY, MODERATE), (b, THURSDAY, ITEM_NINE)])
    record_interview(
        school,
        Interview(first, dt.date(2025, 11, 10), "excluded", note="情绪已平稳，家长知情"),
    )
    assert [e.screening_id for e in worklist(school.db, TODAY, 5)] == [second]
    stored = school.db.scalar("SELECT note FROM screening_interview")
    assert "情绪" not in stored
    assert interviews_of(school, first)[0].note == "情绪已平稳，家长知情"
    # A screening never sets a risk level by itself, nor does an interview.
    assert school.db.scalar("SELECT count(*) FROM risk_assessment") == 0
    record_interview(school, Interview(second, TODAY, "crisis_plan"))
    assert worklist(school.db, TODAY, 5) == []
    assert school.db.scalar("SELECT count(*) FROM risk_assessment") == 0
    assert school.db.scalar("SELECT count(*) FROM crisis_plan") == 0


def test_a_retest_puts_the_student_back_until_a_later_screening_of_the_scale(setup):
    school, (a, *_), _ = setup
    (first,) = screen(school, [(a, THURSDAY, MODERATE)])
    record_interview(
        school,
        Interview(first, dt.date(2025, 11, 7), "retest", retest_on=dt.date(2025, 11, 21)),
    )
    (entry,) = worklist(school.db, TODAY, 5)
    assert (entry.status, entry.due_on, entry.status_label.render()) == (
        "retest",
        dt.date(2025, 11, 21),
        "待复测",
    )
    late = worklist(school.db, dt.date(2025, 11, 24), 5)[0]
    assert (late.status, late.days_late) == ("retest_overdue", 3)
    # The retest: not flagged this time, and the student is off the list.
    screen(school, [(a, TODAY, MINIMAL)])
    assert worklist(school.db, TODAY, 5) == []


def test_a_flagged_retest_is_an_entry_of_its_own(setup):
    school, (a, *_), _ = setup
    (first,) = screen(school, [(a, THURSDAY, MODERATE)])
    record_interview(school, Interview(first, THURSDAY, "retest", retest_on=TODAY))
    (again,) = screen(school, [(a, TODAY, MODERATE)])
    assert [(e.screening_id, e.status) for e in worklist(school.db, TODAY, 5)] == [
        (again, "pending")
    ]


@pytest.mark.parametrize(
    ("interview", "words"),
    [
        (Interview(0, THURSDAY, "watch"), "没有编号为 0"),
        (Interview(-1, dt.date(2025, 11, 5), "watch"), "早于测评日期"),
        (Interview(-1, dt.date(2025, 11, 18), "watch"), "晚于今天"),
        (Interview(-1, THURSDAY, "retest"), "复测日期"),
        (Interview(-1, THURSDAY, "watch", retest_on=TODAY), "只有结果为复测"),
    ],
)
def test_an_interview_that_cannot_be_right_is_refused(setup, interview, words):
    school, (a, *_), _ = setup
    (first,) = screen(school, [(a, THURSDAY, MODERATE)])
    if interview.screening_id == -1:
        interview = Interview(first, interview.on, interview.outcome, retest_on=interview.retest_on)
    with pytest.raises(InvalidInput) as refused:
        record_interview(school, interview)
    assert words in str(refused.value)
    assert school.db.scalar("SELECT count(*) FROM screening_interview") == 0


def test_a_screening_typed_in_by_hand_is_never_on_the_list(setup):
    school, (a, *_), _ = setup
    RecordService(school).create(
        "screening",
        {
            "date": THURSDAY.isoformat(),
            "student_id": a,
            "instrument": "MHT",
            "score": 80,
            "result_level": 3,
        },
    )
    assert worklist(school.db, TODAY, 5) == []


def test_the_class_shown_is_the_class_on_the_screening_day(setup):
    school, (a, *_), _ = setup
    screen(school, [(a, THURSDAY, MODERATE)])
    assert worklist(school.db, TODAY, 5)[0].class_name == "七年级1班"


def test_worklist_json_on_the_command_line(setup, monkeypatch, capsys):
    school, (a, b, *_), folder = setup
    screen(school, [(a, THURSDAY, MODERATE), (b, THURSDAY, ITEM_NINE)])
    school.close(backup=False)
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    # The command runs on the computer's clock; here it reads the 17th.
    monkeypatch.setattr(School, "today", lambda self: TODAY)
    assert main(["--data-dir", str(folder), "screening", "worklist", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert isinstance(printed, list)
    assert [
        {k: e[k] for k in ("student_no", "scale", "score", "band", "critical", "due_on")}
        for e in printed
    ] == [
        {
            "student_no": "20250002",
            "scale": "PHQ-9",
            "score": 1,
            "band": "无或极轻微",
            "critical": True,
            "due_on": "2025-11-06",
        },
        {
            "student_no": "20250001",
            "scale": "PHQ-9",
            "score": 10,
            "band": "中度",
            "critical": False,
            "due_on": "2025-11-14",
        },
    ]
    assert {e["status"] for e in printed} <= {"pending", "overdue", "retest", "retest_overdue"}
