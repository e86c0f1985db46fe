"""Checking a record before it is written, in the counsellor's language.

``validate`` converts every field (see ``values``), then checks what a single field cannot know:
that the referenced student exists, that a session lies inside a term, that a monitor's class is
grade 4 or above. It returns the clean values and every problem found, never just the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.records.catalog import spec_for
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.records.values import BadValue, convert, is_blank
from counselor_app.room.rules import check_appointment
from counselor_app.storage.database import Database
from counselor_app.years.school_years import (
    SchoolYear,
    current_school_year,
    load_terms,
    school_year_of,
)

REQUIRED = msg("必填，不能为空", "required; it cannot be empty")
MISSING_REFERENCE = msg(
    "引用的{target}不存在（编号 {ident}）", "the referenced {target} does not exist (id {ident})"
)
RISK_LEVEL_RANGE = msg(
    "风险等级只能是 0（一般）、1（关注）、2（重点关注）或 3（危机），不能是 {value}",
    "a risk level is 0 (general), 1 (watch), 2 (close watch) or 3 (crisis), not {value}",
)
DURATION_RANGE = msg(
    "时长应在 1 到 600 分钟之间，不能是 {value} 分钟。一次辅导通常为 40–50 分钟",
    "the duration must be 1 to 600 minutes, not {value}; a session usually lasts 40–50 minutes",
)
OUTSIDE_TERMS = msg(
    "日期 {date} 不在任何学期内。请先在“设置 › 学期”中添加这个学期，或检查日期是否填错",
    "{date} lies outside every term. Add that term under Settings › Terms first, or check the date",
)
IN_THE_FUTURE = msg(
    "日期 {date} 还没有到（今天是 {today}）。记录只能登记已经发生的事",
    "{date} is in the future (today is {today}); only what has happened can be recorded",
)
ALREADY_USED = msg(
    "“{value}”已被另一条记录使用，{field}不能重复",
    "'{value}' is already used by another record; {field} must be unique",
)
ALREADY_USED_WITHIN = msg(
    "“{value}”在{within}已被另一条记录使用，{field}不能重复",
    "'{value}' is already used in {within} by another record; {field} must be unique there",
)
ONE_STUDENT_FOR_INDIVIDUAL = msg(
    "个体辅导只能有 1 名学生，现在有 {count} 名。多名学生请选“团体”",
    "an individual session has exactly 1 student, not {count}; choose group for several",
)
MONITOR_GRADE = msg(
    "心理委员应从四年级及以上的班级中选任，{student} 所在的{class_name}是 {grade} 年级",
    "monitors are chosen from grade 4 and above; {student} is in {class_name}, grade {grade}",
)
ENDS_BEFORE_START = msg(
    "{end_label}（{end}）应晚于{start_label}（{start}）",
    "{end_label} ({end}) must come after {start_label} ({start})",
)
TERM_OVERLAP = msg(
    "与学期“{other}”（{first}～{last}）的日期重叠", "overlaps the term '{other}' ({first} – {last})"
)
STUDENT_OR_PARENT = msg(
    "请填写学号或家长姓名（至少一项）", "enter a student number or a parent's name (at least one)"
)
ENTERED_BEFORE_SESSION = msg(
    "录入日期（{entered}）早于辅导日期（{date}）",
    "the entry date ({entered}) is before the session date ({date})",
)

_TARGET_NAMES = {
    "student": msg("学生", "student"),
    "staff": msg("教职工", "staff member"),
    "class": msg("班级", "class"),
    "campus": msg("校区", "campus"),
}
# Field-specific wording where the generic range message would not help.
_RANGE_HINTS: dict[tuple[str, str], Message] = {
    ("session", "risk_level"): RISK_LEVEL_RANGE,
    ("risk_assessment", "level"): RISK_LEVEL_RANGE,
    ("crisis_plan", "level"): RISK_LEVEL_RANGE,
    ("screening", "result_level"): RISK_LEVEL_RANGE,
    ("session", "minutes"): DURATION_RANGE,
}
# Dated records that describe what has happened, so a date after today is a typing mistake.
_PAST_ONLY = {
    "session": "date",
    "home_visit": "date",
    "screening": "date",
    "risk_assessment": "date",
    "follow_up": "date",
    "abnormal_report": "date",
    "psych_lesson": "date",
    "confidentiality_break": "date",
}

Values = dict[str, Any]
Check = Callable[[Database, Values, int | None, dt.date], list[Problem]]


def validate(
    db: Database,
    spec: RecordSpec,
    values: Mapping[str, Any],
    *,
    record_id: int | None = None,
    today: dt.date,
) -> tuple[Values, list[Problem]]:
    clean: Values = {}
    problems: list[Problem] = []
    for field in spec.fields:
        raw = values.get(field.name)
        if is_blank(raw) and field.default is not None:
            raw = field.default
        elif is_blank(raw) and field.kind is Kind.SCHOOL_YEAR:
            raw = current_school_year(db, today).start
        try:
            clean[field.name] = convert(field, raw)
        except BadValue as bad:
            problems.append(Problem(field.name, _range_hint(spec, field, raw) or bad.message))
            continue
        if field.required and is_blank(clean[field.name]):
            problems.append(Problem(field.name, REQUIRED))
    if problems:
        return clean, problems
    problems += _check_references(db, spec, clean) + _check_unique(db, spec, clean, record_id)
    if problems:
        return clean, problems
    past_field = _PAST_ONLY.get(spec.type)
    if past_field and clean.get(past_field) and clean[past_field] > today.isoformat():
        problems.append(
            Problem(past_field, IN_THE_FUTURE(date=clean[past_field], today=today.isoformat()))
        )
    check = _CHECKS.get(spec.type)
    if check:
        problems += check(db, clean, record_id, today)
    return clean, problems


def _check_unique(
    db: Database, spec: RecordSpec, clean: Values, record_id: int | None
) -> list[Problem]:
    """学号, 工号, 班级编号, a term's name …: the natural key names one record only."""
    if not spec.natural_key or any(clean.get(name) is None for name in spec.natural_key):
        return []
    condition = " AND ".join(f"{name} = ?" for name in spec.natural_key)
    values = [clean[name] for name in spec.natural_key]
    if (
        db.scalar(
            f"SELECT 1 FROM {spec.table} WHERE {condition} AND id IS NOT ?", (*values, record_id)
        )
        is None
    ):
        return []
    *scope, last = (spec.field(name) for name in spec.natural_key)
    if not scope:
        return [Problem(last.name, ALREADY_USED(value=str(clean[last.name]), field=last.label))]
    # 班级编号 0701 is taken in 2025—2026学年 (it may come back in another year).
    within = joined(_key_text(field, clean[field.name]) for field in scope)
    return [
        Problem(
            last.name,
            ALREADY_USED_WITHIN(value=str(clean[last.name]), within=within, field=last.label),
        )
    ]


def _key_text(field: FieldSpec, value: Any) -> str:
    return SchoolYear(value).name if field.kind is Kind.SCHOOL_YEAR else str(value)


def _range_hint(spec: RecordSpec, field: FieldSpec, raw: Any) -> Message | None:
    hint = _RANGE_HINTS.get((spec.type, field.name))
    return hint(value=raw) if hint else None


def _check_references(db: Database, spec: RecordSpec, clean: Values) -> list[Problem]:
    problems = []
    for field in spec.fields:
        value = clean.get(field.name)
        if field.kind is Kind.REF and value is not None:
            targets = [(field.ref, value)]
        elif field.kind is Kind.REF_LIST:
            targets = [(field.ref, ident) for ident in value or []]
        elif field.kind is Kind.REPORTER and value is not None:
            targets = [value]
        else:
            continue
        for target, ident in targets:
            assert target is not None
            if db.scalar(f"SELECT 1 FROM {target} WHERE id = ?", (ident,)) is None:
                problems.append(
                    Problem(
                        field.name,
                        MISSING_REFERENCE(target=_TARGET_NAMES[target].render(), ident=ident),
                    )
                )
    return problems


def _ordered(
    record_type: str, values: Values, start: str, end: str, *, strict: bool = False
) -> list[Problem]:
    """A problem when ``end`` comes before ``start`` (or at the same moment, when strict)."""
    first, last = values.get(start), values.get(end)
    if first is None or last is None or last > first or (last == first and not strict):
        return []
    spec = spec_for(record_type)
    return [
        Problem(
            end,
            ENDS_BEFORE_START(
                end_label=spec.field(end).label,
                end=last,
                start_label=spec.field(start).label,
                start=first,
            ),
        )
    ]


def _check_term(db: Database, v: Values, record_id: int | None, today: dt.date) -> list[Problem]:
    problems = _ordered("term", v, "first_day", "last_day")
    if problems:
        return problems
    for other in db.query(
        "SELECT name, first_day, last_day FROM term WHERE id IS NOT ? AND first_day <= ? AND"
        " last_day >= ?",
        (record_id, v["last_day"], v["first_day"]),
    ):
        problems.append(
            Problem(
                "first_day",
                TERM_OVERLAP(other=other["name"], first=other["first_day"], last=other["last_day"]),
            )
        )
    return problems


def _check_session(db: Database, v: Values, record_id: int | None, today: dt.date) -> list[Problem]:
    problems = []
    if db.scalar("SELECT 1 FROM term WHERE ? BETWEEN first_day AND last_day", (v["date"],)) is None:
        problems.append(Problem("date", OUTSIDE_TERMS(date=v["date"])))
    if v["kind"] == "individual" and len(v["students"]) != 1:
        problems.append(Problem("students", ONE_STUDENT_FOR_INDIVIDUAL(count=len(v["students"]))))
    if v.get("entered_on") and v["entered_on"] < v["date"]:
        problems.append(
            Problem("entered_on", ENTERED_BEFORE_SESSION(entered=v["entered_on"], date=v["date"]))
        )
    return problems


def _check_monitor(db: Database, v: Values, record_id: int | None, today: dt.date) -> list[Problem]:
    """A monitor's class is the student's class in the school year the term of office starts in
    (a grade-3 pupil made monitor next September is in grade 4 by then); a student with no class
    that year (history from before school years) is judged on the class they are shown in."""
    problems = _ordered("monitor", v, "from_date", "to_date")
    year = school_year_of(dt.date.fromisoformat(v["from_date"]), load_terms(db))
    row = db.query_one(
        "SELECT s.name, c.name AS class_name, c.grade FROM student s JOIN class c ON c.id ="
        " coalesce((SELECT e.class_id FROM enrolment e WHERE e.student_id = s.id AND"
        " e.school_year = ?), s.class_id) WHERE s.id = ?",
        (year.start, v["student_id"]),
    )
    if row is not None and row["grade"] < 4:
        problems.append(
            Problem(
                "student_id",
                MONITOR_GRADE(
                    student=row["name"], class_name=row["class_name"], grade=row["grade"]
                ),
            )
        )
    return problems


def _check_room_hours(
    db: Database, v: Values, record_id: int | None, today: dt.date
) -> list[Problem]:
    problems = _ordered("room_hours", v, "valid_from", "valid_to")
    problems += _ordered("room_hours", v, "start_time", "end_time", strict=True)
    return problems


def _check_appointment(
    db: Database, v: Values, record_id: int | None, today: dt.date
) -> list[Problem]:
    problems: list[Problem] = []
    if v.get("student_id") is None and not v.get("parent_name"):
        problems.append(Problem("student_id", STUDENT_OR_PARENT))
    return problems + check_appointment(db, v, record_id, today)  # open hours, clashes


def _check_crisis_plan(
    db: Database, v: Values, record_id: int | None, today: dt.date
) -> list[Problem]:
    return _ordered("crisis_plan", v, "created_on", "closed_on") + _ordered(
        "crisis_plan", v, "created_on", "next_review_on"
    )


def _check_consent(db: Database, v: Values, record_id: int | None, today: dt.date) -> list[Problem]:
    return _ordered("consent", v, "given_on", "withdrawn_on")


SCORED_BY_SCALE = msg(
    "这次测评由量表文件按作答计分，总分和结果等级不能手工修改。如作答录错，请删除这次测评后重新录入作答",
    "This screening was scored from its answers by the scale file: its score and result level "
    "cannot be changed by hand. If an answer was entered wrongly, delete the screening and enter "
    "the answers again",
)


def _check_screening(
    db: Database, v: Values, record_id: int | None, today: dt.date
) -> list[Problem]:
    if record_id is None:
        return []
    row = db.query_one(
        "SELECT score, result_level FROM screening WHERE id = ? AND scale_id IS NOT NULL",
        (record_id,),
    )
    if row is None:
        return []
    return [
        Problem(name, SCORED_BY_SCALE)
        for name in ("score", "result_level")
        if name in v and v.get(name) != row[name]
    ]


def _check_student(db: Database, v: Values, record_id: int | None, today: dt.date) -> list[Problem]:
    return _ordered("student", v, "enrolled_on", "left_on")


_CHECKS: dict[str, Check] = {
    "student": _check_student,
    "term": _check_term,
    "session": _check_session,
    "monitor": _check_monitor,
    "room_hours": _check_room_hours,
    "appointment": _check_appointment,
    "crisis_plan": _check_crisis_plan,
    "consent": _check_consent,
    "screening": _check_screening,
}
