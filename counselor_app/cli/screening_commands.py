"""Screening on the command line: ``counselor-app screening worklist [--json]``, ``scales`` and
``import``.

:func:`add_screening_parsers` makes the ``screening`` group (wired in by ``cli/__init__.py``) and
hands its sub-parsers to one function per command, each in a module of its own
(``scale_commands.py``, ``screening_import_command.py``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from counselor_app.cli.commands import unlocked
from counselor_app.foundation.i18n import msg

WORKLIST_EMPTY = msg(
    "筛查待约谈：没有需要约谈或复测的学生。", "Screening worklist: nobody to interview or retest."
)
WORKLIST_HEADING = msg(
    "筛查待约谈（截至 {today}，共 {count} 人次，逾期 {overdue}）：",
    "Screening worklist (as of {today}: {count} entries, {overdue} overdue):",
)
COLUMNS = msg(
    "学号\t量表\t总分\t分级\t关键题\t应约谈日期\t状态",
    "Student no.\tScale\tScore\tBand\tCritical\tDue\tStatus",
)

Translate = Callable[[str, str], str]


def add_screening_parsers(subparsers: Any, t: Translate) -> None:
    """Declare the ``screening`` group and its commands."""
    from counselor_app.cli.scale_commands import add_scale_parsers
    from counselor_app.cli.screening_import_command import add_import_command

    screening = subparsers.add_parser("screening", help=t("量表筛查", "screening with scales"))
    actions = screening.add_subparsers(dest="screening_command", required=True, metavar="ACTION")
    add_scale_parsers(actions, t)
    add_import_command(actions, t)
    add_worklist_parser(actions, t)


def add_worklist_parser(actions: Any, t: Translate) -> None:
    p = actions.add_parser(
        "worklist",
        help=t("筛查待约谈：测评提示需约谈的学生", "students a screening flagged for an interview"),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help=t(
            "以 JSON 列表输出（student_no, scale, score, band, critical, due_on, status）",
            "print a JSON list (student_no, scale, score, band, critical, due_on, status)",
        ),
    )
    p.set_defaults(handler=cmd_screening_worklist)


def cmd_screening_worklist(args: argparse.Namespace) -> int:
    from counselor_app.dashboard.screening_worklist import screening_worklist
    from counselor_app.screening.worklist import NO, YES

    with unlocked(args) as school:
        today = school.today()
        entries = screening_worklist(school, today)
    if args.json:
        print(json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(WORKLIST_EMPTY.render())
        return 0
    overdue = sum(entry.overdue for entry in entries)
    print(WORKLIST_HEADING(today=today.isoformat(), count=len(entries), overdue=overdue).render())
    print(COLUMNS.render())
    for entry in entries:
        cells = (
            entry.student_no,
            entry.scale_name,
            entry.score_text,
            entry.band_label.render(),
            (YES if entry.critical else NO).render(),
            entry.due_on.isoformat(),
            entry.status_label.render(),
        )
        print("\t".join(cells))
    return 0
