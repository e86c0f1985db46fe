"""A Chinese font for the whole program, so that no character is ever drawn as an empty box.

A school PC may lack a CJK font that Qt's font matching finds on its own (a minimal UOS/Kylin
install, an English Windows, a headless test machine). At start we load a font known to cover
Chinese straight from its file into Qt and put it first in the application font's family list; the
platform's own font stays as the fallback for Latin text.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from counselor_app.ui.resources import resources_dir

log = logging.getLogger(__name__)

# Order matters: the first one found wins. Fonts are taken from the system (or from the font the
# installer carried into resources/fonts), never committed to the repository.
_LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian, Ubuntu, UOS: fonts-wqy-microhei
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simsun.ttc")  # Microsoft YaHei, then SimSun
_MAC_FONTS = ("/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc")

_loaded_families: list[str] = []


def candidate_font_files() -> list[Path]:
    """Font files to try, bundled ones first, then the platform's usual places."""
    bundled = sorted((resources_dir() / "fonts").glob("*.tt[cf]"))
    if sys.platform == "win32":
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        system: Iterable[Path] = (fonts / name for name in _WINDOWS_FONTS)
    elif sys.platform == "darwin":
        system = (Path(p) for p in _MAC_FONTS)
    else:
        system = (Path(p) for p in _LINUX_FONTS)
    return [*bundled, *system]


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
