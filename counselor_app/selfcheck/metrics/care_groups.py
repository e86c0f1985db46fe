"""Metric: each key student's care group (关爱小组) has every member the checklist names, each a
different person.

Reads the shared facts of ``TermContext`` and a few grouped queries; nothing here queries per
student. Evidence names students by 学号 and staff by 工号, never by a student's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from counselor_app.foundation.i18n import Bilingual, joined, msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import (
    ACTIVE_PLAN,
    NO_KEY_STUDENTS,
    SHARE_PARAM,
    bad_param,
    judged_share,
)
from counselor_app.selfcheck.params import TEXTS, Param
from counselor_app.selfcheck.result import NO_DATA, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, words

NO_PLANS_YET = msg(
    "重点关爱学生都还没有一生一策，关爱小组无从评定",
    "No key student has a crisis plan yet, so there is no care group to judge",
)

OWN_HEAD_TEACHER = msg("班主任（工号 {staff_no}）", "head teacher (staff no. {staff_no})")

ONE_PERSON_TWICE = msg(
    "（工号 {staff_nos} 已算作另一名成员，一人只算一名）",
    " (staff no. {staff_nos} already counts as another member; one person counts once)",
)

CARE_GROUP = msg("学号 {number} 的关爱小组", "Care group of student no. {number}")

MISSING = msg("缺少{members}", "Missing: {members}")

CARE_GROUPS_NOTE = msg(
    "重点关爱学生的一生一策 {plans} 份，关爱小组齐全 {complete} 份",
    "{plans} crisis plans of key students, {complete} with a complete care group",
)

MEMBER_LABELS = {
    "psych_teacher": Bilingual("专职心理教师", "full-time psych teacher"),
    "head_teacher": Bilingual("班主任", "head teacher"),
    "subject_teacher": Bilingual(
        "班主任以外的任课教师", "a subject teacher other than the head teacher"
    ),
    "peer": Bilingual("同班同学", "a classmate"),
    "parent": Bilingual("家长", "parent"),
}

# The members who are staff, each filled by a different person.
_STAFF_MEMBERS = ("psych_teacher", "head_teacher", "subject_teacher")


def _fill(
    slots: Sequence[str], candidates: Mapping[str, set[int]]
) -> tuple[dict[str, int], list[str]]:
    """Staff for the staff members, a different person for each (a care group of five is five
    people): the assignment that fills the most slots, earlier slots first. Groups are a handful
    of teachers, so every assignment is tried."""
    best: dict[str, int] = {}

    def search(index: int, chosen: dict[str, int]) -> None:
        nonlocal best
        if len(chosen) + (len(slots) - index) <= len(best):
            return
        if index == len(slots):
            best = dict(chosen)
            return
        slot = slots[index]
        for person in sorted(candidates.get(slot, ())):
            if person not in chosen.values():
                chosen[slot] = person
                search(index + 1, chosen)
                del chosen[slot]
        search(index + 1, chosen)

    search(0, {})
    return best, [slot for slot in slots if slot not in best]


@metric(
    "care_groups_complete",
    params={"members": Param(TEXTS, choices=tuple(MEMBER_LABELS)), **SHARE_PARAM},
)
def care_groups_complete(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """The care group of each key student's plan has every member the profile names, each a
    different person: 「由专职心理教师、班主任、相关任课教师、关系较好同学和学生家长组成」.

    A key student's plan is the latest one in force during the term (the one ``key_students_with_
    plan`` counted). The psych teacher is a full-time one; the head teacher is the student's own
    class head teacher in the term's school year when the class has one recorded (otherwise any
    staff member with the 班主任 role will do); the subject teacher is another person with the 任课
    教师 role; the peer is a student in the student's class that school year; the parent is a name
    in 关爱小组家长. A teacher with two roles fills only one of them.
    """
    members = list(params.get("members", MEMBER_LABELS))
    for member in members:
        if member not in MEMBER_LABELS:
            raise bad_param("members", member, tuple(MEMBER_LABELS))
    minimum = float(params.get("minimum_share", 1.0))
    key = {s.id: s for s in ctx.key_students}
    if not key:
        return Measurement(NO_DATA, None, minimum, note=NO_KEY_STUDENTS)

    rows = ctx.db.query(
        "SELECT p.id, p.student_id, json_array_length(p.care_parents) > 0 AS parent"
        f" FROM crisis_plan p WHERE {ACTIVE_PLAN} ORDER BY p.created_on, p.id",
        {"first": ctx.first, "last": ctx.last},
    )
    latest = {r["student_id"]: r for r in rows if r["student_id"] in key}  # later rows win
    if not latest:
        return Measurement(NO_DATA, None, minimum, note=words(NO_PLANS_YET))
    plan_ids = [row["id"] for row in latest.values()]
    teachers = _plan_teachers(ctx, plan_ids)
    peers = _plan_peers(ctx, plan_ids)
    roles = _staff_roles(ctx, {t for group in teachers.values() for t in group})
    # The head teacher of the student's class in the term's school year.
    head_of = {
        student_id: ctx.year_classes[key[student_id].class_id].head_teacher_id
        for student_id in latest
    }
    staff_numbers = _staff_numbers(ctx, {h for h in head_of.values() if h is not None} | set(roles))
    slots = [m for m in _STAFF_MEMBERS if m in members]
    evidence = []
    for student_id, row in sorted(latest.items(), key=lambda item: key[item[0]].student_no):
        group = teachers.get(row["id"], set())
        head = head_of[student_id]

        def having(role: str, group: set[int] = group) -> set[int]:
            return {t for t in group if role in roles.get(t, set())}

        candidates = {
            "psych_teacher": having("fulltime_psych"),
            "head_teacher": ({head} & group) if head is not None else having("head_teacher"),
            "subject_teacher": having("subject_teacher"),
        }
        filled, unfilled = _fill(slots, candidates)
        lacking: list[object] = []
        for member in members:
            if member in unfilled and member == "head_teacher" and head is not None:
                lacking.append(OWN_HEAD_TEACHER(staff_no=staff_numbers[head]))
            elif member in unfilled:
                lacking.append(MEMBER_LABELS[member])
            elif member == "peer" and not any(
                ctx.class_by_student.get(peer) == key[student_id].class_id
                for peer in peers.get(row["id"], set())
                if peer != student_id
            ):
                lacking.append(MEMBER_LABELS["peer"])
            elif member == "parent" and not row["parent"]:
                lacking.append(MEMBER_LABELS["parent"])
        if lacking:
            # Staff who could fill a missing place but already fill another: say why it is short.
            shared = sorted(
                {
                    staff_numbers[t]
                    for member in unfilled
                    for t in candidates[member]
                    if t in filled.values()
                }
            )
            missing = words(MISSING(members=joined(lacking)))
            if shared:
                missing = clauses([missing, ONE_PERSON_TWICE(staff_nos=joined(shared))], "", "")
            number = key[student_id].student_no
            evidence.append(Evidence("plan", number, words(CARE_GROUP(number=number)), missing))
    complete = len(latest) - len(evidence)
    note = words(CARE_GROUPS_NOTE(plans=len(latest), complete=complete))
    return judged_share(complete, len(latest), minimum, evidence, note)


def _plan_peers(ctx: TermContext, plan_ids: list[int]) -> dict[int, set[int]]:
    """The student ids among each plan's peers."""
    return _grouped(
        ctx.db.query_in(
            "SELECT plan_id, student_id FROM crisis_plan_peer WHERE plan_id IN ({ids})", plan_ids
        )
    )


def _staff_roles(ctx: TermContext, staff_ids: set[int]) -> dict[int, set[str]]:
    return _grouped(
        ctx.db.query_in(
            "SELECT staff_id, role FROM staff_role WHERE staff_id IN ({ids})", sorted(staff_ids)
        )
    )


def _plan_teachers(ctx: TermContext, plan_ids: list[int]) -> dict[int, set[int]]:
    """The staff ids in each plan's care group."""
    return _grouped(
        ctx.db.query_in(
            "SELECT plan_id, staff_id FROM crisis_plan_teacher WHERE plan_id IN ({ids})", plan_ids
        )
    )


def _staff_numbers(ctx: TermContext, staff_ids: set[int]) -> dict[int, str]:
    return dict(
        ctx.db.query_in("SELECT id, staff_no FROM staff WHERE id IN ({ids})", sorted(staff_ids))
    )


def _grouped(pairs: Iterable[tuple[int, Any]]) -> dict[int, set[Any]]:
    """The second values of (key, value) rows, as a set per key."""
    found: dict[int, set[Any]] = {}
    for key, value in pairs:
        found.setdefault(key, set()).add(value)
    return found
