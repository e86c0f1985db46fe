"""The counselling room: closure days, weekly opening hours with duty teachers, and appointments.

The room opens 10 hours a week (12:10–13:10 and 16:10–17:10, Monday to Friday), each slot with a
psych teacher on duty. In the third week of the current term the demo shortens the week to 3 hours
and leaves one of its slots without a duty teacher, as an exam week often does.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.demo.school_calendar import DAY, WEEK, DemoTerm, teaching_day_on_or_after
from counselor_app.demo.world import DemoStudent, DemoWorld

DAILY_SLOTS = (("12:10", "13:10"), ("16:10", "17:10"))
# (weekday 1-7, from, to, has a duty teacher)
SHORT_WEEK_SLOTS = ((2, "12:10", "13:40", True), (4, "16:10", "17:40", False))
SHORT_WEEK_INDEX = 2
# One booking at most at the start of each daily slot, short enough to end inside it.
APPOINTMENT_TIMES = tuple(start for start, _ in DAILY_SLOTS)


def plan_closures(terms: list[DemoTerm]) -> list[tuple[dt.date, str]]:
    """The school's own closure days: sports day mid-term and one exam day near the end."""
    closures = []
    for term in terms:
        sports = teaching_day_on_or_after(term.week_monday(7) + 3 * DAY, term)
        exams = teaching_day_on_or_after(term.week_monday(term.week_count - 2) + 2 * DAY, term)
        season = "秋季" if term.autumn else "春季"
        if sports:
            closures.append((sports, f"{season}运动会，辅导室暂停开放"))
        if exams and exams != sports:
            closures.append((exams, "期末考试，辅导室暂停开放"))
    return closures


def add_closures(world: DemoWorld, closures: list[tuple[dt.date, str]]) -> None:
    # The demo plans its room hours as if these days were not school days, which is what a
    # whole-school closure (全校停课) means to the self-check.
    for day, reason in closures:
        world.rows.add("closure_day", day.isoformat(), reason, "school")


def add_room_hours(world: DemoWorld) -> None:
    for term in world.terms:
        if term is world.current_term:
            short_monday = term.week_monday(SHORT_WEEK_INDEX)
            _weekly_schedule(world, term.first_day, short_monday - DAY)
            _short_week(world, term, short_monday)
            _weekly_schedule(world, short_monday + WEEK, term.last_day)
        else:
            _weekly_schedule(world, term.first_day, term.last_day)


def _weekly_schedule(world: DemoWorld, valid_from: dt.date, valid_to: dt.date) -> None:
    duty = world.psych_teachers
    slot = 0
    for weekday in range(1, 6):
        for start, end in DAILY_SLOTS:
            teacher = duty[slot % len(duty)]
            world.rows.add(
                "room_hours",
                weekday,
                start,
                end,
                teacher.id,
                valid_from.isoformat(),
                valid_to.isoformat(),
            )
            slot += 1


def _short_week(world: DemoWorld, term: DemoTerm, monday: dt.date) -> None:
    sunday = monday + 6 * DAY
    for weekday, start, end, staffed in SHORT_WEEK_SLOTS:
        teacher = world.psych_teachers[0].id if staffed else None
        world.rows.add(
            "room_hours", weekday, start, end, teacher, monday.isoformat(), sunday.isoformat()
        )
    world.gaps.note("SC-11-room-hours: short week (Monday)", monday.isoformat(), terms=[term])
    unstaffed = [w for w, _, _, staffed in SHORT_WEEK_SLOTS if not staffed]
    for weekday in unstaffed:
        slot_day = monday + (weekday - 1) * DAY
        world.gaps.note(
            "HY-5-duty / BJ-1.4-room: slot without duty teacher",
            slot_day.isoformat(),
            terms=[term],
        )


# -- appointments --------------------------------------------------------------------------------

PAST_STATES = (("done", 0.75), ("cancelled", 0.12), ("no_show", 0.08), ("confirmed", 0.05))
FUTURE_STATES = (("pending", 0.5), ("confirmed", 0.5))
CHANNELS = (("in_person", 0.4), ("phone", 0.3), ("online", 0.3))


def add_appointments(world: DemoWorld) -> None:
    """A few bookings a school day; the coming two weeks hold pending and confirmed ones."""
    for term in world.terms:
        people = [s for s in world.students if s.present_on(term.first_day)] or world.students
        for day in world.days_of(term):
            if day > world.today + 2 * WEEK:
                break
            upcoming = day > world.today
            count = 1 if upcoming else world.rng.choice((0, 1, 1, 2))
            for start in world.rng.sample(APPOINTMENT_TIMES, count):
                states = FUTURE_STATES if upcoming else PAST_STATES
                _add_appointment(world, day, start, people, states)


def _add_appointment(
    world: DemoWorld,
    day: dt.date,
    start: str,
    people: list[DemoStudent],
    states: tuple[tuple[str, float], ...],
) -> None:
    student = world.pick_present(people, day)
    if student is None:
        return
    draw = world.rng.random()
    student_id: int | None = student.id
    parent = None
    if draw < 0.05:
        student_id, parent = None, world.pick(people).guardian  # a parent asking for themselves
    elif draw < 0.2:
        parent = student.guardian  # a parent booking for their child
    world.rows.add(
        "appointment",
        day.isoformat(),
        start,
        world.rng.choice((30, 40, 45)),
        student_id,
        parent,
        world.weighted(CHANNELS),
        world.weighted(states),
    )
