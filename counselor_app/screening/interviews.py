"""Interviews (约谈) that close entries of the screening worklist.

An interview records the day, who held it, its outcome and a note (sealed with the confidential
key, like every counsellor's note):

- 排除 (``excluded``): the screening's result does not hold up;
- 继续关注 (``watch``): the counsellor keeps an eye on the student;
- 复测 (``retest``) on a date: the student is back on the worklist as a retest due that day until
  a later screening of the same scale is saved;
- 建立一生一策 (``crisis_plan``): the counsellor opens a crisis plan.

No outcome sets a risk level: a screening never does by itself, and the counsellor records a
level (a risk assessment, a crisis plan) from what the interview found. No Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from counselor_app.foundation.change import Change, Changes
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, msg
from counselor_app.school.core import School

Outcome = Literal["excluded", "watch", "retest", "crisis_plan"]

OUTCOMES: dict[str, Message] = {
    "excluded": msg("排除", "ruled out"),
    "watch": msg("继续关注", "keep watching"),
    "retest": msg("复测", "retest"),
    "crisis_plan": msg("建立一生一策", "open a crisis plan"),
}

RECORD_INTERVIEW = msg("记录筛查约谈", "record a screening interview")
NO_SUCH_SCREENING = msg(
    "没有编号为 {id} 的量表测评记录", "there is no scale screening with the number {id}"
)
UNKNOWN_OUTCOME = msg(
    "约谈结果应为 排除、继续关注、复测 或 建立一生一策，不能是“{outcome}”",
    "the outcome must be ruled out, keep watching, retest or open a crisis plan, not '{outcome}'",
)
BEFORE_SCREENING = msg(
    "约谈日期 {date} 早于测评日期 {screened}",
    "the interview's date {date} is before the screening's date {screened}",
)
IN_THE_FUTURE = msg(
    "约谈日期 {date} 晚于今天，请在约谈后再记录",
    "the interview's date {date} is after today; record it once it has taken place",
)
RETEST_DATE_NEEDED = msg(
    "结果为复测时请填写复测日期（不早于约谈日期）",
    "a retest needs its date, on or after the interview's",
)
RETEST_DATE_ONLY_FOR_RETEST = msg(
    "只有结果为复测时才填写复测日期", "a retest date goes only with the outcome retest"
)
NO_SUCH_STAFF = msg("没有编号为 {id} 的教职工", "there is no staff member with the number {id}")


@dataclass(frozen=True)
class Interview:
    screening_id: int
    on: dt.date
    outcome: Outcome
    staff_id: int | None = None
    retest_on: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True)
class RecordedInterview:
    id: int
    interview: Interview

    @property
    def changes(self) -> Changes:
        # The worklist is read from screenings and their interviews: both pages refresh.
        return Change("screening_interview", self.id, "created").changes | Changes.of_types(
            "screening"
        )


def record_interview(school: School, interview: Interview) -> RecordedInterview:
    """Save an interview; raises InvalidInput (nothing written) when it cannot be right."""
    school.require_counsellor(RECORD_INTERVIEW)
    db = school.db
    screened = db.scalar(
        "SELECT date FROM screening WHERE id = ? AND scale_id IS NOT NULL",
        (interview.screening_id,),
    )
    if screened is None:
        raise InvalidInput(NO_SUCH_SCREENING(id=interview.screening_id))
    if interview.outcome not in OUTCOMES:
        raise InvalidInput(UNKNOWN_OUTCOME(outcome=interview.outcome))
    day = interview.on
    if day < dt.date.fromisoformat(screened):
        raise InvalidInput(BEFORE_SCREENING(date=day.isoformat(), screened=screened))
    if day > school.today():
        raise InvalidInput(IN_THE_FUTURE(date=day.isoformat()))
    if interview.outcome == "retest":
        if interview.retest_on is None or interview.retest_on < day:
            raise InvalidInput(RETEST_DATE_NEEDED)
    elif interview.retest_on is not None:
        raise InvalidInput(RETEST_DATE_ONLY_FOR_RETEST)
    if interview.staff_id is not None and not db.scalar(
        "SELECT count(*) FROM staff WHERE id = ?", (interview.staff_id,)
    ):
        raise InvalidInput(NO_SUCH_STAFF(id=interview.staff_id))
    note = (interview.note or "").strip() or None
    with db.transaction():
        cursor = db.execute(
            "INSERT INTO screening_interview (screening_id, date, staff_id, outcome, retest_on,"
            " note) VALUES (?, ?, ?, ?, ?, ?)",
            (
                interview.screening_id,
                day.isoformat(),
                interview.staff_id,
                interview.outcome,
                interview.retest_on.isoformat() if interview.retest_on else None,
                school.seal_text("screening_interview.note", note),
            ),
        )
        new_id = int(cursor.lastrowid)
        school.log(
            "create",
            "screening_interview",
            new_id,
            screening=interview.screening_id,
            outcome=interview.outcome,
        )
    return RecordedInterview(new_id, interview)


@dataclass(frozen=True)
class InterviewRecord:
    id: int
    on: dt.date
    staff_name: str
    outcome: Outcome
    retest_on: dt.date | None
    note: str | None  # None for who may not read it, or when none was written


def interviews_of(school: School, screening_id: int) -> list[InterviewRecord]:
    """A screening's interviews, oldest first; the note only for a counsellor."""
    rows = school.db.query(
        "SELECT i.id, i.date, i.outcome, i.retest_on, i.note, s.name FROM screening_interview i"
        " LEFT JOIN staff s ON s.id = i.staff_id WHERE i.screening_id = ? ORDER BY i.date, i.id",
        (screening_id,),
    )
    reads_notes = school.user.is_counsellor
    return [
        InterviewRecord(
            int(r["id"]),
            dt.date.fromisoformat(r["date"]),
            r["name"] or "",
            r["outcome"],
            dt.date.fromisoformat(r["retest_on"]) if r["retest_on"] else None,
            school.open_text("screening_interview.note", r["note"]) if reads_notes else None,
        )
        for r in rows
    ]


__all__ = [
    "OUTCOMES",
    "Interview",
    "InterviewRecord",
    "Outcome",
    "RecordedInterview",
    "interviews_of",
    "record_interview",
]
