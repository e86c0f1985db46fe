"""Metrics on activities and meetings (活动与会议) and the school's documents on file.

An activity reaches a class when it is linked to that class, or when it is linked to no class at
all: the workbook's 班级编号 left empty means the whole school. ``psych_content``, when a rule gives
it, keeps only activities whose 含心理健康内容 matches.

Every count here is one grouped query over the ``activity`` table's (type, date) index; nothing is
queried per class, student or month. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from counselor_app.foundation.i18n import Bilingual, joined, msg
from counselor_app.foundation.vocab import ACTIVITY_TYPE, DOCUMENT_KIND
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.params import BOOL, INT, TEXT, TEXTS, Param
from counselor_app.selfcheck.result import (
    FAIL,
    MANUAL,
    NO_DATA,
    NOT_APPLICABLE,
    PASS,
    Evidence,
    Measurement,
)
from counselor_app.selfcheck.words import (
    month_label,
    quarter_label,
    sentence,
    student_numbers,
    times_short,
    vocab_words,
    words,
)
from counselor_app.years.calendar import MONTH, QUARTER, Period, month_end

WITH_CONTENT = msg("{type}（含心理健康内容）", "{type} (with mental-health content)")
WITHOUT_CONTENT = msg("{type}（不含心理健康内容）", "{type} (without mental-health content)")
IN_TERM = msg("本学期 {times}", "This term: {times}")
WHAT_TIMES = msg("{what} {times}", "{what}: {times}")
AUTUMN_ONLY = msg(
    "此项只适用于秋季学期（{type}），本学期为春季学期，不适用。",
    "This item applies to the autumn term only ({type}); this is a spring term, so it does not "
    "apply.",
)
MONTH_OUTSIDE_TERM = msg(
    "{month}不在本学期内（{first} 至 {last}），此项本学期不适用。",
    "{month} is not in this term ({first} to {last}), so this item does not apply to it.",
)
IN_TERM_PART = msg(
    "{what} {times}（只计本学期内的 {first}～{last}）",
    "{what}: {times} (counting only {first} – {last}, inside this term)",
)
LEFT_TO_ANOTHER_TERM = msg(
    "{period}只有 {days} 天在本学期内，不在本学期评定",
    "only {days} days of {period} lie in this term, so it is not judged in this term",
    en_one="only 1 day of {period} lies in this term, so it is not judged in this term",
    counted="days",
)
NO_PERIOD_TO_JUDGE = msg(
    "本学期没有需要评定的{unit}：{periods}。", "No {unit} is judged in this term: {periods}."
)
PERIODS_LEFT = msg("{periods}。", "{periods}.")
UNIT_WORDS = {MONTH: Bilingual("月份", "month"), QUARTER: Bilingual("季度", "quarter")}
NO_CLASSES = msg("本学期没有在读学生的班级。", "No class has students enrolled this term.")
NO_STUDENTS = msg("本学期没有在读学生。", "No students are enrolled this term.")
CLASS_STUDENTS = msg(
    "{name}（{count} 名学生）", "{name} ({count} students)", en_one="{name} (1 student)"
)
STUDENTS_SHORT = msg("{what} {times}；{numbers}", "{what}: {times}; {numbers}")
NOT_ON_FILE = msg("截至 {last} 未登记", "Not on file by {last}")
MANUAL_ITEM = msg(
    "此项无法由记录判定，需由学校核实后在自查页勾选确认并填写说明。",
    "The records cannot show this item: the school checks it, then ticks it on the self-check "
    "page with a note.",
)

# Profiles name a type by code ("leadership_meeting"); a school editing its own copy may well write
# the Chinese word (领导小组会议), which means the same.

# The parameters of every rule that counts activities of a type.
_COUNTED = {
    "type": Param(TEXT, required=True, choices=ACTIVITY_TYPE),
    "minimum": Param(INT, required=True, minimum=0),
    "psych_content": Param(BOOL),
}


def activity_type(params: Mapping[str, Any]) -> str:
    code = ACTIVITY_TYPE.code_for(str(params["type"]))
    if code is None:
        raise ValueError(f"unknown activity type {params['type']!r} in a self-check profile")
    return code


def type_label(code: str) -> Bilingual:
    return vocab_words(ACTIVITY_TYPE, code)


def _content_filter(params: Mapping[str, Any]) -> tuple[str, tuple[int, ...]]:
    """SQL (on alias ``a``) that keeps activities whose psych content matches, when asked."""
    if params.get("psych_content") is None:
        return "", ()
    return " AND a.psych_content = ?", (int(bool(params["psych_content"])),)


def _type_words(code: str, params: Mapping[str, Any]) -> Bilingual:
    """How the report names what was counted: 家长课堂（含心理健康内容）."""
    wanted = params.get("psych_content")
    if wanted is None:
        return type_label(code)
    return words((WITH_CONTENT if wanted else WITHOUT_CONTENT)(type=type_label(code)))


def count_activities(
    ctx: TermContext, code: str, params: Mapping[str, Any], first: str, last: str
) -> int:
    content_sql, content_args = _content_filter(params)
    return int(
        ctx.db.scalar(
            "SELECT count(*) FROM activity a WHERE a.type = ? AND a.date BETWEEN ? AND ?"
            + content_sql,
            (code, first, last, *content_args),
        )
    )


def activities_by_class(
    ctx: TermContext, code: str, params: Mapping[str, Any]
) -> tuple[dict[int, int], int]:
    """Activities of the term per class id (linked ones only), and the whole-school count."""
    content_sql, content_args = _content_filter(params)
    rows = ctx.db.query(
        "SELECT ac.class_id, count(*) FROM activity a"
        " LEFT JOIN activity_class ac ON ac.activity_id = a.id"
        " WHERE a.type = ? AND a.date BETWEEN ? AND ?" + content_sql + " GROUP BY ac.class_id",
        (code, ctx.first, ctx.last, *content_args),
    )
    linked = {class_id: n for class_id, n in rows if class_id is not None}
    whole_school = next((n for class_id, n in rows if class_id is None), 0)
    return linked, whole_school


def _shortfall(what: Bilingual, count: int, minimum: int) -> Bilingual:
    """What was counted, how often, and how often it was needed: 家长课堂 0 次 < 1 次."""
    return words(WHAT_TIMES(what=what, times=times_short(count, minimum)))


# -- counts in the term ------------------------------------------------------------------------


@metric("activity_count", params=_COUNTED)
def activity_count(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Activities of a type dated within the term (e.g. 领导小组会议 ≥ 2). Zero is a fail."""
    code, minimum = activity_type(params), int(params["minimum"])
    count = count_activities(ctx, code, params, ctx.first, ctx.last)
    evidence = []
    if count < minimum:
        evidence.append(
            Evidence(
                "school",
                code,
                _type_words(code, params),
                words(IN_TERM(times=times_short(count, minimum))),
            )
        )
    return Measurement(PASS if count >= minimum else FAIL, count, minimum, evidence)


@metric("autumn_activity", params=_COUNTED)
def autumn_activity(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """An activity required in the autumn term (新生参观辅导室); to a spring term it does not
    apply."""
    if not ctx.calendar.is_autumn:
        return Measurement(
            NOT_APPLICABLE,
            None,
            None,
            note=words(AUTUMN_ONLY(type=type_label(activity_type(params)))),
        )
    return activity_count(ctx, params)


@metric(
    "activity_month",
    params={
        **_COUNTED,
        "spring_month": Param(INT, required=True, minimum=1, maximum=12),
        "autumn_month": Param(INT, required=True, minimum=1, maximum=12),
    },
)
def activity_month(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Activities of a type in one calendar month: ``spring_month`` or ``autumn_month`` of the year
    the term starts in (心理健康活动月: March in spring, September in autumn). The whole calendar
    month counts, even where the term starts later in it; a term that holds no day of that month
    is not asked for it (not applicable)."""
    code, minimum = activity_type(params), int(params["minimum"])
    month = int(params["autumn_month" if ctx.calendar.is_autumn else "spring_month"])
    year = ctx.term.first_day.year
    first = dt.date(year, month, 1)
    last = month_end(year, month)
    if last < ctx.term.first_day or first > ctx.term.last_day:
        note = MONTH_OUTSIDE_TERM(month=month_label(year, month), first=ctx.first, last=ctx.last)
        return Measurement(NOT_APPLICABLE, None, minimum, note=words(note))
    count = count_activities(ctx, code, params, first.isoformat(), last.isoformat())
    evidence = []
    if count < minimum:
        evidence.append(
            Evidence(
                "month",
                f"{year}-{month:02d}",
                month_label(year, month),
                _shortfall(_type_words(code, params), count, minimum),
            )
        )
    return Measurement(PASS if count >= minimum else FAIL, count, minimum, evidence)


def _period_label(period: Period) -> Bilingual:
    if period.kind == MONTH:
        return month_label(period.year, period.number)
    return quarter_label(period.year, period.number)


@metric(
    "activities_per_period",
    params={**_COUNTED, "period": Param(TEXT, required=True, choices=(MONTH, QUARTER))},
)
def activities_per_period(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Activities of a type in every calendar month or quarter the term is asked for.

    A period counts only for its part inside the term: only activities dated there count, and a
    period mostly after the term (the third quarter, for a term ending on 3 July) is left to the
    term that holds it (``calendar.Period.judged``); the note names each period left out.
    """
    code, minimum, kind = activity_type(params), int(params["minimum"]), str(params["period"])
    if kind not in (MONTH, QUARTER):
        raise ValueError(f"period must be 'month' or 'quarter', not {kind!r}")
    periods = ctx.calendar.periods(kind)
    judged = [p for p in periods if p.judged]
    left = [
        LEFT_TO_ANOTHER_TERM(period=_period_label(p), days=p.days_inside)
        for p in periods
        if not p.judged
    ]
    if not judged:
        nothing = NO_PERIOD_TO_JUDGE(unit=UNIT_WORDS[kind], periods=joined(left, zh="；", en="; "))
        return Measurement(NOT_APPLICABLE, None, minimum, note=words(nothing))
    content_sql, content_args = _content_filter(params)
    dates = [
        r[0]
        for r in ctx.db.query(
            "SELECT a.date FROM activity a WHERE a.type = ? AND a.date BETWEEN ? AND ?"
            + content_sql,
            (code, ctx.first, ctx.last, *content_args),
        )
    ]
    evidence = []
    for period in judged:
        first, last = period.inside_first.isoformat(), period.inside_last.isoformat()
        count = sum(1 for d in dates if first <= d <= last)
        if count < minimum:
            what = _type_words(code, params)
            detail = (
                _shortfall(what, count, minimum)
                if period.whole
                else words(
                    IN_TERM_PART(
                        what=what,
                        times=times_short(count, minimum),
                        first=f"{period.inside_first:%m-%d}",
                        last=f"{period.inside_last:%m-%d}",
                    )
                )
            )
            evidence.append(Evidence(kind, period.key, _period_label(period), detail))
    unit = "months" if kind == MONTH else "quarters"
    value = {unit: len(judged), "short": len(evidence)}
    note: str = ""
    if left:
        note = sentence(words(PERIODS_LEFT(periods=joined(left, zh="；", en="; "))))
    return Measurement(PASS if not evidence else FAIL, value, minimum, evidence, note)


@metric("activities_per_class", params=_COUNTED)
def activities_per_class(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Per class that counts for the term: activities linked to it plus whole-school ones."""
    code, minimum = activity_type(params), int(params["minimum"])
    if not ctx.classes:
        return Measurement(NO_DATA, None, minimum, note=words(NO_CLASSES))
    linked, whole_school = activities_by_class(ctx, code, params)
    evidence = []
    for cls in ctx.classes:
        count = linked.get(cls.id, 0) + whole_school
        if count < minimum:
            evidence.append(
                Evidence(
                    "class",
                    cls.class_code,
                    cls.name,
                    _shortfall(_type_words(code, params), count, minimum),
                )
            )
    value = {"classes": len(ctx.classes), "short": len(evidence)}
    return Measurement(PASS if not evidence else FAIL, value, minimum, evidence)


@metric("activities_per_student", params=_COUNTED)
def activities_per_student(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Per student who counts for the term: activities that reached the student's class.

    An activity reaches a whole class, so students fall short class by class: the evidence has one
    entry per class, with how many students and every 学号 in the detail.
    """
    code, minimum = activity_type(params), int(params["minimum"])
    students = ctx.students
    if not students:
        return Measurement(NO_DATA, None, minimum, note=words(NO_STUDENTS))
    linked, whole_school = activities_by_class(ctx, code, params)
    short_by_class: dict[int, list[str]] = {}
    for student in students:
        if linked.get(student.class_id, 0) + whole_school < minimum:
            short_by_class.setdefault(student.class_id, []).append(student.student_no)
    evidence = []
    for cls in ctx.classes:
        numbers = short_by_class.get(cls.id)
        if numbers:
            count = linked.get(cls.id, 0) + whole_school
            evidence.append(
                Evidence(
                    "class",
                    cls.class_code,
                    words(CLASS_STUDENTS(name=cls.name, count=len(numbers))),
                    words(
                        STUDENTS_SHORT(
                            what=_type_words(code, params),
                            times=times_short(count, minimum),
                            numbers=student_numbers(numbers),
                        )
                    ),
                )
            )
    short = sum(len(numbers) for numbers in short_by_class.values())
    value = {"students": len(students), "short": short}
    return Measurement(PASS if short == 0 else FAIL, value, minimum, evidence)


# -- documents and manual items ----------------------------------------------------------------


@metric("documents_on_file", params={"kinds": Param(TEXTS, required=True, choices=DOCUMENT_KIND)})
def documents_on_file(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Each kind of document (工作专班, 工作方案, 应急预案) dated on or before the term's last day."""
    kinds = [str(k) for k in params["kinds"]]
    present = {
        r[0]
        for r in ctx.db.query(
            "SELECT DISTINCT kind FROM school_document WHERE date <= ?", (ctx.last,)
        )
    }
    missing = [k for k in kinds if k not in present]
    evidence = [
        Evidence("document", k, vocab_words(DOCUMENT_KIND, k), words(NOT_ON_FILE(last=ctx.last)))
        for k in missing
    ]
    value = len(kinds) - len(missing)
    return Measurement(PASS if not missing else FAIL, value, len(kinds), evidence)


@metric("manual")
def manual(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """A rule the records cannot show (五项管理, 不排名): the counsellor confirms it with a note."""
    return Measurement(MANUAL, None, None, note=words(MANUAL_ITEM))
