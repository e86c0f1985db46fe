"""Qt's print preview for a finished PDF printout (the self-check report, the door schedule).

PySide6-Essentials has no QtPdf, so the pages are drawn with pypdfium2: :class:`PdfPrintout`
renders each page, one at a time, at the printer's resolution (at most :data:`MAX_DPI`) and paints
the picture over the whole sheet, one PDF page per printed page. The PDF keeps its own margins, so
the printer is set to full-page painting, to the PDF's paper size and to its orientation.

pypdfium2 is imported when this module is; the caller catches ``ImportError`` and falls back to
the system's PDF reader.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRect, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

# Pages are rendered at the printer's resolution up to this many dots per inch.
MAX_DPI = 300
POINTS_PER_INCH = 72


class PdfPrintout:
    """A PDF opened for printing; :meth:`paint` is a ``paintRequested`` handler."""

    def __init__(self, pdf_bytes: bytes) -> None:
        self._document = pdfium.PdfDocument(pdf_bytes)

    def __len__(self) -> int:
        return len(self._document)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` in points."""
        width, height = self._document[index].get_size()
        return width, height

    def is_landscape(self) -> bool:
        if not len(self):
            return False
        width, height = self.page_size(0)
        return width > height

    def set_up(self, printer: QPrinter) -> None:
        """The printer takes the first page's paper size and orientation, and paints the whole
        sheet (the PDF has its own margins)."""
        printer.setFullPage(True)
        if not len(self):
            return
        width, height = self.page_size(0)
        short, long = sorted((width, height))
        printer.setPageSize(QPageSize(QSizeF(short, long), QPageSize.Unit.Point))
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if self.is_landscape()
            else QPageLayout.Orientation.Portrait
        )

    def paint(self, printer: QPrinter) -> None:
        """Draw every page on ``printer``; only one rendered page is held at a time."""
        dpi = max(1, min(printer.resolution(), MAX_DPI))
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for index in range(len(self)):
                if index and not printer.newPage():
                    return
                image = self._render(index, dpi)
                painter.drawImage(self._target(painter.viewport(), image), image)
                del image
        finally:
            painter.end()

    def _render(self, index: int, dpi: int) -> QImage:
        page = self._document[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH)
            try:
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_BGR888,
                ).copy()  # the copy owns its pixels; the bitmap is freed below
            finally:
                bitmap.close()
        finally:
            page.close()
        return image

    @staticmethod
    def _target(area: QRect, image: QImage) -> QRect:
        """``area`` shrunk to the image's proportions, centred."""
        size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = area.left() + (area.width() - size.width()) // 2
        top = area.top() + (area.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def close(self) -> None:
        self._document.close()


def preview_dialog(
    parent: QWidget | None, printout: PdfPrintout, title: str
) -> QPrintPreviewDialog:
    """A print preview of ``printout``, set up for its paper; the caller shows it."""
    dialog = QPrintPreviewDialog(parent)
    dialog.setWindowTitle(title)
    printout.set_up(dialog.printer())
    dialog.paintRequested.connect(printout.paint)
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(1000, screen.width() * 9 // 10), screen.height() * 9 // 10)
    return dialog


def preview_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str = "") -> None:
    """Show ``pdf_bytes`` in Qt's print preview, from which the counsellor prints; returns when
    the preview is closed."""
    printout = PdfPrintout(pdf_bytes)
    title = title or QCoreApplication.translate("pdf_preview", "打印预览")
    dialog = preview_dialog(parent, printout, title)
    try:
        dialog.exec()
    finally:
        # Locking the program closes the preview and may already have scheduled its deletion.
        if isValid(dialog):
            dialog.paintRequested.disconnect(printout.paint)
            dialog.deleteLater()
        printout.close()
