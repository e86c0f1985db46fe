"""Student psych monitors (心理委员) and their monthly reports.

Every class of grade 4 and up gets a boy and a girl from its students of that school year, except
where the demo leaves a gap on purpose: every school year the class numbered like the ``boys_only``
gap class has two boys, and this term the girl monitor of the ``one_monitor`` class transferred out
and has not been replaced.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.demo.roster import MONITOR_FROM_GRADE
from counselor_app.demo.school_calendar import DAY
from counselor_app.demo.texts import DEMO_MARK, MONITOR_REPORT_DETAILS
from counselor_app.demo.world import DemoClass, DemoStudent, DemoWorld, MonitorTerm


def monitor_classes(world: DemoWorld, school_year: int) -> list[DemoClass]:
    return [c for c in world.classes_of_year(school_year) if c.grade >= MONITOR_FROM_GRADE]


def gap_classes(world: DemoWorld, school_year: int) -> dict[str, DemoClass]:
    """Which classes of a school year carry the planted gaps: few lessons, two boy monitors, one
    monitor. Every year has the same 班级编号 for them (other students each year)."""
    classes = monitor_classes(world, school_year)
    eligible = [c for c in classes if not c.graduating] or classes
    others = [c for c in classes if c is not eligible[0]] or eligible
    return {
        "few_lessons": eligible[0],
        "boys_only": others[0],
        "one_monitor": others[1 % len(others)],
    }


def add_monitors(world: DemoWorld) -> None:
    for school_year in world.school_years():
        terms = world.terms_of_year(school_year)
        year_start = terms[0].first_day
        year_end = terms[-1].last_day if school_year < world.this_year else None
        boys_only = gap_classes(world, school_year)["boys_only"]
        for demo_class in monitor_classes(world, school_year):
            candidates = _candidates(world, demo_class, year_start)
            for student in _boy_and_girl(world, candidates, demo_class is boys_only):
                until = year_end
                if student.left_on is not None and (until is None or student.left_on < until):
                    until = student.left_on
                world.monitors.append(MonitorTerm(student, demo_class, year_start, until))
        world.gaps.note("SC-12-monitors: both monitors boys", boys_only.code, terms=terms)
    one_monitor = gap_classes(world, world.this_year)["one_monitor"]
    _girl_monitor_leaves(world, one_monitor)
    world.gaps.note("SC-12-monitors: one monitor", one_monitor.code, terms=[world.current_term])
    for term in world.monitors:
        world.rows.add(
            "monitor",
            term.student.id,
            term.from_date.isoformat(),
            term.to_date.isoformat() if term.to_date else None,
        )


def _candidates(world: DemoWorld, demo_class: DemoClass, year_start: dt.date) -> list[DemoStudent]:
    """The class's students at the start of its school year (this year: those still here)."""
    this_year = demo_class.school_year == world.this_year
    return [
        s
        for s in world.roster(demo_class)
        if s.present_on(year_start) and not (this_year and s.status != "enrolled")
    ]


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
        if term.demo_class is not demo_class or term.to_date is not None or student.sex != "F":
            continue
        left_on = days[len(days) // 2] if len(days) > 1 else world.today
        student.status, student.left_on = "transferred", left_on
        world.monitors[index] = MonitorTerm(student, demo_class, term.from_date, left_on)
        return


# -- monthly reports -----------------------------------------------------------------------------


def add_monitor_reports(world: DemoWorld) -> None:
    """One report per class and finished month of a term, by a monitor active at month end."""
    for month_end, report_day in _finished_term_months(world):
        for demo_class in monitor_classes(world, world.year_of(report_day)):
            reporters = world.monitors_of(demo_class, report_day)
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
