"""The printouts and the self-check on the command line: ``report …``, ``selfcheck confirm`` and
``selfcheck progress``.

``add_report_parsers`` declares the subcommands (wired into the parser by ``cli/__init__.py``); the
``cmd_*`` handlers open the school as every other command does (:func:`commands.unlocked`), call
one report service and say what was written. Characters the printing font lacks are reported on
standard error, so a name printed with 〓 never goes unnoticed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counselor_app.cli.commands import check_outputs, unlocked
from counselor_app.cli.screening_report_commands import add_screening_report_parsers
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import (
    Bilingual,
    Message,
    current_language,
    in_language,
    joined,
    msg,
)
from counselor_app.reports.crisis_printouts import CRISIS_PRINTOUTS

PDF_WRITTEN = msg("已写出：{path}（共 {pages} 页）", "Written: {path} ({pages} pages)")
FILE_WRITTEN = msg("已写出：{path}", "Written: {path}")
SELF_CHECK_RESULT = msg(
    "自查结果（{profile}，{term}）：{counts}。", "Self-check ({profile}, {term}): {counts}."
)
COUNTED = msg("{what} {count} 项", "{what} {count}")
NOTE = msg("注意：{note}", "Note: {note}")
CONFIRMED = msg("已确认 {rule}（{term}）：{note}", "Confirmed {rule} ({term}): {note}")
UNCONFIRMED = msg(
    "已撤销对 {rule}（{term}）的确认。", "Withdrew the confirmation of {rule} ({term})."
)
PROGRESS_HEADING = msg(
    "进度（截至 {today}，第 {week} 周，共 {weeks} 个教学周；自查结论仍按整个学期评定）：",
    "Progress (as of {today}, week {week} of {weeks} teaching weeks; the conclusions still judge "
    "the whole term):",
)
PROGRESS_LINE = msg(
    "{rule}  {status} · {state} · {amounts}{words}", "{rule}  {status} · {state} · {amounts}{words}"
)
AMOUNTS = msg("{done}/{needed} {unit} · ", "{done}/{needed} {unit} · ")
NOT_RUNNING = msg(
    "{term}今天（{today}）不在进行中，没有进度；自查结论按整个学期评定。",
    "{term} is not running today ({today}), so there is no progress; the self-check judges "
    "the whole term.",
)
NOTE_NEEDED = msg(
    "确认一项时请用 --note 写明核实情况（例如“已查阅课表，未公布排名”）。",
    "Say what was checked with --note when confirming an item (e.g. 'timetables checked').",
)


def _date(t: Callable[[str, str], str]) -> Callable[[str], dt.date]:
    def parse(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                t(f"“{text}”不是日期，请写成 YYYY-MM-DD", f"'{text}' is not a date; use YYYY-MM-DD")
            ) from None

    return parse


def add_report_parsers(subparsers: Any, t: Callable[[str, str], str]) -> None:
    """Declare ``report self-check|schedule|student``, the crisis case's printouts
    (``crisis-plan``, ``guardian-notice``, ``referral``, ``return-assessment``) and ``selfcheck
    confirm``."""
    report = subparsers.add_parser("report", help=t("打印材料与自查报告", "printouts and reports"))
    report_sub = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")

    p = report_sub.add_parser(
        "self-check", help=t("学期自查报告（PDF，可另存 JSON、Excel）", "termly self-check report")
    )
    p.add_argument("--term", required=True, help=t("学期名称", "term name"))
    p.add_argument("--profile", required=True, help=t("自查标准，如 sucheng-2023", "checklist id"))
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.add_argument("--json", help=t("另存为 JSON 文件", "also write JSON"))
    p.add_argument("--xlsx", help=t("另存为 Excel 汇总表", "also write an Excel summary"))
    p.add_argument(
        "--progress",
        action="store_true",
        help=t(
            "学期进行中时，另列出每项的进度（按进度/落后/已达标）",
            "for a running term, also list each rule's progress (on track, behind, met)",
        ),
    )
    p.set_defaults(handler=cmd_report_self_check)

    p = report_sub.add_parser(
        "schedule",
        help=t("辅导室每周开放安排（张贴用，横向）", "weekly room schedule for the door"),
    )
    p.add_argument(
        "--week",
        type=_date(t),
        default=None,
        help=t("该周内任一天，YYYY-MM-DD（默认今天）", "any day of the week (default: today)"),
    )
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.set_defaults(handler=cmd_report_schedule)

    p = report_sub.add_parser("student", help=t("学生心理档案（一生一档，保密）", "student's file"))
    p.add_argument("student_no", metavar=t("学号", "STUDENT_NO"))
    p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
    p.set_defaults(handler=cmd_report_student)

    for printout in CRISIS_PRINTOUTS:
        p = report_sub.add_parser(
            printout.command, help=t(printout.help.render("zh"), printout.help.render("en"))
        )
        p.add_argument("student_no", metavar=t("学号", "STUDENT_NO"))
        p.add_argument("-o", "--output", required=True, help=t("PDF 文件", "PDF file"))
        p.set_defaults(handler=cmd_report_crisis_printout, printout=printout.report)
    add_screening_report_parsers(report_sub, t)

    selfcheck = subparsers.add_parser("selfcheck", help=t("学期自查", "termly self-check"))
    selfcheck_sub = selfcheck.add_subparsers(
        dest="selfcheck_command", required=True, metavar="ACTION"
    )
    p = selfcheck_sub.add_parser(
        "confirm", help=t("人工确认一项自查（或用 --undo 撤销）", "tick a manual item")
    )
    p.add_argument("--term", required=True, help=t("学期名称", "term name"))
    p.add_argument("--profile", required=True, help=t("自查标准", "checklist id"))
    p.add_argument("rule_id", metavar="RULE_ID")
    p.add_argument("--note", default="", help=t("核实情况说明", "what was checked"))
    p.add_argument("--undo", action="store_true", help=t("撤销确认", "withdraw the confirmation"))
    p.set_defaults(handler=cmd_selfcheck_confirm)
    p = selfcheck_sub.add_parser(
        "progress",
        help=t(
            "进行中学期的进度：每项按进度/落后/已达标，还需多少",
            "a running term's progress: each rule on track, behind or met, and what is still needed",
        ),
    )
    p.add_argument("--term", required=True, help=t("学期名称", "term name"))
    p.add_argument("--profile", required=True, help=t("自查标准", "checklist id"))
    p.set_defaults(handler=cmd_selfcheck_progress)


def _warn(messages: list[Message]) -> None:
    for message in messages:
        print(message.render(), file=sys.stderr)


def cmd_report_self_check(args: argparse.Namespace) -> int:
    from counselor_app.reports.selfcheck_json import write_selfcheck_json
    from counselor_app.reports.selfcheck_pdf import write_selfcheck_pdf
    from counselor_app.reports.selfcheck_words import count_parts
    from counselor_app.reports.selfcheck_xlsx import write_selfcheck_xlsx
    from counselor_app.selfcheck.engine import run_self_check

    check_outputs(args, args.output, args.json, args.xlsx)
    with unlocked(args) as school:
        report = run_self_check(school, args.term, args.profile)
        pdf = write_selfcheck_pdf(school, report, Path(args.output))
        progress = _progress_lines(school, report) if args.progress else []
    if args.json:
        write_selfcheck_json(report, Path(args.json))
    if args.xlsx:
        write_selfcheck_xlsx(report, Path(args.xlsx))
    counts = report.counts()
    # Both languages' words, so the summary reads in the language the command was run in.
    parts = zip(count_parts(counts, "zh"), count_parts(counts, "en"), strict=True)
    told = joined(
        (COUNTED(what=Bilingual(zh, en), count=n) for (_, zh, n), (_, en, _) in parts),
        zh="，",
    )
    print(SELF_CHECK_RESULT(profile=report.profile.id, term=report.term.name, counts=told).render())
    for line in progress:
        print(line)
    print(PDF_WRITTEN(path=args.output, pages=pdf.pages).render())
    for extra in (args.json, args.xlsx):
        if extra:
            print(FILE_WRITTEN(path=extra).render())
    _warn([NOTE(note=in_language(note)) for note in report.notes] + pdf.warnings())
    return 0


def cmd_report_schedule(args: argparse.Namespace) -> int:
    from counselor_app.reports.schedule_pdf import write_schedule_pdf

    check_outputs(args, args.output)
    with unlocked(args) as school:
        pdf = write_schedule_pdf(school, args.week or school.today(), Path(args.output))
    print(PDF_WRITTEN(path=args.output, pages=pdf.pages).render())
    _warn(pdf.warnings())
    return 0


def cmd_report_student(args: argparse.Namespace) -> int:
    from counselor_app.reports.student_pdf import write_student_pdf

    check_outputs(args, args.output)
    with unlocked(args) as school:
        pdf = write_student_pdf(school, args.student_no, Path(args.output))
    print(PDF_WRITTEN(path=args.output, pages=pdf.pages).render())
    _warn(pdf.warnings())
    return 0


def cmd_report_crisis_printout(args: argparse.Namespace) -> int:
    """``report crisis-plan|guardian-notice|referral|return-assessment 学号 -o F``."""
    from counselor_app.reports.crisis_printouts import write_crisis_printout

    check_outputs(args, args.output)
    with unlocked(args) as school:
        pdf = write_crisis_printout(school, args.printout, args.student_no, Path(args.output))
    print(PDF_WRITTEN(path=args.output, pages=pdf.pages).render())
    _warn(pdf.warnings())
    return 0


def cmd_selfcheck_confirm(args: argparse.Namespace) -> int:
    from counselor_app.selfcheck.engine import confirm_manual_rule

    if not args.undo and not args.note.strip():
        raise UsageError(NOTE_NEEDED)
    with unlocked(args) as school:
        confirm_manual_rule(
            school, args.term, args.profile, args.rule_id, confirmed=not args.undo, note=args.note
        )
    done = UNCONFIRMED if args.undo else CONFIRMED
    print(done(rule=args.rule_id, term=args.term, note=args.note.strip()).render())
    return 0


def cmd_selfcheck_progress(args: argparse.Namespace) -> int:
    from counselor_app.selfcheck.engine import run_self_check

    with unlocked(args) as school:
        # A look at the term, as on the dashboard: not a report, so not an audit entry.
        report = run_self_check(school, args.term, args.profile, audit=False)
        lines = _progress_lines(school, report)
    for line in lines:
        print(line)
    return 0


def _progress_lines(school: Any, report: Any) -> list[str]:
    """Per rule: its status for the term, its progress, done/needed and what is still needed; or
    one line saying that the term is not running today."""
    from counselor_app.reports.selfcheck_words import status_label
    from counselor_app.selfcheck.progress import PROGRESS_LABELS, term_progress

    language = current_language()
    progress = term_progress(school, report)
    if progress is None:
        return [NOT_RUNNING(term=report.term.name, today=school.today().isoformat()).render()]
    statuses = {result.rule_id: result.status for result in report.results}
    lines = [
        PROGRESS_HEADING(
            today=progress.today.isoformat(), week=progress.week, weeks=progress.weeks
        ).render()
    ]
    for rule in progress.rules:
        state = PROGRESS_LABELS[rule.state][1 if language == "en" else 0]
        measured = rule.progress
        amounts = (
            AMOUNTS(
                done=measured.unit.shown(measured.done),
                needed=measured.unit.shown(measured.needed_total, up=True),
                unit=in_language(measured.unit.words(measured.needed_total)),
            )
            if measured is not None
            else ""
        )
        lines.append(
            PROGRESS_LINE(
                rule=rule.rule_id,
                status=status_label(statuses[rule.rule_id], language),
                state=state,
                amounts=amounts,
                words=in_language(measured.words if measured is not None else rule.why),
            ).render()
        )
    return lines
