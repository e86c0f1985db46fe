"""How a record's values read for a person: names for references, words for codes, lists joined.

A record as the service returns it holds ids and codes (``counsellor_id = 7``, ``topic = "study"``).
Lists, forms and printouts show ``王老师`` and ``学业`` instead. The readable names of the records
others point at (students, staff, classes, campuses) are loaded once into a :class:`NameBook`, so a
list of 100,000 sessions costs four queries, not one per cell.

This module only reads; it decides nothing about who may see what (the record service already
removed what a 管理员 may not read, which arrives here as ``None``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from counselor_app.foundation.i18n import current_language
from counselor_app.foundation.vocab import RISK_LEVEL, YES_NO, Vocabulary
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.storage.database import Database
from counselor_app.years.school_years import SchoolYear, current_school_year

#: What joins the items of a list-valued field on a Chinese screen (and in the workbook).
LIST_SEPARATOR = "；"


def list_separator(language: str | None = None) -> str:
    """What joins a list-valued field's items on a screen: ``；`` in Chinese, ``; `` in English
    (either is read back: :data:`counselor_app.records.values.LIST_SEPARATORS`)."""
    return "; " if (language or current_language()) == "en" else LIST_SEPARATOR


# Integer fields that hold a risk level (0 一般 … 3 危机): shown with the level's name.
RISK_LEVEL_FIELDS = frozenset(
    {
        ("session", "risk_level"),
        ("risk_assessment", "level"),
        ("crisis_plan", "level"),
        ("screening", "result_level"),
    }
)

# A field label is also the workbook's column header, so a reference is named after its key
# (学号, 辅导教师工号). On a screen the person is picked by name, so the key word goes.
_KEY_SUFFIXES = ("工号", "学号", "编号")
_SHORT_LABELS = {"学号": "学生", "班级编号": "班级"}


@dataclass(frozen=True)
class NameBook:
    """The readable names of everything a record can refer to, by record type and id."""

    students: dict[int, str] = field(default_factory=dict)
    staff: dict[int, str] = field(default_factory=dict)
    classes: dict[int, str] = field(default_factory=dict)
    campuses: dict[int, str] = field(default_factory=dict)
    # The classes of the current school year: what a picker offers for a new choice.
    current_classes: frozenset[int] = frozenset()
    # The current school year and the years that have classes (start years), for a 学年 picker.
    current_year: int | None = None
    years: tuple[int, ...] = ()

    def names_of(self, record_type: str) -> dict[int, str]:
        return {
            "student": self.students,
            "staff": self.staff,
            "class": self.classes,
            "campus": self.campuses,
        }.get(record_type, {})

    def choices(self, record_type: str) -> dict[int, str]:
        """What a picker offers: every record of the type, but for classes only the current
        school year's (a class of another year stays readable where a record names it)."""
        names = self.names_of(record_type)
        if record_type != "class":
            return names
        return {ident: name for ident, name in names.items() if ident in self.current_classes}

    def name(self, record_type: str | None, ident: Any) -> str:
        """The name of one record; an id nobody knows reads as ``#id`` rather than vanishing."""
        if ident is None:
            return ""
        try:
            return self.names_of(record_type or "")[int(ident)]
        except (KeyError, TypeError, ValueError):
            return f"#{ident}"


def load_names(db: Database, today: dt.date | None = None) -> NameBook:
    """Every student as 姓名（学号）, staff member by name, class and campus by name.

    Students in class and number order, staff by staff number, classes by grade and code, which is
    also the order a picker lists them in. The current school year (as of ``today``; without it,
    the latest year that has classes) is the one pickers offer classes of; a class of another year
    is named with its year, 七年级1班（2024—2025学年）, since the same name comes back every year.
    """
    if today is not None:
        current = current_school_year(db, today).start
    else:
        current = db.scalar("SELECT max(school_year) FROM class")
    classes: dict[int, str] = {}
    current_classes = set()
    for ident, name, year in db.query(
        "SELECT id, name, school_year FROM class ORDER BY school_year DESC, grade, class_code, id"
    ):
        if year == current:
            classes[ident] = name
            current_classes.add(ident)
        else:
            classes[ident] = f"{name}（{SchoolYear(year).name}）"
    return NameBook(
        students={
            row[0]: f"{row[1]}（{row[2]}）"
            for row in db.query(
                "SELECT s.id, s.name, s.student_no FROM student s JOIN class c ON c.id = s.class_id"
                " ORDER BY c.grade, c.class_code, s.student_no"
            )
        },
        staff={
            row[0]: row[1] for row in db.query("SELECT id, name FROM staff ORDER BY staff_no, id")
        },
        classes=classes,
        campuses={row[0]: row[1] for row in db.query("SELECT id, name FROM campus ORDER BY id")},
        current_classes=frozenset(current_classes),
        current_year=current,
        years=tuple(
            sorted({year for (year,) in db.query("SELECT DISTINCT school_year FROM class")})
        ),
    )


def short_label(spec: FieldSpec) -> str:
    """A field's label for a screen: ``辅导教师`` where the workbook says ``辅导教师工号``."""
    label = spec.label
    if spec.kind not in (Kind.REF, Kind.REF_LIST) or label != spec.label_zh:
        return label
    if label in _SHORT_LABELS:
        return _SHORT_LABELS[label]
    for suffix in _KEY_SUFFIXES:
        if label.endswith(suffix) and len(label) > len(suffix):
            return label[: -len(suffix)]
    return label


def value_vocabulary(record: RecordSpec, spec: FieldSpec) -> Vocabulary | None:
    """The words for a field's codes: its own vocabulary, or the risk levels for a level field."""
    if spec.vocab is not None:
        return spec.vocab
    if (record.type, spec.name) in RISK_LEVEL_FIELDS:
        return RISK_LEVEL
    return None


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def field_text(record: RecordSpec, spec: FieldSpec, value: Any, names: NameBook) -> str:
    """One field's value as a person reads it; blank for no value."""
    return text_maker(record, spec, names)(value)


def text_maker(record: RecordSpec, spec: FieldSpec, names: NameBook) -> Callable[[Any], str]:
    """A function that reads one field's values; made once per field to read thousands of rows."""
    kind = spec.kind
    separator = list_separator()
    vocab = value_vocabulary(record, spec)
    words = {code: vocab.label(code) for code in vocab.codes} if vocab is not None else {}
    people = names.names_of(spec.ref or "")

    def word(code: Any) -> str:
        return words.get(str(code), str(code))

    def ref(ident: Any) -> str:
        return people.get(ident) or names.name(spec.ref, ident)

    if kind is Kind.BOOL:
        yes, no = YES_NO.label("1"), YES_NO.label("0")
        return lambda value: "" if value is None else (yes if value else no)
    if kind is Kind.CHOICE:
        return lambda value: "" if value is None else word(value)
    if kind in (Kind.CHOICE_LIST, Kind.CHOICE_LINK):
        return lambda value: separator.join(word(v) for v in value) if value else ""
    if kind is Kind.INT and vocab is not None:
        if vocab is spec.vocab:
            return lambda value: "" if value is None else word(value)
        # A risk level: the number people count in, with its name.
        return lambda value: "" if value is None else f"{value} {word(value)}"
    if kind is Kind.REAL:
        return lambda value: "" if value is None else number_text(value)
    if kind is Kind.SCHOOL_YEAR:
        return lambda value: "" if value is None else SchoolYear(value).name
    if kind is Kind.TEXT_LIST:
        return lambda value: separator.join(str(v) for v in value) if value else ""
    if kind is Kind.REF:
        return lambda value: "" if value is None else ref(value)
    if kind is Kind.REF_LIST:
        return lambda value: separator.join(ref(v) for v in value) if value else ""
    if kind is Kind.REPORTER:
        return lambda value: "" if value is None else names.name(value[0], value[1])
    return lambda value: "" if value is None else str(value)


def record_texts(
    record: RecordSpec, fields: Iterable[FieldSpec], values: dict[str, Any], names: NameBook
) -> tuple[str, ...]:
    return tuple(text_maker(record, f, names)(values.get(f.name)) for f in fields)


__all__ = [
    "LIST_SEPARATOR",
    "RISK_LEVEL_FIELDS",
    "NameBook",
    "field_text",
    "list_separator",
    "load_names",
    "number_text",
    "record_texts",
    "short_label",
    "text_maker",
    "value_vocabulary",
]
