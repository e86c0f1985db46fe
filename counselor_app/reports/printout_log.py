"""Recording a printout in the audit trail: which report, about which record, never its content."""

from __future__ import annotations

from counselor_app.school import School


def log_printout(
    school: School, record_type: str | None, record_id: int | None, **detail: object
) -> None:
    """Add a ``print`` entry, unless the database was opened read-only after a failed integrity
    check: then nothing can be written, and getting the records out on paper matters more (the
    unlock of a damaged school is not logged either)."""
    if not school.db.read_only:
        school.log("print", record_type, record_id, **detail)
