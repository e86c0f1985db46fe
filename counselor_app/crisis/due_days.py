"""How soon each step of a crisis case is due: the school's own choice in 设置, with defaults.

Kept in the encrypted ``setting`` table as one value (``crisis.due_days``). Declared here rather
than beside the other options in ``settings.school_settings``: the self-check reads the crisis
workflow, and the settings package builds on the self-check, so the workflow cannot import it.
A stored value that is not sensible (damaged or edited by hand) reads as the default, field by
field.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from counselor_app.foundation.i18n import Message, msg
from counselor_app.school.core import School, write_setting
from counselor_app.storage.database import Database

SETTING_KEY = "crisis.due_days"
MAX_DAYS = 60
MAX_REVIEW_WEEKS = 26


@dataclass(frozen=True)
class DueDays:
    #: 评估: school days after the report (1: the next school day).
    assess_school_days: int = 1
    #: 告知家长: days after the report (0: the same day).
    inform_guardian_days: int = 0
    #: 转介 (level 3 only): days after the report.
    refer_days: int = 2
    #: 复学评估: days before the student's return (0: on the day at the latest).
    return_days_before: int = 0
    #: 复查: weeks between reviews while the plan is open.
    review_weeks: int = 4


DEFAULT = DueDays()

LABELS: dict[str, Message] = {
    "assess_school_days": msg(
        "评估：报告后几个上学日内", "Assessment: school days after the report"
    ),
    "inform_guardian_days": msg(
        "告知家长：报告后几天内（0 为当天）",
        "Guardian informed: days after the report (0: same day)",
    ),
    "refer_days": msg("转介（3级）：报告后几天内", "Referral (level 3): days after the report"),
    "return_days_before": msg(
        "复学评估：返校前几天（0 为返校当天）",
        "Return-to-school assessment: days before the return (0: on the day)",
    ),
    "review_weeks": msg("复查：每几周一次", "Review: every how many weeks"),
}


def limits(name: str) -> tuple[int, int]:
    """The sensible range of one field: reviews at least weekly, nothing later than two months."""
    return (1, MAX_REVIEW_WEEKS) if name == "review_weeks" else (0, MAX_DAYS)


def _sensible(name: str, value: object) -> bool:
    low, high = limits(name)
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def read_due_days(db_or_school: Database | School) -> DueDays:
    db = db_or_school.db if isinstance(db_or_school, School) else db_or_school
    value = db.scalar("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,))
    stored = None if value is None else json.loads(value)
    if not isinstance(stored, dict):
        return DEFAULT
    chosen = {
        f.name: stored[f.name]
        for f in fields(DueDays)
        if f.name in stored and _sensible(f.name, stored[f.name])
    }
    return DueDays(**chosen)


def write_due_days(school: School, due: DueDays) -> None:
    """Store the school's choice; the caller has checked each value against :func:`limits`."""
    for name, value in asdict(due).items():
        if not _sensible(name, value):
            raise ValueError(f"{value!r} is no sensible value for {name}")
    write_setting(school, SETTING_KEY, asdict(due))
    school.log("setting", key=SETTING_KEY, value=asdict(due))
