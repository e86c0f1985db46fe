"""The state of crisis cases as stored: each plan's steps with their due dates, and the cases
overdue today, most overdue first.

Given the open school, the notes of steps and referrals are opened for those who may read them
(a 管理员 sees dates, steps and who did them, never the notes or places); given only a database,
they are left out. Dates, levels and who did a step are not sealed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from counselor_app.crisis.due_days import read_due_days
from counselor_app.crisis.rules import (
    OVERDUE,
    CaseStatus,
    PlanDates,
    RecordedStep,
    ReferralChange,
    evaluate,
)
from counselor_app.crisis.steps import referral_label
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.storage.database import Database
from counselor_app.years.school_days import SchoolDays

NO_SUCH_PLAN = msg(
    "找不到这份一生一策（编号 {ident}），可能已被删除。",
    "This crisis plan (id {ident}) was not found; it may have been deleted.",
)

_PLAN_COLUMNS = (
    "id, student_id, created_on, level, reported_on, return_on, closed_on, next_review_on,"
    " guardian_informed_on, referral_on,"
    " (SELECT min(a.date) FROM risk_assessment a WHERE a.student_id = p.student_id"
    "   AND a.date >= coalesce(p.reported_on, p.created_on)) AS level_assessed_on"
)


def case_status(db_or_school: Database | School, plan_id: int, today: dt.date) -> CaseStatus:
    found = _statuses(db_or_school, today, f"WHERE id = {int(plan_id)}")
    if not found:
        raise InvalidInput(NO_SUCH_PLAN(ident=plan_id))
    return found[0]


def case_statuses(
    db_or_school: Database | School, today: dt.date, *, student_id: int | None = None
) -> list[CaseStatus]:
    """Every plan's case (or one student's), in the order the plans were made."""
    where = "" if student_id is None else f"WHERE student_id = {int(student_id)}"
    return _statuses(db_or_school, today, where)


def overdue_cases(
    db_or_school: Database | School, today: dt.date
) -> list[tuple[int, int, CaseStatus]]:
    """(plan id, student id, case) of every case with an overdue step, most overdue first."""
    cases = [c for c in _statuses(db_or_school, today, "") if c.state == OVERDUE]
    cases.sort(key=lambda c: (-c.days_overdue, c.plan_id))
    return [(c.plan_id, c.student_id, c) for c in cases]


def _statuses(db_or_school: Database | School, today: dt.date, where: str) -> list[CaseStatus]:
    school = db_or_school if isinstance(db_or_school, School) else None
    db = school.db if school is not None else db_or_school
    assert isinstance(db, Database)
    plans = db.query(f"SELECT {_PLAN_COLUMNS} FROM crisis_plan p {where} ORDER BY created_on, id")
    if not plans:
        return []
    ids = [row["id"] for row in plans]
    readable = school is not None and school.may_read_confidential

    def opened(place: str, value: str | None) -> str | None:
        return school.open_text(place, value) if readable and school is not None else None

    steps: dict[int, list[RecordedStep]] = {i: [] for i in ids}
    for row in db.query_in(
        "SELECT c.id, c.plan_id, c.step, c.done_on, c.note, s.name AS done_by FROM crisis_step c"
        " LEFT JOIN staff s ON s.id = c.done_by_id WHERE c.plan_id IN ({ids})",
        ids,
    ):
        steps[row["plan_id"]].append(
            RecordedStep(
                row["id"],
                row["step"],
                _date(row["done_on"]),
                row["done_by"],
                opened("crisis_step.note", row["note"]),
            )
        )
    referrals: dict[int, list[ReferralChange]] = {i: [] for i in ids}
    for row in db.query_in(
        "SELECT r.id, r.plan_id, r.changed_on, r.status, r.place, r.note, s.name AS by_name"
        " FROM crisis_referral r LEFT JOIN staff s ON s.id = r.by_id"
        " WHERE r.plan_id IN ({ids})",
        ids,
    ):
        referrals[row["plan_id"]].append(
            ReferralChange(
                row["id"],
                _date(row["changed_on"]),
                row["status"],
                referral_label(row["status"]),
                opened("crisis_referral.place", row["place"]),
                row["by_name"],
                opened("crisis_referral.note", row["note"]),
            )
        )
    due = read_due_days(db)
    days = SchoolDays.load(db, weekdays_between_terms=True)
    return [
        evaluate(
            row["id"],
            row["student_id"],
            _plan_dates(row),
            steps[row["id"]],
            referrals[row["id"]],
            due,
            days.after,
            today,
        )
        for row in plans
    ]


def _plan_dates(row: Any) -> PlanDates:
    return PlanDates(
        created_on=_date(row["created_on"]),
        level=int(row["level"]),
        reported_on=_maybe_date(row["reported_on"]),
        return_on=_maybe_date(row["return_on"]),
        closed_on=_maybe_date(row["closed_on"]),
        next_review_on=_maybe_date(row["next_review_on"]),
        guardian_informed_on=_maybe_date(row["guardian_informed_on"]),
        referral_on=_maybe_date(row["referral_on"]),
        level_assessed_on=_maybe_date(row["level_assessed_on"]),
    )


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _maybe_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
