"""Importing one record sheet: each row checked, matched and written inside the import's transaction.

Matching, so that importing the same workbook twice changes nothing:
- a record type with a natural key (学号, 工号, 班级编号, 学期名称, 停开日期) is matched by it; a match
  is updated when a value differs, and columns the sheet lacks keep their stored values;
- a dated record without a natural key is matched by its whole row (every field the sheet has,
  link lists included; an empty 录入日期 matches any). Each stored record matches at most one row,
  so two identical rows (two lessons on one day) stay two records on every import.

Every problem is collected with its sheet, Excel row and column header; a row with a problem is not
written, and a key it defines is marked pending so that later sheets do not report it again.

Which school year's class a 班级编号 names is :mod:`~counselor_app.workbook.row_classes`'s business:
on a dated row the class of its date's year, on 学生 the class of the student's latest year.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import Message, msg
from counselor_app.records.constraints import RefusedByDatabase
from counselor_app.records.service import Record, RecordService
from counselor_app.records.spec import Kind, RecordSpec
from counselor_app.records.validation import REQUIRED, validate
from counselor_app.records.values import BadValue, to_date, to_school_year
from counselor_app.school.core import School
from counselor_app.workbook.cells import display, for_converter, is_blank, plain_text, split_cell
from counselor_app.workbook.class_refs import ClassLookup
from counselor_app.workbook.counts import SheetCounts
from counselor_app.workbook.enrolment_plan import EnrolmentPlan
from counselor_app.workbook.layout import REFERENCE_KEYS, is_code_field, normalize_code
from counselor_app.workbook.reading import SheetData
from counselor_app.workbook.references import AMBIGUOUS_REPORTER, UNKNOWN_KEY, KeyIndex
from counselor_app.workbook.row_classes import row_day, student_class
from counselor_app.years.school_years import SchoolYear, current_school_year

CELL_SAYS = msg("单元格内容为“{value}”：{problem}", "the cell holds '{value}': {problem}")
DUPLICATE_KEY = msg(
    "{header}“{value}”在第 {first} 行已经出现过；同一张表中每个{header}只能出现一次",
    "{header} '{value}' already appears on row {first}; each {header} may appear only once on a "
    "sheet",
)
DUPLICATE_KEY_WITHIN = msg(
    "{header}“{value}”在第 {first} 行已经出现过（同为{within}）；同一{scope}中每个{header}只能出现一次",
    "{header} '{value}' of {within} already appears on row {first}; each {header} may appear "
    "only once per {scope}",
)
UNKNOWN_REPORTER = msg(
    "找不到工号或学号为“{value}”的教职工或学生",
    "there is no staff member or student with 工号 or 学号 '{value}'",
)
# Fields whose empty cell matches a row whatever it stores. Before schema 5 a session imported
# without 录入日期 was stamped with the day of the import; importing that workbook again must still
# find it rather than add it a second time.
_BLANK_MATCHES_ANY = {("session", "entered_on")}

# A natural key's parts as text: (学号) or (学年, 班级编号).
Key = tuple[str, ...]

NOT_STORED = msg("这一行无法保存（{reason}）", "this row could not be saved ({reason})")


def locate(spec: RecordSpec, problem: Problem, row: int, raw: Mapping[str, Any]) -> Problem:
    """A validation problem placed at its sheet, row and column, quoting the cell when it helps."""
    try:
        field = spec.field(problem.field)
    except KeyError:
        return Problem(problem.field, problem.message, spec.label_zh, row)
    message: Message = problem.message
    cell = raw.get(field.name)
    if not is_blank(cell) and message is not REQUIRED:
        shown = display(cell)
        if shown not in message.render():
            message = CELL_SAYS(value=shown, problem=message)
    return Problem(field.label_zh, message, spec.label_zh, row)


def _signature(record: Mapping[str, Any], names: tuple[str, ...]) -> str:
    return json.dumps([record.get(name) for name in names], ensure_ascii=False, default=str)


class RecordSheetImporter:
    def __init__(
        self,
        school: School,
        service: RecordService,
        keys: KeyIndex,
        spec: RecordSpec,
        present: Mapping[int, str],
        problems: list[Problem],
        enrolment_plan: EnrolmentPlan | None = None,
    ) -> None:
        self._school = school
        self._plan = enrolment_plan or EnrolmentPlan()
        self._service = service
        self._keys = keys
        self._spec = spec
        self._present = present
        self._problems = problems
        self._key_fields = spec.natural_key
        # A school year left empty means the current one, as of the terms already imported.
        self._current_year = current_school_year(school.db, school.today()).start
        # What was stored before this sheet; rows added by the sheet are never matched again.
        self._existing = service.find(spec.type, order=["id"])
        self._by_key: dict[Key, Record] = {}
        if self._key_fields:
            for record in self._existing:
                stored = self._key_of(record)
                if stored is not None:
                    self._by_key[stored] = record
        self._seen: dict[Key, int] = {}
        self._signatures: dict[tuple[str, ...], dict[str, list[int]]] = {}
        self._claimed: set[int] = set()
        self.counts = SheetCounts()

    def run(self, data: SheetData, between_rows: Callable[[], None] | None = None) -> SheetCounts:
        for row, raw in data.named_rows(self._present):
            self._import_row(row, raw)
            if between_rows is not None:
                between_rows()
        return self.counts

    # -- one row -------------------------------------------------------------------------------
    def _import_row(self, row: int, raw: Mapping[str, Any]) -> None:
        spec = self._spec
        problems: list[Problem] = []
        values, blocked = self._read_cells(row, raw, problems)
        key = self._key_of(values)
        if key is not None:
            first = self._seen.get(key)
            if first is not None:
                self._problems.append(self._duplicate(key, first, row))
                return
            self._seen[key] = row
        existing = self._by_key.get(key) if key is not None else None
        given = {name: value for name, value in (existing or {}).items() if name != "id"}
        given.update(values)
        # Nothing is filled in for a new row: a session whose 录入日期 is empty keeps an unknown
        # entry date (today would be the day of the import, not the day it was written down).
        clean, found = validate(
            self._school.db,
            spec,
            given,
            today=self._school.today(),
            record_id=existing["id"] if existing else None,
        )
        # A reference already reported (or waiting on a rejected row) is not reported again.
        problems += [locate(spec, p, row, raw) for p in found if p.field not in blocked]
        if problems or blocked:
            # Left to right, as the person reads the row.
            order = {field.label_zh: i for i, field in enumerate(spec.fields)}
            self._problems.extend(sorted(problems, key=lambda p: order.get(p.field, -1)))
            reference = self._reference_of(values)
            if reference is not None and spec.type == "class":
                self._keys.classes.mark_pending(self._year_of(values), reference)
            elif reference is not None:
                self._keys.mark_pending(spec.type, reference)
            return
        compared = tuple(
            f.name
            for f in spec.fields
            if f.name in raw
            and not ((spec.type, f.name) in _BLANK_MATCHES_ANY and is_blank(raw[f.name]))
        )
        try:
            self._write(clean, existing, key, compared)
        except RefusedByDatabase as exc:  # a constraint validation did not foresee
            self._problems.append(Problem("", NOT_STORED(reason=exc.reason), spec.label_zh, row))

    def _read_cells(
        self, row: int, raw: Mapping[str, Any], problems: list[Problem]
    ) -> tuple[dict[str, Any], set[str]]:
        """Cell values ready for validation; references resolved to ids by natural key."""
        spec = self._spec
        values: dict[str, Any] = {}
        blocked: set[str] = set()
        for name, cell in raw.items():
            field = spec.field(name)
            if field.kind in (Kind.REF, Kind.REF_LIST) and field.ref == "class":
                items = (
                    split_cell(cell)
                    if field.kind is Kind.REF_LIST
                    else ([] if is_blank(cell) else [plain_text(cell)])
                )
                ids: list[int] = []
                for lookup in self._classes_named(items, raw):
                    if lookup.problem is not None:
                        problems.append(Problem(field.label_zh, lookup.problem, spec.label_zh, row))
                    if lookup.problem is not None or lookup.pending:
                        blocked.add(name)
                    elif lookup.ident is not None and lookup.ident not in ids:
                        ids.append(lookup.ident)
                values[name] = ids if field.kind is Kind.REF_LIST else (ids[0] if ids else None)
            elif field.kind in (Kind.REF, Kind.REF_LIST):
                items = (
                    split_cell(cell)
                    if field.kind is Kind.REF_LIST
                    else ([] if is_blank(cell) else [plain_text(cell)])
                )
                found = self._keys.resolve(field.ref or "", items)
                key = REFERENCE_KEYS[field.ref or ""]
                for item in found.unknown:
                    problems.append(
                        Problem(
                            field.label_zh,
                            UNKNOWN_KEY(
                                key_label=key.key_label,
                                value=item,
                                target=key.target,
                                sheet=key.sheet,
                            ),
                            spec.label_zh,
                            row,
                        )
                    )
                if found.unknown or found.pending:
                    blocked.add(name)
                single = found.ids[0] if found.ids else None
                values[name] = found.ids if field.kind is Kind.REF_LIST else single
            elif field.kind is Kind.REPORTER:
                values[name] = None
                if is_blank(cell):
                    continue
                who, failed, pending = self._keys.resolve_reporter(cell)
                if who is not None:
                    values[name] = who
                    continue
                blocked.add(name)
                if pending:
                    continue
                message = (
                    AMBIGUOUS_REPORTER(value=plain_text(cell))
                    if failed is None
                    else UNKNOWN_REPORTER(value=failed)
                )
                problems.append(Problem(field.label_zh, message, spec.label_zh, row))
            else:
                value = for_converter(field, cell)
                if value is not None and is_code_field(spec, field):
                    value = normalize_code(str(value))
                values[name] = value
        return values, blocked

    # -- which class -----------------------------------------------------------------------------
    def _classes_named(self, items: list[str], raw: Mapping[str, Any]) -> list[ClassLookup]:
        """The class each item names on this row (a pending lookup: wait, already reported)."""
        classes = self._keys.classes
        if self._spec.type == "student":
            cell = raw.get("student_no")
            number = None if is_blank(cell) else normalize_code(plain_text(cell))
            existing = self._by_key.get((number,)) if number is not None else None
            stored = existing["class_id"] if existing is not None else None
            return [
                student_class(classes, self._plan, item, number, stored, self._current_year)
                for item in items
            ]
        day, month = row_day(self._spec, raw)
        if day is None:  # the date's own problem is reported by validation
            return [ClassLookup(pending=True) for _ in items]
        return [classes.look_up(item, day=day, month=month) for item in items]

    def _duplicate(self, key: Key, first: int, row: int) -> Problem:
        """A natural key seen on an earlier row of the sheet, named with its school year."""
        spec = self._spec
        *scope, last = (spec.field(name) for name in self._key_fields)
        header = last.label_zh
        if scope:
            within = "、".join(
                SchoolYear(int(part)).name if field.kind is Kind.SCHOOL_YEAR else part
                for field, part in zip(scope, key, strict=False)
            )
            message = DUPLICATE_KEY_WITHIN(
                header=header,
                value=key[-1],
                first=first,
                within=within,
                scope="、".join(field.label_zh for field in scope),
            )
        else:
            message = DUPLICATE_KEY(header=header, value=key[-1], first=first)
        return Problem(header, message, spec.label_zh, row)

    def _year_of(self, values: Mapping[str, Any]) -> int | None:
        """A class row's school year (blank: the current one); None when it cannot be read."""
        cell = values.get("school_year")
        if is_blank(cell):
            return self._current_year
        try:
            return to_school_year(cell)
        except BadValue:
            return None

    def _key_of(self, values: Mapping[str, Any]) -> Key | None:
        """The natural key of a row (cell values) or a stored record, comparable between the two:
        (班级编号) or (学年, 班级编号) …; None when a part is missing or unreadable (validation
        reports it)."""
        if not self._key_fields:
            return None
        parts = []
        for name in self._key_fields:
            field = self._spec.field(name)
            value = values.get(name)
            if field.kind is Kind.SCHOOL_YEAR:
                if is_blank(value):
                    parts.append(str(self._current_year))
                    continue
                try:
                    parts.append(str(to_school_year(value)))
                except BadValue:
                    return None
                continue
            if is_blank(value):
                return None
            if field.kind is Kind.DATE:
                try:
                    value = to_date(value)
                except BadValue:
                    return None
            text = plain_text(value)
            parts.append(normalize_code(text) if is_code_field(self._spec, field) else text.strip())
        return tuple(parts)

    def _reference_of(self, values: Mapping[str, Any]) -> str | None:
        """What other sheets name this row by (学号, 工号, 班级编号), if they name such records."""
        key = REFERENCE_KEYS.get(self._spec.type)
        if key is None or is_blank(values.get(key.column)):
            return None
        return key.normalize(plain_text(values[key.column]))

    # -- writing -------------------------------------------------------------------------------
    def _write(
        self,
        clean: dict[str, Any],
        existing: Record | None,
        key: Key | None,
        compared: tuple[str, ...],
    ) -> None:
        spec = self._spec
        if existing is not None:
            if all(clean.get(f.name) == existing.get(f.name) for f in spec.fields):
                self.counts.unchanged += 1
            else:
                self._service.update_validated(spec.type, existing["id"], clean)
                self.counts.updated += 1
            return
        if key is None:
            match = self._unclaimed_match(clean, compared)
            if match is not None:
                self._claimed.add(match)
                self.counts.unchanged += 1
                return
        record_id = self._service.insert_validated(spec.type, clean)
        self.counts.added += 1
        reference = self._reference_of(clean)
        if reference is not None and spec.type == "class":
            self._keys.classes.remember(clean["school_year"], reference, record_id)
        elif reference is not None:
            self._keys.remember(spec.type, reference, record_id)

    def _unclaimed_match(self, clean: Mapping[str, Any], compared: tuple[str, ...]) -> int | None:
        index = self._signatures.get(compared)
        if index is None:
            index = {}
            for record in self._existing:
                index.setdefault(_signature(record, compared), []).append(record["id"])
            self._signatures[compared] = index
        for record_id in index.get(_signature(clean, compared), []):
            if record_id not in self._claimed:
                return int(record_id)
        return None
