"""The case list: every crisis plan with its student, its state and what is due next, for the
crisis page, the dashboard and the student's file (one computation for all of them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counselor_app.crisis.rules import CLOSED, OVERDUE, CaseStatus, StepStatus
from counselor_app.crisis.status import case_statuses
from counselor_app.foundation.i18n import Message, msg
from counselor_app.school.core import School
from counselor_app.storage.database import Database

STATE_OPEN = msg("进行中", "Open")
STATE_OVERDUE = msg("逾期 {count} 天", "{count} days overdue", en_one="1 day overdue")
STATE_CLOSED = msg("已结案", "Closed")


@dataclass(frozen=True)
class CaseLine:
    plan_id: int
    student_id: int
    student_name: str
    student_no: str
    class_name: str
    level: int
    created_on: dt.date
    case: CaseStatus

    @property
    def state(self) -> str:
        return self.case.state

    def state_text(self) -> Message:
        """状态 as the case list shows it: 进行中, 逾期 N 天 (the step overdue longest), 已结案."""
        if self.case.state == OVERDUE:
            return STATE_OVERDUE(count=self.case.days_overdue)
        return STATE_CLOSED if self.case.state == CLOSED else STATE_OPEN

    @property
    def next_step(self) -> StepStatus | None:
        """The step overdue longest, or else the next one due; None when nothing is due."""
        if self.case.overdue:
            return max(self.case.overdue, key=lambda s: s.days_overdue)
        pending = [s for s in self.case.steps if s.done_on is None and s.due_on is not None]
        if not pending or self.case.state == CLOSED:
            return None
        return min(pending, key=lambda s: s.due_on or dt.date.max)


def case_lines(
    db_or_school: Database | School, today: dt.date, *, student_id: int | None = None
) -> list[CaseLine]:
    """Every plan (or one student's), the newest first."""
    db = db_or_school.db if isinstance(db_or_school, School) else db_or_school
    plans = {
        row["plan_id"]: row
        for row in db.query(
            "SELECT p.id AS plan_id, s.name, s.student_no, c.name AS class_name, p.level,"
            " p.created_on FROM crisis_plan p JOIN student s ON s.id = p.student_id"
            " JOIN class c ON c.id = s.class_id"
        )
    }
    lines = []
    for case in case_statuses(db_or_school, today, student_id=student_id):
        row = plans[case.plan_id]
        lines.append(
            CaseLine(
                case.plan_id,
                case.student_id,
                row["name"],
                row["student_no"],
                row["class_name"],
                int(row["level"]),
                dt.date.fromisoformat(row["created_on"]),
                case,
            )
        )
    lines.reverse()
    return lines


def overdue_lines(db_or_school: Database | School, today: dt.date) -> list[CaseLine]:
    """The cases with an overdue step, most overdue first (as ``overdue_cases``)."""
    found = [line for line in case_lines(db_or_school, today) if line.state == OVERDUE]
    found.sort(key=lambda line: (-line.case.days_overdue, line.plan_id))
    return found
