"""Psych-teacher metrics, on the autumn term 2025-09-01 … 2026-01-23 (21 teaching weeks)."""

from __future__ import annotations

import pytest

from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import measure_rule
from counselor_app.selfcheck.profiles import find_profile
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, YEAR_END
from tests.core.selfcheck.conftest import TERM

SUCHENG = {"fulltime_minimum": 1, "students_per_fulltime": 1000, "students_per_parttime": 500}
BEIJING = {"fulltime_minimum": 1, "more_than_one_from_students": 500, "per_campus": True}
ENSHI = {
    "all_staff_level": "C",
    "all_staff_share": 0.8,
    "key_roles": ["fulltime_psych", "parttime_psych", "head_teacher", "leader", "middle_manager"],
    "key_roles_level": "B",
    "key_roles_share": 0.9,
}
# The rule as the Enshi profile has it: a yearly demand, so measured through the engine's judgement.
ES6_TRAINING = find_profile("enshi-2022").rule("ES-6-teacher-training")


@pytest.fixture
def class_id(make):
    return make("class", class_code="0701", grade=7, name="七年级1班")


def add_students(school, class_id, count, *, first=0, status="enrolled", left_on=None):
    with school.db.transaction():
        school.db.executemany(
            "INSERT INTO student (student_no, name, sex, class_id, status, left_on)"
            " VALUES (?, '学生', 'M', ?, ?, ?)",
            [(f"S{first + i:05d}", class_id, status, left_on) for i in range(count)],
        )


def staff(make, staff_no, *roles, qualification=None, campus=None):
    return make(
        "staff",
        staff_no=staff_no,
        name=f"教师{staff_no}",
        roles=list(roles),
        qualification=qualification,
        campus_id=campus,
    )


def evidence_of(result):
    return {e.key: e.detail for e in result.evidence}


# -- psych_staffing ----------------------------------------------------------------------------


def test_a_thousand_students_need_one_fulltime_and_two_parttime_and_1001_need_more(
    school, class_id, make, measure
):
    add_students(school, class_id, 1000)
    # Left before the term's last day: counts for nothing.
    add_students(school, class_id, 1, first=5000, status="transferred", left_on="2026-01-22")
    staff(make, "T01", "fulltime_psych", "parttime_psych")  # counts once, as full-time
    staff(make, "T02", "parttime_psych")
    staff(make, "T03", "parttime_psych", "head_teacher")
    result = measure("psych_staffing", SUCHENG)
    assert result.status == PASS
    assert result.value == {"students": 1000, "fulltime": 1, "parttime": 2}
    assert result.threshold == {"fulltime": 1, "parttime": 2}
    # Graduated on the term's last day: was there all term, so the school had 1001 students.
    add_students(school, class_id, 1, first=6000, status="graduated", left_on="2026-01-23")
    result = measure("psych_staffing", SUCHENG)
    assert result.status == FAIL
    assert result.value["students"] == 1001
    assert result.threshold == {"fulltime": 2, "parttime": 3}
    assert evidence_of(result) == {
        "fulltime_psych": "1 名 < 2 名（学生 1001 人，每 1000 名学生 1 名）",
        "parttime_psych": "2 名 < 3 名（学生 1001 人，每 500 名学生 1 名）",
    }


def test_no_fulltime_teacher_fails_even_in_a_small_school(school, class_id, make, measure):
    add_students(school, class_id, 30)
    staff(make, "T02", "parttime_psych")
    result = measure("psych_staffing", {"fulltime_minimum": 1})
    assert result.status == FAIL
    assert evidence_of(result) == {"fulltime_psych": "0 名 < 1 名（学生 30 人）"}


def test_beijing_needs_more_than_one_psych_teacher_from_500_students(
    school, class_id, make, measure
):
    # 「学生规模500人以上」 includes 500: 499 students need one psych teacher, 500 need two.
    add_students(school, class_id, 499)
    staff(make, "T01", "fulltime_psych")
    result = measure("psych_staffing", BEIJING)
    assert result.status == PASS  # 499: one is enough
    assert "校区" in result.note  # no campus recorded: that part does not apply
    add_students(school, class_id, 1, first=499)
    result = measure("psych_staffing", BEIJING)
    assert result.status == FAIL  # exactly 500
    assert result.threshold == {"fulltime": 1, "psych_teachers": 2}
    assert evidence_of(result) == {"psych_teachers": "1 名；学生 500 人，500 人及以上应多于 1 名"}
    staff(make, "T02", "parttime_psych")  # a part-time one counts: 2 psych teachers
    assert measure("psych_staffing", BEIJING).status == PASS


def test_the_beijing_profile_reads_500_as_included_and_cites_its_clause():
    rule = find_profile("beijing-2023").rule("BJ-1.1-staffing")
    assert rule.params["more_than_one_from_students"] == 500
    assert "more_than_one_above_students" not in rule.params
    assert rule.clause == "一（一）"
    # Filed under the action plan's own section and subsection (一、… / （一）…).
    assert rule.category == "一、健全工作体系，全面强化中小学心理健康工作"
    assert rule.title == "配齐建强心理健康工作队伍"


def test_a_schools_own_profile_may_still_ask_for_more_than_n(school, class_id, make, measure):
    # more_than_one_above_students keeps its own meaning, strictly more than N: 500 students with
    # one psych teacher pass, 501 fail.
    above = {"fulltime_minimum": 1, "more_than_one_above_students": 500}
    add_students(school, class_id, 500)
    staff(make, "T01", "fulltime_psych")
    assert measure("psych_staffing", above).status == PASS
    add_students(school, class_id, 1, first=500)
    result = measure("psych_staffing", above)
    assert evidence_of(result) == {"psych_teachers": "1 名；学生 501 人，超过 500 人应多于 1 名"}


def test_every_campus_needs_a_psych_teacher(school, class_id, make, measure):
    add_students(school, class_id, 100)
    east = make("campus", name="东校区")
    make("campus", name="西校区")
    staff(make, "T01", "fulltime_psych", campus=east)
    staff(make, "T05", "head_teacher")  # not a psych teacher, on no campus
    result = measure("psych_staffing", BEIJING)
    assert result.status == FAIL
    assert [(e.kind, e.key) for e in result.evidence] == [("campus", "西校区")]
    assert result.value["campuses_covered"] == 1
    west_teacher = staff(make, "T02", "parttime_psych")
    school.db.execute(
        "UPDATE staff SET campus_id = (SELECT id FROM campus WHERE name = '西校区') WHERE id = ?",
        (west_teacher,),
    )
    assert measure("psych_staffing", BEIJING).status == PASS


def test_staffing_without_students_or_staff_is_no_data(school, class_id, make, measure):
    assert measure("psych_staffing", SUCHENG).status == NO_DATA
    add_students(school, class_id, 10)
    assert measure("psych_staffing", SUCHENG).status == NO_DATA  # no staff recorded at all


# -- certification -----------------------------------------------------------------------------


def test_eighty_percent_of_teachers_at_c_passes_and_seventy_fails_naming_who(school, make, measure):
    for n in range(7):
        staff(make, f"T0{n}", "subject_teacher", qualification="C")
    staff(make, "T07", "leader", qualification="A")
    staff(make, "T08", "subject_teacher", qualification="none")
    staff(make, "T09", "subject_teacher", "other")  # a teacher who also has another job
    staff(make, "T10", "other")  # a 其他 staff member (a cook, say): not a teacher, not counted
    staff(make, "T11", "other", qualification="none")
    result = measure("certification", ENSHI)
    # Teachers: T00–T09 = 10; at C or above: T00–T06 and T07 = 8; 8 / 10 = 0.8 ≥ 0.8.
    assert result.status == PASS
    assert result.value == {"all_staff": 0.8, "key_roles": 1.0}
    assert result.evidence == []
    assert result.note.startswith(
        "全体教师 8/10 人达到 C 级及以上（岗位仅为“其他”的 2 名教职工不计入）"
    )
    school.db.execute("UPDATE staff SET qualification = 'none' WHERE staff_no = 'T00'")
    result = measure("certification", ENSHI)
    assert result.status == FAIL  # 7 of 10 teachers
    assert evidence_of(result) == {
        "T00": "无资格证书，低于全体教师要求的 C 级",
        "T08": "无资格证书，低于全体教师要求的 C 级",
        "T09": "未登记资格等级，低于全体教师要求的 C 级",
    }


def test_counting_every_employee_would_have_failed_the_teachers(make, measure):
    # Boundary of the denominator: 4 teachers at C and 2 其他 staff without a certificate. Over all
    # 6 employees that is 4 / 6 = 0.67 < 0.8; over the 4 teachers it is 4 / 4 = 1.0.
    for n in range(4):
        staff(make, f"T0{n}", "subject_teacher", qualification="C")
    staff(make, "T04", "other", qualification="none")
    staff(make, "T05", "other", qualification="none")
    result = measure("certification", ENSHI)
    assert (result.status, result.value["all_staff"]) == (PASS, 1.0)


def test_only_other_staff_cannot_be_judged(make, measure):
    staff(make, "T01", "other", qualification="none")
    assert measure("certification", ENSHI).status == NO_DATA


def test_key_roles_need_b_in_ninety_percent(make, measure):
    for n in range(9):
        staff(make, f"T0{n}", "head_teacher", qualification="B")
    staff(make, "T09", "leader", "subject_teacher", qualification="C")
    result = measure("certification", ENSHI)
    # 9 of 10 key-role holders at B: 0.9 ≥ 0.9.
    assert (result.status, result.value["key_roles"]) == (PASS, 0.9)
    staff(make, "T10", "parttime_psych", qualification="C")
    result = measure("certification", ENSHI)
    assert result.status == FAIL  # 9 of 11 key-role holders: 0.818 < 0.9
    assert evidence_of(result) == {
        "T09": "校领导：资格等级 C，低于 B 级",
        "T10": "兼职心理教师：资格等级 C，低于 B 级",
    }
    assert result.evidence[0].kind == "staff" and result.evidence[0].label == "教师T09"


def test_a_middle_manager_needs_level_b(make, measure):
    for n in range(9):
        staff(make, f"T0{n}", "head_teacher", qualification="B")
    # 中层干部 with C: 9 of 10 key-role holders at B, 0.9: still a pass …
    staff(make, "T09", "middle_manager", qualification="C")
    result = measure("certification", ENSHI)
    assert (result.status, result.value["key_roles"]) == (PASS, 0.9)
    # … a second one makes it 9 of 11, 0.818 < 0.9, and both are named.
    staff(make, "T10", "middle_manager", "subject_teacher", qualification="C")
    result = measure("certification", ENSHI)
    assert result.status == FAIL
    assert evidence_of(result) == {
        "T09": "中层干部：资格等级 C，低于 B 级",
        "T10": "中层干部：资格等级 C，低于 B 级",
    }


def test_the_enshi_profile_counts_middle_managers_as_a_key_role():
    rule = find_profile("enshi-2022").rule("ES-7-certification")
    assert "middle_manager" in rule.params["key_roles"]


def test_certification_without_staff_is_no_data(measure):
    assert measure("certification", ENSHI).status == NO_DATA


# -- teacher_training_attended -----------------------------------------------------------------


def external(make, date, teacher, *, level="county", kind="training"):
    make(
        "external_training",
        date=date,
        staff_id=teacher,
        name="心理健康教育研讨",
        kind=kind,
        level=level,
    )


@pytest.fixture
def spring(school, records):
    """The spring term, the last of the school year 2025—2026, and its context."""
    records.create(
        "term",
        {"name": "2025—2026学年第二学期", "first_day": "2026-02-23", "last_day": "2026-07-10"},
    )
    return TermContext(school.db, find_term(school.db, "2025—2026学年第二学期"), school.today())


def test_three_external_events_in_the_school_year_pass_at_its_last_term(make, spring):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    staff(make, "T03", "parttime_psych")  # part-time teachers are not counted
    # Every level recorded is county level or higher, and every kind counts.
    external(make, "2025-09-01", first, level="national", kind="research")  # the year's first day
    external(make, "2025-12-01", first, level="province", kind="exchange")
    external(make, "2026-08-31", first, level="city")  # the year's last day
    external(make, "2025-10-10", second, level="county")
    external(make, "2026-03-03", second, level="city", kind="exchange")
    external(make, "2025-08-31", second)  # the school year before: not counted
    # A training the school ran itself, second among its leaders: not an external event.
    make("activity", date="2026-03-01", type="staff_training", title="校内培训", leaders=[second])
    result = measure_rule(spring, ES6_TRAINING)
    # T01: 3 events ≥ 3; T02: 2 events in 2025-09-01 … 2026-08-31 < 3.
    assert result.status == FAIL
    assert result.value == {"teachers": 2, "short": 1}
    assert evidence_of(result) == {"T02": "本学年参加县级及以上教研、培训、交流 2 次 < 3 次"}
    external(make, "2026-04-01", second, level="national")
    assert measure_rule(spring, ES6_TRAINING).status == PASS


def test_training_not_yet_met_in_the_autumn_term_is_judged_at_year_end(school, records, make):
    teacher = staff(make, "T01", "fulltime_psych")
    external(make, "2025-10-01", teacher)
    autumn = TermContext(school.db, find_term(school.db, TERM), school.today())
    result = measure_rule(autumn, ES6_TRAINING)
    # 1 of 3 by the autumn term: 学年末评定, not a failure, with what is missing named.
    assert result.status == YEAR_END
    assert "学年最后一个学期评定" in result.note
    assert evidence_of(result) == {"T01": "本学年参加县级及以上教研、培训、交流 1 次 < 3 次"}
    # Met so far: a pass already in the autumn term.
    external(make, "2025-11-01", teacher)
    external(make, "2025-12-01", teacher)
    assert measure_rule(autumn, ES6_TRAINING).status == PASS


def test_training_without_fulltime_teachers_is_no_data(make, spring):
    staff(make, "T03", "parttime_psych")
    assert measure_rule(spring, ES6_TRAINING).status == NO_DATA


# -- weekly teaching and counselling load ------------------------------------------------------


def lessons(school, class_id, teacher, periods_in_term):
    """``periods_in_term`` periods in 10-period lessons (the last one shorter), one a week."""
    rows, day = [], 0
    while periods_in_term > 0:
        rows.append((f"2025-09-{1 + day % 28:02d}", class_id, teacher, min(10, periods_in_term)))
        periods_in_term -= 10
        day += 1
    with school.db.transaction():
        school.db.executemany(
            "INSERT INTO psych_lesson (date, class_id, teacher_id, periods) VALUES (?, ?, ?, ?)",
            rows,
        )


def test_ten_periods_a_week_each_passes(school, class_id, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    part = staff(make, "T03", "parttime_psych")  # part-time teachers are not judged
    lessons(school, class_id, first, 231)  # 231 / 21 = 11 a week
    lessons(school, class_id, second, 210)  # 210 / 21 = exactly 10 a week
    lessons(school, class_id, part, 5)
    # The day after the term: not counted.
    make("psych_lesson", date="2026-01-24", class_id=class_id, teacher_id=second, periods=10)
    result = measure("teacher_weekly_periods", {"minimum": 10})
    # The value is the lowest teacher's rate: T02's 10.0.
    assert (result.status, result.value, result.threshold, result.evidence) == (PASS, 10.0, 10, [])


def test_a_teacher_below_ten_fails_even_when_the_mean_is_ten(school, class_id, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    lessons(school, class_id, first, 220)  # 220 / 21 = 10.47 a week
    lessons(school, class_id, second, 200)  # 200 / 21 = 9.52 a week
    # The mean, (220 + 200) / (2 × 21) = 10.0, would pass: the rule is per teacher, so it fails.
    result = measure("teacher_weekly_periods", {"minimum": 10})
    assert (result.status, result.value) == (FAIL, 9.52)
    assert evidence_of(result) == {
        "T02": "心理课平均每周 9.5 课时 < 10 课时（本学期共 200 课时，21 个教学周）"
    }
    assert result.note.startswith("专职心理教师 2 名，每人分别计算：1 名达到每周 10 课时")


def test_a_period_short_over_the_term_fails(school, class_id, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    lessons(school, class_id, first, 209)  # 209 / 21 = 9.952: rounded down, never shown as 10
    result = measure("teacher_weekly_periods", {"minimum": 10})
    assert (result.status, result.value) == (FAIL, 9.95)
    assert evidence_of(result)["T01"].startswith("心理课平均每周 9.9 课时 < 10")


def test_weekly_periods_without_fulltime_teachers_is_no_data(make, measure):
    staff(make, "T03", "parttime_psych")
    assert measure("teacher_weekly_periods", {"minimum": 10}).status == NO_DATA


def sessions(school, counsellor, minutes_in_term, kind="individual"):
    """``minutes_in_term`` minutes in sessions of at most 360 minutes, in October."""
    rows, day = [], 0
    while minutes_in_term > 0:
        rows.append((f"2025-10-{10 + day % 20:02d}", min(360, minutes_in_term), kind, counsellor))
        minutes_in_term -= 360
        day += 1
    with school.db.transaction():
        school.db.executemany(
            "INSERT INTO counselling_session (date, start_time, minutes, kind, counsellor_id,"
            " entered_on) VALUES (?, '14:00', ?, ?, ?, '2025-11-01')",
            rows,
        )


def test_six_hours_of_counselling_a_week_each_pass_and_a_minute_less_fails(school, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    part = staff(make, "T03", "parttime_psych")
    sessions(school, first, 21 * 360 - 600)
    sessions(school, first, 600, kind="group")  # group sessions count too: 21 × 360 in all
    sessions(school, part, 5000)
    result = measure("teacher_weekly_counselling_minutes", {"minimum": 360})
    assert (result.status, result.value, result.evidence) == (PASS, 360.0, [])
    second = staff(make, "T02", "fulltime_psych")
    # 21 × 360 + 21 minutes: 361 a week; with T01 at 360 the mean is 360.5, still …
    sessions(school, second, 21 * 360 + 21)
    assert measure("teacher_weekly_counselling_minutes", {"minimum": 360}).status == PASS
    third = staff(make, "T04", "fulltime_psych")
    # … but a third with one minute less than 21 × 360 (359.95 a week) fails the rule on their
    # own, though the mean over the three, (3 × 7560 + 20) / 63 = 360.3, is above 360.
    sessions(school, third, 21 * 360 - 1)
    result = measure("teacher_weekly_counselling_minutes", {"minimum": 360})
    assert (result.status, result.value) == (FAIL, 359.95)
    assert list(evidence_of(result)) == ["T04"]
    assert evidence_of(result)["T04"].startswith("个体与团体辅导平均每周 359.9 分钟 < 360 分钟")
