"""The words the metrics put into a result, in Chinese for the district and in English for a screen.

A result's evidence labels, details and notes are :class:`~counselor_app.foundation.i18n.Bilingual`: the
Chinese text the printed report, the Excel sheet and the JSON file carry (unchanged whatever the
program's language), which also knows its English for the self-check page. The metrics build them
with :func:`words` from a :func:`~counselor_app.foundation.i18n.msg` pair, and the small helpers here name the
things evidence is about the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from counselor_app.foundation.i18n import Bilingual, bilingual, in_language, joined, msg
from counselor_app.foundation.vocab import Vocabulary

words = bilingual

STUDENT = msg("学号 {number}（班级 {class_code}）", "Student no. {number} (class {class_code})")
CLASS = msg("班级 {code}", "Class {code}")
NUMBERS = msg("学号：{numbers}", "Student nos.: {numbers}")
TIMES_SHORT = msg("{count} 次 < {minimum} 次", "{count} of {minimum} required")


def vocab_words(vocab: Vocabulary, code: str) -> Bilingual:
    """A vocabulary's word for ``code`` in both languages (the code itself when unknown)."""
    return Bilingual(vocab.label(code, "zh"), vocab.label(code, "en"))


def listed(items: Iterable[object]) -> Bilingual:
    """甲、乙、丙 in Chinese, "A, B, C" in English."""
    return words(joined(items))


def clauses(parts: Iterable[object], zh: str = "，", en: str = ", ") -> Bilingual:
    """Parts of one sentence: 未登记班主任，没有在任的心理委员 / no head teacher, no monitor."""
    parts = list(parts)
    return Bilingual(
        zh.join(in_language(part, "zh") for part in parts),
        en.join(in_language(part, "en") for part in parts),
    )


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_label(year: int, month: int) -> Bilingual:
    """2025年9月 / September 2025."""
    return Bilingual(f"{year}年{month}月", f"{MONTH_NAMES[month - 1]} {year}")


def quarter_label(year: int, quarter: int) -> Bilingual:
    """2025年第3季度 / Q3 2025."""
    return Bilingual(f"{year}年第{quarter}季度", f"Q{quarter} {year}")


def sentence(text: Bilingual) -> Bilingual:
    """A phrase as a sentence of its own: the English begins with a capital."""
    return Bilingual(text.zh, text.en[:1].upper() + text.en[1:])


def student_label(number: str, class_code: str) -> Bilingual:
    return words(STUDENT(number=number, class_code=class_code))


def class_label(code: str) -> Bilingual:
    return words(CLASS(code=code))


def student_numbers(numbers: Iterable[str]) -> Bilingual:
    """学号：2025001、2025002 — every student named, for a detail."""
    return words(NUMBERS(numbers=joined(numbers)))


def times_short(count: int, minimum: int) -> Bilingual:
    """How many times against how many were needed: 3 次 < 4 次."""
    return words(TIMES_SHORT(count=count, minimum=minimum))


__all__ = [
    "class_label",
    "clauses",
    "listed",
    "month_label",
    "quarter_label",
    "sentence",
    "student_label",
    "student_numbers",
    "times_short",
    "vocab_words",
    "words",
]
