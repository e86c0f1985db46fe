"""The screening printouts on the command line: ``report answer-sheet``, ``report consent`` and
``report screening-summary`` (declared under ``report`` by :func:`add_screening_report_parsers`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counselor_app.cli.commands import check_outputs, unlocked
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import msg
from counselor_app.reports.pdf_document import RenderedPdf

PDF_WRITTEN = msg("已写出：{path}（共 {pages} 页）", "Written: {path} ({pages} pages)")
STUDENT_OR_CLASS = msg(
    "请给出学号，或用 --class 给出班级编号（二者选一）。",
    "Give a student number, or a class code with --class (one of the two).",
)


def _year(t: Callable[[str, str], str]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        from counselor_app.foundation.errors import InvalidInput
        from counselor_app.years.school_years import SchoolYear

        try:
            return SchoolYear.parse(text)
        except InvalidInput as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def add_screening_report_parsers(report_sub: Any, t: Callable[[str, str], str]) -> None:
    year_help = t(
        "学年，如 2025-2026（默认本学年）", "school year, e.g. 2025-2026 (default: this one)"
    )

    p = report_sub.add_parser(
        "answer-sheet",
        help=t("班级空白答题卡（印有姓名，保密）", "a class's blank answer sheet (names printed)"),
    )
    p.add_argument("--class", dest="class_code", required=True, help=t("班级编号", "class code"))
    p.add_argument("--scale", required=True, help=t("量表，如 PHQ-9", "scale, e.g. PHQ-9"))
    p.add_argument("--year", type=_year(t), default=None, help=year_help)
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.set_defaults(handler=cmd_report_answer_sheet)

    p = report_sub.add_parser(
        "consent",
        help=t("测评知情同意书（致家长，带回执）", "guardians' consent form for screening"),
    )
    p.add_argument("student_no", nargs="?", metavar=t("学号", "STUDENT_NO"))
    p.add_argument(
        "--class",
        dest="class_code",
        help=t("整班打印：班级编号，每名学生一页", "a whole class: class code, a page per student"),
    )
    p.add_argument(
        "--scale",
        action="append",
        default=None,
        help=t(
            "同意书中列出的量表，可重复（默认全部量表）", "scale to list, repeatable (default: all)"
        ),
    )
    p.add_argument("--year", type=_year(t), default=None, help=year_help)
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.set_defaults(handler=cmd_report_consent)

    p = report_sub.add_parser(
        "screening-summary",
        help=t(
            "测评情况汇总（给校领导，不含姓名，与上学年对比）",
            "a screening round's summary for the school leader (no names)",
        ),
    )
    p.add_argument("--scale", required=True, help=t("量表，如 PHQ-9", "scale, e.g. PHQ-9"))
    p.add_argument("--year", type=_year(t), default=None, help=year_help)
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.set_defaults(handler=cmd_report_screening_summary)


def _written(path: str, pdf: RenderedPdf) -> int:
    print(PDF_WRITTEN(path=path, pages=pdf.pages).render())
    for warning in pdf.warnings():
        print(warning.render(), file=sys.stderr)
    return 0


def cmd_report_answer_sheet(args: argparse.Namespace) -> int:
    from counselor_app.reports.screening_printouts import answer_sheet, find_scale

    check_outputs(args, args.output)
    with unlocked(args) as school:
        pdf = answer_sheet(school, args.class_code, find_scale(school, args.scale), args.year)
        pdf.save(Path(args.output))
    return _written(args.output, pdf)


def cmd_report_consent(args: argparse.Namespace) -> int:
    from counselor_app.reports.screening_printouts import consent_forms
    from counselor_app.screening.library import scale_library

    if (args.student_no is None) == (args.class_code is None):
        raise UsageError(STUDENT_OR_CLASS)
    check_outputs(args, args.output)
    with unlocked(args) as school:
        library = scale_library(school)
        scales = tuple(library.find(name) for name in args.scale) if args.scale else library.scales
        pdf = consent_forms(
            school,
            scales,
            student_no=args.student_no,
            class_code=args.class_code,
            year=args.year,
        )
        pdf.save(Path(args.output))
    return _written(args.output, pdf)


def cmd_report_screening_summary(args: argparse.Namespace) -> int:
    from counselor_app.reports.screening_printouts import find_scale, round_summary_pdf

    check_outputs(args, args.output)
    with unlocked(args) as school:
        pdf = round_summary_pdf(school, find_scale(school, args.scale), args.year)
        pdf.save(Path(args.output))
    return _written(args.output, pdf)
