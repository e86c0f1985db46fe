"""How a record type is described: its table, its fields and how each field is stored.

One description serves the validation, the generic create/read/update/delete service, the workbook
(the Chinese label of a field is its workbook column header) and the screens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from counselor_app.foundation.i18n import Message, current_language, msg
from counselor_app.foundation.vocab import Vocabulary

if TYPE_CHECKING:
    from counselor_app.storage.database import Database


class Kind(Enum):
    TEXT = "text"
    INT = "int"
    REAL = "real"
    DATE = "date"  # ISO YYYY-MM-DD text
    TIME = "time"  # HH:MM text
    MONTH = "month"  # YYYY-MM text
    SCHOOL_YEAR = "school_year"  # start year as an int (2025), shown 2025—2026学年; blank: current
    BOOL = "bool"  # stored 0/1
    CHOICE = "choice"  # one vocabulary code
    CHOICE_LIST = "choice_list"  # JSON list of vocabulary codes, in a column
    TEXT_LIST = "text_list"  # JSON list of free text, in a column
    REF = "ref"  # id of another record, in a column
    REF_LIST = "ref_list"  # ids of other records, in a link table
    CHOICE_LINK = "choice_link"  # vocabulary codes, in a link table (a staff member's roles)
    REPORTER = "reporter"  # a staff member or a student (two columns)


@dataclass(frozen=True)
class Link:
    """A link table that holds a list-valued field: (owner_column, value_column)."""

    table: str
    owner_column: str
    value_column: str


@dataclass(frozen=True)
class Counted:
    """How records are counted in a sentence: 辅导记录 3 / "3 sessions", "1 session"."""

    zh: str
    many: str
    one: str

    def message(self) -> Message:
        return msg(f"{self.zh} {{count}}", f"{{count}} {self.many}", en_one=f"1 {self.one}")


@dataclass(frozen=True)
class OwnedRows:
    """Rows of a table outside the catalogue that belong to one record (a student's class in each
    school year): deleted with it (ON DELETE CASCADE), kept with it in the recycle bin and put
    back, where missing, when it is restored. ``refers`` names the records the rows point at
    besides their owner, as (column, record type); those cannot be deleted while rows point at
    them, and ``counted_as`` says how the rows are counted then."""

    table: str
    owner_column: str
    refers: tuple[tuple[str, str], ...] = ()
    counted_as: Counted | None = None


@dataclass(frozen=True)
class Hooks:
    """What a record type does besides storing its fields; the record service calls them."""

    # A record typed in now (``RecordService.create``; the workbook's bulk writes do not come
    # here): fills in, in place, what the person was not asked for.
    on_entry: Callable[[dict[str, Any], dt.date], None] | None = None
    # After every write of the record's row, in the same transaction (create, update, bulk):
    # keeps columns derived from the fields in step. (database, record id, validated values)
    after_write: Callable[[Database, int, Mapping[str, Any]], None] | None = None


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_zh: str
    label_en: str
    kind: Kind
    required: bool = False
    vocab: Vocabulary | None = None
    ref: str | None = None  # the record type a REF / REF_LIST points to
    link: Link | None = None
    confidential: bool = False  # text a 管理员 may not read
    minimum: float | None = None
    maximum: float | None = None
    default: object = None
    columns: tuple[str, ...] = field(default=())  # for REPORTER: (staff column, student column)
    # A reference (REF, REF_LIST, REPORTER) stops the record it names from being deleted, unless
    # the database clears it instead (ON DELETE SET NULL): then this is True.
    cleared_on_delete: bool = False
    # How records are counted when this field is what refers (关爱小组 rather than 一生一策).
    counted_as: Counted | None = None

    @property
    def label(self) -> str:
        return self.label_en if current_language() == "en" else self.label_zh

    @property
    def stored_in_row(self) -> bool:
        return self.kind not in (Kind.REF_LIST, Kind.CHOICE_LINK, Kind.REPORTER)

    @property
    def sealed(self) -> bool:
        """Confidential free text is sealed with the confidential key in its column (see
        ``storage.sealed_text``). Confidential numbers (a session's risk level, a score) are not:
        the self-check counts them for every role, inside the encrypted database."""
        return self.confidential and self.kind is Kind.TEXT and self.stored_in_row

    @property
    def is_list(self) -> bool:
        return self.kind in (Kind.CHOICE_LIST, Kind.TEXT_LIST, Kind.REF_LIST, Kind.CHOICE_LINK)


@dataclass(frozen=True)
class RecordSpec:
    type: str
    table: str
    label_zh: str
    label_en: str
    fields: tuple[FieldSpec, ...]
    # Fields that identify a record across imports (学号, 工号, 班级编号); empty = the full row.
    natural_key: tuple[str, ...] = ()
    # The field that ties the record to students, for the student's timeline.
    student_field: str | None = None
    date_field: str | None = None
    # How a record is named in messages and the recycle bin: a format over field values.
    title: str = ""
    # How records of this type are counted when they refer to another that cannot be deleted;
    # None: by the type's labels.
    counted_as: Counted | None = None
    owned: tuple[OwnedRows, ...] = ()
    hooks: Hooks = Hooks()
    # What to do instead when a record of this type cannot be deleted; None: change or delete
    # what refers to it first.
    delete_advice: Message | None = None

    @property
    def label(self) -> str:
        return self.label_en if current_language() == "en" else self.label_zh

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.type} has no field {name!r}")

    @property
    def confidential_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.confidential)

    @property
    def sealed_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.sealed)

    @property
    def row_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.stored_in_row)
