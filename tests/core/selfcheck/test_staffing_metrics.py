"""Psych-teacher metrics, on the autumn term 2025-09-01 … 2026-01-23 (21 teaching weeks)."""

from __future__ import annotations

import pytest

from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.metrics import all_metrics
from counselor_app.selfcheck.result import FAIL, MANUAL, NO_DATA, PASS

SUCHENG = {"fulltime_minimum": 1, "students_per_fulltime": 1000, "students_per_parttime": 500}
BEIJING = {"fulltime_minimum": 1, "more_than_one_above_students": 500, "per_campus": True}
ENSHI = {
    "all_staff_level": "C",
    "all_staff_share": 0.8,
    "key_roles": ["fulltime_psych", "parttime_psych", "head_teacher", "leader"],
    "key_roles_level": "B",
    "key_roles_share": 0.9,
}


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


def test_beijing_needs_more_than_one_psych_teacher_above_500_students(
    school, class_id, make, measure
):
    add_students(school, class_id, 500)
    staff(make, "T01", "fulltime_psych")
    result = measure("psych_staffing", BEIJING)
    assert result.status == PASS  # exactly 500: one is enough
    assert "校区" in result.note  # no campus recorded: that part does not apply
    add_students(school, class_id, 1, first=500)
    result = measure("psych_staffing", BEIJING)
    assert result.status == FAIL
    assert list(evidence_of(result)) == ["psych_teachers"]
    staff(make, "T02", "parttime_psych")
    assert measure("psych_staffing", BEIJING).status == PASS


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


def test_eighty_percent_at_c_or_above_passes_and_seventy_fails_naming_who(school, make, measure):
    for n in range(7):
        staff(make, f"T0{n}", "subject_teacher", qualification="C")
    staff(make, "T07", "leader", qualification="A")
    staff(make, "T08", "subject_teacher", qualification="none")
    staff(make, "T09", "other")
    result = measure("certification", ENSHI)
    assert result.status == PASS  # 8 of 10 at C or above; the one leader has A
    assert result.value == {"all_staff": 0.8, "key_roles": 1.0}
    assert result.evidence == []
    school.db.execute("UPDATE staff SET qualification = 'none' WHERE staff_no = 'T00'")
    result = measure("certification", ENSHI)
    assert result.status == FAIL  # 7 of 10
    assert evidence_of(result) == {
        "T00": "无资格证书，低于全体教职工要求的 C 级",
        "T08": "无资格证书，低于全体教职工要求的 C 级",
        "T09": "未登记资格等级，低于全体教职工要求的 C 级",
    }


def test_key_roles_need_b_in_ninety_percent(make, measure):
    for n in range(9):
        staff(make, f"T0{n}", "head_teacher", qualification="B")
    staff(make, "T09", "leader", "subject_teacher", qualification="C")
    result = measure("certification", ENSHI)
    assert (result.status, result.value["key_roles"]) == (PASS, 0.9)
    staff(make, "T10", "parttime_psych", qualification="C")
    result = measure("certification", ENSHI)
    assert result.status == FAIL  # 9 of 11 key-role holders
    assert evidence_of(result) == {
        "T09": "校领导：资格等级 C，低于 B 级",
        "T10": "兼职心理教师：资格等级 C，低于 B 级",
    }
    assert result.evidence[0].kind == "staff" and result.evidence[0].label == "教师T09"


def test_certification_without_staff_is_no_data(measure):
    assert measure("certification", ENSHI).status == NO_DATA


# -- teacher_training_attended -----------------------------------------------------------------


def training(make, date, *leaders, type_="staff_training"):
    make("activity", date=date, type=type_, title="培训", leaders=list(leaders))


@pytest.fixture
def spring(school, records):
    """The spring term, the last of the school year 2025—2026."""
    records.create(
        "term",
        {"name": "2025—2026学年第二学期", "first_day": "2026-02-23", "last_day": "2026-07-10"},
    )
    context = TermContext(school.db, find_term(school.db, "2025—2026学年第二学期"), school.today())
    return lambda params: all_metrics()["teacher_training_attended"](context, params)


def test_three_trainings_in_the_school_year_pass_at_its_last_term(make, spring):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    staff(make, "T03", "parttime_psych")  # part-time teachers are not counted
    training(make, "2025-09-01", first, second)  # the school year's first day
    training(make, "2025-12-01", first, second)
    training(make, "2026-08-31", first)  # its last day
    training(make, "2025-08-31", second)  # the year before
    training(make, "2026-03-01", second, type_="leadership_meeting")
    result = spring({"minimum": 3})
    assert result.status == FAIL
    assert result.value == {"teachers": 2, "short": 1}
    assert evidence_of(result) == {"T02": "本学年参加培训 2 次 < 3 次"}
    training(make, "2026-04-01", second)
    assert spring({"minimum": 3}).status == PASS


def test_training_in_the_autumn_term_reports_progress_for_confirmation(make, measure):
    teacher = staff(make, "T01", "fulltime_psych")
    training(make, "2025-10-01", teacher)
    result = measure("teacher_training_attended", {"minimum": 3})
    assert result.status == MANUAL
    assert "学年最后一个学期" in result.note and "0 名已达到 3 次" in result.note
    assert evidence_of(result) == {"T01": "本学年参加培训 1 次 < 3 次"}


def test_training_without_fulltime_teachers_is_no_data(make, spring):
    staff(make, "T03", "parttime_psych")
    assert spring({"minimum": 3}).status == NO_DATA


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


def test_ten_periods_a_week_on_average_passes_and_names_the_teacher_below(
    school, class_id, make, measure
):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    part = staff(make, "T03", "parttime_psych")
    lessons(school, class_id, first, 220)
    lessons(school, class_id, second, 200)  # 200 / 21 = 9.52 a week; the mean is exactly 10
    lessons(school, class_id, part, 5)
    make("psych_lesson", date="2026-01-24", class_id=class_id, teacher_id=second, periods=10)
    result = measure("teacher_weekly_periods", {"minimum": 10})
    assert (result.status, result.value, result.threshold) == (PASS, 10.0, 10)
    assert evidence_of(result) == {
        "T02": "心理课平均每周 9.5 课时 < 10 课时（本学期共 200 课时，21 个教学周）"
    }


def test_a_mean_just_below_ten_periods_fails(school, class_id, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    second = staff(make, "T02", "fulltime_psych")
    lessons(school, class_id, first, 210)  # exactly 10 a week
    lessons(school, class_id, second, 209)
    result = measure("teacher_weekly_periods", {"minimum": 10})
    assert (result.status, result.value) == (FAIL, 9.97)
    assert list(evidence_of(result)) == ["T02"]
    assert evidence_of(result)["T02"].startswith("心理课平均每周 9.9 课时 < 10")


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


def test_six_hours_of_counselling_a_week_pass_and_a_minute_less_fails(school, make, measure):
    first = staff(make, "T01", "fulltime_psych")
    part = staff(make, "T03", "parttime_psych")
    sessions(school, first, 21 * 360 - 600)
    sessions(school, first, 600, kind="group")  # group sessions count too
    sessions(school, part, 5000)
    result = measure("teacher_weekly_counselling_minutes", {"minimum": 360})
    assert (result.status, result.value, result.evidence) == (PASS, 360.0, [])
    second = staff(make, "T02", "fulltime_psych")
    sessions(school, second, 21 * 360 - 1)
    result = measure("teacher_weekly_counselling_minutes", {"minimum": 360})
    assert (result.status, result.value) == (FAIL, 359.97)
    assert evidence_of(result)["T02"].startswith("个体与团体辅导平均每周 359.9 分钟 < 360 分钟")
