"""Undoing the latest year roll-over (撤销升级), until the first record of the new year is written.

The rule, precisely: the latest roll-over can be undone while all three hold —

1. the classes, students and 学年分班 are exactly as the roll-over left them (a fingerprint of
   each table, kept with the roll-over, is compared): no class or student was added, changed or
   removed since, no roster workbook was imported;
2. no record dated in the new school year (on or after its first day: a session, lesson, activity,
   visit, screening, appointment, … any record type with a date) has been written since the
   roll-over (records that were already there, an appointment booked for September say, do not
   count);
3. no record names a class the roll-over made.

Otherwise it is refused, saying which of these no longer holds (and, for a record, which kind and
its date, never a name). Undoing removes the new year's classes and the enrolments in them (each
student's class is last year's again), gives the graduates back their status and leaving date, and
puts the record of roll-overs back as it was: every row of every table is then as before the
roll-over, which is checked before the change is committed. Both steps are in the audit trail,
with counts only.

Plain Python and SQL; nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counselor_app.foundation.change import EVERYTHING, Changes
from counselor_app.foundation.errors import DamagedData, InvalidInput
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.records.catalog import ALL, one_record_label
from counselor_app.rollover.core import require_roll_over
from counselor_app.rollover.record import dated_tables, rollover_history, roster_digests
from counselor_app.school.core import School
from counselor_app.storage.database import Database
from counselor_app.years.school_years import ROLLOVERS_SETTING, SchoolYear, load_terms, year_begins

UNDO_AUDIT_ACTION = "undo_school_year_rollover"

NOTHING_TO_UNDO = msg("没有可以撤销的学年升级。", "There is no school-year roll-over to undo.")
CANNOT_UNDO = msg(
    "{from_year}到{to_year}的升级不能再撤销：{reasons}。撤销只能在新学年写入第一条记录之前进行。",
    "The roll-over from {from_year} to {to_year} can no longer be undone: {reasons}. It can be "
    "undone only until the first record of the new year is written.",
)
ROSTER_CHANGED = msg("升级之后{tables}有了改动", "the {tables} changed after the roll-over")
NEW_YEAR_RECORD = msg(
    "升级之后录入了{year}的记录（{record}，{date}）",
    "a record of {year} was written after the roll-over ({record}, {date})",
)
CLASS_IN_USE = msg(
    "升级新建的班级已被记录引用（{record}）",
    "a record names a class the roll-over made ({record})",
)
NOT_AS_BEFORE = msg(
    "撤销后的班级和学生名册与升级前不一致，撤销已放弃，数据没有改动。请联系技术支持。",
    "After undoing, the classes and students would not be as they were before the roll-over, so "
    "the undo was abandoned and nothing was changed. Please ask for support.",
)
TABLE_WORDS = {
    "class": msg("班级", "classes"),
    "student": msg("学生名册", "students"),
    "enrolment": msg("学年分班", "school-year placements"),
}


@dataclass(frozen=True)
class UndoStatus:
    """The latest roll-over, and why it can no longer be undone (None: it can)."""

    from_year: SchoolYear
    to_year: SchoolYear
    at: str  # ISO instant
    by: str
    refusal: Message | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


@dataclass(frozen=True)
class UndoResult:
    from_year: SchoolYear
    to_year: SchoolYear
    classes_removed: int
    students_moved_back: int
    graduations_undone: int

    @property
    def changes(self) -> Changes:
        return EVERYTHING  # classes, students, and every list that names them


def undo_status(school: School) -> UndoStatus | None:
    """The latest roll-over and whether it can be undone; None when there is none to undo."""
    latest = _latest(school.db)
    if latest is None:
        return None
    reasons = _reasons(school.db, latest)
    from_year, to_year = SchoolYear(latest["from_year"]), SchoolYear(latest["to_year"])
    refusal = (
        CANNOT_UNDO(
            from_year=from_year.name,
            to_year=to_year.name,
            reasons=joined(reasons, zh="；", en="; "),
        )
        if reasons
        else None
    )
    return UndoStatus(from_year, to_year, latest["at"], latest["by"], refusal)


def undo_rollover(school: School) -> UndoResult:
    """Undo the latest roll-over, all or nothing; :class:`InvalidInput` says why when it can no
    longer be undone (see the module's rule)."""
    require_roll_over(school)
    db = school.db
    with db.transaction():
        status = undo_status(school)
        if status is None:
            raise InvalidInput(NOTHING_TO_UNDO)
        if status.refusal is not None:
            raise InvalidInput(status.refusal)
        latest = _latest(db)
        assert latest is not None
        undo = latest["undo"]
        created = [int(i) for i in undo["created_classes"]]
        marks = ",".join("?" * len(created))
        moved = 0
        if created:
            # Deleting a student's new-year enrolment makes last year's class theirs again
            # (the database's triggers keep student.class_id at the latest enrolled year).
            moved = db.execute(
                f"DELETE FROM enrolment WHERE school_year = ? AND class_id IN ({marks})",
                (status.to_year.start, *created),
            ).rowcount
            db.execute(f"DELETE FROM class WHERE id IN ({marks})", created)
        db.executemany(
            "UPDATE student SET status = ?, left_on = ? WHERE id = ?",
            [
                (status_before, left_on, student)
                for student, status_before, left_on in undo["graduated"]
            ],
        )
        before = undo["setting_before"]
        if before is None:
            db.execute("DELETE FROM setting WHERE key = ?", (ROLLOVERS_SETTING,))
        else:
            db.execute("UPDATE setting SET value = ? WHERE key = ?", (before, ROLLOVERS_SETTING))
        if roster_digests(db) != undo["roster_before"]:
            raise DamagedData(NOT_AS_BEFORE)  # leaving the transaction rolls everything back
        result = UndoResult(
            status.from_year,
            status.to_year,
            classes_removed=len(created),
            students_moved_back=int(moved),
            graduations_undone=len(undo["graduated"]),
        )
        school.log(
            UNDO_AUDIT_ACTION,
            from_year=result.from_year.start,
            to_year=result.to_year.start,
            classes_removed=result.classes_removed,
            students_moved_back=result.students_moved_back,
            graduations_undone=result.graduations_undone,
        )
    return result


def _latest(db: Database) -> dict[str, Any] | None:
    history = rollover_history(db)
    if not history or "undo" not in history[-1]:
        return None
    return history[-1]


def _reasons(db: Database, latest: dict[str, Any]) -> list[Message]:
    undo = latest["undo"]
    to_year = SchoolYear(latest["to_year"])
    reasons: list[Message] = []
    now = roster_digests(db)
    changed = [
        TABLE_WORDS[table] for table, digest in undo["roster"].items() if now[table] != digest
    ]
    if changed:
        reasons.append(ROSTER_CHANGED(tables=joined(changed)))
    record = _first_new_year_record(db, to_year, undo["dated_before"])
    if record is not None:
        reasons.append(NEW_YEAR_RECORD(year=to_year.name, record=record[0], date=record[1]))
    use = _use_of_new_classes(db, [int(i) for i in undo["created_classes"]])
    if use is not None:
        reasons.append(CLASS_IN_USE(record=use))
    return reasons


def _kind(record_type: str) -> Message:
    """One record of the type, named in both languages (辅导记录 / counselling session)."""
    return Message(one_record_label(record_type, "zh"), one_record_label(record_type, "en"))


def _first_new_year_record(
    db: Database, year: SchoolYear, before: dict[str, list[int]]
) -> tuple[Message, str] | None:
    """The earliest record dated in ``year`` or later that was not there at the roll-over: its
    kind and date."""
    first_day = year_begins(year, load_terms(db)).isoformat()
    found: list[tuple[str, str]] = []
    for record_type, table, column in dated_tables():
        known = set(before.get(table, ()))
        for row in db.query(
            f"SELECT id, {column} FROM {table} WHERE {column} >= ? ORDER BY 2, 1", (first_day,)
        ):
            if int(row[0]) not in known:
                found.append((str(row[1]), record_type))
                break
    if not found:
        return None
    date, record_type = min(found)
    return _kind(record_type), date


def _use_of_new_classes(db: Database, created: list[int]) -> Message | None:
    """The kind of the first record (other than a student or a 学年分班) that names one of the
    classes the roll-over made."""
    if not created:
        return None
    marks = ",".join("?" * len(created))
    for table, column, record_type in _CLASS_REFERRERS:
        if db.scalar(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} IN ({marks}))", created):
            return _kind(record_type)
    return None


def _class_referrers() -> tuple[tuple[str, str, str], ...]:
    """(table, column, record type) of every record field or link that names a class."""
    found = []
    for spec in ALL:
        for field in spec.fields:
            if field.ref != "class" or spec.type == "student":
                continue
            if field.link is not None:
                found.append((field.link.table, field.link.value_column, spec.type))
            else:
                found.append((spec.table, field.name, spec.type))
    return tuple(found)


_CLASS_REFERRERS = _class_referrers()


__all__ = ["UndoResult", "UndoStatus", "undo_rollover", "undo_status"]
