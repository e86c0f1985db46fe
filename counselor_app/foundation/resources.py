"""Where the files in ``resources/`` (profiles, translations, icons, fonts) are found.

Three ways the program can be installed, tried in order: a PyInstaller build (``sys._MEIPASS``), a
source checkout or editable install (``resources/`` beside the package), and a wheel, which installs
them as data files under ``<prefix>/share/counselor-desk/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHARE_NAME = "counselor-desk"


def _candidates() -> list[Path]:
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(Path(__file__).resolve().parents[2] / "resources")
    found.append(Path(sys.prefix) / "share" / SHARE_NAME)
    return found


def resources_dir() -> Path:
    for candidate in _candidates():
        if (candidate / "profiles").is_dir():
            return candidate
    return _candidates()[0]


def profiles_dir() -> Path:
    return resources_dir() / "profiles"
