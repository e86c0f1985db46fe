"""Qt's getters are typed as maybe-None even where the object exists by construction (an editable
combo box's line edit, a completer's popup): :func:`present` says so once, for the type checker."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    """``value``, which this widget's own set-up has made; None here is a programming error."""
    if value is None:
        raise AssertionError("a Qt object the widget made itself is missing")
    return value
