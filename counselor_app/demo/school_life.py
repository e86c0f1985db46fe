"""The school's psych-education calendar: activities of every type, weekly lessons, documents.

Each term follows the same rhythm (leadership meetings at the start, mid-term and last day;
staff and monitor training; parent classes and parent meetings; a psych class meeting in every
class; life education; the activity month; new-student visits in autumn; a monthly check), and
every class has one psych lesson a week. Only what has happened by today is recorded. Activities name the
classes of the school year they fall in.

Planted gaps: in every term the class numbered like the ``few_lessons`` gap class (0701 in a junior
school) gets a lesson only every third week, the graduating grade's second parent meeting has no
psych content, and the emergency plan (应急预案) was never filed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from counselor_app.demo.monitors import gap_classes, monitor_classes
from counselor_app.demo.school_calendar import (
    DAY,
    DemoTerm,
    autumn_term_days,
    teaching_day_on_or_after,
    teaching_day_on_or_before,
)
from counselor_app.demo.texts import (
    CLASS_MEETING_TITLES,
    EXTERNAL_TRAININGS,
    GRADE_LABELS,
    LESSON_THEMES,
)
from counselor_app.demo.world import DemoClass, DemoWorld

FEW_LESSONS_EVERY = 3  # the gap class has a lesson only every third week


def add_activity(
    world: DemoWorld,
    day: dt.date | None,
    kind: str,
    title: str,
    *,
    participants: int,
    minutes: int,
    classes: Sequence[DemoClass] = (),
    leaders: Sequence[int] = (),
    psych_content: bool = True,
) -> bool:
    """Record an activity if it has happened by today; True if it was recorded."""
    if day is None or day > world.today:
        return False
    activity_id = world.rows.add(
        "activity", day.isoformat(), kind, title, participants, minutes, int(psych_content)
    )
    for demo_class in classes:
        world.rows.add("activity_class", activity_id, demo_class.id)
    for staff_id in dict.fromkeys(leaders):
        world.rows.add("activity_leader", activity_id, staff_id)
    return True


def add_term_activities(world: DemoWorld) -> None:
    for term in world.terms:
        _leadership(world, term)
        _training(world, term)
        _parents(world, term)
        _classes(world, term)
        _whole_school(world, term)
        _monthly_checks(world, term)


def _on(term: DemoTerm, week: int, weekday: int) -> dt.date | None:
    return teaching_day_on_or_after(term.week_monday(week) + weekday * DAY, term)


def _leadership(world: DemoWorld, term: DemoTerm) -> None:
    leaders = [s.id for s in world.staff_with("leader")[:1] + world.fulltime_psych[:1]]
    meetings = (
        (_on(term, 0, 2), "学期心理健康工作部署会"),
        (_on(term, 7, 2), "心理健康工作推进会"),
        (teaching_day_on_or_before(term.last_day, term), "学期心理健康工作总结会"),
    )
    for day, title in meetings:
        add_activity(
            world, day, "leadership_meeting", title, participants=9, minutes=60, leaders=leaders
        )


def _training(world: DemoWorld, term: DemoTerm) -> None:
    psych = [s.id for s in world.fulltime_psych]
    staff_count = len(world.staff)
    year_classes = world.classes_of_year(term.school_year)
    add_activity(
        world,
        _on(term, 1, 3),
        "staff_training",
        "全体教职工心理危机识别培训",
        participants=staff_count,
        minutes=90,
        leaders=psych,
    )
    add_activity(
        world,
        _on(term, 9, 3),
        "staff_training",
        "班主任心理辅导技能培训",
        participants=len(year_classes),
        minutes=90,
        leaders=psych,
    )
    classes = monitor_classes(world, term.school_year)
    add_activity(
        world,
        _on(term, 2, 4),
        "monitor_training",
        "心理委员培训",
        participants=2 * len(classes),
        minutes=60,
        classes=classes,
        leaders=psych,
    )


def _parents(world: DemoWorld, term: DemoTerm) -> None:
    psych = [s.id for s in world.fulltime_psych]
    add_activity(
        world,
        _on(term, 3, 1),
        "parent_class",
        "家长课堂：读懂孩子的情绪",
        participants=120,
        minutes=90,
        leaders=psych,
    )
    add_activity(
        world,
        _on(term, 10, 1),
        "parent_class",
        "家长课堂：亲子沟通的艺术",
        participants=110,
        minutes=90,
        leaders=psych,
    )
    year_classes = world.classes_of_year(term.school_year)
    for grade in dict.fromkeys(c.grade for c in year_classes):
        classes = [c for c in year_classes if c.grade == grade]
        heads = [c.head_teacher_id for c in classes]
        label = GRADE_LABELS[grade]
        size = 40 * len(classes)
        add_activity(
            world,
            _on(term, 1, 4),
            "parent_meeting",
            f"{label}家长会：开学心理调适",
            participants=size,
            minutes=60,
            classes=classes,
            leaders=heads,
        )
        exam_only = classes[0].graduating
        title = f"{label}家长会：毕业升学动员" if exam_only else f"{label}家长会：期中学情与心理"
        held = add_activity(
            world,
            _on(term, 9, 4),
            "parent_meeting",
            title,
            participants=size,
            minutes=60,
            classes=classes,
            leaders=heads,
            psych_content=not exam_only,
        )
        if exam_only and held:
            world.gaps.note(
                "SC-18-parent-meetings: meeting without psych content",
                *(c.code for c in classes),
                terms=[term],
            )


def _classes(world: DemoWorld, term: DemoTerm) -> None:
    """One psych class meeting per class; the entry grade visits the counselling room in autumn."""
    year_classes = world.classes_of_year(term.school_year)
    for demo_class in year_classes:
        day = _on(term, world.rng.randint(2, 7), world.rng.randrange(5))
        add_activity(
            world,
            day,
            "class_meeting",
            world.pick(CLASS_MEETING_TITLES),
            participants=40,
            minutes=40,
            classes=[demo_class],
            leaders=[demo_class.head_teacher_id],
        )
    if term.autumn:
        lowest = year_classes[0].grade
        newcomers = [c for c in year_classes if c.grade == lowest]
        add_activity(
            world,
            _on(term, 0, 2),
            "orientation",
            "新生参观心理辅导室",
            participants=40 * len(newcomers),
            minutes=40,
            classes=newcomers,
            leaders=[s.id for s in world.fulltime_psych],
        )


def _whole_school(world: DemoWorld, term: DemoTerm) -> None:
    psych = [s.id for s in world.fulltime_psych]
    everyone = len([s for s in world.students if s.present_on(term.first_day)])
    add_activity(
        world,
        _on(term, 4, 2),
        "life_education",
        "珍爱生命主题教育大会",
        participants=everyone,
        minutes=60,
        leaders=psych,
    )
    year_classes = world.classes_of_year(term.school_year)
    for grade in dict.fromkeys(c.grade for c in year_classes):
        classes = [c for c in year_classes if c.grade == grade]
        add_activity(
            world,
            _on(term, 11, 2),
            "life_education",
            "挫折教育：跌倒了再站起来",
            participants=40 * len(classes),
            minutes=45,
            classes=classes,
            leaders=psych,
        )
    month_start = (
        dt.date(term.first_day.year, 9, 1) if term.autumn else dt.date(term.last_day.year, 3, 1)
    )
    add_activity(
        world,
        teaching_day_on_or_after(month_start + 9 * DAY, term),
        "activity_month",
        "心理健康活动月启动仪式",
        participants=everyone,
        minutes=60,
        leaders=psych,
    )
    if not term.autumn:
        may_25 = teaching_day_on_or_after(dt.date(term.last_day.year, 5, 25), term)
        add_activity(
            world,
            may_25,
            "other",
            "5·25心理健康日主题活动",
            participants=everyone,
            minutes=90,
            leaders=psych,
        )


def _monthly_checks(world: DemoWorld, term: DemoTerm) -> None:
    leaders = [s.id for s in world.staff_with("leader")[2:3]]
    month = term.first_day.replace(day=1)
    while month <= term.last_day:
        next_month = (month + 32 * DAY).replace(day=1)
        day = teaching_day_on_or_before(next_month - DAY, term)
        if day is not None and day >= month:
            add_activity(
                world,
                day,
                "monthly_check",
                f"{month.month}月心理健康工作检查",
                participants=5,
                minutes=60,
                leaders=leaders,
            )
        month = next_month


# -- trainings outside the school ----------------------------------------------------------------

# (teaching week, weekday) of the outside events a psych teacher attends each term: full-time
# teachers go to both, part-time teachers to the first.
OUTSIDE_EVENT_DAYS = ((4, 3), (12, 3))


def add_external_trainings(world: DemoWorld) -> None:
    """County-level and higher research, training and exchange the psych teachers attended (外出培训),
    two a term for a full-time teacher (four a school year) and one for a part-time teacher."""
    event = 0
    for term in world.terms:
        for index, (week, weekday) in enumerate(OUTSIDE_EVENT_DAYS):
            day = _on(term, week, weekday)
            if day is None or day > world.today:
                continue
            name, kind, level, hours = EXTERNAL_TRAININGS[event % len(EXTERNAL_TRAININGS)]
            event += 1
            going = world.fulltime_psych + (world.staff_with("parttime_psych") if not index else [])
            for teacher in going:
                world.rows.add(
                    "external_training", day.isoformat(), teacher.id, name, kind, level, hours
                )


# -- lessons and documents -----------------------------------------------------------------------


def add_lessons(world: DemoWorld) -> None:
    for term in world.terms:
        few = gap_classes(world, term.school_year)["few_lessons"]
        world.gaps.note("SC-09-lessons: too few psych lessons", few.code, terms=[term])
        for demo_class in world.classes_of_year(term.school_year):
            for week in range(term.week_count):
                if demo_class is few and week % FEW_LESSONS_EVERY:
                    continue
                day = term.week_monday(week) + demo_class.lesson_weekday * DAY
                if day > world.today or not world.is_school_day(day):
                    continue
                world.rows.add(
                    "psych_lesson",
                    day.isoformat(),
                    demo_class.id,
                    demo_class.lesson_teacher_id,
                    1,
                    LESSON_THEMES[week % len(LESSON_THEMES)],
                )


def add_documents(world: DemoWorld) -> None:
    first_year = world.terms[0].school_year
    documents = [
        ("task_force", "关于成立学生心理健康教育工作专班的通知", dt.date(first_year, 8, 28)),
        ("other", "心理辅导室管理制度", dt.date(first_year, 8, 29)),
        ("other", "心理委员工作职责", dt.date(first_year, 8, 29)),
    ]
    for school_year in world.school_years():
        opening = autumn_term_days(school_year)[0]
        name = f"{school_year}—{school_year + 1}学年学校心理健康教育工作方案"
        documents.append(("work_plan", name, opening - 3 * DAY))
    for kind, name, day in documents:
        if day <= world.today:
            world.rows.add("school_document", kind, name, day.isoformat())
    world.gaps.note("SC-08-plans: document never filed", "emergency_plan", terms=world.terms)
