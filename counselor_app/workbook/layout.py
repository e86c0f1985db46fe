"""The school workbook's sheets and columns, derived from the record catalogue.

``import-template.md`` is the contract: one sheet per record type, named by the record type's
Chinese label, with one column per field, headed by the field's Chinese label. This module turns
the catalogue into that shape once, so the template, the importer and the exporter cannot disagree.
It also describes the two sheets without a record type of their own, the school (学校信息) and
the students' classes by school year (学年分班), and how a reference is written in a workbook (by
natural key: 学号, 工号, 班级编号, campus name; which year's class a 班级编号 means is
:mod:`~counselor_app.workbook.class_refs`'s business).

Nothing here reads or writes a file or the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from counselor_app.foundation import vocab as v
from counselor_app.foundation.i18n import Message, msg
from counselor_app.records.catalog import ALL, CLASS, STUDENT
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec

REQUIRED_MARK = "*"
INSTRUCTIONS_SHEET = "说明"

# The school is a single row, not a catalogue record; describing it with the same FieldSpec lets
# the same converters and validation read its cells.
SCHOOL = RecordSpec(
    "school",
    "school",
    "学校信息",
    "School",
    (
        FieldSpec("name", "学校名称", "School name", Kind.TEXT, required=True),
        FieldSpec("stage", "学段", "Stage", Kind.CHOICE, vocab=v.STAGE),
        FieldSpec("campuses", "校区", "Campuses", Kind.TEXT_LIST),
        FieldSpec(
            "room_area_m2",
            "辅导室面积(平方米)",
            "Room area (m²)",
            Kind.REAL,
            minimum=1,
            maximum=10000,
        ),
        FieldSpec(
            "room_functions",
            "辅导室功能",
            "Room functions",
            Kind.CHOICE_LIST,
            vocab=v.ROOM_FUNCTION,
        ),
        FieldSpec("room_equipment", "辅导室设备", "Room equipment", Kind.TEXT_LIST),
        FieldSpec("hotline", "校内求助电话", "School help line", Kind.TEXT),
        FieldSpec("mailbox", "心理信箱", "Letter box", Kind.TEXT),
        FieldSpec("outside_hotline", "校外求助热线", "Outside help line", Kind.TEXT),
        FieldSpec(
            "booking_channels",
            "预约方式",
            "Booking channels",
            Kind.CHOICE_LIST,
            vocab=v.BOOKING_CHANNEL,
        ),
    ),
)
# The school-row columns that are stored in the ``school`` table (campuses live in their own).
SCHOOL_COLUMNS = tuple(f.name for f in SCHOOL.fields if f.name != "campuses")

# 学年分班: the class each student was in during each school year (the ``enrolment`` table). It is
# not a catalogue record (a student's placements are edited on the student), so, like the school,
# it is described here and has an importer of its own (``enrolment_sheet``).
ENROLMENT = RecordSpec(
    "enrolment",
    "enrolment",
    "学年分班",
    "Classes by school year",
    (
        FieldSpec("school_year", "学年", "School year", Kind.SCHOOL_YEAR, required=True),
        FieldSpec("student_id", "学号", "Student", Kind.REF, required=True, ref="student"),
        FieldSpec("class_id", "班级编号", "Class", Kind.REF, required=True, ref="class"),
    ),
    natural_key=("school_year", "student_id"),
)

# Fields whose 0–3 value is a risk level, so hints can name the levels.
RISK_LEVEL_FIELDS = {
    ("session", "risk_level"),
    ("risk_assessment", "level"),
    ("crisis_plan", "level"),
    ("screening", "result_level"),
}


@dataclass(frozen=True)
class NaturalKey:
    """How a record of another type is named in a workbook cell."""

    record_type: str
    table: str
    column: str
    key_label: Message
    target: Message
    sheet: str  # where the workbook itself may define such records

    def normalize(self, text: str) -> str:
        return normalize_code(text) if self.record_type != "campus" else text.strip()


REFERENCE_KEYS: dict[str, NaturalKey] = {
    "student": NaturalKey(
        "student",
        "student",
        "student_no",
        msg("学号", "student no."),
        msg("学生", "student"),
        "学生",
    ),
    "staff": NaturalKey(
        "staff",
        "staff",
        "staff_no",
        msg("工号", "staff no."),
        msg("教职工", "staff member"),
        "教职工",
    ),
    "class": NaturalKey(
        "class",
        "class",
        "class_code",
        msg("班级编号", "class code"),
        msg("班级", "class"),
        "班级",
    ),
    "campus": NaturalKey(
        "campus", "campus", "name", msg("名称", "name"), msg("校区", "campus"), SCHOOL.label_zh
    ),
}
# Natural keys that are codes typed from a registry (学号, 工号, 班级编号): full-width digits and
# letters are folded to ASCII, which a name or a term title must not be.
CODE_FIELDS = {("student", "student_no"), ("staff", "staff_no"), ("class", "class_code")}


def normalize_code(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def normalize_header(text: object) -> str:
    """A header as typed, with the required mark, spaces and full-width brackets forgiven."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    folded = "".join(folded.split())
    return folded.rstrip(REQUIRED_MARK)


@dataclass(frozen=True)
class Column:
    field: FieldSpec

    @property
    def header(self) -> str:
        """The contract's column name, as problems name it."""
        return self.field.label_zh

    @property
    def marked_header(self) -> str:
        """The header as the template writes it: required columns carry a *."""
        return self.header + (REQUIRED_MARK if self.field.required else "")

    @property
    def key(self) -> str:
        return normalize_header(self.header)


@dataclass(frozen=True)
class SheetLayout:
    spec: RecordSpec

    @property
    def name(self) -> str:
        return self.spec.label_zh

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(Column(f) for f in self.spec.fields)

    @property
    def is_school(self) -> bool:
        return self.spec is SCHOOL

    @property
    def is_enrolment(self) -> bool:
        return self.spec is ENROLMENT

    @property
    def confidential(self) -> bool:
        return bool(self.spec.confidential_fields)

    def column_for(self, header: object) -> Column | None:
        wanted = normalize_header(header)
        for column in self.columns:
            if column.key == wanted:
                return column
        return None


def _in_workbook_order() -> tuple[RecordSpec, ...]:
    # 学年分班 stands between 班级 and 学生, as the contract lists it.
    specs = list(ALL)
    specs.insert(specs.index(CLASS) + 1, ENROLMENT)
    return (SCHOOL, *specs)


SHEETS: tuple[SheetLayout, ...] = tuple(SheetLayout(spec) for spec in _in_workbook_order())
SHEETS_BY_NAME: dict[str, SheetLayout] = {sheet.name: sheet for sheet in SHEETS}


# The order sheets are imported in: a row refers only to rows of sheets before it. 学年分班 names
# students, so it comes after 学生 (whose 班级编号 is checked against it beforehand).
def _import_order() -> tuple[str, ...]:
    names = [sheet.name for sheet in SHEETS if not sheet.is_enrolment]
    names.insert(names.index(STUDENT.label_zh) + 1, ENROLMENT.label_zh)
    return tuple(names)


IMPORT_ORDER = _import_order()


def sheet_named(name: str) -> SheetLayout | None:
    return SHEETS_BY_NAME.get("".join(str(name).split()))


def is_code_field(spec: RecordSpec, field: FieldSpec) -> bool:
    return (spec.type, field.name) in CODE_FIELDS
