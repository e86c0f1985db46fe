"""The crisis case (一生一策) as a workflow with dates: its steps, when each is due, which are
overdue, and its referral's history. Plain Python; the screens and printouts read it from here.

``case_status(db_or_school, plan_id, today)`` and ``overdue_cases(db_or_school, today)`` are the
contract the printouts code against (issue 12); the rules are in ``rules``, the school's due days
in ``due_days``, the writes in ``history``.
"""

from counselor_app.crisis.rules import (
    CLOSED,
    OPEN,
    OVERDUE,
    CaseStatus,
    ReferralChange,
    StepStatus,
)
from counselor_app.crisis.status import case_status, case_statuses, overdue_cases

__all__ = [
    "CLOSED",
    "OPEN",
    "OVERDUE",
    "CaseStatus",
    "ReferralChange",
    "StepStatus",
    "case_status",
    "case_statuses",
    "overdue_cases",
]
