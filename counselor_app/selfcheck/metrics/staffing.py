"""Metrics on the psych teachers (心理健康教育教师): how many, how qualified, how busy.

A full-time psych teacher (专职) is a staff member with the role ``fulltime_psych``; a part-time one
(兼职) has ``parttime_psych`` and not ``fulltime_psych`` (someone holding both counts once, as
full-time). Staff records carry no dates, so staffing is judged on the staff as recorded now.

What each full-time psych teacher does (lessons, counselling, trainings attended) is judged
teacher by teacher: every one of them must reach the threshold, since a mean across teachers would
hide one who does not.

Numbers compared with a threshold are computed exactly (fractions), and shown rounded in the
direction that never makes a shortfall look like a pass ("9.9 < 10", never "10.0 < 10").
Nothing here writes to the database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from counselor_app.foundation.i18n import Bilingual, Message, joined, msg
from counselor_app.foundation.vocab import STAFF_ROLE, TRAINING_KIND, TRAINING_LEVEL
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.params import BOOL, INT, NUMBER, SHARE, TEXT, TEXTS, Param
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, sentence, vocab_words, words

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
MORE_THAN_ONE_FROM = msg(
    "{count} 名；学生 {students} 人，{above} 人及以上应多于 1 名",
    "{count}; with {students} students, {above} or more, there should be more than 1",
)
NO_CAMPUSES = msg(
    "未登记校区，按校区配备一项不适用。",
    "No campuses recorded, so the per-campus part does not apply.",
)
CAMPUS_WITHOUT = msg(
    "该校区没有专职或兼职心理教师", "No full-time or part-time psych teacher at this campus"
)
BELOW_KEY_ROLE = msg(
    "{roles}：{level}，低于 {required} 级", "{roles}: {level}, below level {required}"
)
BELOW_ALL_TEACHERS = msg(
    "{level}，低于全体教师要求的 {required} 级",
    "{level}, below level {required} required of all teachers",
)
ALL_STAFF_NOTE = msg(
    "全体教师 {met}/{staff} 人达到 {level} 级及以上；",
    "All teachers: {met}/{staff} at level {level} or above; ",
)
OTHERS_LEFT_OUT = msg(
    "全体教师 {met}/{staff} 人达到 {level} 级及以上（岗位仅为“其他”的 {others} 名教职工不计入）；",
    "All teachers: {met}/{staff} at level {level} or above ({others} staff whose only role is "
    "Other not counted); ",
    en_one="All teachers: {met}/{staff} at level {level} or above (1 staff member whose only "
    "role is Other not counted); ",
    counted="others",
)
NO_TEACHERS = msg(
    "未登记教师（岗位均为“其他”），无法评定。",
    "No teacher recorded (every staff member's role is Other), so this cannot be judged.",
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
    "本学年参加县级及以上教研、培训、交流 {count} 次 < {minimum} 次",
    "{count} county-level or higher research, training or exchange events this school year "
    "< {minimum}",
)
TRAININGS_NOTE = msg(
    "专职心理教师 {teachers} 名，本学年参加外出培训（县级及以上教研、培训、交流）达到 {minimum} 次的 {done} 名；"
    "校内培训不计入",
    "{teachers} full-time psych teachers, {done} attended {minimum} or more external events "
    "(county-level or higher research, training, exchange) this school year; trainings in the "
    "school do not count",
)
EACH_TEACHER_NOTE = msg(
    "专职心理教师 {teachers} 名，每人分别计算：{done} 名达到每周 {minimum} {unit}；最低每周 {lowest} {unit}",
    "{teachers} full-time psych teachers, each judged on their own: {done} reach {minimum} "
    "{unit} a week; the lowest is {lowest} {unit} a week",
)
WEEKLY_SHORT = msg(
    "{what}平均每周 {rate} {unit} < {minimum} {unit}（本学期共 {total} {unit}，{weeks} 个教学周）",
    "{what}: {rate} {unit} a week on average < {minimum} {unit} ({total} {unit} in {weeks} "
    "teaching weeks this term)",
)

FULLTIME, PARTTIME, OTHER = "fulltime_psych", "parttime_psych", "other"
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


@metric(
    "psych_staffing",
    params={
        "fulltime_minimum": Param(INT, minimum=0),
        "students_per_fulltime": Param(INT, minimum=1),
        "students_per_parttime": Param(INT, minimum=1),
        "more_than_one_above_students": Param(INT, minimum=0),
        "more_than_one_from_students": Param(INT, minimum=0),
        "per_campus": Param(BOOL),
    },
)
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

    # 「500人以上」 includes 500 (from); a school's own profile may still say "above" (> N).
    from_n = params.get("more_than_one_from_students")
    above_n = params.get("more_than_one_above_students")
    more_than_one: Message | None = None
    if from_n is not None and students >= int(from_n):
        more_than_one = MORE_THAN_ONE_FROM(above=int(from_n))
    elif above_n is not None and students > int(above_n):
        more_than_one = MORE_THAN_ONE(above=int(above_n))
    if more_than_one is not None:
        threshold["psych_teachers"] = 2
        if fulltime + parttime < 2:
            shortfall = more_than_one(count=fulltime + parttime, students=students)
            evidence.append(
                Evidence("school", "psych_teachers", words(PSYCH_TEACHERS), words(shortfall))
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


@metric(
    "certification",
    params={
        "all_staff_level": Param(TEXT, required=True, choices=("A", "B", "C")),
        "all_staff_share": Param(SHARE, required=True),
        "key_roles": Param(TEXTS, required=True, choices=STAFF_ROLE),
        "key_roles_level": Param(TEXT, required=True, choices=("A", "B", "C")),
        "key_roles_share": Param(SHARE, required=True),
    },
)
def certification(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Shares of teachers holding a psych-education qualification (A ≥ B ≥ C; none ranks lowest).

    All teachers (staff with a role other than 其他: 「80%以上教师」 counts teachers, not every
    employee) need ``all_staff_level`` or higher in a share of ``all_staff_share``; the staff who
    hold any of ``key_roles`` (psych teachers, head teachers, leaders, 中层干部) need
    ``key_roles_level`` or higher in a share of ``key_roles_share``. The evidence names, by 工号,
    who falls short in a part that fails.
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

    def roles_held(row: Any) -> set[str]:
        return set((row["roles"] or "").split(",")) - {""}

    def roles_of(row: Any) -> list[str]:
        return [code for code in STAFF_ROLE.codes if code in roles_held(row) and code in key_roles]

    everyone = staff
    staff = [s for s in everyone if roles_held(s) - {OTHER}]
    if not staff:
        return Measurement(NO_DATA, None, threshold, note=words(NO_TEACHERS))
    below_all = [s for s in staff if _rank(s["qualification"]) < _rank(all_level)]
    key_staff = [s for s in everyone if roles_of(s)]
    below_key = [s for s in key_staff if _rank(s["qualification"]) < _rank(key_level)]
    all_ok = _meets(len(staff) - len(below_all), len(staff), all_share)
    key_ok = not key_staff or _meets(len(key_staff) - len(below_key), len(key_staff), key_share)

    shortfalls: dict[str, list[Message]] = {}
    if not all_ok:
        for s in below_all:
            shortfalls.setdefault(s["staff_no"], []).append(
                BELOW_ALL_TEACHERS(level=_level_words(s["qualification"]), required=all_level)
            )
    if not key_ok:
        for s in below_key:
            held = joined(vocab_words(STAFF_ROLE, r) for r in roles_of(s))
            shortfalls.setdefault(s["staff_no"], []).append(
                BELOW_KEY_ROLE(
                    roles=held, level=_level_words(s["qualification"]), required=key_level
                )
            )
    names = {s["staff_no"]: s["name"] for s in everyone}
    evidence = [
        Evidence("staff", no, names[no], sentence(clauses(text, "；", "; ")))
        for no, text in shortfalls.items()
    ]

    key_words = joined(vocab_words(STAFF_ROLE, r) for r in STAFF_ROLE.codes if r in key_roles)
    note = clauses(
        [
            (OTHERS_LEFT_OUT if len(everyone) > len(staff) else ALL_STAFF_NOTE)(
                met=len(staff) - len(below_all),
                staff=len(staff),
                level=all_level,
                others=len(everyone) - len(staff),
            ),
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
    ctx: TermContext,
    sql: str,
    teachers: Sequence[Any],
    first: str,
    last: str,
    more: tuple[str, ...] = (),
) -> dict[int, int]:
    """``sql`` groups by teacher: ``{ids}`` is replaced by placeholders for the teachers' ids,
    followed by the period's first and last day and ``more``."""
    ids = [t["id"] for t in teachers]
    marks = ",".join("?" * len(ids))
    return {
        teacher_id: int(total or 0)
        for teacher_id, total in ctx.db.query(sql.format(ids=marks), (*ids, first, last, *more))
    }


@metric("teacher_training_attended", params={"minimum": Param(INT, required=True)}, yearly=True)
def teacher_training_attended(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """External events (外出培训) each full-time psych teacher attended in the school year that
    holds the term: 「每年至少参加3次县级以上教研、培训或交流活动」.

    Every recorded level (县级, 市级, 省级, 国家级) is county level or higher, and every kind (教研,
    培训, 交流) counts. Trainings the school ran itself (活动 教职工培训) are not counted: the
    checklist asks for events outside the school. A yearly demand: the engine judges it.
    """
    minimum = int(params["minimum"])
    teachers = _fulltime_teachers(ctx)
    if not teachers:
        return Measurement(NO_DATA, None, minimum, note=words(NO_FULLTIME))
    first, last = ctx.school_year
    levels, kinds = TRAINING_LEVEL.codes, TRAINING_KIND.codes
    attended = _per_teacher(
        ctx,
        "SELECT staff_id, count(*) FROM external_training"
        " WHERE staff_id IN ({ids}) AND date BETWEEN ? AND ?"
        f" AND level IN ({','.join('?' * len(levels))}) AND kind IN ({','.join('?' * len(kinds))})"
        " GROUP BY staff_id",
        teachers,
        first,
        last,
        (*levels, *kinds),
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
    note = words(
        TRAININGS_NOTE(teachers=len(teachers), done=len(teachers) - len(evidence), minimum=minimum)
    )
    return Measurement(PASS if not evidence else FAIL, value, minimum, evidence, note)


def _each_teacher(
    ctx: TermContext, params: Mapping[str, Any], sql: str, unit: Bilingual, what: Bilingual
) -> Measurement:
    """The shape both weekly-load rules share: per full-time teacher, the term's total ÷ teaching
    weeks. Every teacher must reach the minimum on their own, and each one below is named; the
    value is the lowest teacher's rate (the one the rule turns on)."""
    minimum = Fraction(str(params["minimum"]))
    shown_minimum = float(minimum) if minimum.denominator != 1 else int(minimum)
    teachers = _fulltime_teachers(ctx)
    if not teachers:
        return Measurement(NO_DATA, None, shown_minimum, note=words(NO_FULLTIME))
    weeks = ctx.calendar.teaching_weeks
    totals = _per_teacher(ctx, sql, teachers, ctx.first, ctx.last)
    rates = {t["id"]: Fraction(totals.get(t["id"], 0), weeks) for t in teachers}
    evidence = [
        Evidence(
            "staff",
            t["staff_no"],
            t["name"],
            words(
                WEEKLY_SHORT(
                    what=what,
                    rate=_down(rates[t["id"]]),
                    unit=unit,
                    minimum=shown_minimum,
                    total=totals.get(t["id"], 0),
                    weeks=weeks,
                )
            ),
        )
        for t in teachers
        if rates[t["id"]] < minimum
    ]
    lowest = min(rates.values())
    note = words(
        EACH_TEACHER_NOTE(
            teachers=len(teachers),
            done=len(teachers) - len(evidence),
            minimum=shown_minimum,
            unit=unit,
            lowest=_down(lowest),
        )
    )
    status = PASS if not evidence else FAIL
    return Measurement(status, _value(lowest), shown_minimum, evidence, note)


_LOAD = {"minimum": Param(NUMBER, required=True, minimum=0)}


@metric("teacher_weekly_periods", params=_LOAD)
def teacher_weekly_periods(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Psych-lesson periods each full-time psych teacher taught in the term ÷ teaching weeks."""
    return _each_teacher(
        ctx,
        params,
        "SELECT teacher_id, sum(periods) FROM psych_lesson"
        " WHERE teacher_id IN ({ids}) AND date BETWEEN ? AND ? GROUP BY teacher_id",
        Bilingual("课时", "periods"),
        Bilingual("心理课", "Psych lessons"),
    )


@metric("teacher_weekly_counselling_minutes", params=_LOAD)
def teacher_weekly_counselling_minutes(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Minutes of individual and group sessions each full-time psych teacher held in the term ÷
    teaching weeks (a session counts for its 辅导教师)."""
    return _each_teacher(
        ctx,
        params,
        "SELECT counsellor_id, sum(minutes) FROM counselling_session"
        " WHERE counsellor_id IN ({ids}) AND date BETWEEN ? AND ?"
        " AND kind IN ('individual', 'group') GROUP BY counsellor_id",
        Bilingual("分钟", "minutes"),
        Bilingual("个体与团体辅导", "Individual and group counselling"),
    )
