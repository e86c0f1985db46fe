"""A self-check result in the words of a district form, shared by the PDF and the Excel summary.

自查情况 says what was measured against what was required; 结论 is the status in Chinese, with the
counsellor's confirmation for a manual item. Evidence is named the way the issue asks: classes by
班级编号, students by 学号, staff by 工号, weeks by the date of their Monday (the metrics never put a
student's name in it: the self-check goes to the district, which needs no children's names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from counselor_app.selfcheck.result import (
    FAIL,
    MANUAL,
    NO_DATA,
    PASS,
    STATUS_LABELS,
    Evidence,
    RuleResult,
)

#: What an evidence key is, by kind: (what the row is, what its key is called).
EVIDENCE_KINDS: dict[str, tuple[str, str]] = {
    "class": ("班级", "班级编号"),
    "student": ("学生", "学号"),
    "staff": ("教职工", "工号"),
    "week": ("教学周", "周一日期"),
    "month": ("月份", "月份"),
    "quarter": ("季度", "季度"),
    "document": ("制度文件", "文件"),
    "plan": ("一生一策", "学号"),
    "session": ("辅导记录", "日期时间"),
    "slot": ("开放时段", "时段"),
    "campus": ("校区", "校区"),
    "school": ("学校", "项目"),
}


def status_label(status: str) -> str:
    return STATUS_LABELS[status][0]


#: The parts of a structured measured value (the metrics' dictionary keys), in Chinese.
VALUE_PARTS = {
    "classes": "班级",
    "students": "学生",
    "short": "未达标",
    "fulltime": "专职心理教师",
    "parttime": "兼职心理教师",
    "psych_teachers": "专兼职心理教师",
    "campuses": "校区",
    "campuses_covered": "有心理教师的校区",
    "weeks": "教学周",
    "months": "月份",
    "quarters": "季度",
    "slots": "开放时段",
    "staffed": "有值班教师的时段",
    "appointments": "预约记录",
    "teachers": "教师",
    "all_staff": "全体教职工",
    "key_roles": "关键岗位",
    "leaders": "校领导",
}


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


def describe_pair(value: object, threshold: object) -> tuple[str, str]:
    """Measured value and threshold in words; shares as percentages, parts by their names."""
    if isinstance(value, Mapping) and isinstance(threshold, Mapping):
        shown_value = "；".join(
            f"{VALUE_PARTS.get(str(k), str(k))} {_part(v, threshold.get(k))}"
            for k, v in value.items()
        )
        shown_threshold = "；".join(
            f"{VALUE_PARTS.get(str(k), str(k))} {_part(v, value.get(k))}"
            for k, v in threshold.items()
        )
        return shown_value or "—", shown_threshold or "—"
    if is_share(value, threshold):
        return percent(value), percent(threshold)  # type: ignore[arg-type]
    return describe(value), describe(threshold)


def _part(value: object, other: object) -> str:
    if is_share(value, other) or is_share(other, value):
        return percent(value)  # type: ignore[arg-type]
    return describe(value)


def describe(value: object) -> str:
    """A measured value or threshold as a person reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return (
            "；".join(
                f"{VALUE_PARTS.get(str(key), str(key))} {describe(item)}"
                for key, item in value.items()
            )
            or "—"
        )
    if isinstance(value, Sequence | set | frozenset) and not isinstance(value, str):
        return "、".join(describe(item) for item in value) or "—"
    return str(value)


def situation(result: RuleResult) -> str:
    """自查情况: the measured value against the threshold, how much falls short, and the note."""
    if result.status == MANUAL:
        lines = ["此项需人工核实"]
    elif result.status == NO_DATA:
        lines = ["没有可据以判定的记录"]
        if result.threshold is not None:
            lines.append(f"标准：{describe(result.threshold)}")
    else:
        value, threshold = describe_pair(result.value, result.threshold)
        lines = [f"实测：{value}", f"标准：{threshold}"]
        if result.status == FAIL and result.evidence:
            lines.append(f"不达标 {len(result.evidence)} 项，见证据")
        elif result.status == PASS and result.evidence:
            lines.append(f"计入 {len(result.evidence)} 项")
    if result.note:
        lines.append(result.note)
    return "\n".join(lines)


def confirmation_text(result: RuleResult) -> str:
    """For a manual item: who confirmed it, when, and their note; or that nobody has yet."""
    if result.status != MANUAL:
        return ""
    confirmation = result.confirmation
    if not confirmation or not confirmation.get("confirmed"):
        return "尚未确认"
    when = str(confirmation.get("at") or "")[:10]
    who = str(confirmation.get("by") or "")
    note = str(confirmation.get("note") or "")
    head = f"已确认（{who}，{when}）" if who or when else "已确认"
    return f"{head}：{note}" if note else head


def conclusion(result: RuleResult) -> str:
    """结论: the status in Chinese, and for a manual item its confirmation."""
    extra = confirmation_text(result)
    return f"{status_label(result.status)}\n{extra}" if extra else status_label(result.status)


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


def evidence_row(evidence: Evidence) -> EvidenceRow:
    kind, key_name = EVIDENCE_KINDS.get(evidence.kind, (evidence.kind, "编号"))
    return EvidenceRow(
        kind,
        key_name,
        evidence.key,
        evidence.label,
        evidence.detail,
        evidence.kind in CODE_KEYED_KINDS,
    )


def fix_action(status: str, fix_hint: str) -> str:
    """What to do about a rule that did not pass."""
    if status == FAIL:
        return fix_hint or "对照标准整改"
    if status == NO_DATA:
        return f"补录相关记录后重新自查。{fix_hint}".strip()
    if status == MANUAL:
        return "人工核实后在程序中确认此项（selfcheck confirm）"
    return ""


def needs_action(result: RuleResult) -> bool:
    """Failed, without records, or a manual item nobody has confirmed yet."""
    if result.status in (FAIL, NO_DATA):
        return True
    return result.status == MANUAL and confirmation_text(result) == "尚未确认"


__all__ = [
    "EVIDENCE_KINDS",
    "EvidenceRow",
    "conclusion",
    "confirmation_text",
    "describe",
    "evidence_row",
    "fix_action",
    "needs_action",
    "situation",
    "status_label",
]
