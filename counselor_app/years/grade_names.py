"""Grades and what a class is called in the next school year: its 班级编号, its name, whether it
graduates. The rules the year roll-over proposes (the counsellor may change every proposal):

* **Graduation.** A school stage ends in fixed grades: 小学 after grade 6, 初中 after 9, 高中 after
  12, 九年一贯 after 9, 完全中学 after 9 (初中) and after 12 (高中). A class in such a grade, or
  marked 毕业年级, graduates. A school whose stage is not recorded graduates the highest grade it
  has classes in, and the roll-over says so.
* **Class codes.** A code *encodes the grade* when it starts with the class's grade, as two digits
  (0701, 07-1, 1203) or as one digit before a two-digit number (701, 7-01). That part goes up by
  one, in the same width: 0701 → 0801, 701 → 801, 7-1 → 8-1. Any other code (2023级1班, A1, J2501)
  names a cohort, not a grade, and is kept: the same code in the next year is the same class.
* **Class names.** A name that starts with its grade's word, in any of the usual ways of writing
  it (七年级1班, 初一(1)班, 七(1)班, 7年级1班, 高一3班), gets the next grade's word in the same way
  (八年级1班, 初二(1)班, 八(1)班, 8年级1班, 高二3班). Any other name (雏鹰班, 实验班) is kept as it
  is and flagged for the counsellor to check.

Plain Python: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TOP_GRADE = 12
# The grades each stage teaches, and the grades after which its students leave the school.
STAGE_GRADES: dict[str, range] = {
    "primary": range(1, 7),
    "junior": range(7, 10),
    "senior": range(10, 13),
    "nine_year": range(1, 10),
    "complete_secondary": range(7, 13),
}
STAGE_EXITS: dict[str, frozenset[int]] = {
    "primary": frozenset({6}),
    "junior": frozenset({9}),
    "senior": frozenset({12}),
    "nine_year": frozenset({9}),
    # 初中毕业 after grade 9; students going on to the school's 高中 come back through 中考, and
    # are placed in a 高一 class by the roster workbook (学年分班).
    "complete_secondary": frozenset({9, 12}),
}

_CHINESE = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
# The usual words for grade 1 to 12, written out once: 一年级 … 九年级, then 高一 … 高三.
GRADE_WORDS: dict[int, str] = {
    **{grade: f"{_CHINESE[grade]}年级" for grade in range(1, 10)},
    10: "高一",
    11: "高二",
    12: "高三",
}


@dataclass(frozen=True)
class _Style:
    """One way of writing the grade at the start of a class name."""

    words: dict[int, str]
    # What must follow the word, so that 七(1)班's 七 is not read in 七彩班.
    followed_by: str = ""


_STYLES = (
    _Style({grade: f"{_CHINESE[grade]}年级" for grade in range(1, 13)}),  # 七年级1班, 十年级
    _Style({7: "初一", 8: "初二", 9: "初三", 10: "高一", 11: "高二", 12: "高三"}),  # 初一(1)班
    _Style({grade: f"{grade}年级" for grade in range(1, 13)}),  # 7年级1班
    _Style({grade: _CHINESE[grade] for grade in range(1, 10)}, followed_by="(（"),  # 七(1)班
)

_TWO_DIGITS = re.compile(r"(\d{2})(\D?\d+)")  # 0701, 07-1, 1203
_ONE_DIGIT = re.compile(r"(\d)(\d{2}|\D\d+)")  # 701, 7-01, 7-1


def graduation_grades(stage: str | None, grades: Iterable[int]) -> tuple[frozenset[int], bool]:
    """The grades that graduate at the end of a year, and whether they come from the stage.

    ``grades``: the grades the year has classes in, for a school whose stage is unknown.
    """
    if stage in STAGE_EXITS:
        return STAGE_EXITS[stage], True
    present = list(grades)
    return (frozenset({max(present)}) if present else frozenset()), False


def next_class_code(code: str, grade: int) -> tuple[str, bool]:
    """The code of the class next year, and whether it changed (see the module's rules)."""
    text = code.strip()
    for pattern in (_TWO_DIGITS, _ONE_DIGIT):
        match = pattern.fullmatch(text)
        if match and int(match[1]) == grade:
            width = len(match[1])
            return f"{grade + 1:0{width}d}{match[2]}", True
    return text, False


def next_class_name(name: str, grade: int) -> tuple[str, bool]:
    """The name of the class next year, and whether it followed the grade (False: kept as it
    was, for the counsellor to check)."""
    text = name.strip()
    for style in _STYLES:
        word, after = style.words.get(grade), style.words.get(grade + 1)
        if not word or not after or not text.startswith(word):
            continue
        rest = text[len(word) :]
        if style.followed_by and not (rest and rest[0] in style.followed_by):
            continue
        return after + rest, True
    return text, False


def class_name_for(grade: int, number: str) -> str:
    """A plain name for a new class: 八年级1班."""
    return f"{GRADE_WORDS.get(grade, f'{grade}年级')}{number}班"


__all__ = [
    "GRADE_WORDS",
    "STAGE_EXITS",
    "STAGE_GRADES",
    "TOP_GRADE",
    "class_name_for",
    "graduation_grades",
    "next_class_code",
    "next_class_name",
]
