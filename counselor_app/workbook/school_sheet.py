"""The 学校信息 sheet: the single school row and the campuses it names.

The sheet holds one row. Importing it updates the school's name, stage, counselling room and help
lines (columns the sheet lacks keep their values) and creates the campuses it lists by name; it never
removes a campus, because staff and classes may still belong to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from counselor_app.foundation.errors import Problem
from counselor_app.foundation.i18n import msg
from counselor_app.records.validation import validate
from counselor_app.records.values import from_column, to_column
from counselor_app.school.core import School
from counselor_app.workbook.cells import for_converter
from counselor_app.workbook.counts import SheetCounts
from counselor_app.workbook.layout import SCHOOL, SCHOOL_COLUMNS
from counselor_app.workbook.reading import SheetData
from counselor_app.workbook.references import KeyIndex

ONE_ROW_ONLY = msg(
    "“学校信息”表只能有一行数据（第 {first} 行已经填写了学校信息）；请删除多余的行",
    "the sheet 学校信息 holds one row only (row {first} already describes the school); delete "
    "the extra rows",
)

Located = Callable[[Problem, int, Mapping[str, Any]], Problem]


def read_school(school: School) -> dict[str, Any]:
    """The school row and its campuses as stored values, keyed by the sheet's field names."""
    row = school.db.query_one(f"SELECT {', '.join(SCHOOL_COLUMNS)} FROM school WHERE id = 1")
    values = {name: from_column(SCHOOL.field(name), row[name]) for name in SCHOOL_COLUMNS}
    values["campuses"] = [r[0] for r in school.db.query("SELECT name FROM campus ORDER BY name")]
    return values


def import_school_sheet(
    school: School,
    keys: KeyIndex,
    data: SheetData,
    present: Mapping[int, str],
    problems: list[Problem],
    locate: Located,
) -> SheetCounts:
    """Apply the first row of the sheet; ``present`` maps cell positions to field names."""
    counts = SheetCounts()
    (row_number, cells), *extra = data.rows
    for other_number, _ in extra:
        problems.append(Problem("", ONE_ROW_ONLY(first=row_number), SCHOOL.label_zh, other_number))
    raw = {name: cells[i] if i < len(cells) else None for i, name in present.items()}
    current = read_school(school)
    values = dict(current)
    values.update({name: for_converter(SCHOOL.field(name), value) for name, value in raw.items()})
    clean, found = validate(school.db, SCHOOL, values, today=school.today())
    campuses = list(dict.fromkeys(clean.get("campuses") or []))
    for name in campuses:
        # Until this row is fixed, staff and classes naming these campuses are not reported too.
        keys.mark_pending("campus", name)
    problems.extend(locate(problem, row_number, raw) for problem in found)
    if found or extra:
        return counts
    changed = [name for name in SCHOOL_COLUMNS if clean.get(name) != current.get(name)]
    if changed:
        assignments = ", ".join(f"{name} = ?" for name in changed)
        school.db.execute(
            f"UPDATE school SET {assignments} WHERE id = 1",
            [to_column(SCHOOL.field(name), clean[name]) for name in changed],
        )
    added = [name for name in campuses if keys.lookup("campus", name) is None]
    for name in added:
        cursor = school.db.execute("INSERT INTO campus (name) VALUES (?)", (name,))
        keys.remember("campus", name, int(cursor.lastrowid))
    if changed or added:
        counts.updated += 1
    else:
        counts.unchanged += 1
    return counts
