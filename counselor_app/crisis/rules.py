"""The due-date rules of a crisis case (一生一策): which steps are due when, done or overdue.

Plain rules over a plan's dates and its recorded steps, with the school's due days
(``due_days``) and a school-day count (``school_days``) given; nothing here reads the database.

- 评估: the given number of school days after the report (``reported_on``; blank: ``created_on``).
- 告知家长: the given number of days after the report (0: the same day).
- 转介: the given number of days after the report, only for a plan of level 3.
- 复学评估: on or before ``return_on`` (only when it is set).
- 复查: every few weeks while the plan is open, counted from the last review, or from the
  assessment, or from ``created_on``; an earlier 下次评估日期 the counsellor set comes first.
- 结案: a closed plan needs a closing review by its ``closed_on``.

A step is overdue when today is after its due date and it is not done. A closed plan has no
overdue steps except a missing closing review. Plans written before the workflow (schema 8) count
their 家长知情日期 and 转介日期 as those steps done, and a risk level recorded for the student on or
after the report as the assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from counselor_app.crisis.due_days import DueDays
from counselor_app.crisis.steps import (
    ASSESS,
    CLOSE,
    INFORM_GUARDIAN,
    REFER,
    REFERRED,
    RETURN_ASSESSMENT,
    REVIEW,
    STEPS,
    step_label,
)
from counselor_app.foundation.i18n import Message

OPEN, OVERDUE, CLOSED = "open", "overdue", "closed"
#: The level at which a plan must be referred.
REFERRAL_LEVEL = 3


@dataclass(frozen=True)
class PlanDates:
    """What the rules read of a plan."""

    created_on: dt.date
    level: int
    reported_on: dt.date | None = None
    return_on: dt.date | None = None
    closed_on: dt.date | None = None
    next_review_on: dt.date | None = None
    guardian_informed_on: dt.date | None = None  # before schema 8
    referral_on: dt.date | None = None  # before schema 8
    #: The first risk level (风险等级) recorded for the student on or after the report: an
    #: assessment made before the workflow, or written as a record of its own.
    level_assessed_on: dt.date | None = None

    @property
    def reported(self) -> dt.date:
        return self.reported_on or self.created_on

    def closed_by(self, today: dt.date) -> bool:
        return self.closed_on is not None and self.closed_on <= today


@dataclass(frozen=True)
class RecordedStep:
    """A step as recorded (``crisis_step``)."""

    id: int
    step: str
    done_on: dt.date
    done_by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReferralChange:
    """One change of a plan's referral (``crisis_referral``); the history is these in date order."""

    id: int
    changed_on: dt.date
    status: str
    label: Message
    place: str | None = None
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class StepStatus:
    step: str
    label: Message
    due_on: dt.date | None
    done_on: dt.date | None
    done_by: str | None
    note: str | None
    overdue: bool
    days_overdue: int
    #: The recorded step (``crisis_step.id``) that did it; None for a step not done, or done as
    #: a date of the plan written before the workflow.
    record_id: int | None = None

    @property
    def done_late(self) -> bool:
        """Done, but after its due date (逾期后完成)."""
        return self.done_on is not None and self.due_on is not None and self.done_on > self.due_on


@dataclass(frozen=True)
class CaseStatus:
    plan_id: int
    student_id: int
    state: str  # OPEN, OVERDUE or CLOSED
    steps: list[StepStatus]
    referrals: list[ReferralChange] = field(default_factory=list)

    @property
    def overdue(self) -> list[StepStatus]:
        return [s for s in self.steps if s.overdue]

    @property
    def days_overdue(self) -> int:
        """Of the step overdue longest; 0 when none is."""
        return max((s.days_overdue for s in self.steps), default=0)


def evaluate(
    plan_id: int,
    student_id: int,
    plan: PlanDates,
    recorded: Sequence[RecordedStep],
    referrals: Sequence[ReferralChange],
    due: DueDays,
    school_days_after: Callable[[dt.date, int], dt.date],
    today: dt.date,
) -> CaseStatus:
    closed = plan.closed_by(today)
    by_step: dict[str, list[RecordedStep]] = {step: [] for step in STEPS}
    for row in sorted(recorded, key=lambda r: (r.done_on, r.id)):
        by_step[row.step].append(row)
    history = sorted(referrals, key=lambda r: (r.changed_on, r.id))

    def status(
        step: str,
        due_on: dt.date | None,
        done: RecordedStep | None,
        *,
        done_before_workflow: dt.date | None = None,
        counts_when_closed: bool = False,
    ) -> StepStatus:
        done_on = done.done_on if done is not None else done_before_workflow
        late = (
            done_on is None
            and due_on is not None
            and today > due_on
            and (counts_when_closed or not closed)
        )
        return StepStatus(
            step,
            step_label(step),
            due_on,
            done_on,
            done.done_by if done else None,
            done.note if done else None,
            late,
            (today - due_on).days if late and due_on is not None else 0,
            done.id if done else None,
        )

    def first(step: str) -> RecordedStep | None:
        return by_step[step][0] if by_step[step] else None

    def again(step: str) -> list[StepStatus]:
        """Further records of a one-off step: kept in the history, due nothing."""
        return [status(step, None, row) for row in by_step[step][1:]]

    steps: list[StepStatus] = []
    reported = plan.reported
    steps.append(
        status(
            ASSESS,
            school_days_after(reported, due.assess_school_days),
            first(ASSESS),
            done_before_workflow=plan.level_assessed_on,
        )
    )
    steps += again(ASSESS)
    steps.append(
        status(
            INFORM_GUARDIAN,
            reported + dt.timedelta(days=due.inform_guardian_days),
            first(INFORM_GUARDIAN),
            done_before_workflow=plan.guardian_informed_on,
        )
    )
    steps += again(INFORM_GUARDIAN)
    referred = next((r.changed_on for r in history if r.status in REFERRED), None)
    if plan.level >= REFERRAL_LEVEL:
        steps.append(
            status(
                REFER,
                reported + dt.timedelta(days=due.refer_days),
                first(REFER),
                done_before_workflow=plan.referral_on or referred,
            )
        )
        steps += again(REFER)
    else:
        steps += [status(REFER, None, row) for row in by_step[REFER]]
    if plan.return_on is not None:
        steps.append(
            status(
                RETURN_ASSESSMENT,
                plan.return_on - dt.timedelta(days=due.return_days_before),
                first(RETURN_ASSESSMENT),
            )
        )
        steps += again(RETURN_ASSESSMENT)
    else:
        steps += [status(RETURN_ASSESSMENT, None, row) for row in by_step[RETURN_ASSESSMENT]]
    steps += _reviews(plan, by_step, due, closed, status)
    if plan.closed_on is not None:
        steps.append(status(CLOSE, plan.closed_on, first(CLOSE), counts_when_closed=True))
        steps += again(CLOSE)
    else:
        steps += [status(CLOSE, None, row) for row in by_step[CLOSE]]
    state = OVERDUE if any(s.overdue for s in steps) else CLOSED if closed else OPEN
    return CaseStatus(plan_id, student_id, state, steps, history)


def _reviews(
    plan: PlanDates,
    by_step: dict[str, list[RecordedStep]],
    due: DueDays,
    closed: bool,
    status: Callable[[str, dt.date | None, RecordedStep | None], StepStatus],
) -> list[StepStatus]:
    """Every review done, each due its interval after the one before, and, while the plan is
    open, the next one."""
    interval = dt.timedelta(weeks=due.review_weeks)
    assessed = by_step[ASSESS][0].done_on if by_step[ASSESS] else plan.level_assessed_on
    since = assessed or plan.created_on
    found = []
    for row in by_step[REVIEW]:
        found.append(status(REVIEW, since + interval, row))
        since = row.done_on
    if not closed:
        next_due = since + interval
        asked = plan.next_review_on
        if asked is not None and since < asked < next_due:
            next_due = asked
        found.append(status(REVIEW, next_due, None))
    return found
