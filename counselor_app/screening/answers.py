"""Saving a scale's answers as screenings: scored from the scale file, all or nothing.

Every way answers come in (a paper sheet typed in, student mode, a platform's export, the school
workbook) ends here, so a screening is always scored the same way: the total and band from the
scale file, whether the band calls for an interview, which critical items were answered. The
answers themselves are sealed with the confidential key; what the worklist and the round summary
need (total, band, whether it needs an interview, critical items) is kept beside them in the encrypted database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from counselor_app.foundation.change import Changes
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import joined, msg
from counselor_app.school.core import School
from counselor_app.screening.scales import Scale, ScaleResult

Way = Literal["paper", "student_mode", "platform", "workbook"]

GIVE_SCREENINGS = msg("录入量表作答", "enter a scale's answers")
ANSWERS_REFUSED = msg(
    "第 {row} 条（学号 {student}）不能计分：{problems}",
    "entry {row} (student {student}) cannot be scored: {problems}",
)


@dataclass(frozen=True)
class ScaleAnswers:
    """One student's answers to one scale on one day (None for an item left blank)."""

    student_id: int
    scale: Scale
    on: dt.date
    answers: tuple[int | None, ...]
    # Given although no guardian's consent (scope 测评) was on file: the counsellor's reason.
    consent_exception: str | None = None


@dataclass(frozen=True)
class SavedScreenings:
    ids: tuple[int, ...]
    results: tuple[ScaleResult, ...]

    @property
    def changes(self) -> Changes:
        return Changes.of_types("screening")


def save_screenings(school: School, entries: Sequence[ScaleAnswers], way: Way) -> SavedScreenings:
    """Score and save every entry in one transaction, or none when any cannot be scored.

    Raises InvalidInput naming every entry that cannot be scored (``row`` counts from 1)."""
    school.require_counsellor(GIVE_SCREENINGS)
    problems = []
    for row, entry in enumerate(entries, start=1):
        found = entry.scale.problems(entry.answers)
        if found:
            problems.append(
                ANSWERS_REFUSED(row=row, student=entry.student_id, problems=joined(found))
            )
    if problems:
        raise InvalidInput(joined(problems, zh="\n", en="\n"))
    results = tuple(entry.scale.score(entry.answers) for entry in entries)
    rows = [
        (
            entry.on.isoformat(),
            entry.student_id,
            school.seal_text("screening.instrument", entry.scale.name),
            result.total,
            result.band.level,
            entry.scale.id,
            school.seal_text("screening.answers", json.dumps(list(entry.answers))),
            result.band.id,
            int(result.flagged),
            json.dumps(list(result.critical_items)),
            way,
            school.seal_text("screening.consent_exception", entry.consent_exception),
        )
        for entry, result in zip(entries, results, strict=True)
    ]
    ids = []
    with school.db.transaction() as db:
        for row_values in rows:
            cursor = db.execute(
                "INSERT INTO screening (date, student_id, instrument, score, result_level,"
                " scale_id, answers, band, flagged, critical_items, way, consent_exception)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row_values,
            )
            ids.append(int(cursor.lastrowid))
        # How many were given without consent on file: the audit trail shows each exception.
        excepted = sum(bool(entry.consent_exception) for entry in entries)
        school.log(
            "screenings_saved",
            "screening",
            None,
            way=way,
            count=len(ids),
            consent_exceptions=excepted,
        )
    return SavedScreenings(tuple(ids), results)


def read_answers(school: School, screening_id: int) -> tuple[int | None, ...] | None:
    """A scale screening's answers (None for one typed in by hand as a total)."""
    sealed = school.db.scalar("SELECT answers FROM screening WHERE id = ?", (screening_id,))
    text = school.open_text("screening.answers", sealed)
    return None if text is None else tuple(json.loads(text))
