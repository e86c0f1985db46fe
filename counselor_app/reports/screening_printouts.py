"""The screening printouts as the command line and the desktop ask for them: by 班级编号, 学号 and
a scale's name, each built in memory and logged (the caller saves it or shows the print preview).

- :func:`answer_sheet` the blank answer sheet of a class (:mod:`.answer_sheet_pdf`)
- :func:`consent_forms` the guardians' consent forms of a student or a class (:mod:`.consent_pdf`)
- :func:`round_summary_pdf` the round's summary for the school leader (:mod:`.screening_summary_pdf`)

and, for the desktop's print dialog, what it can offer (:func:`print_choices`) and the printout it
asked for (:func:`build_printout`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from counselor_app.reports.pdf_document import RenderedPdf
from counselor_app.school.core import School
from counselor_app.screening.library import scale_library
from counselor_app.screening.scales import Scale
from counselor_app.years.school_years import (
    SchoolYear,
    classes_of_year,
    current_school_year,
    years_with_classes,
)


def find_scale(school: School, name: str) -> Scale:
    """The scale by its id, printed name or alias; InvalidInput naming the known ones if none."""
    return scale_library(school).find(name)


def answer_sheet(
    school: School, class_code: str, scale: Scale, year: SchoolYear | None = None
) -> RenderedPdf:
    from counselor_app.reports.answer_sheet_pdf import answer_sheet_pdf

    return answer_sheet_pdf(school, class_code, scale, year)


def consent_forms(
    school: School,
    scales: tuple[Scale, ...],
    *,
    student_no: str | None = None,
    class_code: str | None = None,
    year: SchoolYear | None = None,
) -> RenderedPdf:
    """One student's form (by 学号), or one per student of a class (by 班级编号)."""
    from counselor_app.reports.consent_pdf import class_consent_pdf, student_consent_pdf

    if student_no is not None:
        return student_consent_pdf(school, student_no, scales, year)
    if class_code is None:
        raise ValueError("a student or a class is needed")
    return class_consent_pdf(school, class_code, scales, year)


def round_summary_pdf(school: School, scale: Scale, year: SchoolYear | None = None) -> RenderedPdf:
    from counselor_app.reports.screening_summary_pdf import screening_summary_pdf

    return screening_summary_pdf(school, scale, year)


# -- what the desktop offers and asks for ------------------------------------------------------------
PrintoutKind = Literal["answer_sheet", "consent", "summary"]


@dataclass(frozen=True)
class PrintChoices:
    """What the desktop's print dialog offers: this year's classes, the scales, the years."""

    year: SchoolYear
    classes: tuple[tuple[str, str], ...]  # (班级编号, name) of ``year``
    scales: tuple[tuple[str, str], ...]  # (id, printed name)
    years: tuple[SchoolYear, ...]  # newest first


@dataclass(frozen=True)
class PrintRequest:
    kind: PrintoutKind
    scale_id: str = ""
    class_code: str = ""
    student_no: str = ""  # consent: one student instead of the class
    year: SchoolYear | None = None


def print_choices(school: School) -> PrintChoices:
    year = current_school_year(school.db, school.today())
    classes = tuple((c.class_code, c.name) for c in classes_of_year(school.db, year))
    scales = tuple((s.id, s.name) for s in scale_library(school).scales)
    years = tuple(sorted({year, *years_with_classes(school.db)}, reverse=True))
    return PrintChoices(year, classes, scales, years)


def build_printout(school: School, request: PrintRequest) -> RenderedPdf:
    """The printout the desktop asked for, in memory and logged; runs on the worker."""
    library = scale_library(school)
    if request.kind == "answer_sheet":
        return answer_sheet(
            school, request.class_code, library.find(request.scale_id), request.year
        )
    if request.kind == "consent":
        scales = (library.find(request.scale_id),) if request.scale_id else library.scales
        if request.student_no:
            return consent_forms(school, scales, student_no=request.student_no, year=request.year)
        return consent_forms(school, scales, class_code=request.class_code, year=request.year)
    return round_summary_pdf(school, library.find(request.scale_id), request.year)
