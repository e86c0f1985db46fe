"""Saving a scale's answers as screenings: scored from the scale file, all or nothing.

Every way answers come in (a paper sheet typed in, student mode, a platform's export, the school
workbook) ends here, so a screening is always scored the same way: the total and band from the
scale file, whether the band calls for an interview, which critical items were answered. The
answers themselves are sealed with the confidential key; what the worklist and the round summary
need (total, band, whether it needs an interview, critical items) is kept beside them in the
encrypted database.

A platform's export may give only each student's total. Such an entry is scored from the total
alone: its band (and so whether it needs an interview) comes from the total, but which critical
items were answered is not known, so the screening is saved with ``answers`` and
``critical_items`` NULL (unknown, not "none").

Every way in asks the counsellor for a reason when a student has no screening consent on file;
the writer refuses an entry that has neither, so no way in, a future one included, can skip it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from counselor_app.foundation.change import Changes
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.school.core import School
from counselor_app.screening.consent import without_screening_consent
from counselor_app.screening.scales import Scale, ScaleResult

Way = Literal["paper", "student_mode", "platform", "workbook"]

GIVE_SCREENINGS = msg("录入量表作答", "enter a scale's answers")
TOTAL_REFUSED = msg(
    "第 {row} 条（学号 {student}）的总分 {total} 不在 {scale} 的可能范围 {least}–{most} 内",
    "entry {row} (student {student}): the total {total} is outside what {scale} can score "
    "({least}–{most})",
)
NO_CONSENT_NO_REASON = msg(
    "第 {row} 条（学号 {student}）：{day} 没有在册的测评知情同意，也没有写明例外理由。"
    "请先登记家长的知情同意（范围：测评），或写明例外理由后再保存",
    "entry {row} (student {student}): no screening consent was on file on {day} and no reason "
    "for an exception was given. Record the guardian's consent (scope: screening) or give the "
    "reason for the exception, then save again",
)
ANSWERS_REFUSED = msg(
    "第 {row} 条（学号 {student}）不能计分：{problems}",
    "entry {row} (student {student}) cannot be scored: {problems}",
)


@dataclass(frozen=True)
class ScaleAnswers:
    """One student's answers to one scale on one day (None for an item left blank).

    ``total`` instead of answers (``answers`` empty): a platform gave only the total."""

    student_id: int
    scale: Scale
    on: dt.date
    answers: tuple[int | None, ...]
    # Given although no guardian's consent (scope 测评) was on file: the counsellor's reason.
    consent_exception: str | None = None
    total: int | None = None

    @property
    def total_only(self) -> bool:
        return self.total is not None and not self.answers


def least_total(scale: Scale) -> int:
    return sum(min(item.points(v) for v in item.values) for item in scale.items if item.scored)


def score_entry(entry: ScaleAnswers) -> ScaleResult:
    """The entry's result; of a total alone: its band, and no critical item known."""
    if entry.total_only:
        assert entry.total is not None
        return ScaleResult(entry.total, {}, entry.scale.band_of(entry.total), ())
    return entry.scale.score(entry.answers)


@dataclass(frozen=True)
class SavedScreenings:
    ids: tuple[int, ...]
    results: tuple[ScaleResult, ...]

    @property
    def changes(self) -> Changes:
        return Changes.of_types("screening")


def student_numbers(school: School, student_ids: Sequence[int]) -> dict[int, str]:
    """学号 by id, for messages: a counsellor knows a student by 学号, never by row id."""
    wanted = sorted(set(student_ids))
    rows = school.db.query_in("SELECT id, student_no FROM student WHERE id IN ({ids})", wanted)
    found = {int(row[0]): str(row[1]) for row in rows}
    return {student_id: found.get(student_id, f"#{student_id}") for student_id in wanted}


def _without_consent_or_reason(
    school: School, entries: Sequence[ScaleAnswers], number: dict[int, str]
) -> list[Message]:
    """Every way in asks for a reason when consent is missing; this is the rule's last guard, so
    that no way in (a new one included) gives a scale without consent and without a reason."""
    unexplained: dict[dt.date, list[tuple[int, ScaleAnswers]]] = {}
    for row, entry in enumerate(entries, start=1):
        if not (entry.consent_exception or "").strip():
            unexplained.setdefault(entry.on, []).append((row, entry))
    refused: list[tuple[int, Message]] = []
    for day, waiting in unexplained.items():
        lacking = without_screening_consent(school.db, (e.student_id for _, e in waiting), day)
        refused += [
            (
                row,
                NO_CONSENT_NO_REASON(
                    row=row, student=number[entry.student_id], day=day.isoformat()
                ),
            )
            for row, entry in waiting
            if entry.student_id in lacking
        ]
    return [problem for _, problem in sorted(refused, key=lambda pair: pair[0])]


def save_screenings(school: School, entries: Sequence[ScaleAnswers], way: Way) -> SavedScreenings:
    """Score and save every entry in one transaction, or none when any cannot be scored.

    Raises InvalidInput naming every entry that cannot be scored (``row`` counts from 1)."""
    school.require_counsellor(GIVE_SCREENINGS)
    number = student_numbers(school, [entry.student_id for entry in entries])
    problems = []
    for row, entry in enumerate(entries, start=1):
        if entry.total_only:
            assert entry.total is not None
            least, most = least_total(entry.scale), entry.scale.most
            if not least <= entry.total <= most:
                problems.append(
                    TOTAL_REFUSED(
                        row=row,
                        student=number[entry.student_id],
                        total=entry.total,
                        scale=entry.scale.name,
                        least=least,
                        most=most,
                    )
                )
            continue
        found = entry.scale.problems(entry.answers)
        if found:
            problems.append(
                ANSWERS_REFUSED(row=row, student=number[entry.student_id], problems=joined(found))
            )
    problems += _without_consent_or_reason(school, entries, number)
    if problems:
        raise InvalidInput(joined(problems, zh="\n", en="\n"))
    results = tuple(score_entry(entry) for entry in entries)
    rows = [
        (
            entry.on.isoformat(),
            entry.student_id,
            school.seal_text("screening.instrument", entry.scale.name),
            result.total,
            result.band.level,
            entry.scale.id,
            None
            if entry.total_only
            else school.seal_text("screening.answers", json.dumps(list(entry.answers))),
            result.band.id,
            int(result.flagged),
            None if entry.total_only else json.dumps(list(result.critical_items)),
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
