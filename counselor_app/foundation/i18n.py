"""Bilingual messages for the core and the command line.

The core cannot use Qt's translation system (it must not import Qt), so every message a user may read
is written once as a pair: Chinese first, English second, with the same ``{placeholders}``. The
language is chosen once per process (``set_language``); the desktop program passes its choice here too,
so a validation message reads the same in the window and on the command line.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
    """A sentence for a person, in both languages, with its values filled in at render time.

    English counts in the singular and the plural ("1 problem", "2 problems"); Chinese does not.
    ``en_one`` is the English when the parameter named ``counted`` is 1 (see :func:`msg`).
    """

    zh: str
    en: str
    params: dict[str, Any] = field(default_factory=dict)
    en_one: str | None = None
    counted: str = "count"

    def __call__(self, **params: Any) -> Message:
        return replace(self, params={**self.params, **params})

    def template(self, language: str | None = None) -> str:
        """The sentence in ``language`` (the current one by default), before its values."""
        if (language or _language) != "en":
            return self.zh
        if self.en_one is not None and self.params.get(self.counted) == 1:
            return self.en_one
        return self.en

    def render(self, language: str | None = None) -> str:
        """The sentence in ``language`` (the current one by default); messages among its values
        (a :func:`joined` list) in the same language, bilingual text as its Chinese (see
        :func:`in_language` for the screen's words)."""
        language = language or _language
        template = self.template(language)
        if not self.params:
            return template
        params = {
            name: value.render(language) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
        return template.format(**params)

    def __str__(self) -> str:
        return self.render()


def msg(zh: str, en: str, *, en_one: str | None = None, counted: str = "count") -> Message:
    """Declare a message; a mismatch of placeholders is a programming error caught at import.

    ``en_one`` is the English when the parameter ``counted`` is 1: ``msg("{count} 处问题",
    "{count} problems", en_one="1 problem")``. It may leave out placeholders (the count itself),
    but may not add any.
    """
    if placeholders(zh) != placeholders(en):
        raise ValueError(f"placeholders differ between {zh!r} and {en!r}")
    if en_one is not None:
        if counted not in placeholders(zh):
            raise ValueError(f"{zh!r} has no {{{counted}}} to count")
        if not placeholders(en_one) <= placeholders(zh):
            raise ValueError(f"{en_one!r} has placeholders that {zh!r} lacks")
    return Message(zh, en, en_one=en_one, counted=counted)


class Bilingual(str):
    """Chinese text that keeps its English: the words of a record the district reads.

    It *is* the Chinese string — what a printout, an Excel sheet or a JSON file for the district
    carries, byte for byte, whatever language the program speaks — and :meth:`render` (or
    :func:`in_language`) gives the words for a screen in the chosen language. ``str()``, f-strings,
    ``join`` and slicing all give the Chinese; only the object itself knows the English, so text
    that must follow the screen's language is made with :func:`in_language`.
    """

    en: str

    def __new__(cls, zh: str, en: str) -> Bilingual:
        text = super().__new__(cls, zh)
        text.en = en
        return text

    @property
    def zh(self) -> str:
        return str.__str__(self)

    def render(self, language: str | None = None) -> str:
        return self.en if (language or _language) == "en" else self.zh

    def __reduce__(self) -> tuple[Any, ...]:
        return (Bilingual, (self.zh, self.en))


def in_language(text: object, language: str | None = None) -> str:
    """``text`` in ``language`` (the current one by default): a :class:`Message` (with the
    messages and bilingual text among its parameters) or a :class:`Bilingual` in that language,
    anything else as ``str()`` gives it."""
    if isinstance(text, Message):
        return _render_in(text, language or _language)
    if isinstance(text, Bilingual):
        return text.render(language)
    return str(text)


def _render_in(message: Message, language: str) -> str:
    """Like ``message.render(language)``, with bilingual parameters in the same language."""
    template = message.template(language)
    if not message.params:
        return template
    params = {
        name: in_language(value, language) if isinstance(value, Message | Bilingual) else value
        for name, value in message.params.items()
    }
    return template.format(**params)


def bilingual(message: Message) -> Bilingual:
    """The message fixed as Chinese text that keeps its English (see :class:`Bilingual`)."""
    return Bilingual(_render_in(message, "zh"), _render_in(message, "en"))


_LABELLED = Message("{label}：{text}", "{label}: {text}")
_BRACKETED = Message("{text}（{note}）", "{text} ({note})")


def labelled(label: object, text: object) -> Message:
    """A value after its label: 日期：2025-10-09 / "Date: 2025-10-09"."""
    return _LABELLED(label=label, text=text)


def bracketed(text: object, note: object) -> Message:
    """A note in brackets after a text: 市心理门诊（2025-10-09） / "City clinic (2025-10-09)"."""
    return _BRACKETED(text=text, note=note)


def joined(items: Iterable[object], *, zh: str = "、", en: str = ", ") -> Message:
    """A list for a sentence: 甲、乙、丙 in Chinese, "A, B, C" in English.

    A :class:`Message` (rendered by ``str()`` in the current language), so it can be a parameter
    of another message: ``UNKNOWN_USER(users=joined(names))``. Items that are messages or
    bilingual text are shown in each language. Whole clauses take other separators:
    ``joined(problems, zh="；", en="; ")``.
    """
    items = list(items)
    return Message(
        zh.join(in_language(item, "zh") for item in items),
        en.join(in_language(item, "en") for item in items),
    )
