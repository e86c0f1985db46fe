"""What a student's file says about the student, built once for the screen and the printout.

The card (who the student is, the class in each school year), the crisis plan with its care group
by name and role, the risk-level history and which plan is open: the student's file on screen
(:mod:`counselor_app.student_file.overview`) and its printouts (:mod:`counselor_app.reports.student_file`)
both read these here, so that they cannot tell a counsellor different facts. Words that depend on
the language (a care-group member's role) are rendered in the language asked for: the screen's, or
Chinese for a printout. How each shows them (labels, layout) is theirs.

Confidential plan text arrives as the record service hands it to this reader (``None`` when
withheld); ``redacted`` says so. No Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counselor_app.foundation.i18n import msg
from counselor_app.foundation.vocab import STAFF_ROLE
from counselor_app.records.service import Record, RecordService
from counselor_app.school.core import School
from counselor_app.student_file.timeline import TimelineEntry
from counselor_app.students.risk_levels import LevelEntry, levels_from_records
from counselor_app.years.school_years import SchoolYear

PEER = msg("同伴（{class_name}）", "Peer ({class_name})")
PARENT = msg("家长", "Parent")
TEACHER = msg("教师", "Teacher")

# Which role a care-group teacher is shown in, most specific first.
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
    closed_on: str | None
    guardian_informed_on: str | None
    next_review_on: str | None
    referral_on: str | None
    referral_to: str | None  # None: withheld, or none recorded (see ``redacted``)
    safety_plan: str | None
    measures: str | None
    care_group: tuple[CareMember, ...]
    redacted: bool  # the reader may not see confidential text


@dataclass(frozen=True)
class StudentFacts:
    """What a student's file says besides the records themselves."""

    card: StudentCard
    risk_history: tuple[LevelEntry, ...]  # oldest first
    open_plan: Record | None  # the plan in force, if any (the newest open one)
    last_closed_plan_on: str | None


def student_facts(
    school: School, student_id: int, timeline: Sequence[TimelineEntry]
) -> StudentFacts:
    """The card, the risk history and the plans, from the student's ``timeline``
    (:func:`counselor_app.student_file.timeline.student_timeline`, which has already logged the opening).

    The history is oldest first (:func:`counselor_app.students.risk_levels.in_order`); entries of one day
    at one level keep the order they have in ``timeline``, which is the reader's: the screen reads
    newest first, the printout oldest first."""
    plans = sorted(
        (e.record for e in timeline if e.record_type == "crisis_plan"),
        key=lambda p: (p["created_on"], p["id"]),
        reverse=True,
    )
    open_plan = next((p for p in plans if not p.get("closed_on")), None)
    closed = [p["closed_on"] for p in plans if p.get("closed_on")]
    return StudentFacts(
        card=student_card(school, student_id),
        risk_history=levels_from_records((e.record_type, e.date, e.record) for e in timeline),
        open_plan=open_plan,
        last_closed_plan_on=max(closed) if closed else None,
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


def plan_summary(school: School, plan: Record, language: str | None = None) -> PlanSummary:
    """The plan as both the screen and the printouts show it; roles in ``language``."""
    return PlanSummary(
        id=plan["id"],
        created_on=plan["created_on"],
        level=int(plan["level"]),
        closed_on=plan.get("closed_on"),
        guardian_informed_on=plan.get("guardian_informed_on"),
        next_review_on=plan.get("next_review_on"),
        referral_on=plan.get("referral_on"),
        referral_to=plan.get("referral_to"),
        safety_plan=plan.get("safety_plan"),
        measures=plan.get("measures"),
        care_group=tuple(care_group(school, plan, language)),
        redacted=not school.may_read_confidential,
    )


def care_group(school: School, plan: Record, language: str | None = None) -> list[CareMember]:
    """The plan's care group by name and role: teachers (the student's head teacher as such,
    others by their most specific role), peers with their class, then parents."""
    head_teacher_id = school.db.scalar(
        "SELECT c.head_teacher_id FROM student s JOIN class c ON c.id = s.class_id WHERE s.id = ?",
        (plan["student_id"],),
    )
    teacher_ids = list(plan.get("care_teachers") or [])
    names: dict[int, str] = {}
    roles: dict[int, set[str]] = {}
    if teacher_ids:
        marks = ",".join("?" * len(teacher_ids))
        names = {
            r[0]: r[1]
            for r in school.db.query(
                f"SELECT id, name FROM staff WHERE id IN ({marks})", teacher_ids
            )
        }
        for staff_id, role in school.db.query(
            f"SELECT staff_id, role FROM staff_role WHERE staff_id IN ({marks})", teacher_ids
        ):
            roles.setdefault(staff_id, set()).add(role)
    members = []
    for staff_id in teacher_ids:
        if staff_id == head_teacher_id:
            role = STAFF_ROLE.label("head_teacher", language)
        else:
            held = roles.get(staff_id, set())
            code = next((r for r in _ROLE_ORDER if r in held), None)
            role = STAFF_ROLE.label(code, language) if code else TEACHER.render(language)
        # An id nobody knows reads as #id rather than vanishing.
        members.append(CareMember(names.get(staff_id, f"#{staff_id}"), role))
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
                role = PEER(class_name=row["class_name"]).render(language)
                members.append(CareMember(row["name"], role))
    parent = PARENT.render(language)
    members += [CareMember(name, parent) for name in plan.get("care_parents") or []]
    return members
