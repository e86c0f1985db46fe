"""Render the app icon (resources/icons/counselor-desk.svg) to the PNG sizes and a Windows .ico.

Run after changing the SVG: ``python tools/make_icons.py``. The PNGs and the .ico are committed
(they are small and the installers need them without a Qt at hand); this script is how they are
made, so they never drift from the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "counselor-desk.svg"))
    if not renderer.isValid():
        print("the SVG could not be read", file=sys.stderr)
        return 1
    for size in SIZES:
        target = ICONS / f"counselor-desk-{size}.png"
        render(renderer, size).save(str(target))
        print(target)
    # Pillow (a matplotlib dependency) writes a multi-size .ico; Qt's ico writer keeps one size.
    from PIL import Image

    big = Image.open(ICONS / "counselor-desk-256.png")
    big.save(ICONS / "counselor-desk.ico", sizes=[(s, s) for s in ICO_SIZES])
    print(ICONS / "counselor-desk.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
