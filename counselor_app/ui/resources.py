"""Where the program's own files (translations, icons) are, in a checkout and in an installed build.

In a source checkout they sit in ``resources/`` at the top of the repository; in a PyInstaller
build, in ``resources/`` next to the bundled modules (``sys._MEIPASS``). Nothing here touches the
school's data folder.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"
