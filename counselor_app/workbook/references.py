"""Turning the natural keys a workbook uses (学号, 工号, 班级编号, campus name) into record ids.

A reference resolves against the database, which during an import already holds the rows of the
earlier sheets (they are written in catalogue order inside the import's transaction). A key whose
own row was rejected is remembered as *pending*: a reference to it is neither resolved nor reported
again, so one mistyped student does not bury the real problems under a cascade of "unknown 学号".

A 班级编号 names a class only together with a school year; classes are found through
:class:`~counselor_app.workbook.class_refs.ClassDirectory` (``KeyIndex.classes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counselor_app.foundation.i18n import msg
from counselor_app.storage.database import Database
from counselor_app.workbook.cells import plain_text
from counselor_app.workbook.class_refs import ClassDirectory
from counselor_app.workbook.layout import REFERENCE_KEYS

UNKNOWN_KEY = msg(
    "找不到{key_label}为“{value}”的{target}：数据库里没有，本工作簿的“{sheet}”表里也没有。"
    "请检查是否填错，或先在“{sheet}”表中添加。",
    "there is no {target} with {key_label} '{value}', neither in the database nor on the sheet "
    "'{sheet}'. Check the value, or add it to the sheet '{sheet}' first.",
)
AMBIGUOUS_REPORTER = msg(
    "“{value}”既是工号也是学号，无法判断报告人是谁。请写成“工号:{value}”或“学号:{value}”",
    "'{value}' is both a staff no. and a student no.; write 工号:{value} or 学号:{value}",
)
STAFF_PREFIX = "工号"
STUDENT_PREFIX = "学号"


@dataclass
class Resolution:
    """The ids a cell named, what could not be found, and whether a pending key was named."""

    ids: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    pending: bool = False


class KeyIndex:
    """Natural key → id for the record types a workbook refers to, kept current during an import.

    Students, staff and campuses are found by their key alone; classes by their school year too
    (``classes``)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._ids: dict[str, dict[str, int]] = {}
        self._pending: dict[str, set[str]] = {name: set() for name in REFERENCE_KEYS}
        self.classes = ClassDirectory(db)

    def _index(self, record_type: str) -> dict[str, int]:
        if record_type == "class":
            raise ValueError("a class is found by its school year too: use KeyIndex.classes")
        if record_type not in self._ids:
            key = REFERENCE_KEYS[record_type]
            self._ids[record_type] = {
                key.normalize(str(row[1])): int(row[0])
                for row in self._db.query(f"SELECT id, {key.column} FROM {key.table}")
            }
        return self._ids[record_type]

    def lookup(self, record_type: str, text: str) -> int | None:
        key = REFERENCE_KEYS[record_type]
        return self._index(record_type).get(key.normalize(text))

    def remember(self, record_type: str, text: str, record_id: int) -> None:
        key = REFERENCE_KEYS[record_type]
        self._index(record_type)[key.normalize(text)] = record_id

    def mark_pending(self, record_type: str, text: str) -> None:
        """A key defined by a rejected row: references to it wait for that row to be fixed (a
        class: in every school year, as the row's year is not known here)."""
        if record_type == "class":
            self.classes.mark_pending(None, text)
            return
        key = REFERENCE_KEYS[record_type]
        self._pending[record_type].add(key.normalize(text))

    def is_pending(self, record_type: str, text: str) -> bool:
        key = REFERENCE_KEYS[record_type]
        return key.normalize(text) in self._pending[record_type]

    def resolve(self, record_type: str, items: list[str]) -> Resolution:
        result = Resolution()
        for item in items:
            found = self.lookup(record_type, item)
            if found is not None:
                if found not in result.ids:
                    result.ids.append(found)
            elif self.is_pending(record_type, item):
                result.pending = True
            else:
                result.unknown.append(item)
        return result

    def resolve_reporter(self, value: object) -> tuple[tuple[str, int] | None, str | None, bool]:
        """A 报告人 cell (工号 or 学号): ((who, id) or None, the text that failed, pending)."""
        text = plain_text(value)
        for prefix, who in ((STAFF_PREFIX, "staff"), (STUDENT_PREFIX, "student")):
            if text.startswith(prefix):
                rest = text[len(prefix) :].lstrip(":： ")
                found = self.lookup(who, rest)
                if found is not None:
                    return (who, found), None, False
                return None, rest, self.is_pending(who, rest)
        staff, student = self.lookup("staff", text), self.lookup("student", text)
        if staff is not None and student is not None:
            return None, None, False  # ambiguous: the caller reports AMBIGUOUS_REPORTER
        if staff is not None:
            return ("staff", staff), None, False
        if student is not None:
            return ("student", student), None, False
        pending = self.is_pending("staff", text) or self.is_pending("student", text)
        return None, text, pending
