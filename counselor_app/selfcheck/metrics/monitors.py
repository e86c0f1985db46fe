"""Metrics: the warning network (预警网络) — class psych monitors (心理委员), and the school leader,
psych teacher and head teachers above them.

A monitor counts for a term when their term of office overlaps it and they count for the term
themselves (a monitor who left the school before the term's last day counts for nothing). A monitor
belongs to the class the student is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import Bilingual, msg
from counselor_app.selfcheck.context import ClassFact, StudentFact, TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import judged_share
from counselor_app.selfcheck.params import BOOL, INT, Param
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import class_label, clauses, sentence, words

AT_LEAST = msg("至少需要 {minimum} 名", "at least {minimum} needed")
NO_GIRL = msg("缺少女生", "no girl")
NO_BOY = msg("缺少男生", "no boy")
NO_MONITOR = msg("没有在任的心理委员", "no monitor in office")
BOYS_AND_GIRLS = msg("{count} 名（男 {boys}、女 {girls}）", "{count} (boys {boys}, girls {girls})")
ALL_BOYS = msg("{count} 名均为男生", "all {count} are boys")
ALL_GIRLS = msg("{count} 名均为女生", "all {count} are girls")
ONE_BOY = msg("仅 1 名男生", "only 1, a boy")
ONE_GIRL = msg("仅 1 名女生", "only 1, a girl")
NO_CLASSES_FROM = msg("没有 {grade} 年级及以上的班级", "No class in grade {grade} or above")
MONITORS_NOTE = msg(
    "{grade} 年级及以上 {classes} 个班，{done} 个班的心理委员达标（每班不少于 {minimum} 名{sexes}）",
    "{classes} classes in grade {grade} or above, {done} with enough monitors (at least "
    "{minimum} per class{sexes})",
)
BOTH_SEXES = Bilingual("，男女生均有", ", boys and girls")
NO_CLASSES = msg("没有在读学生的班级", "No class has students enrolled")
NO_LEADER = msg("没有登记岗位为校领导的教职工", "No staff member is recorded as a school leader")
NO_PSYCH = msg("没有登记专职或兼职心理教师", "No full-time or part-time psych teacher is recorded")
NETWORK_LEADER = msg("预警网络：校领导", "Warning network: school leader")
NETWORK_PSYCH = msg("预警网络：心理教师", "Warning network: psych teacher")
NO_HEAD_TEACHER = msg("未登记班主任", "no head teacher recorded")
NETWORK_NOTE = msg(
    "校领导 {leaders} 名，心理教师 {psych} 名；{classes} 个班中"
    "未登记班主任 {without_head} 个，{grade} 年级及以上没有心理委员 {without_monitor} 个",
    "School leaders: {leaders}, psych teachers: {psych}; of {classes} classes, {without_head} "
    "without a head teacher recorded, {without_monitor} in grade {grade} or above without a "
    "monitor",
)


def active_monitors(ctx: TermContext) -> dict[int, list[StudentFact]]:
    """Monitors in office at some time during the term, by class id."""
    counted = {s.id: s for s in ctx.students}
    rows = ctx.db.query(
        "SELECT DISTINCT student_id FROM monitor"
        " WHERE from_date <= :last AND (to_date IS NULL OR to_date >= :first)",
        {"first": ctx.first, "last": ctx.last},
    )
    by_class: dict[int, list[StudentFact]] = {}
    for (student_id,) in rows:
        student = counted.get(student_id)
        if student is not None:
            by_class.setdefault(student.class_id, []).append(student)
    return by_class


def _classes_from_grade(ctx: TermContext, min_grade: int) -> list[ClassFact]:
    return [c for c in ctx.classes if c.grade >= min_grade]


def _monitor_shortfall(monitors: list[StudentFact], minimum: int, both_sexes: bool) -> str:
    """What a class's monitors lack, in words (empty when nothing)."""
    boys = sum(1 for s in monitors if s.sex == "M")
    girls = len(monitors) - boys
    lacks = []
    if len(monitors) < minimum:
        lacks.append(AT_LEAST(minimum=minimum))
    if both_sexes and monitors and not (boys and girls):
        lacks.append(NO_GIRL if boys else NO_BOY)
    if not lacks:
        return ""
    if not monitors:
        return sentence(words(NO_MONITOR))
    if boys and girls:
        found = BOYS_AND_GIRLS(count=len(monitors), boys=boys, girls=girls)
    elif len(monitors) > 1:
        found = (ALL_BOYS if boys else ALL_GIRLS)(count=len(monitors))
    else:
        found = ONE_BOY if boys else ONE_GIRL
    return sentence(clauses([found, *lacks]))


@metric(
    "monitors_per_class",
    params={
        "min_grade": Param(INT, minimum=1, maximum=12),
        "minimum": Param(INT, minimum=0),
        "both_sexes": Param(BOOL),
    },
)
def monitors_per_class(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Every class of grade ≥ ``min_grade`` has ≥ ``minimum`` monitors, boys and girls if asked."""
    min_grade = int(params.get("min_grade", 1))
    minimum = int(params.get("minimum", 1))
    both_sexes = bool(params.get("both_sexes", False))
    classes = _classes_from_grade(ctx, min_grade)
    if not classes:
        return Measurement(NO_DATA, None, 1.0, note=words(NO_CLASSES_FROM(grade=min_grade)))
    monitors = active_monitors(ctx)
    evidence = []
    for school_class in classes:
        shortfall = _monitor_shortfall(monitors.get(school_class.id, []), minimum, both_sexes)
        if shortfall:
            code = school_class.class_code
            evidence.append(Evidence("class", code, class_label(code), shortfall))
    done = len(classes) - len(evidence)
    note = words(
        MONITORS_NOTE(
            grade=min_grade,
            classes=len(classes),
            done=done,
            minimum=minimum,
            sexes=BOTH_SEXES if both_sexes else "",
        )
    )
    return judged_share(done, len(classes), 1.0, evidence, note)


@metric("warning_network", params={"monitor_min_grade": Param(INT, minimum=1, maximum=12)})
def warning_network(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """School leader, psych teacher, a head teacher for every class and a monitor in every class of
    grade ≥ ``monitor_min_grade``, all recorded."""
    monitor_min_grade = int(params.get("monitor_min_grade", 1))
    if not ctx.classes:
        return Measurement(NO_DATA, None, 0, note=words(NO_CLASSES))
    leaders = len(ctx.staff_with_role("leader"))
    psych = len(
        {
            r["id"]
            for role in ("fulltime_psych", "parttime_psych")
            for r in ctx.staff_with_role(role)
        }
    )
    evidence = []
    if not leaders:
        evidence.append(Evidence("school", "校领导", words(NETWORK_LEADER), words(NO_LEADER)))
    if not psych:
        evidence.append(Evidence("school", "心理教师", words(NETWORK_PSYCH), words(NO_PSYCH)))
    monitors = active_monitors(ctx)
    without_head = without_monitor = 0
    for school_class in ctx.classes:
        lacks = []
        if school_class.head_teacher_id is None:
            without_head += 1
            lacks.append(NO_HEAD_TEACHER)
        if school_class.grade >= monitor_min_grade and not monitors.get(school_class.id):
            without_monitor += 1
            lacks.append(NO_MONITOR)
        if lacks:
            code = school_class.class_code
            evidence.append(Evidence("class", code, class_label(code), sentence(clauses(lacks))))
    # The value counts the missing pieces: a leader, a psych teacher, each class's gaps.
    missing = (not leaders) + (not psych) + without_head + without_monitor
    note = words(
        NETWORK_NOTE(
            leaders=leaders,
            psych=psych,
            classes=len(ctx.classes),
            without_head=without_head,
            grade=monitor_min_grade,
            without_monitor=without_monitor,
        )
    )
    return Measurement(FAIL if missing else PASS, missing, 0, evidence, note)
