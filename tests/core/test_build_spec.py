"""The PyInstaller spec leaves out only what the program never imports.

A module named in the spec's ``excludes`` is missing from the built program; one the program
imports (even lazily, inside a function) then fails there and only there. QtDBus was once
excluded, and the built program on Linux did not hear the screen lock.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def spec_excludes() -> set[str]:
    tree = ast.parse((ROOT / "counselor-app.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "excludes" for target in node.targets
        ):
            return {ast.literal_eval(element) for element in node.value.elts}  # type: ignore[attr-defined]
    raise AssertionError("the spec has no excludes list")


def imported_modules() -> set[str]:
    """Every module named by an import statement in the program (tests and tools aside)."""
    names: set[str] = set()
    for path in (ROOT / "counselor_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_the_program_imports_is_left_out_of_the_build() -> None:
    excluded = spec_excludes()
    used = imported_modules()
    assert "PySide6.QtDBus" in used  # the check sees lazy imports
    wrongly_excluded = {
        name for name in used if any(name == ex or name.startswith(ex + ".") for ex in excluded)
    }
    assert wrongly_excluded == set()
