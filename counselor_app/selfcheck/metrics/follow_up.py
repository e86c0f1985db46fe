"""Metrics: what follows a referral or a session, and keeping counselling records: referrals
followed up, sessions entered promptly, sessions with a follow-up plan (后续安排).

One grouped query each; nothing here queries per student or session. Evidence names students by
学号, staff by 工号 and sessions by date and time, never by a student's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from counselor_app.foundation.i18n import Bilingual, msg
from counselor_app.foundation.vocab import SESSION_KIND
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.metrics.judging import (
    ACTIVE_PLAN,
    LISTED_SINGLY,
    SHARE_PARAM,
    bad_param,
    judged_share,
)
from counselor_app.selfcheck.params import INT, TEXT, Param
from counselor_app.selfcheck.result import NO_DATA, Evidence, Measurement
from counselor_app.selfcheck.words import clauses, listed, words

NO_REFERRALS = msg("本学期没有转介记录", "No referrals this term")

REFERRED = msg("学号 {number}（{since} 转介）", "Student no. {number} (referred {since})")

NO_FOLLOW_UP = msg("转介后没有随访记录", "No follow-up after the referral")

REFERRALS_NOTE = msg(
    "本学期在办的转介 {cases} 例，有随访记录 {done} 例",
    "{cases} referrals open this term, {done} with a follow-up",
)

SESSION = msg("{date} {time} 的辅导记录", "Session on {date} {time}")

SESSION_BY = msg("辅导教师工号 {staff_no}，{what}", "Counsellor staff no. {staff_no}: {what}")

SESSIONS_BY = msg(
    "工号 {staff_no}：{count} 条辅导记录{what}", "Staff no. {staff_no}: {count} sessions, {what}"
)

NO_SESSIONS = msg("本学期没有辅导记录", "No sessions this term")

NO_ENTRY_DATES = msg(
    "本学期辅导记录 {sessions} 条，都没有录入日期，无从判断是否及时录入",
    "{sessions} sessions this term, none with an entry date, so promptness cannot be judged",
)

ENTERED_LATE = msg(
    "{entered_on} 录入，晚于辅导 {delay} 天",
    "entered on {entered_on}, {delay} days after the session",
)

PROMPT_NOTE = msg(
    "辅导记录 {sessions} 条，{days} 日内录入 {on_time} 条，逾期 {late} 条",
    "{sessions} sessions, {on_time} entered within {days} days, {late} late",
)

WITHOUT_ENTRY_DATE = msg(
    "；另有 {unknown} 条没有录入日期，未计入", "; {unknown} more without an entry date, not counted"
)

LATEST_LISTED = msg("；下列最近 {shown} 条", "; the latest {shown} are listed")

NO_KIND_SESSIONS = msg("本学期没有{kind}记录", "No {kind} sessions this term")

FOLLOW_UP_NOTE = msg(
    "{kind}记录 {sessions} 条，写有后续安排 {done} 条",
    "{sessions} {kind} sessions, {done} with a follow-up plan",
)

NO_FOLLOW_UP_PLAN = msg("没有后续安排", "no follow-up plan")


@metric("referral_follow_up", params=SHARE_PARAM)
def referral_follow_up(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Referrals in force during the term that have a follow-up dated on or after the referral.

    A referral is either a crisis plan in force during the term with a referral recorded (the
    referral date, or the plan's date when the referral has none), or a row of the referral table
    that was in force during the term: 已转介, 就诊中 or 已返校 dated on or before the term's last
    day (still open, so open during the term), or 结束 dated inside the term. 建议 is not yet a
    referral. A plan and a referral row for the same student on the same date are one referral.
    Only students who count for the term are judged.
    """
    minimum = float(params.get("minimum_share", 1.0))
    counted = {s.id: s for s in ctx.students}
    rows = ctx.db.query(
        "SELECT c.source, c.student_id, c.since, EXISTS (SELECT 1 FROM follow_up f"
        "   WHERE f.student_id = c.student_id AND f.date >= c.since) AS followed FROM ("
        " SELECT 'plan' AS source, p.student_id, COALESCE(p.referral_on, p.created_on) AS since"
        "   FROM crisis_plan p WHERE (trim(p.referral_to) <> '' OR p.referral_on IS NOT NULL)"
        f"   AND {ACTIVE_PLAN}"
        " UNION ALL SELECT 'referral', r.student_id, r.date FROM referral r"
        "   WHERE (r.state IN ('referred', 'in_treatment', 'returned') AND r.date <= :last)"
        "   OR (r.state = 'closed' AND r.date BETWEEN :first AND :last)"
        ") c ORDER BY c.since, c.student_id, c.source",
        {"first": ctx.first, "last": ctx.last},
    )
    cases: dict[tuple[int, str], Any] = {}
    for row in rows:
        if row["student_id"] in counted:
            cases.setdefault((row["student_id"], row["since"]), row)  # 'plan' sorts first
    if not cases:
        return Measurement(NO_DATA, None, minimum, note=words(NO_REFERRALS))
    evidence = []
    for (student_id, since), row in cases.items():
        if not row["followed"]:
            number = counted[student_id].student_no
            kind = "plan" if row["source"] == "plan" else "student"
            evidence.append(
                Evidence(
                    kind,
                    number,
                    words(REFERRED(number=number, since=since)),
                    words(NO_FOLLOW_UP),
                )
            )
    done = len(cases) - len(evidence)
    note = words(REFERRALS_NOTE(cases=len(cases), done=done))
    return judged_share(done, len(cases), minimum, evidence, note)


def _session_label(row: Any) -> Bilingual:
    return words(SESSION(date=row["date"], time=row["start_time"]))


def _session_evidence(rows: Sequence[Any], what: Bilingual) -> list[Evidence]:
    """Sessions by date, time and counsellor 工号; grouped per counsellor when many."""
    if len(rows) <= LISTED_SINGLY:
        return [
            Evidence(
                "session",
                f"{r['date']} {r['start_time']}",
                _session_label(r),
                words(SESSION_BY(staff_no=r["staff_no"], what=what)),
            )
            for r in rows
        ]
    by_staff: dict[str, list[str]] = {}
    for r in rows:
        by_staff.setdefault(r["staff_no"], []).append(f"{r['date']} {r['start_time']}")
    return [
        Evidence(
            "staff",
            staff_no,
            words(SESSIONS_BY(staff_no=staff_no, count=len(times), what=what)),
            listed(times),
        )
        for staff_no, times in sorted(by_staff.items())
    ]


@metric(
    "records_entered_promptly",
    params={"days": Param(INT, minimum=0), **SHARE_PARAM},
)
def records_entered_promptly(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Sessions dated in the term entered within ``days`` days of the session.

    A session whose entry date is unknown (imported from a ledger that did not note it) is neither
    prompt nor late: it is left out of the share and counted in the note."""
    days = int(params.get("days", 7))
    minimum = float(params.get("minimum_share", 0.95))
    rows = ctx.db.query(
        "SELECT cs.date, cs.start_time, cs.entered_on, st.staff_no,"
        " CAST(julianday(cs.entered_on) - julianday(cs.date) AS INTEGER) AS delay"
        " FROM counselling_session cs JOIN staff st ON st.id = cs.counsellor_id"
        " WHERE cs.date BETWEEN :first AND :last ORDER BY cs.date DESC, cs.start_time DESC",
        {"first": ctx.first, "last": ctx.last},
    )
    if not rows:
        return Measurement(NO_DATA, None, minimum, note=words(NO_SESSIONS))
    known = [r for r in rows if r["entered_on"] is not None]
    unknown = len(rows) - len(known)
    if not known:
        return Measurement(NO_DATA, None, minimum, note=words(NO_ENTRY_DATES(sessions=unknown)))
    late = [r for r in known if r["delay"] > days]
    on_time = len(known) - len(late)
    shown = late[:10]
    evidence = [
        Evidence(
            "session",
            f"{r['date']} {r['start_time']}",
            _session_label(r),
            words(
                SESSION_BY(
                    staff_no=r["staff_no"],
                    what=ENTERED_LATE(entered_on=r["entered_on"], delay=r["delay"]),
                )
            ),
        )
        for r in shown
    ]
    notes: list[object] = [
        PROMPT_NOTE(sessions=len(known), days=days, on_time=on_time, late=len(late))
    ]
    if unknown:
        notes.append(WITHOUT_ENTRY_DATE(unknown=unknown))
    if len(late) > len(shown):
        notes.append(LATEST_LISTED(shown=len(shown)))
    note = clauses(notes, "", "")
    return judged_share(on_time, len(known), minimum, evidence, note)


@metric(
    "sessions_with_follow_up",
    params={"kind": Param(TEXT, choices=SESSION_KIND), **SHARE_PARAM},
)
def sessions_with_follow_up(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Sessions of ``kind`` in the term whose follow-up (后续安排) is filled in; by default every
    one of them (「有记录、有跟踪、有反馈、有结果」 asks it of every record).

    The follow-up is confidential text, sealed in the database, and the self-check is also run by
    a 管理员, who may not open it. Whether a session has one is read from the stored value alone:
    blank text is stored as NULL (``records.values.convert``) and only text is sealed, so a
    non-empty stored value, sealed or written before sealing, is a follow-up that was written.
    """
    kind = params.get("kind", "individual")
    if kind not in SESSION_KIND.codes:
        raise bad_param("kind", kind, SESSION_KIND.codes)
    minimum = float(params.get("minimum_share", 1.0))
    what = Bilingual(
        SESSION_KIND.label(kind, "zh") + "辅导",
        SESSION_KIND.label(kind, "en").lower() + " counselling",
    )
    rows = ctx.db.query(
        "SELECT cs.date, cs.start_time, st.staff_no,"
        " COALESCE(trim(cs.follow_up), '') <> '' AS has_follow_up"
        " FROM counselling_session cs JOIN staff st ON st.id = cs.counsellor_id"
        " WHERE cs.kind = :kind AND cs.date BETWEEN :first AND :last"
        " ORDER BY cs.date, cs.start_time",
        {"first": ctx.first, "last": ctx.last, "kind": kind},
    )
    if not rows:
        return Measurement(NO_DATA, None, minimum, note=words(NO_KIND_SESSIONS(kind=what)))
    missing = [r for r in rows if not r["has_follow_up"]]
    done = len(rows) - len(missing)
    note = words(FOLLOW_UP_NOTE(kind=what, sessions=len(rows), done=done))
    evidence = _session_evidence(missing, words(NO_FOLLOW_UP_PLAN))
    return judged_share(done, len(rows), minimum, evidence, note)
