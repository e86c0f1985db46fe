"""Key students (重点关爱学生): risk assessments, crisis plans, follow-ups, referrals and the rest.

A case starts when a counsellor judges a student at level 2 or 3 (often after a monitor or a head
teacher reported something), is followed by a crisis plan with its care group, weekly sessions,
fortnightly follow-ups, a home visit and, for level 3, a referral and a recorded confidentiality
break. After ten to sixteen weeks most cases close with a reassessment at level 1.

Each plan goes through the crisis workflow (``counselor_app.crisis``): assessed and the guardian
told the day the case started, a level-3 case referred (its referral's history: suggested,
referred, attended, ended) and assessed on its return, reviewed every four weeks, and closed with
a closing review. Exactly one open plan has missed its latest review, so that the overdue case
shows on the dashboard, the crisis page and the student's file. Nothing here draws from the
world's random numbers, so the rest of the demo stays as it was.

Four cases in the current term are fixed: one level-3 case done by the book, one key student
without any home visit this school year, one plan whose care group has no peer and no subject
teacher, and one student assessed at level 2 a day or two ago who has no plan yet.

The head teacher, the monitors and the classmates of a case are those of the student's class in
the school year of the day concerned, so a case that runs over the summer changes classes with
the student.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from counselor_app.demo import texts as T
from counselor_app.demo.counselling import add_session
from counselor_app.demo.roster import MONITOR_FROM_GRADE
from counselor_app.demo.school_calendar import DAY, WEEK
from counselor_app.demo.world import DemoStudent, DemoWorld, Staffer


@dataclass
class KeyCase:
    student: DemoStudent
    start: dt.date
    level: int
    closed_on: dt.date | None
    referral: bool
    with_plan: bool = True
    complete_care_group: bool = True
    home_visits: bool = True


# -- choosing the cases --------------------------------------------------------------------------


def plan_cases(world: DemoWorld, count: int) -> list[KeyCase]:
    """Who becomes a key student and when; fills ``world.key_periods`` for the other generators."""
    monitors = {m.student.id for m in world.monitors}
    candidates = [
        s
        for s in world.students
        if s.status == "enrolled"
        and s.latest_class.grade >= MONITOR_FROM_GRADE
        and s.id not in monitors
    ]
    chosen = world.rng.sample(candidates, min(count, len(candidates)))
    cases = _fixed_current_cases(world, chosen[:4])
    days = [d for d in world.all_past_days() if d < world.today]
    for student in chosen[4:]:
        cases.append(_ordinary_case(world, student, days))
    for case in cases:
        until = case.closed_on if case.with_plan else None
        world.key_periods[case.student.id] = (case.start, until, case.level)
    return cases


def _fixed_current_cases(world: DemoWorld, students: list[DemoStudent]) -> list[KeyCase]:
    days = world.past_days_of(world.current_term) or [world.today]
    # (part of the term elapsed, level, what is special)
    shapes = (
        (0.25, 3, "by_the_book"),
        (0.35, 2, "no_home_visit"),
        (0.5, 2, "incomplete_group"),
        (1.0, 2, "no_plan"),
    )
    cases = []
    now = [world.current_term]
    for student, (share, level, shape) in zip(students, shapes, strict=False):
        start = days[min(len(days) - 1, int(len(days) * share))]
        case = KeyCase(student, start, level, None, referral=level == 3)
        if shape == "no_home_visit":
            case.home_visits = False
            world.gaps.note(
                "SC-14-home-visits: key student without home visit", student.student_no, terms=now
            )
        elif shape == "incomplete_group":
            case.complete_care_group = False
            world.gaps.note(
                "SC-13-care-groups: no peer, no subject teacher", student.student_no, terms=now
            )
        elif shape == "no_plan":
            case.with_plan = False
            world.gaps.note(
                "SC-13-key-plans: key student without a plan", student.student_no, terms=now
            )
        cases.append(case)
    return cases


def _ordinary_case(world: DemoWorld, student: DemoStudent, days: list[dt.date]) -> KeyCase:
    eligible = [d for d in days if student.present_on(d)] or [world.today]
    start = world.pick(eligible)
    level = 3 if world.rng.random() < 0.3 else 2
    # Closed on a school day (the closing session is a session like any other), if by today.
    closed_on = world.school_day_on_or_after(start + world.rng.randint(10, 16) * WEEK)
    if closed_on is not None and closed_on >= world.today:
        closed_on = None
    referral = level == 3 or world.rng.random() < 0.25
    return KeyCase(student, start, level, closed_on, referral)


# -- writing the records -------------------------------------------------------------------------


def add_case_records(world: DemoWorld, cases: list[KeyCase]) -> None:
    late = _review_left_undone(world, cases)
    for case in cases:
        counsellor = _counsellor_for(world, case.student, case.start)
        head_teacher = _head_teacher(world, case.student, case.start)
        _lead_in(world, case, counsellor)
        world.rows.add(
            "risk_assessment",
            case.start.isoformat(),
            case.student.id,
            case.level,
            counsellor.id,
            T.DEMO_MARK + T.RISK_BASES[case.level],
        )
        add_session(
            world,
            case.start,
            counsellor,
            [case.student],
            source="crisis" if case.level == 3 else world.pick(("referral", "walk_in")),
            topic="emotion",
            minutes=50,
            summary=T.SESSION_NOTES["emotion"][0],
            follow_up="启动一生一策，通知班主任与家长。",
            risk_level=case.level,
        )
        if case.level == 3:
            world.rows.add(
                "confidentiality_break",
                case.start.isoformat(),
                case.student.id,
                T.DEMO_MARK + T.CONFIDENTIALITY_REASON,
                json.dumps(["班主任", "监护人"], ensure_ascii=False),
                counsellor.id,
            )
        if case.with_plan:
            _plan_and_care(world, case, counsellor, head_teacher, review_late=case is late)
        else:
            _first_phone_call(world, case, head_teacher)


def _counsellor_for(world: DemoWorld, student: DemoStudent, day: dt.date) -> Staffer:
    campus = world.class_of(student, day).campus_id
    same_campus = [s for s in world.fulltime_psych if s.campus_id == campus]
    return (same_campus or world.fulltime_psych)[0]


def _head_teacher(world: DemoWorld, student: DemoStudent, day: dt.date) -> Staffer:
    """The head teacher of the student's class in the school year of ``day``."""
    return world.staff[world.class_of(student, day).head_teacher_id - 1]


def _lead_in(world: DemoWorld, case: KeyCase, counsellor: Staffer) -> None:
    """Most cases begin with a report from a monitor or the head teacher a few days before."""
    if world.rng.random() >= 0.6:
        return
    day = case.start - world.rng.randint(1, 3) * DAY
    # A report comes in term time, from the class the student is in then.
    if world.term_of(day) is None or not case.student.present_on(day):
        return
    head_teacher = _head_teacher(world, case.student, day)
    monitors = world.monitors_of(world.class_of(case.student, day), day)
    reporter_student = monitors[0].id if monitors and world.rng.random() < 0.5 else None
    world.rows.add(
        "abnormal_report",
        day.isoformat(),
        case.student.id,
        None if reporter_student else head_teacher.id,
        reporter_student,
        T.DEMO_MARK + world.pick(T.ABNORMAL_OBSERVATIONS),
        counsellor.id,
    )


def _plan_and_care(
    world: DemoWorld,
    case: KeyCase,
    counsellor: Staffer,
    head_teacher: Staffer,
    *,
    review_late: bool = False,
) -> None:
    created = _plan_day(world, case.start)
    end = case.closed_on or world.today
    referral_on = min(created + world.rng.randint(1, 5) * DAY, world.today)
    referred = case.referral and (case.level == 3 or world.rng.random() < 0.5)
    place = world.pick(T.REFERRAL_PLACES) if case.referral else None
    reviews, next_review = _reviews(world, case, review_late)
    # A level-3 student referred for treatment is away for two weeks, if the case lasts.
    return_on = referral_on + 2 * WEEK if referred and case.level == 3 else None
    if return_on is not None and return_on > end:
        return_on = None
    plan_id = world.rows.add(
        "crisis_plan",
        case.student.id,
        created.isoformat(),
        case.level,
        json.dumps(_parents(world, case.student), ensure_ascii=False),
        T.DEMO_MARK + T.SAFETY_PLAN,
        T.DEMO_MARK + T.MEASURES,
        place,
        referral_on.isoformat() if referred else None,
        created.isoformat(),
        None if case.closed_on else next_review.isoformat(),
        case.closed_on.isoformat() if case.closed_on else None,
        case.start.isoformat(),
        return_on.isoformat() if return_on else None,
        *(T.DEMO_MARK + section for section in T.SAFETY_SECTIONS),
    )
    steps = [("assess", case.start), ("inform_guardian", case.start)]
    if referred:
        steps.append(("refer", referral_on))
    if return_on is not None:
        steps.append(("return_assessment", return_on))
    steps += [("review", day) for day in reviews]
    if case.closed_on:
        steps.append(("close", case.closed_on))
    for step, day in sorted(steps, key=lambda s: s[1]):
        world.rows.add(
            "crisis_step",
            plan_id,
            step,
            day.isoformat(),
            counsellor.id,
            T.DEMO_MARK + T.STEP_NOTES[step],
        )
    if place:
        history = [("suggested", created)]
        if referred:
            history += [("referred", referral_on), ("attended", referral_on + WEEK)]
            if case.closed_on:
                history.append(("ended", case.closed_on))
        for status, day in history:
            if day <= end:
                world.rows.add(
                    "crisis_referral",
                    plan_id,
                    day.isoformat(),
                    status,
                    place,
                    counsellor.id,
                    T.DEMO_MARK + T.REFERRAL_NOTES[status],
                )
    _care_group(world, case, plan_id, counsellor, head_teacher, created)
    _weekly_sessions(world, case, counsellor, end)
    # A plan with a referral, even one only suggested, always has a follow-up after it.
    referral_since = (referral_on if referred else created) if case.referral else None
    _follow_ups(world, case, counsellor, created, end, referral_since)
    if case.home_visits:
        _case_home_visits(world, case, end)
    if place:
        _referral(world, case, place, referral_on if referred else None)
    if case.closed_on:
        world.rows.add(
            "risk_assessment",
            case.closed_on.isoformat(),
            case.student.id,
            1,
            counsellor.id,
            T.DEMO_MARK + T.DOWNGRADE_BASIS,
        )


REVIEW_INTERVAL = 4 * WEEK


def _review_left_undone(world: DemoWorld, cases: list[KeyCase]) -> KeyCase | None:
    """The one open plan whose latest review is missed: the newest that has had one due."""
    eligible = [
        c
        for c in cases
        if c.with_plan and c.closed_on is None and c.start + REVIEW_INTERVAL < world.today
    ]
    return max(eligible, key=lambda c: (c.start, c.student.id), default=None)


def _reviews(world: DemoWorld, case: KeyCase, late: bool) -> tuple[list[dt.date], dt.date]:
    """The days the plan was reviewed (every four weeks from the assessment, on the weekday on
    or before each due day, while the plan is open) and the day the next review is due. A late
    plan misses the latest review that fell due before today."""
    done: list[dt.date] = []
    since = case.start
    due = since + REVIEW_INTERVAL
    while _review_written(world, case, due, late):
        day = due
        while day.weekday() >= 5:
            day -= DAY
        done.append(day)
        since = day
        due = since + REVIEW_INTERVAL
    if late and done:
        done.pop()
        due = (done[-1] if done else case.start) + REVIEW_INTERVAL
    return done, due


def _review_written(world: DemoWorld, case: KeyCase, due: dt.date, late: bool) -> bool:
    """Whether the review due on ``due`` took place: before the plan closed, or by today; for
    the late plan, every one due before today (the last of them is then taken back)."""
    if case.closed_on is not None:
        return due < case.closed_on
    return due < world.today if late else due <= world.today


def _plan_day(world: DemoWorld, start: dt.date) -> dt.date:
    """The plan is made within two school days, inside the same term and by today."""
    term = world.term_of(start)
    days = [d for d in world.days_of(term) if start <= d <= world.today] if term else []
    return world.pick(days[:3]) if days else start


def _parents(world: DemoWorld, student: DemoStudent) -> list[str]:
    first = f"{'父亲' if student.guardian_is_father else '母亲'} {student.guardian}"
    return [first] if world.rng.random() < 0.5 else [first, "祖母（同住）"]


def _care_group(
    world: DemoWorld,
    case: KeyCase,
    plan_id: int,
    counsellor: Staffer,
    head_teacher: Staffer,
    created: dt.date,
) -> None:
    teachers = [counsellor.id, head_teacher.id]
    peers: list[DemoStudent] = []
    if case.complete_care_group:
        subject = [s for s in world.staff if s.roles == ("subject_teacher",)]
        campus = world.class_of(case.student, created).campus_id
        teachers.append(([s for s in subject if s.campus_id == campus] or subject)[0].id)
        monitors = world.monitors_of(world.class_of(case.student, created), created)
        classmates = monitors or world.classmates(case.student, created)
        peers = classmates[: world.rng.randint(1, 2)]
    for staff_id in dict.fromkeys(teachers):
        world.rows.add("crisis_plan_teacher", plan_id, staff_id)
    for peer in peers:
        world.rows.add("crisis_plan_peer", plan_id, peer.id)


def _weekly_sessions(world: DemoWorld, case: KeyCase, counsellor: Staffer, end: dt.date) -> None:
    day = case.start + WEEK
    while day < end:
        if world.is_school_day(day):
            add_session(
                world,
                day,
                counsellor,
                [case.student],
                source="appointment",
                topic=world.pick(("emotion", "family", "self")),
                minutes=45,
                summary=world.pick(T.SESSION_NOTES["emotion"]),
                follow_up="下周继续。",
                risk_level=case.level,
            )
        day += WEEK
    if case.closed_on:
        add_session(
            world,
            case.closed_on,
            counsellor,
            [case.student],
            source="appointment",
            topic="emotion",
            minutes=40,
            summary="复评：情绪稳定，学习生活恢复正常。",
            follow_up="结案，转为一般关注，一月后回访。",
            risk_level=1,
        )


def _follow_ups(
    world: DemoWorld,
    case: KeyCase,
    counsellor: Staffer,
    created: dt.date,
    end: dt.date,
    referral_since: dt.date | None,
) -> None:
    days = []
    day = created + WEEK
    while day <= end:
        days.append(day)
        day += 2 * WEEK
    if referral_since and not any(d >= referral_since for d in days):
        days.append(min(referral_since + 3 * DAY, world.today))
    for index, day in enumerate(days):
        teacher = counsellor if index % 2 == 0 else _head_teacher(world, case.student, day)
        world.rows.add(
            "follow_up",
            day.isoformat(),
            case.student.id,
            teacher.id,
            T.DEMO_MARK + world.pick(T.FOLLOW_UP_CONTENTS),
        )


def _case_home_visits(world: DemoWorld, case: KeyCase, end: dt.date) -> None:
    """One home visit in every school year the case is open, soon after it starts (or the year)."""
    for school_year in world.school_years():
        terms = world.terms_of_year(school_year)
        year_start, year_end = terms[0].first_day, terms[-1].last_day
        if end < year_start or case.start > year_end:
            continue
        day = min(max(case.start, year_start) + world.rng.randint(3, 10) * DAY, world.today, end)
        day = max(day, case.start)
        world.rows.add(
            "home_visit",
            day.isoformat(),
            case.student.id,
            _head_teacher(world, case.student, day).id,
            "in_home",
            T.DEMO_MARK + "重点关爱学生家访：了解居家情况，与家长共同商定安全计划。",
        )


def _first_phone_call(world: DemoWorld, case: KeyCase, head_teacher: Staffer) -> None:
    world.rows.add(
        "home_visit",
        case.start.isoformat(),
        case.student.id,
        head_teacher.id,
        "phone",
        T.DEMO_MARK + "电话告知家长学生近况，约定近期到校面谈。",
    )


def _referral(world: DemoWorld, case: KeyCase, place: str, referral_on: dt.date | None) -> None:
    if referral_on is None:
        state, day, plan = "suggested", case.start, None
    else:
        elapsed = ((case.closed_on or world.today) - referral_on).days
        day = referral_on
        if case.closed_on:
            state, plan = "closed", T.DEMO_MARK + T.RETURN_PLAN
        elif elapsed < 7:
            state, plan = "referred", None
        elif elapsed < 35:
            state, plan = "in_treatment", None
        else:
            state, plan = "returned", T.DEMO_MARK + T.RETURN_PLAN
        world.rows.add(
            "consent",
            case.student.id,
            case.student.guardian,
            json.dumps(["referral"]),
            referral_on.isoformat(),
            None,
        )
    world.rows.add("referral", case.student.id, place, day.isoformat(), state, plan)
