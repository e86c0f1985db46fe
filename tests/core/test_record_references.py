"""The references the record service counts before a delete are the ones the database enforces.

The service derives them from the catalogue (``records.references``); the schema declares them as
foreign keys. A reference added to one and forgotten in the other fails here, rather than as a raw
database error when a counsellor deletes something.
"""

from __future__ import annotations

from counselor_app.records.catalog import BY_TYPE
from counselor_app.records.references import referrers
from counselor_app.school.core import School


def _restricting_foreign_keys(school: School) -> set[tuple[str, str, str]]:
    """(record type referred to, table, column) for every foreign key that refuses a delete."""
    types_by_table = {spec.table: spec.type for spec in BY_TYPE.values()}
    tables = [
        row[0]
        for row in school.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    found = set()
    for table in tables:
        for key in school.db.query(f"PRAGMA foreign_key_list({table})"):
            # (id, seq, table, from, to, on_update, on_delete, match); a key over two columns
            # (enrolment's class and school year) is one row per column: the id names the record.
            if key[6] in ("RESTRICT", "NO ACTION") and key[4] == "id":
                found.add((types_by_table.get(key[2], key[2]), table, key[3]))
    return found


def test_the_derived_references_are_exactly_the_schemas_restricting_foreign_keys(school):
    derived = {
        (record_type, referrer.table, referrer.column)
        for record_type in BY_TYPE
        for referrer in referrers(record_type)
    }
    assert derived == _restricting_foreign_keys(school)


def test_the_schema_has_the_references_a_counsellor_meets():
    # Worked out from the schema by hand: what keeps a student, a class and a staff member.
    assert {(r.table, r.column) for r in referrers("class")} == {
        ("student", "class_id"),
        ("enrolment", "class_id"),
        ("psych_lesson", "class_id"),
        ("activity_class", "class_id"),
        ("monitor_report", "class_id"),
    }
    assert ("session_student", "student_id") in {(r.table, r.column) for r in referrers("student")}
    assert ("abnormal_report", "reporter_student_id") not in {
        (r.table, r.column) for r in referrers("student")
    }  # ON DELETE SET NULL: the report stays and forgets who reported
    assert referrers("campus") == () and referrers("term") == ()
