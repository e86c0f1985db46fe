"""What a student's printouts hold, read through the record service so the role rule holds.

A student's file (一生一档): who the student is, everything on record in date order, the risk-level
history and the current crisis plan; a crisis plan (一生一策): the plan with its care group by name
and role, and the follow-ups since it was made. Confidential text comes from
:class:`~counselor_app.records.service.RecordService`, which removes it for a 管理员; this module
marks where it was removed (``redacted``) so the printout can say "（无权查看）" instead of leaving
a silent gap. Staff and class names are read directly: they are not confidential.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from counselor_app.errors import InvalidInput
from counselor_app.i18n import msg
from counselor_app.records.catalog import spec_for
from counselor_app.records.service import Record, RecordService
from counselor_app.records.spec import Kind
from counselor_app.risk_levels import LevelEntry, level_on, levels_from_records
from counselor_app.school import School
from counselor_app.student_overview import student_card
from counselor_app.timeline import student_timeline
from counselor_app.vocab import SEX, STAFF_ROLE, STUDENT_STATUS

UNKNOWN_STUDENT = msg(
    "没有学号为“{number}”的学生。请核对学号（可在“学生”页查找）。",
    "There is no student with the number '{number}'. Check the number (find it on the Students page).",
)
NO_CRISIS_PLAN = msg(
    "学生 {number} 没有一生一策记录，无法打印。",
    "Student {number} has no crisis plan to print.",
)

# Which role a care-group teacher is shown in, most specific first.
_ROLE_ORDER = ("fulltime_psych", "parttime_psych", "subject_teacher", "leader", "other")
# The printout's word for where a level was recorded (always Chinese, as the printout is).
RISK_SOURCES = {"risk_assessment": "风险评估", "crisis_plan": "一生一策", "session": "辅导记录"}


@dataclass(frozen=True)
class StudentHeader:
    id: int
    student_no: str
    name: str
    sex: str
    class_code: str
    class_name: str
    head_teacher: str
    status: str
    birth_date: str
    guardian: str
    guardian_phone: str
    # "2024—2025学年 七年级1班（0701）" per year, oldest first; empty when only one year is known.
    earlier_classes: tuple[str, ...] = ()


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
class CareMember:
    name: str
    role: str


@dataclass(frozen=True)
class FollowUp:
    date: str
    teacher: str
    content: str | None


@dataclass(frozen=True)
class PlanView:
    id: int
    created_on: str
    level: int
    closed_on: str | None
    care_group: tuple[CareMember, ...]
    safety_plan: str | None
    measures: str | None
    referral_to: str | None
    referral_on: str | None
    guardian_informed_on: str | None
    next_review_on: str | None
    follow_ups: tuple[FollowUp, ...]
    redacted: bool  # the reader may not see confidential text


@dataclass(frozen=True)
class StudentFile:
    student: StudentHeader
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


def student_header(school: School, student_id: int) -> StudentHeader:
    """The screen's student card (``student_overview.student_card``) in the printout's words."""
    card = student_card(school, student_id)
    return StudentHeader(
        id=card.id,
        student_no=card.student_no,
        name=card.name,
        sex=SEX.label(card.sex or None, "zh"),
        class_code=card.class_code,
        class_name=card.class_name,
        head_teacher=card.head_teacher,
        status=STUDENT_STATUS.label(card.status or None, "zh"),
        birth_date=card.birth_date,
        guardian=card.guardian,
        guardian_phone=card.guardian_phone,
        earlier_classes=tuple(
            f"{c.year} {c.class_name}（{c.class_code}）" for c in card.classes_by_year[:-1]
        ),
    )


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


def _risk_history(rows: list[tuple[str, str, Record]]) -> tuple[LevelEntry, ...]:
    return levels_from_records((record_type, date, record) for date, record_type, record in rows)


def _care_group(school: School, plan: Record, head_teacher_id: int | None) -> list[CareMember]:
    members = []
    for staff_id in plan.get("care_teachers") or []:
        row = school.db.query_one("SELECT name FROM staff WHERE id = ?", (staff_id,))
        roles = {
            r[0]
            for r in school.db.query("SELECT role FROM staff_role WHERE staff_id = ?", (staff_id,))
        }
        if staff_id == head_teacher_id:
            role = "班主任"
        else:
            role = next((STAFF_ROLE.label(r, "zh") for r in _ROLE_ORDER if r in roles), "教师")
        members.append(CareMember(row["name"] if row else f"#{staff_id}", role))
    for student_id in plan.get("care_peers") or []:
        row = school.db.query_one(
            "SELECT s.name, c.name AS class_name FROM student s JOIN class c ON c.id = s.class_id"
            " WHERE s.id = ?",
            (student_id,),
        )
        if row:
            members.append(CareMember(row["name"], f"同伴（{row['class_name']}）"))
    members += [CareMember(name, "家长") for name in plan.get("care_parents") or []]
    return members


def _plans(school: School, student_id: int) -> list[Record]:
    return RecordService(school).find(
        "crisis_plan",
        equals={"student_id": student_id},
        order=["created_on", "id"],
        descending=True,
    )


def plan_view(school: School, plan: Record, student_id: int) -> PlanView:
    service = RecordService(school)
    head_id = school.db.scalar(
        "SELECT c.head_teacher_id FROM student s JOIN class c ON c.id = s.class_id WHERE s.id = ?",
        (student_id,),
    )
    follow_ups = service.find(
        "follow_up",
        equals={"student_id": student_id},
        between={"date": (plan["created_on"], None)},
        order=["date", "id"],
    )
    teachers = {r[0]: r[1] for r in school.db.query("SELECT id, name FROM staff")}
    return PlanView(
        id=plan["id"],
        created_on=plan["created_on"],
        level=int(plan["level"]),
        closed_on=plan.get("closed_on"),
        care_group=tuple(_care_group(school, plan, head_id)),
        safety_plan=plan.get("safety_plan"),
        measures=plan.get("measures"),
        referral_to=plan.get("referral_to"),
        referral_on=plan.get("referral_on"),
        guardian_informed_on=plan.get("guardian_informed_on"),
        next_review_on=plan.get("next_review_on"),
        follow_ups=tuple(
            FollowUp(f["date"], teachers.get(f["teacher_id"], ""), f.get("content"))
            for f in follow_ups
        ),
        redacted=not school.may_read_confidential,
    )


def student_file(school: School, student_id: int) -> StudentFile:
    header = student_header(school, student_id)
    entries = list(reversed(student_timeline(school, student_id)))
    redacted = not school.may_read_confidential
    timeline = tuple(
        TimelineRow(e.date, e.kind_label, e.summary, _details(e.record_type, e.record, redacted))
        for e in entries
    )
    history = _risk_history([(e.date, e.record_type, e.record) for e in entries])
    plans = _plans(school, student_id)
    open_plan = next((p for p in plans if not p.get("closed_on")), None)
    closed = [p["closed_on"] for p in plans if p.get("closed_on")]
    return StudentFile(
        student=header,
        timeline=timeline,
        risk_history=history,
        plan=plan_view(school, open_plan, student_id) if open_plan else None,
        last_closed_plan_on=max(closed) if closed else None,
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
    """The level on ``today`` (see :mod:`counselor_app.risk_levels`)."""
    return level_on(history, today)[0]
