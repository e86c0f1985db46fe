"""A student's file (一生一档) as the screen shows it: who the student is, the risk level today and
its history, the current crisis plan with its care group, and every record about the student,
newest first, each with its fields as a person reads them.

It reads through :func:`counselor_app.timeline.student_timeline`, which records the opening of the
file in the audit trail (once per call: do not call it again for the same opening) and through
which the record service removes what a 管理员 may not read. Such a value arrives as ``None`` and
is marked here as withheld (``Detail.text is None``), so the screen can say "（无权查看）" instead
of leaving a silent gap. The printout (``reports.student_file``) reads the same records; this
module renders words in the language the program runs in, the printout always in Chinese.

The risk level today is :mod:`counselor_app.risk_levels`' reading, the one the printout, the
dashboard and the self-check use too. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.i18n import msg
from counselor_app.record_permissions import may_read_confidential
from counselor_app.record_text import NameBook, field_text, load_names, short_label
from counselor_app.records.catalog import spec_for
from counselor_app.records.service import Record, RecordService
from counselor_app.risk_levels import LevelEntry, level_on, levels_from_records
from counselor_app.school import School
from counselor_app.school_years import SchoolYear
from counselor_app.timeline import TimelineEntry, student_timeline
from counselor_app.vocab import STAFF_ROLE

PEER = msg("同伴（{class_name}）", "Peer ({class_name})")
PARENT = msg("家长", "Parent")
TEACHER = msg("教师", "Teacher")

# Which role a care-group teacher is shown in, most specific first (as on the printout).
_ROLE_ORDER = ("fulltime_psych", "parttime_psych", "subject_teacher", "leader", "other")


@dataclass(frozen=True)
class YearClass:
    """The class a student was in during one school year."""

    year: str  # 2025—2026学年
    class_code: str
    class_name: str


@dataclass(frozen=True)
class StudentCard:
    id: int
    student_no: str
    name: str
    sex: str  # SEX code
    status: str  # STUDENT_STATUS code
    class_code: str
    class_name: str
    head_teacher: str
    birth_date: str
    guardian: str
    guardian_phone: str
    # Every school year the student was enrolled, oldest first (the last is class_code's).
    classes_by_year: tuple[YearClass, ...] = ()


@dataclass(frozen=True)
class CareMember:
    name: str
    role: str


@dataclass(frozen=True)
class PlanSummary:
    id: int
    created_on: str
    level: int
    guardian_informed_on: str | None
    next_review_on: str | None
    referral_on: str | None
    referral_to: str | None  # None: withheld, or none recorded (see ``redacted``)
    safety_plan: str | None
    measures: str | None
    care_group: tuple[CareMember, ...]
    redacted: bool


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


def student_overview(school: School, student_id: int) -> StudentOverview:
    """Everything the student's file shows; records the opening in the audit trail."""
    entries = student_timeline(school, student_id)  # newest first; raises if no such student
    card = student_card(school, student_id)
    redacted = not may_read_confidential(school)
    names = load_names(school.db, school.today())
    history = levels_from_records((e.record_type, e.date, e.record) for e in entries)
    level, since = level_on(history, school.today())
    plans = [e.record for e in entries if e.record_type == "crisis_plan"]
    open_plan = next((p for p in plans if not p.get("closed_on")), None)
    closed = [p["closed_on"] for p in plans if p.get("closed_on")]
    return StudentOverview(
        student=card,
        level=level,
        level_since=since,
        level_history=history,
        plan=plan_summary(school, open_plan, names, redacted) if open_plan else None,
        last_closed_plan_on=max(closed) if closed else None,
        timeline=tuple(file_entry(e, names, redacted) for e in entries),
        redacted=redacted,
    )


def student_card(school: School, student_id: int) -> StudentCard:
    record = RecordService(school).get("student", student_id)
    row = school.db.query_one(
        "SELECT c.class_code, c.name, s.name AS head FROM class c"
        " LEFT JOIN staff s ON s.id = c.head_teacher_id WHERE c.id = ?",
        (record["class_id"],),
    )
    return StudentCard(
        id=student_id,
        student_no=record["student_no"],
        name=record["name"],
        sex=record.get("sex") or "",
        status=record.get("status") or "",
        class_code=row["class_code"] if row else "",
        class_name=row["name"] if row else "",
        head_teacher=(row["head"] or "") if row else "",
        birth_date=record.get("birth_date") or "",
        guardian=record.get("guardian") or "",
        guardian_phone=record.get("guardian_phone") or "",
        classes_by_year=classes_by_year(school, student_id),
    )


def classes_by_year(school: School, student_id: int) -> tuple[YearClass, ...]:
    """The student's class in each school year they were enrolled: records are history, and a
    class named in last year's record is last year's class."""
    return tuple(
        YearClass(SchoolYear(r["school_year"]).name, r["class_code"], r["name"])
        for r in school.db.query(
            "SELECT e.school_year, c.class_code, c.name FROM enrolment e"
            " JOIN class c ON c.id = e.class_id WHERE e.student_id = ? ORDER BY e.school_year",
            (student_id,),
        )
    )


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


def plan_summary(school: School, plan: Record, names: NameBook, redacted: bool) -> PlanSummary:
    return PlanSummary(
        id=plan["id"],
        created_on=plan["created_on"],
        level=int(plan["level"]),
        guardian_informed_on=plan.get("guardian_informed_on"),
        next_review_on=plan.get("next_review_on"),
        referral_on=plan.get("referral_on"),
        referral_to=plan.get("referral_to"),
        safety_plan=plan.get("safety_plan"),
        measures=plan.get("measures"),
        care_group=tuple(care_group(school, plan, names)),
        redacted=redacted,
    )


def care_group(school: School, plan: Record, names: NameBook) -> list[CareMember]:
    """The plan's care group by name and role: teachers, peers (with their class), parents."""
    head_teacher_id = school.db.scalar(
        "SELECT c.head_teacher_id FROM student s JOIN class c ON c.id = s.class_id WHERE s.id = ?",
        (plan["student_id"],),
    )
    teacher_ids = list(plan.get("care_teachers") or [])
    roles: dict[int, set[str]] = {}
    if teacher_ids:
        marks = ",".join("?" * len(teacher_ids))
        for staff_id, role in school.db.query(
            f"SELECT staff_id, role FROM staff_role WHERE staff_id IN ({marks})", teacher_ids
        ):
            roles.setdefault(staff_id, set()).add(role)
    members = []
    for staff_id in teacher_ids:
        if staff_id == head_teacher_id:
            role = STAFF_ROLE.label("head_teacher")
        else:
            held = roles.get(staff_id, set())
            code = next((r for r in _ROLE_ORDER if r in held), None)
            role = STAFF_ROLE.label(code) if code else TEACHER.render()
        members.append(CareMember(names.name("staff", staff_id), role))
    peer_ids = list(plan.get("care_peers") or [])
    if peer_ids:
        marks = ",".join("?" * len(peer_ids))
        peers = {
            r["id"]: r
            for r in school.db.query(
                "SELECT s.id, s.name, c.name AS class_name FROM student s"
                f" JOIN class c ON c.id = s.class_id WHERE s.id IN ({marks})",
                peer_ids,
            )
        }
        for peer_id in peer_ids:
            if peer_id in peers:
                row = peers[peer_id]
                members.append(CareMember(row["name"], PEER(class_name=row["class_name"]).render()))
    members += [CareMember(name, PARENT.render()) for name in plan.get("care_parents") or []]
    return members


__all__ = [
    "CareMember",
    "Detail",
    "FileEntry",
    "PlanSummary",
    "StudentCard",
    "StudentOverview",
    "YearClass",
    "classes_by_year",
    "student_overview",
]
