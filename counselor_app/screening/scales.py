"""Screening scales (量表) as data: one TOML file per scale, read, checked and scored.

A scale file says everything the program needs to give and score the scale: its items and their
answer options, reverse-scored and unscored items, sub-scales, severity bands with the band from
which a student needs an interview (``flag = true``), and critical items (an answer at or above an
item's ``critical_from`` puts the student on the worklist whatever the total). The shipped files
are in ``resources/scales/``; a school adds a scale it holds a licence for by copying a file into
the ``scales`` folder of its data folder. A malformed file is refused with the line it is on, so
a mistyped band never quietly scores a child as well.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.foundation.resources import resources_dir

SCALE_BROKEN = msg(
    "量表文件 {path} 第 {line} 行有误：{reason}。请对照 resources/scales/ 中的量表文件修改后再试。",
    "The scale file {path} has an error at line {line}: {reason}. Compare it with a file in "
    "resources/scales/, correct it and try again.",
)
TOML_ERROR = msg("不是有效的 TOML：{error}", "not valid TOML: {error}")
UNKNOWN_KEY = msg("不认识的键 {key}（可用：{known}）", "unknown key {key} (known: {known})")
MISSING_KEY = msg("缺少 {key}", "{key} is missing")
WRONG_KIND = msg("{key} 应为{kind}", "{key} should be {kind}")
NO_ITEMS = msg("没有题目（[[items]]）", "there are no items ([[items]])")
ITEM_NUMBERS = msg(
    "题号应从 1 起连续编号，这里是第 {number} 题",
    "items are numbered 1, 2, 3 … ; this one is {number}",
)
NO_OPTIONS = msg("第 {number} 题没有作答选项", "item {number} has no answer options")
DUPLICATE_VALUE = msg(
    "第 {number} 题的选项分值 {value} 重复", "item {number} has the answer value {value} twice"
)
BAND_GAP = msg(
    "分级 {band} 的范围 {low}–{high} 与上一级不衔接（应从 {expected} 开始）",
    "band {band} covers {low}–{high} but should start at {expected}, right after the band before",
)
BANDS_SHORT = msg(
    "分级只覆盖到 {high} 分，而最高可得 {most} 分",
    "the bands end at {high} while the highest possible total is {most}",
)
BANDS_LONG = msg(
    "分级一直到 {high} 分，而最高只能得 {most} 分（是另一份量表的分级吗？）",
    "the bands go up to {high} while the highest possible total is {most} (are they another "
    "scale's bands?)",
)
BAD_ID = msg(
    "id “{id}” 只能用小写英文字母、数字、- 和 _（如 phq9）",
    "the id '{id}' may hold only lower-case letters, digits, - and _ (like phq9)",
)
ZH_MISSING = msg(
    "第 {number} 题没有中文措辞（zh），而别的题有：中文措辞要么每题都有，要么都不写",
    "item {number} has no Chinese wording (zh) while other items have: give Chinese wording for "
    "every item or for none",
)
OPTION_ZH_MISSING = msg(
    "选项 {value} 没有中文（zh），而题目有中文措辞",
    "the answer option {value} has no Chinese (zh) while the items have Chinese wording",
)
OPTION_ZH_WITHOUT_WORDING = msg(
    "选项 {value} 有中文（zh），而题目没有中文措辞",
    "the answer option {value} has Chinese (zh) while the items have no Chinese wording",
)
ZH_SOURCE_MISSING = msg(
    "有中文措辞，却没有写 wording_zh_source：请注明中文措辞出自哪个已发表的中文版",
    "the items have Chinese wording but wording_zh_source is missing: name the published Chinese "
    "version the wording comes from",
)
ZH_SOURCE_WITHOUT_WORDING = msg(
    "写了 wording_zh_source，题目却没有中文措辞（zh）",
    "wording_zh_source is given but the items have no Chinese wording (zh)",
)
NO_BANDS = msg("没有分级（[[bands]]）", "there are no bands ([[bands]])")
BAD_SUBSCALE_ITEM = msg(
    "分量表 {subscale} 含不存在的第 {number} 题",
    "sub-scale {subscale} names item {number}, which does not exist",
)
BAD_CRITICAL = msg(
    "第 {number} 题的 critical_from = {value} 不是它的任何选项分值",
    "item {number} has critical_from = {value}, which is none of its answer values",
)
BAD_LEVEL = msg("分级 {band} 的 level 应为 0–3", "band {band} needs a level from 0 to 3")
DUPLICATE_SCALE = msg(
    "量表 {scale} 已在 {first} 中，两份同名的量表文件请删去一份",
    "the scale {scale} is already in {first}; remove one of the two files",
)
UNKNOWN_SCALE = msg(
    "没有名为 {name} 的量表（可用：{known}）", "there is no scale called {name} (known: {known})"
)
ANSWER_COUNT = msg(
    "{scale} 有 {expected} 题，这里有 {got} 个答案",
    "{scale} has {expected} items but {got} answers were given",
)
ANSWER_MISSING = msg("第 {number} 题没有作答", "item {number} is not answered")
ANSWER_NOT_AN_OPTION = msg(
    "第 {number} 题的答案 {value} 不是可选的分值（{allowed}）",
    "the answer {value} to item {number} is not one of its values ({allowed})",
)

SCALE_KEYS = (
    "id",
    "name",
    "aliases",
    "title_zh",
    "title_en",
    "source",
    "licence",
    "wording_zh_source",
    "ages",
    "instructions_zh",
    "instructions_en",
    "options",
    "items",
    "subscales",
    "bands",
)
ITEM_KEYS = ("number", "zh", "en", "options", "reverse", "scored", "optional", "critical_from")
OPTION_KEYS = ("value", "zh", "en")
SUBSCALE_KEYS = ("id", "zh", "en", "items")
BAND_KEYS = ("id", "zh", "en", "min", "max", "flag", "level")


@dataclass(frozen=True)
class AnswerOption:
    value: int
    zh: str
    en: str

    @property
    def label(self) -> Message:
        # A scale shipped without a Chinese wording shows its English in both languages.
        return msg(self.zh or self.en, self.en or self.zh)


@dataclass(frozen=True)
class Item:
    number: int
    zh: str
    en: str
    options: tuple[AnswerOption, ...]
    reverse: bool = False
    scored: bool = True
    # Left blank without being wrong (ASQ's question 5 is asked only after a "yes").
    optional: bool = False
    critical_from: int | None = None

    @property
    def text(self) -> Message:
        """The item's wording; the English in both languages when the scale has no Chinese."""
        return msg(self.zh or self.en, self.en or self.zh)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)

    def points(self, answer: int) -> int:
        """What an answer counts towards the total: its value, mirrored when reverse-scored."""
        if self.reverse:
            return min(self.values) + max(self.values) - answer
        return answer

    def is_critical(self, answer: int | None) -> bool:
        return (
            self.critical_from is not None and answer is not None and answer >= self.critical_from
        )


@dataclass(frozen=True)
class Subscale:
    id: str
    zh: str
    en: str
    items: tuple[int, ...]


@dataclass(frozen=True)
class Band:
    id: str
    zh: str
    en: str
    low: float
    high: float
    # At or above the first flagged band a student is put on the interview worklist.
    flag: bool
    # The screening's result level (测评结果等级 0–3), never the student's risk level.
    level: int

    @property
    def label(self) -> Message:
        return msg(self.zh, self.en or self.zh)


@dataclass(frozen=True)
class ScaleResult:
    total: int
    subscales: Mapping[str, int]
    band: Band
    critical_items: tuple[int, ...]

    @property
    def flagged(self) -> bool:
        """Needs an interview (筛查待约谈): a flagged band or any critical item answered."""
        return self.band.flag or bool(self.critical_items)


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    aliases: tuple[str, ...]
    title_zh: str
    title_en: str
    source: str
    licence: str
    wording_zh_source: str
    ages: str
    instructions_zh: str
    instructions_en: str
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    bands: tuple[Band, ...]
    path: Path | None = None

    @property
    def title(self) -> Message:
        return msg(self.title_zh, self.title_en or self.title_zh)

    @property
    def has_chinese_wording(self) -> bool:
        """Every item and answer option has a published Chinese wording (the file cites it);
        without one, student mode shows the English wording with a notice."""
        return all(item.zh and all(o.zh for o in item.options) for item in self.items)

    @property
    def most(self) -> int:
        return sum(max(item.points(v) for v in item.values) for item in self.items if item.scored)

    def band_of(self, total: float) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{self.id}: no band holds {total}")

    def problems(self, answers: Sequence[int | None]) -> list[Message]:
        """What keeps these answers (one per item, None for blank) from being scored."""
        if len(answers) != len(self.items):
            return [ANSWER_COUNT(scale=self.name, expected=len(self.items), got=len(answers))]
        found: list[Message] = []
        for item, answer in zip(self.items, answers, strict=True):
            if answer is None:
                if not item.optional:
                    found.append(ANSWER_MISSING(number=item.number))
            elif isinstance(answer, bool) or answer not in item.values:
                allowed = joined(item.values)
                found.append(
                    ANSWER_NOT_AN_OPTION(number=item.number, value=answer, allowed=allowed)
                )
        return found

    def score(self, answers: Sequence[int | None]) -> ScaleResult:
        """Total, sub-scales, band and critical items of complete answers.

        Raises InvalidInput listing every problem when the answers cannot be scored."""
        problems = self.problems(answers)
        if problems:
            raise InvalidInput(joined(problems, zh="；", en="; "))
        by_number = dict(zip((item.number for item in self.items), answers, strict=True))
        points = {
            item.number: item.points(answer)
            if (answer := by_number[item.number]) is not None
            else 0
            for item in self.items
            if item.scored
        }
        total = sum(points.values())
        subscales = {s.id: sum(points.get(n, 0) for n in s.items) for s in self.subscales}
        critical = tuple(
            item.number for item in self.items if item.is_critical(by_number[item.number])
        )
        return ScaleResult(total, subscales, self.band_of(total), critical)


def normalised_name(name: str) -> str:
    """PHQ-9, phq9 and ｐｈｑ－９ are one scale: compare names without case, width or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name)).casefold()


class _Lines:
    """Where things are in a scale file: tomllib gives values, not line numbers."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def of_table(self, array: str, index: int) -> int:
        """The line (1-based) of the index-th ``[[array]]`` header, or 1."""
        header = re.compile(r"^\s*\[\[\s*" + re.escape(array) + r"\s*\]\]")
        starts = [n for n, line in enumerate(self.lines) if header.match(line)]
        return starts[index] + 1 if index < len(starts) else 1

    def of_key(self, key: str, after: int = 1) -> int:
        pattern = re.compile(r'(?:^|[\s{,])"?' + re.escape(key) + r'"?\s*=')
        for number in range(after - 1, len(self.lines)):
            if pattern.search(self.lines[number]):
                return number + 1
        return after


class _Reader:
    def __init__(self, text: str, shown_path: str) -> None:
        self.lines = _Lines(text)
        self.shown_path = shown_path

    def broken(self, line: int, reason: Message) -> InvalidInput:
        return InvalidInput(SCALE_BROKEN(path=self.shown_path, line=line, reason=reason))

    def check_keys(self, entry: Mapping[str, Any], known: Sequence[str], line: int) -> None:
        for key in entry:
            if key not in known:
                where = self.lines.of_key(key, line)
                raise self.broken(where, UNKNOWN_KEY(key=key, known=joined(known)))

    def text(self, entry: Mapping[str, Any], key: str, line: int, *, required: bool = False) -> str:
        value = entry.get(key, "")
        if required and not value:
            raise self.broken(line, MISSING_KEY(key=key))
        if not isinstance(value, str):
            where = self.lines.of_key(key, line)
            raise self.broken(where, WRONG_KIND(key=key, kind=msg("文字", "text")))
        return value.strip()

    def number(self, entry: Mapping[str, Any], key: str, line: int) -> float:
        value = entry.get(key)
        if value is None:
            raise self.broken(line, MISSING_KEY(key=key))
        if isinstance(value, bool) or not isinstance(value, int | float):
            where = self.lines.of_key(key, line)
            raise self.broken(where, WRONG_KIND(key=key, kind=msg("数字", "a number")))
        return value

    def flag(self, entry: Mapping[str, Any], key: str, line: int, default: bool = False) -> bool:
        value = entry.get(key, default)
        if not isinstance(value, bool):
            where = self.lines.of_key(key, line)
            raise self.broken(
                where, WRONG_KIND(key=key, kind=msg("true 或 false", "true or false"))
            )
        return value

    def table_list(self, data: Mapping[str, Any], key: str, line: int) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            where = self.lines.of_key(key, line)
            raise self.broken(
                where, WRONG_KIND(key=key, kind=msg("表格数组", "an array of tables"))
            )
        return value

    def options(
        self, entries: list[dict[str, Any]], array: str, line: int
    ) -> tuple[AnswerOption, ...]:
        options = []
        for index, entry in enumerate(entries):
            where = self.lines.of_table(array, index) if array else line
            self.check_keys(entry, OPTION_KEYS, where)
            value = self.number(entry, "value", where)
            if value != int(value):
                raise self.broken(
                    where, WRONG_KIND(key="value", kind=msg("整数", "a whole number"))
                )
            zh = self.text(entry, "zh", where)
            options.append(AnswerOption(int(value), zh, self.text(entry, "en", where)))
        return tuple(options)


def parse_scale(text: str, shown_path: str, path: Path | None = None) -> Scale:
    """A scale from its TOML text, every key and number checked; errors name the line."""
    reader = _Reader(text, shown_path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise reader.broken(int(found[1]) if found else 1, TOML_ERROR(error=str(exc))) from exc
    reader.check_keys(data, SCALE_KEYS, 1)
    head = {
        key: reader.text(
            data, key, 1, required=key in ("id", "name", "title_zh", "source", "licence")
        )
        for key in (
            "id",
            "name",
            "title_zh",
            "title_en",
            "source",
            "licence",
            "wording_zh_source",
            "ages",
            "instructions_zh",
            "instructions_en",
        )
    }
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", head["id"]):
        raise reader.broken(reader.lines.of_key("id"), BAD_ID(id=head["id"]))
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise reader.broken(
            reader.lines.of_key("aliases"),
            WRONG_KIND(key="aliases", kind=msg("文字列表", "a list of texts")),
        )
    shared = reader.options(reader.table_list(data, "options", 1), "options", 1)
    items = _items(reader, reader.table_list(data, "items", 1), shared)
    _check_chinese_wording(reader, items, shared, bool(head["wording_zh_source"]))
    numbers = {item.number for item in items}
    subscales = []
    for index, entry in enumerate(reader.table_list(data, "subscales", 1)):
        line = reader.lines.of_table("subscales", index)
        reader.check_keys(entry, SUBSCALE_KEYS, line)
        members = entry.get("items", [])
        if not isinstance(members, list) or not all(isinstance(n, int) for n in members):
            raise reader.broken(
                line, WRONG_KIND(key="items", kind=msg("题号列表", "a list of item numbers"))
            )
        subscale_id = reader.text(entry, "id", line, required=True)
        for number in members:
            if number not in numbers:
                raise reader.broken(line, BAD_SUBSCALE_ITEM(subscale=subscale_id, number=number))
        subscales.append(
            Subscale(
                subscale_id,
                reader.text(entry, "zh", line, required=True),
                reader.text(entry, "en", line),
                tuple(members),
            )
        )
    scale = Scale(
        id=head["id"],
        name=head["name"],
        aliases=tuple(aliases),
        title_zh=head["title_zh"],
        title_en=head["title_en"],
        source=head["source"],
        licence=head["licence"],
        wording_zh_source=head["wording_zh_source"],
        ages=head["ages"],
        instructions_zh=head["instructions_zh"],
        instructions_en=head["instructions_en"],
        items=items,
        subscales=tuple(subscales),
        bands=(),
        path=path,
    )
    return dataclasses.replace(
        scale, bands=_bands(reader, reader.table_list(data, "bands", 1), scale)
    )


def _items(
    reader: _Reader, entries: list[dict[str, Any]], shared: tuple[AnswerOption, ...]
) -> tuple[Item, ...]:
    if not entries:
        raise reader.broken(1, NO_ITEMS)
    items = []
    for index, entry in enumerate(entries):
        line = reader.lines.of_table("items", index)
        reader.check_keys(entry, ITEM_KEYS, line)
        number = reader.number(entry, "number", line)
        if number != index + 1:
            raise reader.broken(line, ITEM_NUMBERS(number=number))
        own = entry.get("options")
        if own is not None:
            if not isinstance(own, list) or not all(isinstance(e, dict) for e in own):
                raise reader.broken(
                    reader.lines.of_key("options", line),
                    WRONG_KIND(key="options", kind=msg("选项列表", "a list of options")),
                )
            options = reader.options(own, "", reader.lines.of_key("options", line))
        else:
            options = shared
        if not options:
            raise reader.broken(line, NO_OPTIONS(number=index + 1))
        values = [o.value for o in options]
        for value in values:
            if values.count(value) > 1:
                raise reader.broken(line, DUPLICATE_VALUE(number=index + 1, value=value))
        critical = entry.get("critical_from")
        if critical is not None and (isinstance(critical, bool) or critical not in values):
            raise reader.broken(
                reader.lines.of_key("critical_from", line),
                BAD_CRITICAL(number=index + 1, value=critical),
            )
        items.append(
            Item(
                number=index + 1,
                zh=reader.text(entry, "zh", line),
                en=reader.text(entry, "en", line),
                options=options,
                reverse=reader.flag(entry, "reverse", line),
                scored=reader.flag(entry, "scored", line, default=True),
                optional=reader.flag(entry, "optional", line),
                critical_from=critical,
            )
        )
    return tuple(items)


def _check_chinese_wording(
    reader: _Reader, items: tuple[Item, ...], shared: tuple[AnswerOption, ...], cited: bool
) -> None:
    """A Chinese wording is all or nothing, and never without the published version it is from:
    the program must not show a child half a translation, nor one nobody can trace."""
    worded = [item for item in items if item.zh]
    if not worded:
        if cited:
            raise reader.broken(reader.lines.of_key("wording_zh_source"), ZH_SOURCE_WITHOUT_WORDING)
        for index, item in enumerate(items):
            for option in item.options:
                if option.zh:
                    line = _option_line(reader, item, index, option, shared)
                    raise reader.broken(line, OPTION_ZH_WITHOUT_WORDING(value=option.value))
        return
    for index, item in enumerate(items):
        if not item.zh:
            raise reader.broken(
                reader.lines.of_table("items", index), ZH_MISSING(number=item.number)
            )
        for option in item.options:
            if not option.zh:
                line = _option_line(reader, item, index, option, shared)
                raise reader.broken(line, OPTION_ZH_MISSING(value=option.value))
    if not cited:
        raise reader.broken(1, ZH_SOURCE_MISSING)


def _option_line(
    reader: _Reader, item: Item, index: int, option: AnswerOption, shared: Sequence[AnswerOption]
) -> int:
    """The line of an answer option: its ``[[options]]`` table, or the item's own ``options``."""
    if item.options is shared:
        return reader.lines.of_table("options", item.values.index(option.value))
    return reader.lines.of_key("options", reader.lines.of_table("items", index))


def _bands(reader: _Reader, entries: list[dict[str, Any]], scale: Scale) -> tuple[Band, ...]:
    if not entries:
        raise reader.broken(1, NO_BANDS)
    least = sum(min(item.points(v) for v in item.values) for item in scale.items if item.scored)
    expected: float = least
    bands = []
    for index, entry in enumerate(entries):
        line = reader.lines.of_table("bands", index)
        reader.check_keys(entry, BAND_KEYS, line)
        band_id = reader.text(entry, "id", line, required=True)
        low, high = reader.number(entry, "min", line), reader.number(entry, "max", line)
        if low != expected or high < low:
            raise reader.broken(line, BAND_GAP(band=band_id, low=low, high=high, expected=expected))
        level = entry.get("level", 0)
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 3:
            raise reader.broken(reader.lines.of_key("level", line), BAD_LEVEL(band=band_id))
        bands.append(
            Band(
                band_id,
                reader.text(entry, "zh", line, required=True),
                reader.text(entry, "en", line),
                low,
                high,
                reader.flag(entry, "flag", line),
                level,
            )
        )
        expected = high + 1
    if expected - 1 != scale.most:
        problem = BANDS_SHORT if expected - 1 < scale.most else BANDS_LONG
        raise reader.broken(
            reader.lines.of_table("bands", len(entries) - 1),
            problem(high=expected - 1, most=scale.most),
        )
    return tuple(bands)


def shipped_scales_dir() -> Path:
    return resources_dir() / "scales"


class ScaleLibrary:
    """The scales this school can use: the shipped ones and any the school added."""

    def __init__(self, scales: Iterable[Scale]) -> None:
        self.scales = tuple(sorted(scales, key=lambda s: s.id))
        self._by_name: dict[str, Scale] = {}
        for scale in self.scales:
            for name in (scale.id, scale.name, *scale.aliases):
                self._by_name.setdefault(normalised_name(name), scale)

    def find(self, name: str) -> Scale:
        """The scale named by its id, printed name or an alias, however it is written."""
        scale = self._by_name.get(normalised_name(name))
        if scale is None:
            known = joined(s.name for s in self.scales)
            raise InvalidInput(UNKNOWN_SCALE(name=name, known=known))
        return scale

    def get(self, name: str) -> Scale | None:
        return self._by_name.get(normalised_name(name))


def load_scales(*folders: Path | None) -> ScaleLibrary:
    """Every ``*.toml`` scale in the shipped folder and the given (school) folders.

    A file whose id, name or alias is another scale's is refused, with its line: which scale scores
    a screening, or answers to the name PHQ-9, must never depend on the order files are read in."""
    found: dict[str, Scale] = {}
    for folder in (shipped_scales_dir(), *folders):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            text = path.read_text(encoding="utf-8")
            scale = parse_scale(text, str(path), path)
            lines = _Lines(text)
            for key, names in (
                ("id", [scale.id]),
                ("name", [scale.name]),
                ("aliases", scale.aliases),
            ):
                for name in names:
                    other = found.get(normalised_name(name))
                    if other is not None and other is not scale:
                        reason = DUPLICATE_SCALE(scale=name, first=str(other.path))
                        raise _Reader(text, str(path)).broken(lines.of_key(key), reason)
                    found[normalised_name(name)] = scale
    return ScaleLibrary({id(scale): scale for scale in found.values()}.values())


def school_scales(paths: SchoolPaths) -> ScaleLibrary:
    """The shipped scales and the school's own: what every screening of this school is scored by."""
    return load_scales(paths.scales)
