"""HY-5-follow-up: 「对学生心理辅导工作要有记录、有跟踪、有反馈、有结果」 asks it of every record, so
the share is 100 %. The follow-up is sealed in the database; whether a session has one is read from
the stored value, so a 管理员, who may not open it, gets the same answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from counselor_app.school.core import School, User
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.profiles import find_profile
from counselor_app.selfcheck.result import FAIL, PASS
from counselor_app.storage.sealed_text import SEALED_PREFIX
from tests.core.selfcheck.conftest import TERM

RULE = "HY-5-follow-up"


@pytest.fixture
def sessions(make: Callable[..., int]) -> Callable[[list[str | None]], None]:
    """Individual sessions through the record service (so their text is sealed), one a day."""
    counsellor = make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"])
    class_id = make("class", class_code="0701", grade=7, name="七年级1班")
    student = make("student", student_no="S1", name="甲", sex="F", class_id=class_id)
    made = []

    def create(follow_ups: list[str | None]) -> None:
        for follow_up in follow_ups:
            day = dt.date(2025, 9, 1) + dt.timedelta(days=len(made))
            values = {
                "date": day.isoformat(),
                "start_time": "14:00",
                "minutes": 40,
                "kind": "individual",
                "students": [student],
                "counsellor_id": counsellor,
                "entered_on": day.isoformat(),
            }
            if follow_up is not None:
                values["follow_up"] = follow_up
            made.append(make("session", **values))

    return create


def follow_up_result(school: School):
    return run_self_check(school, TERM, "hengyang-2019", audit=False).result(RULE)


def test_the_profile_asks_every_record():
    assert find_profile("hengyang-2019").rule(RULE).params["minimum_share"] == 1.0


def test_every_session_with_a_follow_up_passes(school, sessions):
    sessions(["下周复谈", "转介家长", "已结案"])
    stored = [r[0] for r in school.db.query("SELECT follow_up FROM counselling_session")]
    assert all(value.startswith(SEALED_PREFIX) for value in stored)  # sealed, as in a real school
    result = follow_up_result(school)
    assert (result.status, result.value) == (PASS, 1.0)


def test_nine_of_ten_no_longer_pass(school, sessions):
    # 9 / 10 = 0.9 met the old 90 % reading; every record means 10 / 10.
    sessions(["下周复谈"] * 9 + [None])
    result = follow_up_result(school)
    assert (result.status, result.value) == (FAIL, 0.9)
    assert [e.key for e in result.evidence] == ["2025-09-10 14:00"]


def test_blank_text_is_no_follow_up(school, sessions):
    # Spaces only are stored as nothing: no follow-up written.
    sessions(["下周复谈", "   "])
    result = follow_up_result(school)
    assert (result.status, result.value) == (FAIL, 0.5)


def test_an_administrator_gets_the_same_answer_without_opening_the_text(school, sessions):
    sessions(["下周复谈", None, "已结案"])
    school.user = User("教务处", "admin")
    assert not school.may_read_confidential
    result = follow_up_result(school)
    # 2 / 3 = 0.6667, read from the sealed values without opening them.
    assert (result.status, result.value) == (FAIL, 0.6667)
