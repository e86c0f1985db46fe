"""How the care metrics judge: a share against the checklist's minimum, exactly; the students
who miss it named by 学号 (grouped by class when many); the rule's period; a wrong parameter.

Shared by every module that measures caring for students (``screening``, ``key_students``,
``care_groups``, ``home_visits``, ``follow_up``) and by ``monitors``. Evidence names students by
学号 and classes by 班级编号, never by a student's name: the report goes to the district.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Bilingual, joined, msg
from counselor_app.selfcheck.context import StudentFact, TermContext
from counselor_app.selfcheck.params import SHARE, TEXT, Param
from counselor_app.selfcheck.result import FAIL, PASS, Evidence, Measurement, share
from counselor_app.selfcheck.words import sentence, student_label, student_numbers, words

BAD_PARAM = msg(
    "自查标准参数 {name} 的值“{value}”无效，可用的值：{choices}",
    "The checklist parameter {name} cannot be '{value}'; use one of: {choices}",
)

# Up to this many students (or sessions) are named one per evidence line; more are grouped, one line
# per class (or counsellor) that still names every one of them.
LISTED_SINGLY = 20

# A plan is in force during the term when it was made by the term's last day and not closed before
# its first day.
ACTIVE_PLAN = "p.created_on <= :last AND (p.closed_on IS NULL OR p.closed_on >= :first)"

NO_KEY_STUDENTS = words(msg("本学期没有重点关爱学生", "No key students this term"))

THIS_SCHOOL_YEAR = Bilingual("本学年", "this school year")

THIS_TERM = Bilingual("本学期", "this term")

CLASS_STUDENTS_WHAT = msg(
    "班级 {code}：{count} 名学生{what}",
    "Class {code}: {count} students, {what}",
    en_one="Class {code}: 1 student, {what}",
)

NO_STUDENTS = msg("没有在读学生", "No students enrolled")

SHARE_PARAM = {"minimum_share": Param(SHARE)}


def bad_param(name: str, value: Any, choices: Sequence[str]) -> InvalidInput:
    return InvalidInput(BAD_PARAM(name=name, value=value, choices=joined(choices)))


def meets_share(part: int, whole: int, minimum: float) -> bool:
    """Exactly ``part / whole >= minimum``: ``share()`` rounds, and 94.996 % must not pass 95 %."""
    return Fraction(part, whole) >= Fraction(str(minimum))


def judged_share(
    part: int, whole: int, minimum: float, evidence: list[Evidence], note: str
) -> Measurement:
    status = PASS if meets_share(part, whole, minimum) else FAIL
    return Measurement(status, share(part, whole), minimum, evidence, note)


def student_evidence(students: Sequence[StudentFact], what: Bilingual) -> list[Evidence]:
    """Every student named by 学号: one line each when few, else one line per class listing them.

    ``what`` is a phrase (没有测评记录 / no screening): a detail of its own, or part of a label."""
    ordered = sorted(students, key=lambda s: (s.class_code, s.student_no))
    if len(ordered) <= LISTED_SINGLY:
        detail = sentence(what)
        return [
            Evidence("student", s.student_no, student_label(s.student_no, s.class_code), detail)
            for s in ordered
        ]
    by_class: dict[str, list[str]] = {}
    for student in ordered:
        by_class.setdefault(student.class_code, []).append(student.student_no)
    return [
        Evidence(
            "class",
            code,
            words(CLASS_STUDENTS_WHAT(code=code, count=len(numbers), what=what)),
            student_numbers(numbers),
        )
        for code, numbers in by_class.items()
    ]


def rule_period(ctx: TermContext, params: Mapping[str, Any]) -> tuple[str, str, Bilingual]:
    """First day, last day and the words for the rule's period (``school_year`` or ``term``)."""
    period = params.get("period", "term")
    if period == "school_year":
        return (*ctx.school_year, THIS_SCHOOL_YEAR)
    if period == "term":
        return ctx.first, ctx.last, THIS_TERM
    raise bad_param("period", period, ("school_year", "term"))


PERIOD_PARAM = Param(TEXT, choices=("school_year", "term"))


def over_the_year(params: Mapping[str, Any]) -> bool:
    return bool(params.get("period", "term") == "school_year")
