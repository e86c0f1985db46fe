"""What the signed-in user may do with a record type, asked before offering it on a screen.

The record service enforces the rule when writing (a 管理员 may not create, change or delete a
record that holds confidential text, and nothing is written to a damaged database opened
read-only); screens ask here first so they do not offer what would be refused. A test keeps the two
in agreement.
"""

from __future__ import annotations

from counselor_app.records.catalog import spec_for
from counselor_app.school.core import School


def may_read_confidential(school: School) -> bool:
    """Whether confidential text (session notes, crisis details) reaches this user at all: a
    counsellor holding the confidential key."""
    return school.may_read_confidential


def hidden_fields(school: School, record_type: str) -> frozenset[str]:
    """The fields of ``record_type`` that the service hands this user as ``None``."""
    if may_read_confidential(school):
        return frozenset()
    return frozenset(spec_for(record_type).confidential_fields)


def may_write(school: School, record_type: str) -> bool:
    """Whether creating, changing and deleting records of this type would be accepted."""
    if school.db.read_only:
        return False
    return may_read_confidential(school) or not spec_for(record_type).confidential_fields


__all__ = ["hidden_fields", "may_read_confidential", "may_write"]
