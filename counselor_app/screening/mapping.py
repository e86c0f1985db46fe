"""Which column of a screening platform's export holds what: mapped once, kept by name.

A platform writes its own headers (学号 or 学籍号, 第1题 or "1. 做事时提不起劲…", 总分 or 得分). A
mapping names, by header, the column of the student (学号, or 姓名 + 班级), of the date (or none:
one date is given for the whole file), and either one column per item or one total column. A first
guess is made from the headers; the counsellor corrects it and may keep it by name
(``screening_mapping``) for the next round from the same platform.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import joined, msg
from counselor_app.school.core import School
from counselor_app.screening.scales import Scale

NO_MAPPING = msg(
    "没有名为“{name}”的列对应方案（已保存的：{known}）",
    "There is no saved column mapping called '{name}' (saved: {known})",
)
NO_MAPPINGS = msg("（还没有）", "(none yet)")
MAPPING_OF_OTHER_SCALE = msg(
    "列对应方案“{name}”是为量表 {saved} 保存的，不能用于 {scale}。请换一个方案，或不用 --mapping。",
    "The column mapping '{name}' was saved for {saved}, not for {scale}. Choose another one, or "
    "leave out --mapping.",
)
MAPPING_NAME_EMPTY = msg("请给列对应方案起一个名字。", "Give the column mapping a name.")
MAPPING_DAMAGED = msg(
    "已保存的列对应方案“{name}”无法读取，请重新建立并保存。",
    "The saved column mapping '{name}' cannot be read; map the columns again and save it.",
)

# Headers platforms and schools use, compared without spaces, case or width.
STUDENT_NO_HEADERS = ("学号", "学籍号", "学生学号", "考号", "studentno", "studentid", "学生编号")
NAME_HEADERS = ("姓名", "学生姓名", "name", "studentname")
CLASS_HEADERS = ("班级", "班级名称", "班级编号", "班别", "class", "classname")
DATE_HEADERS = (
    "日期",
    "测评日期",
    "测试日期",
    "作答日期",
    "提交时间",
    "作答时间",
    "完成时间",
    "测评时间",
    "date",
)
TOTAL_HEADERS = ("总分", "量表总分", "原始分", "得分", "总得分", "total", "totalscore", "score")
_ITEM_NUMBER = re.compile(
    r"^(?:第(\d+)题|题目?(\d+)|[qQ](\d+)|item(\d+)|(\d+)(?:[.、:：)）\s]|$))", re.IGNORECASE
)


def header_key(header: object) -> str:
    """A header as compared: NFKC, no spaces, no required mark, case folded."""
    if header is None:
        return ""
    text = unicodedata.normalize("NFKC", str(header))
    return "".join(text.split()).rstrip("*").casefold()


@dataclass(frozen=True)
class ColumnMapping:
    """Headers of the columns that hold each thing (None: not in the file)."""

    scale_id: str
    student_no: str | None = None
    name: str | None = None
    class_name: str | None = None
    date: str | None = None
    items: tuple[str | None, ...] = ()
    total: str | None = None

    @property
    def by_total(self) -> bool:
        """Scored from the total: no item column is mapped."""
        return not any(self.items)

    def roles(self) -> dict[str, str | None]:
        """Each role's header, items as ``item:N`` (1-based)."""
        found: dict[str, str | None] = {
            "student_no": self.student_no,
            "name": self.name,
            "class_name": self.class_name,
            "date": self.date,
            "total": self.total,
        }
        for number, header in enumerate(self.items, start=1):
            found[f"item:{number}"] = header
        return found

    def to_json(self) -> str:
        return json.dumps(
            {
                "student_no": self.student_no,
                "name": self.name,
                "class_name": self.class_name,
                "date": self.date,
                "items": list(self.items),
                "total": self.total,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, scale_id: str, text: str) -> ColumnMapping:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")

        def text_or_none(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        items = data.get("items") or []
        if not isinstance(items, list):
            raise ValueError("items is not a list")
        return cls(
            scale_id,
            student_no=text_or_none("student_no"),
            name=text_or_none("name"),
            class_name=text_or_none("class_name"),
            date=text_or_none("date"),
            items=tuple(None if h is None else str(h) for h in items),
            total=text_or_none("total"),
        )


@dataclass(frozen=True)
class SavedMapping:
    name: str
    mapping: ColumnMapping
    saved_on: str = field(default="")


def guess_mapping(headers: Sequence[object], scale: Scale) -> ColumnMapping:
    """A first guess from the headers: known names for 学号, 姓名, 班级, 日期 and 总分; an item
    column by its number (第3题, Q3, 3., 题目3) or by the item's own wording in the header."""
    keyed = [(str(h).strip(), header_key(h)) for h in headers if header_key(h)]

    def first(known: Sequence[str]) -> str | None:
        wanted = [header_key(k) for k in known]
        for candidate in wanted:
            for header, key in keyed:
                if key == candidate:
                    return header
        return None

    items: list[str | None] = [None] * len(scale.items)
    taken: set[str] = set()
    for header, key in keyed:
        match = _ITEM_NUMBER.match(key)
        if match:
            number = int(next(g for g in match.groups() if g is not None))
            if 1 <= number <= len(items) and items[number - 1] is None:
                items[number - 1] = header
                taken.add(header)
    for index, item in enumerate(scale.items):
        if items[index] is not None or not item.zh:
            continue
        wording = header_key(item.zh)
        for header, key in keyed:
            if header not in taken and wording and wording in key:
                items[index] = header
                taken.add(header)
                break
    student_no = first(STUDENT_NO_HEADERS)
    return ColumnMapping(
        scale.id,
        student_no=student_no,
        name=first(NAME_HEADERS),
        class_name=first(CLASS_HEADERS),
        date=first(DATE_HEADERS),
        items=tuple(items),
        total=first(TOTAL_HEADERS),
    )


def save_mapping(school: School, name: str, mapping: ColumnMapping) -> None:
    """Keep the mapping under ``name`` (replacing one of that name)."""
    name = name.strip()
    if not name:
        raise InvalidInput(MAPPING_NAME_EMPTY)
    with school.db.transaction() as db:
        db.execute(
            "INSERT INTO screening_mapping (name, scale_id, columns, saved_on) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET scale_id = excluded.scale_id,"
            " columns = excluded.columns, saved_on = excluded.saved_on",
            (name, mapping.scale_id, mapping.to_json(), school.today().isoformat()),
        )
        school.log("screening_mapping_saved", "screening_mapping", None)


def saved_mappings(school: School, scale_id: str | None = None) -> list[SavedMapping]:
    """The saved mappings by name (of one scale when ``scale_id`` is given); unreadable ones are
    left out."""
    rows = school.db.query(
        "SELECT name, scale_id, columns, saved_on FROM screening_mapping ORDER BY name"
    )
    found = []
    for name, saved_scale, columns, saved_on in rows:
        if scale_id is not None and saved_scale != scale_id:
            continue
        try:
            mapping = ColumnMapping.from_json(str(saved_scale), str(columns))
        except (ValueError, TypeError):
            continue
        found.append(SavedMapping(str(name), mapping, str(saved_on)))
    return found


def load_mapping(school: School, name: str, scale: Scale) -> ColumnMapping:
    """The mapping saved as ``name``, for ``scale`` (refused when saved for another scale)."""
    row = school.db.query_one(
        "SELECT scale_id, columns FROM screening_mapping WHERE name = ?", (name.strip(),)
    )
    if row is None:
        known = [m.name for m in saved_mappings(school)]
        raise InvalidInput(NO_MAPPING(name=name, known=joined(known) if known else NO_MAPPINGS))
    saved_scale, columns = str(row[0]), str(row[1])
    if saved_scale != scale.id:
        raise InvalidInput(MAPPING_OF_OTHER_SCALE(name=name, saved=saved_scale, scale=scale.name))
    try:
        mapping = ColumnMapping.from_json(saved_scale, columns)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(MAPPING_DAMAGED(name=name)) from exc
    # A scale file that gained or lost items since: pad or cut, the import then names what is
    # missing.
    items = (mapping.items + (None,) * len(scale.items))[: len(scale.items)]
    return replace(mapping, items=items)
