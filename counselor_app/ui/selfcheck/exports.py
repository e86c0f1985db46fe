"""Saving the self-check as PDF, JSON and Excel: the default file names and the work itself.

The ``write_*`` functions run on the database worker (the PDF reads the term's figures and records
the printout); the page only asks where to save and says what was written.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from counselor_app.school.core import School
from counselor_app.selfcheck.engine import SelfCheckReport

if TYPE_CHECKING:  # reportlab takes a while to load: imported when first used
    from counselor_app.reports.pdf_document import RenderedPdf

PDF, JSON, EXCEL = "pdf", "json", "xlsx"
# Characters Windows does not allow in a file name.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class Written:
    path: Path
    warnings: tuple[str, ...] = ()  # e.g. characters the printing font lacks


def default_file_name(stem: str, report: SelfCheckReport, kind: str) -> str:
    """``学期自查_2025—2026学年第一学期_sucheng-2023.pdf`` (``stem`` is the translated 学期自查)."""
    parts = (stem, report.term.name, report.profile.id)
    return "_".join(_NOT_IN_NAMES.sub("-", part).strip("-") for part in parts) + f".{kind}"


def build_report_pdf(school: School, report: SelfCheckReport) -> RenderedPdf:
    """The report's PDF in memory, for the print preview; runs on the database worker. Like a
    saved PDF it carries the term's charts, and it is logged as a printout: it can be printed."""
    from counselor_app.reports.printout_log import log_printout
    from counselor_app.reports.selfcheck_pdf import build_selfcheck_pdf
    from counselor_app.reports.term_statistics import term_statistics

    stamp = log_printout(
        school, "term", report.term.id, report="self_check", profile=report.profile.id
    )
    return build_selfcheck_pdf(
        report,
        counsellor=school.user.name,
        statistics=term_statistics(school.db, report.term),
        audit_stamp=stamp,
    )


def write_report(school: School, report: SelfCheckReport, kind: str, path: Path) -> Written:
    """Write ``report`` as ``kind`` to ``path``; runs on the database worker.

    Each writer is imported here, when first used: reportlab and openpyxl take a while to load.
    """
    if kind == PDF:
        from counselor_app.reports.selfcheck_pdf import write_selfcheck_pdf

        pdf = write_selfcheck_pdf(school, report, path)
        return Written(path, tuple(str(w) for w in pdf.warnings()))
    if kind == JSON:
        from counselor_app.reports.selfcheck_json import write_selfcheck_json

        write_selfcheck_json(report, path)
    elif kind == EXCEL:
        from counselor_app.reports.selfcheck_xlsx import write_selfcheck_xlsx

        write_selfcheck_xlsx(report, path)
    else:
        raise ValueError(f"unknown export kind {kind!r}")
    return Written(path)


class PreviewFolder:
    """A private temporary folder for print previews, removed when the program ends.

    The preview is opened by the system's PDF reader, which may still hold the file when the page
    goes; so the files stay until :meth:`clean` (connected to the application's ``aboutToQuit``).
    """

    def __init__(self) -> None:
        self._folder: Path | None = None

    def new_file(self, name: str) -> Path:
        if self._folder is None or not self._folder.is_dir():
            # mkdtemp makes the folder readable by its owner only.
            self._folder = Path(tempfile.mkdtemp(prefix="counselor-preview-"))
        return self._folder / name

    def clean(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
