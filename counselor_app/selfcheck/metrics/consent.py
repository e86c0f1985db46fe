"""Metric: screenings given without a guardian's consent on file (隐私保护：测评前已取得知情同意).

Every screening dated in the term, a scale's or one typed in by hand, counts when its student had
no screening consent (知情同意, scope 测评) in force that day
(:func:`counselor_app.screening.consent.without_screening_consent`). The rule passes when there is
none (and lacks data in a term without screenings, like every rule with nothing to count). Evidence names the student by 学号, the day and the scale, and says whether the counsellor
recorded a reason for the exception; the reason itself is sealed and never shown here. A screening
typed in by hand keeps its instrument sealed, so it is named only as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import msg
from counselor_app.screening.consent import without_screening_consent
from counselor_app.screening.scales import load_scales
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import LISTED_SINGLY
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import student_label, student_numbers, words

BY_HAND = msg("手工录入的测评", "a screening typed in by hand")
WITHOUT_CONSENT = msg(
    "{date} {scale}：当日无有效的测评知情同意{exception}",
    "{date} {scale}: no consent to screening in force that day{exception}",
)
EXCEPTION_RECORDED = msg("（已登记例外理由）", " (a reason for the exception is on record)")
NO_EXCEPTION = msg("（未登记例外理由）", " (no reason for the exception on record)")
CLASS_WITHOUT_CONSENT = msg(
    "{code} 班 {count} 次测评无知情同意（其中 {excepted} 次已登记例外理由）",
    "class {code}: {count} screenings without consent ({excepted} with a reason on record)",
)
NO_SCREENINGS = msg("本学期没有测评记录", "No screenings this term")
CONSENT_NOTE = msg(
    "本学期测评 {screenings} 人次，其中 {without} 人次当日无有效的知情同意",
    "{screenings} screenings this term, {without} without consent in force that day",
)


@metric("screenings_without_consent")
def screenings_without_consent(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Screenings in the term of students without screening consent in force that day."""
    rows = ctx.db.query(
        "SELECT s.id, s.date, s.student_id, s.scale_id, s.consent_exception, st.student_no"
        " FROM screening s JOIN student st ON st.id = s.student_id"
        " WHERE s.date BETWEEN ? AND ? ORDER BY s.date, st.student_no, s.id",
        (ctx.first, ctx.last),
    )
    if not rows:
        # Nothing screened: nothing to judge, and no rule passes on an empty term.
        return Measurement(NO_DATA, None, 0, note=words(NO_SCREENINGS))
    by_day: dict[str, set[int]] = {}
    for row in rows:
        by_day.setdefault(row["date"], set()).add(int(row["student_id"]))
    missing = {
        day: without_screening_consent(ctx.db, students, dt.date.fromisoformat(day))
        for day, students in by_day.items()
    }
    found = [row for row in rows if int(row["student_id"]) in missing[row["date"]]]
    note = words(CONSENT_NOTE(screenings=len(rows), without=len(found)))
    return Measurement(FAIL if found else PASS, len(found), 0, _evidence(ctx, found), note)


def _class_code(ctx: TermContext, student_id: int) -> str:
    school_class = ctx.year_classes.get(ctx.class_by_student.get(student_id, -1))
    return school_class.class_code if school_class else ""


def _scale_names(found: list[Any]) -> dict[str, str]:
    if not any(row["scale_id"] for row in found):
        return {}
    library = load_scales()
    return {
        row["scale_id"]: scale.name if (scale := library.get(row["scale_id"])) else row["scale_id"]
        for row in found
        if row["scale_id"]
    }


def _evidence(ctx: TermContext, found: list[Any]) -> list[Evidence]:
    if len(found) <= LISTED_SINGLY:
        names = _scale_names(found)
        return [
            Evidence(
                "student",
                row["student_no"],
                student_label(row["student_no"], _class_code(ctx, int(row["student_id"]))),
                words(
                    WITHOUT_CONSENT(
                        date=row["date"],
                        scale=names[row["scale_id"]] if row["scale_id"] else BY_HAND,
                        exception=EXCEPTION_RECORDED if row["consent_exception"] else NO_EXCEPTION,
                    )
                ),
            )
            for row in found
        ]
    by_class: dict[str, list[Any]] = {}
    for row in found:
        by_class.setdefault(_class_code(ctx, int(row["student_id"])), []).append(row)
    return [
        Evidence(
            "class",
            code,
            words(
                CLASS_WITHOUT_CONSENT(
                    code=code,
                    count=len(rows),
                    excepted=sum(bool(r["consent_exception"]) for r in rows),
                )
            ),
            student_numbers(dict.fromkeys(r["student_no"] for r in rows)),
        )
        for code, rows in sorted(by_class.items())
    ]
