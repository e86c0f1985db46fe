"""Creating, reading, changing and deleting records of every type, with undo.

One generic service serves all record types through their descriptions in ``catalog``. It checks
every write (``validation``), writes the record and its link rows in one transaction together with
an audit entry, and moves deleted records to the recycle bin (``recycle_bin``), from which they
can be restored for ``RECYCLE_DAYS`` days.

Role rule: a 管理员 may read records with confidential text only with that text removed, and may not
create, change or delete them (``access``). This is enforced here, not in the screens. Confidential
free text is sealed with the confidential key as it is written and opened as it is read (see
``storage.sealed_text``), so a 管理员 who opens the database outside the program cannot read it
either. A write the database refuses is told in the counsellor's words (``constraints``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlcipher3 import dbapi2

from counselor_app.foundation.change import Change as Change  # callers import it from here
from counselor_app.foundation.errors import InvalidInput, ValidationFailed
from counselor_app.foundation.i18n import current_language, joined, msg
from counselor_app.records.access import require_write
from counselor_app.records.catalog import one_record_label, spec_for
from counselor_app.records.constraints import OTHER_RECORDS, write_refused
from counselor_app.records.query import build_query
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.references import referrers
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.records.validation import validate
from counselor_app.records.values import from_column, to_column
from counselor_app.school.core import School

REDACTED = None  # what a 管理员 sees in place of confidential text

NOT_FOUND = msg(
    "找不到这条{record}（编号 {ident}），可能已被删除。",
    "This {record} (id {ident}) was not found; it may have been deleted.",
)
INVALID_RECORD = msg(
    "这条{record}有 {count} 处需要修改：",
    "This {record} has {count} problems:",
    en_one="This {record} has a problem:",
)
STILL_REFERENCED = msg(
    "不能删除{title}：还有 {uses} 引用它。{advice}",
    "The {title} cannot be deleted: it is still referred to by {uses}. {advice}",
)
ADVICE_OTHER = msg("请先删除或修改这些记录。", "Delete or change those records first.")
Record = dict[str, Any]


class RecordService:
    def __init__(self, school: School) -> None:
        self._school = school
        self._db = school.db

    # -- reading -------------------------------------------------------------------------------
    def get(self, record_type: str, record_id: int) -> Record:
        spec = spec_for(record_type)
        rows = self._load(spec, "WHERE id = ?", (record_id,))
        if not rows:
            raise InvalidInput(NOT_FOUND(record=one_record_label(spec.type), ident=record_id))
        return rows[0]

    def find(
        self,
        record_type: str,
        *,
        equals: Mapping[str, Any] | None = None,
        contains: Mapping[str, Any] | None = None,
        between: Mapping[str, tuple[Any, Any]] | None = None,
        order: Sequence[str] | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[Record]:
        """Records of a type, asked for in its own field names (see ``records.query``).

        ``equals``: field → value (None matches an empty field); ``contains``: a list field kept
        in a link table → one value it must hold; ``between``: field → (lowest, highest), both
        included, either None; ``order``: fields, ties broken by id; without it the newest come
        first (by the type's date field), or the oldest id.
        """
        spec = spec_for(record_type)
        query = build_query(
            spec,
            equals=equals,
            contains=contains,
            between=between,
            order=order,
            descending=descending,
            limit=limit,
        )
        return self._load(spec, query.tail, query.parameters)

    def count(self, record_type: str) -> int:
        return int(self._db.scalar(f"SELECT count(*) FROM {spec_for(record_type).table}"))

    def _load(self, spec: RecordSpec, tail: str, parameters: Sequence[Any]) -> list[Record]:
        rows = self._db.query(f"SELECT * FROM {spec.table} {tail}", parameters)
        records: list[Record] = []
        readable = self._school.may_read_confidential
        for row in rows:
            record: Record = {"id": row["id"]}
            for field in spec.fields:
                if field.sealed:
                    record[field.name] = (
                        from_column(
                            field,
                            self._school.open_text(f"{spec.table}.{field.name}", row[field.name]),
                        )
                        if readable
                        else REDACTED
                    )
                elif field.stored_in_row:
                    record[field.name] = from_column(field, row[field.name])
                elif field.kind is Kind.REPORTER:
                    staff_col, student_col = field.columns
                    if row[staff_col] is not None:
                        record[field.name] = ("staff", row[staff_col])
                    elif row[student_col] is not None:
                        record[field.name] = ("student", row[student_col])
                    else:
                        record[field.name] = None
            records.append(record)
        self._attach_links(spec, records)
        if not readable:
            for record in records:
                for name in spec.confidential_fields:
                    record[name] = REDACTED
        return records

    def _attach_links(self, spec: RecordSpec, records: list[Record]) -> None:
        link_fields = [f for f in spec.fields if f.link is not None]
        if not link_fields or not records:
            return
        by_id = {r["id"]: r for r in records}
        for field in link_fields:
            assert field.link is not None
            for record in records:
                record[field.name] = []
            for owner, value in self._db.query_in(
                f"SELECT {field.link.owner_column}, {field.link.value_column}"
                f" FROM {field.link.table} WHERE {field.link.owner_column} IN ({{ids}})"
                f" ORDER BY 1, 2",
                list(by_id),
            ):
                by_id[owner][field.name].append(value)
            if field.kind is Kind.CHOICE_LINK and field.vocab is not None:
                order = field.vocab.codes
                for record in records:
                    record[field.name].sort(key=order.index)

    # -- writing -------------------------------------------------------------------------------
    def check(
        self, record_type: str, values: Mapping[str, Any], record_id: int | None = None
    ) -> list[Any]:
        """The problems a save would report, without saving (for forms that validate as you type)."""
        _, problems = validate(
            self._db, spec_for(record_type), values, record_id=record_id, today=self._school.today()
        )
        return problems

    def create(self, record_type: str, values: Mapping[str, Any]) -> Change:
        spec = spec_for(record_type)
        require_write(self._school, spec)
        if spec.hooks.on_entry is not None:
            values = dict(values)
            spec.hooks.on_entry(values, self._school.today())
        clean = self._validated(spec, values, None)
        with self._refusals_explained(spec, clean), self._db.transaction():
            record_id = self._insert(spec, clean)
            self._after_write(spec, record_id, clean)
            self._school.log("create", spec.type, record_id)
        return Change(spec.type, record_id, "created")

    def update(self, record_type: str, record_id: int, changes: Mapping[str, Any]) -> Change:
        """Change some fields; the others keep their values."""
        spec = spec_for(record_type)
        require_write(self._school, spec)
        current = self.get(record_type, record_id)
        merged = {**current, **changes}
        clean = self._validated(spec, merged, record_id)
        changed = sorted(name for name in changes if current.get(name) != clean.get(name))
        with self._refusals_explained(spec, clean), self._db.transaction():
            self._write_row(spec, clean, record_id)
            self._write_links(spec, record_id, clean, replace=True)
            self._after_write(spec, record_id, clean)
            self._school.log("update", spec.type, record_id, fields=changed)
        return Change(spec.type, record_id, "updated")

    # -- bulk writing (the workbook import) ----------------------------------------------------
    # A bulk writer validates each row itself (to report every problem with its sheet and row),
    # writes inside its own all-or-nothing transaction and logs one audit entry for the batch, so
    # these write without an audit entry of their own. Role and read-only checks still apply.
    # They open no savepoint of their own: under SQLCipher's memory protection a savepoint per
    # row makes a 10,000-row import several times slower, and the caller's transaction already
    # makes the batch all or nothing (a row that fails part-way is rolled back with the batch).
    def insert_validated(self, record_type: str, clean: Mapping[str, Any]) -> int:
        """Insert a record whose values came from ``validate``; returns the new id.

        Call inside ``db.transaction()``."""
        spec = spec_for(record_type)
        self._require_bulk_write(spec)
        with self._refusals_explained(spec, clean):
            record_id = self._insert(spec, clean)
            self._after_write(spec, record_id, clean)
        return record_id

    def update_validated(self, record_type: str, record_id: int, clean: Mapping[str, Any]) -> None:
        """Replace every field of a record with values that came from ``validate``.

        Call inside ``db.transaction()``."""
        spec = spec_for(record_type)
        self._require_bulk_write(spec)
        with self._refusals_explained(spec, clean):
            self._write_row(spec, clean, record_id)
            self._write_links(spec, record_id, clean, replace=True)
            self._after_write(spec, record_id, clean)

    @contextmanager
    def _refusals_explained(self, spec: RecordSpec, clean: Mapping[str, Any]) -> Iterator[None]:
        """A write the database refuses is told in the counsellor's words, never in SQLite's."""
        try:
            yield
        except dbapi2.IntegrityError as exc:
            raise write_refused(self._db, spec, clean, exc) from exc

    def _require_bulk_write(self, spec: RecordSpec) -> None:
        require_write(self._school, spec)
        if not self._db.in_transaction:
            raise RuntimeError("bulk writes must run inside the caller's transaction")

    def delete(self, record_type: str, record_id: int) -> Change:
        """Move a record (and its link rows) to the recycle bin."""
        spec = spec_for(record_type)
        require_write(self._school, spec)
        record = self.get(record_type, record_id)
        self._refuse_if_referenced(spec, record)
        with self._db.transaction():
            RecycleBin(self._school).put(spec, record_id, self.title(spec, record))
            try:
                self._db.execute(f"DELETE FROM {spec.table} WHERE id = ?", (record_id,))
            except dbapi2.IntegrityError as exc:  # a reference the catalogue does not declare
                raise InvalidInput(
                    STILL_REFERENCED(
                        title=self.title(spec, record),
                        uses=OTHER_RECORDS.render(),
                        advice=ADVICE_OTHER.render(),
                    )
                ) from exc
            self._school.log("delete", spec.type, record_id)
        return Change(spec.type, record_id, "deleted")

    # -- helpers -------------------------------------------------------------------------------
    def title(self, spec: RecordSpec, record: Mapping[str, Any]) -> str:
        """How one record is named in a sentence: 家访“2025-10-09”, home visit “2025-10-09”."""
        label = one_record_label(spec.type)
        try:
            named = spec.title.format(**record) if spec.title else ""
        except (KeyError, IndexError):
            named = ""
        if not named:
            return label
        return f"{label} “{named}”" if current_language() == "en" else f"{label}“{named}”"

    def _validated(
        self, spec: RecordSpec, values: Mapping[str, Any], record_id: int | None
    ) -> dict[str, Any]:
        clean, problems = validate(
            self._db, spec, values, record_id=record_id, today=self._school.today()
        )
        if problems:
            raise ValidationFailed(
                INVALID_RECORD(record=one_record_label(spec.type), count=len(problems)),
                [_labelled(spec, p) for p in problems],
            )
        return clean

    def _row_columns(self, spec: RecordSpec, clean: Mapping[str, Any]) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        for field in spec.fields:
            if field.sealed:
                columns[field.name] = self._school.seal_text(
                    f"{spec.table}.{field.name}", to_column(field, clean.get(field.name))
                )
            elif field.stored_in_row:
                columns[field.name] = to_column(field, clean.get(field.name))
            elif field.kind is Kind.REPORTER:
                staff_col, student_col = field.columns
                who = clean.get(field.name)
                columns[staff_col] = who[1] if who and who[0] == "staff" else None
                columns[student_col] = who[1] if who and who[0] == "student" else None
        return columns

    def _insert(self, spec: RecordSpec, clean: Mapping[str, Any]) -> int:
        columns = self._row_columns(spec, clean)
        names = ", ".join(columns)
        marks = ", ".join("?" * len(columns))
        cursor = self._db.execute(
            f"INSERT INTO {spec.table} ({names}) VALUES ({marks})", tuple(columns.values())
        )
        record_id = int(cursor.lastrowid)
        self._write_links(spec, record_id, clean, replace=False)
        return record_id

    def _write_row(self, spec: RecordSpec, clean: Mapping[str, Any], record_id: int) -> None:
        columns = self._row_columns(spec, clean)
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self._db.execute(
            f"UPDATE {spec.table} SET {assignments} WHERE id = ?", (*columns.values(), record_id)
        )

    def _write_links(
        self, spec: RecordSpec, record_id: int, clean: Mapping[str, Any], *, replace: bool
    ) -> None:
        for field in spec.fields:
            if field.link is None:
                continue
            link = field.link
            if replace:
                self._db.execute(
                    f"DELETE FROM {link.table} WHERE {link.owner_column} = ?", (record_id,)
                )
            self._db.executemany(
                f"INSERT INTO {link.table} ({link.owner_column}, {link.value_column}) VALUES (?, ?)",
                [(record_id, value) for value in clean.get(field.name) or []],
            )

    def _after_write(self, spec: RecordSpec, record_id: int, clean: Mapping[str, Any]) -> None:
        if spec.hooks.after_write is not None:
            spec.hooks.after_write(self._db, record_id, clean)

    def _refuse_if_referenced(self, spec: RecordSpec, record: Mapping[str, Any]) -> None:
        uses = []
        for referrer in referrers(spec.type):
            count = self._db.scalar(
                f"SELECT count(*) FROM {referrer.table} WHERE {referrer.column} = ?",
                (record["id"],),
            )
            if count:
                uses.append(referrer.uses(count=count))
        if uses:
            advice = spec.delete_advice or ADVICE_OTHER
            raise InvalidInput(
                STILL_REFERENCED(
                    title=self.title(spec, record), uses=joined(uses), advice=advice.render()
                )
            )


def _labelled(spec: RecordSpec, problem: Any) -> Any:
    """Name the field by its label, as the person saw it."""
    from counselor_app.foundation.errors import Problem

    try:
        field: FieldSpec = spec.field(problem.field)
    except KeyError:
        return problem
    return Problem(field.label, problem.message, problem.sheet, problem.row)
