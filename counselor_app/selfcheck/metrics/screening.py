"""Metric: psychological screening (心理测评) of the students in the rule's period.

Reads the shared facts of ``TermContext`` (who counts) and one grouped query; nothing here queries
per student. Evidence names students by 学号, never by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import (
    NO_STUDENTS,
    PERIOD_PARAM,
    SHARE_PARAM,
    judged_share,
    over_the_year,
    rule_period,
    student_evidence,
)
from counselor_app.selfcheck.params import INT, Param
from counselor_app.selfcheck.result import NO_DATA, Measurement
from counselor_app.selfcheck.words import words

NO_STUDENTS_FROM = msg(
    "没有{grade} 年级及以上在读学生", "No students enrolled in grade {grade} or above"
)

SCREENED = msg(
    "在读学生 {students} 名，{period}已测评 {done} 名",
    "{students} students enrolled, {done} screened {period}",
)

SCREENED_FROM = msg(
    "{grade} 年级及以上在读学生 {students} 名，{period}已测评 {done} 名",
    "{students} students enrolled in grade {grade} or above, {done} screened {period}",
)

NO_SCREENING = msg("{period}没有测评记录", "no screening {period}")


@metric(
    "screening_coverage",
    params={"period": PERIOD_PARAM, "min_grade": Param(INT, minimum=1, maximum=12), **SHARE_PARAM},
    yearly=over_the_year,
)
def screening_coverage(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Share of the students (of grade ≥ ``min_grade``) with a screening dated in the period."""
    first, last, period = rule_period(ctx, params)
    min_grade = int(params.get("min_grade", 1))
    minimum = float(params.get("minimum_share", 1.0))
    students = [s for s in ctx.enrolled if s.grade >= min_grade]
    if not students:
        empty = NO_STUDENTS_FROM(grade=min_grade) if min_grade > 1 else NO_STUDENTS
        return Measurement(NO_DATA, None, minimum, note=words(empty))
    screened = {
        r[0]
        for r in ctx.db.query(
            "SELECT DISTINCT student_id FROM screening WHERE date BETWEEN ? AND ?", (first, last)
        )
    }
    missing = [s for s in students if s.id not in screened]
    done = len(students) - len(missing)
    counted = SCREENED_FROM(grade=min_grade) if min_grade > 1 else SCREENED
    note = words(counted(students=len(students), period=period, done=done))
    what = words(NO_SCREENING(period=period))
    return judged_share(done, len(students), minimum, student_evidence(missing, what), note)
