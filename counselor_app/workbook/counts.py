"""What an import or an export did, sheet by sheet: numbers only, never content."""

from __future__ import annotations

from dataclasses import dataclass, field

from counselor_app.foundation.change import EVERYTHING, Changes
from counselor_app.foundation.i18n import joined, msg

SHEET_LINE = msg(
    "{sheet}：新增 {added}，更新 {updated}，未变 {unchanged}",
    "{sheet}: {added} added, {updated} updated, {unchanged} unchanged",
)
NOTHING = msg("工作簿中没有可导入的表。", "The workbook holds no sheet to import.")
IGNORED_SHEETS = msg("已忽略不认识的表：{sheets}", "Sheets not recognised and ignored: {sheets}")
EXAMPLES_LEFT_OUT = msg(
    "模板的示例行没有导入（与示例完全相同的行）：{sheets}",
    "The template's example rows (rows exactly as the example) were not imported: {sheets}",
)
EXAMPLES_ON_SHEET = msg("{sheet} {count} 行", "{sheet} {count}", en_one="{sheet} 1")
IGNORED_COLUMNS = msg(
    "“{sheet}”表中已忽略不认识的列：{columns}",
    "Columns not recognised on {sheet} and ignored: {columns}",
)


@dataclass
class SheetCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


@dataclass(frozen=True)
class ImportReport:
    """Per sheet (in workbook order) how many rows were added, updated or left unchanged."""

    sheets: dict[str, SheetCounts]
    ignored_sheets: tuple[str, ...] = ()
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Per sheet, the template's example rows that were left out.
    examples: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, sheet: str) -> SheetCounts:
        return self.sheets[sheet]

    @property
    def changes(self) -> Changes:
        """Any record of any type (classes, students, their records) may have changed."""
        return EVERYTHING

    @property
    def added(self) -> int:
        return sum(c.added for c in self.sheets.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.sheets.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.sheets.values())

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        lines = [
            SHEET_LINE(sheet=name, **counts.as_dict()).render()
            for name, counts in self.sheets.items()
        ] or ([] if self.examples else [NOTHING.render()])
        if self.examples:
            sheets = joined(
                EXAMPLES_ON_SHEET(sheet=sheet, count=count)
                for sheet, count in self.examples.items()
            )
            lines.append(EXAMPLES_LEFT_OUT(sheets=sheets).render())
        if self.ignored_sheets:
            lines.append(IGNORED_SHEETS(sheets=joined(self.ignored_sheets)).render())
        for sheet, columns in self.ignored_columns.items():
            lines.append(IGNORED_COLUMNS(sheet=sheet, columns=joined(columns)).render())
        return "\n".join(lines)


@dataclass(frozen=True)
class ExportReport:
    """How many rows each sheet received, and which sheets were left out (for a 管理员)."""

    sheets: dict[str, int]
    left_out: tuple[str, ...] = ()
