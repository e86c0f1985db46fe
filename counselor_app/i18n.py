"""Bilingual messages for the core and the command line.

The core cannot use Qt's translation system (it must not import Qt), so every message a user may read
is written once as a pair: Chinese first, English second, with the same ``{placeholders}``. The
language is chosen once per process (``set_language``); the desktop program passes its choice here too,
so a validation message reads the same in the window and on the command line.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("zh", "en")
_language = "zh"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
    _language = language


def current_language() -> str:
    return _language


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Message:
    """A sentence for a person, in both languages, with its values filled in at render time."""

    zh: str
    en: str
    params: dict[str, Any] = field(default_factory=dict)

    def __call__(self, **params: Any) -> Message:
        return Message(self.zh, self.en, {**self.params, **params})

    def render(self, language: str | None = None) -> str:
        template = self.en if (language or _language) == "en" else self.zh
        return template.format(**self.params) if self.params else template

    def __str__(self) -> str:
        return self.render()


def msg(zh: str, en: str) -> Message:
    """Declare a message; a mismatch of placeholders is a programming error caught at import."""
    if placeholders(zh) != placeholders(en):
        raise ValueError(f"placeholders differ between {zh!r} and {en!r}")
    return Message(zh, en)
