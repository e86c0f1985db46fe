"""工作台: what needs the counsellor's attention today, computed from the records.

Everything the dashboard shows is counted here, so the screen only lays it out:

- today's appointments and who is on duty in the counselling room today;
- crisis cases with an overdue step (``counselor_app.crisis``), the most overdue first;
- crisis-plan reviews due within :data:`REVIEW_WINDOW_DAYS` days or overdue, and follow-ups due:
  an open plan whose last follow-up (or, with none yet, the plan itself) is
  :data:`FOLLOW_UP_INTERVAL_DAYS` days old or more;
- key students (risk level 2 or more today) without a home visit in this school year;
- the screening worklist (筛查待约谈), overdue entries first (``screening_worklist``);
- this week's counselling-room hours against the requirement of the chosen checklist
  (8 h × school days ÷ 5 in every built-in one), with the very numbers the self-check judges;
- the current term's self-check at a glance, without an audit entry per refresh; while the term
  runs, also how many rules are behind, on track or met (``selfcheck.progress``) and the
  :data:`NEXT_STEPS` rules furthest behind, with what each still needs.

A student's risk level today is the latest level recorded on or before today by a risk assessment,
a crisis plan or a session's assessment, the highest when several fall on the same day
(requirements.md §2, as the self-check reads it). A session's assessment is confidential: for a
管理员 only risk assessments and crisis plans count, as in the student's file.

No Qt here; nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from counselor_app.crisis.cases import CaseLine, overdue_lines
from counselor_app.dashboard.overview import RecordCounts, record_counts
from counselor_app.dashboard.screening_worklist import screening_worklist
from counselor_app.foundation.errors import CounselorError
from counselor_app.records.permissions import may_read_confidential
from counselor_app.room.rules import RoomWeek, room_week
from counselor_app.school.core import School
from counselor_app.screening.worklist import WorklistEntry
from counselor_app.selfcheck.context import TermContext, TermInfo
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.profiles import Profile, find_profile
from counselor_app.selfcheck.progress import TermProgress, term_progress
from counselor_app.settings.selfcheck_choices import default_term, list_terms, self_check_choices
from counselor_app.storage.database import Database
from counselor_app.students.risk_levels import entry_on, recorded_levels
from counselor_app.years.school_years import school_year_days, school_year_of

#: A plan review shows this many days before it is due.
REVIEW_WINDOW_DAYS = 7
#: Key students are followed up every fortnight; a plan with no follow-up for longer is due.
FOLLOW_UP_INTERVAL_DAYS = 14
#: From this level on a student is a key student (重点关注).
KEY_LEVEL = 2
#: Room hours per five school days when the checklist names no figure of its own.
DEFAULT_ROOM_HOURS = 8
ROOM_HOURS_METRIC = "room_hours_per_week"
#: How many rules behind the self-check glance names, the furthest behind first.
NEXT_STEPS = 3


@dataclass(frozen=True)
class AppointmentItem:
    id: int
    start_time: str
    minutes: int | None
    student_id: int | None
    student_name: str  # "" for a parent's appointment
    class_name: str
    parent_name: str
    channel: str  # BOOKING_CHANNEL code
    state: str  # APPOINTMENT_STATE code


@dataclass(frozen=True)
class DutyItem:
    room_hours_id: int
    start_time: str
    end_time: str
    duty_teacher: str  # "" when nobody is on the roster


@dataclass(frozen=True)
class PlanDue:
    """A crisis plan that needs a review or a follow-up; ``days_late`` is negative while it is
    still ahead (``-3``: due in three days), 0 on the day, positive when overdue."""

    plan_id: int
    student_id: int
    student_name: str
    student_no: str
    class_name: str
    level: int
    due_on: str
    days_late: int
    last_follow_up_on: str | None = None  # for a follow-up: the one it counts from

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class KeyStudent:
    student_id: int
    name: str
    student_no: str
    class_name: str
    level: int
    assessed_on: str  # the date of the latest entry, which set today's level


@dataclass(frozen=True)
class Agenda:
    today: dt.date
    term: TermInfo | None  # the term running today, if any
    week_number: int | None  # teaching week of today within that term
    school_day: bool  # today is a school day of the term
    room_may_open: bool  # and the room alone was not closed today (仅辅导室)
    school_year: tuple[str, str]  # first and last day of the school year that holds today
    appointments: tuple[AppointmentItem, ...]
    duty: tuple[DutyItem, ...]  # empty unless the room may open today
    reviews: tuple[PlanDue, ...]
    follow_ups: tuple[PlanDue, ...]
    key_students_without_visit: tuple[KeyStudent, ...]
    room_week: RoomWeek | None  # None outside a term or when no checklist asks for room hours
    counts: RecordCounts
    # Crisis cases with a step past its due date, the most overdue first.
    overdue_cases: tuple[CaseLine, ...] = ()
    screening_worklist: tuple[WorklistEntry, ...] = ()  # overdue first


@dataclass(frozen=True)
class NextStep:
    """A rule behind in the running term, and what it still needs."""

    rule_id: str
    title: str  # the checklist's 二级指标
    words: str  # i18n.Bilingual: 1 个班落后：0701 还需 6 课时，剩余 5 个教学周


@dataclass(frozen=True)
class ProgressGlance:
    """The running term's progress: rules per state and what to do next."""

    week: int
    weeks: int
    counts: dict[str, int]  # behind, on_track, met, none
    next_steps: tuple[NextStep, ...]


@dataclass(frozen=True)
class SelfCheckGlance:
    term_name: str
    profile_id: str
    profile_name: str
    counts: dict[str, int]  # SelfCheckReport.counts: a status (or confirmed) → how many rules
    progress: ProgressGlance | None = None  # while the term runs

    @property
    def rules(self) -> int:
        return sum(self.counts.values())


# -- the agenda ----------------------------------------------------------------------------------


def agenda(school: School, today: dt.date | None = None) -> Agenda:
    """What the dashboard shows for ``today`` (the school's clock by default)."""
    today = today or school.today()
    db = school.db
    terms = list_terms(school)
    running = next((t for t in terms if t.first_day <= today <= t.last_day), None)
    # In the holidays the school year is the one of the term that ended last.
    year_term = default_term(terms, today)
    context = TermContext(db, running, today) if running else None
    if year_term is None:
        school_year = _calendar_school_year(today)
    else:
        school_year = TermContext(db, year_term, today).school_year
    week = context.calendar.week_of(today) if context else None
    return Agenda(
        today=today,
        term=running,
        week_number=week.number if week else None,
        school_day=bool(context and context.calendar.is_school_day(today)),
        # A day only the room was closed is a school day, but not one the room opens on.
        room_may_open=bool(context and context.calendar.room_may_open(today)),
        school_year=school_year,
        appointments=tuple(appointments_on(db, today)),
        # The room opens on the school days of a term it was not closed on: no duty otherwise.
        duty=tuple(duty_on(db, today)) if context and context.calendar.room_may_open(today) else (),
        reviews=tuple(reviews_due(db, today)),
        follow_ups=tuple(follow_ups_due(db, today)),
        key_students_without_visit=tuple(
            key_students_without_home_visit(
                db, today, school_year, include_sessions=may_read_confidential(school)
            )
        ),
        room_week=_room_this_week(db, today, _room_hours_required(school)) if context else None,
        counts=record_counts(db, today),
        overdue_cases=tuple(overdue_lines(school, today)),
        screening_worklist=tuple(screening_worklist(school, today)),
    )


def _calendar_school_year(day: dt.date) -> tuple[str, str]:
    """September to August, for a school that has entered no term yet."""
    first, last = school_year_days(school_year_of(day, []), [])
    return first.isoformat(), last.isoformat()


def appointments_on(db: Database, day: dt.date) -> list[AppointmentItem]:
    return [
        AppointmentItem(
            id=r["id"],
            start_time=r["start_time"],
            minutes=r["minutes"],
            student_id=r["student_id"],
            student_name=r["student_name"] or "",
            class_name=r["class_name"] or "",
            parent_name=r["parent_name"] or "",
            channel=r["channel"],
            state=r["state"],
        )
        for r in db.query(
            "SELECT a.id, a.start_time, a.minutes, a.student_id, s.name AS student_name,"
            " c.name AS class_name, a.parent_name, a.channel, a.state FROM appointment a"
            " LEFT JOIN student s ON s.id = a.student_id LEFT JOIN class c ON c.id = s.class_id"
            " WHERE a.date = ? ORDER BY a.start_time, a.id",
            (day.isoformat(),),
        )
    ]


def duty_on(db: Database, day: dt.date) -> list[DutyItem]:
    """The opening hours valid on ``day`` for its weekday, with the duty teacher of each."""
    iso = day.isoformat()
    return [
        DutyItem(r["id"], r["start_time"], r["end_time"], r["duty"] or "")
        for r in db.query(
            "SELECT h.id, h.start_time, h.end_time, s.name AS duty FROM room_hours h"
            " LEFT JOIN staff s ON s.id = h.duty_staff_id"
            " WHERE h.weekday = ? AND h.valid_from <= ? AND (h.valid_to IS NULL OR h.valid_to >= ?)"
            " ORDER BY h.start_time, h.id",
            (day.isoweekday(), iso, iso),
        )
    ]


_OPEN_PLANS = """
SELECT p.id, p.student_id, p.level, p.created_on, p.next_review_on, s.name, s.student_no,
       c.name AS class_name,
       (SELECT max(f.date) FROM follow_up f
         WHERE f.student_id = p.student_id AND f.date >= p.created_on AND f.date <= :today)
         AS last_follow_up
FROM crisis_plan p JOIN student s ON s.id = p.student_id JOIN class c ON c.id = s.class_id
WHERE (p.closed_on IS NULL OR p.closed_on > :today) AND p.created_on <= :today
ORDER BY p.id
"""


def _open_plans(db: Database, today: dt.date) -> list[Any]:
    return db.query(_OPEN_PLANS, {"today": today.isoformat()})


def _plan_due(
    row: Any, due_on: dt.date, today: dt.date, last_follow_up: str | None = None
) -> PlanDue:
    return PlanDue(
        plan_id=row["id"],
        student_id=row["student_id"],
        student_name=row["name"],
        student_no=row["student_no"],
        class_name=row["class_name"],
        level=row["level"],
        due_on=due_on.isoformat(),
        days_late=(today - due_on).days,
        last_follow_up_on=last_follow_up,
    )


def reviews_due(db: Database, today: dt.date) -> list[PlanDue]:
    """Open plans whose next review is at most :data:`REVIEW_WINDOW_DAYS` days ahead, or past;
    the most overdue first."""
    horizon = today + dt.timedelta(days=REVIEW_WINDOW_DAYS)
    due = [
        _plan_due(row, dt.date.fromisoformat(row["next_review_on"]), today)
        for row in _open_plans(db, today)
        if row["next_review_on"] and row["next_review_on"] <= horizon.isoformat()
    ]
    return sorted(due, key=lambda d: (d.due_on, d.student_no))


def follow_ups_due(db: Database, today: dt.date) -> list[PlanDue]:
    """Open plans with no follow-up for :data:`FOLLOW_UP_INTERVAL_DAYS` days or more (counted
    from the plan itself until the first follow-up); the most overdue first."""
    interval = dt.timedelta(days=FOLLOW_UP_INTERVAL_DAYS)
    due = []
    for row in _open_plans(db, today):
        last = row["last_follow_up"]
        since = dt.date.fromisoformat(last or row["created_on"])
        if since + interval <= today:
            due.append(_plan_due(row, since + interval, today, last))
    return sorted(due, key=lambda d: (d.due_on, d.student_no))


def risk_levels_on(
    db: Database, day: dt.date, *, include_sessions: bool = True
) -> dict[int, tuple[str, int]]:
    """Each student's risk level on ``day`` and the date of the entry that says so, the latest
    assessment (:mod:`counselor_app.students.risk_levels`' reading)."""
    levels: dict[int, tuple[str, int]] = {}
    for student_id, history in recorded_levels(db, day, include_sessions=include_sessions).items():
        standing = entry_on(history, day)
        if standing is not None:
            levels[student_id] = (standing.date, standing.level)
    return levels


def key_students_without_home_visit(
    db: Database,
    today: dt.date,
    school_year: tuple[str, str],
    *,
    include_sessions: bool = True,
) -> list[KeyStudent]:
    """Students in 在读 at level 2 or more today with no home visit in the school year, highest
    level first."""
    levels = {
        student_id: entry
        for student_id, entry in risk_levels_on(
            db, today, include_sessions=include_sessions
        ).items()
        if entry[1] >= KEY_LEVEL
    }
    if not levels:
        return []
    visited = {
        r[0]
        for r in db.query(
            "SELECT DISTINCT student_id FROM home_visit WHERE date BETWEEN ? AND ?", school_year
        )
    }
    wanted = [student_id for student_id in levels if student_id not in visited]
    found = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found += db.query(
            "SELECT s.id, s.name, s.student_no, c.name AS class_name FROM student s"
            f" JOIN class c ON c.id = s.class_id WHERE s.status = 'enrolled' AND s.id IN ({marks})",
            chunk,
        )
    students = [
        KeyStudent(
            r["id"],
            r["name"],
            r["student_no"],
            r["class_name"],
            levels[r["id"]][1],
            levels[r["id"]][0],
        )
        for r in found
    ]
    return sorted(students, key=lambda s: (-s.level, s.student_no))


def _room_this_week(db: Database, today: dt.date, hours: Fraction | None) -> RoomWeek | None:
    """Today's teaching week of the room (as the 辅导室 page and the self-check count it) against
    the checklist's hours per five school days; None when the checklist asks for none or today
    is in no teaching week."""
    if hours is None:
        return None
    week = room_week(db, today, hours_per_five_school_days=hours)
    return week if week.week_number is not None else None


def _room_hours_required(school: School) -> Fraction | None:
    """Hours per five school days from the chosen checklist's room-hours rule; the usual 8 when
    the checklist cannot be read; None when the chosen checklist has no such rule."""
    choices = self_check_choices(school)
    profile: Profile | None = None
    if choices.profile is not None:
        try:
            profile = find_profile(choices.profile.ref)
        except (
            CounselorError
        ):  # a school's own checklist file gone bad: the self-check page says why
            profile = None
    if profile is None:
        return Fraction(DEFAULT_ROOM_HOURS)
    for rule in profile.rules:
        if rule.metric == ROOM_HOURS_METRIC:
            return Fraction(str(rule.params.get("hours_per_five_school_days", DEFAULT_ROOM_HOURS)))
    return None


# -- the self-check at a glance ------------------------------------------------------------------


def self_check_glance(school: School) -> SelfCheckGlance | None:
    """How many rules of the usual checklist pass, fail, lack data or wait for a tick, for the
    term the self-check page would open on; None when the school has no term or checklist.

    Not recorded in the audit trail: it is recomputed each time the dashboard is shown.
    """
    choices = self_check_choices(school)
    if choices.term is None or choices.profile is None:
        return None
    report = run_self_check(school, choices.term.name, choices.profile.ref, audit=False)
    progress = term_progress(school, report)
    return SelfCheckGlance(
        term_name=choices.term.name,
        profile_id=choices.profile.id,
        profile_name=choices.profile.name,
        counts=report.counts(),
        progress=_progress_glance(progress, report.profile) if progress else None,
    )


def _progress_glance(progress: TermProgress, profile: Profile) -> ProgressGlance:
    titles = {rule.id: rule.title for rule in profile.rules}
    steps = tuple(
        NextStep(rule.rule_id, titles[rule.rule_id], rule.progress.words)
        for rule in progress.behind()[:NEXT_STEPS]
        if rule.progress is not None
    )
    return ProgressGlance(progress.week, progress.weeks, progress.counts(), steps)


__all__ = [
    "FOLLOW_UP_INTERVAL_DAYS",
    "KEY_LEVEL",
    "NEXT_STEPS",
    "REVIEW_WINDOW_DAYS",
    "Agenda",
    "AppointmentItem",
    "DutyItem",
    "KeyStudent",
    "NextStep",
    "PlanDue",
    "ProgressGlance",
    "SelfCheckGlance",
    "agenda",
    "appointments_on",
    "duty_on",
    "follow_ups_due",
    "key_students_without_home_visit",
    "reviews_due",
    "risk_levels_on",
    "room_week",
    "self_check_glance",
]
