"""Progress through a running term (按进度 / 落后 / 已达标): what is done so far and what the rest
of the term still needs, for each rule whose requirement grows with the term.

The self-check and every printout judge the whole term, whatever the date; a running term keeps
its statuses. Progress is extra, for the screens and ``selfcheck progress``, so the counsellor
knows what to do next week: it never changes a status and is never printed in the district report.
It is computed apart from the self-check, by :func:`term_progress` from a finished
:class:`~counselor_app.selfcheck.engine.SelfCheckReport` (its term, checklist and statuses), so the
engine and the metrics stay as they are. The per-metric measures live in ``progress_measures``,
registered by metric name with :func:`progress_of`.

Definitions:

- Progress exists only while the term runs: its first day ≤ today ≤ its last day. Before the term
  and after it there is none: the whole-term result says it all.
- Teaching weeks are the calendar's (``calendar.py``): the Monday-to-Sunday weeks that overlap the
  term, N in all. Today lies in week k (1 … N). The weeks elapsed are k (this week has begun) and
  the weeks left are N − k: 剩余 12 个教学周 in week 8 of 20; in the last week, 本周是最后一个教学周.
- Done so far counts the records dated from the term's first day up to today; a record dated later
  is not done yet (the whole-term result counts it all the same).
- The whole-term need is the rule's threshold: ceil(N × periods a week) periods per class; the
  minimum number of activities in the term; per teacher, the weekly minimum × N; the share of the
  students to screen, rounded up to whole students.
- Due by today: ⌊need × k ÷ N⌋, the need spread evenly over the teaching weeks and rounded down.
  In week 1 a rule needing less than one a week asks for nothing yet; in the last week (k = N)
  the whole need is due.
- State: 已达标 (met) when done ≥ the whole-term need; else 按进度 (on track) when done ≥ due by
  today; else 落后 (behind). On the term's last day nothing is merely on track: met or behind.
- A rule judged per class or per teacher has a state per unit: it is behind when any unit is,
  met when every unit is, else on track; its words say how many units are behind and name the one
  furthest behind (the least share of its need done): 3 个班落后，最少的 0701 还需 4 课时，剩余 6
  个教学周.
- A rule judged week by week (room hours) or period by period (a meeting every quarter, the
  month's activity) cannot make up a past week or period: its units are the weeks or periods.
  Weeks count whole, up to and including this one (a week's opening hours are its timetable,
  known in advance), each up to its own requirement (extra hours one week make up no other).
  A period is due once it has ended; one that ended short makes the rule behind for good.
- No progress, said plainly: a requirement that is not a count growing through the term
  (documents, staffing, the room's area, shares of records such as follow-ups), a yearly
  requirement (judged over the school year), and a rule with no whole-term pass or fail (无记录,
  需人工确认, …).

Nothing here imports Qt or writes to the database.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from counselor_app.foundation.i18n import Bilingual, in_language, msg
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, TermInfo
from counselor_app.selfcheck.engine import SelfCheckReport, run_self_check
from counselor_app.selfcheck.profiles import RuleDefinition
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, RuleResult
from counselor_app.selfcheck.words import words

ON_TRACK, BEHIND, MET = "on_track", "behind", "met"
NONE = "none"  # the rule has no progress; RuleProgress.why says why
PROGRESS_STATES = (BEHIND, ON_TRACK, MET)
PROGRESS_LABELS = {
    BEHIND: ("落后", "Behind"),
    ON_TRACK: ("按进度", "On track"),
    MET: ("已达标", "Met"),
    NONE: ("不计进度", "No progress"),
}

PROGRESS_NOTE = msg(
    "“进度”按截至今天（{today}，第 {week} 周，共 {weeks} 个教学周）的记录计算，供安排后续工作；"
    "自查结论和上报材料仍按整个学期评定。",
    "Progress counts the records up to today ({today}, week {week} of {weeks} teaching weeks), "
    "to plan the weeks ahead; the conclusions and the district report still judge the whole term.",
)
STILL_NEEDED = msg(
    "还需 {amount} {unit}，剩余 {weeks} 个教学周",
    "{amount} more {unit} needed, {weeks} teaching weeks left",
    en_one="{amount} more {unit} needed, 1 teaching week left",
    counted="weeks",
)
STILL_NEEDED_LAST_WEEK = msg(
    "还需 {amount} {unit}，本周是最后一个教学周",
    "{amount} more {unit} needed; this is the last teaching week",
)
BEHIND_BY = msg(
    "{rest}（按进度此时应有 {due} {unit}）", "{rest} (on track would be {due} {unit} by now)"
)
DONE_OF_NEEDED = msg(
    "已完成 {done} {unit}，达到全学期要求 {needed} {unit}",
    "{done} {unit} done, the whole term's {needed} reached",
)
UNITS_BEHIND = msg(
    "{count} {kind}落后，最少的 {named}", "{count} {kind} behind; furthest behind, {named}"
)
ONE_UNIT_BEHIND = msg("1 {kind}落后：{named}", "1 {kind} behind, {named}")
NONE_BEHIND = msg("{kind}均按进度，最少的 {named}", "No {kind} behind; least done, {named}")
ALL_MET = msg("{count} {kind}均已达标", "All {count} {kind} met")
MET_WORDS = Bilingual("已达标", "met")

NOT_A_GROWING_COUNT = msg(
    "此项看的是现状，不是随学期累积的次数，没有进度；以自查结论为准。",
    "This item is a state of things, not a count that grows through the term: no progress; "
    "see the conclusion.",
)
YEARLY = msg(
    "此项按整个学年评定，没有学期进度；本学年目前的情况见自查情况。",
    "Judged over the whole school year, so there is no progress through the term; see the "
    "findings for the year so far.",
)
BY_HAND = msg("人工确认项，没有进度。", "Confirmed by hand: no progress.")
NO_RECORDS = msg("没有可据以计算进度的记录。", "No records to count progress from.")
NOT_JUDGED = msg(
    "本学期不按记录判定此项，没有进度。",
    "Not judged from the records this term: no progress.",
)
# The same, in a few words for a table cell.
NOT_A_GROWING_COUNT_SHORT = msg("看现状，不是累计次数", "a state, not a count")
YEARLY_SHORT = msg("按学年评定", "judged over the year")
BY_HAND_SHORT = msg("人工确认项", "confirmed by hand")
NO_RECORDS_SHORT = msg("无记录", "no records")
NOT_JUDGED_SHORT = msg("本学期不评定", "not judged this term")


@dataclass(frozen=True)
class Unit:
    """What a rule counts in: 课时 / "period(s)". Hours are shown to one decimal."""

    zh: str
    en_one: str
    en_many: str
    places: int = 0

    def words(self, amount: Fraction) -> Bilingual:
        return Bilingual(self.zh, self.en_one if amount == 1 else self.en_many)

    def shown(self, amount: Fraction, *, up: bool = False) -> str:
        """An amount as a person reads it: rounded down (done) or up (what is still needed), so
        that a shortfall never reads as enough ("7.9 of 8.0", never "8.0 of 8.0")."""
        scale = 10**self.places
        rounded = math.ceil(amount * scale) if up else math.floor(amount * scale)
        return f"{rounded / scale:.{self.places}f}" if self.places else str(rounded)


@dataclass(frozen=True)
class UnitKind:
    """What a rule's units are, for its words: 3 个班 / "3 classes", 各班 / "no classes"."""

    counted_zh: str  # after a number: 个班
    each_zh: str  # all of them: 各班
    en_one: str
    en_many: str

    def counted(self, count: int) -> Bilingual:
        return Bilingual(self.counted_zh, self.en_one if count == 1 else self.en_many)

    def each(self) -> Bilingual:
        return Bilingual(self.each_zh, self.en_many)


CLASSES = UnitKind("个班", "各班", "class", "classes")
TEACHERS = UnitKind("名教师", "各位教师", "teacher", "teachers")

PERIODS = Unit("课时", "period", "periods")
ACTIVITIES = Unit("次", "activity", "activities")
HOURS = Unit("小时", "hour", "hours", places=1)
MINUTES = Unit("分钟", "minute", "minutes")
STUDENTS = Unit("名学生", "student", "students")


@dataclass(frozen=True)
class Span:
    """Where today lies in the term: teaching week ``week`` of ``weeks``."""

    first_day: dt.date
    today: dt.date
    week: int
    weeks: int

    @property
    def weeks_left(self) -> int:
        return self.weeks - self.week

    def due(self, needed: Fraction) -> Fraction:
        """⌊need × k ÷ N⌋, what must be done by today to be on track; all of it in the last week."""
        if self.week >= self.weeks:
            return needed
        return Fraction(math.floor(needed * self.week / self.weeks))


@dataclass(frozen=True)
class UnitProgress:
    """One class, teacher, week or period of a rule, or the whole school (``kind`` school)."""

    kind: str  # as Evidence.kind: class, staff, week, month, quarter, school
    key: str
    label: str  # how the words name it: 0701, T01（王老师）, 第 5 周, 2025年第4季度
    done: Fraction
    due: Fraction
    needed: Fraction
    state: str

    @property
    def remaining(self) -> Fraction:
        return max(self.needed - self.done, Fraction(0))

    @property
    def share_done(self) -> Fraction:
        return self.done / self.needed if self.needed else Fraction(1)


@dataclass(frozen=True)
class Progress:
    """A rule's progress: its state, the amounts of the unit its words name (the one furthest
    behind; for week and period rules the sums over the term), and the words themselves."""

    state: str
    done: Fraction
    due: Fraction
    needed_total: Fraction
    weeks_left: int
    unit: Unit
    words: Bilingual  # 还需 7 课时，剩余 12 个教学周 …
    units: tuple[UnitProgress, ...] = ()

    @property
    def remaining(self) -> Fraction:
        return max(self.needed_total - self.done, Fraction(0))

    @property
    def units_behind(self) -> int:
        return sum(1 for u in self.units if u.state == BEHIND)

    @property
    def share_done(self) -> Fraction:
        return self.done / self.needed_total if self.needed_total else Fraction(1)


@dataclass(frozen=True)
class NoProgress:
    """A rule without progress, and why: in a sentence, and in a few words for a table cell."""

    why: Bilingual
    short: Bilingual


@dataclass(frozen=True)
class RuleProgress:
    rule_id: str
    progress: Progress | None
    why: Bilingual | str = ""  # when there is no progress
    why_short: Bilingual | str = ""  # the same in a few words

    @property
    def state(self) -> str:
        return self.progress.state if self.progress else NONE


@dataclass(frozen=True)
class TermProgress:
    term: TermInfo
    today: dt.date
    week: int
    weeks: int
    rules: tuple[RuleProgress, ...]  # in the checklist's order
    note: Bilingual  # progress counts up to today; the report still judges the whole term

    def of(self, rule_id: str) -> RuleProgress:
        for rule in self.rules:
            if rule.rule_id == rule_id:
                return rule
        raise KeyError(rule_id)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((*PROGRESS_STATES, NONE), 0)
        for rule in self.rules:
            counts[rule.state] += 1
        return counts

    def behind(self) -> list[RuleProgress]:
        """Rules behind, the furthest behind first (least share of the need done), then in the
        checklist's order: what to do next."""
        order = {rule.rule_id: n for n, rule in enumerate(self.rules)}
        return sorted(
            (rule for rule in self.rules if rule.progress and rule.state == BEHIND),
            key=lambda r: (r.progress.share_done if r.progress else 0, order[r.rule_id]),
        )


# -- registry ------------------------------------------------------------------------------------

Measure = Callable[[TermContext, Mapping[str, Any], Span], Progress | NoProgress]
_MEASURES: dict[str, Measure] = {}
# Metrics that judge a whole school year (given the rule's params): no progress through a term.


def progress_of(*metric_names: str) -> Callable[[Measure], Measure]:
    """Register the progress measure of one or more metrics (by the name profiles use)."""

    def register(function: Measure) -> Measure:
        for name in metric_names:
            if name in _MEASURES:
                raise RuntimeError(f"progress of {name!r} registered twice")
            _MEASURES[name] = function
        return function

    return register


def progress_measures() -> dict[str, Measure]:
    """Every registered progress measure by metric name."""
    _register()
    return dict(_MEASURES)


def is_yearly(rule: RuleDefinition) -> bool:
    """A yearly demand (每学年…), as the profile's loading decided from the rule's metric: it has
    no progress through a term, its progress is the year's."""
    return rule.yearly


def _register() -> None:
    from counselor_app.selfcheck import progress_measures as _  # noqa: F401 (registers them)


# -- the term ------------------------------------------------------------------------------------


def span_of(context: TermContext) -> Span | None:
    """Today's place in the term, or None when the term is not running today."""
    today = context.today
    if not context.calendar.contains(today):
        return None
    week = context.calendar.week_of(today)
    assert week is not None  # every day of the term lies in one of its weeks
    return Span(context.term.first_day, today, week.number, context.calendar.teaching_weeks)


def rule_progress(
    context: TermContext, span: Span, rule: RuleDefinition, result: RuleResult
) -> RuleProgress:
    """One rule's progress, or why it has none."""
    measure = progress_measures().get(rule.metric)
    if rule.metric == "manual":
        reason = NoProgress(words(BY_HAND), words(BY_HAND_SHORT))
    elif is_yearly(rule):
        reason = NoProgress(words(YEARLY), words(YEARLY_SHORT))
    elif measure is None:
        reason = NoProgress(words(NOT_A_GROWING_COUNT), words(NOT_A_GROWING_COUNT_SHORT))
    elif result.status == NO_DATA:
        reason = NoProgress(words(NO_RECORDS), words(NO_RECORDS_SHORT))
    elif result.status not in (PASS, FAIL):
        reason = NoProgress(words(NOT_JUDGED), words(NOT_JUDGED_SHORT))
    else:
        measured = measure(context, rule.params, span)
        if isinstance(measured, Progress):
            return RuleProgress(rule.id, measured)
        reason = measured
    return RuleProgress(rule.id, None, reason.why, reason.short)


def term_progress(
    school: School, report: SelfCheckReport, today: dt.date | None = None
) -> TermProgress | None:
    """Progress of every rule of a self-check ``report`` as of ``today``
    (the school's clock by default); None when its term is not running that day.

    The report's statuses are left as they are: progress is read beside them.
    """
    context = TermContext(school.db, report.term, today or school.today())
    span = span_of(context)
    if span is None:
        return None
    results = {result.rule_id: result for result in report.results}
    rules = tuple(
        rule_progress(context, span, rule, results[rule.id])
        for rule in report.profile.rules
        if rule.id in results
    )
    note = words(PROGRESS_NOTE(today=span.today.isoformat(), week=span.week, weeks=span.weeks))
    return TermProgress(report.term, span.today, span.week, span.weeks, rules, note)


def run_self_check_with_progress(
    school: School, term_name: str, profile_id: str, **options: Any
) -> tuple[SelfCheckReport, TermProgress | None]:
    """The self-check of a term (``engine.run_self_check``, same options) and its progress as of
    today, for the screens: one call on the database worker."""
    report = run_self_check(school, term_name, profile_id, **options)
    return report, term_progress(school, report)


# -- building a rule's progress from its units ---------------------------------------------------


def no_records() -> NoProgress:
    """Nothing to count progress over (no class in scope, no teacher): the metric finds no data
    either, so this is rarely reached."""
    return NoProgress(words(NO_RECORDS), words(NO_RECORDS_SHORT))


def state_of(done: Fraction, due: Fraction, needed: Fraction) -> str:
    if done >= needed:
        return MET
    return ON_TRACK if done >= due else BEHIND


def combined_state(units: Sequence[UnitProgress]) -> str:
    """Behind when any unit is, met when every unit is, else on track."""
    states = {unit.state for unit in units}
    if BEHIND in states:
        return BEHIND
    return MET if states <= {MET} else ON_TRACK


def named_unit(who: str, rest: Bilingual) -> Bilingual:
    """A unit and what it still needs: 0701 还需 7 课时 / "0701: 7 more periods needed"."""
    who_zh, who_en = in_language(who, "zh"), in_language(who, "en")
    space = "" if who_zh.endswith("）") else " "
    return Bilingual(f"{who_zh}{space}{rest.zh}", f"{who_en}: {rest.en}")


def still_needed(remaining: Fraction, unit: Unit, span: Span) -> Bilingual:
    """还需 7 课时，剩余 12 个教学周 (or 本周是最后一个教学周)."""
    amount = unit.shown(remaining, up=True)
    if span.weeks_left == 0:
        return words(STILL_NEEDED_LAST_WEEK(amount=amount, unit=unit.words(remaining)))
    return words(STILL_NEEDED(amount=amount, unit=unit.words(remaining), weeks=span.weeks_left))


def school_progress(done: Fraction, needed: Fraction, unit: Unit, span: Span) -> Progress:
    """A rule the whole school meets or not (≥ 2 activities in the term)."""
    due = span.due(needed)
    state = state_of(done, due, needed)
    if state == MET:
        text = words(
            DONE_OF_NEEDED(done=unit.shown(done), unit=unit.words(done), needed=unit.shown(needed))
        )
    else:
        text = still_needed(needed - done, unit, span)
        if state == BEHIND:
            text = words(BEHIND_BY(rest=text, due=unit.shown(due, up=True), unit=unit.words(due)))
    unit_row = UnitProgress("school", "", "", done, due, needed, state)
    return Progress(state, done, due, needed, span.weeks_left, unit, text, (unit_row,))


def unit_of(
    kind: str, key: str, label: str, done: Fraction, needed: Fraction, span: Span
) -> UnitProgress:
    """A class's or a teacher's progress against a need spread over the term."""
    due = span.due(needed)
    return UnitProgress(kind, key, label, done, due, needed, state_of(done, due, needed))


def furthest_behind(units: Sequence[UnitProgress]) -> UnitProgress:
    """The least share of its need done; the first in order among equals."""
    return min(units, key=lambda u: u.share_done)


def units_progress(
    units: Sequence[UnitProgress], kind: UnitKind, unit: Unit, span: Span
) -> Progress:
    """A rule judged per class or per teacher: 3 个班落后，最少的 0701 还需 7 课时，剩余 12 个教学周."""
    state = combined_state(units)
    behind = [u for u in units if u.state == BEHIND]
    if state == MET:
        named = furthest_behind(units)
        if len(units) == 1:
            text = named_unit(named.label, MET_WORDS)
        else:
            text = words(ALL_MET(count=len(units), kind=kind.counted(len(units))))
    elif behind:
        named = furthest_behind(behind)
        rest = still_needed(named.remaining, unit, span)
        if len(behind) == 1:
            text = words(ONE_UNIT_BEHIND(kind=kind.counted(1), named=named_unit(named.label, rest)))
        else:
            count = len(behind)
            text = words(
                UNITS_BEHIND(
                    count=count, kind=kind.counted(count), named=named_unit(named.label, rest)
                )
            )
    else:
        named = furthest_behind([u for u in units if u.state != MET])
        rest = still_needed(named.remaining, unit, span)
        text = words(NONE_BEHIND(kind=kind.each(), named=named_unit(named.label, rest)))
    return Progress(
        state, named.done, named.due, named.needed, span.weeks_left, unit, text, tuple(units)
    )


__all__ = [
    "BEHIND",
    "MET",
    "NONE",
    "ON_TRACK",
    "PROGRESS_LABELS",
    "PROGRESS_STATES",
    "NoProgress",
    "Progress",
    "RuleProgress",
    "Span",
    "TermProgress",
    "Unit",
    "UnitKind",
    "UnitProgress",
    "is_yearly",
    "progress_of",
    "rule_progress",
    "run_self_check_with_progress",
    "span_of",
    "term_progress",
]
