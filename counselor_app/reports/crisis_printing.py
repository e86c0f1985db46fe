"""Printing one of a crisis case's papers: gather the case, log the printout, lay it out.

Every crisis printout (一生一策, 家长告知书, 转介单, 复学评估表) is made the same way, from the
command line by 学号 (:func:`write_case_printout`) and from the desktop by the plan's id
(:func:`build_case_printout`, in memory for the print preview): the printout is logged in the audit
trail first, about the plan and never with its content, so that the page carries the stamp of its
own print entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

from counselor_app.foundation.fonts import CjkFont
from counselor_app.reports.crisis_case import CrisisCase, crisis_case, plan_id_for
from counselor_app.reports.pdf_document import RenderedPdf
from counselor_app.reports.printout_log import log_printout
from counselor_app.school.core import School, User


class CaseLayout(Protocol):
    """How a printout lays out a case: ``build_*_pdf`` of each crisis printout module."""

    def __call__(
        self,
        case: CrisisCase,
        *,
        user: User,
        printed_at: dt.datetime,
        audit_stamp: str = "",
        font: CjkFont | None = None,
    ) -> RenderedPdf: ...


def build_case_printout(
    school: School, plan_id: int, layout: CaseLayout, report: str
) -> RenderedPdf:
    """The printout ``report`` of the plan with this id, in memory; logged as printed."""
    case = crisis_case(school, plan_id)
    stamp = log_printout(school, "crisis_plan", plan_id, report=report)
    return layout(case, user=school.user, printed_at=school.now(), audit_stamp=stamp)


def write_case_printout(
    school: School, student_no: str, path: Path, layout: CaseLayout, report: str
) -> RenderedPdf:
    """The printout ``report`` of the student's open plan (else the newest closed one), written
    atomically to ``path``; exit 3 if the student is unknown or has no plan."""
    pdf = build_case_printout(school, plan_id_for(school, student_no), layout, report)
    pdf.save(path)
    return pdf
