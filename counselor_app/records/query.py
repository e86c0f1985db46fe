"""The question behind ``RecordService.find``, turned into SQL with every name checked.

A caller says which records it wants in the record type's own field names (``equals``,
``contains``, ``between``, ``order``); each name is looked up in the type's ``RecordSpec`` and only
the spec's column names ever reach the SQL, while every value is a bound parameter. A name the
spec does not have, or a field that cannot be asked about that way (sealed text, a list in a
column), is a programming error (``ValueError``), never something a person can type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.records.values import to_column

ID = "id"  # every record's own column, besides its fields


@dataclass(frozen=True)
class Query:
    """SQL after ``FROM <table>``: ``WHERE … ORDER BY … LIMIT …``, and its parameters."""

    tail: str
    parameters: tuple[Any, ...]


def build_query(
    spec: RecordSpec,
    *,
    equals: Mapping[str, Any] | None = None,
    contains: Mapping[str, Any] | None = None,
    between: Mapping[str, tuple[Any, Any]] | None = None,
    order: Sequence[str] | None = None,
    descending: bool = False,
    limit: int | None = None,
) -> Query:
    clauses: list[str] = []
    parameters: list[Any] = []
    for name, value in (equals or {}).items():
        column, converted = _row_value(spec, name, value, "equals")
        if converted is None:
            clauses.append(f"{column} IS NULL")
        else:
            clauses.append(f"{column} = ?")
            parameters.append(converted)
    for name, value in (contains or {}).items():
        field = _field(spec, name, "contains")
        if field.link is None:
            raise ValueError(
                f"{spec.type}.{name} is not a list kept in a link table; 'contains' needs one"
            )
        link = field.link
        clauses.append(
            f"id IN (SELECT {link.owner_column} FROM {link.table} WHERE {link.value_column} = ?)"
        )
        parameters.append(value)
    for name, (low, high) in (between or {}).items():
        column, _ = _row_value(spec, name, None, "between")
        if low is not None:
            clauses.append(f"{column} >= ?")
            parameters.append(_row_value(spec, name, low, "between")[1])
        if high is not None:
            clauses.append(f"{column} <= ?")
            parameters.append(_row_value(spec, name, high, "between")[1])
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""

    direction = " DESC" if descending else ""
    if order:
        names = [_row_value(spec, name, None, "order")[0] for name in order]
    elif spec.date_field:
        names, direction = [spec.date_field], " DESC"  # newest first, as every list shows them
    else:
        names = []
    if ID not in names:
        names.append(ID)  # ties in a stable order
    tail = f"{where} ORDER BY {', '.join(name + direction for name in names)}"
    if limit is not None:
        tail += " LIMIT ?"
        parameters.append(int(limit))
    return Query(tail, tuple(parameters))


def _field(spec: RecordSpec, name: str, use: str) -> FieldSpec:
    try:
        return spec.field(name)
    except KeyError:
        known = ", ".join(f.name for f in spec.fields)
        raise ValueError(
            f"{use}: record type {spec.type!r} has no field {name!r} (it has: id, {known})"
        ) from None


def _row_value(spec: RecordSpec, name: str, value: Any, use: str) -> tuple[str, Any]:
    """The column of a field stored in the record's own row, and ``value`` as stored there."""
    if name == ID:
        return ID, value
    field = _field(spec, name, use)
    if not field.stored_in_row or field.kind in (Kind.CHOICE_LIST, Kind.TEXT_LIST):
        raise ValueError(f"{use}: {spec.type}.{name} is a list, not a value in the record's row")
    if field.sealed:
        # Sealed text is ciphertext in its column: a comparison could never match.
        raise ValueError(f"{use}: {spec.type}.{name} is sealed text and cannot be compared")
    return field.name, to_column(field, value)
