"""Knowing the template's example rows again, so that importing the template never adds them.

The template shows one filled example row per sheet. A counsellor who leaves one in place (or
imports the template to try the program) must not find 张小明 among the school's students. So the
template marks itself: for each sheet, a hidden defined name (``CounselorDesk.example.<type>``)
holds a fingerprint of that sheet's example row, and the import skips, and counts, every row whose
cells are exactly the example's. A row that was changed in any cell is the counsellor's own and is
imported; a workbook without the names (an export, a roster from elsewhere) has no examples.

Defined names travel with the file through Excel and WPS; each holds a short text constant (Excel
allows 255 characters in one). Nothing here reads or writes a file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from openpyxl.workbook.defined_name import DefinedName

from counselor_app.workbook.cells import is_blank, plain_text

NAME_PREFIX = "CounselorDesk.example."


def fingerprint(values: Mapping[str, Any]) -> str:
    """A row's cells by field name, as the import reads them (an Excel date and the date it was
    written from, a whole number and its float, give the same text)."""
    cells = sorted(
        (name, plain_text(value)) for name, value in values.items() if not is_blank(value)
    )
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def example_names(examples: Mapping[str, Mapping[str, Any]]) -> list[DefinedName]:
    """The hidden names that mark the template's example rows, one per record type."""
    return [
        DefinedName(
            f"{NAME_PREFIX}{record_type}", attr_text=f'"{fingerprint(values)}"', hidden=True
        )
        for record_type, values in examples.items()
    ]


def example_fingerprints(names: Mapping[str, str]) -> dict[str, str]:
    """Record type → the fingerprint of its example row, from a workbook's defined names."""
    found = {}
    for name, text in names.items():
        if name.startswith(NAME_PREFIX):
            found[name[len(NAME_PREFIX) :]] = text.strip().strip('"')
    return found
