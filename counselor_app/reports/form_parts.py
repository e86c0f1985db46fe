"""The parts of a paper form that the crisis printouts share: lines to sign on, the school
leader's approval box, boxes to write in by hand, tick boxes and the line to cut a return slip off.

They are drawn, not typed: a counsellor prints the form and the people named sign it with a pen.
Nothing here reads the school; every text passes through the page's :class:`GlyphGuard`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from counselor_app.reports.confidential import ConfidentialPage
from counselor_app.reports.pdf_styles import HEADER_FILL, MUTED, RULE_LINE, cell_flowable

BLANK = "_" * 14
DATE_BLANK = "______ 年 ____ 月 ____ 日"
TICK_BOX = "□"
# Between the blanks of one line: reportlab folds a run of spaces, even ideographic ones, into one.
GAP = "&nbsp;" * 6


def spaced(page: ConfidentialPage, *parts: str) -> str:
    """Paragraph markup of ``parts`` on one line with room between them."""
    return GAP.join(page.guard.para(part) for part in parts)


def signature_lines(labels: Sequence[str], page: ConfidentialPage) -> Flowable:
    """ "心理教师签字：____" for each label, two to a row, with room above each line to sign."""
    cells = [f"{label}：{BLANK}" for label in labels]
    if len(cells) % 2:
        cells.append(f"日期：{DATE_BLANK}")
    else:
        cells += [f"日期：{DATE_BLANK}", ""]
    rows = [
        [cell_flowable(text, page.guard, page.styles.body) for text in cells[i : i + 2]]
        for i in range(0, len(cells), 2)
    ]
    table = Table(
        rows,
        colWidths=[page.width / 2, page.width / 2],
        rowHeights=[12 * mm] * len(rows),
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), page.guard.font.pdf_name),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return KeepTogether([Spacer(1, 4 * mm), table])


def leader_approval(page: ConfidentialPage, title: str = "学校审批意见") -> Flowable:
    """The box the school leader fills in: the opinion, a signature and the date."""
    styles, guard = page.styles, page.guard
    label_width = 0.2 * page.width
    rows = [
        [cell_flowable(title, guard, styles.cell_head), ""],
        [
            cell_flowable("分管校领导签字", guard, styles.cell_head),
            Paragraph(spaced(page, BLANK + BLANK, f"日期：{DATE_BLANK}"), styles.cell),
        ],
    ]
    table = Table(
        rows,
        colWidths=[label_width, page.width - label_width],
        rowHeights=[24 * mm, 11 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE_LINE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE_LINE),
                ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("VALIGN", (1, 1), (1, 1), "BOTTOM"),
            ]
        ),
        hAlign="LEFT",
    )
    return KeepTogether([Spacer(1, 5 * mm), table])


def writing_box(page: ConfidentialPage, text: str = "", *, lines: int = 3) -> Table:
    """A framed box holding ``text`` (if any) and room for ``lines`` more lines by hand."""
    height = lines * 8 * mm
    content: list[Flowable] = []
    if text:
        content.append(cell_flowable(text, page.guard, page.styles.body))
    content.append(Spacer(1, height))
    return Table(
        [[content]],
        colWidths=[page.width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), page.guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE_LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
        hAlign="LEFT",
    )


def tick_boxes(items: Sequence[str], page: ConfidentialPage, *, per_line: int = 1) -> Paragraph:
    """ "□ item" for each item, ``per_line`` to a line, to tick by hand."""
    marked = [f"{TICK_BOX} {page.guard.para(item)}" for item in items]
    lines = ["　　".join(marked[i : i + per_line]) for i in range(0, len(marked), max(per_line, 1))]
    return Paragraph("<br/>".join(lines), page.styles.body)


def cut_line(page: ConfidentialPage, words: str) -> list[Flowable]:
    """A dashed line across the page with ``words`` under it: where the return slip is cut off."""
    return [
        Spacer(1, 4 * mm),
        DashedRule(page.width),
        Paragraph(page.guard.para(words), page.styles.small),
    ]


class DashedRule(Flowable):  # type: ignore[misc]
    """A dashed line across the text, drawn on the canvas itself: a reportlab ``Drawing`` would
    name Helvetica, which is never embedded."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 6 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.7)
        canvas.setDash(4, 3)
        canvas.line(0, self.height / 2, self.width, self.height / 2)
        canvas.restoreState()


def indented(page: ConfidentialPage) -> ParagraphStyle:
    """The body style with its first line indented two characters, as a Chinese letter is."""
    body = page.styles.body
    return ParagraphStyle(f"{body.name}-indented", parent=body, firstLineIndent=2 * body.fontSize)
