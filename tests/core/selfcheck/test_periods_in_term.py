"""BJ-4.1 (每季度) and HY-9 (每月): a quarter or a month counts only for its part inside the term.

A period is asked of a term when at least half of its days lie in the term, or when it ends inside
the term with at least a week (7 days) of it there; only activities dated inside the term count.
Every expectation below is counted by hand from the calendar.
"""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.metrics import all_metrics
from counselor_app.selfcheck.result import FAIL, NOT_APPLICABLE, PASS
from counselor_app.years.calendar import MONTH, QUARTER, TermCalendar
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

REVIEWS = {"type": "leadership_meeting", "period": "quarter", "minimum": 1}
CHECKS = {"type": "monthly_check", "period": "month", "minimum": 1}
SPRING = "2025—2026学年第二学期"


def judged(first: str, last: str, kind: str) -> list[str]:
    calendar = TermCalendar(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    return [p.key for p in calendar.periods(kind) if p.judged]


def test_a_term_ending_on_3_july_is_not_asked_for_the_third_quarter():
    # 2026-02-23 … 2026-07-03. Q1: 23 Feb – 31 Mar = 6 + 31 = 37 of 90 days, less than half, but
    # Q1 ends inside the term with 37 ≥ 7 days there: asked. Q2: whole. Q3: 1–3 July = 3 of 92
    # days, and Q3 ends on 30 Sept, after the term: not asked.
    assert judged("2026-02-23", "2026-07-03", QUARTER) == ["2026-Q1", "2026-Q2"]
    # Months: February holds 23–28 = 6 days (ends inside, but 6 < 7): not asked; March to June
    # whole; July 1–3 = 3 of 31 days, ending after the term: not asked.
    assert judged("2026-02-23", "2026-07-03", MONTH) == ["2026-03", "2026-04", "2026-05", "2026-06"]


def test_a_week_of_a_month_ending_in_the_term_is_enough():
    # Boundary of the week: a term from 22 February holds 22–28 = 7 days of February.
    assert judged("2026-02-22", "2026-07-03", MONTH)[0] == "2026-02"


def test_a_term_ending_on_the_first_of_a_month_is_not_asked_for_that_month():
    # 1 July is 1 of 31 days of July and 1 of 92 of Q3, both ending after the term.
    assert judged("2026-02-23", "2026-07-01", MONTH)[-1] == "2026-06"
    assert judged("2026-02-23", "2026-07-01", QUARTER)[-1] == "2026-Q2"
    # Ending on the month's last day instead: June ends inside the term, whole.
    assert judged("2026-02-23", "2026-06-30", MONTH)[-1] == "2026-06"


def test_half_of_a_month_after_the_term_is_the_boundary():
    # January has 31 days: 16 of them in the term is at least half (32 ≥ 31), 15 is not (30 < 31).
    assert judged("2025-09-01", "2026-01-16", MONTH)[-1] == "2026-01"
    assert judged("2025-09-01", "2026-01-15", MONTH)[-1] == "2025-12"


def test_a_term_ending_in_january_is_not_asked_for_the_first_quarter():
    # Q1 has 90 days in 2026; a term ending 31 January holds 31 of them (62 < 90) and Q1 ends on
    # 31 March, after the term. Q3 from 1 September: 30 days, ending 30 September in the term.
    assert judged("2025-09-01", "2026-01-31", QUARTER) == ["2025-Q3", "2025-Q4"]
    # A term running into mid-February holds 1 Jan – 15 Feb = 46 of 90 days: more than half.
    assert judged("2025-09-01", "2026-02-15", QUARTER)[-1] == "2026-Q1"


def test_a_term_starting_on_the_last_day_of_a_month_is_not_asked_for_it():
    # 31 August 2026 is 1 day of August, ending inside the term but less than a week.
    assert judged("2026-08-31", "2027-01-22", MONTH)[0] == "2026-09"


def test_only_activities_inside_the_term_count_for_a_quarter_it_shares(make, measure):
    # The autumn term starts on 1 September: of Q3 only September is in it. A review in August,
    # before the term, does not count for this term.
    make("activity", date="2025-08-20", type="leadership_meeting", title="暑期会议")
    make("activity", date="2025-11-20", type="leadership_meeting", title="会议")  # Q4
    result = measure("activities_per_period", REVIEWS)
    assert (result.status, result.value) == (FAIL, {"quarters": 2, "short": 1})
    [evidence] = result.evidence
    assert (evidence.key, evidence.label) == ("2025-Q3", "2025年第3季度")
    assert evidence.detail == "领导小组会议 0 次 < 1 次（只计本学期内的 09-01～09-30）"
    make("activity", date="2025-09-01", type="leadership_meeting", title="开学会议")
    assert measure("activities_per_period", REVIEWS).status == PASS


def test_a_monthly_check_is_asked_for_each_month_the_spring_term_holds(school, records, make):
    records.create("term", {"name": SPRING, "first_day": "2026-02-23", "last_day": "2026-07-03"})
    context = TermContext(school.db, find_term(school.db, SPRING), school.today())
    metric = all_metrics()["activities_per_period"]
    for date in ("2026-03-02", "2026-04-01", "2026-05-06", "2026-06-30"):
        make("activity", date=date, type="monthly_check", title="月查")
    # March to June each have a check; February (6 days) and July (3 days) are not asked.
    result = metric(context, CHECKS)
    assert (result.status, result.value) == (PASS, {"months": 4, "short": 0})
    assert result.note == (
        "2026年2月只有 6 天在本学期内，不在本学期评定；2026年7月只有 3 天在本学期内，不在本学期评定。"
    )


def test_a_term_holding_no_period_to_judge_is_not_applicable(school, records):
    # A three-day term, 1–3 July 2026: 3 of 31 days of July and 3 of 92 of Q3.
    records.create("term", {"name": SPRING, "first_day": "2026-07-01", "last_day": "2026-07-03"})
    context = TermContext(school.db, find_term(school.db, SPRING), school.today())
    result = all_metrics()["activities_per_period"](context, REVIEWS)
    assert result.status == NOT_APPLICABLE
    assert (
        result.note
        == "本学期没有需要评定的季度：2026年第3季度只有 3 天在本学期内，不在本学期评定。"
    )


@pytest.mark.parametrize(("profile", "rule"), [("beijing-2023", "BJ-4.1-quarterly-review")])
def test_a_report_printed_in_january_does_not_ask_for_the_next_quarter(
    school, records, make, monkeypatch, profile, rule
):
    # Printed on 24 January 2026, the day after the autumn term ended: a review in Q3 (September)
    # and one in Q4 are all the term needs; 2026 Q1 is the spring term's.
    monkeypatch.setattr(school, "clock", fixed_clock(dt.datetime(2026, 1, 24, 9, tzinfo=CHINA)))
    make("activity", date="2025-09-10", type="leadership_meeting", title="会议")
    make("activity", date="2025-12-10", type="leadership_meeting", title="会议")
    result = run_self_check(school, TERM, profile).result(rule)
    assert (result.status, result.value) == (PASS, {"quarters": 2, "short": 0})
