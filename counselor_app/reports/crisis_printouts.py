"""The four papers of a crisis case, listed once: the command line (``report crisis-plan`` …) and
the desktop's 打印 menus (the crisis page, the student's file) both offer exactly these.

reportlab is loaded only when a printout is built, so listing them costs nothing (the command
line declares its parsers from this list at every start).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from counselor_app.foundation.i18n import Message, msg

if TYPE_CHECKING:
    from counselor_app.reports.crisis_printing import CaseLayout
    from counselor_app.reports.pdf_document import RenderedPdf
    from counselor_app.school.core import School


@dataclass(frozen=True)
class CrisisPrintout:
    report: str  # the audit trail's name: crisis_plan, guardian_notice, referral, return_assessment
    command: str  # ``counselor-app report <command>``
    name: Message  # what the menu and the file name call it
    help: Message  # the command's help

    def layout(self) -> CaseLayout:
        """The module's ``build_*_pdf``, imported now (it loads reportlab)."""
        if self.report == "crisis_plan":
            from counselor_app.reports.crisis_plan_pdf import build_crisis_plan_pdf

            return build_crisis_plan_pdf
        if self.report == "guardian_notice":
            from counselor_app.reports.guardian_notice_pdf import build_guardian_notice_pdf

            return build_guardian_notice_pdf
        if self.report == "referral":
            from counselor_app.reports.referral_pdf import build_referral_pdf

            return build_referral_pdf
        from counselor_app.reports.return_assessment_pdf import build_return_assessment_pdf

        return build_return_assessment_pdf


CRISIS_PRINTOUTS = (
    CrisisPrintout(
        "crisis_plan",
        "crisis-plan",
        msg("一生一策", "Crisis plan"),
        msg("危机干预方案（一生一策，保密）", "crisis plan (confidential)"),
    ),
    CrisisPrintout(
        "guardian_notice",
        "guardian-notice",
        msg("家长告知书", "Guardian notice"),
        msg("家长告知书（附回执，保密）", "notice to the guardian with a return slip"),
    ),
    CrisisPrintout(
        "referral",
        "referral",
        msg("转介单", "Referral form"),
        msg("转介单（附接收回执，保密）", "referral form with a receipt"),
    ),
    CrisisPrintout(
        "return_assessment",
        "return-assessment",
        msg("复学评估表", "Return-to-school assessment"),
        msg("复学评估表（保密）", "return-to-school assessment form"),
    ),
)


def crisis_printout(report: str) -> CrisisPrintout:
    return next(p for p in CRISIS_PRINTOUTS if p.report == report)


def build_crisis_printout(school: School, report: str, plan_id: int) -> RenderedPdf:
    """The printout of this plan in memory (for the print preview); logged as printed."""
    from counselor_app.reports.crisis_printing import build_case_printout

    return build_case_printout(school, plan_id, crisis_printout(report).layout(), report)


def write_crisis_printout(school: School, report: str, student_no: str, path: Path) -> RenderedPdf:
    """The printout of the student's plan, written to ``path``; logged as printed."""
    from counselor_app.reports.crisis_printing import write_case_printout

    return write_case_printout(school, student_no, path, crisis_printout(report).layout(), report)
