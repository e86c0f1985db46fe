"""Which rows refer to a record, read from the catalogue's reference fields.

A record that other rows still refer to cannot be deleted (the database refuses: ON DELETE
RESTRICT), and the service says by what and how many. The list is derived here from every spec's
REF, REF_LIST and REPORTER fields and its owned rows, so a record type added to the catalogue is
counted without another list to keep; ``tests/core/test_record_references.py`` holds it equal to
the foreign keys the database schema declares.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from counselor_app.foundation.i18n import Message
from counselor_app.records.catalog import ALL, BY_TYPE, ONE_RECORD_EN
from counselor_app.records.spec import Counted, FieldSpec, Kind, RecordSpec


@dataclass(frozen=True)
class Referrer:
    """Rows of ``table`` whose ``column`` holds a record's id, and how to count them."""

    table: str
    column: str
    uses: Message  # 辅导记录 {count} / "{count} sessions"


def referrers(record_type: str) -> tuple[Referrer, ...]:
    """What stops a record of this type from being deleted, in catalogue order."""
    return _all_referrers().get(record_type, ())


@cache
def _all_referrers() -> dict[str, tuple[Referrer, ...]]:
    found: dict[str, list[Referrer]] = {}
    for spec in (*ALL, *(s for s in BY_TYPE.values() if s not in ALL)):
        for field in spec.fields:
            if field.cleared_on_delete:
                continue
            counted = field.counted_as or spec.counted_as or _by_label(spec)
            for target, table, column in _references(spec, field):
                found.setdefault(target, []).append(Referrer(table, column, counted.message()))
        for owned in spec.owned:
            counted = owned.counted_as or spec.counted_as or _by_label(spec)
            for column, target in owned.refers:
                found.setdefault(target, []).append(
                    Referrer(owned.table, column, counted.message())
                )
    return {target: tuple(found_for) for target, found_for in found.items()}


def _references(spec: RecordSpec, field: FieldSpec) -> list[tuple[str, str, str]]:
    """(record type referred to, table, column) for one field."""
    if field.kind is Kind.REF and field.ref is not None:
        return [(field.ref, spec.table, field.name)]
    if field.kind is Kind.REF_LIST and field.ref is not None and field.link is not None:
        return [(field.ref, field.link.table, field.link.value_column)]
    if field.kind is Kind.REPORTER:
        staff_column, student_column = field.columns
        return [("staff", spec.table, staff_column), ("student", spec.table, student_column)]
    return []


def _by_label(spec: RecordSpec) -> Counted:
    return Counted(spec.label_zh, spec.label_en.lower(), ONE_RECORD_EN.get(spec.type, spec.type))
