"""School years: how a person writes one, which one a day belongs to, and which one the school is
in now (the default 学年 of a new class, and the year existing classes got when upgraded)."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.records.service import RecordService
from counselor_app.years.school_years import (
    SchoolYear,
    TermInfo,
    current_school_year,
    school_year_days,
    school_year_of,
    school_year_of_term,
)

D = dt.date.fromisoformat


# -- names -----------------------------------------------------------------------------------------
def test_a_school_year_is_named_with_an_em_dash():
    assert SchoolYear(2025).name == "2025—2026学年"
    assert str(SchoolYear(2025)) == "2025—2026学年"
    assert SchoolYear(2025).next == SchoolYear(2026) and SchoolYear(2025).previous.start == 2024


@pytest.mark.parametrize(
    "typed",
    [
        "2025—2026学年",  # em dash, as term names write it
        "2025—2026",
        "2025-2026",  # ASCII hyphen
        "2025–2026",  # en dash
        "2025－2026学年",  # full-width hyphen of a Chinese input method
        "2025——2026学年",  # the doubled dash the Chinese input method types
        "2025‐2026",  # Unicode hyphen
        "2025−2026",  # minus sign
        "2025―2026学年",  # horizontal bar
        " 2025 - 2026 学年 ",
        "２０２５—２０２６学年",  # full-width digits
    ],
)
def test_any_dash_with_or_without_the_word_is_read(typed):
    assert SchoolYear.parse(typed) == SchoolYear(2025)


def test_the_stored_start_year_is_read_as_it_is():
    assert SchoolYear.parse(2025) == SchoolYear(2025)
    assert SchoolYear.parse(SchoolYear(2030)) == SchoolYear(2030)


@pytest.mark.parametrize(
    "typed", ["2025", "2025/2026", "2025年", "二〇二五—二〇二六学年", "", "学年"]
)
def test_other_text_is_refused_saying_how_to_write_it(typed):
    with pytest.raises(InvalidInput) as refused:
        SchoolYear.parse(typed)
    assert "2025—2026学年" in refused.value.message.render("zh")
    assert "2025-2026" in refused.value.message.render("en")


def test_two_years_that_do_not_follow_each_other_are_refused():
    with pytest.raises(InvalidInput) as refused:
        SchoolYear.parse("2025—2027学年")
    assert "2025—2026学年" in refused.value.message.render("zh")


# -- which school year a day or a term belongs to --------------------------------------------------
def _term(first: str, last: str, ident: int = 1) -> TermInfo:
    return TermInfo(ident, f"term {ident}", D(first), D(last))


def test_a_terms_school_year_follows_from_its_first_day():
    assert school_year_of_term(D("2025-09-01")) == SchoolYear(2025)
    assert school_year_of_term(D("2025-08-25")) == SchoolYear(2025)  # an early autumn start
    assert school_year_of_term(D("2026-02-23")) == SchoolYear(2025)  # spring
    assert _term("2026-03-02", "2026-07-10").school_year == SchoolYear(2025)


def test_without_terms_a_school_year_runs_september_to_august():
    assert school_year_of(D("2025-08-31"), []) == SchoolYear(2024)
    assert school_year_of(D("2025-09-01"), []) == SchoolYear(2025)
    assert school_year_of(D("2026-01-01"), []) == SchoolYear(2025)
    assert school_year_days(2025, []) == (D("2025-09-01"), D("2026-08-31"))


def test_an_autumn_term_starting_in_august_opens_its_school_year_that_day():
    terms = [_term("2025-02-17", "2025-07-04", 1), _term("2025-08-25", "2026-01-16", 2)]
    assert school_year_of(D("2025-08-24"), terms) == SchoolYear(2024)
    assert school_year_of(D("2025-08-25"), terms) == SchoolYear(2025)
    assert school_year_days(2024, terms) == (D("2024-09-01"), D("2025-08-24"))
    assert school_year_days(2025, terms) == (D("2025-08-25"), D("2026-08-31"))


# -- the school year the school is in now ----------------------------------------------------------
@pytest.fixture
def records(school) -> RecordService:
    return RecordService(school)


def _add_terms(records: RecordService, *terms: tuple[str, str, str]) -> None:
    for name, first, last in terms:
        records.create("term", {"name": name, "first_day": first, "last_day": last})


SPRING_2025 = ("2024—2025学年第二学期", "2025-02-17", "2025-07-04")
AUTUMN_2025 = ("2025—2026学年第一学期", "2025-08-25", "2026-01-16")


def test_with_no_terms_the_current_year_is_that_of_today(school):
    assert current_school_year(school.db, D("2025-08-31")) == SchoolYear(2024)
    assert current_school_year(school.db, D("2025-09-01")) == SchoolYear(2025)


def test_the_current_year_is_that_of_the_latest_term_started(school, records):
    _add_terms(records, SPRING_2025, AUTUMN_2025)
    assert current_school_year(school.db, D("2025-03-01")) == SchoolYear(2024)
    # The summer holiday still belongs to the year just ended, until the next term starts: a
    # roll-over, not the calendar, moves the school on. That term starts in late August here.
    assert current_school_year(school.db, D("2025-07-20")) == SchoolYear(2024)
    assert current_school_year(school.db, D("2025-08-24")) == SchoolYear(2024)
    assert current_school_year(school.db, D("2025-08-25")) == SchoolYear(2025)
    assert current_school_year(school.db, D("2026-05-01")) == SchoolYear(2025)  # spring not entered


def test_before_any_term_has_started_it_is_the_year_of_the_first_term_to_come(school, records):
    _add_terms(records, AUTUMN_2025)
    # A school set up in the summer, with the coming term already entered.
    assert current_school_year(school.db, D("2025-08-10")) == SchoolYear(2025)


def test_a_new_class_without_a_school_year_is_in_the_current_one(school, records):
    _add_terms(records, SPRING_2025)  # the school clock says 2025-10-16, no autumn term entered
    class_id = records.create(
        "class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}
    ).record_id
    assert records.get("class", class_id)["school_year"] == 2024
    typed = records.create(
        "class",
        {"school_year": "2025-2026", "class_code": "0701", "grade": 7, "name": "七年级1班"},
    ).record_id
    assert records.get("class", typed)["school_year"] == 2025
