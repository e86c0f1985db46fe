"""The core never imports Qt, and every bilingual message keeps its placeholders."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import counselor_app

CORE_MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(counselor_app.__path__, "counselor_app.")
    if not m.name.startswith("counselor_app.ui") and m.name != "counselor_app.__main__"
)


def test_importing_every_core_module_loads_no_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_message_has_the_same_placeholders_in_both_languages():
    import importlib

    from counselor_app.i18n import Message, placeholders

    checked = 0
    for name in CORE_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, Message):
                assert placeholders(value.zh) == placeholders(value.en), (name, value.zh)
                checked += 1
    assert checked > 50
