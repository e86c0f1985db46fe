"""Metrics: the warning network (预警网络) — class psych monitors (心理委员), and the school leader,
psych teacher and head teachers above them.

A monitor counts for a term when their term of office overlaps it and they count for the term
themselves (a monitor who left the school before the term's last day counts for nothing). A monitor
belongs to the class the student is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counselor_app.selfcheck.context import ClassFact, StudentFact, TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.care import judged_share
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement


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
        lacks.append(f"至少需要 {minimum} 名")
    if both_sexes and monitors and not (boys and girls):
        lacks.append("缺少女生" if boys else "缺少男生")
    if not lacks:
        return ""
    if not monitors:
        return "没有在任的心理委员"
    if boys and girls:
        found = f"{len(monitors)} 名（男 {boys}、女 {girls}）"
    else:
        sex = "男生" if boys else "女生"
        found = f"{len(monitors)} 名均为{sex}" if len(monitors) > 1 else f"仅 1 名{sex}"
    return "，".join([found, *lacks])


@metric("monitors_per_class")
def monitors_per_class(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Every class of grade ≥ ``min_grade`` has ≥ ``minimum`` monitors, boys and girls if asked."""
    min_grade = int(params.get("min_grade", 1))
    minimum = int(params.get("minimum", 1))
    both_sexes = bool(params.get("both_sexes", False))
    classes = _classes_from_grade(ctx, min_grade)
    if not classes:
        return Measurement(NO_DATA, None, 1.0, note=f"没有 {min_grade} 年级及以上的班级")
    monitors = active_monitors(ctx)
    evidence = []
    for school_class in classes:
        shortfall = _monitor_shortfall(monitors.get(school_class.id, []), minimum, both_sexes)
        if shortfall:
            code = school_class.class_code
            evidence.append(Evidence("class", code, f"班级 {code}", shortfall))
    done = len(classes) - len(evidence)
    sexes = "，男女生均有" if both_sexes else ""
    note = (
        f"{min_grade} 年级及以上 {len(classes)} 个班，{done} 个班的心理委员达标"
        f"（每班不少于 {minimum} 名{sexes}）"
    )
    return judged_share(done, len(classes), 1.0, evidence, note)


@metric("warning_network")
def warning_network(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """School leader, psych teacher, a head teacher for every class and a monitor in every class of
    grade ≥ ``monitor_min_grade``, all recorded."""
    monitor_min_grade = int(params.get("monitor_min_grade", 1))
    if not ctx.classes:
        return Measurement(NO_DATA, None, 0, note="没有在读学生的班级")
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
        evidence.append(
            Evidence("school", "校领导", "预警网络：校领导", "没有登记岗位为校领导的教职工")
        )
    if not psych:
        evidence.append(
            Evidence("school", "心理教师", "预警网络：心理教师", "没有登记专职或兼职心理教师")
        )
    monitors = active_monitors(ctx)
    without_head = without_monitor = 0
    for school_class in ctx.classes:
        lacks = []
        if school_class.head_teacher_id is None:
            without_head += 1
            lacks.append("未登记班主任")
        if school_class.grade >= monitor_min_grade and not monitors.get(school_class.id):
            without_monitor += 1
            lacks.append("没有在任的心理委员")
        if lacks:
            code = school_class.class_code
            evidence.append(Evidence("class", code, f"班级 {code}", "，".join(lacks)))
    # The value counts the missing pieces: a leader, a psych teacher, each class's gaps.
    missing = (not leaders) + (not psych) + without_head + without_monitor
    note = (
        f"校领导 {leaders} 名，心理教师 {psych} 名；{len(ctx.classes)} 个班中"
        f"未登记班主任 {without_head} 个，{monitor_min_grade} 年级及以上没有心理委员 {without_monitor} 个"
    )
    return Measurement(FAIL if missing else PASS, missing, 0, evidence, note)
