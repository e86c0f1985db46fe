"""A student's file (一生一档) as the screen shows it: who the student is, the risk level today and
its history, the current crisis plan with its care group, and every record about the student,
newest first, each with its fields as a person reads them.

It reads through :func:`counselor_app.student_file.timeline.student_timeline`, which records the opening of the
file in the audit trail (once per call: do not call it again for the same opening) and through
which the record service removes what a 管理员 may not read. Such a value arrives as ``None`` and
is marked here as withheld (``Detail.text is None``), so the screen can say "（无权查看）" instead
of leaving a silent gap. The card, the crisis plan with its care group and the risk history come
from :mod:`counselor_app.student_file.facts`, as the printout's (``reports.student_file``) do; this
module renders words in the language the program runs in, the printout always in Chinese.

The risk level today is :mod:`counselor_app.students.risk_levels`' reading, the one the printout, the
dashboard and the self-check use too. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.crisis import CaseStatus, case_status, case_statuses
from counselor_app.records.catalog import spec_for
from counselor_app.records.permissions import may_read_confidential
from counselor_app.records.service import Record
from counselor_app.records.text import NameBook, field_text, load_names, short_label
from counselor_app.school.core import School
from counselor_app.student_file.facts import PlanSummary, StudentCard, plan_summary, student_facts
from counselor_app.student_file.timeline import TimelineEntry, student_timeline
from counselor_app.students.risk_levels import LevelEntry, level_on


@dataclass(frozen=True)
class Detail:
    label: str
    text: str | None  # None: this reader may not see it


@dataclass(frozen=True)
class FileEntry:
    date: str
    record_type: str
    record_id: int
    kind_label: str
    summary: str
    details: tuple[Detail, ...]

    @property
    def withheld(self) -> bool:
        return any(d.text is None for d in self.details)


@dataclass(frozen=True)
class StudentOverview:
    student: StudentCard
    level: int | None  # today's level; None when none was ever recorded
    level_since: str | None  # the date of the entry that set it
    level_history: tuple[LevelEntry, ...]  # oldest first
    plan: PlanSummary | None  # the open plan, if any
    last_closed_plan_on: str | None
    timeline: tuple[FileEntry, ...]  # newest first
    redacted: bool  # confidential text was withheld from this reader
    # The crisis case of the open plan (its steps, due and overdue), or of the newest plan when
    # that one is closed but still owes a step (its closing review); None otherwise.
    case: CaseStatus | None = None


def student_overview(school: School, student_id: int) -> StudentOverview:
    """Everything the student's file shows; records the opening in the audit trail."""
    entries = student_timeline(school, student_id)  # newest first; raises if no such student
    facts = student_facts(school, student_id, entries)
    redacted = not may_read_confidential(school)
    names = load_names(school.db, school.today())
    level, since = level_on(facts.risk_history, school.today())
    return StudentOverview(
        student=facts.card,
        level=level,
        level_since=since,
        level_history=facts.risk_history,
        plan=plan_summary(school, facts.open_plan) if facts.open_plan else None,
        last_closed_plan_on=facts.last_closed_plan_on,
        timeline=tuple(file_entry(e, names, redacted) for e in entries),
        redacted=redacted,
        case=student_case(school, student_id, facts.open_plan),
    )


def student_case(school: School, student_id: int, open_plan: Record | None) -> CaseStatus | None:
    today = school.today()
    if open_plan is not None:
        return case_status(school, int(open_plan["id"]), today)
    cases = case_statuses(school, today, student_id=student_id)
    return cases[-1] if cases and cases[-1].overdue else None


def file_entry(entry: TimelineEntry, names: NameBook, redacted: bool) -> FileEntry:
    shown = details(entry.record_type, entry.record, names, redacted)
    summary = entry.summary
    if not summary:
        # Nothing coded to sum up (a follow-up, a consent): name who or what, never the
        # confidential text, so the line reads the same for every reader.
        spec = spec_for(entry.record_type)
        plain = {f.label for f in spec.fields if not f.confidential} | {
            short_label(f) for f in spec.fields if not f.confidential
        }
        summary = " · ".join(d.text for d in shown if d.text and d.label in plain)[:80]
    return FileEntry(
        date=entry.date,
        record_type=entry.record_type,
        record_id=entry.record_id,
        kind_label=entry.kind_label,
        summary=summary,
        details=shown,
    )


def details(
    record_type: str, record: Record, names: NameBook, redacted: bool
) -> tuple[Detail, ...]:
    """The record's fields as a person reads them, except the student it is filed under and its
    date (the file already says both); confidential fields withheld from this reader as None."""
    spec = spec_for(record_type)
    shown = []
    for field in spec.fields:
        if field.name in (spec.student_field, spec.date_field):
            continue
        if field.confidential and redacted:
            shown.append(Detail(short_label(field), None))
            continue
        text = field_text(spec, field, record.get(field.name), names)
        if text:
            shown.append(Detail(short_label(field), text))
    return tuple(shown)


__all__ = ["Detail", "FileEntry", "StudentOverview", "student_overview"]
