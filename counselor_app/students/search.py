"""Finding a student the way a counsellor types: 张三, zhangsan, zhangs, zs, a 学号 or a class.

Pinyin is computed once per student by :func:`search_keys` and kept in ``student.search_keys`` as
space-led tokens (``" zhangsan zs san"``), so a pinyin query is a prefix match on any token and the
whole search is one SQL statement over the student table: a school of a few thousand students
answers in a few milliseconds, encrypted.

Surnames are read as surnames (曾 is zeng, 单 is shan, 解 is xie), and characters with more than one
common reading get every reading, so a counsellor who types the "wrong" one still finds the student.
The number of pinyin spellings kept per name is bounded (:data:`MAX_VARIANTS`).

This module only reads students and fills their search column; it never decides who may see them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from counselor_app.storage.database import Database

#: At most this many pinyin spellings of one name are kept (each gives a full and an initials token).
MAX_VARIANTS = 8
#: At most this many readings of one character are considered.
MAX_READINGS_PER_CHARACTER = 3
#: Only the first syllables of a long name get their other readings.
MAX_VARIED_SYLLABLES = 5


def _reading_table(text: str) -> dict[str, tuple[str, ...]]:
    """``"曾 zeng ceng; 单 shan dan"`` → ``{"曾": ("zeng", "ceng"), ...}``: readings, preferred first."""
    table: dict[str, tuple[str, ...]] = {}
    for entry in text.split(";"):
        character, *readings = entry.split()
        table[character] = tuple(readings)
    return table


# Two-character surnames: the rest of the name is the given name.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 万俟 独孤 南宫 "
    "西门 澹台 公冶 申屠 太史 钟离 呼延 闻人 赫连 百里 东郭 仲孙 拓跋 淳于 单于 濮阳 司空".split()
)
# How a character reads as a surname, the surname reading first (pypinyin reads 曾 as ceng; as a
# surname it is zeng). Other surnames, compound ones included (pypinyin reads 尉迟, 万俟 and 单于
# right as words), read as pypinyin reads them.
SURNAME_READINGS = _reading_table(
    "曾 zeng ceng; 单 shan dan; 解 xie jie; 仇 qiu chou; 朴 piao pu; 区 ou qu; 查 zha cha; 乐 yue le;"
    "覃 qin tan; 盖 ge gai; 缪 miao mou; 员 yun yuan; 尉 yu wei; 翟 zhai di; 繁 po fan;"
    "种 chong zhong; 秘 bi mi; 折 she zhe; 柏 bai bo; 召 shao zhao; 郇 huan xun; 宿 su xiu;"
    "长 chang zhang; 车 che ju; 贾 jia gu; 薄 bo bao; 阚 kan; 沈 shen; 任 ren"
)
# Characters common in given names that people read more than one way; every other character keeps
# the one reading pypinyin gives it in the name (its rarer readings would only add false hits).
GIVEN_NAME_READINGS = _reading_table(
    "乐 le yue; 行 xing hang; 长 chang zhang; 重 zhong chong; 朝 zhao chao; 茜 qian xi; 蔚 wei yu;"
    "传 chuan zhuan; 莘 shen xin; 参 can shen; 奇 qi ji; 都 du dou; 藏 zang cang; 会 hui kuai;"
    "强 qiang jiang; 露 lu lou; 晟 sheng cheng; 娜 na nuo; 宓 mi fu; 省 sheng xing;"
    "降 jiang xiang; 还 huan hai; 调 tiao diao; 弹 dan tan; 率 shuai lv; 便 bian pian;"
    "差 cha chai; 曾 zeng ceng; 单 dan shan; 解 jie xie; 柏 bai bo; 朴 pu piao; 翟 zhai di;"
    "覃 tan qin; 尉 wei yu; 召 zhao shao; 种 zhong chong; 宿 su xiu; 薄 bo bao; 盛 sheng cheng;"
    "佛 fo fu; 角 jiao jue"
)

_HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_CHARACTERS}]")
_RUNS = re.compile(f"[{_HAN_CHARACTERS}]+|[^{_HAN_CHARACTERS}]+")
_SEPARATORS = re.compile(r"[\s'’·•・\-_.]+")


@dataclass(frozen=True)
class StudentHit:
    """One student found: what the student list shows."""

    id: int
    student_no: str
    name: str
    class_code: str
    class_name: str
    status: str


# -- pinyin keys ---------------------------------------------------------------------------------


def search_keys(name: str) -> str:
    """The value kept in ``student.search_keys`` for a name: space-led pinyin tokens.

    For each spelling of the name: the full pinyin (``zhangsan``), the initials (``zs``) and the
    given name's full pinyin (``san``). ``""`` for a name without letters or Chinese characters.
    """
    syllable_groups = _name_syllables(name)
    if not syllable_groups:
        return ""
    tokens: list[str] = []
    for spelling in _spellings(syllable_groups):
        surname, given = spelling
        full = "".join(surname) + "".join(given)
        initials = "".join(s[0] for s in (*surname, *given))
        tokens.extend((full, initials))
        if given:
            tokens.append("".join(given))
    unique = list(dict.fromkeys(t for t in tokens if t))
    return "".join(f" {token}" for token in unique)


def _name_syllables(name: str) -> tuple[list[list[str]], list[list[str]]] | None:
    """Readings per syllable, split into surname and given name; None if nothing is readable."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", name)).lower()
    if not text:
        return None
    surname_length = 2 if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES else 1
    if not _HAN.match(text[0]):
        surname_length = 0  # a name written in letters: no surname rules apply
    surname_text, given_text = text[:surname_length], text[surname_length:]
    surname = _surname_readings(surname_text)
    given = _text_readings(given_text)
    if not surname and not given:
        return None
    return surname, given


def _surname_readings(surname: str) -> list[list[str]]:
    if not surname:
        return []
    if surname in SURNAME_READINGS:
        return [_with_u_for_v(list(SURNAME_READINGS[surname]))]
    return _text_readings(surname)


def _text_readings(text: str) -> list[list[str]]:
    """Readings per syllable; a run of Latin letters or digits (a name like 安娜Anna) is one."""
    syllables: list[list[str]] = []
    for run in _RUNS.findall(text):
        if _HAN.match(run):
            syllables.extend(_han_readings(run))
        elif run.isascii() and run.isalnum():
            syllables.append([run])
    # Beyond the first few syllables only the usual reading counts, so the variants stay few.
    return [r if i < MAX_VARIED_SYLLABLES else r[:1] for i, r in enumerate(syllables)]


def _han_readings(run: str) -> list[list[str]]:
    # pypinyin's tables take ~0.2 s to load; a search needs them only for a mixed query (张san).
    from pypinyin import Style, pinyin

    # The usual reading comes from the whole run, so words read right (重庆 is chongqing).
    syllables = []
    for character, (usual,) in zip(run, pinyin(run, style=Style.NORMAL), strict=True):
        readings = dict.fromkeys([usual, *GIVEN_NAME_READINGS.get(character, ())])
        clean = [r for r in readings if r.isascii() and r.isalpha()][:MAX_READINGS_PER_CHARACTER]
        if clean:  # a character pypinyin cannot read adds no syllable
            syllables.append(_with_u_for_v(clean))
    return syllables


def _with_u_for_v(readings: list[str]) -> list[str]:
    """pypinyin writes ü as v (lv); people also type u (lu). Keep both, v first."""
    out: list[str] = []
    for reading in readings:
        out.append(reading)
        if "v" in reading:
            out.append(reading.replace("v", "u"))
    return list(dict.fromkeys(out))


def _spellings(
    groups: tuple[list[list[str]], list[list[str]]],
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The likeliest spellings of a name, at most MAX_VARIANTS: fewest unusual readings first."""
    surname, given = groups
    syllables = [*surname, *given]
    # Each combination scored by how many syllables leave their first (usual) reading; the surname
    # varies before the given name, because surname readings are the ones people disagree on.
    combos = itertools.product(*(range(len(readings)) for readings in syllables))
    ranked = sorted(combos, key=lambda picks: (sum(1 for p in picks if p), picks[::-1]))
    spellings = []
    for picks in ranked[:MAX_VARIANTS]:
        chosen = tuple(readings[p] for readings, p in zip(syllables, picks, strict=True))
        spellings.append((chosen[: len(surname)], chosen[len(surname) :]))
    return spellings


# -- search --------------------------------------------------------------------------------------

# Rank: 0 exact 学号 or name, 1 prefix of 学号 or name or a whole pinyin token, 2 a pinyin prefix or
# the class itself, 3 anything else (part of a name, part of a class name). 学号 and class codes may
# hold letters (S2025001), so they compare without case; NOCASE, because upper() costs ~10 µs a row.
_SELECT = """
SELECT s.id, s.student_no, s.name, c.class_code, c.name AS class_name, s.status,
       CASE
         WHEN s.student_no = :q COLLATE NOCASE OR s.name = :q THEN 0
         WHEN substr(s.student_no, 1, :n) = :q COLLATE NOCASE OR instr(s.name, :q) = 1
              {exact_token} THEN 1
         WHEN c.class_code = :q COLLATE NOCASE OR c.name = :q {token_prefix} THEN 2
         ELSE 3
       END AS rank
FROM student AS s JOIN class AS c ON c.id = s.class_id
WHERE ({status_filter})
  AND (substr(s.student_no, 1, :n) = :q COLLATE NOCASE
       OR instr(s.name, :q) > 0
       OR c.class_code = :q COLLATE NOCASE
       OR instr(c.name, :q) > 0
       {token_prefix})
ORDER BY rank, c.class_code, s.student_no
LIMIT :limit
"""


def search_students(
    db: Database, query: str, *, limit: int = 50, include_left: bool = False
) -> list[StudentHit]:
    """Students matching a name, pinyin, pinyin initials, 学号 prefix, class code or class name.

    Exact 学号 or name first, then prefixes, then the rest. Students who graduated or transferred
    out are left out unless ``include_left``. An empty query finds nobody.
    """
    text = unicodedata.normalize("NFKC", query).strip()
    if not text or limit <= 0:
        return []
    spellings = _query_spellings(text)
    params: dict[str, Any] = {"q": text, "n": len(text), "limit": limit}
    exact_token, token_prefix = [], []
    for index, spelling in enumerate(spellings):
        params[f"p{index}"] = spelling
        exact_token.append(f"OR instr(s.search_keys || ' ', ' ' || :p{index} || ' ') > 0")
        token_prefix.append(f"OR instr(s.search_keys, ' ' || :p{index}) > 0")
    sql = _SELECT.format(
        exact_token=" ".join(exact_token),
        token_prefix=" ".join(token_prefix),
        status_filter="1" if include_left else "s.status = 'enrolled'",
    )
    return [_hit(row) for row in db.query(sql, params)]


def _query_spellings(text: str) -> list[str]:
    """How a query may read as pinyin: itself in letters, or Chinese in it turned into pinyin."""
    compact = _SEPARATORS.sub("", text).lower()
    if not compact:
        return []
    has_letters = any(ch.isascii() and ch.isalpha() for ch in compact)
    if not has_letters:
        return []  # pure Chinese or digits: the name, 学号 and class columns answer it
    if compact.isascii():
        return [compact] if compact.isalnum() else []
    # Mixed, e.g. 张san: spell the Chinese part every way, keep the letters as typed.
    parts: list[list[str]] = []
    for character in compact:
        if _HAN.match(character):
            readings = _text_readings(character)
            parts.append(readings[0] if readings else [])
        elif character.isascii() and character.isalnum():
            parts.append([character])
    choices = itertools.islice(itertools.product(*[p for p in parts if p]), MAX_VARIANTS)
    return list(dict.fromkeys("".join(choice) for choice in choices))


def _hit(row: Sequence[Any]) -> StudentHit:
    return StudentHit(
        id=int(row[0]),
        student_no=str(row[1]),
        name=str(row[2]),
        class_code=str(row[3]),
        class_name=str(row[4]),
        status=str(row[5]),
    )


# -- keeping the column filled -------------------------------------------------------------------


def refresh_search_keys(db: Database, student_ids: Iterable[int] | None = None) -> int:
    """Recompute ``student.search_keys`` (all students, or those given); returns how many changed.

    Run after an import or anything else that writes names without going through the service.
    """
    if student_ids is None:
        rows = db.query("SELECT id, name, search_keys FROM student")
    else:
        wanted = sorted(set(student_ids))
        rows = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows.extend(
                db.query(f"SELECT id, name, search_keys FROM student WHERE id IN ({marks})", chunk)
            )
    changes = []
    for student_id, name, stored in rows:
        keys = search_keys(name)
        if keys != stored:
            changes.append((keys, student_id))
    if changes:
        with db.transaction():
            db.executemany("UPDATE student SET search_keys = ? WHERE id = ?", changes)
    return len(changes)


__all__ = [
    "MAX_VARIANTS",
    "StudentHit",
    "refresh_search_keys",
    "search_keys",
    "search_students",
]
