"""The year roll-over: the plan it proposes, what applying it writes, and how past and new terms are
judged afterwards.

On the junior school of conftest.py, worked out by hand: 0701 → 0801 八年级1班, 0702 → 0802 八年级2班, 0801 → 0901 九年级1班 (a
graduating class next year), 0901 graduates; four students move up, two graduate on 2026-08-31
(the last day of 2025—2026, which runs to the day before 1 September 2026), C2 is not carried.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import DamagedData, InvalidInput, ValidationFailed
from counselor_app.records.service import RecordService
from counselor_app.rollover.core import (
    AUDIT_ACTION,
    apply_rollover,
    may_roll_over,
    preview_rollover,
    rollover_source,
)
from counselor_app.school.core import ADMIN, School, User
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.years.school_years import (
    class_of_student,
    classes_of_year,
    current_school_year,
    enrolments_of_student,
)
from tests.conftest import CHINA
from tests.core.rollover.conftest import (
    AUTUMN_2026,
    SPRING_2026,
    Y2025,
    Y2026,
    D,
    new_classes,
    set_stage,
    status_of,
    table_contents,
)


# -- the plan ------------------------------------------------------------------------------------
def test_the_plan_moves_each_class_up_and_graduates_the_top_grade(school, junior):
    ids = junior
    plan = preview_rollover(school, Y2025)

    assert plan.to_year == Y2026
    assert [
        (r.old_code, r.code, r.name, r.new_grade, r.head_teacher_id, r.students, r.graduate)
        for r in plan.rows
    ] == [
        ("0701", "0801", "八年级1班", 8, ids["T01"], 2, False),
        ("0702", "0802", "八年级2班", 8, ids["T02"], 1, False),
        ("0801", "0901", "九年级1班", 9, ids["T03"], 1, False),
        ("0901", "1001", "十年级1班", 10, ids["T04"], 2, True),
    ]
    assert plan.graduation_day == D("2026-08-31")
    assert plan.left == 1 and plan.placed == 0
    assert plan.problems() == []
    assert plan.notes() == []
    assert str(plan.summary()) == (
        "3 个班升级（4 名学生），1 个班毕业（2 人）；1 名已转出或离校的学生不再分班"
    )
    assert plan.summary().render("en") == (
        "3 classes move up (4 students), 1 class graduates (2 students); "
        "1 student who left is not carried over"
    )


def test_a_nine_year_school_graduates_grade_nine_only(school, make):
    set_stage(school, "nine_year")
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    for code, grade, name in (
        ("0101", 1, "一年级1班"),
        ("0601", 6, "六年级1班"),
        ("0701", 7, "七年级1班"),
        ("0901", 9, "九年级1班"),
    ):
        make("class", school_year=2025, class_code=code, grade=grade, name=name)

    plan = preview_rollover(school, Y2025)

    assert [(r.old_code, r.code, r.name, r.graduate) for r in plan.rows] == [
        ("0101", "0201", "二年级1班", False),
        ("0601", "0701", "七年级1班", False),  # 六年级 goes on to 七年级 in a 九年一贯 school
        ("0701", "0801", "八年级1班", False),
        ("0901", "1001", "十年级1班", True),
    ]
    # Old 0701 and the new 0701 (last year's 0601) are in different years: no clash.
    assert plan.problems() == []


def test_custom_names_and_cohort_codes_are_kept_and_flagged(school, make):
    set_stage(school, "junior")
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    for code, name in (("2025级1班", "雏鹰班"), ("2025级2班", "初一(2)班"), ("J2503", "七(3)班")):
        make("class", school_year=2025, class_code=code, grade=7, name=name)

    plan = preview_rollover(school, Y2025)

    assert [(r.code, r.name, r.name_kept) for r in plan.rows] == [
        ("2025级1班", "雏鹰班", True),
        ("2025级2班", "初二(2)班", False),
        ("J2503", "八(3)班", False),
    ]
    flagged = plan.rows[0].notes()
    assert [n.render("zh") for n in flagged] == [
        "班级名称不含年级，升级后保留原名，请核对",
        "没有在读学生",
    ]


def test_a_school_without_a_stage_graduates_its_highest_grade_and_says_so(school, make):
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    make("class", school_year=2025, class_code="0701", grade=7, name="七年级1班")
    make("class", school_year=2025, class_code="0801", grade=8, name="八年级1班")

    plan = preview_rollover(school, Y2025)

    assert [r.graduate for r in plan.rows] == [False, True]
    assert [n.render("zh") for n in plan.notes()] == [
        "学校信息中没有填写学段，按本学年最高的 8 年级毕业。请核对，或先在“学校与辅导室”中填写学段。"
    ]


def test_a_class_marked_graduating_graduates_whatever_its_grade(school, junior, records):
    records.update("class", junior["0801"], {"graduating": True})
    plan = preview_rollover(school, Y2025)
    assert [r.graduate for r in plan.rows] == [False, False, True, True]
    assert [n.render("zh") for n in plan.rows[2].notes()] == ["标为毕业年级"]


# -- checking an edited plan ---------------------------------------------------------------------
def test_two_rows_with_one_code_are_refused_naming_both(school, junior):
    plan = preview_rollover(school, Y2025).edited(1, code="0801")
    [problem] = plan.problems()
    assert (problem.row, problem.field) == (2, "code")
    assert str(problem.message) == "0702 七年级2班：新的班级编号“0801”与 0701 七年级1班 的相同"


def test_a_code_the_new_year_already_has_is_refused(school, junior, make):
    make("class", school_year=2026, class_code="0802", grade=8, name="插班")
    plan = preview_rollover(school, Y2025)
    [problem] = plan.problems()
    assert (problem.row, problem.field) == (2, "code")
    assert str(problem.message) == (
        "0702 七年级2班：2026—2027学年已有班级编号为“0802”的班级（插班）"
    )


def test_blank_codes_and_names_an_unknown_teacher_and_a_late_graduation_are_refused(school, junior):
    plan = (
        preview_rollover(school, Y2025)
        .edited(0, code="  ")
        .edited(1, name="")
        .edited(2, head_teacher_id=99999)
        .with_graduation_day(D("2026-09-01"))
    )
    assert [(p.row, p.field) for p in plan.problems()] == [
        (1, "code"),
        (2, "name"),
        (3, "head_teacher_id"),
        (None, "graduation_day"),
    ]
    assert "2026-07-03 至 2026-08-31" in str(plan.problems()[-1].message)
    # A graduating row's code and name are not used, so not checked.
    assert preview_rollover(school, Y2025).edited(3, code="").problems() == []


def test_a_plan_with_problems_writes_nothing(school, junior):
    before = table_contents(school)
    with pytest.raises(ValidationFailed) as refused:
        apply_rollover(school, preview_rollover(school, Y2025).edited(1, code="0801"))
    assert [p.row for p in refused.value.problems] == [2]
    assert table_contents(school) == before


def test_only_editable_fields_can_be_edited(school, junior):
    with pytest.raises(KeyError):
        preview_rollover(school, Y2025).edited(0, old_grade=3)


# -- applying ------------------------------------------------------------------------------------
def test_applying_makes_the_new_classes_moves_the_students_and_graduates_the_top(school, junior):
    ids = junior
    plan = preview_rollover(school, Y2025).edited(0, head_teacher_id=ids["T05"])

    result = apply_rollover(school, plan)

    assert (result.classes_created, result.students_moved) == (3, 4)
    assert (result.classes_graduated, result.students_graduated) == (1, 2)
    assert new_classes(school) == [
        ("0801", 8, "八年级1班", ids["T05"], False),
        ("0802", 8, "八年级2班", ids["T02"], False),
        ("0901", 9, "九年级1班", ids["T03"], True),
    ]
    new = {c.class_code: c.id for c in classes_of_year(school.db, Y2026)}
    for student, old_code, new_code in (
        ("A1", "0701", "0801"),
        ("A2", "0701", "0801"),
        ("B1", "0702", "0802"),
        ("C1", "0801", "0901"),
    ):
        # Last year's class is kept as that year's enrolment; the student is shown in the new one.
        assert enrolments_of_student(school.db, ids[student]) == [
            (Y2025, ids[old_code]),
            (Y2026, new[new_code]),
        ]
        shown = school.db.scalar("SELECT class_id FROM student WHERE id = ?", (ids[student],))
        assert shown == new[new_code]
    for graduate in ("D1", "D2"):
        assert status_of(school, ids[graduate]) == ("graduated", "2026-08-31")
        assert enrolments_of_student(school.db, ids[graduate]) == [(Y2025, ids["0901"])]
    assert status_of(school, ids["C2"]) == ("transferred", "2026-03-01")
    assert class_of_student(school.db, ids["C2"], Y2026) is None
    # The old year's classes are as they were.
    assert [c.class_code for c in classes_of_year(school.db, Y2025)] == [
        "0701",
        "0702",
        "0801",
        "0901",
    ]


def test_a_chosen_graduation_day_is_written(school, junior):
    apply_rollover(school, preview_rollover(school, Y2025).with_graduation_day(D("2026-07-10")))
    assert status_of(school, junior["D1"]) == ("graduated", "2026-07-10")


def test_a_student_already_placed_in_the_new_year_stays_there(school, junior, make, records):
    ids = junior
    repeat = make("class", school_year=2026, class_code="0701", grade=7, name="七年级1班")
    records.update("student", ids["A2"], {"class_id": repeat})  # repeats grade 7

    plan = preview_rollover(school, Y2025)
    assert (plan.rows[0].students, plan.placed) == (1, 1)
    assert "1 名学生已在2026—2027学年分班，保持不变" in str(plan.summary())
    apply_rollover(school, plan)

    assert class_of_student(school.db, ids["A2"], Y2026) == repeat


def test_the_school_moves_into_the_new_year_at_once(school, junior):
    today = school.today()
    assert current_school_year(school.db, today) == Y2025
    apply_rollover(school, preview_rollover(school, Y2025))
    # Forms, pickers and a roster workbook's blank 学年 now mean the new year, in July already.
    assert current_school_year(school.db, today) == Y2026
    made = RecordService(school).create(
        "class", {"class_code": "0703", "grade": 7, "name": "七年级3班"}
    )
    assert RecordService(school).get("class", made.record_id)["school_year"] == Y2026.start


def test_a_year_cannot_be_rolled_over_twice_or_before_it_begins(school, junior):
    assert rollover_source(school) == Y2025
    apply_rollover(school, preview_rollover(school, Y2025))
    assert rollover_source(school) == Y2025  # by its terms the school is still in 2025—2026
    with pytest.raises(InvalidInput) as twice:
        preview_rollover(school, Y2025)
    assert str(twice.value) == "2025—2026学年已于 2026-07-15 升级到2026—2027学年。"
    with pytest.raises(InvalidInput) as early:
        preview_rollover(school, Y2026)
    assert str(early.value) == (
        "2026—2027学年还没有结束：从 2027-06-01 起（学年最后一个学期结束前 30 天）才可以升级。"
    )


def test_a_year_can_be_rolled_over_from_thirty_days_before_its_last_term_ends(
    school, junior, clock
):
    # The spring term ends on 3 July 2026: from 3 June on.
    school.clock = fixed_clock(dt.datetime(2026, 6, 2, 18, 0, tzinfo=CHINA))
    with pytest.raises(InvalidInput) as early:
        preview_rollover(school, Y2025)
    assert "从 2026-06-03 起" in str(early.value)
    school.clock = fixed_clock(dt.datetime(2026, 6, 3, 8, 0, tzinfo=CHINA))
    assert preview_rollover(school, Y2025).rows


def test_a_year_without_classes_cannot_be_rolled_over(school, make):
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    assert rollover_source(school) is None
    with pytest.raises(InvalidInput) as refused:
        preview_rollover(school, Y2025)
    assert "2025—2026学年没有班级" in str(refused.value)


def test_a_plan_made_before_the_classes_changed_is_refused(school, junior, make):
    plan = preview_rollover(school, Y2025)
    make("class", school_year=2025, class_code="0703", grade=7, name="七年级3班")
    with pytest.raises(InvalidInput) as refused:
        apply_rollover(school, plan)
    assert "请重新预览" in str(refused.value)


def test_an_administrator_may_roll_over(school, junior):
    school.user = User("赵主任", ADMIN)
    assert apply_rollover(school, preview_rollover(school, Y2025)).classes_created == 3


def test_a_database_opened_read_only_is_not_rolled_over(school, junior, monkeypatch):
    plan = preview_rollover(school, Y2025)
    monkeypatch.setattr(school.db, "read_only", True)  # as a damaged database is opened
    assert not may_roll_over(school)
    with pytest.raises(DamagedData):
        apply_rollover(school, plan)
    monkeypatch.undo()
    assert classes_of_year(school.db, Y2026) == []


def test_the_audit_trail_has_the_counts_and_no_names(school, junior):
    apply_rollover(school, preview_rollover(school, Y2025))
    entry = school.db.query_one(
        "SELECT user_name, action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
    )
    assert (entry["user_name"], entry["action"]) == ("王老师", AUDIT_ACTION)
    assert school.audit.verify().intact
    assert json.loads(entry["detail"]) == {
        "from_year": 2025,
        "to_year": 2026,
        "classes_created": 3,
        "students_moved": 4,
        "classes_graduated": 1,
        "students_graduated": 2,
    }


# -- judging terms afterwards --------------------------------------------------------------------
def screening_evidence(school: School, term: str) -> dict[str, str]:
    """Who the screening rule names for the term (nobody was screened), with the label that gives
    their class of that term."""
    report = run_self_check(school, term, "sucheng-2023", audit=False)
    return {e.key: str(e.label) for e in report.result("SC-13-screening").evidence}


def test_past_terms_keep_the_old_classes_and_the_new_term_has_the_new(school, junior, make):
    make("term", name=AUTUMN_2026, first_day="2026-09-01", last_day="2027-01-22")
    apply_rollover(school, preview_rollover(school, Y2025))

    spring = screening_evidence(school, SPRING_2026)
    autumn = screening_evidence(school, AUTUMN_2026)

    # Spring 2026: everyone of that year in that year's class, the graduates among them; C2
    # left in March.
    assert sorted(spring) == ["A1", "A2", "B1", "C1", "D1", "D2"]
    assert "0701" in spring["A1"] and "0901" in spring["D1"] and "0801" in spring["C1"]
    # Autumn 2026: the four who moved up, in their new classes; the graduates are gone.
    assert sorted(autumn) == ["A1", "A2", "B1", "C1"]
    assert "0801" in autumn["A1"] and "0802" in autumn["B1"] and "0901" in autumn["C1"]
