"""The parameters (thresholds) a checklist gives its rules, declared with each metric.

A metric says which names it reads, of what kind, and which it cannot do without; a profile is
checked against that when it is loaded (``profiles.parse_profile``), so a misspelt threshold is
refused with its line instead of being silently replaced by the metric's default. Values from a
vocabulary may be written as the code or the Chinese word; the checked parameters hold the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.vocab import Vocabulary

INT, NUMBER, SHARE, BOOL, TEXT, TEXTS = "int", "number", "share", "bool", "text", "texts"

KIND_WORDS = {
    INT: msg("整数", "a whole number"),
    NUMBER: msg("数字", "a number"),
    SHARE: msg("0 到 1 之间的比例（如 0.95）", "a share from 0 to 1 (such as 0.95)"),
    BOOL: msg("true 或 false", "true or false"),
    TEXT: msg("带引号的文字", "quoted text"),
    TEXTS: msg('文字列表（如 ["甲", "乙"]）', 'a list of texts (such as ["a", "b"])'),
}
UNKNOWN_PARAM = msg(
    "规则 {rule} 没有名为“{name}”的参数（可用的参数：{known}）",
    "rule {rule} has no parameter '{name}' (its parameters: {known})",
)
NO_PARAMS = msg(
    "规则 {rule} 没有名为“{name}”的参数（该规则不带参数）",
    "rule {rule} has no parameter '{name}' (it takes none)",
)
MISSING_PARAM = msg("规则 {rule} 缺少参数“{name}”", "rule {rule} lacks the parameter '{name}'")
WRONG_KIND = msg(
    "规则 {rule} 的参数 {name} 应为{kind}，而不是 {value}",
    "the parameter {name} of rule {rule} must be {kind}, not {value}",
)
BAD_CHOICE = msg(
    "规则 {rule} 的参数 {name} 不能是“{value}”，可用的值：{choices}",
    "the parameter {name} of rule {rule} cannot be '{value}'; use one of: {choices}",
)
OUT_OF_RANGE = msg(
    "规则 {rule} 的参数 {name} 应在 {minimum} 到 {maximum} 之间，而不是 {value}",
    "the parameter {name} of rule {rule} must be from {minimum} to {maximum}, not {value}",
)


@dataclass(frozen=True)
class Param:
    """One parameter a metric reads: its kind, whether a profile must give it, and for text the
    values it may take (a vocabulary, whose Chinese words are accepted too, or fixed codes)."""

    kind: str
    required: bool = False
    choices: Vocabulary | tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ParamProblem:
    name: str  # the parameter the problem is about
    reason: Message


def _code(value: str, choices: Vocabulary | tuple[str, ...]) -> str | None:
    if isinstance(choices, Vocabulary):
        return choices.code_for(value)
    return value if value in choices else None


def _choice_words(choices: Vocabulary | tuple[str, ...]) -> Message:
    if isinstance(choices, Vocabulary):
        return joined(f"{t.code}（{t.zh}）" for t in choices.terms)
    return joined(choices)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    return (
        f'"{value}"'
        if isinstance(value, str)
        else repr(value).replace("True", "true").replace("False", "false")
    )


def check_params(
    rule_id: str, params: Mapping[str, Any], declared: Mapping[str, Param]
) -> tuple[dict[str, Any], list[ParamProblem]]:
    """The parameters with vocabulary words turned into codes, and every problem found."""
    problems: list[ParamProblem] = []
    checked: dict[str, Any] = {}

    def problem(name: str, reason: Message) -> None:
        problems.append(ParamProblem(name, reason))

    for name, value in params.items():
        spec = declared.get(name)
        if spec is None:
            known = joined(sorted(declared))
            problem(
                name,
                UNKNOWN_PARAM(rule=rule_id, name=name, known=known)
                if declared
                else NO_PARAMS(rule=rule_id, name=name),
            )
            continue
        if not _of_kind(value, spec.kind):
            kind = KIND_WORDS[spec.kind]
            problem(name, WRONG_KIND(rule=rule_id, name=name, kind=kind, value=_shown(value)))
        elif _is_number(value) and not _within(value, spec):
            problem(
                name,
                OUT_OF_RANGE(
                    rule=rule_id,
                    name=name,
                    minimum=_plain(spec.minimum),
                    maximum=_plain(spec.maximum),
                    value=_plain(value),
                ),
            )
        elif spec.choices is not None and isinstance(value, str | list):
            items: Sequence[str] = [value] if isinstance(value, str) else value
            codes = [_code(item, spec.choices) for item in items]
            bad = [item for item, code in zip(items, codes, strict=True) if code is None]
            if bad:
                problem(
                    name,
                    BAD_CHOICE(
                        rule=rule_id, name=name, value=bad[0], choices=_choice_words(spec.choices)
                    ),
                )
            else:
                checked[name] = codes[0] if isinstance(value, str) else codes
                continue
        checked[name] = value
    for name, spec in declared.items():
        if spec.required and name not in params:
            problem(name, MISSING_PARAM(rule=rule_id, name=name))
    return checked, problems


def _of_kind(value: Any, kind: str) -> bool:
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == NUMBER:
        return _is_number(value)
    if kind == SHARE:
        return _is_number(value) and 0 < value <= 1
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == TEXT:
        return isinstance(value, str)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _within(value: float, spec: Param) -> bool:
    low = spec.minimum if spec.minimum is not None else float("-inf")
    high = spec.maximum if spec.maximum is not None else float("inf")
    return low <= value <= high


def _plain(number: float | None) -> str:
    if number is None:
        return "—"
    return str(int(number)) if float(number).is_integer() else str(number)


__all__ = [
    "BOOL",
    "INT",
    "NUMBER",
    "SHARE",
    "TEXT",
    "TEXTS",
    "Param",
    "ParamProblem",
    "check_params",
]
