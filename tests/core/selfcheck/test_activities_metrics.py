"""Activity, document and manual metrics, on the autumn term 2025-09-01 … 2026-01-23."""

from __future__ import annotations

import pytest

from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.metrics import all_metrics
from counselor_app.selfcheck.result import FAIL, MANUAL, NO_DATA, NOT_APPLICABLE, PASS

MEETINGS = {"type": "leadership_meeting", "minimum": 2}


@pytest.fixture
def classes(make):
    """Two classes with a student each, and 0703 whose only student left during the term."""
    ids = {}
    for code, name in (("0701", "七年级1班"), ("0702", "七年级2班"), ("0703", "七年级3班")):
        ids[code] = make("class", class_code=code, grade=7, name=name)
    make("student", student_no="S1", name="张三", sex="男", class_id=ids["0701"])
    make("student", student_no="S2", name="李四", sex="女", class_id=ids["0702"])
    make("student", student_no="S3", name="王五", sex="男", class_id=ids["0702"])
    make(
        "student",
        student_no="S9",
        name="赵六",
        sex="男",
        class_id=ids["0703"],
        status="转出",
        left_on="2025-12-01",
    )
    return ids


def activity(make, date, type_, classes=(), psych=True, title="活动"):
    return make(
        "activity", date=date, type=type_, title=title, classes=list(classes), psych_content=psych
    )


def spring_context(school, records):
    records.create(
        "term",
        {"name": "2025—2026学年第二学期", "first_day": "2026-02-23", "last_day": "2026-07-10"},
    )
    term = find_term(school.db, "2025—2026学年第二学期")
    return TermContext(school.db, term, school.today())


# -- activity_count ----------------------------------------------------------------------------


def test_activity_count_passes_with_two_meetings_on_the_terms_first_and_last_day(make, measure):
    activity(make, "2025-09-01", "leadership_meeting")
    activity(make, "2026-01-23", "leadership_meeting")
    result = measure("activity_count", MEETINGS)
    assert (result.status, result.value, result.threshold) == (PASS, 2, 2)
    assert result.evidence == []


def test_activity_count_fails_counting_only_the_type_inside_the_term(make, measure):
    activity(make, "2025-10-10", "leadership_meeting")
    activity(make, "2025-08-31", "leadership_meeting")  # before the term
    activity(make, "2026-01-24", "leadership_meeting")  # after it
    activity(make, "2025-11-11", "staff_training")
    result = measure("activity_count", MEETINGS)
    assert (result.status, result.value) == (FAIL, 1)
    [evidence] = result.evidence
    assert evidence.label == "领导小组会议"
    assert evidence.detail == "本学期 1 次 < 2 次"


def test_no_meeting_at_all_is_a_fail_not_missing_data(measure):
    result = measure("activity_count", MEETINGS)
    assert (result.status, result.value) == (FAIL, 0)


def test_activity_count_filters_on_psych_content(make, measure):
    params = {"type": "parent_class", "psych_content": True, "minimum": 2}
    activity(make, "2025-10-10", "parent_class")
    activity(make, "2025-11-10", "parent_class", psych=False)
    result = measure("activity_count", params)
    assert (result.status, result.value) == (FAIL, 1)
    assert result.evidence[0].label == "家长课堂（含心理健康内容）"
    activity(make, "2025-12-10", "parent_class")
    assert measure("activity_count", params).status == PASS
    # Without psych_content in the rule, every activity of the type counts.
    assert measure("activity_count", {"type": "parent_class", "minimum": 3}).value == 3


def test_a_profile_may_name_the_type_in_chinese(make, measure):
    activity(make, "2025-10-10", "leadership_meeting")
    assert measure("activity_count", {"type": "领导小组会议", "minimum": 1}).status == PASS
    with pytest.raises(ValueError, match="unknown activity type"):
        measure("activity_count", {"type": "座谈会", "minimum": 1})


# -- activities_per_class ----------------------------------------------------------------------

CLASS_MEETINGS = {"type": "class_meeting", "minimum": 1}


def test_a_whole_school_activity_reaches_every_class(classes, make, measure):
    activity(make, "2025-10-20", "class_meeting")  # no class linked: the whole school
    result = measure("activities_per_class", CLASS_MEETINGS)
    assert result.status == PASS
    assert result.value == {"classes": 2, "short": 0}  # 0703 has no student left at term end


def test_a_class_without_its_meeting_is_named(classes, make, measure):
    activity(make, "2025-10-20", "class_meeting", classes=[classes["0701"]])
    result = measure("activities_per_class", CLASS_MEETINGS)
    assert result.status == FAIL
    assert [(e.kind, e.key, e.label) for e in result.evidence] == [("class", "0702", "七年级2班")]
    assert result.evidence[0].detail == "心理主题班会 0 次 < 1 次"


def test_parent_meetings_count_linked_plus_whole_school_with_psych_content(classes, make, measure):
    params = {"type": "parent_meeting", "psych_content": True, "minimum": 2}
    activity(make, "2025-09-20", "parent_meeting")  # whole school
    activity(make, "2025-12-20", "parent_meeting", classes=[classes["0701"]])
    activity(make, "2025-12-21", "parent_meeting", classes=[classes["0702"]], psych=False)
    result = measure("activities_per_class", params)
    assert result.status == FAIL
    assert [e.key for e in result.evidence] == ["0702"]  # 0701 has exactly 2
    assert "1 次 < 2 次" in result.evidence[0].detail


def test_per_class_without_classes_is_no_data(measure):
    assert measure("activities_per_class", CLASS_MEETINGS).status == NO_DATA


# -- activities_per_student --------------------------------------------------------------------

LIFE = {"type": "life_education", "minimum": 2}


def test_every_student_reached_twice_passes(classes, make, measure):
    activity(make, "2025-09-10", "life_education")
    activity(make, "2025-11-10", "life_education", classes=[classes["0701"], classes["0702"]])
    result = measure("activities_per_student", LIFE)
    assert result.status == PASS
    assert result.value == {"students": 3, "short": 0}


def test_students_short_are_named_by_class_with_their_numbers(classes, make, measure):
    activity(make, "2025-09-10", "life_education")
    activity(make, "2025-11-10", "life_education", classes=[classes["0701"]])
    result = measure("activities_per_student", LIFE)
    assert result.status == FAIL
    assert result.value == {"students": 3, "short": 2}
    [evidence] = result.evidence
    assert (evidence.kind, evidence.key) == ("class", "0702")
    assert "2 名学生" in evidence.label
    assert "S2、S3" in evidence.detail and "1 次 < 2 次" in evidence.detail
    assert "S9" not in evidence.detail  # left before the term's last day


def test_a_student_who_left_on_the_last_day_still_counts(classes, make, measure):
    make(
        "student",
        student_no="S8",
        name="孙七",
        sex="女",
        class_id=classes["0703"],
        status="毕业",
        left_on="2026-01-23",
    )
    activity(make, "2025-09-10", "life_education", classes=[classes["0701"], classes["0702"]])
    activity(make, "2025-11-10", "life_education", classes=[classes["0701"], classes["0702"]])
    result = measure("activities_per_student", LIFE)
    assert result.status == FAIL
    assert [e.key for e in result.evidence] == ["0703"]
    assert "S8" in result.evidence[0].detail and "S9" not in result.evidence[0].detail


def test_per_student_without_students_is_no_data(measure):
    assert measure("activities_per_student", LIFE).status == NO_DATA


# -- activities_per_period ---------------------------------------------------------------------


def test_a_monthly_check_in_every_month_of_the_term_passes(make, measure):
    for date in ("2025-09-30", "2025-10-01", "2025-11-15", "2025-12-15", "2026-01-05"):
        activity(make, date, "monthly_check")
    result = measure(
        "activities_per_period", {"type": "monthly_check", "period": "month", "minimum": 1}
    )
    assert result.status == PASS
    assert result.value == {"months": 5, "short": 0}


def test_a_month_without_its_check_is_named(make, measure):
    for date in ("2025-09-30", "2025-10-01", "2025-12-15", "2026-01-05"):
        activity(make, date, "monthly_check")
    result = measure(
        "activities_per_period", {"type": "monthly_check", "period": "month", "minimum": 1}
    )
    assert result.status == FAIL
    assert [(e.kind, e.key, e.label) for e in result.evidence] == [
        ("month", "2025-11", "2025年11月")
    ]


def test_the_quarters_the_autumn_term_holds_need_a_leadership_review(make, measure):
    params = {"type": "leadership_meeting", "period": "quarter", "minimum": 1}
    # The term (2025-09-01 … 2026-01-23) overlaps 2025 Q3, 2025 Q4 and 2026 Q1. Q3 ends on 30 Sept,
    # inside the term, with 30 of its days there: judged. Q4 is whole: judged. Of Q1 only 1–23
    # January lie in the term (23 of 90 days) and it ends after the term: left to the spring term.
    activity(make, "2025-09-15", "leadership_meeting")  # Q3
    result = measure("activities_per_period", params)
    assert result.status == FAIL
    assert result.value == {"quarters": 2, "short": 1}
    assert [(e.kind, e.key) for e in result.evidence] == [("quarter", "2025-Q4")]
    assert result.note == "2026年第1季度只有 23 天在本学期内，不在本学期评定。"
    activity(make, "2025-12-31", "leadership_meeting")  # Q4, its last day
    assert measure("activities_per_period", params).status == PASS


def test_an_unknown_period_is_refused(measure):
    with pytest.raises(ValueError, match="period"):
        measure("activities_per_period", {"type": "monthly_check", "period": "week", "minimum": 1})


# -- autumn_activity and activity_month --------------------------------------------------------

ORIENTATION = {"type": "orientation", "minimum": 1}
ACTIVITY_MONTH = {"type": "activity_month", "spring_month": 3, "autumn_month": 9, "minimum": 1}


def test_the_new_students_visit_the_room_in_autumn(make, measure):
    assert measure("autumn_activity", ORIENTATION).status == FAIL
    activity(make, "2025-09-03", "orientation")
    result = measure("autumn_activity", ORIENTATION)
    assert (result.status, result.value, result.threshold) == (PASS, 1, 1)


def test_the_autumn_rule_does_not_apply_to_a_spring_term(school, records):
    context = spring_context(school, records)
    result = all_metrics()["autumn_activity"](context, ORIENTATION)
    # 不适用, not 需人工确认: there is nothing for the counsellor to tick.
    assert result.status == NOT_APPLICABLE
    assert "秋季学期" in result.note and "不适用" in result.note


def test_the_activity_month_is_september_in_autumn(make, measure):
    activity(make, "2025-10-01", "activity_month")  # October: not the activity month
    result = measure("activity_month", ACTIVITY_MONTH)
    assert result.status == FAIL
    assert [(e.kind, e.key, e.label) for e in result.evidence] == [
        ("month", "2025-09", "2025年9月")
    ]
    activity(make, "2025-09-30", "activity_month")
    assert measure("activity_month", ACTIVITY_MONTH).status == PASS


def a_term(school, records, first_day, last_day):
    records.create(
        "term", {"name": "2025—2026学年第二学期", "first_day": first_day, "last_day": last_day}
    )
    return TermContext(school.db, find_term(school.db, "2025—2026学年第二学期"), school.today())


def test_the_activity_month_does_not_apply_to_a_term_without_that_month(school, records):
    # A spring term from 1 April: March (the spring activity month) has no day in it.
    april = a_term(school, records, "2026-04-01", "2026-07-10")
    result = all_metrics()["activity_month"](april, ACTIVITY_MONTH)
    assert result.status == NOT_APPLICABLE
    assert "2026年3月不在本学期内" in result.note


def test_a_term_holding_one_day_of_the_activity_month_is_asked_for_it(school, records, make):
    # Boundary: a term from 31 March holds one day of March, so March is asked for; the whole
    # calendar month counts, so an activity on 5 March, before the term, meets it.
    march_31 = a_term(school, records, "2026-03-31", "2026-07-10")
    metric = all_metrics()["activity_month"]
    assert metric(march_31, ACTIVITY_MONTH).status == FAIL
    activity(make, "2026-03-05", "activity_month")
    assert metric(march_31, ACTIVITY_MONTH).status == PASS


def test_the_activity_month_is_march_in_spring(school, records, make):
    context = spring_context(school, records)
    metric = all_metrics()["activity_month"]
    activity(make, "2026-02-28", "activity_month")
    assert [e.key for e in metric(context, ACTIVITY_MONTH).evidence] == ["2026-03"]
    activity(make, "2026-03-01", "activity_month")
    assert metric(context, ACTIVITY_MONTH).status == PASS


# -- documents_on_file and manual --------------------------------------------------------------

PLANS = {"kinds": ["task_force", "work_plan", "emergency_plan"]}


def test_all_three_documents_on_file_by_the_last_day_pass(make, measure):
    make("school_document", kind="task_force", name="工作专班成立通知", date="2024-09-01")
    make("school_document", kind="work_plan", name="工作方案", date="2025-09-05")
    make("school_document", kind="emergency_plan", name="应急预案", date="2026-01-23")
    result = measure("documents_on_file", PLANS)
    assert (result.status, result.value, result.threshold) == (PASS, 3, 3)


def test_missing_and_late_documents_are_named_in_chinese(make, measure):
    make("school_document", kind="work_plan", name="工作方案", date="2025-09-05")
    make("school_document", kind="emergency_plan", name="应急预案", date="2026-01-24")
    make("school_document", kind="other", name="其他文件", date="2025-09-05")
    result = measure("documents_on_file", PLANS)
    assert (result.status, result.value) == (FAIL, 1)
    assert [(e.kind, e.key, e.label) for e in result.evidence] == [
        ("document", "task_force", "工作专班"),
        ("document", "emergency_plan", "应急预案"),
    ]


def test_a_manual_rule_waits_for_the_counsellor(measure):
    result = measure("manual")
    assert (result.status, result.value, result.threshold) == (MANUAL, None, None)
    assert "确认" in result.note
