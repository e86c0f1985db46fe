"""Writing a crisis case's history: a step done, a change of its referral.

Each is a dated row of its own (``crisis_step``, ``crisis_referral``), added and never
overwritten, so the history of a case reads in date order; a row entered by mistake can be
removed. Notes and places are sealed like the plan's own text, and only a counsellor may write
them (as for the plan). Every write is in the audit trail and answers with the plan it changed,
so the pages showing the plan refresh.
"""

from __future__ import annotations

import datetime as dt

from counselor_app.crisis.steps import REFERRAL_STATUSES, STEPS
from counselor_app.foundation.change import Change
from counselor_app.foundation.errors import InvalidInput, Problem, ValidationFailed
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School, ensure_not_damaged

#: The sealed columns of a plan's history, per table (the plan's own are in the catalogue).
HISTORY_SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "crisis_step": ("note",),
    "crisis_referral": ("place", "note"),
}

PLAN_GONE = msg(
    "找不到这份一生一策（编号 {ident}），可能已被删除。",
    "This crisis plan (id {ident}) was not found; it may have been deleted.",
)
ENTRY_GONE = msg(
    "找不到这条记录（编号 {ident}），可能已被删除。",
    "This entry (id {ident}) was not found; it may have been deleted.",
)
INVALID_ENTRY = msg(
    "这条记录有 {count} 处需要修改：",
    "This entry has {count} problems:",
    en_one="This entry has a problem:",
)
IN_FUTURE = msg("日期不能晚于今天（{today}）。", "The date cannot be after today ({today}).")
BEFORE_PLAN = msg(
    "日期不能早于一生一策的建立日期（{created}）。",
    "The date cannot be before the plan was made ({created}).",
)
NO_STAFF = msg("找不到这位教职工（编号 {ident}）。", "No staff member with id {ident}.")
CHANGE_PLANS = msg("修改一生一策", "change crisis plans")
DATE = msg("日期", "Date")
BY = msg("经办人", "By")


def add_step(
    school: School,
    plan_id: int,
    step: str,
    done_on: dt.date,
    done_by_id: int | None = None,
    note: str | None = None,
) -> Change:
    if step not in STEPS:
        raise ValueError(f"unknown crisis step {step!r}")
    _check(school, plan_id, done_on, done_by_id)
    with school.db.transaction():
        cursor = school.db.execute(
            "INSERT INTO crisis_step (plan_id, step, done_on, done_by_id, note)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                plan_id,
                step,
                done_on.isoformat(),
                done_by_id,
                school.seal_text("crisis_step.note", _text(note)),
            ),
        )
        school.log("create", "crisis_step", int(cursor.lastrowid), plan=plan_id, step=step)
    return Change("crisis_plan", plan_id, "updated")


def add_referral_change(
    school: School,
    plan_id: int,
    changed_on: dt.date,
    status: str,
    place: str | None = None,
    by_id: int | None = None,
    note: str | None = None,
) -> Change:
    if status not in REFERRAL_STATUSES:
        raise ValueError(f"unknown referral status {status!r}")
    _check(school, plan_id, changed_on, by_id)
    with school.db.transaction():
        cursor = school.db.execute(
            "INSERT INTO crisis_referral (plan_id, changed_on, status, place, by_id, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                plan_id,
                changed_on.isoformat(),
                status,
                school.seal_text("crisis_referral.place", _text(place)),
                by_id,
                school.seal_text("crisis_referral.note", _text(note)),
            ),
        )
        school.log("create", "crisis_referral", int(cursor.lastrowid), plan=plan_id, status=status)
    return Change("crisis_plan", plan_id, "updated")


def remove_step(school: School, step_id: int) -> Change:
    """Remove a step entered by mistake (the audit trail keeps that it was)."""
    return _remove(school, "crisis_step", step_id)


def remove_referral_change(school: School, change_id: int) -> Change:
    return _remove(school, "crisis_referral", change_id)


def _remove(school: School, table: str, entry_id: int) -> Change:
    _require_write(school)
    plan_id = school.db.scalar(f"SELECT plan_id FROM {table} WHERE id = ?", (entry_id,))
    if plan_id is None:
        raise InvalidInput(ENTRY_GONE(ident=entry_id))
    with school.db.transaction():
        school.db.execute(f"DELETE FROM {table} WHERE id = ?", (entry_id,))
        school.log("delete", table, entry_id, plan=int(plan_id))
    return Change("crisis_plan", int(plan_id), "updated")


def _check(school: School, plan_id: int, day: dt.date, staff_id: int | None) -> None:
    _require_write(school)
    created = school.db.scalar("SELECT created_on FROM crisis_plan WHERE id = ?", (plan_id,))
    if created is None:
        raise InvalidInput(PLAN_GONE(ident=plan_id))
    problems = []
    today = school.today()
    if day > today:
        problems.append(Problem(DATE.render(), IN_FUTURE(today=today.isoformat())))
    # A crisis may come to notice before the plan is written: the report day is allowed.
    earliest = school.db.scalar(
        "SELECT min(created_on, coalesce(reported_on, created_on)) FROM crisis_plan WHERE id = ?",
        (plan_id,),
    )
    if day.isoformat() < earliest:
        problems.append(Problem(DATE.render(), BEFORE_PLAN(created=earliest)))
    if staff_id is not None and not school.db.scalar(
        "SELECT 1 FROM staff WHERE id = ?", (staff_id,)
    ):
        problems.append(Problem(BY.render(), NO_STAFF(ident=staff_id)))
    if problems:
        raise ValidationFailed(INVALID_ENTRY(count=len(problems)), problems)


def _require_write(school: School) -> None:
    """As for the plan itself (``records.access``): its history holds confidential notes."""
    if not school.may_read_confidential:
        school.require_counsellor(CHANGE_PLANS)
    if school.db.read_only:
        ensure_not_damaged(school)


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None
