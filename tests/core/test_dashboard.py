"""工作台 numbers (no Qt): today's appointments and duty, reviews and follow-ups due, key students
without a home visit, this week's room hours and the self-check at a glance.

Today is Thursday 2025-10-16 (the ``clock`` fixture), in the autumn term of 2025—2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.dashboard.today import (
    agenda,
    key_students_without_home_visit,
    risk_levels_on,
    self_check_glance,
)
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, User, write_setting
from counselor_app.selfcheck.profiles import find_profile

TODAY = dt.date(2025, 10, 16)


def build_world(school: School) -> dict[str, int]:
    """Two terms, three staff, one class, six students and their records (see the tests)."""
    records = RecordService(school)
    ids: dict[str, int] = {}

    def add(record_type: str, values: dict[str, object], name: str | None = None) -> int:
        record_id = records.create(record_type, values).record_id
        if name:
            ids[name] = record_id
        return record_id

    add(
        "term",
        {"name": "2025—2026学年第一学期", "first_day": "2025-09-01", "last_day": "2026-01-23"},
    )
    add(
        "term",
        {"name": "2024—2025学年第二学期", "first_day": "2025-02-17", "last_day": "2025-07-04"},
    )
    add("staff", {"staff_no": "T01", "name": "王老师", "roles": "专职心理教师"}, "wang")
    add("staff", {"staff_no": "T02", "name": "刘老师", "roles": "班主任;任课教师"}, "liu")
    add("staff", {"staff_no": "T03", "name": "陈老师", "roles": "兼职心理教师"}, "chen")
    add(
        "class",
        {"class_code": "0701", "grade": 7, "name": "七年级1班", "head_teacher_id": ids["liu"]},
        "class",
    )
    students = [
        ("a", "20250001", "张三", "男"),
        ("b", "20250002", "李四", "男"),
        ("c", "20250003", "王五", "男"),
        ("d", "20250004", "赵六", "女"),
        ("e", "20250005", "钱七", "女"),
        ("f", "20250006", "孙八", "女"),
    ]
    for name, number, student_name, sex in students:
        values = {"student_no": number, "name": student_name, "sex": sex, "class_id": ids["class"]}
        if name == "f":
            values.update(status="转出", left_on="2025-10-01")
        add("student", values, name)

    def level(student: str, date: str, value: int) -> None:
        add("risk_assessment", {"date": date, "student_id": ids[student], "level": value})

    level("a", "2025-09-18", 2)
    level("b", "2025-10-08", 3)
    level("c", "2025-09-05", 2)
    level("c", "2025-10-01", 0)  # better again: no longer a key student
    level("d", "2025-03-01", 2)
    level("f", "2025-09-10", 2)  # transferred out: not on the dashboard
    # 钱七's level comes only from a session's (confidential) assessment.
    add(
        "session",
        {
            "date": "2025-10-09",
            "start_time": "10:00",
            "minutes": 50,
            "kind": "个体",
            "students": [ids["e"]],
            "counsellor_id": ids["wang"],
            "risk_level": 2,
        },
    )
    visit = {"teacher_id": ids["liu"], "mode": "入户"}
    add("home_visit", {"date": "2025-09-20", "student_id": ids["b"], **visit})
    add("home_visit", {"date": "2025-03-10", "student_id": ids["d"], **visit})  # last school year

    def plan(student: str, created: str, value: int, review: str, **more: object) -> int:
        values = {"student_id": ids[student], "created_on": created, "level": value}
        return add("crisis_plan", {**values, "next_review_on": review, **more}, f"plan_{student}")

    plan("a", "2025-09-20", 2, "2025-10-13")  # review overdue, never followed up
    plan("b", "2025-10-10", 3, "2025-10-21")  # review in five days, followed up two days ago
    plan("d", "2025-09-01", 2, "2025-11-20")  # review later; last follow-up three weeks ago
    plan("c", "2025-09-05", 2, "2025-09-15", closed_on="2025-10-01")  # closed: nothing due
    follow = {"teacher_id": ids["wang"], "content": "电话随访"}
    add("follow_up", {"date": "2025-10-14", "student_id": ids["b"], **follow})
    add("follow_up", {"date": "2025-09-25", "student_id": ids["d"], **follow})

    for weekday in range(1, 6):
        add(
            "room_hours",
            {
                "weekday": weekday,
                "start_time": "14:00",
                "end_time": "15:30",
                "duty_staff_id": ids["wang"],
                "valid_from": "2025-09-01",
            },
        )
    add(  # no longer valid
        "room_hours",
        {
            "weekday": 4,
            "start_time": "12:00",
            "end_time": "12:30",
            "duty_staff_id": ids["chen"],
            "valid_from": "2025-09-01",
            "valid_to": "2025-09-30",
        },
    )
    add(  # nobody on duty
        "room_hours",
        {"weekday": 4, "start_time": "16:00", "end_time": "16:30", "valid_from": "2025-10-01"},
    )

    def booking(day: str, start: str, minutes: int, channel: str, **who: object) -> None:
        values = {"date": day, "start_time": start, "minutes": minutes, "channel": channel}
        add("appointment", {**values, **who})

    booking("2025-10-16", "15:00", 30, "当面", student_id=ids["a"], state="已确认")
    booking("2025-10-16", "14:00", 45, "电话", parent_name="张父")
    booking("2025-10-17", "14:00", 45, "网络", student_id=ids["b"])
    return ids


@pytest.fixture
def world(school: School) -> dict[str, int]:
    return build_world(school)


def audit_entries(school: School) -> int:
    return int(school.db.scalar("SELECT count(*) FROM audit_log"))


def test_todays_appointments_in_time_order_with_who_and_how(school, world) -> None:
    today = agenda(school)
    assert today.today == TODAY
    assert [(a.start_time, a.student_name, a.parent_name, a.channel, a.state)
            for a in today.appointments] == [
        ("14:00", "", "张父", "phone", "pending"),
        ("15:00", "张三", "", "in_person", "confirmed"),
    ]  # fmt: skip
    assert today.appointments[1].class_name == "七年级1班"
    assert today.appointments[1].student_id == world["a"]


def test_todays_duty_is_the_slots_valid_today(school, world) -> None:
    today = agenda(school)
    assert [(d.start_time, d.end_time, d.duty_teacher) for d in today.duty] == [
        ("14:00", "15:30", "王老师"),
        ("16:00", "16:30", ""),
    ]
    assert today.school_day
    assert today.term is not None and today.term.name == "2025—2026学年第一学期"
    assert today.week_number == 7


def test_reviews_due_within_a_week_or_overdue(school, world) -> None:
    reviews = agenda(school).reviews
    assert [(r.student_name, r.due_on, r.days_late, r.overdue) for r in reviews] == [
        ("张三", "2025-10-13", 3, True),
        ("李四", "2025-10-21", -5, False),
    ]
    assert reviews[0].plan_id == world["plan_a"] and reviews[0].level == 2


def test_follow_ups_due_a_fortnight_after_the_last_one(school, world) -> None:
    due = agenda(school).follow_ups
    assert [(f.student_name, f.last_follow_up_on, f.due_on, f.days_late) for f in due] == [
        ("张三", None, "2025-10-04", 12),  # counted from the plan: never followed up
        ("赵六", "2025-09-25", "2025-10-09", 7),
    ]


def test_key_students_without_a_home_visit_this_school_year(school, world) -> None:
    today = agenda(school)
    assert today.school_year == ("2025-09-01", "2026-08-31")
    assert [(k.name, k.level, k.assessed_on) for k in today.key_students_without_visit] == [
        ("张三", 2, "2025-09-20"),  # the plan of 09-20 repeats the level
        ("赵六", 2, "2025-09-01"),  # visited in March: the last school year
        ("钱七", 2, "2025-10-09"),  # from a session's assessment
    ]


def test_an_administrator_does_not_learn_levels_from_session_notes(school, world) -> None:
    school.user = User("教务处", "admin")
    names = [k.name for k in agenda(school).key_students_without_visit]
    assert names == ["张三", "赵六"]


def test_the_same_day_highest_level_counts(school, world) -> None:
    RecordService(school).create(
        "risk_assessment", {"date": "2025-10-15", "student_id": world["b"], "level": 1}
    )
    RecordService(school).create(
        "risk_assessment", {"date": "2025-10-15", "student_id": world["b"], "level": 3}
    )
    assert risk_levels_on(school.db, TODAY)[world["b"]] == ("2025-10-15", 3)
    # A level recorded after the day does not count yet.
    assert world["b"] not in risk_levels_on(school.db, dt.date(2025, 10, 7))


def test_key_students_read_the_level_on_the_day(school, world) -> None:
    year = ("2025-09-01", "2026-08-31")
    before = key_students_without_home_visit(school.db, dt.date(2025, 9, 10), year)
    assert [k.name for k in before] == ["王五", "赵六"]  # 王五 at level 2 then; 张三 not yet


def test_this_weeks_room_hours_against_eight_hours(school, world) -> None:
    week = agenda(school).room_week
    assert week is not None
    assert (week.week_number, week.monday, week.school_days) == (7, dt.date(2025, 10, 13), 5)
    # 5 × 90 min and Thursday's extra half hour; the slot that ended in September not counted.
    assert (week.open_minutes, week.required_hours) == (480, 8)
    assert week.meets_requirement
    assert (week.open_hours_text, week.required_hours_text) == ("8.0", "8.0")


def test_a_holiday_week_needs_fewer_hours(school, world) -> None:
    # National Day 2025: 1–8 October are holidays; Monday 29 and Tuesday 30 September are not.
    week = agenda(school, dt.date(2025, 10, 2)).room_week
    assert week is not None and week.school_days == 2
    assert week.required_hours * 60 == 192  # 8 h × 2 ÷ 5
    assert week.open_minutes == 180  # two days × 90 min (the Thursday slot fell on a holiday)
    assert not week.meets_requirement
    assert (week.open_hours_text, week.required_hours_text) == ("3.0", "3.2")


def test_outside_every_term(school, world) -> None:
    summer = agenda(school, dt.date(2025, 7, 20))
    assert summer.term is None and summer.room_week is None and summer.week_number is None
    assert not summer.school_day
    # In the holidays the school year is the one of the term that ended last.
    assert summer.school_year == ("2024-09-01", "2025-08-31")


def test_a_school_without_terms_still_has_an_agenda(school) -> None:
    today = agenda(school)
    assert today.term is None and today.school_year == ("2025-09-01", "2026-08-31")
    assert today.appointments == () and today.reviews == () and today.room_week is None
    assert self_check_glance(school) is None


def test_the_self_check_glance_counts_without_an_audit_entry(school, world) -> None:
    before = audit_entries(school)
    glance = self_check_glance(school)
    assert audit_entries(school) == before
    assert glance is not None
    assert glance.term_name == "2025—2026学年第一学期" and glance.profile_id == "sucheng-2023"
    assert glance.rules == len(find_profile("sucheng-2023").rules)
    assert set(glance.counts) == {
        "pass", "fail", "no_data", "manual", "year_end", "not_applicable", "confirmed"
    }  # fmt: skip
    # SC-15, SC-16 and SC-17-one-to-one, the manual rules, none ticked yet.
    assert (glance.counts["manual"], glance.counts["confirmed"]) == (3, 0)
    assert sum(glance.counts.values()) == glance.rules


def test_a_confirmed_manual_rule_counts_as_confirmed_at_a_glance(school, world) -> None:
    from counselor_app.selfcheck.engine import confirm_manual_rule

    confirm_manual_rule(school, "2025—2026学年第一学期", "sucheng-2023", "SC-15-double-reduction",
                        confirmed=True, note="已落实五项管理")  # fmt: skip
    glance = self_check_glance(school)
    assert glance is not None
    assert (glance.counts["manual"], glance.counts["confirmed"]) == (2, 1)


def test_the_glance_follows_the_chosen_profile(school, world) -> None:
    write_setting(school, "selfcheck.profile", "jiangmen-2021")
    glance = self_check_glance(school)
    assert glance is not None and glance.profile_id == "jiangmen-2021"
    assert glance.rules == len(find_profile("jiangmen-2021").rules)
    # Jiangmen has no room-hours rule: the week's hours are not measured against anything.
    assert agenda(school).room_week is None


def test_counts_are_the_overview_counts(school, world) -> None:
    counts = agenda(school).counts
    assert counts.students_enrolled == 5 and counts.crisis_plans_open == 3


def test_the_glance_of_a_running_term_says_what_to_do_next(school, world) -> None:
    # 2025-10-16 is in week 7 of the term's 21 teaching weeks, 14 left. Behind:
    # - SC-09 lessons: 0701 has none of its ceil(21 × 0.5) = 11 periods, ⌊11 × 7 / 21⌋ = 3 due;
    # - SC-17 teaching load: 王老师 has none of 10 × 21 = 210 periods, 70 due;
    # - SC-17 counselling: 50 of 360 × 21 = 7,560 minutes, 2,520 due;
    # - SC-11 room hours: week 5 (two school days, 3.2 h needed) was open 2 × 1.5 = 3 h.
    # Those with the least share of their need done come first.
    progress = self_check_glance(school).progress
    assert progress is not None
    assert (progress.week, progress.weeks, progress.counts["behind"]) == (7, 21, 4)
    assert [step.rule_id for step in progress.next_steps] == [
        "SC-09-lessons",
        "SC-17-teaching-load",
        "SC-17-counselling-hours",
    ]
    assert progress.next_steps[0].title == "心理健康教育课"
    assert progress.next_steps[0].words == "1 个班落后：0701 还需 11 课时，剩余 14 个教学周"


def test_the_glance_of_a_term_that_is_over_has_no_progress(school, world, monkeypatch) -> None:
    monkeypatch.setattr(type(school), "today", lambda self: dt.date(2026, 2, 10))
    glance = self_check_glance(school)
    assert glance is not None and glance.term_name == "2025—2026学年第一学期"
    assert glance.progress is None


def test_no_duty_outside_a_term_or_on_a_day_off(school, world) -> None:
    # The room's hours are valid every weekday from 2025-09-01, without an end.
    assert [d.start_time for d in agenda(school, dt.date(2025, 10, 16)).duty] == ["14:00", "16:00"]
    assert agenda(school, dt.date(2025, 10, 1)).duty == ()  # National Day, inside the term
    assert agenda(school, dt.date(2026, 2, 9)).duty == ()  # a Monday after the term ended


def test_a_room_only_closure_is_a_school_day_without_duty(school, world) -> None:
    RecordService(school).create("closure_day", {"date": "2025-10-16", "scope": "仅辅导室"})
    today = agenda(school, dt.date(2025, 10, 16))
    assert today.school_day and not today.room_may_open and today.duty == ()
