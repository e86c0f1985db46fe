"""Care for every student: consents, the yearly screening and its interviews, home visits, reports.

Guardians sign consent for screening and counselling when their child joins; a few never returned
the form, and their children were screened anyway (the self-check flags that; for some of them the
counsellor recorded why). The screening runs once a school year in the third and fourth weeks of
the autumn term, a grade a day, with PHQ-9 from 初一 on (scored by the scale file; every flagged
student is interviewed, but for one left open this school year); some students
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
from counselor_app.screening.scales import load_scales

NO_CONSENT_SHARE = 0.015
MISSED_SCREENING_SHARE = 0.012
RESULT_LEVELS = ((0, 0.86), (1, 0.10), (2, 0.035), (3, 0.005))
# From 初一 on the yearly round is PHQ-9, answered on paper and typed in; younger pupils keep the
# primary-school questionnaire, entered as a total.
SCALE_FROM_GRADE = 7
PHQ9 = load_scales().find("phq9")
# PHQ-9 totals of each result level (the bands' levels: 0–4, 5–9, 10–14, 15–27).
PHQ9_TOTALS = {0: (0, 4), 1: (5, 9), 2: (10, 14), 3: (15, 22)}
# Students who answer item 9 (thoughts of self-harm) at all: seen the same day.
CRITICAL_SHARE = 0.008
CRITICAL_LEVELS = ((1, 0.5), (2, 0.35), (3, 0.15))
INTERVIEW_OUTCOMES = (("excluded", 0.4), ("watch", 0.4), ("retest", 0.2))
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
        round_ = _ScaleRound(world, key_ids, leave_one_open=school_year == this_year)
        absent = []
        for student, day, grade in _screening_roll(world, autumn, school_year):
            if student.id in missed or world.rng.random() < MISSED_SCREENING_SHARE:
                if student.id not in missed and grade >= SCALE_FROM_GRADE:
                    absent.append(student)
                continue
            unconsented = student.id in without_consent
            if grade >= SCALE_FROM_GRADE:
                round_.screen(student, day, unconsented)
            else:
                _screen(world, student, day, grade)
            if unconsented and school_year == this_year:
                world.gaps.note(
                    "consent: screened without consent",
                    student.student_no,
                    terms=[world.term_of(day) or autumn],
                )
        round_.note_open_entry()
        if school_year == this_year:
            round_.make_ups(absent, without_consent)


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


class _ScaleRound:
    """One school year's PHQ-9 round: answers scored by the scale file, as a paper sheet typed
    in would be, and an interview (约谈) for every flagged student.

    A critical item is talked about the same day, any other flag within a few school days. Most
    interviews end in 排除 or 继续关注; a key student's leads to 一生一策; some ask for a retest
    four weeks on, given when that day has come. In this school year the first flagged student
    without a critical item is left without an interview, so the worklist has one overdue entry.
    """

    def __init__(self, world: DemoWorld, key_ids: set[int], *, leave_one_open: bool) -> None:
        self.world = world
        self.key_ids = key_ids
        self.leave_one_open = leave_one_open
        self.open_entry: tuple[DemoStudent, int, dt.date] | None = None

    def screen(self, student: DemoStudent, day: dt.date, unconsented: bool) -> None:
        world = self.world
        critical = world.rng.random() < CRITICAL_SHARE
        level = world.weighted(CRITICAL_LEVELS if critical else RESULT_LEVELS)
        if student.id in self.key_ids and (world.risk_level_on(student, day) or 0) >= 2:
            level = max(level, 2)  # a student already in care answers as one
        answers = _phq9_answers(world, level, critical)
        exception = T.CONSENT_EXCEPTION if unconsented and world.rng.random() < 0.5 else None
        screening_id = _scale_screening(world, student, day, answers, exception)
        if not PHQ9.score(answers).flagged:
            return
        if self.leave_one_open and self.open_entry is None and not critical:
            self.open_entry = (student, screening_id, day)
            return
        self._interview(student, screening_id, day, critical)

    def make_ups(self, absent: list[DemoStudent], without_consent: set[int]) -> None:
        """Two students screened in the last days before today (补测), both flagged: one still to
        interview, the other interviewed and due for a retest later."""
        world = self.world
        term = world.term_of(world.today)
        days = world.past_days_of(term) if term is not None else []
        # Absent on their day, or else (a small school) a student a head teacher was worried about.
        others = [
            s
            for s in world.students
            if world.this_year in s.classes
            and s.classes[world.this_year].grade >= SCALE_FROM_GRADE
            and s not in absent
        ]
        present = [
            s
            for s in absent + others
            if days
            and s.present_on(days[-1])
            and s.status == "enrolled"
            and s.id not in without_consent
            and s.id not in self.key_ids
        ]
        if len(days) < 2 or len(present) < 2:
            return
        later, earlier = present[:2]
        _scale_screening(world, later, days[-1], _phq9_answers(world, 2, False), None)
        screened = _scale_screening(world, earlier, days[-2], _phq9_answers(world, 2, False), None)
        retest_on = world.school_day_on_or_after(world.today + 14 * DAY)
        if retest_on is None:
            return
        world.rows.add(
            "screening_interview",
            screened,
            days[-1].isoformat(),
            world.fulltime_psych[0].id,
            "retest",
            retest_on.isoformat(),
            T.DEMO_MARK + T.INTERVIEW_NOTES["retest"],
        )

    def note_open_entry(self) -> None:
        if self.open_entry is not None:
            student = self.open_entry[0]
            self.world.gaps.note(
                "worklist: flagged and never interviewed",
                student.student_no,
                terms=[self.world.term_of(self.open_entry[2]) or self.world.current_term],
            )

    def _interview(
        self, student: DemoStudent, screening_id: int, screened_on: dt.date, critical: bool
    ) -> None:
        world = self.world
        after = 0 if critical else world.rng.randint(1, 4)
        day = world.school_day_on_or_after(screened_on + after * DAY)
        if day is None or day > world.today or not student.present_on(day):
            return
        counsellor = world.fulltime_psych[student.id % len(world.fulltime_psych)]
        _interview(world, student, screened_on, day)
        if student.id in self.key_ids and (world.risk_level_on(student, day) or 0) >= 2:
            outcome = "crisis_plan"
        elif critical:
            outcome = "watch"
        else:
            outcome = world.weighted(INTERVIEW_OUTCOMES)
        retest_on = world.school_day_on_or_after(day + 28 * DAY) if outcome == "retest" else None
        if outcome == "retest" and retest_on is None:
            outcome = "watch"
        world.rows.add(
            "screening_interview",
            screening_id,
            day.isoformat(),
            counsellor.id,
            outcome,
            retest_on.isoformat() if retest_on else None,
            T.DEMO_MARK + T.INTERVIEW_NOTES[outcome],
        )
        if retest_on is not None and retest_on <= world.today and student.present_on(retest_on):
            _scale_screening(world, student, retest_on, _phq9_answers(world, 1, False), None)


def _phq9_answers(world: DemoWorld, level: int, critical: bool) -> tuple[int, ...]:
    """Answers to PHQ-9 whose total lies in the range of a result level, item 9 answered only
    when ``critical``."""
    low, high = PHQ9_TOTALS[level]
    total = world.rng.randint(low, high)
    answers = [0] * 9
    if critical:
        answers[8] = 1
        total = max(total - 1, 0)
    while total > 0:
        item = world.rng.randrange(8)
        if answers[item] < 3:
            answers[item] += 1
            total -= 1
    return tuple(answers)


def _scale_screening(
    world: DemoWorld,
    student: DemoStudent,
    day: dt.date,
    answers: tuple[int, ...],
    consent_exception: str | None,
) -> int:
    """A PHQ-9 screening row written as ``screening.answers.save_screenings`` writes one."""
    result = PHQ9.score(answers)
    return world.rows.add(
        "screening",
        day.isoformat(),
        student.id,
        PHQ9.name,
        result.total,
        result.band.level,
        PHQ9.id,
        json.dumps(list(answers)),
        result.band.id,
        int(result.flagged),
        json.dumps(list(result.critical_items)),
        "paper",
        consent_exception,
    )


def _screen(world: DemoWorld, student: DemoStudent, day: dt.date, grade: int) -> None:
    instrument = T.SCREENING_INSTRUMENTS[
        "primary" if grade <= 6 else "junior" if grade <= 9 else "senior"
    ]
    level = world.weighted(RESULT_LEVELS)
    score = round(60 + level * 45 + world.rng.random() * 40, 1)
    world.rows.add(
        "screening",
        day.isoformat(),
        student.id,
        instrument,
        score,
        level,
        *(None, None, None, 0, None, None, None),  # typed in by hand: no scale, never flagged
    )
    if level >= 2:
        _interview(world, student, day)


def _interview(
    world: DemoWorld, student: DemoStudent, screened_on: dt.date, day: dt.date | None = None
) -> None:
    """A raised result leads to a talk within two weeks (on ``day`` when given), recorded as a
    session; most end at level 0 or 1."""
    if day is None:
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
