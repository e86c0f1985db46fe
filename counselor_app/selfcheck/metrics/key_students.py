"""Metrics: key students (重点关爱学生) and their crisis plans (一生一策): a plan in force for each,
and at the higher levels the guardian informed and a referral recorded.

Reads the shared facts of ``TermContext`` (who is a key student) and one grouped query each;
nothing here queries per student. Evidence names students by 学号, never by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import (
    ACTIVE_PLAN,
    NO_KEY_STUDENTS,
    SHARE_PARAM,
    judged_share,
    student_evidence,
)
from counselor_app.selfcheck.overdue_steps import overdue_step_evidence
from counselor_app.selfcheck.params import INT, Param
from counselor_app.selfcheck.result import NO_DATA, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, sentence, words

WITH_PLAN = msg(
    "重点关爱学生 {key} 名，{done} 名有一生一策", "{key} key students, {done} with a crisis plan"
)

NO_PLAN = msg("没有一生一策", "no crisis plan")

NO_PLANS_AT_LEVEL = msg(
    "本学期没有 {level} 级及以上的一生一策", "No crisis plan of level {level} or above this term"
)

GUARDIAN_NOT_INFORMED = msg("未登记家长知情日期", "no date the guardian was informed")

REFERRAL_NOT_RECORDED = msg("未登记转介机构", "no referral recorded")

PLAN_OF = msg("学号 {number} 的一生一策", "Crisis plan of student no. {number}")

PLANS_AT_LEVEL_NOTE = msg(
    "{level} 级及以上的一生一策 {plans} 份，已告知家长并转介 {done} 份",
    "{plans} crisis plans of level {level} or above, {done} with the guardian informed and a "
    "referral",
)


def _students_with_active_plan(ctx: TermContext) -> set[int]:
    return {
        r[0]
        for r in ctx.db.query(
            f"SELECT DISTINCT p.student_id FROM crisis_plan p WHERE {ACTIVE_PLAN}",
            {"first": ctx.first, "last": ctx.last},
        )
    }


@metric("key_students_with_plan", params=SHARE_PARAM)
def key_students_with_plan(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Key students with a crisis plan in force during the term (open, or closed in the term)."""
    minimum = float(params.get("minimum_share", 1.0))
    key = ctx.key_students
    if not key:
        return Measurement(NO_DATA, None, minimum, note=NO_KEY_STUDENTS)
    with_plan = _students_with_active_plan(ctx)
    missing = [s for s in key if s.id not in with_plan]
    done = len(key) - len(missing)
    note = words(WITH_PLAN(key=len(key), done=done))
    measured = judged_share(
        done, len(key), minimum, student_evidence(missing, words(NO_PLAN)), note
    )
    # What the plans still owe (listed, never judged: the standard asks for a plan, not dates).
    key_ids = {s.id for s in key}
    plans = [
        r["id"]
        for r in ctx.db.query(
            f"SELECT p.id, p.student_id FROM crisis_plan p WHERE {ACTIVE_PLAN}",
            {"first": ctx.first, "last": ctx.last},
        )
        if r["student_id"] in key_ids
    ]
    measured.evidence.extend(overdue_step_evidence(ctx, plans))
    return measured


@metric(
    "crisis_referral_with_guardian",
    params={"level": Param(INT, minimum=0, maximum=3), **SHARE_PARAM},
)
def crisis_referral_with_guardian(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Plans of ``level`` or above in force during the term with the guardian informed and a
    referral (转介机构) recorded; a student with several such plans is judged by the latest."""
    level = int(params.get("level", 3))
    minimum = float(params.get("minimum_share", 1.0))
    counted = {s.id: s for s in ctx.students}
    rows = ctx.db.query(
        "SELECT p.id, p.student_id, p.guardian_informed_on IS NOT NULL AS informed,"
        " COALESCE(trim(p.referral_to), '') <> '' AS referred FROM crisis_plan p"
        f" WHERE p.level >= :level AND {ACTIVE_PLAN} ORDER BY p.created_on, p.id",
        {"first": ctx.first, "last": ctx.last, "level": level},
    )
    latest = {r["student_id"]: r for r in rows if r["student_id"] in counted}
    if not latest:
        return Measurement(NO_DATA, None, minimum, note=words(NO_PLANS_AT_LEVEL(level=level)))
    evidence = []
    for student_id, row in sorted(latest.items(), key=lambda item: counted[item[0]].student_no):
        lacking = [
            words
            for ok, words in (
                (row["informed"], GUARDIAN_NOT_INFORMED),
                (row["referred"], REFERRAL_NOT_RECORDED),
            )
            if not ok
        ]
        if lacking:
            number = counted[student_id].student_no
            evidence.append(
                Evidence("plan", number, words(PLAN_OF(number=number)), sentence(clauses(lacking)))
            )
    done = len(latest) - len(evidence)
    note = words(PLANS_AT_LEVEL_NOTE(level=level, plans=len(latest), done=done))
    measured = judged_share(done, len(latest), minimum, evidence, note)
    measured.evidence.extend(overdue_step_evidence(ctx, [r["id"] for r in latest.values()]))
    return measured
