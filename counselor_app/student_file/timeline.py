"""A student's file (一生一档): everything that touches the student, in date order.

Opening a student's file is itself recorded in the audit trail. A 管理员 sees the entries without
their confidential text (the record service removes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counselor_app.records.catalog import ALL, STUDENT, one_record_label
from counselor_app.records.service import Record, RecordService
from counselor_app.records.spec import Kind, RecordSpec
from counselor_app.school.core import School


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    record_type: str
    record_id: int
    kind_label: str  # one record's kind: 家访 / "Home visit"
    summary: str
    record: Record


def _records_about(service: RecordService, spec: RecordSpec, student_id: int) -> list[Record]:
    field = spec.field(spec.student_field or "")
    if field.kind is Kind.REF_LIST:
        return service.find(spec.type, contains={field.name: student_id})
    return service.find(spec.type, equals={field.name: student_id})


def summarize(spec: RecordSpec, record: Record) -> str:
    """A one-line description built from the record's non-confidential coded fields."""
    parts: list[str] = []
    for field in spec.fields:
        value: Any = record.get(field.name)
        if field.confidential or value in (None, [], ""):
            continue
        if field.kind is Kind.CHOICE and field.vocab is not None:
            parts.append(field.vocab.label(value))
        elif field.kind is Kind.INT and field.name in ("minutes", "level", "periods"):
            parts.append(f"{field.label} {value}")
    return " · ".join(parts)


def student_timeline(school: School, student_id: int) -> list[TimelineEntry]:
    service = RecordService(school)
    service.get(STUDENT.type, student_id)  # a clear message if the student does not exist
    entries: list[TimelineEntry] = []
    for spec in ALL:
        if spec.student_field is None or spec.date_field is None:
            continue
        for record in _records_about(service, spec, student_id):
            entries.append(
                TimelineEntry(
                    date=str(record[spec.date_field]),
                    record_type=spec.type,
                    record_id=record["id"],
                    kind_label=one_record_label(spec.type, capital=True),
                    summary=summarize(spec, record),
                    record=record,
                )
            )
    entries.sort(key=lambda e: (e.date, e.record_type, e.record_id), reverse=True)
    school.log("open_student_file", STUDENT.type, student_id)
    return entries
