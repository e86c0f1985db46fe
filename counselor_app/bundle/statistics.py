"""The aggregate figures of a term that a bundle carries (``statistics.json``), and the case lists.

Counts only, never names: sessions by type, source, topic and week; students by risk level at the
term's end; room hours per week; monitor coverage of classes; screening coverage; activities by
type. The pseudonymous case list (``key_cases``) lets the district follow a key student (重点关爱
学生) from term to term without knowing who it is. Named case summaries are a separate part
(:func:`named_cases`), added only when the counsellor asks for them.

Definitions are the self-check's own (:mod:`counselor_app.selfcheck.context`); the figures the
self-check PDF draws come from :func:`counselor_app.reports.term_statistics.term_statistics`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from counselor_app.bundle.pseudonyms import Pseudonyms
from counselor_app.reports.term_statistics import TermStatistics, term_statistics
from counselor_app.selfcheck.context import StudentFact, TermContext
from counselor_app.selfcheck.metrics.monitors import active_monitors

STATISTICS_VERSION = 1


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def bundle_statistics(
    context: TermContext, names: Pseudonyms, figures: TermStatistics | None = None
) -> dict[str, Any]:
    """``figures``: the term's statistics if already computed (for the PDF's charts)."""
    db, first, last = context.db, context.first, context.last
    base = (figures or term_statistics(db, context.term)).to_json()
    by_type = {
        kind: {"sessions": n, "minutes": minutes or 0}
        for kind, n, minutes in db.query(
            "SELECT kind, count(*), sum(minutes) FROM counselling_session"
            " WHERE date BETWEEN ? AND ? GROUP BY kind ORDER BY kind",
            (first, last),
        )
    }
    by_source = {
        source or "": n
        for source, n in db.query(
            "SELECT source, count(*) FROM counselling_session WHERE date BETWEEN ? AND ?"
            " GROUP BY source ORDER BY source",
            (first, last),
        )
    }
    students_seen = db.scalar(
        "SELECT count(DISTINCT ss.student_id) FROM session_student ss"
        " JOIN counselling_session cs ON cs.id = ss.session_id WHERE cs.date BETWEEN ? AND ?",
        (first, last),
    )
    levels = base["students_by_risk_level"]
    return {
        "statistics_version": STATISTICS_VERSION,
        "term": {
            "name": base["term"],
            "first_day": base["first_day"],
            "last_day": base["last_day"],
        },
        "teaching_weeks": len(context.calendar.weeks),
        "students": len(context.enrolled),
        "classes": len(context.classes),
        "sessions": {
            "total": sum(t["sessions"] for t in by_type.values()),
            "students_seen": students_seen or 0,
            "by_type": by_type,
            "by_source": by_source,
            "by_topic": base["sessions_by_topic"],
            "by_week": base["sessions_by_week"],
        },
        "risk_levels_at_term_end": {**levels, "none": base["students_without_level"]},
        "key_students": len(context.key_students),
        "room_hours_by_week": base["room_hours_by_week"],
        "monitor_coverage": _monitor_coverage(context),
        "screening_coverage": _screening_coverage(context),
        "activities_by_type": base["activities_by_type"],
        "key_cases": key_cases(context, names),
    }


def _monitor_coverage(context: TermContext) -> dict[str, Any]:
    monitors = active_monitors(context)
    with_one = with_two = both_sexes = 0
    for school_class in context.classes:
        found = monitors.get(school_class.id, [])
        with_one += bool(found)
        with_two += len(found) >= 2
        sexes = {s.sex for s in found}
        both_sexes += sexes >= {"M", "F"}
    classes = len(context.classes)
    return {
        "classes": classes,
        "classes_with_monitor": with_one,
        "classes_with_two_or_more": with_two,
        "classes_with_boy_and_girl": both_sexes,
        "monitors": sum(len(v) for v in monitors.values()),
        "share_of_classes_with_monitor": _share(with_one, classes),
    }


def _screened(context: TermContext, first: str, last: str) -> set[int]:
    return {
        r[0]
        for r in context.db.query(
            "SELECT DISTINCT student_id FROM screening WHERE date BETWEEN ? AND ?", (first, last)
        )
    }


def _screening_coverage(context: TermContext) -> dict[str, Any]:
    enrolled = {s.id for s in context.enrolled}
    in_term = _screened(context, context.first, context.last) & enrolled
    in_year = _screened(context, *context.school_year) & enrolled
    results = Counter(
        {
            str(level): n
            for level, n in context.db.query(
                "SELECT result_level, count(*) FROM screening WHERE date BETWEEN ? AND ?"
                " GROUP BY result_level",
                (context.first, context.last),
            )
        }
    )
    flagged = {
        r[0]
        for r in context.db.query(
            "SELECT DISTINCT student_id FROM screening WHERE date BETWEEN ? AND ?"
            " AND result_level >= 2",
            (context.first, context.last),
        )
    } & enrolled
    return {
        "students": len(enrolled),
        "screened_in_term": len(in_term),
        "screened_in_school_year": len(in_year),
        "share_in_term": _share(len(in_term), len(enrolled)),
        "share_in_school_year": _share(len(in_year), len(enrolled)),
        "screenings_in_term_by_result_level": {str(k): results.get(str(k), 0) for k in range(4)},
        "students_flagged_level_2_or_more": len(flagged),
    }


# -- cases -----------------------------------------------------------------------------------
def _highest_in_term(context: TermContext, student: StudentFact) -> int:
    at_start = context.risk_level_on(student.id, context.term.first_day) or 0
    during = [
        level
        for date, level in context.risk_history.get(student.id, [])
        if context.first <= date <= context.last
    ]
    return max([at_start, *during])


def _latest_plans(context: TermContext) -> dict[int, Any]:
    plans: dict[int, Any] = {}
    for row in context.db.query(
        "SELECT * FROM crisis_plan WHERE created_on <= ? ORDER BY created_on, id", (context.last,)
    ):
        plans[row["student_id"]] = row
    return plans


def _latest_referrals(context: TermContext) -> dict[int, Any]:
    referrals: dict[int, Any] = {}
    for row in context.db.query(
        "SELECT * FROM referral WHERE date <= ? ORDER BY date, id", (context.last,)
    ):
        referrals[row["student_id"]] = row
    return referrals


def _plan_state(plan: Any, last: str) -> str:
    if plan is None:
        return "none"
    return "open" if plan["closed_on"] is None or plan["closed_on"] > last else "closed"


def key_cases(context: TermContext, names: Pseudonyms) -> list[dict[str, Any]]:
    """Each key student of the term by pseudonym: levels, crisis plan and referral state."""
    plans, referrals = _latest_plans(context), _latest_referrals(context)
    cases = []
    for student in context.key_students:
        plan, referral = plans.get(student.id), referrals.get(student.id)
        cases.append(
            {
                "pseudonym": names.of(student.student_no),
                "level_at_term_end": context.risk_level_on(student.id, context.term.last_day),
                "highest_level_in_term": _highest_in_term(context, student),
                "crisis_plan": _plan_state(plan, context.last),
                "guardian_informed": bool(plan is not None and plan["guardian_informed_on"]),
                "referral": referral["state"] if referral is not None else None,
            }
        )
    # By pseudonym, never by 学号: the order must not hint at the numbers either.
    return sorted(cases, key=lambda c: str(c["pseudonym"]))


def named_cases(
    context: TermContext, names: Pseudonyms, open_text: Callable[[str, str | None], str | None]
) -> list[dict[str, Any]]:
    """The key students with name, 学号 and class, for a bundle the counsellor chose to name them
    in. Dates, states and where a student was referred: no session notes, safety plans or other
    free text. ``open_text(place, value)`` opens the sealed referral columns."""
    plans, referrals = _latest_plans(context), _latest_referrals(context)
    sessions = {
        r[0]: (r[1], r[2])
        for r in context.db.query(
            "SELECT ss.student_id, count(*), max(cs.date) FROM session_student ss"
            " JOIN counselling_session cs ON cs.id = ss.session_id"
            " WHERE cs.date BETWEEN ? AND ? GROUP BY ss.student_id",
            (context.first, context.last),
        )
    }
    class_names = {c.id: c.name for c in context.classes}
    cases = []
    for student in context.key_students:
        plan, referral = plans.get(student.id), referrals.get(student.id)
        count, last_session = sessions.get(student.id, (0, None))
        cases.append(
            {
                "pseudonym": names.of(student.student_no),
                "student_no": student.student_no,
                "name": student.name,
                "class_code": student.class_code,
                "class_name": class_names.get(student.class_id, ""),
                "level_at_term_end": context.risk_level_on(student.id, context.term.last_day),
                "highest_level_in_term": _highest_in_term(context, student),
                "sessions_in_term": count,
                "last_session": last_session,
                "crisis_plan": None
                if plan is None
                else {
                    "created_on": plan["created_on"],
                    "level": plan["level"],
                    "referral_to": open_text("crisis_plan.referral_to", plan["referral_to"]),
                    "referral_on": plan["referral_on"],
                    "guardian_informed_on": plan["guardian_informed_on"],
                    "next_review_on": plan["next_review_on"],
                    "closed_on": plan["closed_on"],
                },
                "referral": None
                if referral is None
                else {
                    "to_whom": open_text("referral.to_whom", referral["to_whom"]),
                    "date": referral["date"],
                    "state": referral["state"],
                },
            }
        )
    return sorted(cases, key=lambda c: str(c["pseudonym"]))
