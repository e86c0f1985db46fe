"""The school workbook across school years: classes of every year, 学年分班, class references by
the school year of the row's date, and a two-year school imported and judged term by term.

The two-year school (built from the program's own template, no binary fixture): classes numbered
by grade, 0701/0801/0901 in 2024—2025 and again in 2025—2026 with other students; cohort A moves
from 0801 to 0901, cohort B from 0701 to 0801, cohort C left 0901 in July 2025 (毕业), cohort D
arrived in 0701 in September 2025. Today (the test clock) is 2025-10-16, in the autumn term of
2025—2026.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import ValidationFailed
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, unlock
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.workbook import export_workbook, import_workbook, write_template
from counselor_app.years.school_years import load_terms
from tests.conftest import CHINA, NOW, make_school
from tests.core.test_workbook import (
    database_content,
    fill_template,
    new_school,
    problem_at,
    problem_places,
    sheet_contents,
    write_book,
)

TODAY = NOW.date()
PAST, CURRENT = "2024—2025学年第二学期", "2025—2026学年第一学期"
A = ("20230001", "20230002")  # 0801 → 0901
B = ("20240001", "20240002")  # 0701 → 0801
C = ("20220001", "20220002")  # 0901, graduated in July 2025
D = ("20250001", "20250002")  # new in 0701, September 2025


def _classes(year: str) -> list[dict[str, Any]]:
    return [
        {"学年": year, "班级编号": "0701", "年级": 7, "班级名称": "七年级1班", "班主任工号": "T02"},
        {"学年": year, "班级编号": "0801", "年级": 8, "班级名称": "八年级1班", "班主任工号": "T03"},
        {"学年": year, "班级编号": "0901", "年级": 9, "班级名称": "九年级1班", "班主任工号": "T04",
         "毕业年级": "是"},
    ]  # fmt: skip


def _placed(numbers: tuple[str, ...], year: str, code: str) -> list[dict[str, Any]]:
    return [{"学年": year, "学号": number, "班级编号": code} for number in numbers]


def _lesson(day: str, code: str, periods: int) -> dict[str, Any]:
    return {"日期": day, "班级编号": code, "授课教师工号": "T01", "课时": periods, "主题": "情绪"}


def _screened(day: str, numbers: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"日期": day, "学号": n, "量表": "MHT", "结果等级": 0} for n in numbers]


Y24, Y25 = "2024—2025学年", "2025-2026"  # any dash will do
TWO_YEARS: dict[str, list[dict[str, Any]]] = {
    "学期": [
        {"学期名称": "2024—2025学年第一学期", "开始日期": "2024-09-02", "结束日期": "2025-01-17"},
        {"学期名称": PAST, "开始日期": "2025-02-17", "结束日期": "2025-07-04"},
        {"学期名称": CURRENT, "开始日期": "2025-09-01", "结束日期": "2026-01-16"},
    ],
    "教职工": [
        {"工号": "T01", "姓名": "欧阳晞", "岗位": "专职心理教师", "资格等级": "B"},
        {"工号": "T02", "姓名": "司马翀", "岗位": "班主任"},
        {"工号": "T03", "姓名": "林芃", "岗位": "班主任"},
        {"工号": "T04", "姓名": "周祎", "岗位": "班主任"},
    ],
    "班级": _classes(Y24) + _classes(Y25),
    "学年分班": (
        _placed(A, Y24, "0801") + _placed(A, Y25, "0901") + _placed(B, Y24, "0701")
        + _placed(B, Y25, "0801") + _placed(C, Y24, "0901") + _placed(D, Y25, "0701")
    ),
    "学生": (
        [{"学号": n, "姓名": f"学生{n}", "性别": "女", "班级编号": "0901"} for n in A]
        + [{"学号": n, "姓名": f"学生{n}", "性别": "男", "班级编号": "0801"} for n in B]
        + [{"学号": n, "姓名": f"学生{n}", "性别": "男", "班级编号": "0901", "状态": "毕业",
            "离校日期": "2025-07-04"} for n in C]
        + [{"学号": n, "姓名": f"学生{n}", "性别": "女", "班级编号": "0701",
            "入学日期": "2025-09-01"} for n in D]
    ),
    "心理课": [
        # Last year's spring: 0701 short (2 of 10 periods), the others full.
        _lesson("2025-03-10", "0701", 2), _lesson("2025-03-10", "0801", 10),
        _lesson("2025-03-11", "0901", 10),
        _lesson("2024-10-14", "0701", 10), _lesson("2024-10-14", "0801", 10),
        _lesson("2024-10-15", "0901", 10),
        # This autumn: 0901 short.
        _lesson("2025-10-13", "0701", 10), _lesson("2025-10-13", "0801", 10),
        _lesson("2025-10-14", "0901", 3),
    ],
    "测评": (
        _screened("2024-10-08", (A[0], A[1], B[1], C[1]))  # not B[0] and C[0] last year
        + _screened("2025-09-20", (A[0], A[1], B[1], D[1]))  # not B[0] and D[0] this year
    ),
    "活动": [
        {"日期": "2025-03-20", "类型": "心理主题班会", "标题": "春季班会", "班级编号": "0701;0801"},
        {"日期": "2025-09-25", "类型": "心理主题班会", "标题": "秋季班会", "班级编号": "0701"},
    ],
    "委员月报": [
        {"月份": "2025-03", "班级编号": "0701", "报告人学号": B[0], "无异常": "是"},
        {"月份": "2025-09", "班级编号": "0701", "报告人学号": D[0], "无异常": "是"},
    ],
}  # fmt: skip


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "学校数据模板.xlsx"
    write_template(path, today=TODAY)
    return path


@pytest.fixture
def two_years(template: Path, tmp_path: Path) -> Path:
    return fill_template(template, tmp_path / "两个学年.xlsx", TWO_YEARS)


@pytest.fixture
def other_school(tmp_path: Path) -> Iterator[School]:
    school = new_school(tmp_path / "other")
    yield school
    school.close()


def placements(school: School) -> set[tuple[str, int, str]]:
    """(学号, school year, 班级编号) of every enrolment."""
    return {
        tuple(r)
        for r in school.db.query(
            "SELECT s.student_no, e.school_year, c.class_code FROM enrolment e"
            " JOIN student s ON s.id = e.student_id JOIN class c ON c.id = e.class_id"
        )
    }


def shown_classes(school: School) -> dict[str, tuple[int, str]]:
    """学号 → (school year, 班级编号) of the class the student is shown in."""
    return {
        r[0]: (r[1], r[2])
        for r in school.db.query(
            "SELECT s.student_no, c.school_year, c.class_code FROM student s"
            " JOIN class c ON c.id = s.class_id"
        )
    }


def in_year(numbers: tuple[str, ...], year: int, code: str) -> set[tuple[str, int, str]]:
    return {(number, year, code) for number in numbers}


def term_context(school: School, name: str) -> TermContext:
    (term,) = [t for t in load_terms(school.db) if t.name == name]
    return TermContext(school.db, term, school.today())


def evidence(report: Any, rule_id: str) -> list[tuple[str, str]]:
    (result,) = [r for r in report.results if r.rule_id == rule_id]
    return [(e.key, str(e.label)) for e in result.evidence]


# -- a two-year school --------------------------------------------------------------------------
def test_a_two_year_workbook_imports_each_years_classes_and_students(school, two_years):
    report = import_workbook(school, two_years)

    assert (report["班级"].added, report["学生"].added, report["学年分班"].added) == (6, 8, 12)
    assert placements(school) == (
        in_year(A, 2024, "0801") | in_year(A, 2025, "0901") | in_year(B, 2024, "0701")
        | in_year(B, 2025, "0801") | in_year(C, 2024, "0901") | in_year(D, 2025, "0701")
    )  # fmt: skip
    # Each student is shown in the class of their latest year; the graduates in last year's.
    shown = shown_classes(school)
    assert {shown[n] for n in A} == {(2025, "0901")}
    assert {shown[n] for n in C} == {(2024, "0901")}
    assert {shown[n] for n in D} == {(2025, "0701")}
    # Every class a row names is the class of the school year of its date.
    lessons = school.db.query(
        "SELECT l.date, c.class_code, c.school_year FROM psych_lesson l JOIN class c"
        " ON c.id = l.class_id"
    )
    assert {(r[0], r[1], r[2]) for r in lessons} >= {
        ("2025-03-10", "0701", 2024), ("2024-10-15", "0901", 2024), ("2025-10-14", "0901", 2025),
    }  # fmt: skip
    assert all(r[2] == (2024 if r[0] < "2025-08-01" else 2025) for r in lessons)
    reached = school.db.query(
        "SELECT a.title, c.class_code, c.school_year FROM activity a"
        " JOIN activity_class ac ON ac.activity_id = a.id JOIN class c ON c.id = ac.class_id"
    )
    assert {tuple(r) for r in reached} == {
        ("春季班会", "0701", 2024), ("春季班会", "0801", 2024), ("秋季班会", "0701", 2025),
    }  # fmt: skip
    reports = school.db.query(
        "SELECT m.month, c.school_year FROM monitor_report m JOIN class c ON c.id = m.class_id"
    )
    assert {tuple(r) for r in reports} == {("2025-03", 2024), ("2025-09", 2025)}


def test_the_self_check_of_each_term_names_that_terms_classes_and_students(school, two_years):
    import_workbook(school, two_years)

    # Last year's spring: last year's classes and students, graduates included, newcomers not.
    past = term_context(school, PAST)
    assert {(s.student_no, s.class_code) for s in past.students} == {
        *((n, "0801") for n in A), *((n, "0701") for n in B), *((n, "0901") for n in C),
    }  # fmt: skip
    assert {(c.class_code, c.school_year) for c in past.classes} == {
        ("0701", 2024),
        ("0801", 2024),
        ("0901", 2024),
    }
    assert not past.rosters_of_today
    report = run_self_check(school, PAST, "sucheng-2023", audit=False)
    assert evidence(report, "SC-09-lessons") == [("0701", "七年级1班")]  # 2 of 10 periods
    assert evidence(report, "SC-13-screening") == [
        (B[0], f"学号 {B[0]}（班级 0701）"),
        (C[0], f"学号 {C[0]}（班级 0901）"),
    ]

    # This autumn: today's classes and students; the graduates gone, the newcomers in.
    current = term_context(school, CURRENT)
    assert {(s.student_no, s.class_code) for s in current.students} == {
        *((n, "0901") for n in A), *((n, "0801") for n in B), *((n, "0701") for n in D),
    }  # fmt: skip
    assert {c.school_year for c in current.classes} == {2025}
    report = run_self_check(school, CURRENT, "sucheng-2023", audit=False)
    assert evidence(report, "SC-09-lessons") == [("0901", "九年级1班")]  # 3 of 10 periods


def test_reimporting_the_two_year_workbook_changes_nothing(school, two_years):
    import_workbook(school, two_years)
    before = database_content(school)
    report = import_workbook(school, two_years)
    assert not report.changed_anything
    assert report["学年分班"].unchanged == 12 and report["班级"].unchanged == 6
    assert database_content(school) == before


def test_the_export_writes_every_year_and_reimports_unchanged(
    school, other_school, two_years, tmp_path
):
    import_workbook(school, two_years)
    exported = tmp_path / "导出.xlsx"
    export_workbook(school, exported)

    contents = sheet_contents(exported)
    header, rows = contents["班级"]
    assert {(row[0], row[1]) for row in rows} == {
        (year, code) for year in ("2024—2025学年", "2025—2026学年") for code in ("0701", "0801", "0901")
    }  # fmt: skip
    header, rows = contents["学年分班"]
    assert header == ("学年*", "学号*", "班级编号*") and sum(rows.values()) == 12
    assert ("2024—2025学年", C[0], "0901") in rows
    header, rows = contents["心理课"]
    # Each lesson's class is the class of its date's year: written as the plain 班级编号.
    assert {dict(zip(header, row, strict=True))["班级编号*"] for row in rows} == {
        "0701", "0801", "0901"
    }  # fmt: skip

    before = database_content(school)
    assert not import_workbook(school, exported).changed_anything
    assert database_content(school) == before

    import_workbook(other_school, exported)
    again = tmp_path / "再导出.xlsx"
    export_workbook(other_school, again)
    assert sheet_contents(again) == sheet_contents(exported)
    assert placements(other_school) == placements(school)


def test_a_record_linked_to_a_class_of_another_year_is_exported_with_that_year(
    school, two_years, tmp_path
):
    import_workbook(school, two_years)
    records = RecordService(school)
    this_years_0801 = records.find("class", equals={"class_code": "0801", "school_year": 2025})[0]
    teacher = records.find("staff", equals={"staff_no": "T01"})[0]
    # Entered by hand: a lesson of last spring, linked to this year's 0801.
    records.create(
        "psych_lesson",
        {"date": "2025-05-12", "class_id": this_years_0801["id"], "teacher_id": teacher["id"],
         "periods": 1, "theme": "补录"},
    )  # fmt: skip
    exported = tmp_path / "导出.xlsx"
    export_workbook(school, exported)
    header, rows = sheet_contents(exported)["心理课"]
    (added,) = [dict(zip(header, row, strict=True)) for row in rows if "补录" in row]
    assert added["班级编号*"] == "0801（2025—2026学年）"

    before = database_content(school)
    assert not import_workbook(school, exported).changed_anything
    assert database_content(school) == before


def test_a_cell_may_name_the_year_of_its_class(school, two_years, tmp_path):
    import_workbook(school, two_years)
    book = write_book(tmp_path / "补课.xlsx", {
        "心理课": [["日期", "班级编号", "授课教师工号", "课时"],
                   ["2025-06-02", "0901（2025-2026学年）", "T01", 1],
                   ["2025-06-03", "0901(2024—2025)", "T01", 1]],
    })  # fmt: skip
    assert import_workbook(school, book)["心理课"].added == 2
    lessons = school.db.query(
        "SELECT l.date, c.school_year FROM psych_lesson l JOIN class c ON c.id = l.class_id"
        " WHERE l.date IN ('2025-06-02', '2025-06-03') ORDER BY l.date"
    )
    assert [tuple(r) for r in lessons] == [("2025-06-02", 2025), ("2025-06-03", 2024)]


# -- refused rows -------------------------------------------------------------------------------
BASE: dict[str, list[list[Any]]] = {
    "学期": [["学期名称", "开始日期", "结束日期"],
             [PAST, "2025-02-17", "2025-07-04"], [CURRENT, "2025-09-01", "2026-01-16"]],
    "教职工": [["工号", "姓名", "岗位"], ["T01", "欧阳晞", "专职心理教师"]],
    "班级": [["学年", "班级编号", "年级", "班级名称"],
             [Y24, "0801", 8, "八年级1班"], [Y25, "0701", 7, "七年级1班"],
             [Y25, "0801", 8, "八年级1班"]],
    "学生": [["学号", "姓名", "性别", "班级编号"], ["S1", "甲", "男", "0801"],
             ["S2", "乙", "女", "0701"]],
}  # fmt: skip


def refused(school: School, path: Path) -> ValidationFailed:
    before = database_content(school, with_audit=True)
    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, path)
    assert database_content(school, with_audit=True) == before
    return caught.value


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        # 2024—2025 has a 0801 but no 0701.
        (["2024—2025学年", "S2", "0701"], "班级编号", "2024—2025学年没有班级 0701"),
        (["2024—2025学年", "S9", "0801"], "学号", "找不到学号为“S9”的学生"),
        (["2024", "S1", "0801"], "学年", "“2024”不是学年"),
        (["2024-2026", "S1", "0801"], "学年", "结束的年份应比开始的年份大 1"),
        ([None, "S1", "0801"], "学年", "必填"),
    ],
    ids=["class-of-another-year", "unknown-student", "bare-year", "two-years", "no-year"],
)
def test_a_bad_placement_is_refused_at_its_cell(school, tmp_path, row, column, expected):
    book = write_book(
        tmp_path / "分班.xlsx", {**BASE, "学年分班": [["学年", "学号", "班级编号"], row]}
    )
    error = refused(school, book)
    assert problem_places(error) == {("学年分班", 2, column)}
    assert expected in problem_at(error, "学年分班", 2, column)


def test_two_placements_of_a_student_in_one_year_are_refused_naming_the_year(school, tmp_path):
    book = write_book(tmp_path / "分班.xlsx", {**BASE, "学年分班": [
        ["学年", "学号", "班级编号"], [Y25, "S1", "0801"], [Y24, "S1", "0801"],
        ["2025—2026学年", "S1", "0701"],
    ]})  # fmt: skip
    error = refused(school, book)
    assert problem_places(error) == {("学年分班", 4, "学号")}
    message = problem_at(error, "学年分班", 4, "学号")
    assert "第 2 行" in message and "2025—2026学年" in message


def test_a_class_code_given_twice_in_one_year_is_refused_naming_the_year(school, tmp_path):
    book = write_book(tmp_path / "班级.xlsx", {
        "班级": [["学年", "班级编号", "年级", "班级名称"], [Y25, "0701", 7, "甲"], [Y24, "0701", 7, "乙"],
                 [Y25, "0701", 7, "丙"]],
    })  # fmt: skip
    error = refused(school, book)
    assert problem_places(error) == {("班级", 4, "班级编号")}
    assert "（同为2025—2026学年）" in problem_at(error, "班级", 4, "班级编号")


def test_a_student_whose_class_disagrees_with_their_latest_placement_is_refused(school, tmp_path):
    book = write_book(tmp_path / "分班.xlsx", {**BASE, "学年分班": [
        ["学年", "学号", "班级编号"], [Y24, "S1", "0801"], [Y25, "S1", "0701"],
        [Y25, "S2", "0701"],
    ]})  # fmt: skip
    error = refused(school, book)
    # 学生 says 0801 for S1, whose latest year (2025—2026) is 0701 on row 3.
    assert problem_places(error) == {("学生", 2, "班级编号")}
    message = problem_at(error, "学生", 2, "班级编号")
    assert "“学年分班”表第 3 行" in message and "2025—2026学年" in message and "0701" in message


@pytest.mark.parametrize(
    ("sheet", "row", "expected"),
    [
        (
            "心理课",
            [["日期", "班级编号", "授课教师工号", "课时"], ["2025-03-10", "0701", "T01", 1]],
            "2024—2025学年没有班级 0701：本行的日期 2025-03-10 在2024—2025学年内",
        ),
        (
            "活动",
            [
                ["日期", "类型", "标题", "班级编号"],
                ["2025-03-10", "心理主题班会", "班会", "0801;0701"],
            ],
            "2024—2025学年没有班级 0701",
        ),
        (
            "委员月报",
            [["月份", "班级编号", "报告人学号", "无异常"], ["2025-06", "0701", "S1", "是"]],
            "2024—2025学年没有班级 0701",
        ),
    ],
    ids=["lesson", "activity", "monitor-report"],
)
def test_a_class_missing_from_the_year_of_the_rows_date_is_refused(
    school, tmp_path, sheet, row, expected
):
    book = write_book(tmp_path / "缺班.xlsx", {**BASE, sheet: row})
    error = refused(school, book)
    assert problem_places(error) == {(sheet, 2, "班级编号")}
    message = problem_at(error, sheet, 2, "班级编号")
    assert expected in message
    # And it says how to name this year's 0701 instead.
    assert "0701（2025—2026学年）" in message


# -- a workbook without 学年分班 -------------------------------------------------------------------
def test_without_placements_a_students_class_is_of_the_current_year(school, tmp_path):
    import_workbook(school, write_book(tmp_path / "名册.xlsx", BASE))
    assert shown_classes(school) == {"S1": (2025, "0801"), "S2": (2025, "0701")}


def test_without_placements_a_class_missing_from_the_current_year_is_refused(school, tmp_path):
    book = write_book(tmp_path / "名册.xlsx", {
        **BASE,
        "班级": [["学年", "班级编号", "年级", "班级名称"], [Y24, "0801", 8, "八年级1班"]],
        "学生": [["学号", "姓名", "性别", "班级编号"], ["S1", "甲", "男", "0801"]],
    })  # fmt: skip
    error = refused(school, book)
    assert problem_places(error) == {("学生", 2, "班级编号")}
    message = problem_at(error, "学生", 2, "班级编号")
    assert "当前学年（2025—2026学年）没有班级 0801" in message and "学年分班" in message


def test_a_roster_without_placements_keeps_a_graduates_class(school, two_years, tmp_path):
    import_workbook(school, two_years)
    before = database_content(school)
    # A roster edited from last year's list: C's 0901 is last year's 0901, where they still are.
    roster = write_book(tmp_path / "名册.xlsx", {
        "学生": [["学号", "姓名", "性别", "班级编号"], *([n, f"学生{n}", "男", "0901"] for n in C)],
    })  # fmt: skip
    assert not import_workbook(school, roster).changed_anything
    assert database_content(school) == before


# -- the next year's roster, before its first term ---------------------------------------------
def test_next_years_roster_imports_before_its_first_term_exists(school, two_years, tmp_path):
    import_workbook(school, two_years)
    school.clock = fixed_clock(dt.datetime(2026, 8, 20, 9, 0, tzinfo=CHINA))  # summer holiday
    y26 = "2026—2027学年"
    roster = write_book(tmp_path / "新学年名册.xlsx", {
        "班级": [["学年", "班级编号", "年级", "班级名称"],
                 [y26, "0701", 7, "七年级1班"], [y26, "0801", 8, "八年级1班"],
                 [y26, "0901", 9, "九年级1班"]],
        "学年分班": [["学年", "学号", "班级编号"],
                     *([y26, n, "0901"] for n in B), *([y26, n, "0801"] for n in D),
                     [y26, "20260001", "0701"]],
        "学生": [["学号", "姓名", "性别", "班级编号", "入学日期"],
                 *([n, f"学生{n}", "男", "0901", None] for n in B),
                 *([n, f"学生{n}", "女", "0801", "2025-09-01"] for n in D),
                 ["20260001", "新生", "女", "0701", "2026-09-01"]],
    })  # fmt: skip
    report = import_workbook(school, roster)
    assert (report["班级"].added, report["学年分班"].added, report["学生"].added) == (3, 5, 1)
    shown = shown_classes(school)
    assert {shown[n] for n in B} == {(2026, "0901")} and shown["20260001"] == (2026, "0701")
    assert {shown[n] for n in A} == {(2025, "0901")}  # graduating this summer: not in the roster
    assert in_year(B, 2025, "0801") | in_year(B, 2024, "0701") <= placements(school)


# -- a workbook exported before school years ----------------------------------------------------
def as_schema5_export(path: Path, target: Path) -> Path:
    """An export in the shape the schema-5 release wrote: no 学年 on 班级, no 范围 on 停开日期,
    no 学年分班 and no 外出培训."""
    workbook = openpyxl.load_workbook(path)
    for name in ("学年分班", "外出培训"):
        del workbook[name]
    for sheet_name, header in (("班级", "学年"), ("停开日期", "范围")):
        sheet = workbook[sheet_name]
        (column,) = [c.column for c in sheet[1] if str(c.value).rstrip("*") == header]
        sheet.delete_cols(column)
    workbook.save(target)
    return target


def test_an_export_from_before_school_years_still_imports_unchanged(tmp_path):
    # The school the schema-5 release wrote (tests/fixtures/schema5), upgraded on opening.
    from tests.core.test_schema5_fixture import FIXTURE, OPENED_AT, PASSWORD, USER

    clock = fixed_clock(OPENED_AT)
    paths = SchoolPaths(tmp_path / "old")
    shutil.copytree(FIXTURE, paths.root, ignore=shutil.ignore_patterns("selfcheck"))
    with unlock(paths, USER, PASSWORD, clock=clock) as old:
        export_workbook(old, tmp_path / "导出.xlsx")
        book = as_schema5_export(tmp_path / "导出.xlsx", tmp_path / "旧版导出.xlsx")
        before = database_content(old)
        assert not import_workbook(old, book).changed_anything
        assert database_content(old) == before
        expected = {
            "placements": placements(old),
            "lessons": lesson_classes(old),
            "judged": {term: judged(old, term) for term in (PAST, CURRENT)},
        }

    fresh = make_school(
        tmp_path / "new", name="新学校", user="陈老师", password="another-password-1", clock=clock
    ).school
    try:
        import_workbook(fresh, book)
        # One school year of classes; older lessons name them, as in the upgraded school.
        assert placements(fresh) == expected["placements"]
        assert lesson_classes(fresh) == expected["lessons"]
        for term in (PAST, CURRENT):
            assert judged(fresh, term) == expected["judged"][term], term
    finally:
        fresh.close()


def lesson_classes(school: School) -> list[tuple[str, str, int]]:
    return sorted(
        tuple(r)
        for r in school.db.query(
            "SELECT l.date, c.class_code, c.school_year FROM psych_lesson l JOIN class c"
            " ON c.id = l.class_id"
        )
    )


def judged(school: School, term: str) -> dict[str, tuple[Any, ...]]:
    """Each rule's status, value and evidence; the room's weekly hours aside, since a closure day
    imported without 范围 is 仅辅导室 in a new school (the upgrade made old ones 全校停课)."""
    report = run_self_check(school, term, "sucheng-2023", audit=False)
    return {
        r.rule_id: (r.status, r.value, tuple(e.to_json().items() for e in r.evidence))
        for r in report.results
        if r.rule_id != "SC-11-room-hours"
    }


def test_a_rejected_class_or_student_is_reported_once_not_at_every_row_naming_it(school, tmp_path):
    book = write_book(tmp_path / "一处错.xlsx", {
        **BASE,
        "班级": [*BASE["班级"], [Y24, "0701", "七", "七年级1班"]],  # 年级 must be a number
        "学生": [*BASE["学生"], ["S3", "丙", "?", "0701"]],  # 性别 is 男 or 女
        "学年分班": [["学年", "学号", "班级编号"], [Y24, "S2", "0701"], [Y25, "S3", "0701"]],
        "心理课": [["日期", "班级编号", "授课教师工号", "课时"], ["2025-03-10", "0701", "T01", 1]],
    })  # fmt: skip
    error = refused(school, book)
    assert problem_places(error) == {("班级", 5, "年级"), ("学生", 4, "性别")}


def test_placements_alone_move_students_into_next_years_classes(school, two_years, tmp_path):
    import_workbook(school, two_years)
    school.clock = fixed_clock(dt.datetime(2026, 8, 20, 9, 0, tzinfo=CHINA))
    y26 = "2026—2027学年"
    roster = write_book(tmp_path / "升级.xlsx", {
        "班级": [["学年", "班级编号", "年级", "班级名称"], [y26, "0801", 8, "八年级1班"]],
        "学年分班": [["学年", "学号", "班级编号"], *([y26, n, "0801"] for n in D)],
    })  # fmt: skip
    report = import_workbook(school, roster)
    assert report["学年分班"].added == 2
    assert {shown_classes(school)[n] for n in D} == {(2026, "0801")}
    assert in_year(D, 2025, "0701") <= placements(school)
