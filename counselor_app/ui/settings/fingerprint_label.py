"""A key fingerprint shown large enough to compare, group by group, with a paper copy.

Fingerprints (``K7QF-M2XA-P3RT-CW5D-H6JN``) are made by ``counselor_app.bundle.fingerprints``;
this label only shows one in a fixed-width font, large, with room between the letters, and lets it
be selected. Used by 设置 › 上报 and by the 生成上报包 dialogs of 自查与上报.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

from counselor_app.ui.style import ACCENT

POINT_SIZE = 17.0


class FingerprintLabel(QLabel):
    def __init__(self, fingerprint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSizeF(max(POINT_SIZE, font.pointSizeF()))
        font.setWeight(QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
        self.setFont(font)
        self.setStyleSheet(f"QLabel#fingerprint {{ color: {ACCENT}; padding: 2px 0; }}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_fingerprint(fingerprint)

    def set_fingerprint(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.setText(fingerprint or "—")
