"""Whether a printout can be shown in Qt's print preview, without loading pypdfium2 to find out.

:mod:`counselor_app.ui.pdf_preview` draws the pages with pypdfium2, which takes a moment to load;
pages that print ask :func:`qt_print_preview` when they are built and load it only when the
counsellor first previews. Without pypdfium2 they fall back to the system's PDF reader.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

ShowPreview = Callable[[QWidget | None, bytes, str], None]


def preview_pdf(parent: QWidget | None, data: bytes, title: str) -> None:
    """:func:`counselor_app.ui.pdf_preview.preview_pdf`, imported when first used."""
    from counselor_app.ui.pdf_preview import preview_pdf as show

    show(parent, data, title)


def qt_print_preview() -> ShowPreview | None:
    """:func:`preview_pdf`, or None when pypdfium2 is not installed."""
    return None if importlib.util.find_spec("pypdfium2") is None else preview_pdf
