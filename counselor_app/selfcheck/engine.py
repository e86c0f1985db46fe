"""Running a profile for a term: every rule measured, manual rules joined with their confirmations.

Yearly demands (每学年…: a rule whose metric measures the school year, ``RuleDefinition.yearly``)
are judged here, alike in every profile: met so far is a pass; not yet met in a term that is not
the school year's last is ``year_end`` (学年末评定: not a failure, not on the list of what to fix);
in the year's last term the result stands, pass or fail, for the whole year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from counselor_app.foundation.change import Changes
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Bilingual, bilingual, in_language, joined, msg
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, TermInfo, find_term
from counselor_app.selfcheck.metrics import Metric, all_metrics
from counselor_app.selfcheck.profiles import Profile, RuleDefinition, find_profile
from counselor_app.selfcheck.result import (
    CONFIRMED,
    FAIL,
    MANUAL,
    STATUSES,
    YEAR_END,
    Confirmation,
    Measurement,
    RuleResult,
)
from counselor_app.selfcheck.words import words

# What a confirmation changes: no record of the catalogue, so no list has it by id.
CONFIRMATION = "selfcheck_confirmation"

UNKNOWN_TERM = msg(
    "没有名为“{term}”的学期。已有学期：{known}",
    "There is no term named '{term}'. Terms: {known}",
)
NOT_MANUAL = msg(
    "{rule} 不是需要人工确认的项目，它由记录自动判定。",
    "{rule} is not a manual item; it is judged from the records.",
)
TERM_NOT_OVER = msg(
    "本学期尚未结束（截至 {today}，学期到 {last_day} 结束）。各项按整个学期的要求评估，"
    "部分未达标项可能在学期结束前完成。",
    "The term is not over yet (as of {today}; it ends on {last_day}). Every rule is judged "
    "against the whole term, so some shortfalls may still be made up before it ends.",
)
TODAYS_ROSTERS = msg(
    "{year}没有登记班级，本学期按当前的班级名单评估（每名学生算在现在所在的班级）。"
    "如需按当年的班级评估，请在“学年分班”中补录该学年的班级和学生。",
    "No classes are recorded for {year}, so this term was judged on today's class lists (each "
    "student in the class they are in now). To judge it on that year's classes, record them "
    "and their students under 学年分班.",
)
HOLIDAY_DATA_MISSING = msg(
    "程序内置的法定节假日数据不含 {years} 年，这些年份只按固定日期（元旦、劳动节、国庆）扣除假日；"
    "春节等其他假日请在“停开日期”中登记，或升级程序。",
    "The built-in public-holiday data does not cover {years}; only fixed-date holidays were "
    "deducted. Record other holidays as closure days, or update the program.",
)


NOT_MET_YET = msg(
    "此项为学年要求，本学年至今尚未达到；在本学年最后一个学期评定是否达标，本学期不计为未达标。",
    "A yearly demand not met so far this school year: it is judged in the year's last term, and "
    "is not counted as not met in this term.",
)
JUDGED_FOR_THE_YEAR = msg(
    "本学期为本学年最后一个学期，此项按全学年（{first} 至 {last}）评定。",
    "This is the school year's last term: the item is judged for the whole year ({first} to "
    "{last}).",
)


@dataclass(frozen=True)
class SelfCheckReport:
    school_name: str
    school_uid: str
    term: TermInfo
    profile: Profile
    generated_at: str
    results: tuple[RuleResult, ...]
    # What a reader must know about the whole run (the term is not over …): Chinese text that keeps
    # its English (``i18n.Bilingual``), so the printout is Chinese whatever the screen shows.
    notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """How many rules ended in each status; a manual rule the school has ticked counts as
        ``confirmed``, not ``manual`` (which is what still waits for a tick). The counts add up to
        the number of rules."""
        counts = dict.fromkeys((*STATUSES, CONFIRMED), 0)
        for result in self.results:
            counts[result.counted_as] += 1
        return counts

    def result(self, rule_id: str) -> RuleResult:
        for result in self.results:
            if result.rule_id == rule_id:
                return result
        raise KeyError(rule_id)


def resolve_term(school: School, term_name: str) -> TermInfo:
    term = find_term(school.db, term_name)
    if term is None:
        names = [r[0] for r in school.db.query("SELECT name FROM term ORDER BY first_day")]
        raise InvalidInput(UNKNOWN_TERM(term=term_name, known=joined(names) if names else "—"))
    return term


def run_self_check(
    school: School,
    term_name: str,
    profile_id: str,
    *,
    profile_dirs: tuple[Path, ...] = (),
    audit: bool = True,
) -> SelfCheckReport:
    """Measure every rule of the profile for the term.

    A self-check the counsellor runs is recorded in the audit trail. ``audit=False`` is for a
    glance that is recomputed whenever a screen is shown (the dashboard's counts): it reads the
    same records and yields the same results, but an entry per refresh would bury the real ones.
    """
    profile = find_profile(profile_id, profile_dirs)
    term = resolve_term(school, term_name)
    context = TermContext(school.db, term, school.today())
    metrics = all_metrics()
    confirmations = _confirmations(school, term.id)
    results = []
    for rule in profile.rules:
        measured = measure_rule(context, rule, metrics)
        confirmation = confirmations.get(rule.id) if measured.status == MANUAL else None
        results.append(
            RuleResult(
                rule_id=rule.id,
                status=measured.status,
                value=measured.value,
                threshold=measured.threshold,
                evidence=tuple(measured.evidence),
                note=measured.note,
                confirmation=confirmation,
            )
        )
    notes = []
    if school.today() < term.last_day:
        notes.append(
            bilingual(
                TERM_NOT_OVER(today=school.today().isoformat(), last_day=term.last_day.isoformat())
            )
        )
    if context.rosters_of_today and context.classes:
        notes.append(bilingual(TODAYS_ROSTERS(year=context.year.name)))
    if context.calendar.missing_holiday_years:
        years = joined(str(y) for y in sorted(context.calendar.missing_holiday_years))
        notes.append(bilingual(HOLIDAY_DATA_MISSING(years=years)))
    if audit:
        school.log("self_check", "term", term.id, profile=profile.id)
    return SelfCheckReport(
        school_name=school.name,
        school_uid=school.uid,
        term=term,
        profile=profile,
        generated_at=school.now().isoformat(timespec="seconds"),
        results=tuple(results),
        notes=tuple(notes),
    )


def measure_rule(
    context: TermContext, rule: RuleDefinition, metrics: Mapping[str, Metric] | None = None
) -> Measurement:
    """One rule of a profile measured for the context's term, a yearly demand judged as one."""
    measured = (metrics or all_metrics())[rule.metric](context, rule.params)
    if not rule.yearly or measured.status != FAIL:
        return measured
    if context.is_last_term_of_year:
        first, last = context.school_year
        extra = words(JUDGED_FOR_THE_YEAR(first=first, last=last))
        return replace(measured, note=_then(measured.note, extra))
    return replace(measured, status=YEAR_END, note=_then(measured.note, words(NOT_MET_YET)))


def _then(note: str, sentence: Bilingual) -> Bilingual:
    """A metric's note followed by a sentence of the engine's, in both languages."""
    if not note:
        return sentence
    zh, en = in_language(note, "zh"), in_language(note, "en")
    return Bilingual(
        zh + ("" if zh.endswith("。") else "。") + sentence.zh,
        en + ("" if en.endswith(".") else ".") + " " + sentence.en,
    )


def _confirmations(school: School, term_id: int) -> dict[str, Confirmation]:
    return {
        r["rule_id"]: {
            "confirmed": bool(r["confirmed"]),
            "note": r["note"],
            "by": r["confirmed_by"],
            "at": r["confirmed_at"],
        }
        for r in school.db.query(
            "SELECT rule_id, confirmed, note, confirmed_by, confirmed_at"
            " FROM selfcheck_confirmation WHERE term_id = ?",
            (term_id,),
        )
    }


def confirm_manual_rule(
    school: School, term_name: str, profile_id: str, rule_id: str, *, confirmed: bool, note: str
) -> Changes:
    """Tick (or untick) a manual rule for a term, with the counsellor's note."""
    profile = find_profile(profile_id)
    rule = profile.rule(rule_id)
    if rule.metric != "manual":
        raise InvalidInput(NOT_MANUAL(rule=rule_id))
    term = resolve_term(school, term_name)
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO selfcheck_confirmation (term_id, rule_id, confirmed, note, confirmed_by,"
            " confirmed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (term_id, rule_id) DO UPDATE SET"
            " confirmed = excluded.confirmed, note = excluded.note,"
            " confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
            (
                term.id,
                rule_id,
                int(confirmed),
                note.strip(),
                school.user.name,
                school.now().isoformat(timespec="seconds"),
            ),
        )
        school.log("confirm_rule", "term", term.id, rule=rule_id, confirmed=confirmed)
    return Changes.of_types(CONFIRMATION)
