"""The counselling room's rules (辅导室): when it is open, who is on duty, and which bookings fit.

A week of the room (:func:`room_week`) is what the 辅导室 page shows: for each day the open slots
(``room_hours`` rows valid that day, weekday 1 = Monday) with the duty teacher, the public holiday or
the school's closure day that shuts it, the week's appointments, and the week's open hours against
the requirement, counted by the self-check's own :func:`open_minutes_by_week` so the page and the
self-check never disagree.

:func:`check_appointment` is the booking rule, applied by the record validation to every write of an
appointment (the forms, the workbook import): an appointment lies inside the day's open hours, on a
day that is neither a holiday nor a closure day, and does not overlap another appointment that still
holds its time (cancelled, 取消, and no-show, 未到, ones do not). Appointments dated before today are
history and are not judged (see :func:`check_appointment`).

Nothing here writes to the database or imports Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import chinese_calendar

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.vocab import WEEKDAY
from counselor_app.selfcheck.context import TermContext, TermInfo, term_on
from counselor_app.selfcheck.metrics.room import open_minutes_by_week
from counselor_app.storage.database import Database
from counselor_app.years.calendar import TermCalendar, holiday_name, monday_of

#: A booking without a duration holds the room this long (a usual session).
DEFAULT_MINUTES = 50
#: The district requirement (苏城 第 11 条): 8 open hours a week, scaled by school days ÷ 5.
HOURS_PER_FIVE_SCHOOL_DAYS = 8
#: States in which an appointment no longer holds its time.
RELEASED_STATES = frozenset({"cancelled", "no_show"})

CLASH = msg("与 {start}–{end} 的预约冲突", "clashes with the appointment at {start}–{end}")
CLOSED_AT = msg(
    "辅导室{weekday} {time} 不开放；当天开放时间：{hours}",
    "the room is closed on {weekday} at {time}; open that day: {hours}",
)
RUNS_PAST_CLOSING = msg(
    "预约到 {end} 结束，但辅导室{weekday} {closing} 就关门了；当天开放时间：{hours}",
    "the appointment ends at {end} but the room closes at {closing} on {weekday}; open that day:"
    " {hours}",
)
CLOSED_ALL_DAY = msg(
    "辅导室{weekday}（{date}）不开放，请另选有开放时间的日子",
    "the room is not open on {weekday} ({date}); choose a day with open hours",
)
HOLIDAY = msg(
    "{date} 是{holiday}，辅导室不开放", "{date} is a public holiday ({holiday}); the room is closed"
)
CLOSURE = msg("{date} 辅导室暂停开放：{reason}", "the room is closed on {date}: {reason}")
CLOSURE_NO_REASON = msg("{date} 辅导室暂停开放", "the room is closed on {date}")
NO_HOURS = msg("无", "none")


def minutes_of(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def clock_time(minutes: int) -> str:
    """Minutes after midnight as HH:MM (24:00 and later kept as they are, for a late end)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday_name(day: dt.date) -> Message:
    """周一 … 周日 / Mon … Sun."""
    code = str(day.isoweekday())
    return msg(f"周{WEEKDAY.label(code, 'zh')}", WEEKDAY.label(code, "en"))


def holiday_label(english_name: str) -> Message:
    """The holiday's name in the reader's language (the calendar package names them in English)."""
    for holiday in chinese_calendar.Holiday:
        if holiday.value == english_name:
            return msg(str(holiday.chinese), english_name)
    return msg(english_name, english_name)


@dataclass(frozen=True)
class OpenSlot:
    """One ``room_hours`` row: the room open on a weekday from ``start`` to ``end``."""

    id: int
    weekday: int  # 1 = Monday … 7 = Sunday
    start: str  # HH:MM
    end: str
    duty_staff_id: int | None
    duty_name: str  # "" when nobody is on the roster
    valid_from: str
    valid_to: str | None

    def valid_on(self, day: dt.date) -> bool:
        iso = day.isoformat()
        return (
            self.weekday == day.isoweekday()
            and self.valid_from <= iso
            and (self.valid_to is None or iso <= self.valid_to)
        )


@dataclass(frozen=True)
class RoomDay:
    date: dt.date
    slots: tuple[OpenSlot, ...]  # valid that day, in time order (also on a closed day)
    holiday: Message | None = None  # 国庆节 …
    closure: str | None = None  # the school's reason ("" when none was given)
    in_term: bool = True

    @property
    def closed(self) -> bool:
        return self.holiday is not None or self.closure is not None

    def open_spans(self) -> list[tuple[int, int]]:
        """When the room is open, in minutes after midnight: overlapping or touching slots are
        one span (12:10–13:10 and 13:10–14:00 open the room 12:10–14:00). Nothing on a closed day."""
        if self.closed:
            return []
        spans: list[tuple[int, int]] = []
        for start, end in sorted((minutes_of(s.start), minutes_of(s.end)) for s in self.slots):
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans

    def hours_text(self) -> Message:
        """The day's open hours as people read them: ``12:10–13:10、16:10–17:10`` (in English
        ``12:10–13:10, 16:10–17:10``)."""
        spans = self.open_spans()
        if not spans:
            return NO_HOURS
        return joined(f"{clock_time(a)}–{clock_time(b)}" for a, b in spans)

    def closed_reason(self) -> Message | None:
        """Why the whole day is shut, or None when it is not."""
        if self.holiday is not None:
            return HOLIDAY(date=self.date.isoformat(), holiday=self.holiday)
        if self.closure is not None:
            if self.closure:
                return CLOSURE(date=self.date.isoformat(), reason=self.closure)
            return CLOSURE_NO_REASON(date=self.date.isoformat())
        return None


@dataclass(frozen=True)
class Booking:
    """An appointment as the room's calendar shows it."""

    id: int
    date: dt.date
    start: str
    minutes: int  # DEFAULT_MINUTES when none was recorded
    student_id: int | None
    student_name: str
    student_no: str
    class_name: str
    parent_name: str
    channel: str
    state: str

    @property
    def end(self) -> str:
        return clock_time(minutes_of(self.start) + self.minutes)

    @property
    def holds_time(self) -> bool:
        return self.state not in RELEASED_STATES


@dataclass(frozen=True)
class RoomWeek:
    monday: dt.date
    days: tuple[RoomDay, ...]  # Monday to Sunday
    bookings: tuple[Booking, ...]  # in date and time order
    term: TermInfo | None  # None: no day of the week is in a term
    week_number: int | None
    school_days: int  # of the week, as the self-check counts them
    open_minutes: int  # on those school days, as the self-check counts them
    # The requirement: open hours per five school days (the checklist's figure, or the usual 8).
    hours_per_five_school_days: Fraction = Fraction(HOURS_PER_FIVE_SCHOOL_DAYS)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def required_hours(self) -> Fraction:
        return Fraction(self.hours_per_five_school_days) * self.school_days / 5

    @property
    def meets_requirement(self) -> bool:
        return self.open_minutes >= self.required_hours * 60

    # Rounded as the self-check evidence rounds them: open hours down, required hours up, so
    # "7.9 h of 8.0 h" never reads as enough.
    @property
    def open_hours_text(self) -> str:
        """Rounded down, as the self-check's evidence is, so 7.96 h never reads as 8.0 h."""
        return f"{math.floor(self.open_minutes / 6) / 10:.1f}"

    @property
    def required_hours_text(self) -> str:
        """Rounded up, as the self-check's evidence is."""
        return f"{math.ceil(self.required_hours * 10) / 10:.1f}"

    @property
    def slots(self) -> tuple[OpenSlot, ...]:
        """Every room_hours row that applies to a day of the week, once, in weekday-time order."""
        seen: dict[int, OpenSlot] = {}
        for day in self.days:
            for slot in day.slots:
                seen.setdefault(slot.id, slot)
        return tuple(sorted(seen.values(), key=lambda s: (s.weekday, s.start, s.end)))


def first_free_start(
    week: RoomWeek, after: dt.datetime, minutes: int = DEFAULT_MINUTES
) -> tuple[dt.date, str] | None:
    """The first time in the week, not before ``after``, where a booking of ``minutes`` fits the
    open hours and clashes with nothing (what 新预约 proposes); None when the week is full."""
    for day in week.days:
        if day.date < after.date():
            continue
        # Not a minute in the past, and on the five-minute grid people book on.
        earliest = (
            math.ceil((after.hour * 60 + after.minute) / 5) * 5 if day.date == after.date() else 0
        )
        taken = sorted(
            (minutes_of(b.start), minutes_of(b.start) + b.minutes)
            for b in week.bookings
            if b.date == day.date and b.holds_time
        )
        for span_start, span_end in day.open_spans():
            start = max(span_start, earliest)
            for taken_start, taken_end in taken:
                if taken_start < start + minutes and start < taken_end:
                    start = max(start, taken_end)
            if start + minutes <= span_end:
                return day.date, clock_time(start)
    return None


# -- reading -------------------------------------------------------------------------------------


def _slot_rows(db: Database, first: dt.date, last: dt.date) -> list[OpenSlot]:
    return [
        OpenSlot(
            r["id"],
            r["weekday"],
            r["start_time"],
            r["end_time"],
            r["duty_staff_id"],
            r["duty_name"] or "",
            r["valid_from"],
            r["valid_to"],
        )
        for r in db.query(
            "SELECT r.id, r.weekday, r.start_time, r.end_time, r.duty_staff_id, r.valid_from,"
            " r.valid_to, s.name AS duty_name FROM room_hours r"
            " LEFT JOIN staff s ON s.id = r.duty_staff_id"
            " WHERE r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?)"
            " ORDER BY r.start_time, r.end_time, r.id",
            (last.isoformat(), first.isoformat()),
        )
    ]


def room_days(db: Database, first: dt.date, last: dt.date) -> list[RoomDay]:
    """The room on each day from ``first`` to ``last``: slots, holiday, closure, in a term."""
    slots = _slot_rows(db, first, last)
    closures = {
        row["date"]: row["reason"] or ""
        for row in db.query(
            "SELECT date, reason FROM closure_day WHERE date BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        )
    }
    terms = db.query(
        "SELECT first_day, last_day FROM term WHERE first_day <= ? AND last_day >= ?",
        (last.isoformat(), first.isoformat()),
    )
    # The self-check's holiday test: it knows the fixed-date holidays of years the package lacks.
    calendar = TermCalendar(first, last)
    days = []
    day = first
    while day <= last:
        iso = day.isoformat()
        holiday = None
        if calendar.is_holiday(day):
            name = holiday_name(day)
            holiday = holiday_label(name) if name else msg("法定节假日", "public holiday")
        days.append(
            RoomDay(
                day,
                tuple(s for s in slots if s.valid_on(day)),
                holiday,
                closures.get(iso),
                any(t["first_day"] <= iso <= t["last_day"] for t in terms),
            )
        )
        day += dt.timedelta(days=1)
    return days


def room_day(db: Database, day: dt.date) -> RoomDay:
    return room_days(db, day, day)[0]


def _bookings(db: Database, first: dt.date, last: dt.date) -> list[Booking]:
    return [
        Booking(
            r["id"],
            dt.date.fromisoformat(r["date"]),
            r["start_time"],
            r["minutes"] or DEFAULT_MINUTES,
            r["student_id"],
            r["student_name"] or "",
            r["student_no"] or "",
            r["class_name"] or "",
            r["parent_name"] or "",
            r["channel"],
            r["state"],
        )
        for r in db.query(
            "SELECT a.id, a.date, a.start_time, a.minutes, a.student_id, a.parent_name, a.channel,"
            " a.state, s.name AS student_name, s.student_no, c.name AS class_name"
            " FROM appointment a LEFT JOIN student s ON s.id = a.student_id"
            " LEFT JOIN class c ON c.id = s.class_id"
            " WHERE a.date BETWEEN ? AND ? ORDER BY a.date, a.start_time, a.id",
            (first.isoformat(), last.isoformat()),
        )
    ]


def _term_of_week(db: Database, monday: dt.date) -> TermInfo | None:
    for offset in range(7):
        term = term_on(db, monday + dt.timedelta(days=offset))
        if term is not None:
            return term
    return None


def room_week(
    db: Database,
    day: dt.date,
    *,
    hours_per_five_school_days: Fraction | int = HOURS_PER_FIVE_SCHOOL_DAYS,
) -> RoomWeek:
    """The Monday-to-Sunday week holding ``day``: what the 辅导室 page shows, and the dashboard's
    room hours this week."""
    monday = monday_of(day)
    sunday = monday + dt.timedelta(days=6)
    term = _term_of_week(db, monday)
    week_number, school_days, open_minutes = None, 0, 0
    if term is not None:
        # The self-check's own count (school days, overlapping slots once), not a second one.
        for week, minutes in open_minutes_by_week(TermContext(db, term, day)):
            if week.monday == monday:
                week_number, school_days, open_minutes = (
                    week.number,
                    len(week.school_days),
                    minutes,
                )
    return RoomWeek(
        monday=monday,
        days=tuple(room_days(db, monday, sunday)),
        bookings=tuple(_bookings(db, monday, sunday)),
        term=term,
        week_number=week_number,
        school_days=school_days,
        open_minutes=open_minutes,
        hours_per_five_school_days=Fraction(hours_per_five_school_days),
    )


@dataclass(frozen=True)
class ClosureDay:
    id: int
    date: dt.date
    reason: str


def closure_days(db: Database, first: dt.date, last: dt.date) -> list[ClosureDay]:
    return [
        ClosureDay(r["id"], dt.date.fromisoformat(r["date"]), r["reason"] or "")
        for r in db.query(
            "SELECT id, date, reason FROM closure_day WHERE date BETWEEN ? AND ? ORDER BY date",
            (first.isoformat(), last.isoformat()),
        )
    ]


def all_slots(db: Database) -> list[OpenSlot]:
    """Every room_hours row ever entered, newest validity first, then weekday and time."""
    rows = _slot_rows(db, dt.date.min, dt.date.max)
    return sorted(rows, key=lambda s: (s.weekday, s.start, s.end, s.valid_from))


@dataclass(frozen=True)
class DutyCandidate:
    id: int
    name: str
    staff_no: str
    psych_teacher: bool


def duty_candidates(db: Database) -> list[DutyCandidate]:
    """Staff who may be put on the roster: psych teachers (专职, 兼职) first, then everyone else."""
    rows = db.query(
        "SELECT s.id, s.name, s.staff_no, EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id ="
        " s.id AND r.role IN ('fulltime_psych', 'parttime_psych')) AS psych FROM staff s"
        " ORDER BY psych DESC, s.name, s.staff_no"
    )
    return [DutyCandidate(r["id"], r["name"], r["staff_no"], bool(r["psych"])) for r in rows]


# -- the booking rule ----------------------------------------------------------------------------


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _moved_or_revived(db: Database, values: Mapping[str, Any], record_id: int) -> bool:
    """Whether a change to a stored appointment asks for time it did not hold before."""
    stored = db.query_one(
        "SELECT date, start_time, minutes, state FROM appointment WHERE id = ?", (record_id,)
    )
    if stored is None:
        return True
    return (
        str(stored["date"]) != _as_date(values["date"]).isoformat()
        or stored["start_time"] != values["start_time"]
        or (stored["minutes"] or DEFAULT_MINUTES) != (values.get("minutes") or DEFAULT_MINUTES)
        or stored["state"] in RELEASED_STATES
    )


def _already_stored(db: Database, values: Mapping[str, Any]) -> bool:
    """Whether an appointment equal in every field is stored: the same booking coming back (a
    workbook exported and imported again, which then adds nothing), not a second one."""
    return (
        db.scalar(
            "SELECT 1 FROM appointment WHERE date = ? AND start_time = ? AND minutes IS ?"
            " AND student_id IS ? AND parent_name IS ? AND channel IS ? AND state IS ?",
            (
                _as_date(values["date"]).isoformat(),
                values["start_time"],
                values.get("minutes"),
                values.get("student_id"),
                values.get("parent_name") or None,
                values.get("channel"),
                values.get("state"),
            ),
        )
        is not None
    )


def check_appointment(
    db: Database,
    values: Mapping[str, Any],
    record_id: int | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """What keeps this appointment out of the room's calendar; empty when it fits.

    ``values`` are an appointment's validated values (``date`` ISO text or a date, ``start_time``
    HH:MM, ``minutes``, ``state``); ``record_id`` is the appointment being changed, which never
    clashes with itself.

    Not judged (an empty list): an appointment that holds no time (取消, 未到); a change to a stored
    appointment that keeps its date, time and length (confirming or completing it stays possible
    after the hours were changed), or a new one equal in every field to a stored one (a workbook
    exported and imported again matches it to the stored one and adds nothing); and, when ``today`` is given, an appointment dated before it —
    a record of a booking made in the past, under the hours of the time, as the workbook import
    brings them from an old register. Refusing those could not undo anything; it would only stop
    the history from being kept.
    """
    if values.get("state") in RELEASED_STATES or not values.get("date"):
        return []
    if not values.get("start_time"):
        return []
    day = _as_date(values["date"])
    if today is not None and day < today:
        return []
    if record_id is not None and not _moved_or_revived(db, values, record_id):
        return []
    if record_id is None and _already_stored(db, values):
        return []
    start = minutes_of(values["start_time"])
    end = start + int(values.get("minutes") or DEFAULT_MINUTES)

    room = room_day(db, day)
    reason = room.closed_reason()
    if reason is not None:
        return [Problem("date", reason)]
    spans = room.open_spans()
    weekday = weekday_name(day)
    if not spans:
        return [Problem("date", CLOSED_ALL_DAY(weekday=weekday, date=day.isoformat()))]
    problems: list[Problem] = []
    span = next(((a, b) for a, b in spans if a <= start < b), None)
    if span is None:
        problems.append(
            Problem(
                "start_time",
                CLOSED_AT(weekday=weekday, time=values["start_time"], hours=room.hours_text()),
            )
        )
    elif end > span[1]:
        problems.append(
            Problem(
                "minutes",
                RUNS_PAST_CLOSING(
                    end=clock_time(end),
                    weekday=weekday,
                    closing=clock_time(span[1]),
                    hours=room.hours_text(),
                ),
            )
        )
    for other in db.query(
        "SELECT start_time, minutes FROM appointment WHERE date = ? AND id IS NOT ?"
        " AND state NOT IN ('cancelled', 'no_show') ORDER BY start_time",
        (day.isoformat(), record_id),
    ):
        other_start = minutes_of(other["start_time"])
        other_end = other_start + (other["minutes"] or DEFAULT_MINUTES)
        # Back to back (10:00–10:50, then 10:50) is no clash.
        if other_start < end and start < other_end:
            problems.append(
                Problem("start_time", CLASH(start=other["start_time"], end=clock_time(other_end)))
            )
    return problems
