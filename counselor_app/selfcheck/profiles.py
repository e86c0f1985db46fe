"""District checklists as data: ``resources/profiles/<id>.toml``.

A profile names its rules in order, each with the metric (code) that measures it, the parameters
(thresholds) and the texts a district form shows (一级指标, 二级指标, 标准, source clause). A school can
copy a profile, change thresholds or drop rules, and put it in its profiles folder. A malformed
profile is refused with a message that names the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counselor_app.errors import InvalidInput
from counselor_app.i18n import joined, msg
from counselor_app.resources import profiles_dir

PROFILE_BROKEN = msg(
    "自查标准文件 {path} 第 {line} 行有误：{reason}",
    "The checklist profile {path} has an error at line {line}: {reason}",
)
UNKNOWN_PROFILE = msg(
    "没有名为“{profile}”的自查标准。可用的有：{known}",
    "There is no checklist profile '{profile}'. Available: {known}",
)


@dataclass(frozen=True)
class RuleDefinition:
    id: str
    metric: str
    category: str  # 一级指标
    title: str  # 二级指标
    standard: str  # 标准, as the district words it
    clause: str = ""  # where in the policy document
    params: dict[str, Any] = field(default_factory=dict)
    fix_hint: str = ""  # what to do when it fails, for the list of what to fix


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    district: str
    source: str
    rules: tuple[RuleDefinition, ...]

    def rule(self, rule_id: str) -> RuleDefinition:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def parse_profile(text: str, shown_path: str, known_metrics: set[str]) -> Profile:
    def broken(line: int, reason: str) -> InvalidInput:
        return InvalidInput(PROFILE_BROKEN(path=shown_path, line=line, reason=reason))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise broken(int(match[1]) if match else 1, str(exc)) from exc
    for key in ("id", "name", "rules"):
        if key not in data:
            raise broken(1, f"missing '{key}'")
    rules = []
    seen: set[str] = set()
    for entry in data["rules"]:
        rule_id = str(entry.get("id", ""))
        line = _line_of(text, f'"{rule_id}"') if rule_id else 1
        missing = [k for k in ("id", "metric", "category", "title", "standard") if not entry.get(k)]
        if missing:
            raise broken(line, f"rule {rule_id or '?'} lacks {', '.join(missing)}")
        if rule_id in seen:
            raise broken(line, f"rule {rule_id} appears twice")
        seen.add(rule_id)
        if entry["metric"] not in known_metrics:
            raise broken(
                _line_of(text, f'"{entry["metric"]}"'),
                f"unknown metric '{entry['metric']}' in rule {rule_id}",
            )
        params = entry.get("params", {})
        if not isinstance(params, dict):
            raise broken(line, f"params of {rule_id} must be a table")
        rules.append(
            RuleDefinition(
                id=rule_id,
                metric=entry["metric"],
                category=entry["category"],
                title=entry["title"],
                standard=entry["standard"],
                clause=entry.get("clause", ""),
                params=params,
                fix_hint=entry.get("fix_hint", ""),
            )
        )
    return Profile(
        str(data["id"]),
        str(data["name"]),
        str(data.get("district", "")),
        str(data.get("source", "")),
        tuple(rules),
    )


def _known_metrics() -> set[str]:
    from counselor_app.selfcheck.metrics import all_metrics

    return set(all_metrics())


def built_in_profiles() -> dict[str, Profile]:
    profiles = {}
    for path in sorted(profiles_dir().glob("*.toml")):
        profile = parse_profile(path.read_text(encoding="utf-8"), path.name, _known_metrics())
        profiles[profile.id] = profile
    return profiles


def load_profile_file(path: Path) -> Profile:
    return parse_profile(path.read_text(encoding="utf-8"), str(path), _known_metrics())


def find_profile(profile_id: str, extra_dirs: tuple[Path, ...] = ()) -> Profile:
    """A built-in profile by id, or a school's own from ``extra_dirs`` (which wins), or a path."""
    candidate = Path(profile_id)
    if candidate.suffix == ".toml" and candidate.exists():
        return load_profile_file(candidate)
    for folder in extra_dirs:
        path = folder / f"{profile_id}.toml"
        if path.exists():
            return load_profile_file(path)
    profiles = built_in_profiles()
    if profile_id not in profiles:
        raise InvalidInput(UNKNOWN_PROFILE(profile=profile_id, known=joined(sorted(profiles))))
    return profiles[profile_id]
