"""Text on its way into a PDF: characters the font lacks are marked, remembered and reported.

reportlab draws a character its font lacks as an empty box or nothing, silently. Every piece of text a
printout draws passes through a :class:`GlyphGuard`, which puts the missing-character mark 〓 (the
mark Chinese typesetting uses for a character the type case lacks) in its place and remembers the
character, so the printout can say which characters to write in by hand and the caller can warn.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from counselor_app.foundation.fonts import CjkFont
from counselor_app.foundation.i18n import Message, msg

MISSING_MARK = "〓"

MISSING_GLYPHS_WARNING = msg(
    "警告：打印字体缺少这些字，打印件中以“〓”代替，请手工补写：{characters}",
    "Warning: the printing font lacks these characters; the printout shows '〓' in their place, "
    "write them in by hand: {characters}",
)


def describe_characters(characters: tuple[str, ...]) -> str:
    """``U+20000 𠀀（CJK UNIFIED IDEOGRAPH-20000）`` for each character, for a terminal or a log."""
    return "；".join(f"U+{ord(ch):04X} {ch}（{unicodedata.name(ch, '?')}）" for ch in characters)


def missing_glyphs_warning(characters: tuple[str, ...]) -> Message:
    return MISSING_GLYPHS_WARNING(characters=describe_characters(characters))


class GlyphGuard:
    """Cleans text for one document and collects what its font could not draw."""

    def __init__(self, font: CjkFont) -> None:
        self.font = font
        self._missing: dict[str, None] = {}  # insertion-ordered set

    def plain(self, text: object) -> str:
        """Text for ``canvas.drawString``: missing characters replaced by the mark."""
        value = "" if text is None else str(text)
        lacking = self.font.missing_glyphs(value)
        if not lacking:
            return value
        for ch in sorted(lacking):
            self._missing.setdefault(ch)
        return "".join(MISSING_MARK if ch in lacking else ch for ch in value)

    def para(self, text: object) -> str:
        """Text for a ``Paragraph``: marked, XML-escaped, line breaks kept."""
        return escape(self.plain(text)).replace("\n", "<br/>")

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(self._missing)

    def footnote(self) -> str:
        """Paragraph markup explaining the mark, naming each missing character by its code point."""
        codes = "、".join(f"U+{ord(ch):04X}" for ch in self.missing)
        return escape(
            f"注：本机打印字体缺少 {len(self.missing)} 个字（Unicode 编码 {codes}），"
            f"文中以“{MISSING_MARK}”代替，请在打印件上手工补写。"
        )
