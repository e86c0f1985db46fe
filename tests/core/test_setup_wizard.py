"""The first-run wizard's logic without a window: steps, checks, suggestions and creation."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import reset_password_with_recovery_key
from counselor_app.school.core import unlock
from counselor_app.settings.setup_wizard import (
    CREATE_AFTER,
    STEPS,
    FirstRunAnswers,
    Step,
    TermDraft,
    check_account,
    check_school_name,
    check_terms,
    create_first_school,
    next_suggestion,
    password_strength,
    suggested_terms,
    today_outside_terms,
)
from counselor_app.storage.keys import MIN_PASSWORD_LENGTH
from tests.conftest import FAST_KDF, NOW

TODAY = NOW.date()  # 2025-10-16, autumn term


def answers(**changes: object) -> FirstRunAnswers:
    base = FirstRunAnswers(
        school_name="  第一实验中学 ",
        terms=suggested_terms(TODAY, 2),
        user_name="李老师",
        password="quiet-river-2025",
        password_again="quiet-river-2025",
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_steps_ask_school_terms_account_then_show_the_key() -> None:
    assert STEPS == (Step.SCHOOL, Step.TERMS, Step.ACCOUNT, Step.RECOVERY_KEY)
    assert STEPS.index(CREATE_AFTER) == STEPS.index(Step.RECOVERY_KEY) - 1


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (dt.date(2025, 10, 16), "2025—2026学年第一学期"),
        (dt.date(2026, 3, 2), "2025—2026学年第二学期"),
        (dt.date(2025, 7, 20), "2025—2026学年第一学期"),  # summer: the coming term
        (dt.date(2026, 2, 1), "2025—2026学年第二学期"),  # winter holiday
    ],
)
def test_the_first_suggestion_is_the_current_or_coming_term(today: dt.date, first: str) -> None:
    terms = suggested_terms(today, 2)
    assert terms[0].name == first
    assert not check_terms(terms, today)  # suggestions pass the real validation


def test_next_suggestion_skips_terms_already_entered() -> None:
    entered = suggested_terms(TODAY, 1)
    assert next_suggestion(entered, TODAY) == suggested_terms(TODAY, 2)[1]


def test_term_problems_name_the_row_and_field() -> None:
    drafts = [
        TermDraft("甲", "2025-09-01", "2025-08-01"),  # ends before it starts
        TermDraft("乙", "2026-02-20", "2026-07-10"),
        TermDraft("丙", "2026-03-01", "2026-04-01"),  # overlaps 乙
        TermDraft("乙", "2027/9/1", ""),  # name twice, last day missing
    ]
    found = {(p.row, p.field): str(p) for p in check_terms(drafts, TODAY)}
    assert "应晚于" in found[(0, "last_day")]
    assert "重叠" in found[(1, "first_day")] and "丙" in found[(1, "first_day")]
    assert "重叠" in found[(2, "first_day")] and "乙" in found[(2, "first_day")]
    assert found[(3, "last_day")] == "必填，不能为空"
    assert "出现了两次" in found[(3, "name")]
    assert [str(p) for p in check_terms([], TODAY)] == ["请至少添加一个学期（通常是当前学期）。"]


def test_a_term_list_without_today_is_noted_not_refused() -> None:
    spring = [TermDraft("2025—2026学年第二学期", "2026-02-20", "2026-07-10")]
    assert not check_terms(spring, TODAY)
    assert "2025-10-16" in str(today_outside_terms(spring, TODAY))
    assert today_outside_terms(suggested_terms(TODAY, 1), TODAY) is None


def test_school_name_and_account_checks() -> None:
    assert check_school_name("   ")[0].field == "school_name"
    assert check_school_name("校" * 61)
    assert not check_school_name("实验中学")
    short = "a" * (MIN_PASSWORD_LENGTH - 1)
    fields = {p.field for p in check_account("", short, short)}
    assert fields == {"user_name", "password"}
    assert [p.field for p in check_account("王老师", "long-enough-1", "long-enough-2")] == [
        "password_again"
    ]
    assert [p.field for p in check_account("王老师", " long-enough-1", " long-enough-1")] == [
        "password"
    ]
    assert not check_account("王老师", "long-enough-1", "long-enough-1")


def test_password_hint_grows_with_the_password() -> None:
    levels = [password_strength(p).level for p in ("abc", "12345678", "abcdefg1", "Rain-on-2025!")]
    assert levels == [0, 1, 2, 3]


def test_creating_makes_the_school_then_its_terms(school_paths: SchoolPaths) -> None:
    clock = fixed_clock(NOW)
    result = create_first_school(school_paths, answers(), clock=clock, kdf=FAST_KDF)
    school = result.new_school.school
    try:
        assert result.terms_problem is None
        assert school.name == "第一实验中学"
        assert school.user.name == "李老师" and school.user.is_counsellor
        terms = RecordService(school).find("term")
        assert [t["name"] for t in terms] == [t.name for t in suggested_terms(TODAY, 2)]
    finally:
        school.close()
    # The recovery key shown once really opens the school.
    reset_password_with_recovery_key(
        school_paths, "李老师", result.new_school.recovery_key, "another-pass-99", clock=clock
    )
    unlock(school_paths, "李老师", "another-pass-99", clock=clock).close()


def test_nothing_is_created_when_an_answer_is_wrong(school_paths: SchoolPaths) -> None:
    with pytest.raises(InvalidInput):
        create_first_school(
            school_paths, answers(password_again="something-else"), clock=fixed_clock(NOW)
        )
    assert not school_paths.root.exists()
