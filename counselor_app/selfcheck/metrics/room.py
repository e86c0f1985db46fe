"""Metrics on the counselling room (心理辅导室): open hours, duty, area, functions, help lines.

Open hours come from ``room_hours`` slots (weekday 1 = Monday), each valid from ``valid_from`` to
``valid_to`` (open-ended when empty). Only hours on school days count: a slot on a public holiday,
a day the whole school is closed or a weekend opens nothing a district counts, and such a day also
lowers the week's bar. A day only the room is closed (停开日期, 范围 仅辅导室) lowers nothing: it is
a school day on which the room opens nothing. Slots that overlap on the same day are
counted once (the room is open 14:00–17:00, not 4 hours, when 14–16 and 15–17 were both entered).

``open_minutes_by_week`` is public so the report's chart of room hours per week shows the very
numbers the rule judged. Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from counselor_app.foundation.i18n import Bilingual, msg
from counselor_app.foundation.vocab import BOOKING_CHANNEL, ROOM_FUNCTION, WEEKDAY, Vocabulary
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.metrics import metric
from counselor_app.selfcheck.params import BOOL, NUMBER, TEXT, TEXTS, Param
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, Evidence, Measurement
from counselor_app.selfcheck.words import vocab_words, words
from counselor_app.years.calendar import Week

NO_HOURS = msg(
    "本学期没有登记有效的辅导室开放时间。", "No room opening hours are recorded for this term."
)
WEEK = msg(
    "第 {number} 周（{monday:%m-%d}～{sunday:%m-%d}，{days} 个上学日）",
    "Week {number} ({monday:%m-%d} – {sunday:%m-%d}, {days} school days)",
)
NO_DUTY = msg("未安排值班教师（{since} 起）", "No duty teacher (from {since})")
APPOINTMENTS = msg("预约记录", "Appointment records")
NO_APPOINTMENTS = msg("本学期没有登记预约", "No appointments recorded this term")
NO_AREA = msg("未登记心理辅导室面积。", "The counselling room's area is not recorded.")
AREA = msg("辅导室面积", "Room area")
LIST_NOT_RECORDED = msg("未登记{field}。", "No {field} recorded.")
MISSING_FROM = msg("{field}中缺少", "Missing from the {field}")
NOT_RECORDED = msg("未登记", "Not recorded")


@dataclass(frozen=True)
class Slot:
    weekday: int  # 1 = Monday … 7 = Sunday
    start: str  # HH:MM
    end: str
    duty_staff_id: int | None
    valid_from: str
    valid_to: str | None

    def valid_on(self, day: str) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def title(self) -> Bilingual:
        day = str(self.weekday)
        return Bilingual(
            f"星期{WEEKDAY.label(day, 'zh')} {self.start}–{self.end}",
            f"{WEEKDAY.label(day, 'en')} {self.start}–{self.end}",
        )


def slots_in_term(ctx: TermContext) -> list[Slot]:
    """Every slot valid on at least one day of the term, in weekday and time order."""
    return [
        Slot(
            r["weekday"],
            r["start_time"],
            r["end_time"],
            r["duty_staff_id"],
            r["valid_from"],
            r["valid_to"],
        )
        for r in ctx.db.query(
            "SELECT weekday, start_time, end_time, duty_staff_id, valid_from, valid_to"
            " FROM room_hours WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
            " ORDER BY weekday, start_time, valid_from",
            (ctx.last, ctx.first),
        )
    ]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _open_minutes_on(day: dt.date, slots: list[Slot]) -> int:
    """Minutes the room is open on a day: the union of the slots valid that day."""
    iso = day.isoformat()
    spans = sorted(
        (_minutes(s.start), _minutes(s.end))
        for s in slots
        if s.weekday == day.isoweekday() and s.valid_on(iso)
    )
    total, reached = 0, 0
    for start, end in spans:
        start = max(start, reached)
        if end > start:
            total += end - start
            reached = end
    return total


def open_minutes_by_week(
    ctx: TermContext, slots: list[Slot] | None = None
) -> list[tuple[Week, int]]:
    """Each teaching week with the minutes the room is scheduled open on its school days; a day
    the room alone was closed (仅辅导室) is a school day on which it opens nothing."""
    slots = slots_in_term(ctx) if slots is None else slots
    closed = ctx.calendar.room_closed_days
    return [
        (week, sum(_open_minutes_on(day, slots) for day in week.school_days if day not in closed))
        for week in ctx.calendar.weeks
    ]


def _plain(number: Fraction) -> int | float:
    """A threshold as the profile wrote it: 8, not 8.0."""
    return int(number) if number.denominator == 1 else float(number)


def _hours_down(minutes: int) -> str:
    return f"{math.floor(minutes / 6) / 10:.1f}"


def _hours_up(hours: Fraction) -> str:
    return f"{math.ceil(hours * 10) / 10:.1f}"


@metric(
    "room_hours_per_week",
    params={"hours_per_five_school_days": Param(NUMBER, required=True, minimum=0, maximum=168)},
)
def room_hours_per_week(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Open hours on the school days of every teaching week ≥ hours × (school days ÷ 5).

    A week with 2 school days (国庆) needs 8 × 2/5 = 3.2 h; a week with none needs nothing; a week
    in which the room alone was closed one day still needs 8 h, on its other days. The
    evidence rounds open hours down and required hours up, so "7.9 h < 8.0 h" never reads as equal.
    """
    per_five_days = Fraction(str(params["hours_per_five_school_days"]))
    slots = slots_in_term(ctx)
    if not slots:
        return Measurement(NO_DATA, None, _plain(per_five_days), note=words(NO_HOURS))
    evidence = []
    for week, minutes in open_minutes_by_week(ctx, slots):
        required = per_five_days * len(week.school_days) / 5  # hours
        if minutes < required * 60:
            evidence.append(
                Evidence(
                    "week",
                    week.monday.isoformat(),
                    words(
                        WEEK(
                            number=week.number,
                            monday=week.monday,
                            sunday=week.sunday,
                            days=len(week.school_days),
                        )
                    ),
                    f"{_hours_down(minutes)} h < {_hours_up(required)} h",
                )
            )
    value = {"weeks": len(ctx.calendar.weeks), "short": len(evidence)}
    return Measurement(PASS if not evidence else FAIL, value, _plain(per_five_days), evidence)


@metric("room_duty", params={"appointments_required": Param(BOOL)})
def room_duty(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """A duty teacher on every slot valid during the term; with ``appointments_required``, also
    at least one appointment recorded in the term (any state: the rule is that bookings are kept)."""
    slots = slots_in_term(ctx)
    wants_appointments = bool(params.get("appointments_required", False))
    if not slots:
        return Measurement(NO_DATA, None, None, note=words(NO_HOURS))
    evidence = [
        Evidence("slot", s.title, s.title, words(NO_DUTY(since=s.valid_from)))
        for s in slots
        if s.duty_staff_id is None
    ]
    value: dict[str, int] = {"slots": len(slots), "staffed": len(slots) - len(evidence)}
    threshold: dict[str, int] = {"staffed": len(slots)}
    if wants_appointments:
        appointments = int(
            ctx.db.scalar(
                "SELECT count(*) FROM appointment WHERE date BETWEEN ? AND ?", (ctx.first, ctx.last)
            )
        )
        value["appointments"] = appointments
        threshold["appointments"] = 1
        if appointments == 0:
            evidence.append(
                Evidence("school", "appointment", words(APPOINTMENTS), words(NO_APPOINTMENTS))
            )
    return Measurement(PASS if not evidence else FAIL, value, threshold, evidence)


@metric("room_area", params={"minimum": Param(NUMBER, required=True, minimum=0)})
def room_area(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    minimum = _plain(Fraction(str(params["minimum"])))
    area = ctx.db.scalar("SELECT room_area_m2 FROM school WHERE id = 1")
    if area is None:
        return Measurement(NO_DATA, None, minimum, note=words(NO_AREA))
    area = float(area)
    evidence = []
    if area < minimum:
        evidence.append(
            Evidence("school", "room_area_m2", words(AREA), f"{area:g} m² < {minimum:g} m²")
        )
    return Measurement(PASS if area >= minimum else FAIL, area, minimum, evidence)


# Lists kept in the school row; a coded list is shown with its words.
_SCHOOL_LISTS: dict[str, tuple[Bilingual, Vocabulary | None]] = {
    "room_functions": (Bilingual("辅导室功能", "room functions"), ROOM_FUNCTION),
    "room_equipment": (Bilingual("辅导室设备", "room equipment"), None),
    "booking_channels": (Bilingual("预约方式", "booking channels"), BOOKING_CHANNEL),
}


def _same_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@metric(
    "school_list_contains",
    params={
        "field": Param(TEXT, required=True, choices=tuple(_SCHOOL_LISTS)),
        "required": Param(TEXTS, required=True),
    },
)
def school_list_contains(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """Every required item in one of the school's lists (room functions, equipment, booking ways).

    Functions and booking channels are codes (a profile may also name them in Chinese); equipment
    is free text, compared after width and space normalisation.
    """
    field = str(params["field"])
    if field not in _SCHOOL_LISTS:
        raise ValueError(f"field must be one of {sorted(_SCHOOL_LISTS)}, not {field!r}")
    field_label, vocab = _SCHOOL_LISTS[field]
    stored = json.loads(ctx.db.scalar(f"SELECT {field} FROM school WHERE id = 1") or "[]")
    if vocab is not None:
        required = [vocab.code_for(str(r)) or str(r) for r in params["required"]]
        present = [str(p) for p in stored]

        def label(item: str) -> str:
            return vocab_words(vocab, item)
    else:
        required = [_same_text(str(r)) for r in params["required"]]
        present = [_same_text(str(p)) for p in stored]

        def label(item: str) -> str:
            return item

    if not present:
        return Measurement(
            NO_DATA,
            None,
            [label(r) for r in required],
            note=words(LIST_NOT_RECORDED(field=field_label)),
        )
    missing = [r for r in required if r not in present]
    evidence = [
        Evidence("school", r, label(r), words(MISSING_FROM(field=field_label))) for r in missing
    ]
    return Measurement(
        PASS if not missing else FAIL,
        [label(p) for p in present],
        [label(r) for r in required],
        evidence,
    )


_HELP_LINES = (
    ("hotline", Bilingual("校内心理援助热线", "School help line")),
    ("mailbox", Bilingual("心理信箱", "Psych mailbox")),
    ("outside_hotline", Bilingual("校外心理援助热线", "Outside help line")),
)


@metric("help_lines")
def help_lines(ctx: TermContext, params: Mapping[str, Any]) -> Measurement:
    """School hotline, mailbox and an outside hotline recorded (to be published)."""
    row = ctx.db.query_one("SELECT hotline, mailbox, outside_hotline FROM school WHERE id = 1")
    evidence = [
        Evidence("school", column, label, words(NOT_RECORDED))
        for column, label in _HELP_LINES
        if row is None or not (row[column] or "").strip()
    ]
    value = len(_HELP_LINES) - len(evidence)
    return Measurement(PASS if not evidence else FAIL, value, len(_HELP_LINES), evidence)
