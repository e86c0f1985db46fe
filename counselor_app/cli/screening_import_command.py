"""``counselor-app screening import FILE --scale ID``: a screening platform's export, all or nothing.

``add_import_command`` adds ``import`` to the ``screening`` command group (made in
``cli/__init__.py``; lane SCREEN-CORE's ``screening_commands`` adds its ``worklist`` to it).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counselor_app.cli.commands import unlocked
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.screening.mapping import ColumnMapping

BAD_DATE = msg(
    "--date 应写成 2025-10-09 这样的日期，而不是“{value}”。",
    "--date takes a date like 2025-10-09, not '{value}'.",
)
IMPORTED = msg(
    "已导入 {count} 份{scale}测评{how}：需约谈 {flagged} 名，其中关键题作答 {critical} 名。",
    "Imported {count} {scale} screenings{how}: {flagged} need an interview, {critical} of them "
    "for a critical item.",
)
BY_TOTAL = msg("（只有总分：无法得知关键题）", " (totals only: critical items unknown)")
ENCODING = msg("文件按 {encoding} 编码读取。", "The file was read as {encoding}.")
EXCEPTIONS = msg(
    "{count} 名学生没有测评知情同意，按您确认的例外导入，理由已随每份测评保存。",
    "{count} students had no consent to screening; they were imported as the exception you "
    "confirmed, with its reason kept on each screening.",
)
MAPPING_SAVED = msg("列对应方案已保存为“{name}”。", "The column mapping was saved as '{name}'.")
GUESSED = msg(
    "未指定 --mapping，按列名自动对应：{mapping}",
    "No --mapping; the columns were mapped from their names: {mapping}",
)
ROLE = msg("{role} ← “{header}”", "{role} ← '{header}'")
ITEM = msg("第{number}题", "item {number}")
ROLES = {
    "student_no": msg("学号", "student no."),
    "name": msg("姓名", "name"),
    "class_name": msg("班级", "class"),
    "date": msg("日期", "date"),
    "total": msg("总分", "total"),
}
NOTHING_MAPPED = msg("（没有对应上任何列）", "(no column mapped)")


def add_import_command(actions: Any, t: Callable[[str, str], str]) -> None:
    p = actions.add_parser(
        "import",
        help=t(
            "导入测评平台的导出文件（Excel 或 CSV，全部或全不）",
            "import a screening platform's export (Excel or CSV, all or nothing)",
        ),
    )
    p.add_argument("file", help=t("导出文件（.xlsx 或 .csv）", "the export (.xlsx or .csv)"))
    p.add_argument("--scale", required=True, help=t("量表（如 PHQ-9）", "the scale (e.g. PHQ-9)"))
    p.add_argument(
        "--mapping", help=t("使用已保存的列对应方案", "use a saved column mapping by name")
    )
    p.add_argument(
        "--save-mapping",
        metavar="NAME",
        help=t("把这次的列对应方案保存为 NAME", "save this column mapping as NAME"),
    )
    p.add_argument(
        "--date",
        help=t(
            "整个文件的测评日期（文件中没有日期列时）",
            "the date of the whole file (when it has no date column)",
        ),
    )
    p.add_argument(
        "--consent-exception",
        metavar="REASON",
        help=t(
            "对没有测评知情同意的学生确认例外，并写明理由",
            "confirm an exception, with its reason, for students without consent to screening",
        ),
    )
    p.set_defaults(handler=cmd_screening_import)


def describe(mapping: ColumnMapping) -> Message:
    """Which column each role was given, so a guess can be checked."""
    parts = []
    for role, header in mapping.roles().items():
        if header is None:
            continue
        name = ITEM(number=role.split(":")[1]) if role.startswith("item:") else ROLES[role]
        parts.append(ROLE(role=name, header=header))
    return joined(parts, zh="；", en="; ") if parts else NOTHING_MAPPED


def cmd_screening_import(args: argparse.Namespace) -> int:
    from counselor_app.screening.library import scale_library
    from counselor_app.screening.mapping import guess_mapping, load_mapping, save_mapping
    from counselor_app.screening.platform_import import import_table
    from counselor_app.workbook.platform_file import read_export

    on = None
    if args.date:
        try:
            on = dt.date.fromisoformat(args.date.strip())
        except ValueError as exc:
            raise UsageError(BAD_DATE(value=args.date)) from exc
    table = read_export(Path(args.file))
    with unlocked(args) as school:
        scale = scale_library(school).find(args.scale)
        if args.mapping:
            mapping = load_mapping(school, args.mapping, scale)
        else:
            mapping = guess_mapping(table.header, scale)
            print(GUESSED(mapping=describe(mapping)).render())
        if args.save_mapping:
            save_mapping(school, args.save_mapping, mapping)
            print(MAPPING_SAVED(name=args.save_mapping.strip()).render())
        done = import_table(
            school, table, scale, mapping, on=on, consent_exception=args.consent_exception
        )
    if done.encoding:
        print(ENCODING(encoding=done.encoding).render())
    print(
        IMPORTED(
            count=done.count,
            scale=scale.name,
            how=BY_TOTAL if done.by_total else "",
            flagged=done.flagged,
            critical=done.critical,
        ).render()
    )
    if done.consent_exceptions:
        print(EXCEPTIONS(count=done.consent_exceptions).render())
    return 0
