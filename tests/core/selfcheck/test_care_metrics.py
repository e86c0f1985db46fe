"""Care metrics (screening, key students, care groups, home visits, referrals, counselling records)
and the warning network (monitors): for each, a pass, a failure naming what falls short, and the
boundaries the requirements call out."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.metrics import all_metrics
from counselor_app.selfcheck.metrics.judging import meets_share
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Measurement
from tests.core.selfcheck.conftest import TERM_FIRST, TERM_LAST

SPRING = "2025—2026学年第二学期"


def insert(school: School, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Bulk rows straight into a table (for volumes the record service would make slow)."""
    rows = list(rows)
    columns = list(rows[0])
    with school.db.transaction():  # one commit, not one per row
        school.db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(row[c] for c in columns) for row in rows],
        )


def keys(measurement: Measurement) -> list[str]:
    return [e.key for e in measurement.evidence]


@pytest.fixture
def staff(make: Callable[..., int]) -> dict[str, int]:
    return {
        "psych": make("staff", staff_no="T01", name="王老师", roles=["fulltime_psych"]),
        "head": make("staff", staff_no="T02", name="李老师", roles=["head_teacher"]),
        "subject": make("staff", staff_no="T03", name="张老师", roles=["subject_teacher"]),
        "other_head": make("staff", staff_no="T05", name="赵老师", roles=["head_teacher"]),
    }


@pytest.fixture
def class7(make: Callable[..., int], staff: dict[str, int]) -> int:
    return make(
        "class", class_code="C0701", grade=7, name="七年级1班", head_teacher_id=staff["head"]
    )


@pytest.fixture
def student(make: Callable[..., int], class7: int) -> Callable[..., int]:
    def create(number: str, sex: str = "M", **values: Any) -> int:
        values.setdefault("class_id", class7)
        return make("student", student_no=number, name=f"学生{number}", sex=sex, **values)

    return create


@pytest.fixture
def key_student(make: Callable[..., int], student: Callable[..., int]) -> Callable[..., int]:
    """A student whose level is 2 from 2025-09-10: a key student of the term."""

    def create(number: str, **values: Any) -> int:
        ident = student(number, **values)
        make("risk_assessment", date="2025-09-10", student_id=ident, level=2)
        return ident

    return create


@pytest.fixture
def spring(
    school: School, make: Callable[..., int]
) -> Callable[[str, Mapping[str, Any]], Measurement]:
    """Measure a metric in the spring term, the last of the school year."""
    make("term", name=SPRING, first_day="2026-02-09", last_day="2026-07-10")

    def run(metric_name: str, params: Mapping[str, Any]) -> Measurement:
        term = find_term(school.db, SPRING)
        assert term is not None
        return all_metrics()[metric_name](TermContext(school.db, term, school.today()), params)

    return run


# -- screening_coverage --------------------------------------------------------------------------
YEAR = {"period": "school_year", "minimum_share": 1.0}


def test_screening_in_the_school_year_passes(make, student, measure):
    a, b = student("S1"), student("S2")
    make("screening", date="2025-09-20", student_id=a, instrument="MHT", result_level=0)
    make("screening", date="2026-02-05", student_id=b, instrument="MHT", result_level=1)

    result = measure("screening_coverage", YEAR)

    assert (result.status, result.value, result.threshold) == (PASS, 1.0, 1.0)
    assert result.evidence == []


def test_an_unscreened_student_fails_by_number(make, student, measure):
    a, b, _ = student("S1"), student("S2"), student("S3")
    make("screening", date="2025-09-20", student_id=a, instrument="MHT", result_level=0)
    make(
        "screening", date="2025-06-01", student_id=b, instrument="MHT", result_level=0
    )  # last year

    result = measure("screening_coverage", YEAR)

    assert (result.status, result.value) == (FAIL, 0.3333)
    assert keys(result) == ["S2", "S3"]
    assert result.evidence[0].kind == "student"
    assert "C0701" in result.evidence[0].label
    assert "学生S2" not in json.dumps([e.to_json() for e in result.evidence], ensure_ascii=False)


def test_a_term_screening_must_fall_in_the_term(make, student, measure):
    a = student("S1")
    make("screening", date="2026-02-05", student_id=a, instrument="MHT", result_level=0)

    assert measure("screening_coverage", YEAR).status == PASS
    result = measure("screening_coverage", {"period": "term", "minimum_share": 1.0})
    assert (result.status, keys(result)) == (FAIL, ["S1"])


def test_screening_counts_students_who_left_after_the_term_only(student, make, measure):
    student("S1", status="transferred", left_on="2026-01-10")
    student("S2", status="transferred", left_on="2026-02-01")

    result = measure("screening_coverage", YEAR)

    assert keys(result) == ["S2"]


def test_screening_from_a_grade(make, student, measure):
    grade3 = make("class", class_code="C0301", grade=3, name="三年级1班")
    student("S1", class_id=grade3)
    params = {**YEAR, "min_grade": 4}

    assert measure("screening_coverage", params).status == NO_DATA
    student("S2")
    result = measure("screening_coverage", params)
    assert (result.status, keys(result)) == (FAIL, ["S2"])


def test_many_unscreened_students_are_named_per_class(school, make, class7, measure):
    other = make("class", class_code="C0702", grade=7, name="七年级2班")
    insert(
        school,
        "student",
        (
            {
                "student_no": f"S{i:03}",
                "name": f"学生{i}",
                "sex": "F",
                "class_id": class7 if i < 15 else other,
            }
            for i in range(25)
        ),
    )

    result = measure("screening_coverage", YEAR)

    assert result.status == FAIL
    assert [(e.kind, e.key) for e in result.evidence] == [("class", "C0701"), ("class", "C0702")]
    assert "15 名" in result.evidence[0].label
    named = "、".join(e.detail for e in result.evidence)
    assert all(f"S{i:03}" in named for i in range(25))


def test_screening_without_students_has_no_data(measure):
    result = measure("screening_coverage", YEAR)

    assert result.status == NO_DATA


def test_an_unknown_period_is_refused(student, measure):
    student("S1")

    with pytest.raises(InvalidInput, match="period"):
        measure("screening_coverage", {"period": "month"})


# -- key_students_with_plan ----------------------------------------------------------------------
def test_no_key_students_is_no_data_not_a_pass(student, make, measure):
    s = student("S1")
    make("risk_assessment", date="2025-10-01", student_id=s, level=1)

    for name in ("key_students_with_plan", "care_groups_complete", "key_students_home_visit"):
        result = measure(name, {"minimum_share": 1.0})
        assert (result.status, result.note) == (NO_DATA, "本学期没有重点关爱学生")


def test_key_students_with_an_open_or_term_closed_plan_pass(key_student, make, measure):
    open_plan, closed_in_term = key_student("S1"), key_student("S2")
    make("crisis_plan", student_id=open_plan, created_on="2025-06-01", level=2)
    make(
        "crisis_plan",
        student_id=closed_in_term,
        created_on="2025-09-12",
        level=2,
        closed_on="2025-12-20",
    )

    result = measure("key_students_with_plan", {"minimum_share": 1.0})

    assert (result.status, result.value) == (PASS, 1.0)


def test_key_students_without_a_plan_in_force_fail(key_student, make, measure):
    closed_before, made_after = key_student("S1"), key_student("S2")
    make(
        "crisis_plan",
        student_id=closed_before,
        created_on="2025-03-01",
        level=2,
        closed_on="2025-08-15",
    )
    make("crisis_plan", student_id=made_after, created_on="2026-02-01", level=2)
    key_student("S3"), key_student("S4")  # no plan at all
    make("crisis_plan", student_id=key_student("S5"), created_on="2025-09-10", level=2)

    result = measure("key_students_with_plan", {"minimum_share": 1.0})

    assert (result.status, result.value) == (FAIL, 0.2)
    assert keys(result)[:4] == ["S1", "S2", "S3", "S4"]
    assert result.evidence[0].detail == "没有一生一策"
    # S5's plan, in force, also lists what it owes as of the term's last day (2026-01-23): its
    # assessment is the risk level of 2025-09-10; the guardian was due that day (135 days), the
    # first review four weeks later, on 2025-10-08 (107 days). The verdict does not count them.
    (owed,) = result.evidence[4:]
    assert (owed.kind, owed.key, owed.label) == ("plan", "S5", "学号 S5 的一生一策")
    assert owed.detail == (
        "逾期未完成：告知家长逾期 135 天（应于 2025-09-10 完成），"
        "复查逾期 107 天（应于 2025-10-08 完成）"
    )


# -- care_groups_complete ------------------------------------------------------------------------
MEMBERS = {"members": ["psych_teacher", "head_teacher", "subject_teacher", "peer", "parent"]}


def test_a_complete_care_group_passes(key_student, student, make, staff, measure):
    s, peer = key_student("S1"), student("S9")
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-09-12",
        level=2,
        care_teachers=[staff["psych"], staff["head"], staff["subject"]],
        care_peers=[peer],
        care_parents=["母亲"],
    )

    result = measure("care_groups_complete", MEMBERS)

    assert (result.status, result.value, result.evidence) == (PASS, 1.0, [])


def test_an_incomplete_care_group_names_who_is_missing(key_student, make, staff, measure):
    s = key_student("S1")
    # Another class's head teacher is no stand-in for the student's own.
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-09-12",
        level=2,
        care_teachers=[staff["psych"], staff["other_head"]],
    )

    result = measure("care_groups_complete", MEMBERS)

    assert result.status == FAIL
    [evidence] = result.evidence
    assert (evidence.kind, evidence.key) == ("plan", "S1")
    assert evidence.detail == "缺少班主任（工号 T02）、班主任以外的任课教师、同班同学、家长"


def test_without_a_recorded_head_teacher_any_head_teacher_counts(make, staff, measure):
    no_head = make("class", class_code="C0801", grade=8, name="八年级1班")
    s = make("student", student_no="S1", name="甲", sex="F", class_id=no_head)
    peer = make("student", student_no="S2", name="乙", sex="F", class_id=no_head)
    make("risk_assessment", date="2025-09-10", student_id=s, level=3)
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-09-10",
        level=3,
        care_teachers=[staff["psych"], staff["other_head"], staff["subject"]],
        care_peers=[peer],
        care_parents=["父亲"],
    )

    assert measure("care_groups_complete", MEMBERS).status == PASS


def test_the_latest_plan_is_judged_and_a_profile_may_drop_members(
    key_student, student, make, staff, measure
):
    s, peer = key_student("S1"), student("S9")
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-09-10",
        level=2,
        closed_on="2025-10-01",
        care_teachers=[staff["psych"], staff["head"], staff["subject"]],
        care_peers=[peer],
        care_parents=["母亲"],
    )
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-11-01",
        level=2,
        care_teachers=[staff["psych"], staff["head"], staff["subject"]],
        care_peers=[peer],
    )

    assert measure("care_groups_complete", MEMBERS).evidence[0].detail == "缺少家长"
    dropped = {"members": ["psych_teacher", "head_teacher", "subject_teacher", "peer"]}
    assert measure("care_groups_complete", dropped).status == PASS
    with pytest.raises(InvalidInput, match="friend"):
        measure("care_groups_complete", {"members": ["friend"]})


def test_care_groups_without_any_plan_have_no_data(key_student, measure):
    key_student("S1")

    result = measure("care_groups_complete", MEMBERS)

    assert result.status == NO_DATA


# -- key_students_home_visit ---------------------------------------------------------------------
def test_home_visits_to_key_students(key_student, student, make, staff, measure):
    visited, visited_last_year = key_student("S1"), key_student("S2")
    student("S3")  # not a key student: no visit needed
    make("home_visit", date="2025-10-10", student_id=visited, teacher_id=staff["head"])
    make("home_visit", date="2025-06-10", student_id=visited_last_year, teacher_id=staff["head"])
    params = {"period": "school_year", "minimum": 1}

    result = measure("key_students_home_visit", params)
    assert (result.status, result.value, keys(result)) == (FAIL, 0.5, ["S2"])
    assert result.evidence[0].detail == "本学年没有家访记录"

    make("home_visit", date="2026-02-06", student_id=visited_last_year, teacher_id=staff["head"])
    assert measure("key_students_home_visit", params).status == PASS
    assert measure("key_students_home_visit", {**params, "minimum": 2}).status == FAIL


# -- home_visit_coverage (more in test_home_visits_by_head_teacher.py) ----------------------------
def test_home_visit_coverage_measures_the_school_year_so_far(student, make, staff, measure):
    a, _ = student("S1"), student("S2")
    make("home_visit", date="2025-10-10", student_id=a, teacher_id=staff["head"], mode="in_home")

    result = measure("home_visit_coverage", {"minimum_share": 1.0})

    # The metric says what is so (1 of 2 visited); whether that fails is the engine's to say.
    assert (result.status, result.value, keys(result)) == (FAIL, 0.5, ["S2"])
    assert result.note == "在读学生 2 名，本学年由班主任入户家访 1 名"


def test_home_visit_coverage_is_judged_in_the_last_term(student, make, staff, spring):
    a, b = student("S1"), student("S2")
    make("home_visit", date="2025-10-10", student_id=a, teacher_id=staff["head"], mode="in_home")

    result = spring("home_visit_coverage", {"minimum_share": 1.0})
    assert (result.status, result.value, keys(result)) == (FAIL, 0.5, ["S2"])

    visit = {"date": "2026-02-10", "teacher_id": staff["head"], "mode": "in_home"}
    make("home_visit", student_id=student("S3"), **visit)
    make("home_visit", student_id=b, **visit)
    assert spring("home_visit_coverage", {"minimum_share": 1.0}).status == PASS


def test_home_visit_coverage_without_students_has_no_data(measure):
    assert measure("home_visit_coverage", {"minimum_share": 1.0}).status == NO_DATA


# -- referral_follow_up --------------------------------------------------------------------------
def test_referrals_followed_up_pass(student, make, staff, measure):
    s = student("S1")
    make(
        "crisis_plan",
        student_id=s,
        created_on="2025-09-20",
        level=3,
        referral_to="市精神卫生中心",
        referral_on="2025-10-10",
    )
    make(
        "referral", student_id=s, to_whom="市精神卫生中心", date="2025-10-10", state="in_treatment"
    )
    make("follow_up", date="2025-10-10", student_id=s, teacher_id=staff["psych"])

    result = measure("referral_follow_up", {"minimum_share": 1.0})

    assert (result.status, result.value) == (PASS, 1.0)
    assert "转介 1 例" in result.note  # the plan and the referral row are one referral


def test_referrals_without_a_later_follow_up_fail(student, make, staff, measure):
    by_plan, by_row, closed_long_ago, no_referral = (student(f"S{i}") for i in range(1, 5))
    make(
        "crisis_plan",
        student_id=by_plan,
        created_on="2025-09-20",
        level=3,
        referral_to="医院",
        referral_on="2025-10-10",
    )
    make("follow_up", date="2025-10-01", student_id=by_plan, teacher_id=staff["psych"])  # before
    make("referral", student_id=by_row, to_whom="医院", date="2025-05-01", state="in_treatment")
    make("referral", student_id=closed_long_ago, to_whom="医院", date="2025-05-01", state="closed")
    make("crisis_plan", student_id=no_referral, created_on="2025-09-20", level=2)

    result = measure("referral_follow_up", {"minimum_share": 1.0})

    assert (result.status, result.value) == (FAIL, 0.0)
    assert [(e.kind, e.key) for e in result.evidence] == [("student", "S2"), ("plan", "S1")]
    assert result.evidence[1].label == "学号 S1（2025-10-10 转介）"


def test_referral_follow_up_without_referrals_has_no_data(student, make, measure):
    s = student("S1")
    left = student("S2", status="transferred", left_on="2025-11-01")
    make("referral", student_id=s, to_whom="医院", date="2025-10-01", state="suggested")
    make("referral", student_id=left, to_whom="医院", date="2025-10-01", state="referred")

    result = measure("referral_follow_up", {"minimum_share": 1.0})

    assert (result.status, result.note) == (NO_DATA, "本学期没有转介记录")


# -- crisis_referral_with_guardian ---------------------------------------------------------------
def test_crisis_plans_with_guardian_and_referral(student, make, measure):
    ok, lacking, closed_before = student("S1"), student("S2"), student("S3")
    make(
        "crisis_plan",
        student_id=ok,
        created_on="2025-09-20",
        level=3,
        referral_to="医院",
        guardian_informed_on="2025-09-20",
    )
    make(
        "crisis_plan",
        student_id=closed_before,
        created_on="2025-03-01",
        level=3,
        closed_on="2025-07-01",
    )
    params = {"level": 3, "minimum_share": 1.0}
    assert measure("crisis_referral_with_guardian", params).status == PASS

    make("crisis_plan", student_id=lacking, created_on="2025-11-20", level=3)
    result = measure("crisis_referral_with_guardian", params)
    assert (result.status, result.value, keys(result)) == (FAIL, 0.5, ["S2", "S1", "S2"])
    assert result.evidence[0].detail == "未登记家长知情日期，未登记转介机构"
    # Then what each plan owes as of 2026-01-23, listed but not judged. S1, reported Saturday
    # 2025-09-20: assessed by Monday 09-22 (123 days), referred by 09-22 (a referral with no date
    # is not a step done), reviewed four weeks after the plan, 10-18 (97 days). S2, reported
    # Thursday 11-20: the guardian that day (64), the referral by 11-22 (62), the assessment by
    # Friday 11-21 (63), the review on 12-18 (36).
    assert [e.detail for e in result.evidence[1:]] == [
        "逾期未完成：评估逾期 123 天（应于 2025-09-22 完成），转介逾期 123 天（应于 2025-09-22 完成），"
        "复查逾期 97 天（应于 2025-10-18 完成）",
        "逾期未完成：告知家长逾期 64 天（应于 2025-11-20 完成），评估逾期 63 天（应于 2025-11-21 完成），"
        "转介逾期 62 天（应于 2025-11-22 完成），复查逾期 36 天（应于 2025-12-18 完成）",
    ]


def test_crisis_referral_without_level_three_plans_has_no_data(student, make, measure):
    make("crisis_plan", student_id=student("S1"), created_on="2025-09-20", level=2)

    assert measure("crisis_referral_with_guardian", {"level": 3}).status == NO_DATA


# -- monitors_per_class --------------------------------------------------------------------------
MONITORS = {"min_grade": 4, "minimum": 2, "both_sexes": True}


def test_a_boy_and_a_girl_in_every_class_pass(make, student, measure):
    grade3 = make("class", class_code="C0301", grade=3, name="三年级1班")
    student("S9", class_id=grade3)  # below grade 4: needs no monitors
    make("monitor", student_id=student("S1", "M"), from_date="2025-09-01")
    make("monitor", student_id=student("S2", "F"), from_date="2024-09-01", to_date="2025-09-30")

    result = measure("monitors_per_class", MONITORS)

    assert (result.status, result.value, result.threshold) == (PASS, 1.0, 1.0)


def test_two_boys_and_no_girl_fail(make, student, measure):
    make("monitor", student_id=student("S1", "M"), from_date="2025-09-01")
    make("monitor", student_id=student("S2", "M"), from_date="2025-09-01")

    result = measure("monitors_per_class", MONITORS)

    assert result.status == FAIL
    assert [(e.kind, e.key, e.detail) for e in result.evidence] == [
        ("class", "C0701", "2 名均为男生，缺少女生")
    ]


def test_monitors_who_left_or_were_not_in_office_do_not_count(make, student, measure):
    make("monitor", student_id=student("S1", "M"), from_date="2025-09-01")
    left = student("S2", "F", status="transferred", left_on="2026-01-22")
    make("monitor", student_id=left, from_date="2025-09-01")
    make("monitor", student_id=student("S3", "F"), from_date="2024-09-01", to_date="2025-08-31")
    make("monitor", student_id=student("S4", "F"), from_date="2026-01-24")

    result = measure("monitors_per_class", MONITORS)

    assert result.evidence[0].detail == "仅 1 名男生，至少需要 2 名，缺少女生"


def test_a_class_without_monitors(make, student, measure):
    student("S1")
    other = make("class", class_code="C0702", grade=7, name="七年级2班")
    student("S2", class_id=other)
    make("monitor", student_id=student("S3", "M", class_id=other), from_date="2025-09-01")
    make("monitor", student_id=student("S4", "F", class_id=other), from_date="2025-09-01")

    result = measure("monitors_per_class", MONITORS)

    assert (result.status, result.value) == (FAIL, 0.5)
    assert [(e.key, e.detail) for e in result.evidence] == [("C0701", "没有在任的心理委员")]


def test_monitors_without_classes_of_the_grade_have_no_data(make, student, measure):
    student("S1", class_id=make("class", class_code="C0301", grade=3, name="三年级1班"))

    assert measure("monitors_per_class", MONITORS).status == NO_DATA


# -- warning_network -----------------------------------------------------------------------------
def test_a_complete_warning_network_passes(make, student, staff, measure):
    make("staff", staff_no="L01", name="校长", roles=["leader"])
    make("monitor", student_id=student("S1"), from_date="2025-09-01")
    grade3 = make(
        "class", class_code="C0301", grade=3, name="三年级1班", head_teacher_id=staff["other_head"]
    )
    student("S2", class_id=grade3)  # below grade 4: needs no monitor

    result = measure("warning_network", {"monitor_min_grade": 4})

    assert (result.status, result.value, result.threshold, result.evidence) == (PASS, 0, 0, [])
    assert result.note.startswith("校领导 1 名，心理教师 1 名")


def test_a_warning_network_names_each_missing_piece(make, student, measure):
    student("S1")
    make("monitor", student_id=student("S2"), from_date="2025-09-01")
    bare = make("class", class_code="C0801", grade=8, name="八年级1班")
    student("S3", class_id=bare)

    result = measure("warning_network", {"monitor_min_grade": 4})

    assert result.status == FAIL
    assert [(e.kind, e.key, e.detail) for e in result.evidence] == [
        ("school", "校领导", "没有登记岗位为校领导的教职工"),
        ("class", "C0801", "未登记班主任，没有在任的心理委员"),
    ]
    assert result.value == 3  # the leader, C0801's head teacher and its monitor


def test_a_warning_network_without_classes_has_no_data(measure):
    assert measure("warning_network", {"monitor_min_grade": 4}).status == NO_DATA


# -- records_entered_promptly --------------------------------------------------------------------
def sessions(school: School, counsellor: int, delays: list[int | None], **values: Any) -> None:
    """One session per delay (days between the session and its entry; None: entry date unknown),
    on consecutive days from September."""
    import datetime as dt

    day = dt.date(2025, 9, 1)
    rows = []
    for i, delay in enumerate(delays):
        date = day + dt.timedelta(days=i)
        rows.append(
            {
                "date": date.isoformat(),
                "start_time": "14:00",
                "minutes": 40,
                "kind": values.get("kind", "individual"),
                "counsellor_id": counsellor,
                "entered_on": None
                if delay is None
                else (date + dt.timedelta(days=delay)).isoformat(),
                "follow_up": values.get("follow_up", [None] * len(delays))[i],
            }
        )
    insert(school, "counselling_session", rows)


PROMPT = {"days": 7, "minimum_share": 0.95}


def test_exactly_95_percent_prompt_records_pass(school, staff, measure):
    sessions(school, staff["psych"], [0] * 18 + [7, 8])  # 7 days after is still prompt

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value, result.threshold) == (PASS, 0.95, 0.95)
    [late] = result.evidence
    assert (late.kind, late.key) == ("session", "2025-09-20 14:00")
    assert late.detail == "辅导教师工号 T01，2025-09-28 录入，晚于辅导 8 天"


def test_just_under_95_percent_fails(school, staff, measure):
    sessions(school, staff["psych"], [0] * 17 + [8, 1])  # 18 of 19 = 94.7 %
    sessions(school, staff["psych"], [30])

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value) == (FAIL, 0.9)


def test_late_records_list_the_latest_ten(school, staff, measure):
    sessions(school, staff["psych"], [9] * 12)

    result = measure("records_entered_promptly", PROMPT)

    assert len(result.evidence) == 10
    assert result.evidence[0].key == "2025-09-12 14:00"
    assert "逾期 12 条" in result.note


def test_a_share_just_below_the_threshold_does_not_round_up():
    assert meets_share(19, 20, 0.95)
    assert not meets_share(18_999, 20_000, 0.95)  # 94.995 % rounds to 0.95 but falls short


def test_records_without_sessions_have_no_data(measure):
    assert measure("records_entered_promptly", PROMPT).status == NO_DATA


def test_sessions_without_entry_date_are_neither_prompt_nor_late(school, staff, measure):
    # 19 of 20 known dates prompt (the 7-day boundary included) = 95 %: a pass. Counted as late,
    # the 30 unknown would make it 19 of 50; counted as prompt, 49 of 50.
    sessions(school, staff["psych"], [0] * 18 + [7, 8] + [None] * 30)

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value, result.threshold) == (PASS, 0.95, 0.95)
    assert keys(result) == ["2025-09-20 14:00"]  # only the late one; no unknown is evidence
    assert (
        result.note == "辅导记录 20 条，7 日内录入 19 条，逾期 1 条；另有 30 条没有录入日期，未计入"
    )


def test_unknown_entry_dates_do_not_lift_a_failing_share(school, staff, measure):
    sessions(school, staff["psych"], [None] * 5 + [0] * 17 + [8, 9] + [None] * 5)  # 17 of 19

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value) == (FAIL, 0.8947)
    assert keys(result) == ["2025-09-24 14:00", "2025-09-23 14:00"]
    assert "另有 10 条没有录入日期，未计入" in result.note


def test_one_known_entry_date_is_judged_alone(school, staff, measure):
    sessions(school, staff["psych"], [None] * 40 + [8])

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value) == (FAIL, 0.0)
    assert (
        result.note == "辅导记录 1 条，7 日内录入 0 条，逾期 1 条；另有 40 条没有录入日期，未计入"
    )


def test_sessions_that_all_lack_an_entry_date_have_no_data(school, staff, measure):
    sessions(school, staff["psych"], [None] * 12)

    result = measure("records_entered_promptly", PROMPT)

    assert (result.status, result.value, result.threshold, result.evidence) == (
        NO_DATA,
        None,
        0.95,
        [],
    )
    assert result.note == "本学期辅导记录 12 条，都没有录入日期，无从判断是否及时录入"


# -- sessions_with_follow_up ---------------------------------------------------------------------
FOLLOW = {"kind": "individual", "minimum_share": 0.9}


def test_individual_sessions_with_a_follow_up(school, staff, measure):
    sessions(school, staff["psych"], [0] * 10, follow_up=["下周复谈"] * 9 + [None])
    sessions(school, staff["psych"], [0] * 3, kind="group")  # not individual

    result = measure("sessions_with_follow_up", FOLLOW)
    assert (result.status, result.value) == (PASS, 0.9)

    school.db.execute("UPDATE counselling_session SET follow_up = '  ' WHERE id = 1")
    result = measure("sessions_with_follow_up", FOLLOW)
    assert (result.status, result.value) == (FAIL, 0.8)
    assert [(e.kind, e.key) for e in result.evidence] == [
        ("session", "2025-09-01 14:00"),
        ("session", "2025-09-10 14:00"),
    ]
    assert "T01" in result.evidence[0].detail


def test_many_sessions_without_follow_up_are_named_per_counsellor(school, staff, measure):
    sessions(school, staff["psych"], [0] * 25)

    result = measure("sessions_with_follow_up", FOLLOW)

    [evidence] = result.evidence
    assert (evidence.kind, evidence.key) == ("staff", "T01")
    assert evidence.detail.count("14:00") == 25


def test_follow_up_without_individual_sessions_has_no_data(school, staff, measure):
    sessions(school, staff["psych"], [0], kind="group")

    assert measure("sessions_with_follow_up", FOLLOW).status == NO_DATA


# -- a whole school --------------------------------------------------------------------------------
CARE_RULES = {
    "screening_coverage": YEAR,
    "key_students_with_plan": {"minimum_share": 1.0},
    "care_groups_complete": MEMBERS,
    "key_students_home_visit": {"period": "school_year", "minimum": 1},
    "home_visit_coverage": {"minimum_share": 1.0},
    "referral_follow_up": {"minimum_share": 1.0},
    "crisis_referral_with_guardian": {"level": 3, "minimum_share": 1.0},
    "monitors_per_class": MONITORS,
    "warning_network": {"monitor_min_grade": 4},
    "records_entered_promptly": PROMPT,
    "sessions_with_follow_up": FOLLOW,
}


def generate(school: School, table: str, count: int, columns: str, select: str) -> None:
    """``count`` rows of ``table`` made inside SQLite (``i`` counts from 0): fast enough for bulk."""
    with school.db.transaction():
        school.db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            f" INSERT INTO {table} ({columns}) SELECT {select} FROM n",
            (count - 1,),
        )


def test_a_3000_student_school_is_measured_in_full(school, staff):
    """Three years of records for 3,000 students in 60 classes: every care metric gives a verdict
    with values ready for JSON (its speed is measured in bench/, not here)."""
    head = staff["head"]
    # A date every 3 days from 2023-09-01, cycling over three school years.
    day = "date('2023-09-01', '+' || (i * 3 % 1060) || ' days')"
    generate(
        school,
        "class",
        60,
        "id, school_year, class_code, grade, name, head_teacher_id",
        f"100 + i, 2025, 'C' || (100 + i), 7 + i / 20, '班' || i, {head}",
    )
    generate(
        school,
        "student",
        3000,
        "id, student_no, name, sex, class_id",
        "1000 + i, 'N' || (10000 + i), '学生' || i, CASE i % 2 WHEN 0 THEN 'M' ELSE 'F' END,"
        " 100 + i % 60",
    )
    generate(
        school,
        "screening",
        9000,
        "date, student_id, instrument, result_level",
        f"{day}, 1000 + i % 3000, 'MHT', i % 4",
    )
    generate(
        school,
        "home_visit",
        9000,
        "date, student_id, teacher_id",
        f"{day}, 1000 + i % 3000, {head}",
    )
    generate(school, "risk_assessment", 3000, "date, student_id, level", f"{day}, 1000 + i, i % 4")
    generate(
        school,
        "crisis_plan",
        300,
        "id, student_id, created_on, level, care_parents, referral_to",
        f"1 + i, 1000 + i * 7, {day}, 2 + i % 2,"
        " CASE i % 3 WHEN 0 THEN '[]' ELSE '[\"母亲\"]' END,"
        " CASE i % 2 WHEN 0 THEN NULL ELSE '医院' END",
    )
    generate(school, "crisis_plan_teacher", 300, "plan_id, staff_id", f"1 + i, {staff['psych']}")
    generate(
        school,
        "follow_up",
        300,
        "date, student_id, teacher_id",
        f"{day}, 1000 + i * 7, {staff['psych']}",
    )
    generate(school, "monitor", 120, "student_id, from_date", "1000 + i, '2025-09-01'")
    generate(
        school,
        "counselling_session",
        600,
        "date, start_time, minutes, kind, counsellor_id, follow_up, entered_on",
        f"{day}, '14:00', 40, 'individual', {staff['psych']},"
        f" CASE i % 5 WHEN 0 THEN NULL ELSE '复谈' END, date({day}, '+' || (i % 9) || ' days')",
    )

    metrics = all_metrics()
    term = find_term(school.db, "2025—2026学年第一学期")
    assert term is not None
    context = TermContext(school.db, term, school.today())
    results = {name: metrics[name](context, params) for name, params in CARE_RULES.items()}
    assert len(context.students) == 3000 and len(context.key_students) > 100
    for name, result in results.items():
        assert result.status in (PASS, FAIL), (name, result.note)
        json.dumps([result.value, result.threshold, [e.to_json() for e in result.evidence]])

    # Worked out from the rows made above, not from the metrics. Session i is dated
    # 2023-09-01 + (3i mod 1060) days, entered i mod 9 days later, with no follow-up when 5 | i.
    def session_day(i: int) -> dt.date:
        return dt.date(2023, 9, 1) + dt.timedelta(days=i * 3 % 1060)

    first, last = dt.date.fromisoformat(TERM_FIRST), dt.date.fromisoformat(TERM_LAST)
    in_term = [i for i in range(600) if first <= session_day(i) <= last]
    late = [i for i in in_term if i % 9 > PROMPT["days"]]
    prompt = results["records_entered_promptly"]
    assert prompt.value == pytest.approx(1 - len(late) / len(in_term), abs=1e-4)
    assert prompt.status == (PASS if prompt.value >= PROMPT["minimum_share"] else FAIL)
    assert len(prompt.evidence) == len(late)
    without = [i for i in in_term if i % 5 == 0]
    follow = results["sessions_with_follow_up"]
    assert follow.value == pytest.approx(1 - len(without) / len(in_term), abs=1e-4)
    assert len(follow.evidence) == len(without)
    # Monitors: students 1000+c and 1060+c of class C(100+c), of one sex (c and c+60 have the
    # same parity), so every one of the 60 classes lacks a boy or a girl.
    monitors = results["monitors_per_class"]
    assert monitors.status == FAIL and len(monitors.evidence) == 60
    assert "缺少女生" in next(e.detail for e in monitors.evidence if e.key == "C100")
    assert "缺少男生" in next(e.detail for e in monitors.evidence if e.key == "C101")
    # No visit was recorded as made in the home (方式 入户), so none counts for coverage.
    visits = results["home_visit_coverage"]
    assert (visits.status, visits.value, len(visits.evidence)) == (FAIL, 0, 60)
