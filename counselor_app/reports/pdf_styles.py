"""The look shared by every printout: type sizes, colours and tables that wrap Chinese and repeat
their header row on every page.

Chinese text in a table cell is always a ``Paragraph`` with ``wordWrap="CJK"`` (a plain string would
run past the cell's edge), and every table repeats its header row when it continues on a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from counselor_app.reports.glyphs import GlyphGuard
from counselor_app.selfcheck.result import STATUS_COLOURS as STATUS_HEX

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE_LINE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")
ZEBRA_FILL = colors.HexColor("#f7f8fa")
ACCENT = colors.HexColor("#1d4e89")
CONFIDENTIAL_RED = colors.HexColor("#b71c1c")
WARNING_ORANGE = colors.HexColor("#e65100")
WARNING_FILL = colors.HexColor("#fff3e0")

#: Text colour and cell fill of each self-check status (one table for every printout and screen).
STATUS_COLOURS = {
    status: (colors.HexColor(text), colors.HexColor(fill))
    for status, (text, fill) in STATUS_HEX.items()
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_small: ParagraphStyle


def make_styles(font_name: str, scale: float = 1.0) -> Styles:
    """Paragraph styles in ``font_name``; ``scale`` enlarges everything (the door schedule)."""

    def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font_name,
            fontSize=size * scale,
            leading=leading * scale,
            wordWrap="CJK",
            textColor=extra.pop("textColor", INK),
            **extra,
        )

    return Styles(
        title=style("title", 20, 28, alignment=TA_CENTER, spaceAfter=10),
        subtitle=style("subtitle", 12, 18, alignment=TA_CENTER, textColor=MUTED, spaceAfter=6),
        heading=style("heading", 14, 20, textColor=ACCENT, spaceBefore=12, spaceAfter=6),
        subheading=style("subheading", 11.5, 16, textColor=ACCENT, spaceBefore=8, spaceAfter=3),
        body=style("body", 10.5, 16, spaceAfter=4),
        small=style("small", 9, 13, textColor=MUTED, spaceAfter=2),
        cell=style("cell", 9.5, 13.5),
        cell_head=style("cell_head", 9.5, 13.5, alignment=TA_CENTER),
        cell_small=style("cell_small", 8, 11, textColor=MUTED),
    )


Cell: TypeAlias = str | Flowable | None


def cell_flowable(value: Cell, guard: GlyphGuard, style: ParagraphStyle) -> Flowable:
    """Plain text becomes a wrapping paragraph (checked for missing glyphs); a flowable stays."""
    if isinstance(value, Flowable):
        return value
    return Paragraph(guard.para("" if value is None else value), style)


def base_table_style(
    font: str, *, header_rows: int = 1, zebra: bool = True, rows: int = 0
) -> list[Any]:
    """Grid, header fill, padding; and the table's own font, which reportlab otherwise sets to
    Helvetica (never embedded) for every cell, even cells that hold a paragraph."""
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE_LINE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE_LINE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        for row in range(header_rows + 1, rows + header_rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL))
    return commands


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    guard: GlyphGuard,
    styles: Styles,
    *,
    extra_style: Sequence[Any] = (),
    zebra: bool = True,
) -> Table:
    """A table whose cells wrap Chinese text and whose header row repeats on every page."""
    data = [[cell_flowable(h, guard, styles.cell_head) for h in header]]
    data += [[cell_flowable(value, guard, styles.cell) for value in row] for row in rows]
    commands = base_table_style(guard.font.pdf_name, zebra=zebra, rows=len(rows))
    return Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        splitInRow=1,  # a row taller than a page (a long note) continues on the next page
        style=TableStyle([*commands, *extra_style]),
        hAlign="LEFT",
    )


def key_value_table(
    pairs: Sequence[tuple[str, Cell]],
    widths: Sequence[float],
    guard: GlyphGuard,
    styles: Styles,
    *,
    columns: int = 1,
) -> Table:
    """Label–value pairs, ``columns`` pairs per row (a form's header block)."""
    rows: list[list[Flowable]] = []
    for start in range(0, len(pairs), columns):
        row: list[Flowable] = []
        for label, value in pairs[start : start + columns]:
            row += [
                cell_flowable(label, guard, styles.cell_head),
                cell_flowable(value, guard, styles.cell),
            ]
        while len(row) < 2 * columns:
            row.append(Paragraph("", styles.cell))
        rows.append(row)
    commands = [
        command
        for command in base_table_style(guard.font.pdf_name, zebra=False)
        if command[0] not in ("BACKGROUND", "VALIGN")
    ]
    commands += [("BACKGROUND", (c, 0), (c, -1), HEADER_FILL) for c in range(0, 2 * columns, 2)]
    commands += [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    return Table(rows, colWidths=list(widths), style=TableStyle(commands), hAlign="LEFT")


class GroupLabel(Paragraph):  # type: ignore[misc]
    """A group's name in the first column of a table: shown on the group's first row and on the
    first row of every page, blank on the other rows (a merged cell that survives page breaks)."""

    def __init__(self, text: str, style: ParagraphStyle, *, shown: bool) -> None:
        super().__init__(text, style)
        self.markup = text
        self.shown = shown

    def draw(self) -> None:
        if self.shown:
            super().draw()


class GroupedTable(Table):  # type: ignore[misc]
    """A table whose first column holds :class:`GroupLabel` cells; when it continues on a new page,
    the group's name is shown again on the first row there."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            first = getattr(part, "repeatRows", 0) or 0
            first = first if isinstance(first, int) else len(first)
            if first < len(part._cellvalues):
                cell = part._cellvalues[first][0]
                # reportlab keeps a flowable cell as a tuple of flowables once it has measured it.
                if isinstance(cell, tuple | list) and len(cell) == 1:
                    cell = cell[0]
                if isinstance(cell, GroupLabel) and not cell.shown:
                    part._cellvalues[first] = [
                        GroupLabel(cell.markup, cell.style, shown=True),
                        *part._cellvalues[first][1:],
                    ]
        return list(parts)
