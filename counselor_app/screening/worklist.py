"""The screening worklist (筛查待约谈): students a scale screening flagged, not yet interviewed.

An entry is a scale screening with ``flagged = 1`` (a band that calls for an interview, or a
critical item answered) of a student still enrolled, until an interview (约谈,
:mod:`counselor_app.screening.interviews`) closes it. It is due:

- the same school day as the screening when a critical item was answered (the next school day
  when the screening fell on none);
- otherwise within ``interview_school_days`` school days (设置 › 筛查, default 5), counted by
  :class:`counselor_app.years.school_days.SchoolDays`.

An interview with the outcome 复测 puts the student back on the list as a retest due on the
interview's ``retest_on`` (待复测), until a later screening of the same scale is saved for the
student; that screening, if flagged, is an entry of its own.

A screening typed in by hand (``scale_id`` NULL) is never on the list. Nothing here sets a risk
level, and nothing here writes. No Qt.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Literal

from counselor_app.foundation.i18n import Message, msg
from counselor_app.screening.scales import ScaleLibrary, load_scales
from counselor_app.storage.database import Database
from counselor_app.years.school_days import SchoolDays
from counselor_app.years.school_years import load_terms, school_year_of

Status = Literal["pending", "overdue", "retest", "retest_overdue"]

PENDING = msg("待约谈", "to interview")
OVERDUE = msg("逾期 {days} 天", "{days} days overdue", en_one="1 day overdue", counted="days")
RETEST = msg("待复测", "to retest")
RETEST_OVERDUE = msg(
    "待复测，逾期 {days} 天",
    "retest {days} days overdue",
    en_one="retest 1 day overdue",
    counted="days",
)
YES, NO = msg("是", "yes"), msg("否", "no")


@dataclass(frozen=True)
class WorklistEntry:
    screening_id: int
    student_id: int
    student_no: str
    student_name: str
    class_name: str  # the class the student was in on the screening's day
    scale_id: str
    scale_name: str  # as the scale file prints it (PHQ-9); the id when the file is gone
    on: dt.date  # the screening's day
    score: float | None
    band_id: str
    band_label: Message
    critical_items: tuple[int, ...]
    due_on: dt.date
    today: dt.date
    # The interview that asked for a retest, for a retest entry; None while not yet interviewed.
    retest_interview_id: int | None = None

    @property
    def critical(self) -> bool:
        return bool(self.critical_items)

    @property
    def is_retest(self) -> bool:
        return self.retest_interview_id is not None

    @property
    def days_late(self) -> int:
        """Calendar days past the due date; 0 on the day, negative while still ahead."""
        return (self.today - self.due_on).days

    @property
    def overdue(self) -> bool:
        return self.days_late > 0

    @property
    def due_today(self) -> bool:
        return self.days_late == 0

    @property
    def status(self) -> Status:
        if self.is_retest:
            return "retest_overdue" if self.overdue else "retest"
        return "overdue" if self.overdue else "pending"

    @property
    def status_label(self) -> Message:
        if self.is_retest:
            return RETEST_OVERDUE(days=self.days_late) if self.overdue else RETEST
        return OVERDUE(days=self.days_late) if self.overdue else PENDING

    @property
    def score_text(self) -> str:
        if self.score is None:
            return ""
        return str(int(self.score)) if float(self.score).is_integer() else f"{self.score:g}"

    def to_json(self) -> dict[str, object]:
        return {
            "student_no": self.student_no,
            "scale": self.scale_name,
            "score": None if self.score is None else _number(self.score),
            "band": self.band_label.render("zh"),
            "critical": self.critical,
            "due_on": self.due_on.isoformat(),
            "status": self.status,
            "status_zh": self.status_label.render("zh"),
            "days_overdue": max(self.days_late, 0),
            "screened_on": self.on.isoformat(),
            "screening_id": self.screening_id,
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


_OPEN = """
SELECT s.id, s.date, s.student_id, s.scale_id, s.score, s.band, s.critical_items,
       st.student_no, st.name, st.class_id,
       i.id AS interview_id, i.outcome, i.retest_on,
       EXISTS (SELECT 1 FROM screening later
                WHERE later.student_id = s.student_id AND later.scale_id = s.scale_id
                  AND (later.date > s.date OR (later.date = s.date AND later.id > s.id)))
         AS retested
FROM screening s JOIN student st ON st.id = s.student_id
LEFT JOIN screening_interview i ON i.id = (
    SELECT last.id FROM screening_interview last WHERE last.screening_id = s.id
     ORDER BY last.date DESC, last.id DESC LIMIT 1)
WHERE s.flagged = 1 AND s.scale_id IS NOT NULL AND st.status = 'enrolled'
ORDER BY s.id
"""


def worklist(
    db: Database,
    today: dt.date,
    interview_school_days: int,
    library: ScaleLibrary | None = None,
) -> list[WorklistEntry]:
    """Every open entry on ``today``: overdue first (the longest overdue first), then by due date,
    then by 学号."""
    library = library or load_scales()
    days = SchoolDays.load(db)
    classes = _ClassesOn(db)
    found = []
    for row in db.query(_OPEN):
        critical = tuple(json.loads(row["critical_items"] or "[]"))
        on = dt.date.fromisoformat(row["date"])
        retest_interview = None
        if row["interview_id"] is None:
            due = days.add(on, 0 if critical else interview_school_days)
        elif row["outcome"] == "retest" and not row["retested"]:
            retest_interview = int(row["interview_id"])
            due = dt.date.fromisoformat(row["retest_on"])
        else:
            continue
        scale = library.get(row["scale_id"])
        band = next((b for b in scale.bands if b.id == row["band"]), None) if scale else None
        found.append(
            WorklistEntry(
                screening_id=int(row["id"]),
                student_id=int(row["student_id"]),
                student_no=row["student_no"],
                student_name=row["name"],
                class_name=classes.name(int(row["student_id"]), on, int(row["class_id"])),
                scale_id=row["scale_id"],
                scale_name=scale.name if scale else row["scale_id"],
                on=on,
                score=row["score"],
                band_id=row["band"] or "",
                band_label=band.label if band else msg(row["band"] or "", row["band"] or ""),
                critical_items=critical,
                due_on=due,
                today=today,
                retest_interview_id=retest_interview,
            )
        )
    return sorted(found, key=lambda e: (not e.overdue, e.due_on, e.student_no, e.screening_id))


class _ClassesOn:
    """The class a student was in on a day: the enrolment of that day's school year."""

    def __init__(self, db: Database) -> None:
        self.terms = load_terms(db)
        self.names = {int(r[0]): str(r[1]) for r in db.query("SELECT id, name FROM class")}
        self.enrolled = {
            (int(r[0]), int(r[1])): int(r[2])
            for r in db.query("SELECT student_id, school_year, class_id FROM enrolment")
        }

    def name(self, student_id: int, on: dt.date, latest_class_id: int) -> str:
        year = school_year_of(on, self.terms).start
        return self.names.get(self.enrolled.get((student_id, year), latest_class_id), "")


__all__ = ["WorklistEntry", "worklist"]
