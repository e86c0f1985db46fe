"""What is done so far of each rule whose requirement grows through the term, metric by metric.

Each measure is registered under the metric's name (:func:`progress.progress_of`) and reads the
same records as the metric, dated from the term's first day up to today, against the whole-term
need the metric judges by (definitions in :mod:`counselor_app.selfcheck.progress`). The metrics'
own helpers give the needs and the units in scope (``periods_required``, ``classes_in_scope``,
``activity_type``, ``open_minutes_by_week``), so a threshold is computed in one place.

A metric that is not registered here has no progress. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from counselor_app.foundation.i18n import Bilingual, msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics.activities import activity_type
from counselor_app.selfcheck.metrics.room import open_minutes_by_week, slots_in_term
from counselor_app.selfcheck.metrics.teaching import classes_in_scope, periods_required
from counselor_app.selfcheck.progress import (
    ACTIVITIES,
    BEHIND,
    CLASSES,
    HOURS,
    MET,
    MINUTES,
    NO_RECORDS_SHORT,
    NOT_JUDGED,
    NOT_JUDGED_SHORT,
    ON_TRACK,
    PERIODS,
    TEACHERS,
    NoProgress,
    Progress,
    Span,
    Unit,
    UnitProgress,
    combined_state,
    no_records,
    progress_of,
    school_progress,
    unit_of,
    units_progress,
)
from counselor_app.selfcheck.words import listed, month_label, quarter_label, words
from counselor_app.years.calendar import MONTH, month_end

STUDENT_SCREENINGS = Unit("名学生测评", "student screening", "student screenings")
KEY_STUDENT_VISITS = Unit("名重点关爱学生家访", "key-student home visit", "key-student home visits")

NO_FULLTIME = msg("未登记专职心理教师。", "No full-time psych teacher recorded.")
STAFF = msg("{staff_no}（{name}）", "{staff_no} ({name})")
WEEK = msg("第 {number} 周", "week {number}")
WEEKS_SHORT = msg(
    "第 1–{week} 周中 {count} 周开放时间不足（{weeks}）；{rest}",
    "{count} of weeks 1–{week} open too few hours ({weeks}); {rest}",
)
WEEKS_MET_SO_FAR = msg(
    "第 1–{week} 周开放时间均达到要求；{rest}", "Weeks 1–{week} all open long enough; {rest}"
)
EVERY_WEEK_MET = msg("各教学周开放时间均达到要求", "Every teaching week open long enough")
WEEKS_AHEAD = msg(
    "剩余 {weeks} 个教学周，每 5 个上学日需开放 {hours} 小时",
    "{weeks} teaching weeks left, each needing {hours} hours per 5 school days",
    en_one="1 teaching week left, needing {hours} hours per 5 school days",
    counted="weeks",
)
LAST_WEEK = msg("本周是最后一个教学周", "this is the last teaching week")
PERIODS_SHORT = msg(
    "{count} {kind}已过而未达标（{periods}）",
    "{count} {kind} ended short ({periods})",
)
PERIOD_NEEDS = msg(
    "{period}还需 {amount} {unit}（到 {last:%m-%d}）",
    "{period}: {amount} more {unit} needed (by {last:%m-%d})",
)
EVERY_PERIOD_MET = msg("{kind}均已达标", "Every {kind} met")
PERIOD_DONE = msg("{period}已完成 {done} {unit}", "{period}: {done} {unit} done")
PERIOD_KINDS = {
    "month": (Bilingual("个月", "months"), Bilingual("个月", "month"), Bilingual("各月", "month")),
    "quarter": (
        Bilingual("个季度", "quarters"),
        Bilingual("个季度", "quarter"),
        Bilingual("各季度", "quarter"),
    ),
}


def _until_today(ctx: TermContext, span: Span) -> tuple[str, str]:
    return ctx.first, span.today.isoformat()


# -- psych lessons, per class --------------------------------------------------------------------


@progress_of("lessons_per_class")
def lessons(ctx: TermContext, params: Mapping[str, Any], span: Span) -> Progress | NoProgress:
    needed = Fraction(periods_required(span.weeks, params["periods_per_teaching_week"]))
    done = dict(
        ctx.db.query(
            "SELECT class_id, sum(periods) FROM psych_lesson WHERE date BETWEEN ? AND ?"
            " GROUP BY class_id",
            _until_today(ctx, span),
        )
    )
    units = [
        unit_of("class", c.class_code, c.class_code, Fraction(done.get(c.id, 0)), needed, span)
        for c in classes_in_scope(ctx, params)
    ]
    return units_progress(units, CLASSES, PERIODS, span) if units else no_records()


# -- activities ----------------------------------------------------------------------------------


def _content(params: Mapping[str, Any]) -> tuple[str, tuple[int, ...]]:
    """SQL (on alias ``a``) keeping activities whose psych content matches, as the metric does."""
    if params.get("psych_content") is None:
        return "", ()
    return " AND a.psych_content = ?", (int(bool(params["psych_content"])),)


def _count(ctx: TermContext, params: Mapping[str, Any], first: str, last: str) -> int:
    content_sql, content_args = _content(params)
    return int(
        ctx.db.scalar(
            "SELECT count(*) FROM activity a WHERE a.type = ? AND a.date BETWEEN ? AND ?"
            + content_sql,
            (activity_type(params), first, last, *content_args),
        )
    )


@progress_of("activity_count")
def activity_count(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    done = _count(ctx, params, *_until_today(ctx, span))
    return school_progress(Fraction(done), Fraction(int(params["minimum"])), ACTIVITIES, span)


@progress_of("autumn_activity")
def autumn_activity(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    # A spring term does not judge it (the result is not a pass or fail, so it never gets here).
    return activity_count(ctx, params, span)


@progress_of("activities_per_class", "activities_per_student")
def activities_per_class(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    """Per class that counts for the term: its own activities and the whole school's. A student
    is reached through the class, so per student is per class too."""
    content_sql, content_args = _content(params)
    rows = ctx.db.query(
        "SELECT ac.class_id, count(*) FROM activity a"
        " LEFT JOIN activity_class ac ON ac.activity_id = a.id"
        " WHERE a.type = ? AND a.date BETWEEN ? AND ?" + content_sql + " GROUP BY ac.class_id",
        (activity_type(params), *_until_today(ctx, span), *content_args),
    )
    linked = {class_id: n for class_id, n in rows if class_id is not None}
    whole_school = next((n for class_id, n in rows if class_id is None), 0)
    needed = Fraction(int(params["minimum"]))
    units = [
        unit_of(
            "class",
            c.class_code,
            c.class_code,
            Fraction(linked.get(c.id, 0) + whole_school),
            needed,
            span,
        )
        for c in ctx.classes
    ]
    return units_progress(units, CLASSES, ACTIVITIES, span) if units else no_records()


# -- the psych teachers' weekly load, per teacher ------------------------------------------------


def _per_teacher(
    ctx: TermContext, params: Mapping[str, Any], span: Span, sql: str, unit: Unit
) -> Progress | NoProgress:
    """Each full-time psych teacher against the weekly minimum × the term's teaching weeks."""
    teachers = ctx.staff_with_role("fulltime_psych")
    if not teachers:
        return NoProgress(words(NO_FULLTIME), words(NO_RECORDS_SHORT))  # the metric: no data
    totals = {
        staff_id: int(total or 0) for staff_id, total in ctx.db.query(sql, _until_today(ctx, span))
    }
    needed = Fraction(str(params["minimum"])) * span.weeks
    units = [
        unit_of(
            "staff",
            t["staff_no"],
            words(STAFF(staff_no=t["staff_no"], name=t["name"])),
            Fraction(totals.get(t["id"], 0)),
            needed,
            span,
        )
        for t in teachers
    ]
    return units_progress(units, TEACHERS, unit, span)


@progress_of("teacher_weekly_periods")
def teacher_periods(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    return _per_teacher(
        ctx,
        params,
        span,
        "SELECT teacher_id, sum(periods) FROM psych_lesson WHERE date BETWEEN ? AND ?"
        " GROUP BY teacher_id",
        PERIODS,
    )


@progress_of("teacher_weekly_counselling_minutes")
def teacher_minutes(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    return _per_teacher(
        ctx,
        params,
        span,
        "SELECT counsellor_id, sum(minutes) FROM counselling_session WHERE date BETWEEN ? AND ?"
        " AND kind IN ('individual', 'group') GROUP BY counsellor_id",
        MINUTES,
    )


# -- the counselling room, week by week ----------------------------------------------------------


@progress_of("room_hours_per_week")
def room_hours(ctx: TermContext, params: Mapping[str, Any], span: Span) -> Progress | NoProgress:
    """Weeks 1 … k as timetabled, each counted up to its own requirement (hours per five school
    days × its school days ÷ 5); weeks after this one are still to come."""
    per_five_days = Fraction(str(params["hours_per_five_school_days"]))
    units = []
    for week, minutes in open_minutes_by_week(ctx, slots_in_term(ctx)):
        needed = per_five_days * len(week.school_days) / 5  # hours
        begun = week.number <= span.week
        done = min(Fraction(minutes, 60), needed) if begun else Fraction(0)
        due = needed if begun else Fraction(0)
        state = MET if done >= needed else (BEHIND if begun else ON_TRACK)
        label = words(WEEK(number=week.number))
        units.append(UnitProgress("week", week.monday.isoformat(), label, done, due, needed, state))
    state = combined_state(units)
    if span.weeks_left:
        hours = HOURS.shown(per_five_days, up=True).removesuffix(".0")
        ahead = words(WEEKS_AHEAD(weeks=span.weeks_left, hours=hours))
    else:
        ahead = words(LAST_WEEK)
    short = [u for u in units if u.state == BEHIND]
    if state == MET:
        text = words(EVERY_WEEK_MET)
    elif short:
        numbers = listed(u.label for u in short)
        text = words(WEEKS_SHORT(week=span.week, count=len(short), weeks=numbers, rest=ahead))
    else:
        text = words(WEEKS_MET_SO_FAR(week=span.week, rest=ahead))
    return Progress(
        state,
        sum((u.done for u in units), Fraction(0)),
        sum((u.due for u in units), Fraction(0)),
        sum((u.needed for u in units), Fraction(0)),
        span.weeks_left,
        HOURS,
        text,
        tuple(units),
    )


# -- activities in every month or quarter, or in one month ---------------------------------------


def _periods_progress(
    ctx: TermContext,
    params: Mapping[str, Any],
    span: Span,
    kind: str,
    periods: list[tuple[str, Bilingual, dt.date, dt.date]],
) -> Progress:
    """Each period (key, label, first, last day) needs the minimum; it is due once it has ended."""
    needed = Fraction(int(params["minimum"]))
    units = []
    for key, label, first, last in periods:
        if first > span.today:
            done = Fraction(0)
        else:
            done = Fraction(
                _count(ctx, params, first.isoformat(), min(last, span.today).isoformat())
            )
        ended = last < span.today
        due = needed if ended else Fraction(0)
        state = MET if done >= needed else (BEHIND if ended else ON_TRACK)
        units.append(UnitProgress(kind, key, label, done, due, needed, state))
    state = combined_state(units)
    many, one, each = PERIOD_KINDS[kind]
    short = [u for u in units if u.state == BEHIND]
    upcoming = next((u for u in units if u.state == ON_TRACK), None)
    parts: list[Bilingual] = []
    if short:
        labels = listed(u.label for u in short)
        counted = one if len(short) == 1 else many
        parts.append(words(PERIODS_SHORT(count=len(short), kind=counted, periods=labels)))
    if upcoming is not None:
        last = next(p[3] for p in periods if p[0] == upcoming.key)
        parts.append(
            words(
                PERIOD_NEEDS(
                    period=upcoming.label,
                    amount=ACTIVITIES.shown(upcoming.remaining),
                    unit=ACTIVITIES.words(upcoming.remaining),
                    last=last,
                )
            )
        )
    if len(units) == 1 and state == MET:
        done = units[0].done
        parts = [
            words(
                PERIOD_DONE(
                    period=units[0].label, done=ACTIVITIES.shown(done), unit=ACTIVITIES.words(done)
                )
            )
        ]
    elif state == MET or not parts:
        parts = [words(EVERY_PERIOD_MET(kind=each))]
    text = Bilingual("；".join(p.zh for p in parts), "; ".join(p.en for p in parts))
    named = short[0] if short else upcoming or units[-1]
    return Progress(
        state, named.done, named.due, named.needed, span.weeks_left, ACTIVITIES, text, tuple(units)
    )


@progress_of("activities_per_period")
def activities_per_period(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    """Every calendar month or quarter the term is asked for (``calendar.Period.judged``, as the
    rule judges it), counted for its days in the term."""
    kind = str(params["period"])
    label = month_label if kind == MONTH else quarter_label
    periods = [
        (period.key, label(period.year, period.number), period.inside_first, period.inside_last)
        for period in ctx.calendar.periods(kind)
        if period.judged
    ]
    if not periods:
        return NoProgress(words(NOT_JUDGED), words(NOT_JUDGED_SHORT))  # the rule is 不适用
    return _periods_progress(ctx, params, span, kind, periods)


@progress_of("activity_month")
def activity_month(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    """The one calendar month the rule names (March in spring, September in autumn), whole."""
    month = int(params["autumn_month" if ctx.calendar.is_autumn else "spring_month"])
    year = ctx.term.first_day.year
    period = (f"{year}-{month:02d}", month_label(year, month), dt.date(year, month, 1))
    return _periods_progress(ctx, params, span, "month", [(*period, month_end(year, month))])


# -- screening and home visits -------------------------------------------------------------------


def _needed_share(params: Mapping[str, Any], whole: int) -> Fraction:
    """The fewest of ``whole`` that meet the share: ceil(share × whole), computed exactly."""
    return Fraction(math.ceil(Fraction(str(params.get("minimum_share", 1.0))) * whole))


@progress_of("screening_coverage")
def screening(ctx: TermContext, params: Mapping[str, Any], span: Span) -> Progress | NoProgress:
    """Students (of grade ≥ ``min_grade``) screened so far in the term, against the share."""
    min_grade = int(params.get("min_grade", 1))
    students = {s.id for s in ctx.enrolled if s.grade >= min_grade}
    screened = {
        r[0]
        for r in ctx.db.query(
            "SELECT DISTINCT student_id FROM screening WHERE date BETWEEN ? AND ?",
            _until_today(ctx, span),
        )
    }
    done = Fraction(len(students & screened))
    return school_progress(done, _needed_share(params, len(students)), STUDENT_SCREENINGS, span)


@progress_of("key_students_home_visit")
def key_student_visits(
    ctx: TermContext, params: Mapping[str, Any], span: Span
) -> Progress | NoProgress:
    """Key students with their home visits so far in the term, against the share."""
    visits_needed = int(params.get("minimum", 1))
    visits = dict(
        ctx.db.query(
            "SELECT student_id, count(*) FROM home_visit WHERE date BETWEEN ? AND ?"
            " GROUP BY student_id",
            _until_today(ctx, span),
        )
    )
    key = ctx.key_students
    done = Fraction(sum(1 for s in key if visits.get(s.id, 0) >= visits_needed))
    return school_progress(done, _needed_share(params, len(key)), KEY_STUDENT_VISITS, span)
