"""Layers that hold: the core never imports Qt, storage imports nothing above it, packages import
each other in no circle; and every bilingual message keeps its placeholders.

The import checks read the source with ``ast`` rather than importing it, so they see every import,
also those in functions, and stay fast."""

from __future__ import annotations

import ast
import functools
import pkgutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

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

    from counselor_app.foundation.i18n import Message, placeholders

    checked = 0
    for name in CORE_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, Message):
                assert placeholders(value.zh) == placeholders(value.en), (name, value.zh)
                checked += 1
    assert checked > 50


# -- the import graph, read from the source -------------------------------------------------------
# Every ``import`` and ``from … import`` anywhere in a module counts: at the top, inside a function
# (a lazy import is a dependency all the same, only a later one), and under ``if TYPE_CHECKING``
# (a module that needs another's types to be read depends on it). Imports by a computed string
# (``importlib.import_module(name)``) cannot be read and are not counted.

#: The foundation below storage (``counselor_app/foundation/``): leaf modules every layer may use,
#: storage included: bilingual messages, the error classes with their exit codes, private atomic
#: file writing, the data folder's paths, the one way long work reports progress and is cancelled,
#: the clock, resources and fonts, the crash log, the controlled vocabularies, and what a write
#: changed (``change.py``: every write answers with it, the self-check's among them). The package's
#: ``__init__`` (the program version, written into a backup's manifest) counts with them.
#: They are below storage because none of them needs anything but the others (checked by
#: ``test_the_foundation_imports_only_itself``), so they can never pull storage into a circle.
FOUNDATION = "foundation"
#: ``python -m counselor_app``: nothing imports it, so it is a node of its own, outside every circle.
ENTRY_POINT = "counselor_app.__main__"
#: The node of loose top-level modules: there are none since the regroup (issue 11), and
#: ``test_every_module_is_in_a_package`` keeps it so; the node stays so that a new one shows up.
LOOSE = "counselor_app"


@dataclass(frozen=True)
class Import:
    importer: str
    line: int
    imported: str  # the counselor_app module it names, or the package it imports a name from

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.imported}"


@dataclass(frozen=True)
class Source:
    text: str
    is_package: bool


def read_sources() -> dict[str, Source]:
    root = Path(counselor_app.__file__).parent
    sources = {}
    for path in sorted(root.rglob("*.py")):
        parts = ["counselor_app", *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        sources[name] = Source(path.read_text(encoding="utf-8"), is_package)
    return sources


@functools.cache
def import_statements(name: str, source: Source) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """``(line, module, names)`` for every import in the module, ``names`` empty for ``import
    module``; relative imports made absolute. Cached: each file is parsed once per run."""
    package = name if source.is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source.text)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base, tuple(alias.name for alias in node.names)))
    return tuple(found)


def project_imports(sources: dict[str, Source]) -> list[Import]:
    """Every import of a ``counselor_app`` module in ``sources``, wherever it stands."""
    found: dict[Import, None] = {}
    for name, source in sources.items():
        for line, module, names in import_statements(name, source):
            # ``from package import module`` imports the module; otherwise a name of the module.
            targets = [f"{module}.{n}" if f"{module}.{n}" in sources else module for n in names]
            for target in targets or [module]:
                if target.partition(".")[0] != "counselor_app":
                    continue
                while target not in sources and "." in target:  # import a.b.c names a.b.c
                    target = target.rpartition(".")[0]
                found[Import(name, line, target)] = None
    return list(found)


def node_of(module: str, sources: dict[str, Source]) -> str:
    """The package a module counts for: its top subpackage's short name, or LOOSE."""
    if module == "counselor_app":
        return FOUNDATION
    if module == ENTRY_POINT:
        return ENTRY_POINT
    parts = module.split(".")
    top = ".".join(parts[:2])
    if len(parts) > 1 and top in sources and sources[top].is_package:
        return parts[1]
    return LOOSE


def package_edges(sources: dict[str, Source]) -> dict[tuple[str, str], list[Import]]:
    edges: dict[tuple[str, str], list[Import]] = {}
    for found in project_imports(sources):
        edge = (node_of(found.importer, sources), node_of(found.imported, sources))
        if edge[0] != edge[1]:
            edges.setdefault(edge, []).append(found)
    return edges


def cycles(edges: Iterable[tuple[str, str]]) -> set[tuple[str, ...]]:
    """Every elementary circle (a dozen nodes: plain search will do), each written from its first
    node in sorted order."""
    after: dict[str, set[str]] = {}
    for a, b in edges:
        after.setdefault(a, set()).add(b)
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for nxt in sorted(after.get(path[-1], ())):
            if nxt == path[0]:
                found.add(tuple(path))
            elif nxt > path[0] and nxt not in path:
                walk([*path, nxt])

    for start in sorted(after):
        walk([start])
    return found


def storage_imports_above_it(sources: dict[str, Source]) -> list[Import]:
    return [
        found
        for found in project_imports(sources)
        if node_of(found.importer, sources) == "storage"
        and node_of(found.imported, sources) not in {"storage", FOUNDATION}
    ]


def circles_between_packages(sources: dict[str, Source]) -> list[str]:
    """Every circle between packages, each with the imports that make its edges, short first."""
    edges = package_edges(sources)
    found = {" -> ".join(cycle): cycle for cycle in cycles(edges)}
    described = []
    for text in sorted(found, key=lambda t: (len(found[t]), t)):
        cycle = found[text]
        lines = [f"{text} -> {cycle[0]}"]
        for a, b in zip(cycle, (*cycle[1:], cycle[0]), strict=True):
            lines.append(f"  {a} -> {b}:")
            lines += [f"    {i}" for i in edges[(a, b)][:5]]
            if len(edges[(a, b)]) > 5:
                lines.append(f"    … and {len(edges[(a, b)]) - 5} more")
        described.append("\n".join(lines))
    return described


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return read_sources()


def test_the_foundation_imports_only_itself(sources):
    """What makes the foundation one: its modules use each other and nothing else of ours."""
    assert f"counselor_app.{FOUNDATION}.i18n" in sources
    outside = [
        str(found)
        for found in project_imports(sources)
        if node_of(found.importer, sources) == FOUNDATION
        and node_of(found.imported, sources) != FOUNDATION
    ]
    assert outside == []


def test_every_module_is_in_a_package(sources):
    """The folder tree shows the architecture: no module lies loose beside the packages."""
    loose = [name for name in sources if node_of(name, sources) == LOOSE]
    assert loose == []


def test_storage_imports_nothing_above_it(sources):
    """storage/ is the ground floor: besides itself it uses only the foundation (see FOUNDATION).
    The open School, its services, records, reports and the UI all sit above it."""
    assert [str(found) for found in storage_imports_above_it(sources)] == []


def test_no_import_cycles_between_packages(sources):
    """Each subpackage of counselor_app is one node (the foundation with the package's
    ``__init__``), the entry point one of its own; they import each other in no circle, so the
    packages stack in layers (the README's table lists them from the ground up)."""
    circles = circles_between_packages(sources)
    assert not circles, "import circles between packages:\n" + "\n".join(circles)


def test_nothing_imports_the_entry_point(sources):
    assert [str(i) for i in project_imports(sources) if i.imported == ENTRY_POINT] == []


def test_a_bad_import_fails_the_checks(sources):
    """The checks can fail: a lazy import of School in a storage module, hidden in a function,
    is caught twice, as storage reaching up and as a new circle between packages."""
    bad = dict(sources)
    database = sources["counselor_app.storage.database"]
    bad["counselor_app.storage.database"] = Source(
        database.text + "\n\ndef _reach_up():\n    from counselor_app.school.core import School\n",
        database.is_package,
    )
    lines = database.text.count("\n") + 4
    expected = Import("counselor_app.storage.database", lines, "counselor_app.school.core")
    assert storage_imports_above_it(bad) == [expected]
    circles = "\n".join(circles_between_packages(bad))
    assert "school -> storage -> school" in circles
    assert str(expected) in circles
