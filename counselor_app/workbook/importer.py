"""Importing the school workbook: all or nothing, every problem listed.

The workbook is read and closed first. Its sheets are matched to the contract (unknown sheets and
columns are ignored and reported, 说明 silently), a 管理员 is refused a workbook with confidential
rows, and then every sheet is imported in catalogue order inside ONE transaction, so a row can
refer to rows of earlier sheets of the same workbook. (学年分班 is imported right after 学生, whose
班级编号 is first checked against it.) If any problem was found the transaction is
rolled back and ``ValidationFailed`` lists them all; otherwise one audit entry records the counts
(never content). A caller's ``progress`` (see :mod:`~counselor_app.workbook.progress`) hears of
every row read and imported and may stop the import; stopping rolls the transaction back too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from counselor_app.foundation.errors import InvalidInput, NotPermitted, Problem, ValidationFailed
from counselor_app.foundation.i18n import joined, msg
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.workbook.cells import plain_text, split_cell
from counselor_app.workbook.counts import ImportReport, SheetCounts
from counselor_app.workbook.enrolment_plan import EnrolmentPlan, read_plan
from counselor_app.workbook.enrolment_sheet import EnrolmentSheetImporter, stored_placements
from counselor_app.workbook.examples import example_fingerprints, fingerprint
from counselor_app.workbook.layout import (
    IMPORT_ORDER,
    INSTRUCTIONS_SHEET,
    REFERENCE_KEYS,
    SCHOOL,
    SHEETS,
    SheetLayout,
    normalize_header,
    sheet_named,
)
from counselor_app.workbook.progress import IMPORT_CANCELLED, Progress, Ticker
from counselor_app.workbook.reading import SheetData, read_workbook
from counselor_app.workbook.record_sheet import RecordSheetImporter, locate
from counselor_app.workbook.references import KeyIndex
from counselor_app.workbook.scale_answers_sheet import (
    SHEET_NAME as SCALE_SHEET,
)
from counselor_app.workbook.scale_answers_sheet import (
    import_scale_answers_sheet,
    is_scale_sheet,
)
from counselor_app.workbook.school_sheet import import_school_sheet

REJECTED = msg(
    "工作簿中有 {count} 处问题，没有导入任何内容。请逐条修改后重新导入：",
    "The workbook has {count} problems; nothing was imported. Fix each one and import again:",
    en_one="The workbook has a problem; nothing was imported. Fix it and import again:",
)
MISSING_COLUMN = msg(
    "缺少必填列“{header}”。请从模板中复制这一列的列名（第 1 行）",
    "the required column '{header}' is missing; copy its name (row 1) from the template",
)
DUPLICATE_COLUMN = msg(
    "列“{header}”出现了两次（第 {first} 列和第 {second} 列），请删除其中一列",
    "the column '{header}' appears twice (columns {first} and {second}); delete one of them",
)
DUPLICATE_SHEET = msg(
    "工作簿中有两张“{sheet}”表（“{first}”和“{second}”），请合并为一张",
    "the workbook has two {sheet} sheets ('{first}' and '{second}'); merge them into one",
)
NO_KNOWN_SHEET = msg(
    "这个工作簿里没有可导入的表（找到的表：{found}）。表名应为：{expected}。请使用“生成模板”得到的文件。",
    "This workbook has no sheet to import (found: {found}). Sheet names are: {expected}. Use the "
    "file the template command wrote.",
)
ADMIN_CONFIDENTIAL = msg(
    "管理员账户不能导入含保密内容的表：{sheets}。请删除这些表后再导入，或请心理教师导入。",
    "An administrator may not import sheets with confidential content: {sheets}. Delete those "
    "sheets and import again, or ask a counsellor to import it.",
)


@dataclass
class PlannedSheet:
    """A workbook sheet matched to the contract: which cells hold which fields."""

    layout: SheetLayout
    data: SheetData
    present: dict[int, str] = field(default_factory=dict)  # cell position → field name
    problems: list[Problem] = field(default_factory=list)  # sheet-level: columns
    ignored_columns: list[str] = field(default_factory=list)
    examples: int = 0  # the template's example rows, left out


def import_workbook(
    school: School, path: Path, *, progress: Progress | None = None
) -> ImportReport:
    ticker = Ticker(progress, IMPORT_CANCELLED)
    # Only the contract's sheets are read; the others are only named, as ignored.
    book = read_workbook(
        Path(path),
        ticker.check,
        wanted=lambda title: sheet_named(title) is not None or is_scale_sheet(title),
    )
    # 量表作答 is no record sheet: it is read by the screening's own rules, after all the others.
    scale_sheets = [data for data in book.sheets if is_scale_sheet(data.title)]
    sheets = [data for data in book.sheets if not is_scale_sheet(data.title)]
    planned, all_planned, ignored, problems = _plan(sheets, example_fingerprints(book.names))
    if ignored and not any(sheet_named(data.title) for data in sheets) and not scale_sheets:
        raise InvalidInput(
            NO_KNOWN_SHEET(found=joined(ignored), expected=joined(sheet.name for sheet in SHEETS))
        )
    scale_sheet = next((data for data in scale_sheets if data.rows), None)
    _check_role(school, planned, scale_sheet is not None)
    ticker.start(
        sum(len(sheet.data.rows) for sheet in planned)
        + (len(scale_sheet.rows) if scale_sheet else 0)
    )
    counts: dict[str, SheetCounts] = {}
    with school.db.transaction():
        keys = KeyIndex(school.db)
        service = RecordService(school)
        placements = next((s for s in planned if s.layout.is_enrolment), None)
        plan = _enrolment_plan(placements)
        # What the school held before this import, to count the sheet's rows against.
        placed_before = stored_placements(school) if placements is not None else {}
        for sheet in planned:
            if sheet.problems:
                problems += sheet.problems
                _mark_keys_pending(sheet, keys)
                ticker(len(sheet.data.rows))
            elif sheet.layout.is_school:
                counts[sheet.layout.name] = import_school_sheet(
                    school,
                    keys,
                    sheet.data,
                    sheet.present,
                    problems,
                    lambda problem, row, raw: locate(SCHOOL, problem, row, raw),
                )
                ticker(len(sheet.data.rows))
            elif sheet.layout.is_enrolment:
                placing = EnrolmentSheetImporter(
                    school, keys, sheet.present, problems, placed_before
                )
                counts[sheet.layout.name] = placing.run(sheet.data, ticker)
            else:
                importer = RecordSheetImporter(
                    school, service, keys, sheet.layout.spec, sheet.present, problems, plan
                )
                counts[sheet.layout.name] = importer.run(sheet.data, ticker)
        if scale_sheet is not None:
            counts[SCALE_SHEET] = import_scale_answers_sheet(school, scale_sheet, problems)
            ticker(len(scale_sheet.rows))
        if problems:
            # Leaving the block by an exception rolls back everything written above.
            raise ValidationFailed(REJECTED(count=len(problems)), problems)
        logged = {
            sheet.layout.spec.type: counts[sheet.layout.name].as_dict()
            for sheet in planned
            if sheet.layout.name in counts
        }
        if SCALE_SHEET in counts:
            logged["scale_answers"] = counts[SCALE_SHEET].as_dict()
        school.log("import", sheets=logged)
    return ImportReport(
        counts,
        tuple(ignored),
        {s.layout.name: tuple(s.ignored_columns) for s in planned if s.ignored_columns},
        {s.layout.name: s.examples for s in all_planned if s.examples},
    )


def _plan(
    sheets: list[SheetData], examples: dict[str, str]
) -> tuple[list[PlannedSheet], list[PlannedSheet], list[str], list[Problem]]:
    """Sheets with data rows, in import order; every sheet matched (with its count of template
    examples left out); unknown sheet titles; workbook-level problems."""
    by_layout: dict[str, PlannedSheet] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for data in sheets:
        layout = sheet_named(data.title)
        if layout is None:
            if normalize_header(data.title) != INSTRUCTIONS_SHEET:
                ignored.append(data.title)
            continue
        if layout.name in by_layout:
            problems.append(
                Problem(
                    "",
                    DUPLICATE_SHEET(
                        sheet=layout.name,
                        first=by_layout[layout.name].data.title,
                        second=data.title,
                    ),
                    data.title,
                    None,
                )
            )
            continue
        matched = _match_columns(layout, data)
        example = examples.get(layout.spec.type)
        if example is not None and not matched.problems:
            _leave_out_examples(matched, example)
        by_layout[layout.name] = matched
    planned = sorted(
        (p for p in by_layout.values() if p.data.rows),
        key=lambda p: IMPORT_ORDER.index(p.layout.name),
    )
    return planned, list(by_layout.values()), ignored, problems


def _leave_out_examples(sheet: PlannedSheet, example: str) -> None:
    """Drop the rows that are exactly the template's example row of the sheet (see ``examples``)."""
    kept = []
    for row, cells in sheet.data.rows:
        values = {name: cells[i] if i < len(cells) else None for i, name in sheet.present.items()}
        if fingerprint(values) == example:
            sheet.examples += 1
        else:
            kept.append((row, cells))
    if sheet.examples:
        sheet.data = replace(sheet.data, rows=tuple(kept))


def _enrolment_plan(sheet: PlannedSheet | None) -> EnrolmentPlan:
    """The 学年分班 rows read ahead for the 学生 sheet (see ``enrolment_plan``)."""
    if sheet is None:
        return EnrolmentPlan()
    plan = read_plan(sheet.data, sheet.present)
    if sheet.problems:
        # The sheet cannot be read as a whole: its students' latest years wait for it.
        plan.unreadable |= set(plan.latest)
        plan.latest.clear()
    return plan


def _match_columns(layout: SheetLayout, data: SheetData) -> PlannedSheet:
    planned = PlannedSheet(layout, data)
    first_position: dict[str, int] = {}
    for position, header in enumerate(data.header):
        if header is None or not str(header).strip():
            continue
        column = layout.column_for(header)
        if column is None:
            planned.ignored_columns.append(plain_text(header))
            continue
        if column.field.name in first_position:
            planned.problems.append(
                Problem(
                    column.header,
                    DUPLICATE_COLUMN(
                        header=column.header,
                        first=first_position[column.field.name] + 1,
                        second=position + 1,
                    ),
                    layout.name,
                    1,
                )
            )
            continue
        first_position[column.field.name] = position
        planned.present[position] = column.field.name
    for column in layout.columns:
        if column.field.required and column.field.name not in first_position:
            planned.problems.append(
                Problem(column.header, MISSING_COLUMN(header=column.marked_header), layout.name, 1)
            )
    return planned


def _check_role(school: School, planned: list[PlannedSheet], scale_answers: bool) -> None:
    if school.may_read_confidential:
        return
    refused = [sheet.layout.name for sheet in planned if sheet.layout.confidential]
    refused += [SCALE_SHEET] if scale_answers else []
    if refused:
        raise NotPermitted(ADMIN_CONFIDENTIAL(sheets=joined(refused)))


def _mark_keys_pending(sheet: PlannedSheet, keys: KeyIndex) -> None:
    """A sheet that cannot be read still names its keys: later sheets may refer to them."""
    spec = sheet.layout.spec
    record_type = "campus" if sheet.layout.is_school else spec.type
    if record_type not in REFERENCE_KEYS:
        return
    # The column other sheets name these records by (学号, 工号, 班级编号, 校区).
    key_field = "campuses" if sheet.layout.is_school else REFERENCE_KEYS[record_type].column
    positions = [i for i, name in sheet.present.items() if name == key_field]
    for _, cells in sheet.data.rows:
        for position in positions:
            for item in split_cell(cells[position] if position < len(cells) else None):
                keys.mark_pending(record_type, item)
