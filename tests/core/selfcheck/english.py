"""A check that a metric's words read in English: every evidence item, note and measured value,
rendered for an English screen, holds no Chinese but the school's own data (a class's or a staff
member's name, a campus, a piece of equipment), which is shown as it was recorded."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from counselor_app.foundation.i18n import in_language
from counselor_app.reports.selfcheck_words import evidence_row, situation
from counselor_app.selfcheck.result import Measurement, RuleResult
from counselor_app.storage.database import Database

CJK = re.compile(r"[\u4e00-\u9fff]")


def recorded_words(db: Database, params: Mapping[str, Any] | None = None) -> set[str]:
    """The school's data that may appear in evidence as it was typed: names, campuses, equipment."""
    words = {r[0] for r in db.query("SELECT name FROM class UNION SELECT name FROM staff")}
    words |= {r[0] for r in db.query("SELECT name FROM campus")}
    equipment = db.scalar("SELECT room_equipment FROM school WHERE id = 1")
    words |= {str(item) for item in json.loads(equipment or "[]")}
    for value in (params or {}).values():
        if isinstance(value, list | tuple):
            words |= {str(item) for item in value}
    return {w for w in words if w}


def chinese_left(text: str, data: Iterable[str]) -> list[str]:
    """The Chinese in ``text`` once the school's own data is taken out."""
    for word in sorted(data, key=len, reverse=True):
        text = text.replace(word, "")
    return CJK.findall(text)


def english_texts(measurement: Measurement) -> list[str]:
    """Everything of a measurement a user reads on an English screen."""
    result = RuleResult(
        "rule",
        measurement.status,
        measurement.value,
        measurement.threshold,
        tuple(measurement.evidence),
        measurement.note,
    )
    texts = [situation(result, "en"), in_language(measurement.note, "en")]
    for item in measurement.evidence:
        row = evidence_row(item, "en")
        texts += [row.kind, row.key_name, row.label, row.detail]
        if not row.key_is_code:
            texts.append(row.key)
    return texts


def assert_reads_in_english(measurement: Measurement, data: Iterable[str]) -> None:
    data = set(data)
    for text in english_texts(measurement):
        assert not chinese_left(text, data), f"Chinese on an English screen: {text!r}"
