"""A Chinese font for the whole program, so that no character is ever drawn as an empty box.

A school PC may lack a CJK font that Qt's font matching finds on its own (a minimal UOS/Kylin
install, an English Windows, a headless test machine). At start we load a font known to cover
Chinese straight from its file into Qt and put it first in the application font's family list; the
platform's own font stays as the fallback. Which files are tried, and in what order (a font the
installer carried first, then the system's), is decided once, for printouts and screen alike, in
:mod:`counselor_app.foundation.fonts`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counselor_app.foundation.fonts import candidate_fonts

log = logging.getLogger(__name__)

_loaded_families: list[str] = []


def candidate_font_files() -> list[Path]:
    """The same files, in the same order, as the printouts use (:mod:`counselor_app.foundation.fonts`), so
    the screen and the PDF show the same characters."""
    return [candidate.path for candidate in candidate_fonts()]


def load_cjk_font(app: QApplication, files: Iterable[Path] | None = None) -> str | None:
    """Load the first readable CJK font into Qt and make it the application font's first family.

    Returns the family name, or ``None`` when no file could be loaded (Qt's own font matching is
    then all there is; the program still runs).
    """
    if _loaded_families:  # once per process: QFontDatabase keeps what it loaded
        family: str | None = _loaded_families[0]
    else:
        family = None
        for path in candidate_font_files() if files is None else files:
            if not path.is_file():
                continue
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                family = families[0]
                _loaded_families.append(family)
                log.info("Chinese font %s loaded from %s", family, path)
                break
            log.warning("could not load font file %s", path)
    if family is None:
        log.warning("no Chinese font file found; relying on the system's font matching")
        return None
    font = QFont(app.font())
    current = font.families() or [font.family()]
    # The CJK font first: Latin letters look fine in it, and Chinese never falls to a box.
    font.setFamilies([family, *(f for f in current if f != family)])
    app.setFont(font)
    return family
