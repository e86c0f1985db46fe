"""A self-check result in the words of a district form, shared by the PDF, the Excel summary and
the self-check page.

自查情况 says what was measured against what was required; 结论 is the status, with the
counsellor's confirmation for a manual item. Evidence is named the way the issue asks: classes by
班级编号, students by 学号, staff by 工号, weeks by the date of their Monday (the metrics never put a
student's name in it: the self-check goes to the district, which needs no children's names).

Every function speaks Chinese unless given ``language="en"``: the printouts go to the district and
stay Chinese whatever the program's language; the self-check page asks for the language it shows.
The metrics' words are ``i18n.Bilingual``: Chinese text that keeps its English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counselor_app.foundation.i18n import Bilingual, in_language, msg
from counselor_app.selfcheck.result import CONFIRMED as CONFIRMED_COUNT
from counselor_app.selfcheck.result import (
    COUNT_LABELS,
    FAIL,
    MANUAL,
    NO_DATA,
    NOT_APPLICABLE,
    PASS,
    STATUS_LABELS,
    YEAR_END,
    Evidence,
    RuleResult,
)

#: What an evidence key is, by kind: (what the row is, what its key is called).
EVIDENCE_KINDS: dict[str, tuple[str, str]] = {
    "class": (Bilingual("班级", "Class"), Bilingual("班级编号", "Class code")),
    "student": (Bilingual("学生", "Student"), Bilingual("学号", "Student no.")),
    "staff": (Bilingual("教职工", "Staff"), Bilingual("工号", "Staff no.")),
    "week": (Bilingual("教学周", "Teaching week"), Bilingual("周一日期", "Monday")),
    "month": (Bilingual("月份", "Month"), Bilingual("月份", "Month")),
    "quarter": (Bilingual("季度", "Quarter"), Bilingual("季度", "Quarter")),
    "document": (Bilingual("制度文件", "Document"), Bilingual("文件", "Document")),
    "plan": (Bilingual("一生一策", "Crisis plan"), Bilingual("学号", "Student no.")),
    "session": (Bilingual("辅导记录", "Session"), Bilingual("日期时间", "Date and time")),
    "slot": (Bilingual("开放时段", "Opening slot"), Bilingual("时段", "Slot")),
    "campus": (Bilingual("校区", "Campus"), Bilingual("校区", "Campus")),
    "school": (Bilingual("学校", "School"), Bilingual("项目", "Item")),
}
#: What the key of an evidence kind not listed above is called.
OTHER_KEY = Bilingual("编号", "No.")


def status_label(status: str, language: str = "zh") -> str:
    return STATUS_LABELS[status][1 if language == "en" else 0]


# The order a self-check's counts are told in. The first four are always told (a zero 未达标 is
# news); the others only when a rule ended there.
_COUNT_ORDER = (PASS, CONFIRMED_COUNT, FAIL, NO_DATA, MANUAL, YEAR_END, NOT_APPLICABLE)
_ALWAYS_COUNTED = (PASS, FAIL, NO_DATA, MANUAL)


def count_parts(
    counts: Mapping[str, int], language: str = "zh", *, leave_out: Sequence[str] = ()
) -> list[tuple[str, str, int]]:
    """A report's counts (``SelfCheckReport.counts``) as (status, words, number), in the order
    every summary tells them: 达标, 已确认, 未达标, 无记录, 待确认, 学年末评定, 不适用. A manual rule
    the school ticked is 已确认, one still waiting 待确认."""
    index = 1 if language == "en" else 0
    return [
        (status, COUNT_LABELS[status][index], counts.get(status, 0))
        for status in _COUNT_ORDER
        if status not in leave_out and (status in _ALWAYS_COUNTED or counts.get(status, 0))
    ]


def passed_count(counts: Mapping[str, int]) -> int:
    """Rules met: passed by the records, or manual ones the school confirmed."""
    return counts.get(PASS, 0) + counts.get(CONFIRMED_COUNT, 0)


#: The parts of a structured measured value (the metrics' dictionary keys).
VALUE_PARTS = {
    "classes": Bilingual("班级", "classes"),
    "students": Bilingual("学生", "students"),
    "short": Bilingual("未达标", "not met"),
    "fulltime": Bilingual("专职心理教师", "full-time psych teachers"),
    "parttime": Bilingual("兼职心理教师", "part-time psych teachers"),
    "psych_teachers": Bilingual("专兼职心理教师", "psych teachers"),
    "campuses": Bilingual("校区", "campuses"),
    "campuses_covered": Bilingual("有心理教师的校区", "campuses with a psych teacher"),
    "weeks": Bilingual("教学周", "teaching weeks"),
    "months": Bilingual("月份", "months"),
    "quarters": Bilingual("季度", "quarters"),
    "slots": Bilingual("开放时段", "opening slots"),
    "staffed": Bilingual("有值班教师的时段", "slots with a duty teacher"),
    "appointments": Bilingual("预约记录", "appointments"),
    "teachers": Bilingual("教师", "teachers"),
    "all_staff": Bilingual("全体教职工", "all staff"),
    "key_roles": Bilingual("关键岗位", "key roles"),
    "leaders": Bilingual("校领导", "school leaders"),
}

# How a value's parts and a list's items are put together, per language.
_PART = "{part} {value}"
_PARTS_SEPARATOR = {"zh": "；", "en": "; "}
_ITEMS_SEPARATOR = {"zh": "、", "en": ", "}
_YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}

MANUAL_CHECK = msg("此项需人工核实", "To be checked by hand")
NOT_APPLICABLE_HERE = msg("本学期不适用", "Does not apply to this term")
NOTHING_TO_JUDGE = msg("没有可据以判定的记录", "No records to judge by")
MEASURED = msg("实测：{value}", "Found: {value}")
REQUIRED = msg("标准：{threshold}", "Required: {threshold}")
SHORT_ITEMS = msg("不达标 {count} 项，见证据", "{count} not met, see the evidence")
COUNTED_ITEMS = msg("计入 {count} 项", "{count} counted")
STILL_TO_DO = msg(
    "本学年尚差 {count} 项，见证据", "{count} still to do this school year, see the evidence"
)
NOT_CONFIRMED = msg("尚未确认", "Not confirmed yet")
CONFIRMED = msg("已确认", "Confirmed")
CONFIRMED_BY = msg("已确认（{who}，{when}）", "Confirmed ({who}, {when})")
WITH_NOTE = msg("{head}：{note}", "{head}: {note}")
FIX_AGAINST_STANDARD = msg("对照标准整改", "Put it right against the standard")
ENTER_RECORDS = msg(
    "补录相关记录后重新自查。{hint}",
    "Enter the missing records, then run the self-check again. {hint}",
)
CONFIRM_BY_HAND = msg(
    "人工核实后在程序中确认此项（selfcheck confirm）",
    "Check it by hand, then confirm it in the program (selfcheck confirm)",
)


def _lang(language: str) -> str:
    return "en" if language == "en" else "zh"


def _named_parts(parts: Mapping[object, str], language: str) -> str:
    lang = _lang(language)
    return _PARTS_SEPARATOR[lang].join(
        _PART.format(part=in_language(VALUE_PARTS.get(str(k), str(k)), lang), value=v)
        for k, v in parts.items()
    )


def is_share(value: object, threshold: object) -> bool:
    """A share (0–1) against a share threshold: the metrics give shares as floats, counts as ints."""
    return (
        isinstance(value, float)
        and isinstance(threshold, float)
        and 0 <= value <= 1
        and 0 < threshold <= 1
    )


def percent(share: float) -> str:
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


def describe_pair(value: object, threshold: object, language: str = "zh") -> tuple[str, str]:
    """Measured value and threshold in words; shares as percentages, parts by their names."""
    if isinstance(value, Mapping) and isinstance(threshold, Mapping):
        shown_value = _named_parts(
            {k: _part(v, threshold.get(k), language) for k, v in value.items()}, language
        )
        shown_threshold = _named_parts(
            {k: _part(v, value.get(k), language) for k, v in threshold.items()}, language
        )
        return shown_value or "—", shown_threshold or "—"
    if is_share(value, threshold):
        return percent(value), percent(threshold)  # type: ignore[arg-type]
    return describe(value, language), describe(threshold, language)


def _part(value: object, other: object, language: str) -> str:
    if is_share(value, other) or is_share(other, value):
        return percent(value)  # type: ignore[arg-type]
    return describe(value, language)


def describe(value: object, language: str = "zh") -> str:
    """A measured value or threshold as a person reads it."""
    lang = _lang(language)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _YES_NO[lang][0 if value else 1]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return _named_parts({k: describe(v, lang) for k, v in value.items()}, lang) or "—"
    if isinstance(value, Sequence | set | frozenset) and not isinstance(value, str):
        return _ITEMS_SEPARATOR[lang].join(describe(item, lang) for item in value) or "—"
    return in_language(value, lang)


def situation(result: RuleResult, language: str = "zh") -> str:
    """自查情况: the measured value against the threshold, how much falls short, and the note.

    In Chinese unless asked otherwise: the report's words. The screen asks for its language."""
    lang = _lang(language)
    if result.status == MANUAL:
        lines = [MANUAL_CHECK.render(lang)]
    elif result.status == NOT_APPLICABLE:
        lines = [NOT_APPLICABLE_HERE.render(lang)]
    elif result.status == NO_DATA:
        lines = [NOTHING_TO_JUDGE.render(lang)]
        if result.threshold is not None:
            lines.append(REQUIRED(threshold=describe(result.threshold, lang)).render(lang))
    else:
        value, threshold = describe_pair(result.value, result.threshold, lang)
        lines = [MEASURED(value=value).render(lang), REQUIRED(threshold=threshold).render(lang)]
        if result.status == FAIL and result.evidence:
            lines.append(SHORT_ITEMS(count=len(result.evidence)).render(lang))
        elif result.status == YEAR_END and result.evidence:
            lines.append(STILL_TO_DO(count=len(result.evidence)).render(lang))
        elif result.status == PASS and result.evidence:
            lines.append(COUNTED_ITEMS(count=len(result.evidence)).render(lang))
    if result.note:
        lines.append(in_language(result.note, lang))
    return "\n".join(lines)


def confirmation_text(result: RuleResult, language: str = "zh") -> str:
    """For a manual item: who confirmed it, when, and their note; or that nobody has yet."""
    if result.status != MANUAL:
        return ""
    lang = _lang(language)
    confirmation = result.confirmation
    if not confirmation or not confirmation.get("confirmed"):
        return NOT_CONFIRMED.render(lang)
    when = str(confirmation.get("at") or "")[:10]
    who = str(confirmation.get("by") or "")
    note = str(confirmation.get("note") or "")
    head = CONFIRMED_BY(who=who, when=when) if who or when else CONFIRMED
    return WITH_NOTE(head=head.render(lang), note=note).render(lang) if note else head.render(lang)


def conclusion(result: RuleResult, language: str = "zh") -> str:
    """结论: the status, and for a manual item its confirmation."""
    extra = confirmation_text(result, language)
    label = status_label(result.status, language)
    return f"{label}\n{extra}" if extra else label


@dataclass(frozen=True)
class EvidenceRow:
    kind: str  # 班级, 学生 ...
    key_name: str  # 班级编号, 学号 ...
    key: str
    label: str
    detail: str
    key_is_code: bool = False  # a program code (emergency_plan), not a number people use


#: Evidence kinds whose key is a program code; the label names them for people.
CODE_KEYED_KINDS = frozenset({"document", "school"})


def evidence_row(evidence: Evidence, language: str = "zh") -> EvidenceRow:
    """An evidence item in words: in Chinese unless asked otherwise (the report's words)."""
    lang = _lang(language)
    kind, key_name = EVIDENCE_KINDS.get(evidence.kind, (evidence.kind, OTHER_KEY))
    return EvidenceRow(
        in_language(kind, lang),
        in_language(key_name, lang),
        in_language(evidence.key, lang),
        in_language(evidence.label, lang),
        in_language(evidence.detail, lang),
        evidence.kind in CODE_KEYED_KINDS,
    )


def fix_action(status: str, fix_hint: str, language: str = "zh") -> str:
    """What to do about a rule that did not pass (``fix_hint`` is the checklist's own words).
    Nothing for a yearly demand waiting for the year's end or a rule that does not apply: neither
    is on the list of what to fix, and no command is suggested that would then refuse."""
    lang = _lang(language)
    if status == FAIL:
        return fix_hint or FIX_AGAINST_STANDARD.render(lang)
    if status == NO_DATA:
        return ENTER_RECORDS(hint=fix_hint).render(lang).strip()
    if status == MANUAL:
        return CONFIRM_BY_HAND.render(lang)
    return ""


def needs_action(result: RuleResult) -> bool:
    """Failed, without records, or a manual item nobody has confirmed yet. Never a yearly demand
    not yet due (学年末评定) nor a rule that does not apply (不适用)."""
    if result.status in (FAIL, NO_DATA):
        return True
    return result.status == MANUAL and not result.confirmed


__all__ = [
    "EVIDENCE_KINDS",
    "EvidenceRow",
    "conclusion",
    "confirmation_text",
    "count_parts",
    "describe",
    "evidence_row",
    "fix_action",
    "needs_action",
    "passed_count",
    "situation",
    "status_label",
]
