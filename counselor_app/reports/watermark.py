"""The faint diagonal 保密 mark across every page of a confidential printout.

It is an image, not text: text drawn under the content would be read back by copy-and-paste, text
extraction and screen readers, mixed letter by letter into the student's record. The image is drawn
once per process with Pillow (which matplotlib already brings) in the printout font, and reportlab
embeds it once per document however many pages show it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.utils import ImageReader

from counselor_app.foundation.fonts import CjkFont

TEXT = "保密  CONFIDENTIAL"
RED = (183, 28, 28)
OPACITY = 0.12  # of the text's pixels; light enough to read and copy through
PIXELS = 96  # type size in pixels; drawn at about half size on the page
ANGLE = 35

_lock = threading.Lock()
_cache: dict[tuple[Path, int], ImageReader] = {}


def watermark(font: CjkFont) -> ImageReader:
    """The mark as an RGBA image (transparent where there is no ink)."""
    key = (font.path, font.subfont_index)
    with _lock:
        if key not in _cache:
            _cache[key] = ImageReader(_draw(font))
        return _cache[key]


def _draw(font: CjkFont) -> object:
    from PIL import Image, ImageDraw, ImageFont

    face = ImageFont.truetype(str(font.path), PIXELS, index=font.subfont_index)
    left, top, right, bottom = (int(v) for v in face.getbbox(TEXT))
    strip = Image.new("L", (right - left + 20, bottom - top + 20), 0)
    ImageDraw.Draw(strip).text((10 - left, 10 - top), TEXT, font=face, fill=255)
    turned = strip.rotate(ANGLE, resample=Image.Resampling.BILINEAR, expand=True)
    image = Image.new("RGBA", turned.size, (*RED, 0))
    image.putalpha(turned.point(lambda value: int(value * OPACITY)))
    return image
