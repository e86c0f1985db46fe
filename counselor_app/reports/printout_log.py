"""Recording a printout in the audit trail: which report, about which record, never its content.

The printout then carries the trail's stamp (the number and MAC start of its newest entry, the
``print`` entry itself), so that paper in a drawer shows later whether entries were removed:
``counselor-app audit verify --printed 1234-89ABCDEF``.
"""

from __future__ import annotations

from counselor_app.school.core import School
from counselor_app.storage.audit import printed_stamp


def log_printout(
    school: School, record_type: str | None, record_id: int | None, **detail: object
) -> str:
    """Add a ``print`` entry and return the stamp to print, in words (日志校验：1234-89ABCDEF).

    Nothing is added when the database was opened read-only after a failed integrity check:
    then nothing can be written, and getting the records out on paper matters more (the unlock of
    a damaged school is not logged either); the stamp is then the trail's as it stands."""
    if not school.db.read_only:
        school.log("print", record_type, record_id, **detail)
    return audit_stamp_words(printed_stamp(school.audit.anchor()))


def audit_stamp_words(stamp: str) -> str:
    return f"日志校验：{stamp}"
