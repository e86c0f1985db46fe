"""Progress through a running term (按进度 / 落后 / 已达标), worked out by hand.

The term: 2026-03-02 (Mon) … 2026-07-17 (Fri), 20 teaching weeks (week 8 is Apr 20–26; week 20
is Jul 13–19). Public holidays in it (China's 2026 calendar): Mon Apr 6 (week 6), Fri May 1
(week 9), Mon–Tue May 4–5 (week 10), Fri Jun 19 (week 16). The school's clock stands on the
term's last day, so every record in the term can be entered; each test says which day progress
is read on.

"One period every two weeks" needs ceil(20 × 0.5) = 10 periods per class. In week 8 the due
amount is ⌊10 × 8 ÷ 20⌋ = 4: a class with 3 is behind and still needs 7 with 12 weeks left; a
class with 4 is on track.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.i18n import in_language
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.metrics import all_metrics, metric_specs
from counselor_app.selfcheck.profiles import RuleDefinition
from counselor_app.selfcheck.progress import (
    BEHIND,
    MET,
    NONE,
    ON_TRACK,
    RuleProgress,
    rule_progress,
    span_of,
    term_progress,
)
from counselor_app.selfcheck.result import RuleResult
from tests.conftest import CHINA
from tests.core.selfcheck.english import CJK

TERM = "2025—2026学年第二学期"
FIRST, LAST = "2026-03-02", "2026-07-17"
WEEK_8 = dt.date(2026, 4, 22)  # a Wednesday
EVERY_TWO_WEEKS = {"periods_per_teaching_week": 0.5}


@pytest.fixture
def clock():
    return fixed_clock(dt.datetime(2026, 7, 17, 18, 0, tzinfo=CHINA))


@pytest.fixture
def term_dates() -> tuple[str, str, str]:
    return TERM, FIRST, LAST


@pytest.fixture
def progress(school: School, records: RecordService) -> Callable[..., RuleProgress]:
    """``progress(metric, params, today)``: one rule measured for the term as the engine would,
    then its progress as of ``today``."""

    def run(metric: str, params: Mapping[str, Any], today: dt.date) -> RuleProgress:
        term = find_term(school.db, TERM)
        assert term is not None
        context = TermContext(school.db, term, today)
        span = span_of(context)
        assert span is not None
        measured = all_metrics()[metric](context, params)
        result = RuleResult("R", measured.status, measured.value, measured.threshold)
        yearly = metric_specs()[metric].yearly(params)  # as loading a profile decides it
        rule = RuleDefinition("R", metric, "类", "标题", "标准", params=dict(params), yearly=yearly)
        return rule_progress(context, span, rule, result)

    return run


@pytest.fixture
def teacher(make) -> int:
    return make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"])


def school_class(make, code: str, grade: int = 7) -> int:
    class_id = make("class", class_code=code, grade=grade, name=f"{grade}年级{code}班")
    make("student", student_no=f"S{code}", name="学生", sex="女", class_id=class_id)
    return class_id


def lessons(make, class_id: int, teacher: int, periods: int, date: str = "2026-03-10") -> None:
    """``periods`` periods on ``date``, entered 10 at most at a time (a day's most)."""
    while periods > 0:
        entered = min(periods, 10)
        make("psych_lesson", date=date, class_id=class_id, teacher_id=teacher, periods=entered)
        periods -= entered


def zh(rule: RuleProgress) -> str:
    assert rule.progress is not None
    return in_language(rule.progress.words, "zh")


def en(rule: RuleProgress) -> str:
    assert rule.progress is not None
    return in_language(rule.progress.words, "en")


def unit_states(rule: RuleProgress) -> dict[str, tuple[int, int, int, str]]:
    assert rule.progress is not None
    return {u.key: (int(u.done), int(u.due), int(u.needed), u.state) for u in rule.progress.units}


# -- the calendar --------------------------------------------------------------------------------


def test_today_in_week_8_of_20_leaves_12_weeks(school, records):
    term = find_term(school.db, TERM)
    span = span_of(TermContext(school.db, term, WEEK_8))
    assert (span.week, span.weeks, span.weeks_left) == (8, 20, 12)
    assert span.due(Fraction(10)) == 4  # 10 × 8 / 20
    assert span.due(Fraction(2)) == 0  # 2 × 8 / 20 = 0.8, rounded down


@pytest.mark.parametrize(
    ("today", "week", "left"),
    [
        (dt.date(2026, 3, 2), 1, 19),  # the first day
        (dt.date(2026, 4, 26), 8, 12),  # week 8's Sunday
        (dt.date(2026, 7, 13), 20, 0),  # the last week's Monday
        (dt.date(2026, 7, 17), 20, 0),  # the last day
    ],
)
def test_the_week_of_a_day_in_the_term(school, records, today, week, left):
    span = span_of(TermContext(school.db, find_term(school.db, TERM), today))
    assert (span.week, span.weeks_left) == (week, left)


@pytest.mark.parametrize("today", [dt.date(2026, 3, 1), dt.date(2026, 7, 18)])
def test_no_progress_before_or_after_the_term(school, records, today):
    assert span_of(TermContext(school.db, find_term(school.db, TERM), today)) is None


# -- psych lessons, per class --------------------------------------------------------------------


def test_week_8_a_class_with_3_periods_is_behind_and_one_with_4_on_track(make, teacher, progress):
    first, second = school_class(make, "0701"), school_class(make, "0702")
    lessons(make, first, teacher, 3)
    lessons(make, second, teacher, 4)
    lessons(make, first, teacher, 5, date="2026-04-23")  # tomorrow: not done yet

    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, WEEK_8)

    assert rule.state == BEHIND
    assert unit_states(rule) == {"0701": (3, 4, 10, BEHIND), "0702": (4, 4, 10, ON_TRACK)}
    assert zh(rule) == "1 个班落后：0701 还需 7 课时，剩余 12 个教学周"
    assert en(rule) == "1 class behind, 0701: 7 more periods needed, 12 teaching weeks left"
    assert (rule.progress.done, rule.progress.needed_total, rule.progress.remaining) == (3, 10, 7)
    assert rule.progress.weeks_left == 12


def test_several_classes_behind_name_the_one_furthest_behind(make, teacher, progress):
    for code, periods in (("0701", 2), ("0702", 0), ("0703", 3), ("0704", 6)):
        class_id = school_class(make, code)
        if periods:
            lessons(make, class_id, teacher, periods)

    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, WEEK_8)

    assert rule.progress.units_behind == 3
    assert zh(rule) == "3 个班落后，最少的 0702 还需 10 课时，剩余 12 个教学周"
    assert en(rule) == (
        "3 classes behind; furthest behind, 0702: 10 more periods needed, 12 teaching weeks left"
    )


def test_classes_on_track_name_the_one_with_the_most_to_do(make, teacher, progress):
    lessons(make, school_class(make, "0701"), teacher, 5)
    lessons(make, school_class(make, "0702"), teacher, 10)  # already met
    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, WEEK_8)
    assert rule.state == ON_TRACK
    assert zh(rule) == "各班均按进度，最少的 0701 还需 5 课时，剩余 12 个教学周"


def test_every_class_met_before_the_end_of_the_term(make, teacher, progress):
    lessons(make, school_class(make, "0701"), teacher, 10)
    lessons(make, school_class(make, "0702"), teacher, 12)
    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, WEEK_8)
    assert rule.state == MET
    assert zh(rule) == "2 个班均已达标"
    assert en(rule) == "All 2 classes met"


def test_in_the_first_week_nothing_is_due_yet(make, teacher, progress):
    school_class(make, "0701")
    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, dt.date(2026, 3, 2))
    assert unit_states(rule) == {"0701": (0, 0, 10, ON_TRACK)}  # ⌊10 × 1 / 20⌋ = 0
    assert zh(rule) == "各班均按进度，最少的 0701 还需 10 课时，剩余 19 个教学周"


def test_in_the_second_week_one_period_is_due(make, teacher, progress):
    school_class(make, "0701")
    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, dt.date(2026, 3, 9))
    assert unit_states(rule) == {"0701": (0, 1, 10, BEHIND)}  # ⌊10 × 2 / 20⌋ = 1


@pytest.mark.parametrize("today", [dt.date(2026, 7, 13), dt.date(2026, 7, 17)])
def test_in_the_last_week_all_is_due_and_nothing_is_merely_on_track(make, teacher, progress, today):
    first, second = school_class(make, "0701"), school_class(make, "0702")
    lessons(make, first, teacher, 9)
    lessons(make, second, teacher, 10)
    rule = progress("lessons_per_class", EVERY_TWO_WEEKS, today)
    assert unit_states(rule) == {"0701": (9, 10, 10, BEHIND), "0702": (10, 10, 10, MET)}
    assert zh(rule) == "1 个班落后：0701 还需 1 课时，本周是最后一个教学周"
    assert en(rule) == "1 class behind, 0701: 1 more period needed; this is the last teaching week"


def test_a_lesson_on_today_counts_as_done(make, teacher, progress):
    lessons(make, school_class(make, "0701"), teacher, 4, date=WEEK_8.isoformat())
    assert progress("lessons_per_class", EVERY_TWO_WEEKS, WEEK_8).state == ON_TRACK


# -- activities in the term ----------------------------------------------------------------------


MEETINGS = {"type": "leadership_meeting", "minimum": 2}


def meeting(make, date: str) -> None:
    make("activity", date=date, type="leadership_meeting", title="会议", classes=[])


def test_two_meetings_a_term_ask_for_none_by_week_8(make, progress):
    rule = progress("activity_count", MEETINGS, WEEK_8)  # ⌊2 × 8 / 20⌋ = 0
    assert rule.state == ON_TRACK
    assert zh(rule) == "还需 2 次，剩余 12 个教学周"
    assert en(rule) == "2 more activities needed, 12 teaching weeks left"


def test_by_week_10_one_meeting_is_due(make, progress):
    week_10 = dt.date(2026, 5, 6)
    rule = progress("activity_count", MEETINGS, week_10)  # ⌊2 × 10 / 20⌋ = 1
    assert rule.state == BEHIND
    assert zh(rule) == "还需 2 次，剩余 10 个教学周（按进度此时应有 1 次）"
    assert en(rule) == (
        "2 more activities needed, 10 teaching weeks left (on track would be 1 activity by now)"
    )
    meeting(make, "2026-03-20")
    assert progress("activity_count", MEETINGS, week_10).state == ON_TRACK


def test_two_meetings_so_far_meet_the_term(make, progress):
    meeting(make, "2026-03-20")
    meeting(make, "2026-04-15")
    meeting(make, "2026-06-01")  # after today: not counted
    rule = progress("activity_count", MEETINGS, WEEK_8)
    assert rule.state == MET
    assert zh(rule) == "已完成 2 次，达到全学期要求 2 次"


def test_class_meetings_count_the_class_and_the_whole_school(make, progress):
    first, second = school_class(make, "0701"), school_class(make, "0702")
    params = {"type": "class_meeting", "minimum": 2}
    make("activity", date="2026-03-20", type="class_meeting", title="班会", classes=[first])
    make("activity", date="2026-04-01", type="class_meeting", title="全校", classes=[])
    week_10 = dt.date(2026, 5, 6)  # ⌊2 × 10 / 20⌋ = 1 due
    rule = progress("activities_per_class", params, week_10)
    assert unit_states(rule) == {"0701": (2, 1, 2, MET), "0702": (1, 1, 2, ON_TRACK)}
    assert zh(rule) == "各班均按进度，最少的 0702 还需 1 次，剩余 10 个教学周"
    assert second


# -- the counselling room, week by week ----------------------------------------------------------


EIGHT_HOURS = {"hours_per_five_school_days": 8}


def open_room(make, weekdays=range(1, 6), valid_from=FIRST) -> None:
    """14:00–15:36 (1.6 h) on each weekday: 8 h in a week of five school days."""
    for weekday in weekdays:
        make(
            "room_hours",
            weekday=weekday,
            start_time="14:00",
            end_time="15:36",
            valid_from=valid_from,
        )


def test_room_hours_open_long_enough_every_week_so_far(make, progress):
    open_room(make)
    rule = progress("room_hours_per_week", EIGHT_HOURS, WEEK_8)
    assert rule.state == ON_TRACK
    # Weeks 1–8: seven of 8 h and week 6 (Mon Apr 6 a holiday) of 6.4 h.
    assert rule.progress.done == rule.progress.due == Fraction(624, 10)
    # The whole term: 20 × 8 h less 1.6 h for each of the five holidays on school days.
    assert rule.progress.needed_total == 152
    assert zh(rule) == ("第 1–8 周开放时间均达到要求；剩余 12 个教学周，每 5 个上学日需开放 8 小时")


def test_a_short_week_is_behind_for_good(make, progress):
    open_room(make, range(2, 6))
    open_room(make, [1], valid_from="2026-03-16")  # Mondays from week 3 only
    rule = progress("room_hours_per_week", EIGHT_HOURS, WEEK_8)
    assert rule.state == BEHIND
    assert rule.progress.units_behind == 2
    # 6.4 h in weeks 1 and 2, 8 h in weeks 3, 4, 5, 7, 8, 6.4 h in week 6 (its Monday a holiday).
    assert rule.progress.done == Fraction(592, 10)
    assert zh(rule) == (
        "第 1–8 周中 2 周开放时间不足（第 1 周、第 2 周）；剩余 12 个教学周，每 5 个上学日需开放 8 小时"
    )
    assert en(rule) == (
        "2 of weeks 1–8 open too few hours (week 1, week 2); 12 teaching weeks left, each needing"
        " 8 hours per 5 school days"
    )


def test_extra_hours_one_week_do_not_make_up_another(make, progress):
    open_room(make, range(2, 6))
    open_room(make, [1], valid_from="2026-03-16")
    # A long Tuesday in week 1 fills week 1 up to its 8 h; the rest makes up for no other week.
    make(
        "room_hours",
        weekday=2,
        start_time="16:00",
        end_time="20:00",
        valid_from="2026-03-03",
        valid_to="2026-03-03",
    )
    rule = progress("room_hours_per_week", EIGHT_HOURS, WEEK_8)
    assert unit_states(rule)["2026-03-02"][3] == MET
    assert unit_states(rule)["2026-03-09"][3] == BEHIND
    assert rule.progress.done == Fraction(608, 10)  # week 1 counts 8 h, not 10.4 h


def test_in_the_last_week_every_week_open_long_enough_is_met(make, progress):
    open_room(make)
    rule = progress("room_hours_per_week", EIGHT_HOURS, dt.date(2026, 7, 17))
    assert rule.state == MET
    assert zh(rule) == "各教学周开放时间均达到要求"


# -- a meeting every quarter, the activity month ------------------------------------------------


QUARTERLY = {"type": "leadership_meeting", "period": "quarter", "minimum": 1}


def test_a_quarter_that_ended_without_a_meeting_is_behind(make, progress):
    rule = progress("activities_per_period", QUARTERLY, WEEK_8)
    assert rule.state == BEHIND
    assert zh(rule) == "1 个季度已过而未达标（2026年第1季度）；2026年第2季度还需 1 次（到 06-30）"
    assert en(rule) == "1 quarter ended short (Q1 2026); Q2 2026: 1 more activity needed (by 06-30)"


def test_only_the_quarters_the_term_is_asked_for_have_progress(make, progress):
    # The term runs 2026-03-02 to 07-17: Q1 has 30 of its 90 days inside, but it ends inside the
    # term with more than a week there, so it is asked for; Q3 has 17 of 92 days inside and goes
    # on after the term: it is left to the autumn term (calendar.Period.judged).
    meeting(make, "2026-03-25")
    meeting(make, "2026-05-06")
    rule = progress("activities_per_period", QUARTERLY, dt.date(2026, 7, 15))
    assert [u.key for u in rule.progress.units] == ["2026-Q1", "2026-Q2"]
    assert rule.state == MET


def test_the_quarter_under_way_is_on_track_until_it_ends(make, progress):
    meeting(make, "2026-03-25")
    rule = progress("activities_per_period", QUARTERLY, WEEK_8)
    assert rule.state == ON_TRACK
    assert zh(rule) == "2026年第2季度还需 1 次（到 06-30）"


def test_the_month_ahead_and_the_month_gone(make, progress):
    month = {"type": "activity_month", "spring_month": 3, "autumn_month": 9, "minimum": 1}
    in_march = progress("activity_month", month, dt.date(2026, 3, 10))
    assert (in_march.state, zh(in_march)) == (ON_TRACK, "2026年3月还需 1 次（到 03-31）")
    in_april = progress("activity_month", month, WEEK_8)
    assert (in_april.state, zh(in_april)) == (BEHIND, "1 个月已过而未达标（2026年3月）")
    make("activity", date="2026-03-12", type="activity_month", title="活动月", classes=[])
    done = progress("activity_month", month, WEEK_8)
    assert (done.state, zh(done)) == (MET, "2026年3月已完成 1 次")


# -- the psych teachers' weekly load -------------------------------------------------------------


def test_each_teacher_against_ten_periods_a_week(make, teacher, progress):
    other = make("staff", staff_no="T02", name="李老师", roles=["fulltime_psych"])
    class_id = school_class(make, "0701")
    lessons(make, class_id, teacher, 80)  # 10 × 8 due by week 8
    lessons(make, class_id, other, 79)
    rule = progress("teacher_weekly_periods", {"minimum": 10}, WEEK_8)
    assert unit_states(rule) == {"T01": (80, 80, 200, ON_TRACK), "T02": (79, 80, 200, BEHIND)}
    assert zh(rule) == "1 名教师落后：T02（李老师）还需 121 课时，剩余 12 个教学周"
    assert en(rule) == (
        "1 teacher behind, T02 (李老师): 121 more periods needed, 12 teaching weeks left"
    )


# -- screening in the term ----------------------------------------------------------------------


def test_screening_ninety_percent_of_the_students_in_the_term(make, progress):
    classes = [school_class(make, f"07{n:02d}") for n in range(1, 6)]  # a student each
    students = [
        make("student", student_no=f"X{n}", name="学生", sex="男", class_id=class_id)
        for n, class_id in enumerate(classes)
    ]  # ten students in all
    for student, date in zip(students, ("2026-03-05", "2026-04-22", "2026-04-23"), strict=False):
        make("screening", date=date, student_id=student, instrument="MHT", result_level=0)
    params = {"period": "term", "minimum_share": 0.9}  # ceil(0.9 × 10) = 9 to screen

    rule = progress("screening_coverage", params, WEEK_8)  # ⌊9 × 8 / 20⌋ = 3 due

    # Two screened by today (the third is tomorrow's).
    assert (rule.state, rule.progress.done, rule.progress.due) == (BEHIND, 2, 3)
    assert rule.progress.needed_total == 9
    assert zh(rule) == "还需 7 名学生测评，剩余 12 个教学周（按进度此时应有 3 名学生测评）"


# -- rules without progress ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "params", "why"),
    [
        ("documents_on_file", {"kinds": ["work_plan"]}, "不是随学期累积的次数"),
        ("manual", {}, "人工确认项"),
        ("screening_coverage", {"period": "school_year"}, "按整个学年评定"),
        ("lessons_per_class", EVERY_TWO_WEEKS, "没有可据以计算进度的记录"),  # no classes
    ],
)
def test_a_rule_without_progress_says_why(progress, metric, params, why):
    rule = progress(metric, params, WEEK_8)
    assert (rule.state, rule.progress) == (NONE, None)
    assert why in in_language(rule.why, "zh")
    assert not CJK.search(in_language(rule.why, "en"))


# -- the term's progress beside the report -------------------------------------------------------


def test_progress_of_a_running_term_leaves_the_report_as_it_was(school, make, teacher):
    lessons(make, school_class(make, "0701"), teacher, 3)
    report = run_self_check(school, TERM, "sucheng-2023", audit=False)
    statuses = [(r.rule_id, r.status) for r in report.results]

    progress = term_progress(school, report, today=WEEK_8)

    assert [(r.rule_id, r.status) for r in report.results] == statuses
    assert [r.rule_id for r in progress.rules] == [rule.id for rule in report.profile.rules]
    assert (progress.week, progress.weeks) == (8, 20)
    assert progress.of("SC-09-lessons").state == BEHIND
    assert progress.of("SC-15-double-reduction").state == NONE
    assert sum(progress.counts().values()) == len(report.results)
    assert progress.behind()[0].rule_id in {r.rule_id for r in progress.rules if r.state == BEHIND}
    assert "仍按整个学期评定" in in_language(progress.note, "zh")
    assert "still judge the whole term" in in_language(progress.note, "en")


def test_a_past_term_and_a_term_to_come_have_no_progress(school, records):
    report = run_self_check(school, TERM, "sucheng-2023", audit=False)
    assert term_progress(school, report, today=dt.date(2026, 7, 20)) is None
    assert term_progress(school, report, today=dt.date(2026, 2, 27)) is None


def test_the_rule_furthest_behind_comes_first(school, make, teacher):
    for code in ("0701", "0702"):
        lessons(make, school_class(make, code), teacher, 3)  # 3 of 10: 30 % done
    report = run_self_check(school, TERM, "sucheng-2023", audit=False)
    week_10 = dt.date(2026, 5, 6)
    behind = [r.rule_id for r in term_progress(school, report, today=week_10).behind()]
    # No leadership meeting (0 of 2 done) is further behind than 3 of 10 periods.
    assert behind.index("SC-08-meetings") < behind.index("SC-09-lessons")


def test_every_word_reads_in_english(school, make, teacher):
    lessons(make, school_class(make, "0701"), teacher, 3)
    open_room(make)
    report = run_self_check(school, TERM, "sucheng-2023", audit=False)
    progress = term_progress(school, report, today=WEEK_8)
    data = {"李老师", "王老师"}
    for rule in progress.rules:
        text = in_language(rule.progress.words if rule.progress else rule.why, "en")
        for word in data:
            text = text.replace(word, "")
        assert not CJK.search(text), (rule.rule_id, text)


# Every metric is decided on: measured, yearly, or a state of things. A new metric fails here
# until someone says which (and registers a measure in progress_measures if it grows in a term).
STATES_OF_THINGS = {
    "care_groups_complete",
    "certification",
    "crisis_referral_with_guardian",
    "documents_on_file",
    "help_lines",
    "key_students_with_plan",
    "manual",
    "monitors_per_class",
    "psych_staffing",
    "records_entered_promptly",
    "referral_follow_up",
    "room_area",
    "room_duty",
    "school_list_contains",
    "screenings_without_consent",
    "sessions_with_follow_up",
    "warning_network",
}
ALWAYS_YEARLY = {"home_visit_coverage", "teacher_training_attended"}


def test_every_metric_is_measured_yearly_or_a_state_of_things():
    from counselor_app.selfcheck.progress import progress_measures

    def yearly(metric: str) -> bool:  # whatever its parameters: a yearly demand has no progress
        return metric_specs()[metric].yearly({})

    measured = set(progress_measures())
    assert {m for m in all_metrics() if yearly(m)} == ALWAYS_YEARLY
    assert set(all_metrics()) == measured | ALWAYS_YEARLY | STATES_OF_THINGS
    assert not measured & STATES_OF_THINGS
