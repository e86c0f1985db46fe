"""District checklists as data: ``resources/profiles/<id>.toml``.

A profile names its rules in order, each with the metric (code) that measures it, the parameters
(thresholds) and the texts a district form shows (一级指标, 二级指标, 标准, source clause). A school can
copy a profile, change thresholds or drop rules, and put it in its profiles folder. A malformed
profile, and one that names a key, a metric or a parameter the program does not know, is refused
with a message that names the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.resources import profiles_dir
from counselor_app.selfcheck.params import check_params

if TYPE_CHECKING:
    from counselor_app.selfcheck.metrics import MetricSpec

PROFILE_BROKEN = msg(
    "自查标准文件 {path} 第 {line} 行有误：{reason}",
    "The checklist profile {path} has an error at line {line}: {reason}",
)
UNKNOWN_PROFILE = msg(
    "没有名为“{profile}”的自查标准。可用的有：{known}",
    "There is no checklist profile '{profile}'. Available: {known}",
)
TOML_ERROR = msg("{error}", "{error}")
MISSING_KEY = msg("缺少“{key}”", "'{key}' is missing")
NO_RULES = msg("“rules”应为一组 [[rules]]", "'rules' must be a list of [[rules]] tables")
UNKNOWN_KEY = msg(
    "没有名为“{key}”的项（可用的项：{known}）", "there is no key '{key}' (known keys: {known})"
)
UNKNOWN_RULE_KEY = msg(
    "规则 {rule} 没有名为“{key}”的项（可用的项：{known}）",
    "rule {rule} has no key '{key}' (known keys: {known})",
)
RULE_LACKS = msg("规则 {rule} 缺少 {keys}", "rule {rule} lacks {keys}")
RULE_TWICE = msg("规则 {rule} 出现了两次", "rule {rule} appears twice")
UNKNOWN_METRIC = msg(
    "规则 {rule} 的 metric“{metric}”不存在", "unknown metric '{metric}' in rule {rule}"
)
NOT_TEXT = msg("规则 {rule} 的 {key} 应为带引号的文字", "{key} of rule {rule} must be quoted text")
PARAMS_NOT_TABLE = msg("规则 {rule} 的 params 应为表", "params of {rule} must be a table")

PROFILE_KEYS = ("id", "name", "district", "source", "rules")
RULE_KEYS = ("id", "metric", "category", "title", "standard", "clause", "params", "fix_hint")
_RULE_TEXTS = ("id", "metric", "category", "title", "standard", "clause", "fix_hint")
_RULES_HEADER = re.compile(r"^\s*\[\[\s*rules\s*\]\]")


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
    # A yearly demand (每学年…), as the rule's metric and parameters say (see metrics.metric): the
    # engine judges it over the school year, and before the year's last term never fails it.
    yearly: bool = False


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


class _Lines:
    """Where things are in a profile's text: tomllib gives values, not line numbers."""

    def __init__(self, text: str, rule_count: int) -> None:
        self.lines = text.splitlines()
        starts = [n for n, line in enumerate(self.lines) if _RULES_HEADER.match(line)]
        # Rules written as [[rules]] tables: the n-th table is the n-th rule. Otherwise (an inline
        # array) every search runs over the whole text.
        self.blocks: list[tuple[int, int]] | None = None
        if len(starts) == rule_count:
            ends = [*starts[1:], len(self.lines)]
            self.blocks = list(zip(starts, ends, strict=True))

    def _span(self, rule: int | None) -> tuple[int, int]:
        if rule is None:
            first_block = self.blocks[0][0] if self.blocks else len(self.lines)
            return 0, first_block
        if self.blocks is None:
            return 0, len(self.lines)
        return self.blocks[rule]

    def of_rule(self, rule: int) -> int:
        """The line (1-based) a rule starts on."""
        return self._span(rule)[0] + 1 if self.blocks else 1

    def of_key(self, key: str, rule: int | None = None) -> int | None:
        """The first line of the rule (or of the top, before the rules) where ``key = `` is
        written: bare, quoted, dotted (params.minimum) or inside an inline table."""
        pattern = re.compile(
            r'(?:^|[\s{,.])(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")\s*="
        )
        first, last = self._span(rule)
        for number in range(first, last):
            if pattern.search(self.lines[number]):
                return number + 1
        return None

    def of_text(self, needle: str, rule: int | None = None) -> int | None:
        first, last = self._span(rule)
        for number in range(first, last):
            if needle in self.lines[number]:
                return number + 1
        return None


def parse_profile(text: str, shown_path: str, known_metrics: Mapping[str, MetricSpec]) -> Profile:
    """A profile from its TOML text, every rule and parameter checked against the metrics.

    Anything a profile names that the program does not know (a key, a metric, a parameter) is
    refused with the line it is on: a misspelt threshold must never quietly become the default.
    """

    def broken(line: int | None, reason: Message) -> InvalidInput:
        return InvalidInput(PROFILE_BROKEN(path=shown_path, line=line or 1, reason=reason))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise broken(int(match[1]) if match else 1, TOML_ERROR(error=str(exc))) from exc
    entries = data.get("rules")
    lines = _Lines(text, len(entries) if isinstance(entries, list) else 0)
    for key in data:
        if key not in PROFILE_KEYS:
            known = joined(PROFILE_KEYS)
            raise broken(lines.of_key(key, None), UNKNOWN_KEY(key=key, known=known))
    for key in ("id", "name", "rules"):
        if key not in data:
            raise broken(1, MISSING_KEY(key=key))
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise broken(lines.of_key("rules"), NO_RULES)
    rules = []
    seen: set[str] = set()
    for number, entry in enumerate(entries):
        rule_id = str(entry.get("id", "")) or "?"
        start = lines.of_rule(number)
        for key in entry:
            if key not in RULE_KEYS:
                raise broken(
                    lines.of_key(key, number) or start,
                    UNKNOWN_RULE_KEY(rule=rule_id, key=key, known=joined(RULE_KEYS)),
                )
        missing = [k for k in ("id", "metric", "category", "title", "standard") if not entry.get(k)]
        if missing:
            raise broken(start, RULE_LACKS(rule=rule_id, keys=joined(missing)))
        for key in _RULE_TEXTS:
            if key in entry and not isinstance(entry[key], str):
                raise broken(lines.of_key(key, number) or start, NOT_TEXT(rule=rule_id, key=key))
        if rule_id in seen:
            raise broken(lines.of_text(f'"{rule_id}"', number) or start, RULE_TWICE(rule=rule_id))
        seen.add(rule_id)
        spec = known_metrics.get(entry["metric"])
        if spec is None:
            raise broken(
                lines.of_text(f'"{entry["metric"]}"', number) or start,
                UNKNOWN_METRIC(rule=rule_id, metric=entry["metric"]),
            )
        raw_params = entry.get("params", {})
        if not isinstance(raw_params, dict):
            raise broken(lines.of_key("params", number) or start, PARAMS_NOT_TABLE(rule=rule_id))
        params, problems = check_params(rule_id, raw_params, spec.params)
        if problems:
            first = problems[0]
            where = lines.of_key(first.name, number) if first.name in raw_params else None
            raise broken(where or lines.of_key("params", number) or start, first.reason)
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
                yearly=spec.yearly(params),
            )
        )
    return Profile(
        str(data["id"]),
        str(data["name"]),
        str(data.get("district", "")),
        str(data.get("source", "")),
        tuple(rules),
    )


def _known_metrics() -> dict[str, MetricSpec]:
    from counselor_app.selfcheck.metrics import metric_specs

    return metric_specs()


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
