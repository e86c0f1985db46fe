"""The program's look: Qt's Fusion style, a light palette and a short style sheet.

Fusion looks the same on Windows, UOS and Kylin, so screenshots and instructions match every
school's PC. Colours are quiet on purpose; the only strong colour is the warning banner.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6f73"  # a calm teal
ACCENT_LIGHT = "#e3efef"
TEXT_MUTED = "#5f6b6d"
# Chinese at 9 pt (many platforms' default) is tiring to read; 10 pt still fits 1366×768.
MIN_POINT_SIZE = 10.0

STYLE_SHEET = f"""
QListWidget#navigation {{
    background: #f3f5f5;
    border: none;
    border-right: 1px solid #d9dfdf;
    padding-top: 12px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding-left: 16px;
    border-left: 3px solid transparent;
    color: #2b3335;
}}
QListWidget#navigation::item:selected {{
    background: {ACCENT_LIGHT};
    border-left: 3px solid {ACCENT};
    color: {ACCENT};
}}
QListWidget#navigation::item:hover:!selected {{ background: #e9eded; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; color: #1f2a2c; }}
QLabel#pageSubtitle, QLabel#placeholderNote, QLabel#resultCount {{ color: {TEXT_MUTED}; }}
QLabel#dialogHeading {{ font-size: 15px; font-weight: 600; }}
QLabel#fieldError {{ color: #b3261e; }}
QLabel#busyNote {{ color: {TEXT_MUTED}; }}
QLabel#warningBanner {{
    background: #fff4e5; border: 1px solid #f0b868; border-radius: 4px;
    padding: 8px; color: #6b3d00;
}}
QFrame#statCard {{
    background: white; border: 1px solid #d9dfdf; border-radius: 6px; min-height: 84px;
}}
QLabel#statValue {{ font-size: 26px; font-weight: 600; color: {ACCENT}; }}
QLabel#statCaption {{ color: {TEXT_MUTED}; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Window, QColor("#fbfcfc"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f5f7f7"))
    app.setPalette(palette)
    font = app.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
