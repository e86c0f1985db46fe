"""What the demo generators share: the invented school in memory and the rows waiting to be written.

Generators read the people and the calendar from :class:`DemoWorld` and append plain tuples to
:class:`TableRows`; nothing touches the database until the writer inserts every table at once.
Ids are given here, counting from 1, which is why the demo needs an empty school.

The school lives in school years, as a real one recorded over a roll-over would: every school year
has classes of its own (班级编号 by grade and number, so 0701 holds other students each year) and
every student a class in each year they were enrolled (:attr:`DemoStudent.classes`). Anything that
names a class or a head teacher takes the class of the school year its date falls in
(:meth:`DemoWorld.class_of`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from counselor_app.demo.school_calendar import DemoTerm, school_days
from counselor_app.years.school_years import school_year_of

_T = TypeVar("_T")

# Every table the demo fills, in an order where a row only refers to rows already written. A
# student row names the class of the student's latest school year; the database's trigger records
# that year's enrolment as the row goes in. The enrolment rows hold every year the student was
# enrolled; the writer skips the one the trigger has already made.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(columns.split())
    for table, columns in {
        "campus": "id name",
        "term": "id name first_day last_day",
        "staff": "id staff_no name sex qualification campus_id",
        "staff_role": "staff_id role",
        "external_training": "id date staff_id name kind level hours",
        "class": "id school_year class_code grade name head_teacher_id campus_id graduating",
        "student": "id student_no name sex class_id birth_date status enrolled_on left_on guardian"
        " guardian_phone search_keys",
        "enrolment": "student_id school_year class_id",
        "room_hours": "id weekday start_time end_time duty_staff_id valid_from valid_to",
        "closure_day": "id date reason scope",
        "counselling_session": "id date start_time minutes kind counsellor_id source topic summary"
        " follow_up risk_level entered_on",
        "session_student": "session_id student_id",
        "appointment": "id date start_time minutes student_id parent_name channel state",
        "monitor": "id student_id from_date to_date",
        "activity": "id date type title participants minutes psych_content",
        "activity_class": "activity_id class_id",
        "activity_leader": "activity_id staff_id",
        "psych_lesson": "id date class_id teacher_id periods theme",
        "home_visit": "id date student_id teacher_id mode summary",
        "screening": "id date student_id instrument score result_level scale_id answers band"
        " flagged critical_items way consent_exception",
        "screening_interview": "id screening_id date staff_id outcome retest_on note",
        "risk_assessment": "id date student_id level assessed_by_id basis",
        "crisis_plan": "id student_id created_on level care_parents safety_plan measures"
        " referral_to referral_on guardian_informed_on next_review_on closed_on reported_on"
        " return_on warning_signs coping_alone people_places adults_to_ask professionals"
        " safe_surroundings reasons_to_live",
        "crisis_plan_teacher": "plan_id staff_id",
        "crisis_plan_peer": "plan_id student_id",
        "crisis_step": "id plan_id step done_on done_by_id note",
        "crisis_referral": "id plan_id changed_on status place by_id note",
        "follow_up": "id date student_id teacher_id content",
        "abnormal_report": "id date student_id reporter_staff_id reporter_student_id observation"
        " handled_by_id",
        "school_document": "id kind name date",
        "consent": "id student_id guardian scope given_on withdrawn_on",
        "confidentiality_break": "id date student_id reason notified handled_by_id",
        "monitor_report": "id month class_id reporter_student_id nothing_to_report details",
        "referral": "id student_id to_whom date state return_plan",
    }.items()
}
# Tables whose rows carry an id column first; the id is the row's place, counting from 1.
_WITH_ID = frozenset(t for t, columns in TABLE_COLUMNS.items() if columns[0] == "id")


class TableRows:
    """Rows per table, in insertion order. ``add`` returns the new row's id for id tables."""

    def __init__(self) -> None:
        self._rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLE_COLUMNS}

    def add(self, table: str, *values: Any) -> int:
        rows = self._rows[table]
        if table in _WITH_ID:
            new_id = len(rows) + 1
            rows.append((new_id, *values))
        else:
            new_id = 0
            rows.append(values)
        if len(rows[-1]) != len(TABLE_COLUMNS[table]):
            raise ValueError(f"{table}: {len(rows[-1])} values for {TABLE_COLUMNS[table]}")
        return new_id

    def next_id(self, table: str) -> int:
        return len(self._rows[table]) + 1

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        return self._rows[table]

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self._rows.items()}

    def tables(self) -> Iterable[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        for table, rows in self._rows.items():
            yield table, TABLE_COLUMNS[table], rows


@dataclass
class Staffer:
    id: int
    staff_no: str
    name: str
    sex: str
    roles: tuple[str, ...]
    campus_id: int


@dataclass(eq=False)
class DemoClass:
    """A class of one school year (0701 of 2025 and 0701 of 2026 are two classes)."""

    id: int
    school_year: int
    code: str
    grade: int
    number: int
    name: str
    campus_id: int
    graduating: bool
    head_teacher_id: int = 0
    lesson_teacher_id: int = 0
    lesson_weekday: int = 0  # 0 = Monday


@dataclass(eq=False)
class DemoStudent:
    id: int
    student_no: str
    name: str
    sex: str
    first_grade: int  # the grade the student joined the school in
    joined_on: dt.date
    # school year → the student's class that year, for every year they were enrolled
    classes: dict[int, DemoClass] = field(default_factory=dict)
    status: str = "enrolled"
    left_on: dt.date | None = None
    guardian: str = ""
    guardian_is_father: bool = True

    @property
    def latest_class(self) -> DemoClass:
        """The class of the latest school year the student was enrolled (student.class_id)."""
        return self.classes[max(self.classes)]

    def present_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class MonitorTerm:
    """A student's time as a psych monitor (心理委员) of their class of one school year."""

    student: DemoStudent
    demo_class: DemoClass
    from_date: dt.date
    to_date: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)


@dataclass
class Gaps:
    """What the demo leaves undone on purpose, by the self-check rule that should find it.

    ``items`` holds every gap over all terms; ``by_term`` the same per term name, for the terms whose
    self-check should find it (a class's short lessons in that term, a student's missed screening in
    every term of that school year).
    """

    items: dict[str, list[str]] = field(default_factory=dict)
    by_term: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def note(self, what: str, *identifiers: str, terms: Iterable[DemoTerm]) -> None:
        _add_new(self.items.setdefault(what, []), identifiers)
        for term in terms:
            _add_new(self.by_term.setdefault(term.name, {}).setdefault(what, []), identifiers)


def _add_new(noted: list[str], identifiers: Iterable[str]) -> None:
    noted.extend(i for i in identifiers if i not in noted)


@dataclass
class DemoWorld:
    """The school being invented: calendar, people, the rows so far and the gaps planted."""

    rng: random.Random
    today: dt.date
    stage: str
    terms: list[DemoTerm]
    rows: TableRows = field(default_factory=TableRows)
    gaps: Gaps = field(default_factory=Gaps)
    closures: frozenset[dt.date] = frozenset()
    staff: list[Staffer] = field(default_factory=list)
    # Every class of every school year, by id; ``year_classes`` the same per school year.
    classes: list[DemoClass] = field(default_factory=list)
    year_classes: dict[int, list[DemoClass]] = field(default_factory=dict)
    students: list[DemoStudent] = field(default_factory=list)
    monitors: list[MonitorTerm] = field(default_factory=list)
    # student id → (from, until or None, level): when a counsellor judged the student at 2 or 3
    key_periods: dict[int, tuple[dt.date, dt.date | None, int]] = field(default_factory=dict)
    _days: dict[int, list[dt.date]] = field(default_factory=dict, init=False, repr=False)
    _day_set: dict[int, frozenset[dt.date]] = field(default_factory=dict, init=False, repr=False)
    _year_of_day: dict[dt.date, int] = field(default_factory=dict, init=False, repr=False)
    _rosters: dict[int, list[DemoStudent]] | None = field(default=None, init=False, repr=False)

    # -- calendar -------------------------------------------------------------------------------
    @property
    def current_term(self) -> DemoTerm:
        return self.terms[-1]

    @property
    def this_year(self) -> int:
        """The school year of the current term (2025 for 2025—2026学年)."""
        return self.current_term.school_year

    def year_of(self, day: dt.date) -> int:
        """The school year that holds ``day``, as the program defines it (school_year_of)."""
        year = self._year_of_day.get(day)
        if year is None:
            year = self._year_of_day[day] = school_year_of(day, self.terms).start
        return year

    def days_of(self, term: DemoTerm) -> list[dt.date]:
        """School days of a term (closures excluded), all of them, future ones too."""
        if term.id not in self._days:
            self._days[term.id] = school_days(term, self.closures)
        return self._days[term.id]

    def past_days_of(self, term: DemoTerm) -> list[dt.date]:
        return [d for d in self.days_of(term) if d <= self.today]

    def all_past_days(self) -> list[dt.date]:
        return [d for term in self.terms for d in self.past_days_of(term)]

    def term_of(self, day: dt.date) -> DemoTerm | None:
        for term in self.terms:
            if term.contains(day):
                return term
        return None

    def school_day_on_or_after(self, day: dt.date) -> dt.date | None:
        """The first school day of any term from ``day`` on, or None if there is none."""
        for term in self.terms:
            if term.last_day < day:
                continue
            for school_day in self.days_of(term):
                if school_day >= day:
                    return school_day
        return None

    def is_school_day(self, day: dt.date) -> bool:
        term = self.term_of(day)
        return term is not None and day in self._day_sets(term)

    def _day_sets(self, term: DemoTerm) -> frozenset[dt.date]:
        if term.id not in self._day_set:
            self._day_set[term.id] = frozenset(self.days_of(term))
        return self._day_set[term.id]

    def school_years(self) -> list[int]:
        return list(dict.fromkeys(term.school_year for term in self.terms))

    def terms_of_year(self, school_year: int) -> list[DemoTerm]:
        return [t for t in self.terms if t.school_year == school_year]

    # -- people ---------------------------------------------------------------------------------
    def staff_with(self, role: str) -> list[Staffer]:
        return [s for s in self.staff if role in s.roles]

    @property
    def psych_teachers(self) -> list[Staffer]:
        return [s for s in self.staff if {"fulltime_psych", "parttime_psych"} & set(s.roles)]

    @property
    def fulltime_psych(self) -> list[Staffer]:
        return self.staff_with("fulltime_psych")

    def add_class(self, demo_class: DemoClass) -> None:
        self.classes.append(demo_class)
        self.year_classes.setdefault(demo_class.school_year, []).append(demo_class)

    def classes_of_year(self, school_year: int) -> list[DemoClass]:
        return self.year_classes.get(school_year, [])

    def class_of(self, student: DemoStudent, day: dt.date) -> DemoClass:
        """The student's class in the school year of ``day`` (they must have been enrolled)."""
        return student.classes[self.year_of(day)]

    def roster(self, demo_class: DemoClass) -> list[DemoStudent]:
        """Everyone enrolled in the class during its school year, whenever they joined or left.

        Built on first use: enrolments are settled by then (students and transfers come first).
        """
        if self._rosters is None:
            self._rosters = {}
            for student in self.students:
                for enrolled_in in student.classes.values():
                    self._rosters.setdefault(enrolled_in.id, []).append(student)
        return self._rosters.get(demo_class.id, [])

    def students_present(self, day: dt.date) -> list[DemoStudent]:
        return [s for s in self.students if s.present_on(day)]

    def classmates(self, student: DemoStudent, day: dt.date) -> list[DemoStudent]:
        """The student's classmates of that school year who are at school that day."""
        return [
            s
            for s in self.roster(self.class_of(student, day))
            if s.id != student.id and s.present_on(day)
        ]

    def monitors_of(self, demo_class: DemoClass, day: dt.date) -> list[DemoStudent]:
        return [m.student for m in self.monitors if m.demo_class is demo_class and m.active_on(day)]

    def risk_level_on(self, student: DemoStudent, day: dt.date) -> int | None:
        """The level the demo's records give the student that day (None: nothing recorded)."""
        period = self.key_periods.get(student.id)
        if period is None:
            return None
        start, until, level = period
        if day < start:
            return None
        return level if until is None or day < until else 1

    def pick(self, items: Sequence[_T]) -> _T:
        return items[self.rng.randrange(len(items))]

    def weighted(self, choices: Sequence[tuple[_T, float]]) -> _T:
        """One of ``(value, weight)`` pairs, drawn by weight."""
        return self.rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]

    def pick_present(self, people: Sequence[DemoStudent], day: dt.date) -> DemoStudent | None:
        """Someone from ``people`` who is at school that day (a few tries, then None)."""
        for _ in range(8):
            student = self.pick(people)
            if student.present_on(day):
                return student
        return None
