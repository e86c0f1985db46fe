"""Metrics: home visits (家访): key students visited in the rule's period, and every student
visited in the home by the head teacher in the school year.

Reads the shared facts of ``TermContext`` and one grouped query each; nothing here queries per
student. Evidence names students by 学号 and classes by 班级编号, never by a student's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import Bilingual, Message, joined, msg
from counselor_app.foundation.vocab import VISIT_MODE
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import (
    LISTED_SINGLY,
    NO_KEY_STUDENTS,
    NO_STUDENTS,
    PERIOD_PARAM,
    SHARE_PARAM,
    judged_share,
    over_the_year,
    rule_period,
    student_evidence,
)
from counselor_app.selfcheck.params import INT, Param
from counselor_app.selfcheck.result import NO_DATA, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, sentence, student_label, vocab_words, words

NO_HOME_VISIT = msg("{period}没有家访记录", "no home visit {period}")

TOO_FEW_HOME_VISITS = msg(
    "{period}家访不足 {visits} 次",
    "fewer than {visits} home visits {period}",
    en_one="no home visit {period}",
    counted="visits",
)

KEY_VISITED = msg(
    "重点关爱学生 {key} 名，{period}家访不少于 {visits} 次的 {done} 名",
    "{key} key students, {done} with at least {visits} home visits {period}",
    en_one="{key} key students, {done} with at least one home visit {period}",
    counted="visits",
)

VISITED = msg(
    "在读学生 {students} 名，本学年由班主任入户家访 {done} 名",
    "{students} students enrolled, {done} visited in the home by their head teacher this school "
    "year",
)

NO_HEAD_TEACHER_VISIT = msg(
    "本学年没有班主任入户家访", "no visit in the home by the head teacher this school year"
)

NO_HEAD_TEACHER_RECORDED = msg(
    "班级 {code} 未登记班主任，无法认定班主任家访",
    "class {code} has no head teacher recorded, so no visit can count as the head teacher's",
)

OTHER_CONTACTS = msg("另有{contacts}，不计入", "other contact not counted: {contacts}")

CONTACTS_NOT_COUNTED = msg(
    "；另有{contacts}不计入（只计班主任入户家访）",
    "; not counted (only visits in the home by the head teacher count): {contacts}",
)

CONTACT_TIMES = msg("{what} {count} 次", "{what} {count}")

NOT_BY_HEAD = Bilingual("非班主任入户", "in the home by another teacher")

MODE_NOT_RECORDED = Bilingual("方式未登记", "mode not recorded")


def _visits(ctx: TermContext, first: str, last: str) -> dict[int, int]:
    return dict(
        ctx.db.query(
            "SELECT student_id, COUNT(*) FROM home_visit WHERE date BETWEEN ? AND ?"
            " GROUP BY student_id",
            (first, last),
        )
    )


@metric(
    "key_students_home_visit",
    params={"period": PERIOD_PARAM, "minimum": Param(INT, minimum=1), **SHARE_PARAM},
    yearly=over_the_year,
)
def key_students_home_visit(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Key students with at least ``minimum`` home visits in the period."""
    first, last, period = rule_period(ctx, params)
    visits_needed = int(params.get("minimum", 1))
    minimum = float(params.get("minimum_share", 1.0))
    key = ctx.key_students
    if not key:
        return Measurement(NO_DATA, None, minimum, note=NO_KEY_STUDENTS)
    visits = _visits(ctx, first, last)
    missing = [s for s in key if visits.get(s.id, 0) < visits_needed]
    done = len(key) - len(missing)
    what = words(
        NO_HOME_VISIT(period=period)
        if visits_needed == 1
        else TOO_FEW_HOME_VISITS(period=period, visits=visits_needed)
    )
    note = words(KEY_VISITED(key=len(key), period=period, visits=visits_needed, done=done))
    return judged_share(done, len(key), minimum, student_evidence(missing, what), note)


def _contact_words(kinds: Mapping[str, int]) -> Message:
    """电话 1 次、到校 2 次 / Phone 1, At school 2: the contacts that did not count, by kind."""
    return joined(
        CONTACT_TIMES(what=what, count=count)
        for what, count in (
            *(
                (vocab_words(VISIT_MODE, mode), kinds[mode])
                for mode in VISIT_MODE.codes
                if mode in kinds
            ),
            (NOT_BY_HEAD, kinds.get(_NOT_BY_HEAD, 0)),
            (MODE_NOT_RECORDED, kinds.get(_NO_MODE, 0)),
        )
        if count
    )


_NOT_BY_HEAD, _NO_MODE = "not_by_head", "no_mode"


@metric("home_visit_coverage", params=SHARE_PARAM, yearly=True)
def home_visit_coverage(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Share of students visited in the home (方式 入户) by their head teacher in the school year:
    「班主任每学年对每名学生至少开展1次家访」.

    The head teacher is the one of the student's class in the term's school year. A phone or video
    call, a parent seen at school, a visit by another teacher or one whose 方式 was not recorded
    is other contact: named in the evidence, never counted. A yearly demand: the engine judges it.
    """
    minimum = float(params.get("minimum_share", 1.0))
    students = ctx.enrolled
    if not students:
        return Measurement(NO_DATA, None, minimum, note=words(NO_STUDENTS))
    first, last = ctx.school_year
    head_of_class = {c.id: c.head_teacher_id for c in ctx.year_classes.values()}
    counted: set[int] = set()
    others: dict[int, dict[str, int]] = {}
    wanted = {s.id: head_of_class.get(s.class_id) for s in students}
    for student_id, teacher_id, mode in ctx.db.query(
        "SELECT student_id, teacher_id, mode FROM home_visit WHERE date BETWEEN ? AND ?",
        (first, last),
    ):
        if student_id not in wanted:
            continue
        head = wanted[student_id]
        if mode == "in_home" and head is not None and teacher_id == head:
            counted.add(student_id)
            continue
        kind = _NO_MODE if mode is None else _NOT_BY_HEAD if mode == "in_home" else mode
        tally = others.setdefault(student_id, {})
        tally[kind] = tally.get(kind, 0) + 1
    missing = [s for s in students if s.id not in counted]
    done = len(students) - len(missing)
    if len(missing) <= LISTED_SINGLY:
        evidence = []
        for s in sorted(missing, key=lambda s: (s.class_code, s.student_no)):
            parts: list[object] = [
                NO_HEAD_TEACHER_VISIT
                if wanted[s.id] is not None
                else NO_HEAD_TEACHER_RECORDED(code=s.class_code)
            ]
            if s.id in others:
                parts.append(OTHER_CONTACTS(contacts=_contact_words(others[s.id])))
            label = student_label(s.student_no, s.class_code)
            evidence.append(Evidence("student", s.student_no, label, sentence(clauses(parts))))
    else:
        evidence = student_evidence(missing, words(NO_HEAD_TEACHER_VISIT))
    notes: list[object] = [VISITED(students=len(students), done=done)]
    not_counted: dict[str, int] = {}
    for tally in others.values():
        for kind, count in tally.items():
            not_counted[kind] = not_counted.get(kind, 0) + count
    if not_counted:
        notes.append(CONTACTS_NOT_COUNTED(contacts=_contact_words(not_counted)))
    note = clauses(notes, "", "")
    return judged_share(done, len(students), minimum, evidence, note)
