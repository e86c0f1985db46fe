"""Starting the program: Chinese font, language fallback, no school, and the demo's way in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from counselor_app.foundation import i18n
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School
from counselor_app.ui import app as desktop
from counselor_app.ui import translations
from counselor_app.ui.fonts import load_cjk_font
from counselor_app.ui.main_window import MainWindow
from tests.ui.boxes import AnsweredBoxes

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
RARE_NAME_CHARACTERS = "喆玥珺昇淏堃赟翀旻祎彧芃晞"


@pytest.fixture
def english_back_to_chinese(qapp: QApplication):
    yield
    translations.install_translators(qapp, "zh")
    i18n.set_language("zh")


@pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei is not installed")
def test_chinese_font_covers_rare_name_characters(qapp: QApplication) -> None:
    family = load_cjk_font(qapp, [Path("/nonexistent.ttc"), WQY])
    assert family is not None
    assert qapp.font().families()[0] == family
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "王晓明" + RARE_NAME_CHARACTERS)


def test_english_falls_back_to_chinese_without_its_qm(
    qapp: QApplication, tmp_path: Path, english_back_to_chinese: None
) -> None:
    assert translations.install_translators(qapp, "en", directory=tmp_path) is False
    assert QCoreApplication.translate("MainWindow", "学生档案") == "学生档案"


def test_english_after_building_the_qm(
    qapp: QApplication, tmp_path: Path, english_back_to_chinese: None
) -> None:
    if translations.find_tool("lrelease") is None:
        pytest.skip("lrelease is not installed")
    translations.build_binaries(out_dir=tmp_path, quiet=True)
    assert translations.install_translators(qapp, "en", directory=tmp_path) is True
    assert QCoreApplication.translate("MainWindow", "学生档案") == "Students"


def test_prepare_keeps_core_messages_chinese_when_english_is_missing(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    english_back_to_chinese: None,
) -> None:
    monkeypatch.setattr(translations, "translations_dir", lambda: tmp_path)
    desktop.prepare_application("en")
    assert i18n.current_language() == "zh"  # rather than English errors in a Chinese window
    assert qapp.applicationName() == "CounselorDesk"


def test_a_database_without_its_key_file_says_so_and_exits_2(
    qapp: QApplication, tmp_path: Path, boxes: AnsweredBoxes
) -> None:
    # (An empty folder opens the first-run wizard instead: tests/ui/test_first_run_app.py.)
    paths = SchoolPaths(tmp_path / "half")
    paths.root.mkdir()
    paths.database.write_bytes(b"")
    assert desktop.run_desktop(paths) == 2
    assert len(boxes.texts) == 1 and str(paths.root) in boxes.texts[0]


def test_demo_mode_opens_the_window_and_closing_it_closes_the_school(
    qapp: QApplication, school: School, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[MainWindow] = []
    real_open = desktop.open_main_window

    def open_then_close(*args, **kwargs) -> MainWindow:
        window = real_open(*args, **kwargs)
        opened.append(window)
        QTimer.singleShot(0, window.close)  # as soon as the program's event loop runs
        return window

    monkeypatch.setattr(desktop, "open_main_window", open_then_close)
    assert desktop.run_desktop(school.paths, school=school) == 0
    assert len(opened) == 1
    assert school.db.closed
