"""The desktop program's own files among the resources: translations and icons.

Where ``resources/`` is (a PyInstaller build, a checkout, a wheel's data files) is decided once,
by :func:`counselor_app.foundation.resources.resources_dir`.
"""

from __future__ import annotations

from pathlib import Path

from counselor_app.foundation.resources import resources_dir


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"
