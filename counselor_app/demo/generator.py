"""A realistic, invented school for demonstrations, tests and benchmarks (``demo-data``).

:func:`generate_demo_school` fills an empty school with one school's worth of records for
``years`` school years, ending with the term that holds the school clock's date: campuses, staff,
classes, students (Chinese names, some with rare characters), terms, room hours, closure days,
sessions, appointments, monitors and their reports, activities of every type, trainings attended
outside the school, psych lessons, home visits, screenings, consents, risk levels, crisis plans with
care groups, follow-ups, abnormal reports, confidentiality breaks, referrals and documents. All note
text starts with 【演示】.

The school spans its school years as one that rolled over every summer would: each school year has
its own classes (the same 班级编号 per grade holding the next cohort), every student a class in each
year they were enrolled (学年分班), a new cohort joins the entry grade each September and the top
grade graduates each July (毕业); 设置 › 学年 lists each summer's roll-over as done (long past, so
none can be undone). Everything that names a class or a head teacher names the one of
the school year its date falls in, so the self-check of a past term judges that year's classes.

The same seed and the same date give the same database, row for row: every draw comes from one
``random.Random(seed)`` and the only clock reading is ``school.today()``. Everything is written
in one transaction (see :func:`_insert_rows`); 3,000 students over three years take a few
seconds.

Most of the school does what the district checklists ask, so the self-check has passes to show.
These gaps are planted so that it also has failures to find (``DemoSummary.gaps`` names the exact
classes, students and weeks; ``DemoSummary.gaps_by_term`` says in which terms):

- SC-09 / JM-2.1 / HY-6 / BJ-1.3 lessons: in every term, the first class of grade 4 or up that is
  not graduating (0701 in a 初中, 0401 in a 九年一贯) has a psych lesson only every third week.
- SC-11 room hours: the third teaching week of the current term is cut to 3 open hours; one of
  its two slots has no duty teacher (HY-5-duty, BJ-1.4-room).
- SC-12 monitors: every school year the next such class's two monitors are both boys; this term,
  in another, the girl monitor transferred out and was not replaced.
- SC-13 screening: some students missed the yearly screening, two of grade 4 or up certainly in
  every school year (in a past year one of them graduated that summer).
- SC-13 key plans: a student assessed at level 2 in the last days has no crisis plan yet.
- SC-13 care groups: one crisis plan has no peer and no subject teacher in its care group.
- SC-14 home visits: one key student has had no home visit this school year.
- SC-18 parent meetings: the graduating grade's second parent meeting of every term has no psych
  content.
- SC-08 plans: the emergency plan (应急预案) was never filed.
- Consent: a few students were screened without a guardian's consent on file.
- HY-5-follow-up: in every term two individual sessions have no follow-up noted (a rule that asks
  it of every record fails; one that asks 90 % passes).
- JM-2.4 records: about 3 % of sessions were entered more than a week late (the rule still passes).
- JM-2.2 screening every term: the school screens once a school year, in autumn, so spring terms
  fail this rule.

Records stop at today (only bookings lie ahead), so a term still under way falls short of
whole-term counts such as lessons or parent meetings; a finished term shows the gaps alone.
Full-time psych teachers number max(1, ceil(students / 1000)) and part-time ones
ceil(students / 500), so the staffing rules pass; a small school's one full-time teacher has fewer
than ten lessons a week (SC-17-teaching-load fails below about 500 students).

It writes only into a school that has no people, classes or terms yet, and never reads the clock
beyond ``school.today()``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from counselor_app.crisis.history import HISTORY_SEALED_COLUMNS
from counselor_app.demo.care import (
    add_consents,
    add_everyday_reports,
    add_home_visits,
    add_screenings,
)
from counselor_app.demo.cases import add_case_records, plan_cases
from counselor_app.demo.counselling import add_everyday_sessions
from counselor_app.demo.monitors import add_monitor_reports, add_monitors
from counselor_app.demo.names import NameMaker
from counselor_app.demo.room import add_appointments, add_closures, add_room_hours, plan_closures
from counselor_app.demo.roster import (
    STAGE_GRADES,
    add_campuses,
    add_classes,
    add_staff,
    add_students,
    plan_classes,
    write_students,
)
from counselor_app.demo.school_calendar import demo_terms
from counselor_app.demo.school_life import (
    add_documents,
    add_external_trainings,
    add_lessons,
    add_term_activities,
)
from counselor_app.demo.world import DemoWorld
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import joined, msg
from counselor_app.foundation.vocab import STAGE
from counselor_app.records.catalog import SEALED_COLUMNS
from counselor_app.rollover.record import rollover_entry, write_rollover_history
from counselor_app.school.core import School
from counselor_app.years.school_years import SchoolYear

MIN_STUDENTS = 50
MAX_STUDENTS = 20000
MAX_YEARS = 10
DEMO_STAGES = ("junior", "nine_year")
INSERT_BATCH = 5000
# Rows the database may already hold when the table's turn comes: a student row's insert trigger
# enrols the student in the class it names (the latest year's), which the demo's enrolment rows
# also list. Only that conflict is passed over; any other refusal still fails the whole demo.
# ("WHERE true" lets SQLite parse ON CONFLICT after INSERT … SELECT.)
_ALREADY_WRITTEN_BY_TRIGGER = {
    "enrolment": " WHERE true ON CONFLICT (student_id, school_year) DO NOTHING",
}

NOT_EMPTY = msg(
    "这所学校已有记录（{tables}），演示数据只能写入新建的空学校。请用 init 新建一所学校后再试。",
    "This school already holds records ({tables}); demo data goes only into a new, empty school. "
    "Create one with init and try again.",
)
BAD_SIZE = msg(
    "演示学校的学生数应在 {low} 到 {high} 之间，学年数应在 1 到 {years} 之间。",
    "A demo school needs {low} to {high} students and 1 to {years} school years.",
)
SUMMARY = msg(
    "{stage}，{count} 个学期（{first} 至 {last}），学生 {students} 人，教职工 {staff} 人，"
    "每学年班级 {classes} 个，辅导记录 {sessions} 条，测评 {screenings} 条，一生一策 {plans} 份，"
    "共 {rows} 行；预设问题 {gaps} 类（供学期自查发现）。",
    "{stage}, {count} terms ({first} to {last}): {students} students, {staff} staff, "
    "{classes} classes a school year, {sessions} sessions, {screenings} screenings, "
    "{plans} crisis plans, {rows} rows in all; {gaps} kinds of planted problems for the "
    "self-check to find.",
    en_one="{stage}, 1 term ({first} to {last}): {students} students, {staff} staff, "
    "{classes} classes a school year, {sessions} sessions, {screenings} screenings, "
    "{plans} crisis plans, {rows} rows in all; {gaps} kinds of planted problems for the "
    "self-check to find.",
)
BAD_STAGE = msg(
    "未知的学段：{stage}。可选：{stages}。", "Unknown stage: {stage}. Choose from {stages}."
)

ROOM_EQUIPMENT = ("心理测量软件", "沙盘", "团体辅导箱", "放松椅", "宣泄器材", "音乐放松系统")
ROOM_FUNCTIONS = ("individual", "group", "assessment", "sandplay", "relaxation")
BOOKING_CHANNELS = ("in_person", "phone", "online")


@dataclass(frozen=True)
class DemoSummary:
    """What was made: rows per table, the terms, and the planted gaps by rule.

    ``gaps`` names every planted gap's classes, students, weeks or documents over all terms;
    ``gaps_by_term`` the same per term name, for the terms whose self-check should find them.
    """

    stage: str
    seed: int
    terms: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    gaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gaps_by_term: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    classes_per_year: int = 0

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        c = self.counts
        return SUMMARY(
            stage=STAGE.label(self.stage),
            count=len(self.terms),
            first=self.terms[0],
            last=self.terms[-1],
            students=c["student"],
            staff=c["staff"],
            classes=self.classes_per_year,
            sessions=c["counselling_session"],
            screenings=c["screening"],
            plans=c["crisis_plan"],
            rows=self.total_rows,
            gaps=len(self.gaps),
        ).render()


def generate_demo_school(
    school: School,
    *,
    students: int = 600,
    years: int = 1,
    seed: int = 1,
    stage: str | None = None,
) -> DemoSummary:
    """Fill an empty school with invented records; the same seed and date give the same data.

    ``stage`` is one of the school stages (初中 ``junior``, 九年一贯 ``nine_year`` …); by default
    the seed picks 初中 or 九年一贯.
    """
    _check_request(students, years, stage)
    _require_empty(school)
    rng = random.Random(seed)
    chosen_stage = stage or rng.choice(DEMO_STAGES)
    world = _build_world(rng, school, students, years, chosen_stage)
    counts = world.rows.counts()
    with school.db.transaction():
        _describe_school(school, chosen_stage)
        for table, columns, rows in world.rows.tables():
            _insert_rows(school, table, columns, _sealed(school, table, columns, rows))
        _record_rollovers(school, world)
        school.log("demo_data", seed=seed, years=years, stage=chosen_stage, rows=counts)
    return DemoSummary(
        stage=chosen_stage,
        seed=seed,
        terms=tuple(term.name for term in world.terms),
        counts=counts,
        gaps={what: tuple(ids) for what, ids in world.gaps.items.items()},
        gaps_by_term={
            term: {what: tuple(ids) for what, ids in noted.items()}
            for term, noted in world.gaps.by_term.items()
        },
        classes_per_year=len(world.classes_of_year(world.this_year)),
    )


def _build_world(
    rng: random.Random, school: School, students: int, years: int, stage: str
) -> DemoWorld:
    terms = demo_terms(school.today(), years)
    closures = plan_closures(terms)
    world = DemoWorld(
        rng, school.today(), stage, terms, closures=frozenset(day for day, _ in closures)
    )
    names = NameMaker(rng)
    _people(world, names, students)
    add_closures(world, closures)
    add_room_hours(world)
    cases = plan_cases(world, max(6, round(students * years / 120)))
    add_everyday_sessions(world)
    add_appointments(world)
    add_term_activities(world)
    add_external_trainings(world)
    add_lessons(world)
    add_documents(world)
    add_monitor_reports(world)
    without_consent = add_consents(world)
    add_screenings(world, without_consent, set(world.key_periods))
    add_home_visits(world, {c.student.id for c in cases if not c.home_visits})
    add_case_records(world, cases)
    add_everyday_reports(world, round(students * years / 60))
    return world


def _people(world: DemoWorld, names: NameMaker, students: int) -> None:
    for term in world.terms:
        world.rows.add("term", term.name, term.first_day.isoformat(), term.last_day.isoformat())
    add_campuses(world, students)
    plan_classes(world, students)
    add_staff(world, names, students, len(world.classes_of_year(world.this_year)))
    add_classes(world)
    add_students(world, names, students)
    add_monitors(world)  # may move a monitor out of the school, so students are written after
    write_students(world, names)


def _insert_rows(
    school: School, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]
) -> None:
    """Insert rows a batch at a time, each batch one JSON array unpacked by ``json_each``.

    With SQLCipher's memory security on, every allocation is locked and wiped, and binding row
    by row (``executemany``) allocates per value: measured 7.6 s against 3.3 s for this way on the
    3,000-student, three-year demo. JSON keeps the types (integer, real, text, null).
    """
    values = ", ".join(f"value ->> {index}" for index in range(len(columns)))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM json_each(?)"
    if table in _ALREADY_WRITTEN_BY_TRIGGER:
        sql += _ALREADY_WRITTEN_BY_TRIGGER[table]
    for start in range(0, len(rows), INSERT_BATCH):
        batch = json.dumps(rows[start : start + INSERT_BATCH], ensure_ascii=False)
        school.db.execute(sql, (batch,))


# Sealed by convention, as ``crisis.history``, ``screening.answers`` and ``screening.interviews``
# store them: these columns are not fields of a record type of the catalogue.
SEALED_OUTSIDE_THE_CATALOG: dict[str, tuple[str, ...]] = {
    **HISTORY_SEALED_COLUMNS,
    "screening": ("answers", "consent_exception"),
    "screening_interview": ("note",),
}


def _sealed(
    school: School, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    """The rows with their confidential text sealed, as the record service would store it."""
    sealed = [
        columns.index(c)
        for c in (*SEALED_COLUMNS.get(table, ()), *SEALED_OUTSIDE_THE_CATALOG.get(table, ()))
        if c in columns
    ]
    if not sealed:
        return rows
    places = {index: f"{table}.{columns[index]}" for index in sealed}
    return [
        tuple(
            school.seal_text(places[i], value) if i in places and isinstance(value, str) else value
            for i, value in enumerate(row)
        )
        for row in rows
    ]


def _check_request(students: int, years: int, stage: str | None) -> None:
    if not (MIN_STUDENTS <= students <= MAX_STUDENTS and 1 <= years <= MAX_YEARS):
        raise UsageError(BAD_SIZE(low=MIN_STUDENTS, high=MAX_STUDENTS, years=MAX_YEARS))
    if stage is not None and stage not in STAGE_GRADES:
        raise UsageError(BAD_STAGE(stage=stage, stages=joined(STAGE_GRADES)))


def _require_empty(school: School) -> None:
    filled = [
        table
        for table in ("term", "campus", "staff", "class", "student", "counselling_session")
        if school.db.scalar(f"SELECT EXISTS (SELECT 1 FROM {table})")
    ]
    if filled:
        raise UsageError(NOT_EMPTY(tables=joined(filled)))


def _record_rollovers(school: School, world: DemoWorld) -> None:
    """The roll-over of every summer the data spans, as 设置 › 学年 lists it: done by the user on
    the first weekday after the year's last term ended. Long past, none of them can be undone."""
    history = []
    for year in world.school_years()[:-1]:
        ended = max(term.last_day for term in world.terms_of_year(year))
        day = ended + dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        at = dt.datetime.combine(day, dt.time(9, 0), tzinfo=school.now().tzinfo)
        history.append(
            rollover_entry(SchoolYear(year), SchoolYear(year + 1), at=at, by=school.user.name)
        )
    if history:
        write_rollover_history(school.db, history)


def _describe_school(school: School, stage: str) -> None:
    """The 学校信息 row: the name is kept, the rest describes a well-equipped room."""
    school.db.execute(
        "UPDATE school SET stage = ?, room_area_m2 = ?, room_functions = ?, room_equipment = ?,"
        " hotline = ?, mailbox = ?, outside_hotline = ?, booking_channels = ? WHERE id = 1",
        (
            stage,
            24.0,
            json.dumps(ROOM_FUNCTIONS),
            json.dumps(ROOM_EQUIPMENT, ensure_ascii=False),
            "0000-80001234（演示）",
            "xinli@demo-school.example",
            "12355（青少年服务台）",
            json.dumps(BOOKING_CHANNELS),
        ),
    )


__all__ = ["DemoSummary", "generate_demo_school"]
