"""Metrics on the psych teachers (心理健康教育教师): how many, how qualified, how busy.

A full-time psych teacher (专职) is a staff member with the role ``fulltime_psych``; a part-time one
(兼职) has ``parttime_psych`` and not ``fulltime_psych`` (someone holding both counts once, as
full-time). Staff records carry no dates, so staffing is judged on the staff as recorded now.

Numbers compared with a threshold are computed exactly (fractions), and shown rounded in the
direction that never makes a shortfall look like a pass ("9.9 < 10", never "10.0 < 10").
Nothing here writes to the database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from counselor_app.i18n import Bilingual, Message, joined, msg
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.result import FAIL, MANUAL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, sentence, vocab_words, words
from counselor_app.vocab import STAFF_ROLE

NO_STUDENTS = msg(
    "本学期没有在读学生，无法按学生数核定。",
    "No students are enrolled this term, so staffing cannot be judged by the number of students.",
)
NO_STAFF = msg("未登记教职工。", "No staff recorded.")
PER_STUDENTS = msg("，每 {per} 名学生 1 名", ", 1 per {per} students")
FULLTIME_SHORT = msg(
    "{fulltime} 名 < {needed} 名（学生 {students} 人{why}）",
    "{fulltime} < {needed} ({students} students{why})",
)
PARTTIME_SHORT = msg(
    "{parttime} 名 < {needed} 名（学生 {students} 人，每 {per} 名学生 1 名）",
    "{parttime} < {needed} ({students} students, 1 per {per} students)",
)
PSYCH_TEACHERS = msg("心理健康教育教师（专兼职）", "Psych teachers (full- and part-time)")
MORE_THAN_ONE = msg(
    "{count} 名；学生 {students} 人，超过 {above} 人应多于 1 名",
    "{count}; with {students} students, more than {above}, there should be more than 1",
)
NO_CAMPUSES = msg(
    "未登记校区，按校区配备一项不适用。",
    "No campuses recorded, so the per-campus part does not apply.",
)
CAMPUS_WITHOUT = msg(
    "该校区没有专职或兼职心理教师", "No full-time or part-time psych teacher at this campus"
)
BELOW_ALL_STAFF = msg(
    "{level}，低于全体教职工要求的 {required} 级",
    "{level}, below level {required} required of all staff",
)
BELOW_KEY_ROLE = msg(
    "{roles}：{level}，低于 {required} 级", "{roles}: {level}, below level {required}"
)
ALL_STAFF_NOTE = msg(
    "全体教职工 {met}/{staff} 人达到 {level} 级及以上；",
    "All staff: {met}/{staff} at level {level} or above; ",
)
KEY_ROLES_NOTE = msg(
    "{roles} {met}/{staff} 人达到 {level} 级及以上。",
    "{roles}: {met}/{staff} at level {level} or above.",
)
NO_KEY_ROLES = msg(
    "未登记{roles}，该项不适用。", "None recorded of {roles}, so this part does not apply."
)
LEVEL = msg("资格等级 {level}", "qualification level {level}")
NO_CERTIFICATE = msg("无资格证书", "no qualification certificate")
LEVEL_NOT_RECORDED = msg("未登记资格等级", "qualification level not recorded")
NO_FULLTIME = msg("未登记专职心理教师。", "No full-time psych teacher recorded.")
TRAININGS_SHORT = msg(
    "本学年参加培训 {count} 次 < {minimum} 次",
    "{count} trainings this school year < {minimum}",
)
TRAINING_PROGRESS = msg(
    "此项在学年最后一个学期评定；本学年目前进度：{teachers} 名专职心理教师中 {done} 名已达到 {minimum} 次。",
    "Judged in the last term of the school year; so far {done} of {teachers} full-time psych "
    "teachers have reached {minimum}.",
)
WEEKLY_SHORT = msg(
    "{what}平均每周 {rate} {unit} < {minimum} {unit}（本学期共 {total} {unit}，{weeks} 个教学周）",
    "{what}: {rate} {unit} a week on average < {minimum} {unit} ({total} {unit} in {weeks} "
    "teaching weeks this term)",
)

FULLTIME, PARTTIME = "fulltime_psych", "parttime_psych"
# Qualification levels, A highest; "none" and an unrecorded level rank below C.
_LEVEL_RANK = {"A": 3, "B": 2, "C": 1}


def _rank(level: str | None) -> int:
    return _LEVEL_RANK.get(level or "", 0)


def _down(value: Fraction, places: int = 1) -> str:
    """A number rounded down for display, so a value below its threshold reads below it."""
    scale = 10**places
    return f"{math.floor(value * scale) / scale:.{places}f}"


def _value(value: Fraction) -> float:
    return math.floor(value * 100) / 100


def _meets(part: int, whole: int, share: float) -> bool:
    """``part / whole >= share`` exactly (0.7 × 10 is 7.000000000000001 in floats)."""
    return Fraction(part) >= Fraction(str(share)) * whole


# -- staffing ----------------------------------------------------------------------------------


@metric("psych_staffing")
def psych_staffing(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Full-time and part-time psych teachers against the school's size and campuses.

    Params: ``fulltime_minimum``; optional ``students_per_fulltime`` (full-time ≥ ceil(students /
    N)), ``students_per_parttime`` (part-time ≥ ceil(students / N)), ``more_than_one_above_students``
    (more than one psych teacher, full- or part-time, when students > N) and ``per_campus`` (every
    recorded campus has a psych teacher assigned to it; without campuses this part does not apply).

    Students are those who count for the term (``ctx.students``: enrolled at its end, including
    those who graduated or transferred after it), so a past term is judged on its own roll.
    """
    students = len(ctx.students)
    if students == 0:
        return Measurement(NO_DATA, None, None, note=words(NO_STUDENTS))
    if not ctx.db.scalar("SELECT count(*) FROM staff"):
        return Measurement(NO_DATA, None, None, note=words(NO_STAFF))
    roles: dict[int, set[str]] = {}
    campus_of: dict[int, int | None] = {}
    for staff_id, role, campus_id in ctx.db.query(
        "SELECT s.id, r.role, s.campus_id FROM staff s JOIN staff_role r ON r.staff_id = s.id"
        " WHERE r.role IN (?, ?)",
        (FULLTIME, PARTTIME),
    ):
        roles.setdefault(staff_id, set()).add(role)
        campus_of[staff_id] = campus_id
    fulltime = sum(1 for r in roles.values() if FULLTIME in r)
    parttime = len(roles) - fulltime

    evidence: list[Evidence] = []
    value: dict[str, int] = {"students": students, "fulltime": fulltime, "parttime": parttime}
    threshold: dict[str, int] = {}

    needed = int(params.get("fulltime_minimum", 1))
    why: Message | str = ""
    if params.get("students_per_fulltime"):
        per = int(params["students_per_fulltime"])
        needed, why = max(needed, math.ceil(students / per)), PER_STUDENTS(per=per)
    threshold["fulltime"] = needed
    if fulltime < needed:
        evidence.append(
            Evidence(
                "school",
                FULLTIME,
                vocab_words(STAFF_ROLE, FULLTIME),
                words(FULLTIME_SHORT(fulltime=fulltime, needed=needed, students=students, why=why)),
            )
        )

    if params.get("students_per_parttime"):
        per = int(params["students_per_parttime"])
        needed = math.ceil(students / per)
        threshold["parttime"] = needed
        if parttime < needed:
            evidence.append(
                Evidence(
                    "school",
                    PARTTIME,
                    vocab_words(STAFF_ROLE, PARTTIME),
                    words(
                        PARTTIME_SHORT(parttime=parttime, needed=needed, students=students, per=per)
                    ),
                )
            )

    above = params.get("more_than_one_above_students")
    if above is not None and students > int(above):
        threshold["psych_teachers"] = 2
        if fulltime + parttime < 2:
            evidence.append(
                Evidence(
                    "school",
                    "psych_teachers",
                    words(PSYCH_TEACHERS),
                    words(
                        MORE_THAN_ONE(
                            count=fulltime + parttime, students=students, above=int(above)
                        )
                    ),
                )
            )

    note: str = ""
    if params.get("per_campus"):
        campuses = ctx.db.query("SELECT id, name FROM campus ORDER BY name")
        if not campuses:
            note = words(NO_CAMPUSES)
        else:
            covered = {campus_of[s] for s in roles if campus_of[s] is not None}
            value["campuses"] = len(campuses)
            value["campuses_covered"] = sum(1 for c in campuses if c["id"] in covered)
            threshold["campuses_covered"] = len(campuses)
            evidence += [
                Evidence("campus", c["name"], c["name"], words(CAMPUS_WITHOUT))
                for c in campuses
                if c["id"] not in covered
            ]
    return Measurement(PASS if not evidence else FAIL, value, threshold, evidence, note)


@metric("certification")
def certification(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Shares of staff holding a psych-education qualification (A ≥ B ≥ C; none ranks lowest).

    All staff need ``all_staff_level`` or higher in a share of ``all_staff_share``; the staff who
    hold any of ``key_roles`` (psych teachers, head teachers, leaders) need ``key_roles_level`` or
    higher in a share of ``key_roles_share``. The evidence names, by 工号, who falls short in a part
    that fails.
    """
    all_level, all_share = str(params["all_staff_level"]), float(params["all_staff_share"])
    key_roles = {str(r) for r in params["key_roles"]}
    key_level, key_share = str(params["key_roles_level"]), float(params["key_roles_share"])
    staff = ctx.db.query(
        "SELECT s.id, s.staff_no, s.name, s.qualification, group_concat(r.role) AS roles"
        " FROM staff s LEFT JOIN staff_role r ON r.staff_id = s.id GROUP BY s.id"
        " ORDER BY s.staff_no"
    )
    threshold = {"all_staff": all_share, "key_roles": key_share}
    if not staff:
        return Measurement(NO_DATA, None, threshold, note=words(NO_STAFF))

    def roles_of(row: Any) -> list[str]:
        held = set((row["roles"] or "").split(","))
        return [code for code in STAFF_ROLE.codes if code in held and code in key_roles]

    below_all = [s for s in staff if _rank(s["qualification"]) < _rank(all_level)]
    key_staff = [s for s in staff if roles_of(s)]
    below_key = [s for s in key_staff if _rank(s["qualification"]) < _rank(key_level)]
    all_ok = _meets(len(staff) - len(below_all), len(staff), all_share)
    key_ok = not key_staff or _meets(len(key_staff) - len(below_key), len(key_staff), key_share)

    shortfalls: dict[str, list[Message]] = {}
    if not all_ok:
        for s in below_all:
            shortfalls.setdefault(s["staff_no"], []).append(
                BELOW_ALL_STAFF(level=_level_words(s["qualification"]), required=all_level)
            )
    if not key_ok:
        for s in below_key:
            held = joined(vocab_words(STAFF_ROLE, r) for r in roles_of(s))
            shortfalls.setdefault(s["staff_no"], []).append(
                BELOW_KEY_ROLE(
                    roles=held, level=_level_words(s["qualification"]), required=key_level
                )
            )
    names = {s["staff_no"]: s["name"] for s in staff}
    evidence = [
        Evidence("staff", no, names[no], sentence(clauses(text, "；", "; ")))
        for no, text in shortfalls.items()
    ]

    key_words = joined(vocab_words(STAFF_ROLE, r) for r in STAFF_ROLE.codes if r in key_roles)
    note = clauses(
        [
            ALL_STAFF_NOTE(met=len(staff) - len(below_all), staff=len(staff), level=all_level),
            KEY_ROLES_NOTE(
                roles=key_words,
                met=len(key_staff) - len(below_key),
                staff=len(key_staff),
                level=key_level,
            )
            if key_staff
            else NO_KEY_ROLES(roles=key_words),
        ],
        "",
        "",
    )
    value = {
        "all_staff": round((len(staff) - len(below_all)) / len(staff), 4),
        "key_roles": round((len(key_staff) - len(below_key)) / len(key_staff), 4)
        if key_staff
        else None,
    }
    return Measurement(PASS if all_ok and key_ok else FAIL, value, threshold, evidence, note)


def _level_words(level: str | None) -> Message:
    if level in _LEVEL_RANK:
        return LEVEL(level=level)
    return NO_CERTIFICATE if level == "none" else LEVEL_NOT_RECORDED


# -- what each full-time psych teacher does -----------------------------------------------------


def _fulltime_teachers(ctx: TermContext) -> list[Any]:
    return ctx.staff_with_role(FULLTIME)


def _per_teacher(
    ctx: TermContext, sql: str, teachers: Sequence[Any], first: str, last: str
) -> dict[int, int]:
    """``sql`` groups by teacher: ``{ids}`` is replaced by placeholders for the teachers' ids."""
    ids = [t["id"] for t in teachers]
    marks = ",".join("?" * len(ids))
    return {
        teacher_id: int(total or 0)
        for teacher_id, total in ctx.db.query(sql.format(ids=marks), (*ids, first, last))
    }


@metric("teacher_training_attended")
def teacher_training_attended(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Training events (教职工培训) per full-time psych teacher in the school year holding the term.

    A teacher attended an event when listed among its 负责人工号 (``activity_leader``): the workbook
    uses that column for the teachers who took part in a training. Judged at the school year's
    last term; in an earlier term the result is ``manual`` and reports the progress so far.
    """
    minimum = int(params["minimum"])
    teachers = _fulltime_teachers(ctx)
    if not teachers:
        return Measurement(NO_DATA, None, minimum, note=words(NO_FULLTIME))
    first, last = ctx.school_year
    attended = _per_teacher(
        ctx,
        "SELECT al.staff_id, count(*) FROM activity_leader al"
        " JOIN activity a ON a.id = al.activity_id"
        " WHERE al.staff_id IN ({ids}) AND a.type = 'staff_training' AND a.date BETWEEN ? AND ?"
        " GROUP BY al.staff_id",
        teachers,
        first,
        last,
    )
    evidence = [
        Evidence(
            "staff",
            t["staff_no"],
            t["name"],
            words(TRAININGS_SHORT(count=attended.get(t["id"], 0), minimum=minimum)),
        )
        for t in teachers
        if attended.get(t["id"], 0) < minimum
    ]
    value = {"teachers": len(teachers), "short": len(evidence)}
    if not ctx.is_last_term_of_year:
        progress = TRAINING_PROGRESS(
            teachers=len(teachers), done=len(teachers) - len(evidence), minimum=minimum
        )
        return Measurement(MANUAL, value, minimum, evidence, note=words(progress))
    return Measurement(PASS if not evidence else FAIL, value, minimum, evidence)


def _weekly_mean(
    ctx: TermContext, params: Mapping[str, Any], sql: str, unit: Bilingual, what: Bilingual
) -> Measurement:
    """The shape both weekly-load rules share: per full-time teacher, the term's total ÷ teaching
    weeks; the rule passes on the mean over the teachers, and every teacher below is named."""
    minimum = Fraction(str(params["minimum"]))
    shown_minimum = float(minimum) if minimum.denominator != 1 else int(minimum)
    teachers = _fulltime_teachers(ctx)
    if not teachers:
        return Measurement(NO_DATA, None, shown_minimum, note=words(NO_FULLTIME))
    weeks = ctx.calendar.teaching_weeks
    totals = _per_teacher(ctx, sql, teachers, ctx.first, ctx.last)
    evidence = []
    for t in teachers:
        rate = Fraction(totals.get(t["id"], 0), weeks)
        if rate < minimum:
            evidence.append(
                Evidence(
                    "staff",
                    t["staff_no"],
                    t["name"],
                    words(
                        WEEKLY_SHORT(
                            what=what,
                            rate=_down(rate),
                            unit=unit,
                            minimum=shown_minimum,
                            total=totals.get(t["id"], 0),
                            weeks=weeks,
                        )
                    ),
                )
            )
    mean = Fraction(sum(totals.get(t["id"], 0) for t in teachers), weeks * len(teachers))
    return Measurement(PASS if mean >= minimum else FAIL, _value(mean), shown_minimum, evidence)


@metric("teacher_weekly_periods")
def teacher_weekly_periods(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Psych-lesson periods each full-time psych teacher taught in the term ÷ teaching weeks."""
    return _weekly_mean(
        ctx,
        params,
        "SELECT teacher_id, sum(periods) FROM psych_lesson"
        " WHERE teacher_id IN ({ids}) AND date BETWEEN ? AND ? GROUP BY teacher_id",
        Bilingual("课时", "periods"),
        Bilingual("心理课", "Psych lessons"),
    )


@metric("teacher_weekly_counselling_minutes")
def teacher_weekly_counselling_minutes(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Minutes of individual and group sessions each full-time psych teacher held in the term ÷
    teaching weeks (a session counts for its 辅导教师)."""
    return _weekly_mean(
        ctx,
        params,
        "SELECT counsellor_id, sum(minutes) FROM counselling_session"
        " WHERE counsellor_id IN ({ids}) AND date BETWEEN ? AND ?"
        " AND kind IN ('individual', 'group') GROUP BY counsellor_id",
        Bilingual("分钟", "minutes"),
        Bilingual("个体与团体辅导", "Individual and group counselling"),
    )
