"""The demo school: deterministic, consistent with the schema, and with its planted gaps in place."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from counselor_app.demo.generator import (
    SEALED_OUTSIDE_THE_CATALOG,
    DemoSummary,
    generate_demo_school,
)
from counselor_app.demo.world import TABLE_COLUMNS
from counselor_app.foundation.errors import UsageError
from counselor_app.records.catalog import SEALED_COLUMNS
from counselor_app.school.core import School
from counselor_app.storage.database import Database
from counselor_app.students.search import search_students
from tests.conftest import NOW, make_school

TODAY = NOW.date()
RISK_SOURCES = """
    SELECT student_id, date, level FROM risk_assessment
    UNION ALL SELECT student_id, created_on, level FROM crisis_plan
    UNION ALL SELECT ss.student_id, cs.date, cs.risk_level
      FROM counselling_session AS cs JOIN session_student AS ss ON ss.session_id = cs.id
      WHERE cs.risk_level IS NOT NULL
"""


def new_school(folder: Path, now: dt.datetime = NOW) -> School:
    return make_school(folder, now=now).school


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[School, DemoSummary]]:
    """One 200-student, one-year 初中 made once for the read-only tests of this module."""
    school = new_school(tmp_path_factory.mktemp("demo") / "school")
    summary = generate_demo_school(school, students=200, years=1, seed=7, stage="junior")
    yield school, summary
    school.close()


@pytest.fixture
def db(demo: tuple[School, DemoSummary]) -> Database:
    return demo[0].db


@pytest.fixture
def gaps(demo: tuple[School, DemoSummary]) -> dict[str, tuple[str, ...]]:
    return demo[1].gaps


def gap(gaps: dict[str, tuple[str, ...]], prefix: str) -> tuple[str, ...]:
    (found,) = [ids for what, ids in gaps.items() if what.startswith(prefix)]
    return found


def table_contents(school: School) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sealed text opened (each seal has a nonce of its own)."""
    db = school.db
    contents = {}
    for (table,) in db.query("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table in ("audit_log", "sqlite_sequence", "schema_migrations", "school_bundle_key"):
            continue  # the audit chain is keyed per school, so its MACs differ by design
        rows = db.query(f"SELECT * FROM {table} ORDER BY 1, 2")
        # The crisis history's and the scale screenings' sealed columns among them.
        sealed = (*SEALED_COLUMNS.get(table, ()), *SEALED_OUTSIDE_THE_CATALOG.get(table, ()))
        contents[table] = [
            tuple(
                school.open_text(f"{table}.{column}", value) if column in sealed else value
                for column, value in zip(row.keys(), row, strict=True)
            )
            for row in rows
        ]
    contents["school"] = [
        tuple(row) for row in db.query("SELECT * FROM school")
    ]  # compared without uid and created_at below
    return contents


# -- determinism ---------------------------------------------------------------------------------


def test_same_seed_and_date_give_identical_databases(tmp_path: Path):
    first, second = new_school(tmp_path / "a"), new_school(tmp_path / "b")
    try:
        one = generate_demo_school(first, students=120, years=2, seed=3)
        two = generate_demo_school(second, students=120, years=2, seed=3)
        assert one == two
        a, b = table_contents(first), table_contents(second)
        assert {year for _, year, _ in a["enrolment"]} == {2024, 2025}
        school_a = a.pop("school")[0]
        school_b = b.pop("school")[0]
        assert school_a[2:-1] == school_b[2:-1]  # all but id, uid and created_at
        assert a == b
    finally:
        first.close()
        second.close()


def test_another_seed_gives_another_school(tmp_path: Path, demo: tuple[School, DemoSummary]):
    other = new_school(tmp_path / "other")
    try:
        generate_demo_school(other, students=200, years=1, seed=8, stage="junior")
        assert table_contents(other)["student"] != table_contents(demo[0])["student"]
    finally:
        other.close()


# -- shape and consistency -----------------------------------------------------------------------


def test_every_record_type_has_rows(db: Database, demo: tuple[School, DemoSummary]):
    for table in TABLE_COLUMNS:
        assert db.scalar(f"SELECT count(*) FROM {table}") > 0, table
    assert demo[1].counts == {t: db.scalar(f"SELECT count(*) FROM {t}") for t in TABLE_COLUMNS}


def test_foreign_keys_and_integrity_are_clean(db: Database):
    assert db.query("PRAGMA foreign_key_check") == []
    assert db.integrity_problems() == []


def test_counts_are_plausible_for_a_200_student_junior_school(db: Database):
    enrolled = db.scalar("SELECT count(*) FROM student WHERE status = 'enrolled'")
    assert 190 <= enrolled <= 200
    assert db.scalar("SELECT count(*) FROM student WHERE status = 'graduated'") > 20
    assert db.scalar("SELECT count(*) FROM student WHERE status = 'transferred'") >= 2
    assert (
        db.scalar("SELECT count(*) FROM student WHERE status != 'enrolled' AND left_on IS NULL")
        == 0
    )
    grades = [g for (g,) in db.query("SELECT DISTINCT grade FROM class ORDER BY grade")]
    assert grades == [7, 8, 9]
    assert db.scalar("SELECT group_concat(DISTINCT grade) FROM class WHERE graduating = 1") == "9"
    assert db.scalar("SELECT count(*) FROM class WHERE head_teacher_id IS NULL") == 0
    per_class = db.query("SELECT count(*) FROM student WHERE status = 'enrolled' GROUP BY class_id")
    assert all(25 <= n <= 45 for (n,) in per_class)
    roles = dict(db.query("SELECT role, count(*) FROM staff_role GROUP BY role"))
    assert roles["fulltime_psych"] == 1 and roles["parttime_psych"] == 1
    assert roles["leader"] >= 2 and roles["head_teacher"] == len(per_class)
    sessions = db.scalar("SELECT count(*) FROM counselling_session")
    assert 60 <= sessions <= 400
    assert db.scalar("SELECT count(DISTINCT kind) FROM counselling_session") == 2


def test_school_information_is_filled_and_name_kept(db: Database):
    row = db.query_one("SELECT * FROM school")
    assert row["name"] == "实验中学"
    assert row["stage"] == "junior"
    assert row["room_area_m2"] >= 18
    assert {"individual", "assessment", "sandplay"} <= set(json.loads(row["room_functions"]))
    assert {"心理测量软件", "沙盘", "团体辅导箱"} <= set(json.loads(row["room_equipment"]))
    assert row["hotline"] and row["mailbox"] and row["outside_hotline"]
    assert set(json.loads(row["booking_channels"])) == {"in_person", "phone", "online"}


def test_last_years_leavers_keep_the_class_they_left_from(db: Database):
    # One year of terms (2025—2026): its classes, and of 2024—2025 only the graduating grade's.
    grades = {
        (year, grade) for year, grade in db.query("SELECT DISTINCT school_year, grade FROM class")
    }
    assert grades == {(2025, 7), (2025, 8), (2025, 9), (2024, 9)}
    leavers = db.query(
        "SELECT s.left_on, e.school_year, c.graduating, c.id = s.class_id FROM student AS s"
        " JOIN enrolment AS e ON e.student_id = s.id JOIN class AS c ON c.id = e.class_id"
        " WHERE s.status = 'graduated'"
    )
    assert len(leavers) > 20
    # The spring term of 2024—2025 ended on Friday 4 July 2025 (the Friday on or after 1 July).
    assert {tuple(row) for row in leavers} == {("2025-07-04", 2024, 1, 1)}
    assert db.scalar(
        "SELECT count(*) FROM enrolment WHERE student_id IN"
        " (SELECT id FROM student WHERE status = 'graduated')"
    ) == len(leavers)


def test_every_planted_gap_belongs_to_the_one_term(demo: tuple[School, DemoSummary]):
    summary = demo[1]
    assert summary.gaps_by_term == {"2025—2026学年第一学期": summary.gaps}


def test_terms_end_with_the_term_that_holds_today(db: Database):
    terms = db.query("SELECT name, first_day, last_day FROM term ORDER BY first_day")
    assert [t["name"] for t in terms] == ["2025—2026学年第一学期"]
    assert terms[-1]["first_day"] <= TODAY.isoformat() <= terms[-1]["last_day"]


def test_three_years_give_five_or_six_terms_in_order(tmp_path: Path):
    spring = dt.datetime(2026, 4, 20, 9, 0, tzinfo=NOW.tzinfo)
    school = new_school(tmp_path / "s", now=spring)
    try:
        summary = generate_demo_school(school, students=80, years=3, seed=1)
        assert summary.terms[0] == "2023—2024学年第一学期"
        assert summary.terms[-1] == "2025—2026学年第二学期"
        assert len(summary.terms) == 6
        spans = school.db.query("SELECT first_day, last_day FROM term ORDER BY first_day")
        for (_, last), (first, _) in itertools.pairwise(spans):
            assert last < first
        assert spans[-1][0] <= "2026-04-20" <= spans[-1][1]
        # Past terms hold the graduating grade's exam-only parent meetings (SC-18 gap).
        codes = set(gap(summary.gaps, "SC-18-parent-meetings"))
        graduating = school.db.query("SELECT class_code FROM class WHERE graduating = 1")
        assert codes == {code for (code,) in graduating}
        without = school.db.query(
            "SELECT DISTINCT c.class_code FROM activity AS a"
            " JOIN activity_class AS ac ON ac.activity_id = a.id JOIN class AS c ON c.id = ac.class_id"
            " WHERE a.type = 'parent_meeting' AND a.psych_content = 0"
        )
        assert {code for (code,) in without} == codes
        assert school.db.query("PRAGMA foreign_key_check") == []
    finally:
        school.close()


def test_nothing_is_recorded_after_today_except_bookings(db: Database):
    today = TODAY.isoformat()
    for table, column in (
        ("counselling_session", "entered_on"),
        ("psych_lesson", "date"),
        ("activity", "date"),
        ("home_visit", "date"),
        ("screening", "date"),
        ("follow_up", "date"),
        ("risk_assessment", "date"),
    ):
        assert db.scalar(f"SELECT max({column}) FROM {table}") <= today, table
    states = {
        s for (s,) in db.query("SELECT DISTINCT state FROM appointment WHERE date > ?", (today,))
    }
    assert states <= {"pending", "confirmed"}
    assert db.scalar("SELECT count(*) FROM counselling_session WHERE entered_on < date") == 0


def test_sessions_fall_on_school_days_inside_a_term(db: Database):
    outside = db.scalar(
        "SELECT count(*) FROM counselling_session AS s WHERE NOT EXISTS"
        " (SELECT 1 FROM term AS t WHERE s.date BETWEEN t.first_day AND t.last_day)"
        " OR strftime('%w', s.date) IN ('0', '6')"
        " OR s.date IN (SELECT date FROM closure_day)"
    )
    assert outside == 0


def test_appointments_use_every_channel_and_state(db: Database):
    channels = {c for (c,) in db.query("SELECT DISTINCT channel FROM appointment")}
    states = {s for (s,) in db.query("SELECT DISTINCT state FROM appointment")}
    assert channels == {"in_person", "phone", "online"}
    assert states == {"pending", "confirmed", "done", "cancelled", "no_show"}


def test_every_activity_type_appears(db: Database):
    kinds = {k for (k,) in db.query("SELECT DISTINCT type FROM activity")}
    assert kinds >= {
        "leadership_meeting",
        "staff_training",
        "monitor_training",
        "parent_class",
        "parent_meeting",
        "class_meeting",
        "life_education",
        "activity_month",
        "orientation",
        "monthly_check",
    }


def test_names_include_rare_characters_and_are_searchable(db: Database):
    assert db.scalar("SELECT count(*) FROM student WHERE search_keys = ''") == 0
    for character in "喆玥堃赟珺昇淏翀旻祎":
        name = db.scalar(
            "SELECT name FROM student WHERE status = 'enrolled' AND instr(name, ?) > 0",
            (character,),
        )
        assert name, character
        assert name in [hit.name for hit in search_students(db, name)]
    phones = [p for (p,) in db.query("SELECT guardian_phone FROM student")]
    assert all(p.startswith("1380000") and len(p) == 11 for p in phones)


def test_confidential_text_is_marked_as_invented_and_sealed(demo: tuple[School, DemoSummary]):
    school = demo[0]
    for table, column in (
        ("counselling_session", "summary"),
        ("crisis_plan", "safety_plan"),
        ("home_visit", "summary"),
        ("follow_up", "content"),
    ):
        stored = [value for (value,) in school.db.query(f"SELECT {column} FROM {table}")]
        assert stored, table
        assert all(value.startswith("sealed:v1:") for value in stored), table
        opened = [school.open_text(f"{table}.{column}", value) for value in stored]
        assert all(text.startswith("【演示】") for text in opened), table


def test_one_audit_entry_with_counts_and_no_names(demo: tuple[School, DemoSummary]):
    school, summary = demo
    entries = school.audit.entries()
    demo_entries = [e for e in entries if e.action == "demo_data"]
    assert len(demo_entries) == 1
    detail = demo_entries[0].detail
    assert detail["rows"] == summary.counts
    assert detail["seed"] == 7
    names = {n for (n,) in school.db.query("SELECT name FROM student")}
    assert not any(name in json.dumps(detail, ensure_ascii=False) for name in names)
    assert school.audit.verify().intact


def test_summary_reads_in_chinese(demo: tuple[School, DemoSummary]):
    text = str(demo[1])
    assert "初中" in text and "学生" in text and "2025—2026学年第一学期" in text


def test_refuses_a_school_that_already_has_records(demo: tuple[School, DemoSummary]):
    with pytest.raises(UsageError):
        generate_demo_school(demo[0], students=100)


@pytest.mark.parametrize(
    "kwargs", [{"students": 10}, {"years": 0}, {"years": 11}, {"stage": "university"}]
)
def test_refuses_impossible_requests(school: School, kwargs: dict[str, object]):
    with pytest.raises(UsageError):
        generate_demo_school(school, **kwargs)  # type: ignore[arg-type]
    assert school.db.scalar("SELECT count(*) FROM student") == 0


def test_nine_year_school_has_grades_one_to_nine_and_monitors_from_grade_four(tmp_path: Path):
    school = new_school(tmp_path / "s")
    try:
        generate_demo_school(school, students=180, years=1, seed=2, stage="nine_year")
        db = school.db
        grades = [g for (g,) in db.query("SELECT DISTINCT grade FROM class ORDER BY grade")]
        assert grades == list(range(1, 10))
        low_monitors = db.scalar(
            "SELECT count(*) FROM monitor JOIN student ON student.id = monitor.student_id"
            " JOIN class ON class.id = student.class_id WHERE class.grade < 4"
        )
        assert low_monitors == 0
        assert db.query("PRAGMA foreign_key_check") == []
    finally:
        school.close()


# -- risk levels: only the key students reach level 2 ---------------------------------------------


def test_students_at_level_two_or_more_are_exactly_the_planned_key_students(db: Database, gaps):
    high = {s for (s,) in db.query(f"SELECT student_id FROM ({RISK_SOURCES}) WHERE level >= 2")}
    with_plan = {s for (s,) in db.query("SELECT student_id FROM crisis_plan")}
    (no_plan,) = gap(gaps, "SC-13-key-plans")
    no_plan_id = db.scalar("SELECT id FROM student WHERE student_no = ?", (no_plan,))
    assert high == with_plan | {no_plan_id}
    assert no_plan_id not in with_plan


def test_level_three_plans_have_guardian_informed_and_referral(db: Database):
    plans = db.query("SELECT * FROM crisis_plan WHERE level = 3")
    assert plans
    for plan in plans:
        assert plan["guardian_informed_on"] and plan["referral_to"] and plan["referral_on"]
        followed = db.scalar(
            "SELECT count(*) FROM follow_up WHERE student_id = ? AND date >= ?",
            (plan["student_id"], plan["referral_on"]),
        )
        assert followed >= 1


# -- the planted gaps ----------------------------------------------------------------------------


def open_hours_in_week(db: Database, monday: dt.date) -> float:
    total = 0.0
    for offset in range(5):
        day = monday + dt.timedelta(days=offset)
        if db.scalar("SELECT 1 FROM closure_day WHERE date = ?", (day.isoformat(),)):
            continue
        for start, end in db.query(
            "SELECT start_time, end_time FROM room_hours WHERE weekday = ? AND valid_from <= ?"
            " AND (valid_to IS NULL OR valid_to >= ?)",
            (offset + 1, day.isoformat(), day.isoformat()),
        ):
            minutes = (int(end[:2]) * 60 + int(end[3:])) - (int(start[:2]) * 60 + int(start[3:]))
            total += minutes / 60
    return total


def test_one_week_of_the_term_is_short_of_room_hours(db: Database, gaps):
    (short,) = gap(gaps, "SC-11-room-hours")
    monday = dt.date.fromisoformat(short)
    assert open_hours_in_week(db, monday) == 3
    assert open_hours_in_week(db, monday - dt.timedelta(days=7)) == 10
    assert open_hours_in_week(db, monday + dt.timedelta(days=7)) == 10
    unstaffed = db.query("SELECT valid_from FROM room_hours WHERE duty_staff_id IS NULL")
    assert [row[0] for row in unstaffed] == [short]


def test_one_class_has_too_few_psych_lessons(db: Database, gaps):
    (few,) = gap(gaps, "SC-09-lessons")
    periods = dict(
        db.query(
            "SELECT c.class_code, sum(l.periods) FROM class AS c"
            " JOIN psych_lesson AS l ON l.class_id = c.id GROUP BY c.id"
        )
    )
    weeks_so_far = (TODAY - dt.date(2025, 9, 1)).days // 7 + 1
    assert periods[few] < math.ceil(weeks_so_far / 2)
    assert all(n >= math.ceil(weeks_so_far / 2) for code, n in periods.items() if code != few)


def active_monitors(db: Database, class_code: str) -> list[str]:
    rows = db.query(
        "SELECT s.sex FROM monitor AS m JOIN student AS s ON s.id = m.student_id"
        " JOIN class AS c ON c.id = s.class_id WHERE c.class_code = ? AND m.from_date <= ?"
        " AND (m.to_date IS NULL OR m.to_date >= ?) ORDER BY s.sex",
        (class_code, TODAY.isoformat(), TODAY.isoformat()),
    )
    return [row[0] for row in rows]


def test_monitor_gaps_both_boys_and_one_left(db: Database, gaps):
    (boys,) = gap(gaps, "SC-12-monitors: both")
    (single,) = gap(gaps, "SC-12-monitors: one")
    assert active_monitors(db, boys) == ["M", "M"]
    assert active_monitors(db, single) == ["M"]
    others = {c for (c,) in db.query("SELECT class_code FROM class")} - {boys, single}
    for code in others:
        assert active_monitors(db, code) == ["F", "M"], code
    left = db.query_one(
        "SELECT s.status, s.left_on, m.to_date FROM monitor AS m JOIN student AS s"
        " ON s.id = m.student_id JOIN class AS c ON c.id = s.class_id"
        " WHERE c.class_code = ? AND s.sex = 'F' AND m.to_date IS NOT NULL",
        (single,),
    )
    assert left["status"] == "transferred" and left["left_on"] == left["to_date"]


def test_key_student_without_home_visit(db: Database, gaps):
    (student_no,) = gap(gaps, "SC-14-home-visits")
    student_id = db.scalar("SELECT id FROM student WHERE student_no = ?", (student_no,))
    assert (
        db.scalar("SELECT max(level) FROM risk_assessment WHERE student_id = ?", (student_id,)) >= 2
    )
    assert db.scalar("SELECT count(*) FROM home_visit WHERE student_id = ?", (student_id,)) == 0
    others = db.query(
        "SELECT student_id FROM crisis_plan WHERE student_id != ? AND student_id NOT IN"
        " (SELECT student_id FROM home_visit WHERE date >= '2025-09-01')",
        (student_id,),
    )
    assert others == []


def test_crisis_plan_with_incomplete_care_group(db: Database, gaps):
    (student_no,) = gap(gaps, "SC-13-care-groups")
    incomplete = db.scalar(
        "SELECT p.id FROM crisis_plan AS p JOIN student AS s ON s.id = p.student_id"
        " WHERE s.student_no = ?",
        (student_no,),
    )
    assert db.scalar("SELECT count(*) FROM crisis_plan_peer WHERE plan_id = ?", (incomplete,)) == 0
    pure_subject_teachers = (
        "SELECT staff_id FROM staff_role GROUP BY staff_id"
        " HAVING group_concat(role) = 'subject_teacher'"
    )
    for (plan_id,) in db.query("SELECT id FROM crisis_plan"):
        peers = db.scalar("SELECT count(*) FROM crisis_plan_peer WHERE plan_id = ?", (plan_id,))
        subject = db.scalar(
            f"SELECT count(*) FROM crisis_plan_teacher WHERE plan_id = ?"
            f" AND staff_id IN ({pure_subject_teachers})",
            (plan_id,),
        )
        parents = json.loads(
            db.scalar("SELECT care_parents FROM crisis_plan WHERE id = ?", (plan_id,))
        )
        complete = peers > 0 and subject > 0 and len(parents) > 0
        assert complete == (plan_id != incomplete)


def test_some_students_missed_this_years_screening(db: Database, gaps):
    missed = set(gap(gaps, "SC-13-screening"))
    not_screened = {
        no
        for (no,) in db.query(
            "SELECT student_no FROM student WHERE status = 'enrolled' AND id NOT IN"
            " (SELECT student_id FROM screening WHERE date >= '2025-09-01')"
        )
    }
    assert len(missed) == 2 and missed <= not_screened


def test_screened_without_consent_is_on_record(db: Database, gaps):
    for student_no in gap(gaps, "consent"):
        student_id = db.scalar("SELECT id FROM student WHERE student_no = ?", (student_no,))
        assert db.scalar("SELECT count(*) FROM screening WHERE student_id = ?", (student_id,))
        assert not db.scalar(
            "SELECT count(*) FROM consent WHERE student_id = ? AND scope LIKE '%screening%'",
            (student_id,),
        )


def test_the_round_is_scored_phq9_with_one_flagged_student_never_interviewed(
    demo: tuple[School, DemoSummary], gaps
):
    from counselor_app.screening.answers import read_answers
    from counselor_app.screening.scales import load_scales
    from counselor_app.screening.worklist import worklist

    phq9 = load_scales().find("phq9")
    school = demo[0]
    db = school.db
    rows = db.query("SELECT id, score, band, flagged, critical_items FROM screening")
    scored = [r for r in rows if r["band"] is not None]
    assert len(scored) > 100
    for row in scored:  # what is stored is what the scale file gives for the sealed answers
        result = phq9.score(read_answers(school, row["id"]))
        assert (row["score"], row["band"], row["flagged"]) == (
            result.total,
            result.band.id,
            int(result.flagged),
        )
        assert json.loads(row["critical_items"]) == list(result.critical_items)
    assert any(json.loads(r["critical_items"]) for r in scored)
    entries = worklist(db, TODAY, 5)
    assert [e.student_no for e in entries if e.overdue] == list(gap(gaps, "worklist"))
    assert db.scalar("SELECT count(*) FROM screening_interview") > 0
    # The make-up screenings of the last days: one still to interview, one to retest.
    assert {e.status for e in entries if not e.overdue} == {"pending", "retest"}


def test_emergency_plan_was_never_filed(db: Database):
    kinds = {k for (k,) in db.query("SELECT DISTINCT kind FROM school_document")}
    assert "emergency_plan" not in kinds
    assert {"task_force", "work_plan"} <= kinds


def test_graduating_grade_parent_meeting_not_yet_held_is_not_claimed(db: Database, gaps):
    # On 16 October the mid-term parent meetings (week 10) have not happened yet.
    assert not any(what.startswith("SC-18") for what in gaps)
    assert not db.scalar("SELECT count(*) FROM activity WHERE psych_content = 0")
