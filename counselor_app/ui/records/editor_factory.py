"""Which input widget a record's field gets, from its kind in the record catalogue.

A field withheld from this reader gets a （无权查看） placeholder; a student is found with the
picker, other references are chosen from a list. Nothing here knows about a particular form.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime

from counselor_app.records.catalog import spec_for
from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.records.text import value_vocabulary
from counselor_app.school.core import School
from counselor_app.ui.records.editors import (
    BoolEditor,
    ChoiceEditor,
    ChoiceListEditor,
    DateEditor,
    FieldEditor,
    IntEditor,
    LineTextEditor,
    LongTextEditor,
    MonthEditor,
    RealEditor,
    RedactedEditor,
    SchoolYearEditor,
    TextListEditor,
    TimeEditor,
)
from counselor_app.ui.records.pickers import (
    RefComboEditor,
    RefListEditor,
    ReporterEditor,
    StudentEditor,
)
from counselor_app.ui.tasks import TaskRunner

# Free text that usually runs to sentences: several lines to write in.
LONG_TEXT_FIELDS = frozenset(
    {
        "summary",
        "follow_up",
        "basis",
        "safety_plan",
        "measures",
        "content",
        "observation",
        "reason",
        "details",
        "return_plan",
    }
)


def make_editor(
    record_type: str,
    field: FieldSpec,
    school: School,
    runner: TaskRunner,
    *,
    hidden: bool = False,
    today: QDate,
    now: QTime,
) -> FieldEditor:
    """The input widget for one field."""
    spec = spec_for(record_type)
    kind = field.kind
    if hidden:
        return RedactedEditor(field)
    if kind is Kind.TEXT:
        return LongTextEditor(field) if field.name in LONG_TEXT_FIELDS else LineTextEditor(field)
    if kind is Kind.INT:
        vocab = value_vocabulary(spec, field)
        return ChoiceEditor(field, vocab) if vocab is not None else IntEditor(field)
    if kind is Kind.REAL:
        return RealEditor(field)
    if kind is Kind.DATE:
        return DateEditor(field, today)
    if kind is Kind.TIME:
        return TimeEditor(field, now)
    if kind is Kind.MONTH:
        return MonthEditor(field, today)
    if kind is Kind.SCHOOL_YEAR:
        return SchoolYearEditor(field)
    if kind is Kind.BOOL:
        return BoolEditor(field)
    if kind is Kind.CHOICE:
        assert field.vocab is not None
        return ChoiceEditor(field, field.vocab)
    if kind in (Kind.CHOICE_LIST, Kind.CHOICE_LINK):
        assert field.vocab is not None
        return ChoiceListEditor(field, field.vocab)
    if kind is Kind.TEXT_LIST:
        return TextListEditor(field)
    if kind is Kind.REF:
        assert field.ref is not None
        if field.ref == "student":
            return StudentEditor(field, school, runner)
        return RefComboEditor(field, field.ref)
    if kind is Kind.REF_LIST:
        return RefListEditor(field, school, runner)
    if kind is Kind.REPORTER:
        return ReporterEditor(field, school, runner)
    raise AssertionError(f"no editor for {kind}")
