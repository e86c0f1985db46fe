"""The due-date rules of a crisis case, on hand-worked dates (no database).

The calendar: the autumn term 2025-09-01 to 2026-01-23; 2025-10-01 to 10-08 is the National Day
holiday; 2025-10-10 is a Friday. Outside a term every weekday is a school day.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.crisis.due_days import DEFAULT, DueDays
from counselor_app.crisis.rules import (
    CLOSED,
    OPEN,
    OVERDUE,
    CaseStatus,
    PlanDates,
    RecordedStep,
    ReferralChange,
    evaluate,
)
from counselor_app.crisis.steps import referral_label
from counselor_app.years.calendar import TermCalendar
from counselor_app.years.school_days import SchoolDays

D = dt.date
AUTUMN = TermCalendar(D(2025, 9, 1), D(2026, 1, 23))
DAYS = SchoolDays([AUTUMN], weekdays_between_terms=True)


def case(
    plan: PlanDates,
    today: dt.date,
    steps: tuple[tuple[str, dt.date], ...] = (),
    referrals: tuple[tuple[str, dt.date], ...] = (),
    due: DueDays = DEFAULT,
) -> CaseStatus:
    recorded = [RecordedStep(i, step, day) for i, (step, day) in enumerate(steps, 1)]
    changes = [
        ReferralChange(i, day, status, referral_label(status))
        for i, (status, day) in enumerate(referrals, 1)
    ]
    return evaluate(1, 7, plan, recorded, changes, due, DAYS.after, today)


def step(status: CaseStatus, name: str) -> list:
    return [s for s in status.steps if s.step == name]


def test_school_days_skip_the_weekend_the_holiday_and_count_weekdays_outside_a_term():
    assert DAYS.after(D(2025, 10, 10), 1) == D(2025, 10, 13)  # Friday -> Monday
    assert DAYS.after(D(2025, 10, 11), 1) == D(2025, 10, 13)  # Saturday -> Monday
    assert DAYS.after(D(2025, 9, 30), 1) == D(2025, 10, 9)  # over National Day
    assert DAYS.after(D(2025, 10, 10), 0) == D(2025, 10, 10)
    assert DAYS.after(D(2025, 10, 9), 3) == D(2025, 10, 14)  # Fri, Mon, Tue
    # 2025-07-25 is a Friday in the summer: no term, so Monday is the next school day.
    assert DAYS.after(D(2025, 7, 25), 1) == D(2025, 7, 28)


def test_a_closure_of_the_whole_school_is_no_school_day():
    closed = TermCalendar(D(2025, 9, 1), D(2026, 1, 23), closure_days=frozenset({D(2025, 10, 13)}))
    assert SchoolDays([closed], weekdays_between_terms=True).after(D(2025, 10, 10), 1) == D(
        2025, 10, 14
    )


def test_assessment_is_due_one_school_day_after_a_friday_report():
    plan = PlanDates(created_on=D(2025, 10, 10), level=2)
    on_monday = step(case(plan, D(2025, 10, 13)), "assess")[0]
    assert on_monday.due_on == D(2025, 10, 13) and not on_monday.overdue
    on_tuesday = step(case(plan, D(2025, 10, 14)), "assess")[0]
    assert on_tuesday.overdue and on_tuesday.days_overdue == 1
    done = step(case(plan, D(2025, 10, 20), steps=(("assess", D(2025, 10, 13)),)), "assess")[0]
    assert done.done_on == D(2025, 10, 13) and not done.overdue and done.days_overdue == 0


def test_the_report_day_counts_from_reported_on_when_it_is_earlier_than_the_plan():
    plan = PlanDates(created_on=D(2025, 10, 13), reported_on=D(2025, 9, 30), level=1)
    status = case(plan, D(2025, 10, 10))
    assert step(status, "assess")[0].due_on == D(2025, 10, 9)
    assert step(status, "inform_guardian")[0].due_on == D(2025, 9, 30)
    assert status.state == OVERDUE
    assert {s.step for s in status.overdue} == {"assess", "inform_guardian"}
    assert status.days_overdue == 10  # the guardian, told on 09-30 at the latest


def test_the_guardian_is_told_the_same_day_and_an_old_plans_date_counts():
    plan = PlanDates(created_on=D(2025, 10, 10), level=1)
    assert step(case(plan, D(2025, 10, 10)), "inform_guardian")[0].overdue is False
    late = step(case(plan, D(2025, 10, 11)), "inform_guardian")[0]
    assert late.overdue and late.days_overdue == 1
    old = PlanDates(created_on=D(2025, 10, 10), level=1, guardian_informed_on=D(2025, 10, 10))
    told = step(case(old, D(2025, 10, 20)), "inform_guardian")[0]
    assert told.done_on == D(2025, 10, 10) and not told.overdue


def test_only_a_level_3_plan_must_be_referred_within_two_days():
    level2 = PlanDates(created_on=D(2025, 10, 10), level=2)
    assert step(case(level2, D(2025, 11, 1)), "refer") == []
    level3 = PlanDates(created_on=D(2025, 10, 10), level=3)
    on_sunday = step(case(level3, D(2025, 10, 12)), "refer")[0]
    assert on_sunday.due_on == D(2025, 10, 12) and not on_sunday.overdue
    late = step(case(level3, D(2025, 10, 15)), "refer")[0]
    assert late.overdue and late.days_overdue == 3
    # A referral change to 已转介 does the step.
    referred = case(level3, D(2025, 10, 15), referrals=(("referred", D(2025, 10, 11)),))
    assert step(referred, "refer")[0].done_on == D(2025, 10, 11)
    suggested = case(level3, D(2025, 10, 15), referrals=(("suggested", D(2025, 10, 11)),))
    assert step(suggested, "refer")[0].overdue


def test_a_return_to_school_is_assessed_on_or_before_the_day():
    plan = PlanDates(created_on=D(2025, 10, 10), level=2, return_on=D(2025, 11, 3))
    assert not step(case(plan, D(2025, 11, 3)), "return_assessment")[0].overdue
    assert step(case(plan, D(2025, 11, 4)), "return_assessment")[0].days_overdue == 1
    away = PlanDates(created_on=D(2025, 10, 10), level=2)
    assert step(case(away, D(2025, 12, 1)), "return_assessment") == []


def test_reviews_come_every_four_weeks_from_the_last_one():
    plan = PlanDates(created_on=D(2025, 9, 1), level=2)
    done = (
        ("assess", D(2025, 9, 2)),
        ("review", D(2025, 9, 29)),
        ("review", D(2025, 10, 27)),
    )
    status = case(plan, D(2025, 11, 25), steps=done)
    reviews = step(status, "review")
    # 09-02 + 28 days = 09-30 (done 09-29); 09-29 + 28 = 10-27 (done that day); then 11-24.
    assert [(r.due_on, r.done_on) for r in reviews] == [
        (D(2025, 9, 30), D(2025, 9, 29)),
        (D(2025, 10, 27), D(2025, 10, 27)),
        (D(2025, 11, 24), None),
    ]
    assert [r.days_overdue for r in reviews] == [0, 0, 1]
    # Without an assessment the first review counts from the plan's day.
    bare = step(case(plan, D(2025, 9, 2)), "review")
    assert [r.due_on for r in bare] == [D(2025, 9, 29)]


def test_a_review_date_the_counsellor_set_earlier_comes_first():
    plan = PlanDates(created_on=D(2025, 9, 1), level=2, next_review_on=D(2025, 9, 15))
    review = step(case(plan, D(2025, 9, 20)), "review")[0]
    assert review.due_on == D(2025, 9, 15) and review.days_overdue == 5


def test_a_closed_plan_is_overdue_only_for_a_missing_closing_review():
    plan = PlanDates(created_on=D(2025, 9, 1), level=3, closed_on=D(2025, 10, 20))
    on_the_day = case(plan, D(2025, 10, 20))
    # Never assessed, told or referred, but closed: those are history now, not overdue.
    assert on_the_day.state == CLOSED and on_the_day.overdue == []
    assert step(on_the_day, "review") == []
    later = case(plan, D(2025, 10, 23))
    assert later.state == OVERDUE
    assert [(s.step, s.days_overdue) for s in later.overdue] == [("close", 3)]
    closed = case(plan, D(2025, 10, 23), steps=(("close", D(2025, 10, 20)),))
    assert closed.state == CLOSED and closed.overdue == []


def test_a_plan_to_be_closed_later_is_still_open():
    plan = PlanDates(created_on=D(2025, 10, 10), level=1, closed_on=D(2025, 12, 1))
    status = case(plan, D(2025, 10, 10), steps=(("assess", D(2025, 10, 10)),))
    assert status.state == OPEN
    assert step(status, "close")[0].due_on == D(2025, 12, 1)


def test_the_school_chooses_its_own_due_days():
    plan = PlanDates(created_on=D(2025, 10, 10), level=3)
    due = DueDays(assess_school_days=2, inform_guardian_days=1, refer_days=5, review_weeks=2)
    status = case(plan, D(2025, 10, 10), due=due)
    assert step(status, "assess")[0].due_on == D(2025, 10, 14)  # Mon, Tue
    assert step(status, "inform_guardian")[0].due_on == D(2025, 10, 11)
    assert step(status, "refer")[0].due_on == D(2025, 10, 15)
    assert step(status, "review")[0].due_on == D(2025, 10, 24)


def test_a_second_record_of_a_one_off_step_is_kept_without_a_due_date():
    plan = PlanDates(created_on=D(2025, 10, 10), level=1)
    steps = (("assess", D(2025, 10, 10)), ("assess", D(2025, 10, 17)))
    assessments = step(case(plan, D(2025, 10, 20), steps=steps), "assess")
    assert [(a.due_on, a.done_on) for a in assessments] == [
        (D(2025, 10, 13), D(2025, 10, 10)),
        (None, D(2025, 10, 17)),
    ]
