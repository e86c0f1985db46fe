"""Metrics on psych lessons (心理健康教育课) as recorded in ``psych_lesson``, class by class.

"每两周不少于 1 课时" becomes ``periods_per_teaching_week = 0.5``: a class needs
ceil(teaching weeks × 0.5) periods in the term, 11 in a 21-week term. The product is computed
exactly (0.1 × 30 is 3.0000000000000004 in floats, which would ask for 4). Nothing here writes to
the database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from counselor_app.foundation.i18n import msg
from counselor_app.selfcheck.context import ClassFact, TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.params import BOOL, INT, NUMBER, Param
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import words

NO_CLASSES = msg("本学期没有需要开设心理课的班级。", "No class needs psych lessons this term.")
PERIODS_SHORT = msg("{periods} 课时 < {threshold}", "{periods} < {threshold} periods")


def periods_required(teaching_weeks: int, periods_per_teaching_week: float | int | str) -> int:
    return math.ceil(Fraction(str(periods_per_teaching_week)) * teaching_weeks)


def classes_in_scope(ctx: TermContext, params: Mapping[str, Any]) -> list[ClassFact]:
    """Classes that count for the term, from ``min_grade`` up, without graduating ones if asked."""
    min_grade = int(params.get("min_grade", 1))
    skip_graduating = bool(params.get("exclude_graduating", False))
    return [
        c for c in ctx.classes if c.grade >= min_grade and not (skip_graduating and c.graduating)
    ]


def periods_by_class(ctx: TermContext) -> dict[int, int]:
    """Psych-lesson periods in the term per class id, in one grouped query."""
    return {
        class_id: int(total)
        for class_id, total in ctx.db.query(
            "SELECT class_id, sum(periods) FROM psych_lesson WHERE date BETWEEN ? AND ?"
            " GROUP BY class_id",
            (ctx.first, ctx.last),
        )
    }


@metric(
    "lessons_per_class",
    params={
        "periods_per_teaching_week": Param(NUMBER, required=True, minimum=0, maximum=40),
        "min_grade": Param(INT, minimum=1, maximum=12),
        "exclude_graduating": Param(BOOL),
    },
)
def lessons_per_class(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Every class in scope has ≥ ceil(teaching weeks × periods_per_teaching_week) periods."""
    weeks = ctx.calendar.teaching_weeks
    threshold = periods_required(weeks, params["periods_per_teaching_week"])
    classes = classes_in_scope(ctx, params)
    if not classes:
        return Measurement(NO_DATA, None, threshold, note=words(NO_CLASSES))
    periods = periods_by_class(ctx)
    evidence = [
        Evidence(
            "class",
            c.class_code,
            c.name,
            words(PERIODS_SHORT(periods=periods.get(c.id, 0), threshold=threshold)),
        )
        for c in classes
        if periods.get(c.id, 0) < threshold
    ]
    value = {"classes": len(classes), "short": len(evidence)}
    return Measurement(PASS if not evidence else FAIL, value, threshold, evidence)
