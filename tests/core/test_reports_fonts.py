"""The printout font: a documented TrueType source, rare names covered, missing glyphs reported."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

from counselor_app.foundation.fonts import (
    FontCandidate,
    NoChineseFont,
    candidate_fonts,
    cjk_font,
    find_cjk_font,
    matplotlib_rc,
    missing_glyphs,
)
from counselor_app.reports.glyphs import MISSING_MARK, GlyphGuard
from tests.core.report_fixtures import RARE_NAMES


def test_the_font_is_a_truetype_file_from_the_documented_list():
    font = cjk_font()
    assert font.path.suffix.lower() in (".ttc", ".ttf")
    assert font.path in [c.path for c in candidate_fonts()]
    assert font.pdf_name.startswith("CounselorCJK-")


def test_linux_and_windows_have_their_own_candidates_bundled_first(tmp_path, monkeypatch):
    import counselor_app.foundation.fonts as fonts

    bundled = tmp_path / "fonts"
    bundled.mkdir()
    (bundled / "carried.ttc").write_bytes(b"")
    monkeypatch.setattr(fonts, "bundled_fonts_dir", lambda: bundled)
    linux = [str(c.path) for c in candidate_fonts("linux")]
    assert linux[0].endswith("carried.ttc")
    assert "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" in linux
    windows = [c.path.name for c in candidate_fonts("win32")]
    assert windows[:3] == ["carried.ttc", "msyh.ttc", "msyh.ttf"]
    assert "simsun.ttc" in windows


def test_rare_characters_of_given_names_are_in_the_font():
    assert missing_glyphs("".join(RARE_NAMES) + "珺昇淏翀旻祎彧芃晞") == set()


def test_a_character_the_font_lacks_is_named():
    assert missing_glyphs("吴𠀀 同学\n") == {"𠀀"}


def test_the_guard_marks_and_remembers_missing_characters():
    guard = GlyphGuard(cjk_font())
    assert guard.para("吴𠀀 <同学> & 家长") == f"吴{MISSING_MARK} &lt;同学&gt; &amp; 家长"
    assert guard.plain("张喆") == "张喆"
    assert guard.missing == ("𠀀",)
    assert "U+20000" in guard.footnote()


def test_no_usable_font_is_a_clear_usage_error(tmp_path):
    not_there = FontCandidate(tmp_path / "missing.ttc")
    not_truetype = tmp_path / "broken.ttf"
    not_truetype.write_bytes(b"not a font")
    with pytest.raises(NoChineseFont) as excinfo:
        find_cjk_font([not_there, FontCandidate(not_truetype)])
    assert excinfo.value.exit_code == 2
    text = str(excinfo.value)
    assert "missing.ttc" in text and "fonts-wqy-microhei" in text


def test_a_latin_only_font_is_skipped():
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVu Sans is not installed here")
    with pytest.raises(NoChineseFont):
        find_cjk_font([FontCandidate(dejavu)])


def test_matplotlib_draws_chinese_without_missing_glyph_warnings():
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rc = matplotlib_rc()
    assert rc["font.sans-serif"][0] == cjk_font().family
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context(rc):
        warnings.simplefilter("always")
        figure = Figure(figsize=(3, 2))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.bar(["学业", "人际"], [3, -1])
        axes.set_title("辅导问题类别 " + RARE_NAMES[0])
        figure.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]
