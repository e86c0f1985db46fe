"""A screening round as a platform exports it, for a whole demo school (the test and the bench).

Every enrolled student answers PHQ-9 on one day; the answers are the platform's words (完全不会,
好几天 …) under the platform's own headers ("1. 做事时提不起劲或没有兴趣" …). Which students are
flagged is set by their place in the roll, and worked out here from PHQ-9's published rules (a
total of 10 or more, or any answer above 完全不会 to item 9), not by the program's scoring.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from counselor_app.school.core import School

# A Monday of the autumn term before the tests' "now" (2025-10-16); moved to a later weekday when
# the demo already holds PHQ-9 screenings that day (a demo round of its own).
ROUND_DAY = dt.date(2025, 10, 13)
WORDS = ("完全不会", "好几天", "一半以上的天数", "几乎每天")
ITEM_TEXTS = (
    "做事时提不起劲或没有兴趣",
    "感到心情低落、沮丧或绝望",
    "入睡困难、睡不安稳或睡眠过多",
    "感觉疲倦或没有活力",
    "食欲不振或吃太多",
    "觉得自己很糟，或觉得自己很失败，或让自己或家人失望",
    "对事物专注有困难，例如阅读报纸或看电视时",
    "动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常",
    "有不如死掉或用某种方式伤害自己的念头",
)


@dataclass(frozen=True)
class Round:
    path: Path
    day: dt.date
    flagged: set[str]  # 学号 of the students who need an interview
    critical: set[str]  # of them, those who answered item 9
    students: int


def answers_for(place: int) -> tuple[int, ...]:
    """Every tenth student from the first: 2 on items 1–8 (total 16, moderately severe);
    from the second: 好几天 on item 9 alone (total 1, but critical); from the third: 1 on items
    1–8 and 2 on item 1 (total 9: mild, the last total below the flag band); the rest 0."""
    kind = place % 10
    if kind == 0:
        return (2,) * 8 + (0,)
    if kind == 1:
        return (0,) * 8 + (1,)
    if kind == 2:
        return (2,) + (1,) * 7 + (0,)
    return (0,) * 9


def round_day(school: School) -> dt.date:
    """ROUND_DAY, or the first weekday after it with no PHQ-9 screening saved yet."""
    taken = {
        str(row[0])
        for row in school.db.query("SELECT DISTINCT date FROM screening WHERE scale_id = 'phq9'")
    }
    day = ROUND_DAY
    while day.isoformat() in taken or day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def write_round(school: School, path: Path) -> Round:
    numbers = [
        str(row[0])
        for row in school.db.query(
            "SELECT s.student_no FROM student s WHERE s.status = 'enrolled' ORDER BY s.student_no"
        )
    ]
    day = round_day(school)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("测评结果")
    sheet.append(
        ["序号", "学籍号", "提交时间", *(f"{n}. {t}" for n, t in enumerate(ITEM_TEXTS, 1))]
    )
    flagged, critical = set(), set()
    for place, number in enumerate(numbers):
        answers = answers_for(place)
        submitted = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(seconds=place)
        sheet.append([place + 1, number, submitted, *(WORDS[a] for a in answers)])
        if place % 10 in (0, 1):
            flagged.add(number)
        if place % 10 == 1:
            critical.add(number)
    book.save(path)
    return Round(path, day, flagged, critical, len(numbers))
