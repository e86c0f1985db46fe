"""Counselling sessions: the daily work of the psych teachers, individual and group.

A full-time psych teacher sees one to three students a school day and runs a group on
Wednesdays; part-time teachers see a student now and then. Some students come back often (a
term's "regulars"). Sessions are mostly entered the same day, some a few days later, and a few
more than a week later (the records rule should notice those). Every session has a follow-up
noted except two individual sessions in each term, planted for HY-5-follow-up (「有记录、有跟踪、
有反馈、有结果」 asks it of every record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from counselor_app.demo.school_calendar import DAY, DemoTerm
from counselor_app.demo.texts import DEMO_MARK, FOLLOW_UPS, GROUP_NOTES, SESSION_NOTES
from counselor_app.demo.world import DemoStudent, DemoWorld, Staffer

TOPICS = (
    ("study", 0.25),
    ("relationships", 0.2),
    ("emotion", 0.2),
    ("family", 0.12),
    ("puberty", 0.06),
    ("internet", 0.07),
    ("self", 0.06),
    ("career", 0.02),
    ("other", 0.02),
)
SOURCES = (("walk_in", 0.4), ("appointment", 0.45), ("referral", 0.15))
START_TIMES = ("12:15", "12:40", "16:15", "16:40", "10:00", "14:30", "15:20")
GROUP_TOPICS = ("relationships", "emotion", "study")
# How many days after the session it was entered: (lag, weight)
ENTRY_LAGS = ((0, 0.85), (1, 0.06), (2, 0.04), (3, 0.02), (9, 0.015), (12, 0.015))
SESSIONS_WITHOUT_FOLLOW_UP = 2  # a term
REGULARS_SHARE = 0.04


def add_session(
    world: DemoWorld,
    day: dt.date,
    counsellor: Staffer,
    students: Sequence[DemoStudent],
    *,
    source: str | None,
    topic: str,
    minutes: int,
    summary: str,
    follow_up: str | None,
    risk_level: int | None,
    start_time: str | None = None,
) -> int:
    """Write one session and its students; returns its id."""
    lag = world.weighted(ENTRY_LAGS)
    entered_on = day + lag * DAY if day + lag * DAY <= world.today else day
    session_id = world.rows.add(
        "counselling_session",
        day.isoformat(),
        start_time or world.pick(START_TIMES),
        minutes,
        "group" if len(students) > 1 else "individual",
        counsellor.id,
        source,
        topic,
        DEMO_MARK + summary,
        follow_up,
        risk_level,
        entered_on.isoformat(),
    )
    for student in students:
        world.rows.add("session_student", session_id, student.id)
    return session_id


def everyday_risk_level(world: DemoWorld, student: DemoStudent, day: dt.date) -> int | None:
    """The level a counsellor notes in an ordinary session: the student's key level if any."""
    level = world.risk_level_on(student, day)
    if level is not None:
        return level
    return world.weighted(((None, 0.3), (0, 0.5), (1, 0.2)))


def add_everyday_sessions(world: DemoWorld) -> None:
    for term in world.terms:
        present = [s for s in world.students if s.present_on(term.first_day)]
        if not present:
            continue
        regulars = world.rng.sample(present, max(3, round(len(present) * REGULARS_SHARE)))
        # A term lies inside one school year, so everyone keeps one grade all term.
        by_grade: dict[int, list[DemoStudent]] = {}
        for student in present:
            by_grade.setdefault(student.classes[term.school_year].grade, []).append(student)
        days = world.past_days_of(term)
        careless = set(world.rng.sample(days, min(SESSIONS_WITHOUT_FOLLOW_UP, len(days))))
        for day in days:
            _one_day(world, term, day, present, regulars, by_grade, day in careless)


def _one_day(
    world: DemoWorld,
    term: DemoTerm,
    day: dt.date,
    present: list[DemoStudent],
    regulars: list[DemoStudent],
    by_grade: dict[int, list[DemoStudent]],
    careless: bool,
) -> None:
    """A school day's sessions; when ``careless``, the first has no follow-up noted."""
    for teacher in world.fulltime_psych:
        for _ in range(world.rng.choice((1, 2, 2, 3))):
            pool = regulars if world.rng.random() < 0.6 else present
            if _individual(world, teacher, day, pool, with_follow_up=not careless) and careless:
                careless = False
                _note_without_follow_up(world, term)
        if day.weekday() == 2:
            week = (day - term.first_monday).days // 7 + 1
            _group(world, teacher, day, present, by_grade, week)
    for teacher in world.staff_with("parttime_psych"):
        if world.rng.random() < 0.25:
            _individual(world, teacher, day, present)


def _individual(
    world: DemoWorld,
    teacher: Staffer,
    day: dt.date,
    pool: list[DemoStudent],
    *,
    with_follow_up: bool = True,
) -> bool:
    """One individual session with someone from ``pool`` at school that day; False if nobody."""
    student = world.pick_present(pool, day)
    if student is None:
        return False
    topic = world.weighted(TOPICS)
    add_session(
        world,
        day,
        teacher,
        [student],
        source=world.weighted(SOURCES),
        topic=topic,
        minutes=world.rng.choice((30, 40, 45, 45, 50)),
        summary=world.pick(SESSION_NOTES[topic]),
        follow_up=world.pick(FOLLOW_UPS) if with_follow_up else None,
        risk_level=everyday_risk_level(world, student, day),
    )
    return True


def _note_without_follow_up(world: DemoWorld, term: DemoTerm) -> None:
    """The session just written is named as the self-check names it: date and start time."""
    _, day, start_time, *_ = world.rows.rows("counselling_session")[-1]
    world.gaps.note(
        "HY-5-follow-up: session without follow-up", f"{day} {start_time}", terms=[term]
    )


def _group(
    world: DemoWorld,
    teacher: Staffer,
    day: dt.date,
    present: list[DemoStudent],
    by_grade: dict[int, list[DemoStudent]],
    week: int,
) -> None:
    """A group of five to eight students of one grade (the grade of someone drawn at random)."""
    grade = world.class_of(world.pick(present), day).grade
    same_grade = [s for s in by_grade[grade] if s.present_on(day)]
    if len(same_grade) < 4:
        return
    members = world.rng.sample(same_grade, min(len(same_grade), world.rng.randint(5, 8)))
    members.sort(key=lambda s: s.id)
    add_session(
        world,
        day,
        teacher,
        members,
        source="appointment",
        topic=world.pick(GROUP_TOPICS),
        minutes=60,
        summary=world.pick(GROUP_NOTES).format(n=week),
        follow_up="下周三继续。",
        risk_level=None,
        start_time="16:10",
    )
