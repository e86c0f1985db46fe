"""Who may write records: the role rule the record service and the recycle bin both apply.

A 管理员 may not create, change, delete or restore records with confidential text; a damaged
database (opened read-only) takes no writes at all.
"""

from __future__ import annotations

from counselor_app.foundation.i18n import current_language, msg
from counselor_app.records.spec import RecordSpec
from counselor_app.school.core import School, ensure_not_damaged

CONFIDENTIAL_WRITE = msg("修改{record}", "change {record}")


def require_write(school: School, spec: RecordSpec) -> None:
    if spec.confidential_fields and not school.may_read_confidential:
        # "Only a counsellor may change home visits": the list's label, inside a sentence.
        records = spec.label_en.lower() if current_language() == "en" else spec.label_zh
        school.require_counsellor(CONFIDENTIAL_WRITE(record=records))
    if school.db.read_only:
        ensure_not_damaged(school)
