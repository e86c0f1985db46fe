"""Totals over many schools' bundles: a school × rule compliance table and district totals.

Every bundle is checked exactly as ``district open`` checks it (sender's signature first, then
decryption, manifest and hashes); a refused bundle is listed with its reason and left out. When a
school sent several bundles for the same term and checklist, the newest counts and the others are
listed as superseded. Nothing is recorded in the district's state: totalling is read-only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counselor_app.bundle.district import DistrictDesk
from counselor_app.bundle.errors import BundleRefused
from counselor_app.bundle.manifest import SELFCHECK_JSON, STATISTICS_JSON
from counselor_app.foundation.i18n import msg

CONFIRMED = "confirmed"  # a manual rule the school confirmed
YEAR_END, NOT_APPLICABLE = "year_end", "not_applicable"
NOT_JUDGED_THIS_TERM = (YEAR_END, NOT_APPLICABLE)
SUPERSEDED = msg(
    "同一学校、学期和标准有更新的上报包（{newer}）",
    "a newer bundle of the same school, term and checklist ({newer})",
)
UNREADABLE = msg("无法读取：{reason}", "cannot be read: {reason}")


@dataclass(frozen=True)
class RuleColumn:
    rule_id: str
    profile_id: str
    category: str
    title: str


@dataclass(frozen=True)
class SchoolRow:
    source: str
    school_name: str
    school_uid: str
    fingerprint: str
    term: str
    profile_id: str
    profile_name: str
    bundle_id: str
    created_at: str
    named_cases: bool
    # rule id → pass / fail / no_data / manual / confirmed / year_end / not_applicable
    statuses: dict[str, str]
    statistics: dict[str, Any]

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses.values() if s == status)

    @property
    def pass_share(self) -> float:
        """Rules met (passed, or manual and confirmed) among the rules judged this term: a rule
        that does not apply (不适用) or a yearly demand left to the year's end (学年末评定) is not
        judged in this term, so it neither raises nor lowers the share."""
        judged = sum(1 for s in self.statuses.values() if s not in NOT_JUDGED_THIS_TERM)
        return round((self.count("pass") + self.count(CONFIRMED)) / judged, 4) if judged else 0.0

    @property
    def failed_rules(self) -> list[str]:
        return [rule for rule, status in self.statuses.items() if status == "fail"]


@dataclass
class DistrictSummary:
    district: str
    district_fingerprint: str
    rows: list[SchoolRow] = field(default_factory=list)
    rules: list[RuleColumn] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    superseded: list[tuple[str, str]] = field(default_factory=list)

    def rule_totals(self) -> list[tuple[RuleColumn, Counter[str]]]:
        totals = []
        for rule in self.rules:
            counts: Counter[str] = Counter(
                row.statuses[rule.rule_id] for row in self.rows if rule.rule_id in row.statuses
            )
            totals.append((rule, counts))
        return totals

    def statistics_totals(self) -> dict[str, Any]:
        return total_statistics([row.statistics for row in self.rows])


def _status(rule: dict[str, Any]) -> str:
    status = str(rule.get("status", ""))
    confirmation = rule.get("confirmation") or {}
    if status == "manual" and isinstance(confirmation, dict) and confirmation.get("confirmed"):
        return CONFIRMED
    return status


def summarize(desk: DistrictDesk, files: Iterable[Path]) -> DistrictSummary:
    summary = DistrictSummary(desk.public.district, desk.public.fingerprint)
    state = desk.state()
    newest: dict[tuple[str, str, str], SchoolRow] = {}
    columns: dict[str, RuleColumn] = {}
    for path in files:
        source = str(path)
        try:
            checked = desk.check_bundle(Path(path).read_bytes(), source, state)
            selfcheck = json.loads(checked.contents.parts[SELFCHECK_JSON])
            statistics = json.loads(checked.contents.parts[STATISTICS_JSON])
        except BundleRefused as exc:
            summary.refused.append((source, exc.message.render()))
            continue
        except (OSError, ValueError) as exc:
            summary.refused.append((source, UNREADABLE(reason=str(exc)).render()))
            continue
        manifest = checked.manifest
        statuses = {}
        for rule in selfcheck.get("rules", []):
            rule_id = str(rule["id"])
            statuses[rule_id] = _status(rule)
            columns.setdefault(
                rule_id,
                RuleColumn(
                    rule_id,
                    manifest.profile_id,
                    str(rule.get("category", "")),
                    str(rule.get("title", rule_id)),
                ),
            )
        row = SchoolRow(
            source=source,
            school_name=manifest.school_name,
            school_uid=manifest.school_uid,
            fingerprint=checked.outer.fingerprint,
            term=manifest.term_name,
            profile_id=manifest.profile_id,
            profile_name=manifest.profile_name,
            bundle_id=manifest.bundle_id,
            created_at=manifest.created_at,
            named_cases=manifest.named_cases,
            statuses=statuses,
            statistics=statistics,
        )
        key = (row.fingerprint, row.term, row.profile_id)
        older = newest.get(key)
        if older is None or row.created_at > older.created_at:
            if older is not None:
                summary.superseded.append((older.source, SUPERSEDED(newer=row.source).render()))
            newest[key] = row
        else:
            summary.superseded.append((row.source, SUPERSEDED(newer=older.source).render()))
    summary.rows = sorted(newest.values(), key=lambda r: (r.profile_id, r.school_name, r.term))
    summary.rules = sorted(columns.values(), key=lambda c: (c.profile_id, _rule_order(c, summary)))
    return summary


def _rule_order(column: RuleColumn, summary: DistrictSummary) -> int:
    for row in summary.rows:
        if column.rule_id in row.statuses:
            return list(row.statuses).index(column.rule_id)
    return 0


def _add(into: dict[str, Any], values: dict[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            into[key] = into.get(key, 0) + value


def total_statistics(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The district's totals of the schools' ``statistics.json``."""
    totals: dict[str, Any] = {
        "schools": len(documents),
        "students": 0,
        "classes": 0,
        "key_students": 0,
        "sessions": 0,
        "students_seen": 0,
        "sessions_by_type": {},
        "sessions_by_topic": {},
        "risk_levels_at_term_end": {},
        "screening": {},
        "monitors": {},
        "activities_by_type": {},
        "mean_room_hours_per_week": 0.0,
    }
    room_means = []
    for doc in documents:
        totals["students"] += doc.get("students", 0)
        totals["classes"] += doc.get("classes", 0)
        totals["key_students"] += doc.get("key_students", 0)
        sessions = doc.get("sessions", {})
        totals["sessions"] += sessions.get("total", 0)
        totals["students_seen"] += sessions.get("students_seen", 0)
        _add(
            totals["sessions_by_type"],
            {k: v.get("sessions", 0) for k, v in sessions.get("by_type", {}).items()},
        )
        _add(totals["sessions_by_topic"], sessions.get("by_topic", {}))
        _add(totals["risk_levels_at_term_end"], doc.get("risk_levels_at_term_end", {}))
        screening = doc.get("screening_coverage", {})
        _add(
            totals["screening"],
            {
                k: screening.get(k, 0)
                for k in (
                    "students",
                    "screened_in_term",
                    "screened_in_school_year",
                    "students_flagged_level_2_or_more",
                )
            },
        )
        monitors = doc.get("monitor_coverage", {})
        _add(
            totals["monitors"],
            {
                k: monitors.get(k, 0)
                for k in (
                    "classes",
                    "classes_with_monitor",
                    "classes_with_two_or_more",
                    "classes_with_boy_and_girl",
                    "monitors",
                )
            },
        )
        _add(totals["activities_by_type"], doc.get("activities_by_type", {}))
        weeks = doc.get("room_hours_by_week", [])
        if weeks:
            room_means.append(sum(w.get("hours", 0) for w in weeks) / len(weeks))
    if room_means:
        totals["mean_room_hours_per_week"] = round(sum(room_means) / len(room_means), 2)
    return totals


def _label(vocabulary: Any, code: str) -> str:
    return vocabulary.label(code, "zh") if code else "未填"


def _percent(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def total_lines(totals: dict[str, Any]) -> list[tuple[str, str]]:
    """The district totals as (what, value) lines, in Chinese, for the workbook and the PDF."""
    from counselor_app.foundation.vocab import ACTIVITY_TYPE, RISK_LEVEL, SESSION_KIND, TOPIC

    screening, monitors = totals["screening"], totals["monitors"]
    lines = [
        ("纳入汇总的学校", str(totals["schools"])),
        ("在读学生", str(totals["students"])),
        ("班级", str(totals["classes"])),
        ("重点关爱学生", str(totals["key_students"])),
        ("辅导次数", str(totals["sessions"])),
        ("接受辅导的学生", str(totals["students_seen"])),
    ]
    lines += [
        (f"辅导次数：{_label(SESSION_KIND, k)}", str(v))
        for k, v in sorted(totals["sessions_by_type"].items())
    ]
    lines += [
        (f"辅导主题：{_label(TOPIC, k)}", str(v))
        for k, v in sorted(totals["sessions_by_topic"].items(), key=lambda kv: -kv[1])
    ]
    levels = totals["risk_levels_at_term_end"]
    lines += [
        (f"学期末风险等级：{RISK_LEVEL.label(level, 'zh')}", str(levels.get(level, 0)))
        for level in ("0", "1", "2", "3")
    ]
    lines.append(("学期末风险等级：未评定", str(levels.get("none", 0))))
    lines += [
        (
            "本学期测评覆盖",
            f"{screening.get('screened_in_term', 0)} / {screening.get('students', 0)}"
            f"（{_percent(screening.get('screened_in_term', 0), screening.get('students', 0))}）",
        ),
        (
            "本学年测评覆盖",
            f"{screening.get('screened_in_school_year', 0)} / {screening.get('students', 0)}"
            f"（{_percent(screening.get('screened_in_school_year', 0), screening.get('students', 0))}）",
        ),
        ("测评结果 2 级及以上的学生", str(screening.get("students_flagged_level_2_or_more", 0))),
        (
            "有心理委员的班级",
            f"{monitors.get('classes_with_monitor', 0)} / {monitors.get('classes', 0)}"
            f"（{_percent(monitors.get('classes_with_monitor', 0), monitors.get('classes', 0))}）",
        ),
        ("男女生心理委员齐全的班级", str(monitors.get("classes_with_boy_and_girl", 0))),
        ("心理委员人数", str(monitors.get("monitors", 0))),
        ("辅导室平均每周开放小时（各校平均）", f"{totals['mean_room_hours_per_week']:g}"),
    ]
    lines += [
        (f"活动：{_label(ACTIVITY_TYPE, k)}", str(v))
        for k, v in sorted(totals["activities_by_type"].items())
    ]
    return lines


STATUS_WORDS = {
    "pass": "达标",
    "fail": "未达标",
    "no_data": "无记录",
    "manual": "需人工确认",
    CONFIRMED: "已确认",
    YEAR_END: "学年末评定",
    NOT_APPLICABLE: "不适用",
}
