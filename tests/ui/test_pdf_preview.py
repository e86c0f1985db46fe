"""Qt's print preview of a PDF printout: every PDF page becomes one printed page, on paper of the
PDF's orientation."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from counselor_app.ui.pdf_preview import PdfPrintout, preview_pdf


def make_pdf(pages: int, size: tuple[float, float] = A4) -> bytes:
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=size)
    for number in range(1, pages + 1):
        drawing.setFont("Helvetica", 48)
        drawing.drawString(72, size[1] - 144, f"Page {number}")
        drawing.rect(36, 36, size[0] - 72, size[1] - 72)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_sizes(path: Path) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return [page.get_size() for page in document]
    finally:
        document.close()


def has_ink(path: Path) -> bool:
    """The first printed page is not blank: the PDF page was drawn on it."""
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        image = document[0].render(scale=0.5).to_pil().convert("L")
        return image.getextrema()[0] < 128
    finally:
        document.close()


@pytest.mark.parametrize(("size", "landscape_paper"), [(A4, False), (landscape(A4), True)])
def test_each_pdf_page_is_printed_on_its_own_page(
    qtbot, tmp_path, monkeypatch, size, landscape_paper
):
    out = tmp_path / "printed.pdf"

    def print_instead_of_showing(dialog: QPrintPreviewDialog) -> int:
        """What the preview's print button does: paint on a printer set up like the preview's."""
        printer = pdf_printer(out)
        printer.setPageLayout(dialog.printer().pageLayout())
        printer.setFullPage(dialog.printer().fullPage())
        dialog.paintRequested.emit(printer)
        seen.append(dialog.windowTitle())
        return 0

    seen: list[str] = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_instead_of_showing)
    preview_pdf(None, make_pdf(2, size), "学期自查")

    assert seen == ["学期自查"]
    sizes = page_sizes(out)
    assert len(sizes) == 2
    width, height = sizes[0]
    assert (width > height) == landscape_paper
    assert abs(max(width, height) - 842) < 3 and abs(min(width, height) - 595) < 3
    assert has_ink(out)


def test_the_paint_handler_draws_every_page_on_landscape_paper(qapp, tmp_path):
    printout = PdfPrintout(make_pdf(2, landscape(A4)))
    try:
        assert len(printout) == 2 and printout.is_landscape()
        printer = pdf_printer(tmp_path / "out.pdf")
        printout.set_up(printer)
        assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
        printout.paint(printer)
    finally:
        printout.close()
    sizes = page_sizes(tmp_path / "out.pdf")
    assert len(sizes) == 2 and all(width > height for width, height in sizes)


def test_a_portrait_pdf_sets_portrait_paper(qapp):
    printout = PdfPrintout(make_pdf(1))
    try:
        printer = QPrinter()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printout.set_up(printer)
        assert printer.pageLayout().orientation() == QPageLayout.Orientation.Portrait
        assert printer.fullPage()
    finally:
        printout.close()
