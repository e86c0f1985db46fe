"""A constraint the database refused, said in a counsellor's words.

Validation catches what a person can get wrong before anything is written; the database's own
constraints (UNIQUE, NOT NULL, CHECK, FOREIGN KEY) remain the last word, for what validation did
not foresee or what changed in between (a record deleted while a form was open, a restore into a
school that has moved on). SQLite's error text ("UNIQUE constraint failed: student.student_no")
is never shown: the record service turns it into a :class:`RefusedByDatabase` that names the
field, the value and the record in the program's words.

SQLite names the kind of constraint only in its message: sqlcipher3 reports the primary result
code (SQLITE_CONSTRAINT) without the extended one. That wording is part of SQLite's interface
and has not changed since 3.8; anything else reads as a clash in general terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, current_language, joined, msg
from counselor_app.records.catalog import one_record_label, spec_for
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.storage.database import Database
from counselor_app.years.school_years import SchoolYear

CANNOT_SAVE = msg("{record}无法保存：{reason}。", "The {record} could not be saved: {reason}.")
CANNOT_RESTORE = msg("无法恢复{title}：{reason}。", "The {title} cannot be restored: {reason}.")
ALREADY_USED = msg("{values}已被其他{record}使用", "{values} is already used by another {record}")
LISTED_TWICE = msg("“{field}”中有重复的项", "“{field}” lists the same entry twice")
EMPTY = msg("“{field}”必填，不能为空", "“{field}” is required; it cannot be empty")
NOT_ALLOWED = msg("“{fields}”的值不符合要求", "the value of “{fields}” is not allowed")
GONE = msg(
    "“{field}”所指的{target}已不存在，可能刚被删除",
    "the {target} named in “{field}” no longer exists; it may just have been deleted",
)
SOMETHING_GONE = msg(
    "它引用的记录已不存在，可能刚被删除",
    "a record it refers to no longer exists; it may just have been deleted",
)
ID_TAKEN = msg(
    "它原来的编号已被新建的{record}使用，无法原样放回",
    "its id has since been given to a new {record}, so it cannot be put back as it was",
)
CLASHES = msg("它与已有的记录冲突", "it clashes with a record already there")
OTHER_RECORDS = msg("其他记录", "other records")

_FAILED = re.compile(r"(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?:: (.*))?", re.S)

Rows = Mapping[str, Sequence[Mapping[str, Any]]]  # table → rows as column → value


class RefusedByDatabase(InvalidInput):
    """A write the database refused; ``reason`` is the clause without the record (for a workbook
    row, which names its sheet and row instead)."""

    def __init__(self, message: Message, reason: Message) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Violation:
    kind: str  # UNIQUE, NOT NULL, CHECK, FOREIGN KEY, or "" (a trigger's refusal, anything else)
    table: str
    columns: tuple[str, ...]
    detail: str  # a CHECK's expression

    @classmethod
    def of(cls, error: Exception) -> Violation:
        match = _FAILED.fullmatch(str(error).strip())
        if match is None:
            return cls("", "", (), "")
        kind, detail = match[1], match[2] or ""
        if kind in ("UNIQUE", "NOT NULL"):
            qualified = [part.strip() for part in detail.split(",")]
            table = qualified[0].split(".")[0] if qualified else ""
            columns = tuple(part.split(".", 1)[-1] for part in qualified)
            return cls(kind, table, columns, "")
        return cls(kind, "", (), detail)


def write_refused(
    db: Database, spec: RecordSpec, clean: Mapping[str, Any], error: Exception
) -> RefusedByDatabase:
    """What to tell about a create or an update of ``spec`` with ``clean`` values."""
    reason = _reason(db, spec, Violation.of(error), clean, _rows_of(spec, clean))
    return RefusedByDatabase(CANNOT_SAVE(record=one_record_label(spec.type), reason=reason), reason)


def restore_refused(
    db: Database, spec: RecordSpec, title: str, rows: Rows, error: Exception
) -> RefusedByDatabase:
    """What to tell about putting back a record's rows from the recycle bin."""
    own = rows.get(spec.table) or [{}]
    reason = _reason(db, spec, Violation.of(error), _values_of(spec, own[0]), rows)
    return RefusedByDatabase(CANNOT_RESTORE(title=title, reason=reason), reason)


def _reason(
    db: Database, spec: RecordSpec, violation: Violation, values: Mapping[str, Any], rows: Rows
) -> Message:
    if (
        violation.kind == "UNIQUE"
        and violation.columns == ("id",)
        and violation.table == spec.table
    ):
        # SQLite hands the highest id out again once its record is deleted.
        return ID_TAKEN(record=one_record_label(spec.type))
    if violation.kind == "UNIQUE" and violation.table == spec.table:
        fields = [_field(spec, column) for column in violation.columns]
        if all(fields):
            quoted = "{} '{}'" if current_language() == "en" else "{}“{}”"
            shown = joined(
                quoted.format(f.label, _shown(f, values.get(f.name))) for f in fields if f
            )
            return ALREADY_USED(values=shown, record=one_record_label(spec.type))
    if violation.kind == "UNIQUE":
        for listed in spec.fields:
            if listed.link is not None and listed.link.table == violation.table:
                return LISTED_TWICE(field=listed.label)
    if violation.kind == "NOT NULL" and violation.table == spec.table:
        empty = _field(spec, violation.columns[0])
        if empty is not None:
            return EMPTY(field=empty.label)
    if violation.kind == "CHECK":
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", violation.detail))
        named = [f for f in spec.fields if f.name in words or words & set(f.columns)]
        if named:
            return NOT_ALLOWED(fields=joined(f.label for f in named))
    if violation.kind == "FOREIGN KEY":
        return _missing_reference(db, spec, rows) or SOMETHING_GONE
    return CLASHES


def _missing_reference(db: Database, spec: RecordSpec, rows: Rows) -> Message | None:
    """The first reference among ``rows`` that names a record no longer there."""
    for label, target, table, column in _references(spec):
        ids = [row[column] for row in rows.get(table, ()) if row.get(column) is not None]
        if not ids:
            continue
        target_table = spec_for(target).table
        found = {
            row[0]
            for row in db.query_in(f"SELECT id FROM {target_table} WHERE id IN ({{ids}})", ids)
        }
        if any(ident not in found for ident in ids):
            return GONE(field=label, target=one_record_label(target))
    return None


def _references(spec: RecordSpec) -> Iterator[tuple[str, str, str, str]]:
    """(label, record type referred to, table, column) of every reference a record's rows hold,
    whether or not it blocks a delete: a row put back must find what it names."""
    for field in spec.fields:
        if field.kind is Kind.REF and field.ref is not None:
            yield field.label, field.ref, spec.table, field.name
        elif field.kind is Kind.REF_LIST and field.ref is not None and field.link is not None:
            yield field.label, field.ref, field.link.table, field.link.value_column
        elif field.kind is Kind.REPORTER:
            staff_column, student_column = field.columns
            yield field.label, "staff", spec.table, staff_column
            yield field.label, "student", spec.table, student_column
    for owned in spec.owned:
        counted = owned.counted_as
        label = (counted.one if current_language() == "en" else counted.zh) if counted else ""
        for column, target in owned.refers:
            yield label or owned.table, target, owned.table, column


def _rows_of(spec: RecordSpec, clean: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The references of validated values, laid out as the rows they are written to."""
    row: dict[str, Any] = {}
    rows: dict[str, list[dict[str, Any]]] = {spec.table: [row]}
    for field in spec.fields:
        value = clean.get(field.name)
        if field.kind is Kind.REF:
            row[field.name] = value
        elif field.kind is Kind.REPORTER:
            staff_column, student_column = field.columns
            row[staff_column] = value[1] if value and value[0] == "staff" else None
            row[student_column] = value[1] if value and value[0] == "student" else None
        elif field.kind is Kind.REF_LIST and field.link is not None:
            rows[field.link.table] = [{field.link.value_column: item} for item in value or ()]
    return rows


def _values_of(spec: RecordSpec, row: Mapping[str, Any]) -> dict[str, Any]:
    return {f.name: row.get(f.name) for f in spec.fields if f.stored_in_row}


def _field(spec: RecordSpec, column: str) -> FieldSpec | None:
    for field in spec.fields:
        if field.name == column or column in field.columns:
            return field
    return None


def _shown(field: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if field.kind is Kind.SCHOOL_YEAR:
        return SchoolYear(int(value)).name  # 2025—2026学年, as the workbook writes it
    return field.vocab.label(value) if field.vocab is not None else str(value)
