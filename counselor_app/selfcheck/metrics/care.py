"""Metrics: caring for students (screening, key students and their plans, home visits, referrals)
and keeping counselling records.

Every metric reads the shared facts of ``TermContext`` (who counts, who is a key student) and runs
one grouped query for the rest, so a 3,000-student school is measured in milliseconds; nothing here
queries per student. Evidence names students by 学号, classes by 班级编号, staff by 工号 and
sessions by date and time, never by a student's name: the report goes to the district.

The helpers at the top (the exact share comparison, evidence for a list of students, errors in a
rule's parameters) serve ``monitors`` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from counselor_app.errors import InvalidInput
from counselor_app.i18n import Bilingual, Message, joined, msg
from counselor_app.selfcheck.context import StudentFact, TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.params import INT, SHARE, TEXT, TEXTS, Param
from counselor_app.selfcheck.result import (
    FAIL,
    NO_DATA,
    PASS,
    Evidence,
    Measurement,
    share,
)
from counselor_app.selfcheck.words import (
    clauses,
    listed,
    sentence,
    student_label,
    student_numbers,
    vocab_words,
    words,
)
from counselor_app.vocab import SESSION_KIND, VISIT_MODE

BAD_PARAM = msg(
    "自查标准参数 {name} 的值“{value}”无效，可用的值：{choices}",
    "The checklist parameter {name} cannot be '{value}'; use one of: {choices}",
)

# Up to this many students (or sessions) are named one per evidence line; more are grouped, one line
# per class (or counsellor) that still names every one of them.
LISTED_SINGLY = 20
# A plan is in force during the term when it was made by the term's last day and not closed before
# its first day.
ACTIVE_PLAN = "p.created_on <= :last AND (p.closed_on IS NULL OR p.closed_on >= :first)"
NO_KEY_STUDENTS = words(msg("本学期没有重点关爱学生", "No key students this term"))
THIS_SCHOOL_YEAR = Bilingual("本学年", "this school year")
THIS_TERM = Bilingual("本学期", "this term")
CLASS_STUDENTS_WHAT = msg(
    "班级 {code}：{count} 名学生{what}",
    "Class {code}: {count} students, {what}",
    en_one="Class {code}: 1 student, {what}",
)
NO_STUDENTS = msg("没有在读学生", "No students enrolled")
NO_STUDENTS_FROM = msg(
    "没有{grade} 年级及以上在读学生", "No students enrolled in grade {grade} or above"
)
SCREENED = msg(
    "在读学生 {students} 名，{period}已测评 {done} 名",
    "{students} students enrolled, {done} screened {period}",
)
SCREENED_FROM = msg(
    "{grade} 年级及以上在读学生 {students} 名，{period}已测评 {done} 名",
    "{students} students enrolled in grade {grade} or above, {done} screened {period}",
)
NO_SCREENING = msg("{period}没有测评记录", "no screening {period}")
WITH_PLAN = msg(
    "重点关爱学生 {key} 名，{done} 名有一生一策", "{key} key students, {done} with a crisis plan"
)
NO_PLAN = msg("没有一生一策", "no crisis plan")
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
NO_REFERRALS = msg("本学期没有转介记录", "No referrals this term")
REFERRED = msg("学号 {number}（{since} 转介）", "Student no. {number} (referred {since})")
NO_FOLLOW_UP = msg("转介后没有随访记录", "No follow-up after the referral")
REFERRALS_NOTE = msg(
    "本学期在办的转介 {cases} 例，有随访记录 {done} 例",
    "{cases} referrals open this term, {done} with a follow-up",
)
NO_PLANS_AT_LEVEL = msg(
    "本学期没有 {level} 级及以上的一生一策", "No crisis plan of level {level} or above this term"
)
GUARDIAN_NOT_INFORMED = msg("未登记家长知情日期", "no date the guardian was informed")
REFERRAL_NOT_RECORDED = msg("未登记转介机构", "no referral recorded")
PLAN_OF = msg("学号 {number} 的一生一策", "Crisis plan of student no. {number}")
PLANS_AT_LEVEL_NOTE = msg(
    "{level} 级及以上的一生一策 {plans} 份，已告知家长并转介 {done} 份",
    "{plans} crisis plans of level {level} or above, {done} with the guardian informed and a "
    "referral",
)
SESSION = msg("{date} {time} 的辅导记录", "Session on {date} {time}")
SESSION_BY = msg("辅导教师工号 {staff_no}，{what}", "Counsellor staff no. {staff_no}: {what}")
SESSIONS_BY = msg(
    "工号 {staff_no}：{count} 条辅导记录{what}", "Staff no. {staff_no}: {count} sessions, {what}"
)
NO_SESSIONS = msg("本学期没有辅导记录", "No sessions this term")
NO_ENTRY_DATES = msg(
    "本学期辅导记录 {sessions} 条，都没有录入日期，无从判断是否及时录入",
    "{sessions} sessions this term, none with an entry date, so promptness cannot be judged",
)
ENTERED_LATE = msg(
    "{entered_on} 录入，晚于辅导 {delay} 天",
    "entered on {entered_on}, {delay} days after the session",
)
PROMPT_NOTE = msg(
    "辅导记录 {sessions} 条，{days} 日内录入 {on_time} 条，逾期 {late} 条",
    "{sessions} sessions, {on_time} entered within {days} days, {late} late",
)
WITHOUT_ENTRY_DATE = msg(
    "；另有 {unknown} 条没有录入日期，未计入", "; {unknown} more without an entry date, not counted"
)
LATEST_LISTED = msg("；下列最近 {shown} 条", "; the latest {shown} are listed")
NO_KIND_SESSIONS = msg("本学期没有{kind}记录", "No {kind} sessions this term")
FOLLOW_UP_NOTE = msg(
    "{kind}记录 {sessions} 条，写有后续安排 {done} 条",
    "{sessions} {kind} sessions, {done} with a follow-up plan",
)
_SHARE = {"minimum_share": Param(SHARE)}
NO_FOLLOW_UP_PLAN = msg("没有后续安排", "no follow-up plan")


# -- helpers shared with monitors ----------------------------------------------------------------
def bad_param(name: str, value: Any, choices: Sequence[str]) -> InvalidInput:
    return InvalidInput(BAD_PARAM(name=name, value=value, choices=joined(choices)))


def meets_share(part: int, whole: int, minimum: float) -> bool:
    """Exactly ``part / whole >= minimum``: ``share()`` rounds, and 94.996 % must not pass 95 %."""
    return Fraction(part, whole) >= Fraction(str(minimum))


def judged_share(
    part: int, whole: int, minimum: float, evidence: list[Evidence], note: str
) -> Measurement:
    status = PASS if meets_share(part, whole, minimum) else FAIL
    return Measurement(status, share(part, whole), minimum, evidence, note)


def student_evidence(students: Sequence[StudentFact], what: Bilingual) -> list[Evidence]:
    """Every student named by 学号: one line each when few, else one line per class listing them.

    ``what`` is a phrase (没有测评记录 / no screening): a detail of its own, or part of a label."""
    ordered = sorted(students, key=lambda s: (s.class_code, s.student_no))
    if len(ordered) <= LISTED_SINGLY:
        detail = sentence(what)
        return [
            Evidence("student", s.student_no, student_label(s.student_no, s.class_code), detail)
            for s in ordered
        ]
    by_class: dict[str, list[str]] = {}
    for student in ordered:
        by_class.setdefault(student.class_code, []).append(student.student_no)
    return [
        Evidence(
            "class",
            code,
            words(CLASS_STUDENTS_WHAT(code=code, count=len(numbers), what=what)),
            student_numbers(numbers),
        )
        for code, numbers in by_class.items()
    ]


def _period(ctx: TermContext, params: Mapping[str, Any]) -> tuple[str, str, Bilingual]:
    """First day, last day and the words for the rule's period (``school_year`` or ``term``)."""
    period = params.get("period", "term")
    if period == "school_year":
        return (*ctx.school_year, THIS_SCHOOL_YEAR)
    if period == "term":
        return ctx.first, ctx.last, THIS_TERM
    raise bad_param("period", period, ("school_year", "term"))


# -- screening -----------------------------------------------------------------------------------
_PERIOD = Param(TEXT, choices=("school_year", "term"))


def _over_the_year(params: Mapping[str, Any]) -> bool:
    return bool(params.get("period", "term") == "school_year")


@metric(
    "screening_coverage",
    params={"period": _PERIOD, "min_grade": Param(INT, minimum=1, maximum=12), **_SHARE},
    yearly=_over_the_year,
)
def screening_coverage(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Share of the students (of grade ≥ ``min_grade``) with a screening dated in the period."""
    first, last, period = _period(ctx, params)
    min_grade = int(params.get("min_grade", 1))
    minimum = float(params.get("minimum_share", 1.0))
    students = [s for s in ctx.enrolled if s.grade >= min_grade]
    if not students:
        empty = NO_STUDENTS_FROM(grade=min_grade) if min_grade > 1 else NO_STUDENTS
        return Measurement(NO_DATA, None, minimum, note=words(empty))
    screened = {
        r[0]
        for r in ctx.db.query(
            "SELECT DISTINCT student_id FROM screening WHERE date BETWEEN ? AND ?", (first, last)
        )
    }
    missing = [s for s in students if s.id not in screened]
    done = len(students) - len(missing)
    counted = SCREENED_FROM(grade=min_grade) if min_grade > 1 else SCREENED
    note = words(counted(students=len(students), period=period, done=done))
    what = words(NO_SCREENING(period=period))
    return judged_share(done, len(students), minimum, student_evidence(missing, what), note)


# -- key students and their plans ---------------------------------------------------------------
def _students_with_active_plan(ctx: TermContext) -> set[int]:
    return {
        r[0]
        for r in ctx.db.query(
            f"SELECT DISTINCT p.student_id FROM crisis_plan p WHERE {ACTIVE_PLAN}",
            {"first": ctx.first, "last": ctx.last},
        )
    }


@metric("key_students_with_plan", params=_SHARE)
def key_students_with_plan(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Key students with a crisis plan in force during the term (open, or closed in the term)."""
    minimum = float(params.get("minimum_share", 1.0))
    key = ctx.key_students
    if not key:
        return Measurement(NO_DATA, None, minimum, note=NO_KEY_STUDENTS)
    with_plan = _students_with_active_plan(ctx)
    missing = [s for s in key if s.id not in with_plan]
    done = len(key) - len(missing)
    note = words(WITH_PLAN(key=len(key), done=done))
    return judged_share(done, len(key), minimum, student_evidence(missing, words(NO_PLAN)), note)


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
    params={"members": Param(TEXTS, choices=tuple(MEMBER_LABELS)), **_SHARE},
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


# -- home visits ---------------------------------------------------------------------------------
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
    params={"period": _PERIOD, "minimum": Param(INT, minimum=1), **_SHARE},
    yearly=_over_the_year,
)
def key_students_home_visit(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Key students with at least ``minimum`` home visits in the period."""
    first, last, period = _period(ctx, params)
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


@metric("home_visit_coverage", params=_SHARE, yearly=True)
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


# -- referrals and crises ------------------------------------------------------------------------
@metric("referral_follow_up", params=_SHARE)
def referral_follow_up(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Referrals in force during the term that have a follow-up dated on or after the referral.

    A referral is either a crisis plan in force during the term with a referral recorded (the
    referral date, or the plan's date when the referral has none), or a row of the referral table
    that was in force during the term: 已转介, 就诊中 or 已返校 dated on or before the term's last
    day (still open, so open during the term), or 结束 dated inside the term. 建议 is not yet a
    referral. A plan and a referral row for the same student on the same date are one referral.
    Only students who count for the term are judged.
    """
    minimum = float(params.get("minimum_share", 1.0))
    counted = {s.id: s for s in ctx.students}
    rows = ctx.db.query(
        "SELECT c.source, c.student_id, c.since, EXISTS (SELECT 1 FROM follow_up f"
        "   WHERE f.student_id = c.student_id AND f.date >= c.since) AS followed FROM ("
        " SELECT 'plan' AS source, p.student_id, COALESCE(p.referral_on, p.created_on) AS since"
        "   FROM crisis_plan p WHERE (trim(p.referral_to) <> '' OR p.referral_on IS NOT NULL)"
        f"   AND {ACTIVE_PLAN}"
        " UNION ALL SELECT 'referral', r.student_id, r.date FROM referral r"
        "   WHERE (r.state IN ('referred', 'in_treatment', 'returned') AND r.date <= :last)"
        "   OR (r.state = 'closed' AND r.date BETWEEN :first AND :last)"
        ") c ORDER BY c.since, c.student_id, c.source",
        {"first": ctx.first, "last": ctx.last},
    )
    cases: dict[tuple[int, str], Any] = {}
    for row in rows:
        if row["student_id"] in counted:
            cases.setdefault((row["student_id"], row["since"]), row)  # 'plan' sorts first
    if not cases:
        return Measurement(NO_DATA, None, minimum, note=words(NO_REFERRALS))
    evidence = []
    for (student_id, since), row in cases.items():
        if not row["followed"]:
            number = counted[student_id].student_no
            kind = "plan" if row["source"] == "plan" else "student"
            evidence.append(
                Evidence(
                    kind,
                    number,
                    words(REFERRED(number=number, since=since)),
                    words(NO_FOLLOW_UP),
                )
            )
    done = len(cases) - len(evidence)
    note = words(REFERRALS_NOTE(cases=len(cases), done=done))
    return judged_share(done, len(cases), minimum, evidence, note)


@metric(
    "crisis_referral_with_guardian",
    params={"level": Param(INT, minimum=0, maximum=3), **_SHARE},
)
def crisis_referral_with_guardian(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Plans of ``level`` or above in force during the term with the guardian informed and a
    referral (转介机构) recorded; a student with several such plans is judged by the latest."""
    level = int(params.get("level", 3))
    minimum = float(params.get("minimum_share", 1.0))
    counted = {s.id: s for s in ctx.students}
    rows = ctx.db.query(
        "SELECT p.student_id, p.guardian_informed_on IS NOT NULL AS informed,"
        " COALESCE(trim(p.referral_to), '') <> '' AS referred FROM crisis_plan p"
        f" WHERE p.level >= :level AND {ACTIVE_PLAN} ORDER BY p.created_on, p.id",
        {"first": ctx.first, "last": ctx.last, "level": level},
    )
    latest = {r["student_id"]: r for r in rows if r["student_id"] in counted}
    if not latest:
        return Measurement(NO_DATA, None, minimum, note=words(NO_PLANS_AT_LEVEL(level=level)))
    evidence = []
    for student_id, row in sorted(latest.items(), key=lambda item: counted[item[0]].student_no):
        lacking = [
            words
            for ok, words in (
                (row["informed"], GUARDIAN_NOT_INFORMED),
                (row["referred"], REFERRAL_NOT_RECORDED),
            )
            if not ok
        ]
        if lacking:
            number = counted[student_id].student_no
            evidence.append(
                Evidence("plan", number, words(PLAN_OF(number=number)), sentence(clauses(lacking)))
            )
    done = len(latest) - len(evidence)
    note = words(PLANS_AT_LEVEL_NOTE(level=level, plans=len(latest), done=done))
    return judged_share(done, len(latest), minimum, evidence, note)


# -- counselling records -------------------------------------------------------------------------
def _session_label(row: Any) -> Bilingual:
    return words(SESSION(date=row["date"], time=row["start_time"]))


def _session_evidence(rows: Sequence[Any], what: Bilingual) -> list[Evidence]:
    """Sessions by date, time and counsellor 工号; grouped per counsellor when many."""
    if len(rows) <= LISTED_SINGLY:
        return [
            Evidence(
                "session",
                f"{r['date']} {r['start_time']}",
                _session_label(r),
                words(SESSION_BY(staff_no=r["staff_no"], what=what)),
            )
            for r in rows
        ]
    by_staff: dict[str, list[str]] = {}
    for r in rows:
        by_staff.setdefault(r["staff_no"], []).append(f"{r['date']} {r['start_time']}")
    return [
        Evidence(
            "staff",
            staff_no,
            words(SESSIONS_BY(staff_no=staff_no, count=len(times), what=what)),
            listed(times),
        )
        for staff_no, times in sorted(by_staff.items())
    ]


@metric(
    "records_entered_promptly",
    params={"days": Param(INT, minimum=0), **_SHARE},
)
def records_entered_promptly(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Sessions dated in the term entered within ``days`` days of the session.

    A session whose entry date is unknown (imported from a ledger that did not note it) is neither
    prompt nor late: it is left out of the share and counted in the note."""
    days = int(params.get("days", 7))
    minimum = float(params.get("minimum_share", 0.95))
    rows = ctx.db.query(
        "SELECT cs.date, cs.start_time, cs.entered_on, st.staff_no,"
        " CAST(julianday(cs.entered_on) - julianday(cs.date) AS INTEGER) AS delay"
        " FROM counselling_session cs JOIN staff st ON st.id = cs.counsellor_id"
        " WHERE cs.date BETWEEN :first AND :last ORDER BY cs.date DESC, cs.start_time DESC",
        {"first": ctx.first, "last": ctx.last},
    )
    if not rows:
        return Measurement(NO_DATA, None, minimum, note=words(NO_SESSIONS))
    known = [r for r in rows if r["entered_on"] is not None]
    unknown = len(rows) - len(known)
    if not known:
        return Measurement(NO_DATA, None, minimum, note=words(NO_ENTRY_DATES(sessions=unknown)))
    late = [r for r in known if r["delay"] > days]
    on_time = len(known) - len(late)
    shown = late[:10]
    evidence = [
        Evidence(
            "session",
            f"{r['date']} {r['start_time']}",
            _session_label(r),
            words(
                SESSION_BY(
                    staff_no=r["staff_no"],
                    what=ENTERED_LATE(entered_on=r["entered_on"], delay=r["delay"]),
                )
            ),
        )
        for r in shown
    ]
    notes: list[object] = [
        PROMPT_NOTE(sessions=len(known), days=days, on_time=on_time, late=len(late))
    ]
    if unknown:
        notes.append(WITHOUT_ENTRY_DATE(unknown=unknown))
    if len(late) > len(shown):
        notes.append(LATEST_LISTED(shown=len(shown)))
    note = clauses(notes, "", "")
    return judged_share(on_time, len(known), minimum, evidence, note)


@metric(
    "sessions_with_follow_up",
    params={"kind": Param(TEXT, choices=SESSION_KIND), **_SHARE},
)
def sessions_with_follow_up(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Sessions of ``kind`` in the term whose follow-up (后续安排) is filled in; by default every
    one of them (「有记录、有跟踪、有反馈、有结果」 asks it of every record).

    The follow-up is confidential text, sealed in the database, and the self-check is also run by
    a 管理员, who may not open it. Whether a session has one is read from the stored value alone:
    blank text is stored as NULL (``records.values.convert``) and only text is sealed, so a
    non-empty stored value, sealed or written before sealing, is a follow-up that was written.
    """
    kind = params.get("kind", "individual")
    if kind not in SESSION_KIND.codes:
        raise bad_param("kind", kind, SESSION_KIND.codes)
    minimum = float(params.get("minimum_share", 1.0))
    what = Bilingual(
        SESSION_KIND.label(kind, "zh") + "辅导",
        SESSION_KIND.label(kind, "en").lower() + " counselling",
    )
    rows = ctx.db.query(
        "SELECT cs.date, cs.start_time, st.staff_no,"
        " COALESCE(trim(cs.follow_up), '') <> '' AS has_follow_up"
        " FROM counselling_session cs JOIN staff st ON st.id = cs.counsellor_id"
        " WHERE cs.kind = :kind AND cs.date BETWEEN :first AND :last"
        " ORDER BY cs.date, cs.start_time",
        {"first": ctx.first, "last": ctx.last, "kind": kind},
    )
    if not rows:
        return Measurement(NO_DATA, None, minimum, note=words(NO_KIND_SESSIONS(kind=what)))
    missing = [r for r in rows if not r["has_follow_up"]]
    done = len(rows) - len(missing)
    note = words(FOLLOW_UP_NOTE(kind=what, sessions=len(rows), done=done))
    evidence = _session_evidence(missing, words(NO_FOLLOW_UP_PLAN))
    return judged_share(done, len(rows), minimum, evidence, note)
