"""What the demo generators share: the invented school in memory and the rows waiting to be written.

Generators read the people and the calendar from :class:`DemoWorld` and append plain tuples to
:class:`TableRows`; nothing touches the database until the writer inserts every table at once.
Ids are given here, counting from 1, which is why the demo needs an empty school.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from counselor_app.demo.school_calendar import DemoTerm, school_days

_T = TypeVar("_T")

# Every table the demo fills, in an order where a row only refers to rows already written. A
# student's class of each school year (enrolment) is written by the database itself when the
# student row is inserted (a trigger); the demo's classes all belong to the current school year.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(columns.split())
    for table, columns in {
        "campus": "id name",
        "term": "id name first_day last_day",
        "staff": "id staff_no name sex qualification campus_id",
        "staff_role": "staff_id role",
        "class": "id school_year class_code grade name head_teacher_id campus_id graduating",
        "student": "id student_no name sex class_id birth_date status enrolled_on left_on guardian"
        " guardian_phone search_keys",
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
        "screening": "id date student_id instrument score result_level",
        "risk_assessment": "id date student_id level assessed_by_id basis",
        "crisis_plan": "id student_id created_on level care_parents safety_plan measures"
        " referral_to referral_on guardian_informed_on next_review_on closed_on",
        "crisis_plan_teacher": "plan_id staff_id",
        "crisis_plan_peer": "plan_id student_id",
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


@dataclass
class DemoClass:
    id: int
    code: str
    grade: int
    name: str
    campus_id: int
    graduating: bool
    head_teacher_id: int = 0
    lesson_teacher_id: int = 0
    lesson_weekday: int = 0  # 0 = Monday


@dataclass
class DemoStudent:
    id: int
    student_no: str
    name: str
    sex: str
    class_id: int
    grade_now: int  # the grade of the class the student is (or was last) in
    joined_on: dt.date
    status: str = "enrolled"
    left_on: dt.date | None = None
    guardian: str = ""
    guardian_is_father: bool = True

    def present_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


@dataclass(frozen=True)
class MonitorTerm:
    """A student's time as their class's psych monitor (心理委员)."""

    student: DemoStudent
    from_date: dt.date
    to_date: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)


@dataclass
class Gaps:
    """What the demo leaves undone on purpose, by the self-check rule that should find it."""

    items: dict[str, list[str]] = field(default_factory=dict)

    def note(self, what: str, *identifiers: str) -> None:
        noted = self.items.setdefault(what, [])
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
    classes: list[DemoClass] = field(default_factory=list)
    students: list[DemoStudent] = field(default_factory=list)
    monitors: list[MonitorTerm] = field(default_factory=list)
    # student id → (from, until or None, level): when a counsellor judged the student at 2 or 3
    key_periods: dict[int, tuple[dt.date, dt.date | None, int]] = field(default_factory=dict)
    _days: dict[int, list[dt.date]] = field(default_factory=dict, init=False, repr=False)
    _day_set: dict[int, frozenset[dt.date]] = field(default_factory=dict, init=False, repr=False)

    # -- calendar -------------------------------------------------------------------------------
    @property
    def current_term(self) -> DemoTerm:
        return self.terms[-1]

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

    def class_of(self, student: DemoStudent) -> DemoClass:
        return self.classes[student.class_id - 1]

    def students_present(self, day: dt.date) -> list[DemoStudent]:
        return [s for s in self.students if s.present_on(day)]

    def classmates(self, student: DemoStudent, day: dt.date) -> list[DemoStudent]:
        return [
            s
            for s in self.students
            if s.class_id == student.class_id and s.id != student.id and s.present_on(day)
        ]

    def monitors_of(self, class_id: int, day: dt.date) -> list[DemoStudent]:
        return [
            m.student for m in self.monitors if m.student.class_id == class_id and m.active_on(day)
        ]

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
