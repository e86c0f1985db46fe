"""The overdue steps of crisis plans (``counselor_app.crisis``), as self-check evidence.

Rules that look at crisis plans (key students' plans, care groups, referrals) list a plan's
overdue steps among their evidence, so the counsellor sees what the case still owes beside what
the rule counted. The steps are judged as of the term's last day, or today while the term runs.
They never change a rule's verdict: no built-in standard asks for the workflow's own deadlines.
Evidence names students by 学号, never by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from counselor_app.crisis import case_statuses
from counselor_app.foundation.i18n import msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.result import Evidence
from counselor_app.selfcheck.words import clauses, sentence, words

PLAN_OF = msg("学号 {number} 的一生一策", "Crisis plan of student no. {number}")
STEP_LATE = msg(
    "{step}逾期 {count} 天（应于 {due} 完成）",
    "{step} {count} days overdue (due {due})",
    en_one="{step} 1 day overdue (due {due})",
)
OVERDUE = msg("逾期未完成：{steps}", "overdue: {steps}")


def overdue_step_evidence(ctx: TermContext, plan_ids: Iterable[int]) -> list[Evidence]:
    """One line per plan among ``plan_ids`` with a step overdue, in the order of 学号."""
    wanted = set(plan_ids)
    if not wanted:
        return []
    as_of = min(ctx.term.last_day, ctx.today)
    numbers = {s.id: s.student_no for s in ctx.students}
    found = []
    for case in case_statuses(ctx.db, as_of):
        if case.plan_id not in wanted or not case.overdue or case.student_id not in numbers:
            continue
        number = numbers[case.student_id]
        steps = clauses(
            words(
                STEP_LATE(
                    step=step.label,
                    count=step.days_overdue,
                    due=step.due_on.isoformat() if step.due_on else "",
                )
            )
            for step in sorted(case.overdue, key=lambda s: -s.days_overdue)
        )
        found.append(
            Evidence(
                "plan",
                number,
                words(PLAN_OF(number=number)),
                sentence(words(OVERDUE(steps=steps))),
            )
        )
    return sorted(found, key=lambda e: e.key)
