"""Care for every student: consents, the yearly screening and its interviews, home visits, reports.

Guardians sign consent for screening and counselling when their child joins; a few never returned
the form, and their children were screened anyway (the self-check flags that). The screening runs
once a school year in the third and fourth weeks of the autumn term, a grade a day; some students
were absent, two of grade 4 or up certainly in every school year (in a past year, one of them a
student who graduated that summer, if there is one). Each class's head teacher of that school year
visits every family at home once a school year, and reaches some another way as well.
"""

from __future__ import annotations

import datetime as dt
import json

from counselor_app.demo import texts as T
from counselor_app.demo.counselling import add_session, everyday_risk_level
from counselor_app.demo.roster import MONITOR_FROM_GRADE
from counselor_app.demo.school_calendar import DAY, DemoTerm
from counselor_app.demo.world import DemoStudent, DemoWorld

NO_CONSENT_SHARE = 0.015
MISSED_SCREENING_SHARE = 0.012
RESULT_LEVELS = ((0, 0.86), (1, 0.10), (2, 0.035), (3, 0.005))
# Besides the yearly visit at home, some families are reached another way too.
OTHER_CONTACT_SHARE = 0.3
OTHER_CONTACTS = (("phone", 0.5), ("video", 0.2), ("at_school", 0.3))


# -- consent -------------------------------------------------------------------------------------


def add_consents(world: DemoWorld) -> set[int]:
    """Consent at joining for most students; returns the ids of students without one."""
    without = set()
    scope = json.dumps(["screening", "counselling"])
    for student in world.students:
        if world.rng.random() < NO_CONSENT_SHARE:
            without.add(student.id)
            continue
        world.rows.add(
            "consent", student.id, student.guardian, scope, student.joined_on.isoformat(), None
        )
    _one_withdrawal(world, without)
    return without


def _one_withdrawal(world: DemoWorld, without: set[int]) -> None:
    """A guardian withdrew counselling consent this term (screening stays allowed)."""
    days = world.past_days_of(world.current_term)
    enrolled = [s for s in world.students if s.status == "enrolled" and s.id not in without]
    if not days or not enrolled:
        return
    student = world.pick(enrolled)
    given = max(student.joined_on, world.terms[0].first_day)
    withdrawn = max(days[-1], given)
    world.rows.add(
        "consent",
        student.id,
        student.guardian,
        json.dumps(["counselling"]),
        given.isoformat(),
        withdrawn.isoformat(),
    )


# -- screening -----------------------------------------------------------------------------------


def add_screenings(world: DemoWorld, without_consent: set[int], key_ids: set[int]) -> None:
    this_year = world.this_year
    for school_year in world.school_years():
        terms = world.terms_of_year(school_year)
        autumn = next((t for t in terms if t.autumn), None)
        if autumn is None:
            continue
        sure_misses = _sure_misses(world, school_year, key_ids)
        world.gaps.note(
            "SC-13-screening: not screened this school year",
            *(s.student_no for s in sure_misses),
            terms=terms,
        )
        missed = {s.id for s in sure_misses}
        for student, day, grade in _screening_roll(world, autumn, school_year):
            if student.id in missed or world.rng.random() < MISSED_SCREENING_SHARE:
                continue
            _screen(world, student, day, grade)
            if student.id in without_consent and school_year == this_year:
                world.gaps.note(
                    "consent: screened without consent",
                    student.student_no,
                    terms=[world.term_of(day) or autumn],
                )


def _sure_misses(world: DemoWorld, school_year: int, key_ids: set[int]) -> list[DemoStudent]:
    """Two students of grade 4 or up who were at school all that school year and never screened.

    In a past year one of them graduated that summer, so the year's self-check must still count
    a student who has left since.
    """
    year_end = world.terms_of_year(school_year)[-1].last_day
    stayed = [
        s
        for s in world.students
        if school_year in s.classes
        and s.classes[school_year].grade >= MONITOR_FROM_GRADE
        and s.id not in key_ids
        and (s.status == "enrolled" or (s.left_on is not None and s.left_on >= year_end))
    ]
    leavers = [s for s in stayed if s.status == "graduated" and max(s.classes) == school_year]
    missed = world.rng.sample(leavers, min(1, len(leavers)))
    others = [s for s in stayed if s not in missed]
    return missed + world.rng.sample(others, min(2 - len(missed), len(others)))


def _screening_roll(
    world: DemoWorld, autumn: DemoTerm, school_year: int
) -> list[tuple[DemoStudent, dt.date, int]]:
    """(student, day, grade then) for everyone at school on their grade's screening day."""
    days = [d for d in world.days_of(autumn) if autumn.week_monday(2) <= d < autumn.week_monday(4)]
    roll = []
    for student in world.students:
        demo_class = student.classes.get(school_year)
        if demo_class is None or not days:
            continue
        day = days[demo_class.grade % len(days)]
        if day > world.today or not student.present_on(day):
            continue
        roll.append((student, day, demo_class.grade))
    return roll


def _screen(world: DemoWorld, student: DemoStudent, day: dt.date, grade: int) -> None:
    instrument = T.SCREENING_INSTRUMENTS[
        "primary" if grade <= 6 else "junior" if grade <= 9 else "senior"
    ]
    level = world.weighted(RESULT_LEVELS)
    score = round(60 + level * 45 + world.rng.random() * 40, 1)
    world.rows.add("screening", day.isoformat(), student.id, instrument, score, level)
    if level >= 2:
        _interview(world, student, day)


def _interview(world: DemoWorld, student: DemoStudent, screened_on: dt.date) -> None:
    """A raised result leads to an interview within two weeks; most end at level 0 or 1."""
    day = world.school_day_on_or_after(screened_on + world.rng.randint(3, 12) * DAY)
    if day is None or day > world.today or not student.present_on(day):
        return
    counsellor = world.fulltime_psych[student.id % len(world.fulltime_psych)]
    level = world.risk_level_on(student, day)
    if level is None:
        level = 1 if world.rng.random() < 0.6 else 0
    add_session(
        world,
        day,
        counsellor,
        [student],
        source="screening",
        topic="emotion",
        minutes=30,
        summary="筛查后访谈：了解近期情绪和睡眠，未发现紧急风险。",
        follow_up="一个月后复评。",
        risk_level=level,
    )
    if level == 1 and world.risk_level_on(student, day) is None:
        world.rows.add(
            "risk_assessment",
            day.isoformat(),
            student.id,
            1,
            counsellor.id,
            T.DEMO_MARK + T.RISK_BASES[1],
        )


# -- home visits and reports ---------------------------------------------------------------------


def add_home_visits(world: DemoWorld, skipped_this_year: set[int]) -> None:
    """The head teacher visits every family at home (入户) once a school year, on a school day so
    far; some families are also reached another way (a call, a video call, a parent at school),
    which the checklists show but do not count as a home visit."""
    this_year = world.this_year
    for school_year in world.school_years():
        days = [d for t in world.terms_of_year(school_year) for d in world.days_of(t)]
        for student in world.students:
            if school_year == this_year and student.id in skipped_this_year:
                continue
            _contact(world, student, world.pick(days), "in_home")
            if world.rng.random() < OTHER_CONTACT_SHARE:
                _contact(world, student, world.pick(days), world.weighted(OTHER_CONTACTS))


def _contact(world: DemoWorld, student: DemoStudent, day: dt.date, mode: str) -> None:
    if day > world.today or not student.present_on(day):
        return
    world.rows.add(
        "home_visit",
        day.isoformat(),
        student.id,
        world.class_of(student, day).head_teacher_id,
        mode,
        T.DEMO_MARK + world.pick(T.HOME_VISIT_SUMMARIES),
    )


def add_everyday_reports(world: DemoWorld, count: int) -> None:
    """Abnormal-situation reports about students who did not become key students."""
    days = world.all_past_days()
    if not days:
        return
    key_ids = set(world.key_periods)
    others = [s for s in world.students if s.id not in key_ids]
    for _ in range(count):
        day = world.pick(days)
        student = world.pick_present(others, day)
        if student is None:
            continue
        demo_class = world.class_of(student, day)
        head_teacher = demo_class.head_teacher_id
        monitors = world.monitors_of(demo_class, day)
        by_monitor = bool(monitors) and monitors[0].id != student.id and world.rng.random() < 0.5
        world.rows.add(
            "abnormal_report",
            day.isoformat(),
            student.id,
            None if by_monitor else head_teacher,
            monitors[0].id if by_monitor else None,
            T.DEMO_MARK + world.pick(T.ABNORMAL_OBSERVATIONS),
            world.fulltime_psych[0].id,
        )
        if world.rng.random() < 0.5 and world.is_school_day(day):
            counsellor = world.fulltime_psych[student.id % len(world.fulltime_psych)]
            add_session(
                world,
                day,
                counsellor,
                [student],
                source="referral",
                topic="emotion",
                minutes=40,
                summary=world.pick(T.SESSION_NOTES["emotion"]),
                follow_up=world.pick(T.FOLLOW_UPS),
                risk_level=everyday_risk_level(world, student, day),
            )
