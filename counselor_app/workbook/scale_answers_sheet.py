"""The workbook sheet 量表作答: one scale's answers per row (日期*, 学号*, 量表*, 第1题 … 第N题, 总分,
同意例外理由).

量表 holds the scale's id or printed name (PHQ-9, phq9 and phq-9 are one scale); 第1题 … hold the
answers as option values or the options' words; a row with no answers and a 总分 is a total alone
(scored for its band; its critical items unknown). A row whose student had no consent to screening
on the day needs the reason for the exception in 同意例外理由. The rows are checked and saved by the
same code as a platform's export (:mod:`~counselor_app.screening.platform_import`), way
``workbook``, inside the workbook import's one transaction; a row the same as a screening saved
before is left unchanged, so a workbook imported twice changes nothing.

The template writes the sheet with as many item columns as the longest shipped scale; the export
with as many as the longest of the school's scales, and every scale screening with its answers
(an export is the counsellor's explicit act: the answers are written in plain text there).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import joined, msg
from counselor_app.records.spec import FieldSpec, Kind, RecordSpec
from counselor_app.school.core import School
from counselor_app.screening.answers import ScaleAnswers, save_screenings
from counselor_app.screening.library import scale_library
from counselor_app.screening.mapping import ColumnMapping, header_key
from counselor_app.screening.platform_import import (
    DUPLICATE_ROW,
    ExportTable,
    ImportPlan,
    blank,
    cell_text,
    plan_import,
)
from counselor_app.screening.scales import Scale, ScaleLibrary, load_scales
from counselor_app.workbook.counts import SheetCounts
from counselor_app.workbook.layout import SheetLayout, normalize_header
from counselor_app.workbook.sheet_rows import SheetData

SHEET_NAME = "量表作答"
ITEM_HEADER = "第{number}题"
_ITEM = re.compile(r"第(\d+)题")

UNKNOWN_SCALE = msg(
    "没有叫“{name}”的量表（可用：{known}）。请写量表的编号或名称",
    "there is no scale called '{name}' (known: {known}); write the scale's id or name",
)
BLANK_SCALE = msg("没有填写量表", "the scale is not filled in")
TOO_MANY_ANSWERS = msg(
    "{scale} 只有 {count} 题，这一行在“{header}”列还有答案。请删去多余的答案",
    "{scale} has {count} items, but this row has an answer in '{header}'; delete it",
)
NEEDS_REASON = msg(
    "学号 {student}（{name}）在 {date} 没有测评知情同意。请先在“知情同意”表登记同意，或在“同意例外理由”"
    "列写明作为例外录入的理由",
    "student {student} ({name}) had no consent to screening on {date}; record the consent on "
    "知情同意 first, or write the reason for the exception in 同意例外理由",
)
MISSING_COLUMN = msg(
    "缺少必填列“{header}”。请从模板中复制这一列的列名（第 1 行）",
    "the required column '{header}' is missing; copy its name (row 1) from the template",
)
SHEET_NOTE = msg(
    "量表作答：每行一名学生一次量表作答。“量表”写量表的编号或名称（如 PHQ-9、GAD-7）；第1题、第2题……"
    "写各题的选项分值（如 0–3）或选项文字（如 完全不会、好几天），题数少于列数的量表其余列留空；"
    "只有总分时各题留空、填写“总分”；学生在测评当天没有测评知情同意时，须在“同意例外理由”写明理由。",
    "量表作答: one scale's answers per row. 量表 is the scale's id or name (PHQ-9, GAD-7 …); 第1题, "
    "第2题 … hold each item's answer as the option's value (0–3 …) or its words (完全不会, 好几天 "
    "…), the columns past the scale's last item left blank; with only a total, leave the items "
    "blank and fill 总分; a student without consent to screening on the day needs the reason in "
    "同意例外理由.",
)


def longest(library: ScaleLibrary) -> int:
    return max((len(scale.items) for scale in library.scales), default=0)


def sheet_spec(items: int) -> RecordSpec:
    """The sheet's columns, with ``items`` item columns."""
    return RecordSpec(
        "scale_answers",
        "screening",
        SHEET_NAME,
        "Scale answers",
        (
            FieldSpec("date", "日期", "Date", Kind.DATE, required=True),
            FieldSpec("student_id", "学号", "Student", Kind.REF, required=True, ref="student"),
            FieldSpec("scale", "量表", "Scale", Kind.TEXT, required=True),
            *(
                FieldSpec(
                    f"item_{n}",
                    ITEM_HEADER.format(number=n),
                    f"Item {n}",
                    Kind.TEXT,
                    confidential=True,
                )
                for n in range(1, items + 1)
            ),
            FieldSpec("total", "总分", "Total", Kind.INT, confidential=True),
            FieldSpec(
                "consent_exception",
                "同意例外理由",
                "Consent exception",
                Kind.TEXT,
                confidential=True,
            ),
        ),
        student_field="student_id",
        date_field="date",
    )


def sheet_layout(library: ScaleLibrary | None = None) -> SheetLayout:
    return SheetLayout(sheet_spec(longest(library or load_scales())))


def is_scale_sheet(title: str) -> bool:
    return normalize_header(title) == SHEET_NAME


# -- import --------------------------------------------------------------------------------------
@dataclass
class _Columns:
    date: str
    student: str
    scale: str
    items: dict[int, str]  # item number → header as in the sheet
    total: str | None
    reason: str | None


def _columns(data: SheetData, problems: list[Problem]) -> tuple[_Columns | None, dict[str, int]]:
    position = {header_key(h): i for i, h in enumerate(data.header) if not blank(h)}
    named = {header_key(h): str(h).strip().rstrip("*") for h in data.header if not blank(h)}
    missing = [h for h in ("日期", "学号", "量表") if h not in position]
    for header in missing:
        problems.append(Problem(header, MISSING_COLUMN(header=header + "*"), SHEET_NAME, 1))
    if missing:
        return None, position
    items = {}
    for key, header in named.items():
        match = _ITEM.fullmatch(key)
        if match:
            items[int(match[1])] = header
    return (
        _Columns(
            named["日期"],
            named["学号"],
            named["量表"],
            items,
            named.get("总分"),
            named.get(header_key("同意例外理由")),
        ),
        position,
    )


def import_scale_answers_sheet(
    school: School, data: SheetData, problems: list[Problem]
) -> SheetCounts:
    """Check every row and save them (way ``workbook``); problems are added to ``problems`` and
    nothing is saved when there are any (the caller's transaction is then rolled back)."""
    counts = SheetCounts()
    columns, position = _columns(data, problems)
    if columns is None:
        return counts
    library = scale_library(school)
    before = len(problems)
    groups: dict[tuple[str, bool], list[tuple[int, tuple[Any, ...]]]] = {}
    scales: dict[str, Scale] = {}

    def cell(cells: tuple[Any, ...], header: str | None) -> Any:
        at = position.get(header_key(header)) if header else None
        return cells[at] if at is not None and at < len(cells) else None

    for row, cells in data.rows:
        name = cell(cells, columns.scale)
        if blank(name):
            problems.append(Problem(columns.scale, BLANK_SCALE, SHEET_NAME, row))
            continue
        scale = library.get(cell_text(name))
        if scale is None:
            known = joined(s.name for s in library.scales)
            problems.append(
                Problem(
                    columns.scale, UNKNOWN_SCALE(name=cell_text(name), known=known), SHEET_NAME, row
                )
            )
            continue
        scales[scale.id] = scale
        for number, header in sorted(columns.items.items()):
            if number > len(scale.items) and not blank(cell(cells, header)):
                problems.append(
                    Problem(
                        header,
                        TOO_MANY_ANSWERS(scale=scale.name, count=len(scale.items), header=header),
                        SHEET_NAME,
                        row,
                    )
                )
        answered = any(
            not blank(cell(cells, columns.items.get(n))) for n in range(1, len(scale.items) + 1)
        )
        by_total = not answered and not blank(cell(cells, columns.total))
        groups.setdefault((scale.id, by_total), []).append((row, cells))
    entries: list[ScaleAnswers] = []
    seen: dict[tuple[int, str, dt.date], int] = {}
    for (scale_id, by_total), rows in groups.items():
        scale = scales[scale_id]
        mapping = ColumnMapping(
            scale_id,
            student_no=columns.student,
            date=columns.date,
            items=()
            if by_total
            else tuple(columns.items.get(n) for n in range(1, len(scale.items) + 1)),
            total=columns.total,
        )
        table = ExportTable(SHEET_NAME, data.header, tuple(rows))
        plan = plan_import(school, table, scale, mapping, keep_same=True)
        problems += plan.problems
        counts.unchanged += plan.unchanged
        by_row = dict(rows)
        reasons = _reasons(plan, by_row, cell, columns, problems)
        for entry, row in zip(plan.entries, plan.rows, strict=True):
            key = (entry.student_id, scale_id, entry.on)
            if key in seen:  # the same day twice, once with answers and once as a total
                student = cell_text(cell(by_row[row], columns.student))
                message = DUPLICATE_ROW(
                    first=seen[key], student=student, date=entry.on, scale=scale.name
                )
                problems.append(Problem("", message, SHEET_NAME, row))
                continue
            seen[key] = row
            reason = reasons.get(row)
            entries.append(
                ScaleAnswers(
                    entry.student_id,
                    entry.scale,
                    entry.on,
                    entry.answers,
                    consent_exception=reason,
                    total=entry.total,
                )
            )
    if len(problems) == before and entries:
        save_screenings(school, entries, "workbook")
        counts.added = len(entries)
    return counts


def _reasons(
    plan: ImportPlan,
    by_row: dict[int, tuple[Any, ...]],
    cell: Any,
    columns: _Columns,
    problems: list[Problem],
) -> dict[int, str]:
    """The reason of each row whose student had no consent; a problem where it is missing."""
    reasons = {}
    for missing in plan.without_consent:
        text = cell(by_row[missing.row], columns.reason)
        if blank(text):
            problems.append(
                Problem(
                    columns.reason or "同意例外理由",
                    NEEDS_REASON(student=missing.student_no, name=missing.name, date=missing.on),
                    SHEET_NAME,
                    missing.row,
                )
            )
        else:
            reasons[missing.row] = str(text).strip()
    return reasons


# -- export --------------------------------------------------------------------------------------
def export_rows(school: School, library: ScaleLibrary) -> tuple[SheetLayout, list[list[Any]]]:
    """Every scale screening, by date and 学号, with its answers in plain text."""
    rows = school.db.query(
        "SELECT sc.date, s.student_no, sc.scale_id, sc.answers, sc.score, sc.consent_exception"
        " FROM screening sc JOIN student s ON s.id = sc.student_id"
        " WHERE sc.scale_id IS NOT NULL ORDER BY sc.date, s.student_no, sc.id"
    )
    items = longest(library)
    written = []
    for day, student_no, scale_id, sealed, score, exception in rows:
        text = school.open_text("screening.answers", sealed)
        answers: Sequence[int | None] = json.loads(text) if text else ()
        items = max(items, len(answers))
        scale = library.get(str(scale_id))
        written.append(
            [
                dt.date.fromisoformat(str(day)),
                str(student_no),
                scale.name if scale is not None else str(scale_id),
                *answers,
                score,
                school.open_text("screening.consent_exception", exception),
            ]
        )
    layout = SheetLayout(sheet_spec(items))
    width = len(layout.columns)
    # The total and the reason go to their own columns, after the longest scale's items.
    shaped = [[*row[:-2], *[None] * (width - len(row)), row[-2], row[-1]] for row in written]
    return layout, shaped
