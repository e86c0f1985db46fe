"""What a rule's evaluation yields: status, measured value, threshold and named evidence.

The words in a result (an evidence item's label and detail, a note, a list of named things in a
value) are Chinese, as the district reads them in the report; the metrics make them
``i18n.Bilingual``, so that the same words can be shown in English on the self-check page
(``reports.selfcheck_words`` with ``language="en"``). Plain ``str`` works too and reads the same in
both languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PASS = "pass"
FAIL = "fail"
NO_DATA = "no_data"
MANUAL = "manual"
STATUSES = (PASS, FAIL, NO_DATA, MANUAL)

# (Chinese, English): the English as the self-check page's summary words them.
STATUS_LABELS = {
    PASS: ("达标", "Met"),
    FAIL: ("未达标", "Not met"),
    NO_DATA: ("无记录", "No records"),
    MANUAL: ("需人工确认", "To confirm by hand"),
}


@dataclass(frozen=True)
class Evidence:
    """One thing that falls short (or, for a pass, what was counted).

    ``kind`` says what ``key`` is: class (班级编号), student (学号), staff (工号), week (the date of
    its Monday), month (YYYY-MM), quarter (YYYY-Qn), document, plan (the student's 学号), session
    (its date and start time, "YYYY-MM-DD HH:MM"), school.
    """

    kind: str
    key: str
    label: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key, "label": self.label, "detail": self.detail}


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    status: str
    value: Any
    threshold: Any
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    # For manual rules: who ticked it, when, and what they wrote.
    confirmation: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")


@dataclass(frozen=True)
class Measurement:
    """What a metric returns; the engine adds the rule id."""

    status: str
    value: Any
    threshold: Any
    evidence: list[Evidence] = field(default_factory=list)
    note: str = ""


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def at_least(value: float, threshold: float) -> str:
    return PASS if value >= threshold else FAIL
