"""Students in a bundle appear only as pseudonyms: a keyed hash of the 学号.

``HMAC-SHA256(pseudonym key, "counselor-desk student v1" NUL 学号)``, the first 60 bits in base32
as ``XXXX-XXXX-XXXX``. The key is random, made once per school and kept only in its encrypted
database, so the same student has the same pseudonym in every term's bundle (the district can
follow a case), while nobody without the key can test a guess of a 学号 against it (a plain hash of
a 学号 could be reversed by trying every number).

:func:`scrub_report` rewrites a self-check report so that every 学号 in its evidence, notes and
values becomes the student's pseudonym; :func:`find_student_identifiers` is the safety net that
looks for any 学号 or student name left in what will leave the school.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.selfcheck.result import Evidence, RuleResult

SCHEME = (
    "HMAC-SHA256(school pseudonym key, 'counselor-desk student v1' NUL 学号), "
    "first 60 bits in base32, XXXX-XXXX-XXXX"
)
_LABEL = b"counselor-desk student v1\x00"
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•]+")
# Below this length a 学号 is too much like other numbers (class codes, counts) to look for.
MIN_NUMBER_LENGTH_TO_SEARCH = 6


def pseudonym(key: bytes, student_no: str) -> str:
    digest = hmac.new(key, _LABEL + student_no.strip().encode("utf-8"), hashlib.sha256).digest()
    letters = base64.b32encode(digest).decode("ascii")[:12]
    return f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"


class Pseudonyms:
    """Pseudonyms for one school's students, and the rewriting of text that names them by 学号."""

    def __init__(self, key: bytes, student_numbers: Iterable[str]) -> None:
        self._key = key
        self._by_number = {no: pseudonym(key, no) for no in {n.strip() for n in student_numbers}}
        # 学号 made of letters and digits only are found as whole runs of them; any other (rare)
        # is replaced as plain text.
        self._odd = sorted(
            (no for no in self._by_number if not _ALNUM_RUN.fullmatch(no)), key=len, reverse=True
        )

    def of(self, student_no: str) -> str:
        return self._by_number.get(student_no.strip()) or pseudonym(self._key, student_no)

    def scrub(self, text: str) -> str:
        if not text:
            return text
        replaced = False

        def swap(match: re.Match[str]) -> str:
            nonlocal replaced
            found = self._by_number.get(match[0])
            if found is None:
                return match[0]
            replaced = True
            return found

        result = _ALNUM_RUN.sub(swap, text)
        for number in self._odd:
            if number in result:
                result = result.replace(number, self._by_number[number])
                replaced = True
        # "学号 K7QF-…" would read as if it were the number: call it what it is.
        return result.replace("学号", "化名") if replaced else result

    def scrub_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, Mapping):
            return {k: self.scrub_value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub_value(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.scrub_value(v) for v in value)
        return value


def _scrub_result(result: RuleResult, names: Pseudonyms) -> RuleResult:
    return dataclasses.replace(
        result,
        value=names.scrub_value(result.value),
        threshold=names.scrub_value(result.threshold),
        evidence=tuple(
            Evidence(e.kind, names.scrub(e.key), names.scrub(e.label), names.scrub(e.detail))
            for e in result.evidence
        ),
        note=names.scrub(result.note),
        confirmation=names.scrub_value(result.confirmation),
    )


def scrub_report(report: SelfCheckReport, names: Pseudonyms) -> SelfCheckReport:
    """The same report with every 学号 replaced by the student's pseudonym."""
    return dataclasses.replace(
        report,
        results=tuple(_scrub_result(r, names) for r in report.results),
        notes=tuple(names.scrub(n) for n in report.notes),
    )


def report_texts(report: SelfCheckReport) -> Iterator[str]:
    """Every string of a report that came from the school's records (not from the checklist)."""
    yield from report.notes
    for result in report.results:
        yield from _strings(result.value)
        yield from _strings(result.threshold)
        yield result.note
        yield from _strings(result.confirmation)
        for e in result.evidence:
            yield from (e.key, e.label, e.detail)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _strings(v)


@dataclass(frozen=True)
class Leak:
    what: str  # "学号" or "姓名"
    text: str  # the text it was found in (for the programmer; never shown to the district)


def find_student_identifiers(
    texts: Iterable[str],
    student_numbers: Iterable[str],
    student_names: Iterable[str],
    *,
    allowed_names: Iterable[str] = (),
) -> list[Leak]:
    """Any 学号 (of at least :data:`MIN_NUMBER_LENGTH_TO_SEARCH` characters) or student name (of at
    least two characters, unless it is also in ``allowed_names``, e.g. a teacher's) found in
    ``texts``. Works on the distinct runs of letters and digits and of Chinese characters, so a
    3,000-student school is checked in milliseconds."""
    numbers = {n.strip() for n in student_numbers if len(n.strip()) >= MIN_NUMBER_LENGTH_TO_SEARCH}
    names = {n.strip() for n in student_names if len(n.strip()) >= 2} - set(allowed_names)
    texts = [t for t in texts if t]
    leaks: list[Leak] = []
    leaks += _find(texts, numbers, _ALNUM_RUN, "学号")
    leaks += _find(texts, names, _CJK_RUN, "姓名")
    return leaks


def _find(texts: list[str], needles: set[str], runs: re.Pattern[str], what: str) -> list[Leak]:
    if not needles:
        return []
    plain = {n for n in needles if runs.fullmatch(n)}
    lengths = {len(n) for n in plain}
    # Evidence repeats the same words many times: cut each distinct run once.
    first_seen: dict[str, str] = {}
    for text in texts:
        for run in runs.findall(text):
            first_seen.setdefault(run, text)
    pieces: dict[str, str] = {}
    for run, text in first_seen.items():
        for size in lengths:
            for i in range(len(run) - size + 1):
                pieces.setdefault(run[i : i + size], text)
    leaks = [Leak(what, pieces[n]) for n in plain if n in pieces]
    others = needles - plain
    if others:
        joined = "\n".join(texts)
        leaks += [Leak(what, n) for n in others if n in joined]
    return leaks
