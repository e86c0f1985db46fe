"""Exporting the term's bundle: gather the parts, take every 学号 out, seal, write, record.

The self-check PDF and JSON are the report engineers' (:mod:`counselor_app.reports`), built here
from a copy of the self-check in which every 学号 is the student's pseudonym; the PDF carries the
school's key fingerprint on its signature line. A safety net looks through everything taken from
the records for any 学号 or student name left, and refuses to export if it finds one.

A caller may follow the export's phases and stop it between them (``progress``, see
:mod:`~counselor_app.bundle.export_progress`): collecting, building the report files, encrypting,
signing, writing. The bundle is recorded as sent and its file written only in the last phase, in
one transaction and one atomic write, so a stopped export leaves neither a record nor a file.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from counselor_app import __version__
from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.export_progress import BUILD, COLLECT, WRITE, Progress, export_phases
from counselor_app.bundle.manifest import (
    NAMED_CASES_JSON,
    SELFCHECK_JSON,
    SELFCHECK_PDF,
    STATISTICS_JSON,
    Manifest,
)
from counselor_app.bundle.pseudonyms import (
    SCHEME,
    Pseudonyms,
    find_student_identifiers,
    report_texts,
    scrub_report,
)
from counselor_app.bundle.school_keys import (
    current_district_key,
    pseudonym_key,
    school_fingerprint,
    school_signing_key,
)
from counselor_app.bundle.seal import seal_bundle
from counselor_app.bundle.statistics import bundle_statistics, named_cases
from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import InvalidInput, UsageError
from counselor_app.foundation.i18n import Message, msg
from counselor_app.reports.selfcheck_json import selfcheck_json_bytes
from counselor_app.reports.term_statistics import TermStatistics, term_statistics
from counselor_app.school.core import School, ensure_not_damaged
from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.engine import SelfCheckReport, run_self_check
from counselor_app.storage.migrations import SCHEMA_VERSION

NO_DISTRICT_KEY = msg(
    "还没有导入区县公钥。请先用 bundle import-district-key 导入区县教育局提供的 district-public.json，"
    "或用 --district-key 指定该文件。",
    "No district key has been imported. Import the district-public.json the district gave you "
    "with bundle import-district-key, or name it with --district-key.",
)
NAMED_CASES_ACTION = msg("在上报包中附带学生姓名", "add students' names to a bundle")
NAMED_CASES_WARNING = msg(
    "警告：此上报包附带 {count} 名重点关爱学生的姓名、学号和班级（named_cases.json），清单中已注明。"
    "只在区县明确要求时这样做，并只通过安全渠道交给区县。",
    "Warning: this bundle names {count} key students (name, student number and class, in "
    "named_cases.json), and its manifest says so. Do this only when the district asks for it, and "
    "hand it over only by a safe route.",
)
IDENTIFIER_LEFT = msg(
    "上报包中仍有学生的{what}（在“{text}”中），为保护学生隐私，没有导出。请检查自查项目的确认说明等"
    "自填文字，删去学生姓名或学号后再试。",
    "A student's {what} is still in the bundle (in '{text}'); to protect the student nothing was "
    "exported. Check the notes you wrote (e.g. on confirmed items), remove names and student "
    "numbers, and try again.",
)

#: Builds the self-check PDF: (pseudonymised report, term figures, school fingerprint, counsellor)
#: → (PDF bytes, warnings for the counsellor).
PdfBuilder = Callable[[SelfCheckReport, TermStatistics, str, str], tuple[bytes, list[Message]]]


def selfcheck_pdf(
    report: SelfCheckReport, figures: TermStatistics, fingerprint: str, counsellor: str
) -> tuple[bytes, list[Message]]:
    from counselor_app.reports.selfcheck_pdf import build_selfcheck_pdf

    pdf = build_selfcheck_pdf(
        report, counsellor=counsellor, statistics=figures, fingerprint=fingerprint
    )
    return pdf.data, pdf.warnings()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Manifest
    district: DistrictPublicKey
    report: SelfCheckReport
    warnings: list[Message] = field(default_factory=list)


def _json(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def export_bundle(
    school: School,
    *,
    term: str,
    profile: str,
    output: Path,
    district_key: DistrictPublicKey | None = None,
    include_named_cases: bool = False,
    pdf_builder: PdfBuilder = selfcheck_pdf,
    profile_dirs: tuple[Path, ...] = (),
    progress: Progress | None = None,
) -> ExportResult:
    """Seal the term's self-check and figures for the district and write them to ``output``.

    ``progress(phase)`` hears of each phase as it begins and stops the export by answering
    ``False``: :class:`~counselor_app.foundation.progress.Cancelled` is raised, nothing
    is recorded and no file is written."""
    phase = export_phases(progress)
    ensure_not_damaged(school)
    if include_named_cases:
        school.require_counsellor(NAMED_CASES_ACTION)
    district = district_key or current_district_key(school)
    if district is None:
        raise UsageError(NO_DISTRICT_KEY)
    phase(COLLECT)
    report = run_self_check(school, term, profile, profile_dirs=profile_dirs)
    students = school.db.query("SELECT student_no, name FROM student")
    numbers = [row["student_no"] for row in students]
    names = Pseudonyms(pseudonym_key(school), numbers)
    scrubbed = scrub_report(report, names)
    staff = [row[0] for row in school.db.query("SELECT name FROM staff")]
    leaks = find_student_identifiers(
        report_texts(scrubbed),
        numbers,
        [row["name"] for row in students],
        allowed_names=[*staff, school.user.name, school.name],
    )
    if leaks:
        what = "学号" if leaks[0].what == "学号" else "姓名"
        raise InvalidInput(IDENTIFIER_LEFT(what=what, text=leaks[0].text[:60]))

    phase(BUILD)
    context = TermContext(school.db, report.term, school.today())
    figures = term_statistics(school.db, report.term)
    fingerprint = school_fingerprint(school)
    pdf, warnings = pdf_builder(scrubbed, figures, fingerprint, school.user.name)
    parts = {
        SELFCHECK_PDF: pdf,
        SELFCHECK_JSON: selfcheck_json_bytes(scrubbed),
        STATISTICS_JSON: _json(bundle_statistics(context, names, figures)),
    }
    if include_named_cases:
        cases = named_cases(context, names, school.open_text)
        parts[NAMED_CASES_JSON] = _json({"term": report.term.name, "cases": cases})
        warnings = [NAMED_CASES_WARNING(count=len(cases)), *warnings]

    manifest = Manifest(
        bundle_id=uuid.uuid4().hex,
        created_at=school.now().isoformat(timespec="seconds"),
        school_name=report.school_name,
        school_uid=report.school_uid,
        school_fingerprint=fingerprint,
        term_name=report.term.name,
        term_first_day=report.term.first_day.isoformat(),
        term_last_day=report.term.last_day.isoformat(),
        profile_id=report.profile.id,
        profile_name=report.profile.name,
        program_version=__version__,
        schema_version=SCHEMA_VERSION,
        district_name=district.district,
        district_fingerprint=district.fingerprint,
        named_cases=include_named_cases,
        pseudonyms=SCHEME,
    )
    with school_signing_key(school) as signer:
        sealed = seal_bundle(manifest, parts, signer, district, phase)
    phase(WRITE)
    with school.db.transaction():
        school.db.execute(
            "INSERT INTO bundle_export (bundle_id, term_id, term_name, profile,"
            " district_fingerprint, district_document, named_cases, payload_sha256, created_at,"
            " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                manifest.bundle_id,
                report.term.id,
                report.term.name,
                report.profile.id,
                district.fingerprint,
                json.dumps(district.to_json(), ensure_ascii=False),
                int(include_named_cases),
                sealed.payload_sha256,
                manifest.created_at,
                school.user.name,
            ),
        )
        school.log(
            "bundle_export",
            "term",
            report.term.id,
            bundle_id=manifest.bundle_id,
            profile=report.profile.id,
            district=district.fingerprint,
            named_cases=include_named_cases,
        )
        # Inside the transaction: a file that could not be written leaves no record behind.
        write_bytes_atomic(Path(output), sealed.data)
    return ExportResult(Path(output), sealed.manifest, district, report, warnings)
