"""What a student's printouts hold, read through the record service so the role rule holds.

A student's file (一生一档): who the student is, everything on record in date order, the risk-level
history and the current crisis plan; a crisis plan (一生一策): the plan with its care group by name
and role, and the follow-ups since it was made. The card, the plan with its care group and the risk
history are :mod:`counselor_app.student_file.facts`' (the screen shows the same), in Chinese. Confidential text comes from
:class:`~counselor_app.records.service.RecordService`, which removes it for a 管理员; this module
marks where it was removed (``redacted``) so the printout can say "（无权查看）" instead of leaving
a silent gap. Staff and class names are read directly: they are not confidential.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, fields
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.records.catalog import spec_for
from counselor_app.records.service import Record, RecordService
from counselor_app.records.spec import Kind
from counselor_app.school.core import School
from counselor_app.student_file.facts import PlanSummary, StudentCard, plan_summary, student_facts
from counselor_app.student_file.timeline import student_timeline
from counselor_app.students.risk_levels import LevelEntry, level_on

UNKNOWN_STUDENT = msg(
    "没有学号为“{number}”的学生。请核对学号（可在“学生”页查找）。",
    "There is no student with the number '{number}'. Check the number (find it on the Students page).",
)
NO_CRISIS_PLAN = msg(
    "学生 {number} 没有一生一策记录，无法打印。",
    "Student {number} has no crisis plan to print.",
)

# The printout's word for where a level was recorded (always Chinese, as the printout is).
RISK_SOURCES = {"risk_assessment": "风险评估", "crisis_plan": "一生一策", "session": "辅导记录"}


@dataclass(frozen=True)
class Detail:
    label: str
    text: str | None  # None: removed for this role ("（无权查看）")


@dataclass(frozen=True)
class TimelineRow:
    date: str
    kind: str
    summary: str
    details: tuple[Detail, ...]


@dataclass(frozen=True)
class FollowUp:
    date: str
    teacher: str
    content: str | None


@dataclass(frozen=True)
class PlanView(PlanSummary):
    """The plan as printed: with the follow-ups since it was made."""

    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class StudentFile:
    student: StudentCard
    timeline: tuple[TimelineRow, ...]  # oldest first, as a paper file reads
    risk_history: tuple[LevelEntry, ...]
    plan: PlanView | None  # the open plan, if any
    last_closed_plan_on: str | None
    redacted: bool  # the reader may not see confidential text


def find_student(school: School, student_no: str) -> int:
    """The id of the student with this 学号 (full-width digits forgiven); exit 3 if none."""
    number = unicodedata.normalize("NFKC", student_no).strip()
    found = school.db.scalar("SELECT id FROM student WHERE student_no = ?", (number,))
    if found is None:
        raise InvalidInput(UNKNOWN_STUDENT(number=number))
    return int(found)


def _details(record_type: str, record: Record, redacted: bool) -> tuple[Detail, ...]:
    """The record's free text (and confidential values), each with its label."""
    details = []
    for field in spec_for(record_type).fields:
        if not (field.confidential or field.kind in (Kind.TEXT, Kind.TEXT_LIST)):
            continue
        value: Any = record.get(field.name)
        if field.confidential and redacted:
            details.append(Detail(field.label_zh, None))
        elif value not in (None, "", []):
            text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
            details.append(Detail(field.label_zh, text))
    return tuple(details)


def _plans(school: School, student_id: int) -> list[Record]:
    return RecordService(school).find(
        "crisis_plan",
        equals={"student_id": student_id},
        order=["created_on", "id"],
        descending=True,
    )


def plan_view(school: School, plan: Record, student_id: int) -> PlanView:
    follow_ups = RecordService(school).find(
        "follow_up",
        equals={"student_id": student_id},
        between={"date": (plan["created_on"], None)},
        order=["date", "id"],
    )
    teachers = {r[0]: r[1] for r in school.db.query("SELECT id, name FROM staff")}
    summary = plan_summary(school, plan, "zh")
    return PlanView(
        **{f.name: getattr(summary, f.name) for f in fields(summary)},
        follow_ups=tuple(
            FollowUp(f["date"], teachers.get(f["teacher_id"], ""), f.get("content"))
            for f in follow_ups
        ),
    )


def student_file(school: School, student_id: int) -> StudentFile:
    entries = list(reversed(student_timeline(school, student_id)))
    facts = student_facts(school, student_id, entries)
    redacted = not school.may_read_confidential
    timeline = tuple(
        TimelineRow(e.date, e.kind_label, e.summary, _details(e.record_type, e.record, redacted))
        for e in entries
    )
    return StudentFile(
        student=facts.card,
        timeline=timeline,
        risk_history=facts.risk_history,
        plan=plan_view(school, facts.open_plan, student_id) if facts.open_plan else None,
        last_closed_plan_on=facts.last_closed_plan_on,
        redacted=redacted,
    )


def crisis_plan_for(school: School, student_id: int, student_no: str) -> PlanView:
    """The open plan, or else the most recent closed one; exit 3 if the student has none."""
    plans = _plans(school, student_id)
    if not plans:
        raise InvalidInput(NO_CRISIS_PLAN(number=student_no))
    chosen = next((p for p in plans if not p.get("closed_on")), plans[0])
    return plan_view(school, chosen, student_id)


def today_level(history: tuple[LevelEntry, ...], today: dt.date) -> int | None:
    """The level on ``today`` (see :mod:`counselor_app.students.risk_levels`)."""
    return level_on(history, today)[0]
