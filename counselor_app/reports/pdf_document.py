"""Turning a list of flowables into a finished PDF: A4, the Chinese font embedded, a header and a
footer on every page, "第 x 页 / 共 y 页", and for confidential printouts the 保密 mark.

The total page count is known only at the end, so the canvas keeps each finished page and draws the
page numbers when the document is saved. The PDF is built in memory; :meth:`RenderedPdf.save` writes
it atomically with owner-only permissions.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.fonts import CjkFont
from counselor_app.foundation.i18n import Message
from counselor_app.reports.glyphs import GlyphGuard, missing_glyphs_warning
from counselor_app.reports.pdf_styles import (
    CONFIDENTIAL_RED,
    MUTED,
    RULE_LINE,
    WARNING_FILL,
    WARNING_ORANGE,
    Styles,
)
from counselor_app.reports.watermark import watermark

PORTRAIT = A4
LANDSCAPE = landscape(A4)
CREATOR = "Counselor Desk 心理辅导工作台"


@dataclass(frozen=True)
class RenderedPdf:
    """A finished printout: its bytes, how many pages, and the characters the font lacked."""

    data: bytes
    pages: int
    missing_characters: tuple[str, ...] = ()

    def save(self, path: Path) -> None:
        write_bytes_atomic(Path(path), self.data)

    def warnings(self) -> list[Message]:
        return [missing_glyphs_warning(self.missing_characters)] if self.missing_characters else []


@dataclass(frozen=True)
class PageFrame:
    """What every page carries besides the content."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""  # e.g. "打印人：王老师，打印时间：2026-02-10 09:00"
    confidential: bool = False
    header_on_first_page: bool = True
    page_numbers: bool = True
    margins_mm: tuple[float, float, float, float] = (20, 22, 20, 20)  # left, top, right, bottom


@dataclass
class _PageCount:
    total: int = 0


def _numbered_canvas(
    draw_number: Callable[[Canvas, int, int], None], count: _PageCount, font: str
) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The embedded font from the first byte: otherwise every page names Helvetica, which
            # is never embedded, and pdffonts reports a font that is not in the file.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._finished_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._finished_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count.total = len(self._finished_pages)
            for state in self._finished_pages:
                self.__dict__.update(state)
                draw_number(self, self._pageNumber, count.total)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass
class _Decorator:
    frame: PageFrame
    cjk: CjkFont
    pagesize: tuple[float, float]
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def font(self) -> str:
        return self.cjk.pdf_name

    def page(self, canvas: Canvas, doc: Any) -> None:
        width, height = self.pagesize
        left, top, right, bottom = (m * mm for m in self.frame.margins_mm)
        canvas.saveState()
        if self.frame.confidential:
            self._watermark(canvas, width, height)
        if (
            self.texts["header_left"] or self.texts["header_right"] or self.frame.confidential
        ) and (self.frame.header_on_first_page or doc.page > 1):
            y = height - top + 8
            x = left
            if self.frame.confidential:
                x = self._confidential_box(canvas, left, y)
            canvas.setFont(self.font, 9)
            canvas.setFillColor(MUTED)
            canvas.drawString(x, y, self.texts["header_left"])
            canvas.drawRightString(width - right, y, self.texts["header_right"])
            canvas.setStrokeColor(RULE_LINE)
            canvas.setLineWidth(0.6)
            canvas.line(left, y - 4, width - right, y - 4)
        if self.texts["footer_left"]:
            canvas.setFont(self.font, 8.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(left, bottom - 14, self.texts["footer_left"])
        canvas.restoreState()

    def number(self, canvas: Canvas, page: int, total: int) -> None:
        if not self.frame.page_numbers:
            return
        width, _ = self.pagesize
        _, _, right, bottom = (m * mm for m in self.frame.margins_mm)
        canvas.saveState()
        canvas.setFont(self.font, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - right, bottom - 14, f"第 {page} 页 / 共 {total} 页")
        canvas.restoreState()

    def _confidential_box(self, canvas: Canvas, x: float, y: float) -> float:
        canvas.setFont(self.font, 10)
        canvas.setFillColor(CONFIDENTIAL_RED)
        canvas.setStrokeColor(CONFIDENTIAL_RED)
        canvas.setLineWidth(1)
        canvas.rect(x, y - 3, 34, 14, stroke=1, fill=0)
        canvas.drawCentredString(x + 17, y, "保密")
        return x + 42

    def _watermark(self, canvas: Canvas, width: float, height: float) -> None:
        image = watermark(self.cjk)
        image_width, image_height = image.getSize()
        scale = 0.72 * width / image_width
        w, h = image_width * scale, image_height * scale
        for y in (0.24, 0.52, 0.8):
            canvas.drawImage(image, (width - w) / 2, y * height - h / 2, w, h, mask="auto")


def render_pdf(
    story: list[Flowable],
    frame: PageFrame,
    guard: GlyphGuard,
    styles: Styles,
    *,
    pagesize: tuple[float, float] = PORTRAIT,
    title: str = "",
    author: str = "",
) -> RenderedPdf:
    """Lay out ``story`` on A4 pages with ``frame``'s header and footer and return the PDF.

    If any text lacked a glyph, a note naming the characters opens the document.
    """
    texts = {
        "header_left": guard.plain(frame.header_left),
        "header_right": guard.plain(frame.header_right),
        "footer_left": guard.plain(frame.footer_left),
    }
    if guard.missing:
        story = [_missing_glyph_note(guard, styles), *story]
    decorator = _Decorator(frame, guard.font, pagesize, texts)
    count = _PageCount()
    buffer = io.BytesIO()
    left, top, right, bottom = (m * mm for m in frame.margins_mm)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=guard.plain(title),
        author=guard.plain(author),
        creator=CREATOR,
        subject=guard.plain(title),
    )
    doc.build(
        story,
        onFirstPage=decorator.page,
        onLaterPages=decorator.page,
        canvasmaker=_numbered_canvas(decorator.number, count, guard.font.pdf_name),
    )
    return RenderedPdf(buffer.getvalue(), count.total, guard.missing)


def _missing_glyph_note(guard: GlyphGuard, styles: Styles) -> Table:
    """The note on the first page that names the characters drawn as 〓, in an orange box."""
    return Table(
        [[Paragraph(guard.footnote(), styles.small)]],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), guard.font.pdf_name),
                ("BOX", (0, 0), (-1, -1), 1, WARNING_ORANGE),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_FILL),
            ]
        ),
        hAlign="LEFT",
    )


def keep(*flowables: Flowable) -> KeepTogether:
    """Keep a heading with what follows it."""
    return KeepTogether(list(flowables))


def frame_width(frame: PageFrame, pagesize: tuple[float, float] = PORTRAIT) -> float:
    left, _, right, _ = (m * mm for m in frame.margins_mm)
    return float(pagesize[0] - left - right)
