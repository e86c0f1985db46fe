"""Student psych monitors (心理委员) and their monthly reports.

Every class of grade 4 and up gets a boy and a girl each school year, except where the demo
leaves a gap on purpose: one class whose two monitors are both boys, and one class whose girl
monitor transferred out this term and has not been replaced.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.demo.roster import MONITOR_FROM_GRADE
from counselor_app.demo.school_calendar import DAY
from counselor_app.demo.texts import DEMO_MARK, MONITOR_REPORT_DETAILS
from counselor_app.demo.world import DemoClass, DemoStudent, DemoWorld, MonitorTerm


def monitor_classes(world: DemoWorld) -> list[DemoClass]:
    return [c for c in world.classes if c.grade >= MONITOR_FROM_GRADE]


def gap_classes(world: DemoWorld) -> dict[str, DemoClass]:
    """Which classes carry the planted gaps: few lessons, two boy monitors, one monitor."""
    eligible = [c for c in monitor_classes(world) if not c.graduating] or monitor_classes(world)
    others = [c for c in monitor_classes(world) if c is not eligible[0]] or eligible
    return {
        "few_lessons": eligible[0],
        "boys_only": others[0],
        "one_monitor": others[1 % len(others)],
    }


def add_monitors(world: DemoWorld) -> None:
    this_year = world.current_term.school_year
    gaps = gap_classes(world)
    for school_year in world.school_years():
        terms = world.terms_of_year(school_year)
        year_start = terms[0].first_day
        year_end = terms[-1].last_day if school_year < this_year else None
        for demo_class in monitor_classes(world):
            candidates = _candidates(world, demo_class, school_year, year_start)
            boys_only = school_year == this_year and demo_class is gaps["boys_only"]
            for student in _boy_and_girl(world, candidates, boys_only):
                until = year_end
                if student.left_on is not None and (until is None or student.left_on < until):
                    until = student.left_on
                world.monitors.append(MonitorTerm(student, year_start, until))
    _girl_monitor_leaves(world, gaps["one_monitor"])
    world.gaps.note("SC-12-monitors: both monitors boys", gaps["boys_only"].code)
    world.gaps.note("SC-12-monitors: one monitor", gaps["one_monitor"].code)
    for term in world.monitors:
        world.rows.add(
            "monitor",
            term.student.id,
            term.from_date.isoformat(),
            term.to_date.isoformat() if term.to_date else None,
        )


def _candidates(
    world: DemoWorld, demo_class: DemoClass, school_year: int, year_start: dt.date
) -> list[DemoStudent]:
    this_year = world.current_term.school_year
    chosen = []
    for student in world.students:
        if student.class_id != demo_class.id or not student.present_on(year_start):
            continue
        if student.status == "graduated":
            grade_then = student.grade_now
        else:
            grade_then = student.grade_now - (this_year - school_year)
        if grade_then < MONITOR_FROM_GRADE:
            continue
        if school_year == this_year and student.status != "enrolled":
            continue  # this year's monitors are students still here
        chosen.append(student)
    return chosen


def _boy_and_girl(
    world: DemoWorld, candidates: list[DemoStudent], boys_only: bool
) -> list[DemoStudent]:
    boys = [s for s in candidates if s.sex == "M"]
    girls = [s for s in candidates if s.sex == "F"]
    if boys_only and len(boys) >= 2:
        return world.rng.sample(boys, 2)
    chosen = []
    if boys:
        chosen.append(world.pick(boys))
    if girls:
        chosen.append(world.pick(girls))
    return chosen


def _girl_monitor_leaves(world: DemoWorld, demo_class: DemoClass) -> None:
    """This term the class's girl monitor transferred out; nobody has taken her place yet."""
    days = world.past_days_of(world.current_term)
    for index, term in enumerate(world.monitors):
        student = term.student
        if student.class_id != demo_class.id or term.to_date is not None or student.sex != "F":
            continue
        left_on = days[len(days) // 2] if len(days) > 1 else world.today
        student.status, student.left_on = "transferred", left_on
        world.monitors[index] = MonitorTerm(student, term.from_date, left_on)
        return


# -- monthly reports -----------------------------------------------------------------------------


def add_monitor_reports(world: DemoWorld) -> None:
    """One report per class and finished month of a term, by a monitor active at month end."""
    for month_end, report_day in _finished_term_months(world):
        for demo_class in monitor_classes(world):
            reporters = world.monitors_of(demo_class.id, report_day)
            if not reporters:
                continue
            nothing = world.rng.random() >= 0.08
            details = None if nothing else DEMO_MARK + world.pick(MONITOR_REPORT_DETAILS)
            world.rows.add(
                "monitor_report",
                month_end.strftime("%Y-%m"),
                demo_class.id,
                reporters[0].id,
                int(nothing),
                details,
            )


def _finished_term_months(world: DemoWorld) -> list[tuple[dt.date, dt.date]]:
    """Every month that overlaps a term and is over by today: (its last day, the report day)."""
    ends: list[tuple[dt.date, dt.date]] = []
    for term in world.terms:
        month_start = term.first_day.replace(day=1)
        while month_start <= term.last_day:
            next_month = (month_start + 32 * DAY).replace(day=1)
            month_end = next_month - DAY
            if month_end < world.today:
                ends.append((month_end, min(month_end, term.last_day)))
            month_start = next_month
    return ends
