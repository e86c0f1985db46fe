"""The translation files: complete, placeholder-true, current with the code, and loadable."""

from __future__ import annotations

import ast
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from counselor_app.ui import translations
from counselor_app.ui.resources import translations_dir

TS_FILES = sorted(translations_dir().glob("*.ts"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d+|%n")


def messages(path: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, translation type) of every message in a .ts file; a
    message with plural forms (``self.tr(text, "", n)``) gives one entry per form."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            source = message.findtext("source", "")
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")] or [""]
            else:
                forms = [translation.text or ""]
            found += [(name, source, text, translation.get("type")) for text in forms]
    return found


def test_there_is_an_english_translation() -> None:
    assert translations.ts_file("en") in TS_FILES


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_every_message_is_translated(path: Path) -> None:
    missing = [(c, s) for c, s, text, kind in messages(path) if not text or kind == "unfinished"]
    assert missing == []


@pytest.mark.parametrize("path", TS_FILES, ids=lambda p: p.name)
def test_translations_keep_the_placeholders(path: Path) -> None:
    wrong = [
        (source, text)
        for _, source, text, _ in messages(path)
        if text and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_the_english_file_is_current_with_the_code(tmp_path: Path) -> None:
    """Run lupdate into a copy: a string added to the code but not to the .ts fails here."""
    if translations.find_tool("lupdate") is None:
        pytest.skip("lupdate is not installed")
    copy = tmp_path / "counselor_en.ts"
    copy.write_bytes(translations.ts_file("en").read_bytes())
    translations.update_sources(target=copy, quiet=True)
    committed = {(c, s) for c, s, _, _ in messages(translations.ts_file("en"))}
    current = {(c, s) for c, s, _, _ in messages(copy)}
    assert sorted(current - committed) == [], "run: python -m counselor_app.ui.translations update"
    assert sorted(committed - current) == [], "strings no longer in the code"


def test_built_english_translates_the_navigation(tmp_path: Path) -> None:
    if translations.find_tool("lrelease") is None:
        pytest.skip("lrelease is not installed")
    built = translations.build_binaries(out_dir=tmp_path, quiet=True)
    assert translations.qm_file("en", tmp_path) in built
    translator = QTranslator()
    assert translator.load(str(translations.qm_file("en", tmp_path)))
    assert translator.translate("MainWindow", "学生档案") == "Students"


def _text_argument(node: ast.expr) -> bool:
    """A string literal, or literals joined by implicit concatenation (one Constant to ast)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_translated_text_is_written_where_lupdate_sees_it() -> None:
    """lupdate reads tr("…") and QCoreApplication.translate("Context", "…") with literal text.
    Text passed through a variable or a helper of our own is never extracted, and so never
    translated: the English program would show the Chinese."""
    hidden = []
    for path in Path(translations.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            if name == "tr" and node.args and not _text_argument(node.args[0]):
                hidden.append(f"{path.name}:{node.lineno} tr(…)")
            elif name == "translate" and (
                len(node.args) < 2 or not all(map(_text_argument, node.args[:2]))
            ):
                hidden.append(f"{path.name}:{node.lineno} translate(…)")
    assert hidden == []


def test_english_works_without_a_built_qm_file(tmp_path: Path, monkeypatch, qapp) -> None:
    """``pip install .`` from a checkout carries the .ts but no .qm (build output): the program
    compiles it once into the cache instead of falling back to Chinese; a stale .qm is rebuilt."""
    if translations.find_tool("lrelease") is None:
        pytest.skip("lrelease is not installed")
    monkeypatch.setattr(
        translations.QStandardPaths, "writableLocation", lambda _where: str(tmp_path / "cache")
    )
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "counselor_en.ts").write_bytes(translations.ts_file("en").read_bytes())
    try:
        assert translations.install_translators(qapp, "en", shipped)
        assert QCoreApplication.translate("MainWindow", "学生档案") == "Students"
        compiled = translations.current_qm_file("en", shipped)
        assert compiled is not None and compiled.parent == tmp_path / "cache" / "translations"

        stale = shipped / "counselor_en.qm"
        stale.write_bytes(b"not a translation")
        os.utime(stale, (0, 0))  # older than the .ts
        assert translations.current_qm_file("en", shipped) == compiled
    finally:
        translations.install_translators(qapp, "zh")
