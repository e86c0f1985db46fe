"""What a class is called next year: codes that encode the grade go up by one, names follow their
grade in the way they were written, and the stage decides who graduates."""

from __future__ import annotations

import pytest

from counselor_app.years.grade_names import graduation_grades, next_class_code, next_class_name


@pytest.mark.parametrize(
    ("code", "grade", "expected"),
    [
        ("0701", 7, "0801"),  # two digits of grade, two of class
        ("0712", 7, "0812"),
        ("1003", 10, "1103"),
        ("0101", 1, "0201"),
        ("0601", 6, "0701"),
        ("07-1", 7, "08-1"),
        ("701", 7, "801"),  # one digit of grade before a two-digit number
        ("7-1", 7, "8-1"),
        ("7-01", 7, "8-01"),
        (" 0702 ", 7, "0802"),
    ],
)
def test_a_code_that_starts_with_its_grade_goes_up_a_grade(code, grade, expected):
    assert next_class_code(code, grade) == (expected, True)


@pytest.mark.parametrize(
    ("code", "grade"),
    [
        ("2023级1班", 7),  # a cohort, not a grade
        ("J2501", 7),
        ("A1", 7),
        ("0801", 7),  # starts with another grade: not this class's grade
        ("0701", 1),  # 0,701 is not "grade 1"
        ("10", 1),
        ("1", 1),
    ],
)
def test_any_other_code_is_kept(code, grade):
    assert next_class_code(code, grade) == (code, False)


@pytest.mark.parametrize(
    ("name", "grade", "expected"),
    [
        ("七年级1班", 7, "八年级1班"),
        ("七年级（1）班", 7, "八年级（1）班"),
        ("一年级3班", 1, "二年级3班"),
        ("六年级1班", 6, "七年级1班"),
        ("十一年级2班", 11, "十二年级2班"),
        ("初一(2)班", 7, "初二(2)班"),
        ("初三(1)班", 9, "高一(1)班"),
        ("高一3班", 10, "高二3班"),
        ("七(3)班", 7, "八(3)班"),
        ("七（3）班", 7, "八（3）班"),
        ("7年级4班", 7, "8年级4班"),
    ],
)
def test_a_name_that_starts_with_its_grade_follows_it(name, grade, expected):
    assert next_class_name(name, grade) == (expected, True)


@pytest.mark.parametrize(
    ("name", "grade"),
    [
        ("雏鹰班", 7),
        ("七彩班", 7),  # 七 not followed by a bracket: not the grade
        ("实验班", 8),
        ("八年级1班", 7),  # another grade's word: left for the counsellor
        ("高三1班", 12),  # no grade after the last one
    ],
)
def test_any_other_name_is_kept(name, grade):
    assert next_class_name(name, grade) == (name, False)


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("primary", {6}),
        ("junior", {9}),
        ("senior", {12}),
        ("nine_year", {9}),
        ("complete_secondary", {9, 12}),
    ],
)
def test_each_stage_graduates_its_last_grades(stage, expected):
    assert graduation_grades(stage, [7, 8]) == (frozenset(expected), True)


def test_without_a_stage_the_highest_grade_present_graduates():
    assert graduation_grades(None, [7, 8, 7]) == (frozenset({8}), False)
    assert graduation_grades(None, []) == (frozenset(), False)
