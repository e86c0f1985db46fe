"""The Chinese font of every printout and chart: one deliberate, documented source, no Qt.

A PDF must read correctly on a computer that has no Chinese font, so the font is embedded; reportlab
embeds only TrueType outlines (``glyf``), so the font must be a ``.ttf`` or ``.ttc``. CFF fonts
(``.otf``, Noto Sans CJK) make reportlab raise "postscript outlines are not supported", and its
built-in ``STSong-Light`` is never embedded. Where the font comes from, the first usable one wins:

1. a font the installer carried into ``resources/fonts/`` (``*.ttc``, ``*.ttf``; the build copies
   it from the build machine, it is never committed to the repository);
2. on Windows, the fonts Windows ships: ``%WINDIR%\\Fonts\\msyh.ttc`` (Microsoft YaHei),
   ``msyh.ttf``, ``simsun.ttc`` (SimSun), ``simhei.ttf`` (SimHei);
3. on Linux, WenQuanYi Micro Hei (Debian, Ubuntu, UOS, Kylin: ``fonts-wqy-microhei``; Fedora and
   Arch paths too), then WenQuanYi Zen Hei, then Droid Sans Fallback.

A candidate is used only if reportlab can load it and it covers :data:`PROBE_TEXT`; otherwise the next
one is tried. If none is usable the printout is refused with :data:`NO_CJK_FONT` (exit code 2, like
other missing prerequisites of the machine: it is fixed by installing a font, not by changing the
school's data, so neither "invalid input" nor "damaged data" would point the counsellor the right way).

No font covers every character. Rare given names (喆 玥 堃 赟) are in WenQuanYi Micro Hei and in
Microsoft YaHei, but CJK extension B characters (such as 𠀀) are not; :func:`missing_glyphs` says
which characters of a text the font lacks, so a printout can mark and report them instead of
drawing an empty box.

The font is registered once per process: in reportlab under a name derived from the file (reportlab
keys fonts by name, and two files under one name silently replace each other) and in matplotlib's
font manager, with :func:`matplotlib_rc` giving the settings that put it first.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import joined, msg
from counselor_app.foundation.resources import resources_dir

#: Characters every usable font must have (a Latin-only font in resources/fonts is skipped).
PROBE_TEXT = "中文心理辅导学生班级第页共"

NO_CJK_FONT = msg(
    "找不到可用于打印的中文字体（需要 TrueType 格式的 .ttc 或 .ttf 文件）。已查找：{searched}。"
    "请重新运行安装程序；在 Linux 上也可以安装 fonts-wqy-microhei（sudo apt install fonts-wqy-microhei）。",
    "No Chinese font usable for printing was found (a TrueType .ttc or .ttf file is needed). Looked "
    "for: {searched}. Re-run the installer; on Linux you can also install fonts-wqy-microhei "
    "(sudo apt install fonts-wqy-microhei).",
)

_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf")
_LINUX_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian, Ubuntu, UOS, Kylin
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  # Fedora
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",  # Arch
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


class NoChineseFont(UsageError):
    """No TrueType Chinese font could be found or loaded (exit code 2)."""


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont_index: int = 0  # the face in a .ttc collection; 0 is the regular face of all above


@dataclass(frozen=True)
class CjkFont:
    """A loaded font: where it came from, its reportlab name and the characters it can draw."""

    path: Path
    subfont_index: int
    pdf_name: str  # the name registered in reportlab
    family: str  # the family name matplotlib knows it by
    codepoints: frozenset[int] = field(repr=False)

    def missing_glyphs(self, text: str) -> set[str]:
        """The characters of ``text`` this font cannot draw (spaces and control characters aside)."""
        return {
            ch for ch in set(text) if ord(ch) not in self.codepoints and not _needs_no_glyph(ch)
        }


def _needs_no_glyph(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def bundled_fonts_dir() -> Path:
    """Where an installer puts the font it carries (``resources/fonts``)."""
    return resources_dir() / "fonts"


def candidate_fonts(platform: str | None = None) -> list[FontCandidate]:
    """The font files to try, in the documented order (see the module docstring)."""
    platform = platform or sys.platform
    folder = bundled_fonts_dir()
    bundled = sorted([*folder.glob("*.ttc"), *folder.glob("*.ttf")]) if folder.is_dir() else []
    found = [FontCandidate(p) for p in bundled]
    if platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found += [FontCandidate(windows / name) for name in _WINDOWS_FONTS]
    elif platform.startswith("linux"):
        found += [FontCandidate(Path(p)) for p in _LINUX_FONTS]
    return found


def _pdf_name(candidate: FontCandidate) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "", candidate.path.stem) or "font"
    return f"CounselorCJK-{stem}-{candidate.subfont_index}"


def _load(candidate: FontCandidate) -> CjkFont | None:
    """Register one candidate in reportlab; None if it is missing, not TrueType or not Chinese."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not candidate.path.is_file():
        return None
    name = _pdf_name(candidate)
    try:
        registered = (
            pdfmetrics.getFont(name) if name in pdfmetrics.getRegisteredFontNames() else None
        )
        font = registered or TTFont(name, str(candidate.path), subfontIndex=candidate.subfont_index)
    except (TTFError, OSError, ValueError):
        return None  # a CFF (.otf) font, a damaged file, or a collection without that face
    codepoints = frozenset(font.face.charToGlyph)
    if any(ord(ch) not in codepoints for ch in PROBE_TEXT):
        return None
    if registered is None:
        pdfmetrics.registerFont(font)
        # One face serves all four styles, so <b> in a paragraph never asks for a missing font.
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    family = _family_name(font)
    return CjkFont(candidate.path, candidate.subfont_index, name, family, codepoints)


def _family_name(font: Any) -> str:
    family = getattr(font.face, "familyName", b"") or font.face.name
    return family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)


def find_cjk_font(candidates: Iterable[FontCandidate] | None = None) -> CjkFont:
    """The first usable candidate, registered in reportlab; :class:`NoChineseFont` if none is."""
    tried = list(candidate_fonts() if candidates is None else candidates)
    for candidate in tried:
        font = _load(candidate)
        if font is not None:
            return font
    searched = joined(str(c.path) for c in tried) if tried else "—"
    raise NoChineseFont(NO_CJK_FONT(searched=searched))


_lock = threading.Lock()
_font: CjkFont | None = None
_matplotlib_ready: set[Path] = set()


def cjk_font() -> CjkFont:
    """The process's Chinese font, found and registered in reportlab on first use."""
    global _font
    with _lock:
        if _font is None:
            _font = find_cjk_font()
        return _font


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` that the printout font lacks and would draw as a box."""
    return cjk_font().missing_glyphs(text)


def matplotlib_rc(font: CjkFont | None = None) -> dict[str, Any]:
    """Settings that make matplotlib draw Chinese with the printout font.

    Adds the font file to matplotlib's font manager (once), then returns rc settings for
    ``matplotlib.rc_context(...)``; a program that draws many charts may instead apply them once
    with ``matplotlib.rcParams.update(...)``.
    """
    from matplotlib import font_manager

    font = font or cjk_font()
    with _lock:
        if font.path not in _matplotlib_ready:
            known = {Path(f.fname) for f in font_manager.fontManager.ttflist}
            if font.path not in known:
                font_manager.fontManager.addfont(str(font.path))
            _matplotlib_ready.add(font.path)
    return {
        "font.family": ["sans-serif"],
        "font.sans-serif": [font.family, "DejaVu Sans"],
        "axes.unicode_minus": False,  # the font has no U+2212 minus sign; use the ASCII hyphen
        "pdf.fonttype": 42,  # if a chart is ever saved as PDF: TrueType, embedded
        "svg.fonttype": "none",
    }
