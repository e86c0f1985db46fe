"""The self-check as JSON, for a district that re-uses the numbers (schema: docs/selfcheck-json.md).

The shape the issue fixes is ``{"school", "term", "profile", "generated_at", "rules": [{"id",
"status", "value", "threshold", "evidence": [...]}]}``; everything else here is an addition a
reader may ignore. Evidence is written as the metrics give it: students by 学号 and class, never by
name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.reports.selfcheck_words import status_label
from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.selfcheck.result import RuleResult

SCHEMA_VERSION = 1


def _plain(value: Any) -> Any:
    """Values as JSON can hold them: dates as ISO text, tuples and sets as lists."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    return value


def _rule(report: SelfCheckReport, result: RuleResult) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": result.rule_id,
        "status": result.status,
        "value": _plain(result.value),
        "threshold": _plain(result.threshold),
        "evidence": [e.to_json() for e in result.evidence],
        "status_label": status_label(result.status),
        "note": result.note,
        "confirmation": _plain(result.confirmation),
    }
    try:
        rule = report.profile.rule(result.rule_id)
    except KeyError:
        return entry
    entry.update(
        category=rule.category, title=rule.title, standard=rule.standard, clause=rule.clause
    )
    return entry


def selfcheck_document(report: SelfCheckReport) -> dict[str, Any]:
    """The JSON document as a dictionary (the district bundle embeds the same)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "school": report.school_name,
        "school_uid": report.school_uid,
        "term": report.term.name,
        "term_first_day": report.term.first_day.isoformat(),
        "term_last_day": report.term.last_day.isoformat(),
        "profile": report.profile.id,
        "profile_name": report.profile.name,
        "generated_at": report.generated_at,
        "counts": report.counts(),
        "notes": list(report.notes),
        "rules": [_rule(report, r) for r in report.results],
    }


def selfcheck_json_bytes(report: SelfCheckReport) -> bytes:
    document = selfcheck_document(report)
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def write_selfcheck_json(report: SelfCheckReport, path: Path) -> None:
    write_bytes_atomic(Path(path), selfcheck_json_bytes(report))
