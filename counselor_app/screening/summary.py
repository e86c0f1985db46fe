"""A screening round in numbers, for the school leader: no names, no 学号, and no number small
enough to point at a child.

A round is every screening given with one scale in one school year, each student counted once, by
their latest screening of the round. A student counts as flagged when that screening needs an
interview (``flagged``: a band that calls for one, or a critical item answered), and as having
critical items when any was answered. Students are grouped by the grade and class they were in on
the screening's day (their class of that school year: 学年分班) and by sex. Screenings typed in by
hand as a total (no scale) are not part of any round.

Small numbers. A class of 40 where "1 student is flagged" lets a head teacher guess who, and one
where all but 2 are flagged says nearly as much about each child. So in every breakdown a group's
flagged count is withheld (:data:`HIDDEN`) when it is 1–4, or when only 0–4 of the group's screened
students are not flagged; and when that withholds exactly one group of a breakdown whose total is
printed, the next smallest group is withheld too, so the hidden number cannot be had by
subtraction. Critical items are sensitive above all: they are given for the whole school and by
grade only (never by class or sex), withheld by grade on the same rule. The whole school's numbers
are always given. Plain Python and SQL; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from counselor_app.foundation.vocab import SEX
from counselor_app.screening.scales import Scale
from counselor_app.storage.database import Database
from counselor_app.years.grade_names import GRADE_WORDS
from counselor_app.years.school_years import SchoolYear, load_terms, school_year_days

# Fewer than this many students in a cell could point at a child.
SMALLEST_SHOWN = 5
NO_CLASS_GRADE = 0  # students with no class in the round's year (left before the class lists)


@dataclass(frozen=True)
class Counts:
    screened: int
    flagged: int
    critical: int

    @property
    def flagged_share(self) -> float | None:
        return self.flagged / self.screened if self.screened else None


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: its key (a grade number, a class code, a sex code), a label, the
    counts, and which of them may be printed."""

    key: str
    label: str
    counts: Counts
    flagged_shown: bool = True
    critical_shown: bool = True
    grade: int = 0


@dataclass(frozen=True)
class ScreeningRound:
    scale_id: str
    scale_name: str
    year: SchoolYear
    first_day: dt.date | None  # of the round's screenings; None when there were none
    last_day: dt.date | None
    total: Counts
    by_grade: tuple[Group, ...]
    by_class: tuple[Group, ...]  # critical counts never shown
    by_sex: tuple[Group, ...]  # critical counts never shown

    @property
    def empty(self) -> bool:
        return self.total.screened == 0


@dataclass(frozen=True)
class RoundSummary:
    """This year's round and, for the trend, last year's round of the same scale."""

    this_year: ScreeningRound
    last_year: ScreeningRound


@dataclass(frozen=True)
class _Screened:
    student_id: int
    date: dt.date
    flagged: bool
    critical: bool
    sex: str
    class_code: str | None
    class_name: str | None
    grade: int | None


def round_summary(db: Database, scale: Scale, year: SchoolYear) -> RoundSummary:
    return RoundSummary(screening_round(db, scale, year), screening_round(db, scale, year.previous))


def screening_round(db: Database, scale: Scale, year: SchoolYear) -> ScreeningRound:
    """The round of ``scale`` in ``year``, counted and with small numbers marked for withholding."""
    first, last = school_year_days(year, load_terms(db))
    latest = _latest_per_student(db, scale.id, first, last, year)
    total = _count(latest)
    return ScreeningRound(
        scale_id=scale.id,
        scale_name=scale.name,
        year=year,
        first_day=min((s.date for s in latest), default=None),
        last_day=max((s.date for s in latest), default=None),
        total=total,
        by_grade=_by_grade(latest),
        by_class=_by_class(latest),
        by_sex=_by_sex(latest),
    )


def _latest_per_student(
    db: Database, scale_id: str, first: dt.date, last: dt.date, year: SchoolYear
) -> list[_Screened]:
    rows = db.query(
        "SELECT sc.student_id, sc.date, sc.flagged, sc.critical_items, st.sex,"
        " c.class_code, c.name AS class_name, c.grade"
        " FROM screening sc"
        " JOIN student st ON st.id = sc.student_id"
        " LEFT JOIN enrolment e ON e.student_id = sc.student_id AND e.school_year = :year"
        " LEFT JOIN class c ON c.id = e.class_id"
        " WHERE sc.scale_id = :scale AND sc.date BETWEEN :first AND :last"
        " ORDER BY sc.student_id, sc.date, sc.id",
        {
            "scale": scale_id,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "year": year.start,
        },
    )
    latest: dict[int, _Screened] = {}
    for r in rows:  # in date order, so the last one kept is the student's latest
        latest[int(r["student_id"])] = _Screened(
            int(r["student_id"]),
            dt.date.fromisoformat(r["date"]),
            bool(r["flagged"]),
            bool(json.loads(r["critical_items"] or "[]")),
            r["sex"],
            r["class_code"],
            r["class_name"],
            None if r["grade"] is None else int(r["grade"]),
        )
    return list(latest.values())


def _count(screened: Iterable[_Screened]) -> Counts:
    items = list(screened)
    return Counts(len(items), sum(s.flagged for s in items), sum(s.critical for s in items))


def _grouped(
    screened: Iterable[_Screened], key: Callable[[_Screened], str]
) -> dict[str, list[_Screened]]:
    groups: dict[str, list[_Screened]] = {}
    for s in screened:
        groups.setdefault(key(s), []).append(s)
    return groups


def grade_label(grade: int) -> str:
    return "未分班" if grade == NO_CLASS_GRADE else GRADE_WORDS.get(grade, f"{grade}年级")


def _by_grade(screened: list[_Screened]) -> tuple[Group, ...]:
    groups = _grouped(screened, lambda s: str(s.grade or NO_CLASS_GRADE))
    keys = sorted(groups, key=int)
    counts = [_count(groups[k]) for k in keys]
    flagged_hidden = withheld([(c.screened, c.flagged) for c in counts])
    critical_hidden = withheld([(c.screened, c.critical) for c in counts], complement_rule=False)
    return tuple(
        Group(
            k,
            grade_label(int(k)),
            c,
            flagged_shown=i not in flagged_hidden,
            critical_shown=i not in critical_hidden,
            grade=int(k),
        )
        for i, (k, c) in enumerate(zip(keys, counts, strict=True))
    )


def _by_class(screened: list[_Screened]) -> tuple[Group, ...]:
    grade_groups = {g.key: g for g in _by_grade(screened)}
    groups = _grouped(screened, lambda s: s.class_code or "")
    found: list[Group] = []
    for grade_key, grade in sorted(grade_groups.items(), key=lambda kv: int(kv[0])):
        codes = sorted(
            code for code, members in groups.items() if str(members[0].grade or 0) == grade_key
        )
        counts = [_count(groups[code]) for code in codes]
        hidden = withheld([(c.screened, c.flagged) for c in counts])
        for i, (code, c) in enumerate(zip(codes, counts, strict=True)):
            label = groups[code][0].class_name or "未分班"
            found.append(
                Group(
                    code,
                    f"{label}（{code}）" if code else label,
                    c,
                    # A class of a withheld grade is withheld too: its grade's number is hidden.
                    flagged_shown=i not in hidden and grade.flagged_shown,
                    critical_shown=False,
                    grade=grade.grade,
                )
            )
    return tuple(found)


def _by_sex(screened: list[_Screened]) -> tuple[Group, ...]:
    groups = _grouped(screened, lambda s: s.sex)
    keys = [k for k in ("F", "M") if k in groups] + sorted(set(groups) - {"F", "M"})
    counts = [_count(groups[k]) for k in keys]
    hidden = withheld([(c.screened, c.flagged) for c in counts])
    return tuple(
        Group(k, SEX.label(k, "zh"), c, flagged_shown=i not in hidden, critical_shown=False)
        for i, (k, c) in enumerate(zip(keys, counts, strict=True))
    )


def withheld(cells: Sequence[tuple[int, int]], *, complement_rule: bool = True) -> set[int]:
    """Which of a breakdown's (screened, counted) cells to withhold: a count of 1–4, or (with
    ``complement_rule``) a group where only 0–4 screened students are not counted; and when that
    is exactly one cell of several, the smallest other one as well (preferring one that is not
    zero), so that the breakdown's printed total does not give the hidden one away."""
    hidden = {
        i
        for i, (screened, counted) in enumerate(cells)
        if 0 < counted < SMALLEST_SHOWN
        or (complement_rule and counted > 0 and screened - counted < SMALLEST_SHOWN)
    }
    if len(hidden) == 1 and len(cells) > 1:
        others = [i for i in range(len(cells)) if i not in hidden]
        partner = min(others, key=lambda i: (cells[i][1] == 0, cells[i][1], i))
        hidden.add(partner)
    return hidden
