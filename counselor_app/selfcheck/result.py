"""What a rule's evaluation yields: status, measured value, threshold and named evidence.

The words in a result (an evidence item's label and detail, a note, a list of named things in a
value) are Chinese, as the district reads them in the report; the metrics make them
``i18n.Bilingual``, so that the same words can be shown in English on the self-check page
(``reports.selfcheck_words`` with ``language="en"``). Plain ``str`` works too and reads the same in
both languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

PASS = "pass"
FAIL = "fail"
NO_DATA = "no_data"
MANUAL = "manual"
# A yearly demand (每学年) not yet met in a term that is not the school year's last: judged in the
# year's last term, so not a failure yet and not on the list of what to fix.
YEAR_END = "year_end"
# The rule asks nothing of this term (新生参观辅导室 in a spring term).
NOT_APPLICABLE = "not_applicable"
STATUSES = (PASS, FAIL, NO_DATA, MANUAL, YEAR_END, NOT_APPLICABLE)
# Not a status: how the counts name the manual rules the school has ticked (a manual result keeps
# the status ``manual``; its confirmation says it was ticked).
CONFIRMED = "confirmed"

# (Chinese, English): the English as the self-check page's summary words them.
STATUS_LABELS = {
    PASS: ("达标", "Met"),
    FAIL: ("未达标", "Not met"),
    NO_DATA: ("无记录", "No records"),
    MANUAL: ("需人工确认", "To confirm by hand"),
    YEAR_END: ("学年末评定", "Judged at year end"),
    NOT_APPLICABLE: ("不适用", "Not applicable"),
}
# The words of a count of results, where confirmed manual rules are told apart from those waiting.
COUNT_LABELS = {
    PASS: STATUS_LABELS[PASS],
    CONFIRMED: ("已确认", "Confirmed"),
    FAIL: STATUS_LABELS[FAIL],
    NO_DATA: STATUS_LABELS[NO_DATA],
    MANUAL: ("待确认", "To confirm"),
    YEAR_END: STATUS_LABELS[YEAR_END],
    NOT_APPLICABLE: STATUS_LABELS[NOT_APPLICABLE],
}
# (text, fill) of each status wherever a result is coloured: PDF, Excel, the self-check page.
STATUS_COLOURS = {
    PASS: ("#1b5e20", "#e8f5e9"),
    FAIL: ("#b71c1c", "#ffebee"),
    NO_DATA: ("#5d4037", "#fff8e1"),
    MANUAL: ("#0d47a1", "#e3f2fd"),
    YEAR_END: ("#4a148c", "#f3e5f5"),
    NOT_APPLICABLE: ("#616e7c", "#f5f5f5"),
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


class Confirmation(TypedDict):
    """A manual rule's tick: whether it is confirmed, the note, who and when (ISO instant)."""

    confirmed: bool
    note: str
    by: str
    at: str


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    status: str
    value: Any
    threshold: Any
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    # For manual rules: who ticked it, when, and what they wrote.
    confirmation: Confirmation | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    @property
    def confirmed(self) -> bool:
        """A manual rule the school has ticked."""
        return (
            self.status == MANUAL
            and self.confirmation is not None
            and bool(self.confirmation["confirmed"])
        )

    @property
    def counted_as(self) -> str:
        """Where the result counts: its status, or ``confirmed`` for a ticked manual rule."""
        return CONFIRMED if self.confirmed else self.status


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
