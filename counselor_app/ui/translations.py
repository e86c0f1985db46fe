"""The program's translations: loading them at start, and the project commands that make them.

Source strings are written in **Chinese**, the default language, inside ``self.tr()`` /
``QCoreApplication.translate()``; ``resources/translations/counselor_en.ts`` holds the English. The
choice is deliberate: a ``.qm`` file is build output, and if it is missing or stale (a developer who
did not build it, an installer that forgot it) the program still speaks Chinese to a Chinese
counsellor, and only the optional English falls back to Chinese. With English sources the default
UI would silently turn English instead.

Commands (run from the repository root)::

    python -m counselor_app.ui.translations update   # pyside6-lupdate: source strings -> .ts
    python -m counselor_app.ui.translations build    # pyside6-lrelease: .ts -> .qm (build output)

Both use the ``lupdate``/``lrelease`` that come with the PySide6-Essentials wheel.

A ``.qm`` missing or older than its ``.ts`` (installed with ``pip install .`` from a checkout where
nobody built it, or a developer's after editing the ``.ts``) is compiled at start into the user's
cache folder, named by the ``.ts``'s hash, with that same ``lrelease``; only where that cannot
be done does English fall back to Chinese.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from counselor_app.ui.resources import translations_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
# The program's language codes (as in counselor_app.foundation.i18n) and Qt's locale name for each.
QT_LOCALES = {"zh": "zh_CN", "en": "en"}
CATALOG = "counselor"

_installed: list[QTranslator] = []


def ts_file(language: str, directory: Path | None = None) -> Path:
    return (directory or translations_dir()) / f"{CATALOG}_{QT_LOCALES[language]}.ts"


def qm_file(language: str, directory: Path | None = None) -> Path:
    return ts_file(language, directory).with_suffix(".qm")


def install_translators(
    app: QCoreApplication, language: str, directory: Path | None = None
) -> bool:
    """Install the translators for ``language``, replacing earlier ones.

    Returns False when the program's own translation was wanted but could not be loaded; the
    screens then show the Chinese source text, which is the documented fallback.
    """
    if language not in QT_LOCALES:
        raise ValueError(f"unknown language {language!r}")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QT_LOCALES[language]))

    # Qt's own strings (the buttons of standard dialogs, the context menu of a text field).
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and qt_base.load(f"qtbase_{QT_LOCALES[language]}", qt_dir):
        app.installTranslator(qt_base)
        _installed.append(qt_base)

    if language == SOURCE_LANGUAGE.split("_")[0]:
        return True  # the source strings are already in this language
    path = current_qm_file(language, directory)
    own = QTranslator(app)
    if path is None or not own.load(str(path)):
        log.warning(
            "translation %s is missing or unreadable; the screens stay in Chinese "
            "(build it with: python -m counselor_app.ui.translations build)",
            path or qm_file(language, directory),
        )
        return False
    app.installTranslator(own)
    _installed.append(own)
    return True


def current_qm_file(language: str, directory: Path | None = None) -> Path | None:
    """The compiled translation to load: the shipped ``.qm`` if it is at least as new as its
    ``.ts``, else one compiled from the ``.ts`` into the cache, else whatever ``.qm`` there is."""
    qm, ts = qm_file(language, directory), ts_file(language, directory)
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if ts.is_file():
        compiled = _compiled_in_cache(ts)
        if compiled is not None:
            return compiled
    return qm if qm.is_file() else None


def _compiled_in_cache(ts: Path) -> Path | None:
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    folder = Path(cache or tempfile.gettempdir()) / "translations"
    target = folder / f"{ts.stem}-{digest}.qm"
    if target.is_file():
        return target
    lrelease = find_tool("lrelease")
    if lrelease is None:
        return None
    partial: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, suffix=".qm.partial")
        os.close(handle)
        partial = Path(name)
        subprocess.run(
            [lrelease, "-silent", str(ts), "-qm", str(partial)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        partial.replace(target)  # whole or not at all: another start may be reading it
    except (OSError, subprocess.SubprocessError):
        log.warning("could not compile %s", ts, exc_info=True)
        if partial is not None:
            partial.unlink(missing_ok=True)
        return None
    return target


# -- project commands ----------------------------------------------------------------------------


def find_tool(name: str) -> str | None:
    """``lupdate``/``lrelease`` from the PySide6 wheel, else a ``pyside6-`` script or Qt's own."""
    import PySide6

    exe = f"{name}.exe" if sys.platform == "win32" else name
    bundled = Path(PySide6.__file__).parent / exe
    if bundled.is_file():
        return str(bundled)
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def _require_tool(name: str) -> str:
    tool = find_tool(name)
    if tool is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (it ships {name})")
    return tool


def update_sources(
    source_dir: Path | None = None, target: Path | None = None, *, quiet: bool = False
) -> Path:
    """Extract the translatable strings of the UI package into the English ``.ts`` file."""
    source_dir = source_dir or Path(__file__).resolve().parent
    target = target or ts_file("en")
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        _require_tool("lupdate"),
        "-extensions", "py",
        "-source-language", SOURCE_LANGUAGE,
        "-target-language", QT_LOCALES["en"],
        # No file/line locations: they change with every edit and would make noisy diffs.
        "-locations", "none",
        "-no-obsolete",
        *(["-silent"] if quiet else []),
        str(source_dir),
        "-ts", str(target),
    ]  # fmt: skip
    subprocess.run(command, check=True)
    return target


def build_binaries(
    directory: Path | None = None, out_dir: Path | None = None, *, quiet: bool = False
) -> list[Path]:
    """Compile every ``.ts`` in ``directory`` to a ``.qm`` (next to it, or in ``out_dir``)."""
    directory = directory or translations_dir()
    lrelease = _require_tool("lrelease")
    built = []
    for source in sorted(directory.glob("*.ts")):
        target = (out_dir or directory) / source.with_suffix(".qm").name
        target.parent.mkdir(parents=True, exist_ok=True)
        quiet_flag = ["-silent"] if quiet else []
        subprocess.run([lrelease, *quiet_flag, str(source), "-qm", str(target)], check=True)
        built.append(target)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m counselor_app.ui.translations", description="Update or build translations."
    )
    parser.add_argument("command", choices=("update", "build"))
    parser.add_argument("--out", type=Path, help="where to write .qm files (build only)")
    args = parser.parse_args(argv)
    if args.command == "update":
        print(update_sources())
    else:
        for path in build_binaries(out_dir=args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
