"""A school with two PHQ-9 screening rounds (2024—2025 and 2025—2026), for the screening
printouts' tests. Every number the tests expect is counted by hand from the table below.

Each class is made of students whose latest screening of the round was fine (total 0), moderate
(total 10: flagged) or only item 9 answered (total 1: flagged, a critical item):

this year, screened 2025-10-09:
  class 0701 grade 7   fine 7 (4 女 3 男)   moderate 4 女   critical 1 男   -> 12 screened, 5 flagged
  class 0702 grade 7   fine 6 (3 女 3 男)   moderate 1 男                   ->  7 screened, 1 flagged
  class 0703 grade 7   fine 10 (5 女 5 男)                                  -> 10 screened, 0 flagged
  class 0801 grade 8   fine 6 (3 女 3 男)   moderate 5 男   critical 2 男   -> 13 screened, 7 flagged
  class 0802 grade 8   fine 8 (4 女 4 男)   moderate 6 女                   -> 14 screened, 6 flagged
  grade 7: 29 screened, 6 flagged, 1 critical;  grade 8: 27, 13, 2;  school: 56, 19, 3
  女: 19 fine + 10 moderate = 29 screened, 10 flagged;  男: 18 + 9 = 27 screened, 9 flagged
  One fine student of 0701 was also screened earlier (2025-09-15, moderate): the later one counts.
  One screening typed in by hand (MHT, no scale) and one of another scale do not count.

last year, screened 2024-10-10 (0701's students are this year's 0801 less its one newcomer):
  class 0701 grade 7   fine 10   moderate 2                  -> 12 screened, 2 flagged
  class 0801 grade 8   fine 8    moderate 3   critical 1     -> 12 screened, 4 flagged, 1 critical
  school: 24 screened, 6 flagged, 1 critical
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, unlock
from counselor_app.screening.answers import ScaleAnswers, save_screenings
from counselor_app.screening.scales import Scale, load_scales, parse_scale
from tests.conftest import CHINA, FAST_KDF, PASSWORD, give_screening_consent, make_school

SCHOOL_NAME = "阳光实验学校"
HOTLINE = "0527-8888 1234"
NOW = dt.datetime(2025, 11, 20, 9, 0, tzinfo=CHINA)
THIS_ROUND, LAST_ROUND = dt.date(2025, 10, 9), dt.date(2024, 10, 10)
FINE = (0,) * 9
MODERATE = (2, 2, 2, 2, 1, 1, 0, 0, 0)
CRITICAL = (0, 0, 0, 0, 0, 0, 0, 0, 1)
# Names with characters GB2312-only fonts lack, so the answer sheet's font is put to the test.
RARE_NAMES = ("张喆", "王玥", "李堃", "赵赟", "陈珺", "刘昇")
NUMERALS = "〇一二三四五六七八九"

OTHER_SCALE = """
id = "mood2"
name = "MOOD-2"
title_zh = "情绪两题（测试用）"
source = "test"
licence = "test"
wording_zh_source = "test"
[[options]]
value = 0
zh = "否"
[[options]]
value = 1
zh = "是"
[[items]]
number = 1
zh = "甲"
[[items]]
number = 2
zh = "乙"
[[bands]]
id = "low"
zh = "低"
min = 0
max = 0
[[bands]]
id = "high"
zh = "高"
min = 1
max = 2
flag = true
"""


@dataclass
class PrintSchool:
    school: School
    phq9: Scale
    classes: dict[tuple[int, str], int] = field(default_factory=dict)  # (year, code) -> id
    # (year, code) -> [(学号, name)] in 学号 order
    rosters: dict[tuple[int, str], list[tuple[str, str]]] = field(default_factory=dict)
    student_ids: dict[str, int] = field(default_factory=dict)  # 学号 -> id


def fill(school: School) -> PrintSchool:
    """Fill a new school (made with ``now=NOW``) as the module's docstring says."""
    records = RecordService(school)
    built = PrintSchool(school, load_scales().find("PHQ-9"))
    for name, first, last in (
        ("2024—2025学年第一学期", "2024-09-01", "2025-01-20"),
        ("2024—2025学年第二学期", "2025-02-17", "2025-07-05"),
        ("2025—2026学年第一学期", "2025-09-01", "2026-01-23"),
    ):
        records.create("term", {"name": name, "first_day": first, "last_day": last})
    for year, code, grade in (
        (2024, "0701", 7),
        (2024, "0801", 8),
        (2025, "0701", 7),
        (2025, "0702", 7),
        (2025, "0703", 7),
        (2025, "0801", 8),
        (2025, "0802", 8),
    ):
        values = {"school_year": f"{year}-{year + 1}", "class_code": code, "grade": grade}
        values["name"] = f"{'七八'[grade - 7]}年级{int(code[2:])}班"
        built.classes[(year, code)] = records.create("class", values).record_id

    serial = iter(range(1, 1000))
    answers: list[ScaleAnswers] = []

    def student(year: int, code: str, sex: str, *, also: tuple[int, str] | None = None) -> int:
        number = f"2025{next(serial):04d}"
        n = len(built.student_ids)
        # Told apart by Chinese numerals: a digit would run into the bubbles' values in the text.
        name = RARE_NAMES[n % len(RARE_NAMES)] + NUMERALS[n // 10] + NUMERALS[n % 10]
        student_id = records.create(
            "student",
            {
                "student_no": number,
                "name": name,
                "sex": sex,
                "class_id": built.classes[(year, code)],
                "guardian": name[0] + "家长",
            },
        ).record_id
        built.student_ids[number] = student_id
        built.rosters.setdefault((year, code), []).append((number, name))
        if also is not None:  # enrolled in another year's class too
            with school.db.transaction() as db:
                db.execute(
                    "INSERT INTO enrolment (student_id, school_year, class_id) VALUES (?, ?, ?)",
                    (student_id, also[0], built.classes[also]),
                )
            built.rosters.setdefault(also, []).append((number, name))
        return student_id

    def screened(student_id: int, on: dt.date, given: tuple[int, ...]) -> None:
        answers.append(ScaleAnswers(student_id, built.phq9, on, given))

    def fine_ones(year: int, code: str, count: int, on: dt.date) -> list[int]:
        made = []
        for n in range(count):
            made.append(student(year, code, "女" if n % 2 == 0 else "男"))
            screened(made[-1], on, FINE)
        return made

    # -- this year ------------------------------------------------------------------------------
    first_of_0701 = fine_ones(2025, "0701", 7, THIS_ROUND)[0]
    screened(first_of_0701, dt.date(2025, 9, 15), MODERATE)  # earlier: the later one counts
    for _ in range(4):
        screened(student(2025, "0701", "女"), THIS_ROUND, MODERATE)
    screened(student(2025, "0701", "男"), THIS_ROUND, CRITICAL)
    fine_ones(2025, "0702", 6, THIS_ROUND)
    screened(student(2025, "0702", "男"), THIS_ROUND, MODERATE)
    fine_ones(2025, "0703", 10, THIS_ROUND)
    # 0801: last year's 0701 (10 fine and 2 moderate then) and one newcomer.
    last_year = [MODERATE, MODERATE] + [FINE] * 10
    this_year = [FINE] * 6 + [MODERATE] * 5 + [CRITICAL] * 2
    for n, given in enumerate(this_year):
        sex = "女" if n < 6 and n % 2 == 0 else "男"
        also = (2024, "0701") if n < 12 else None
        student_id = student(2025, "0801", sex, also=also)
        screened(student_id, THIS_ROUND, given)
        if also is not None:
            screened(student_id, LAST_ROUND, last_year[n])
    fine_ones(2025, "0802", 8, THIS_ROUND)
    for _ in range(6):
        screened(student(2025, "0802", "女"), THIS_ROUND, MODERATE)

    # -- last year's grade 8 (no class this year: they moved on) --------------------------------
    for given in [FINE] * 8 + [MODERATE] * 3 + [CRITICAL]:
        screened(student(2024, "0801", "女"), LAST_ROUND, given)

    give_screening_consent(school.db, built.student_ids.values())
    save_screenings(school, answers, "paper")
    other = parse_scale(OTHER_SCALE, "mood2.toml")
    save_screenings(school, [ScaleAnswers(first_of_0701, other, THIS_ROUND, (1, 1))], "paper")
    records.create(
        "screening",
        {
            "date": "2025-10-09",
            "student_id": first_of_0701,
            "instrument": "MHT",
            "score": 70,
            "result_level": 2,
        },
    )
    for key, roster in built.rosters.items():
        built.rosters[key] = sorted(roster)
    return built


# -- fixtures: the school is filled once per session and copied for each test ---------------------
@pytest.fixture(scope="session")
def print_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PrintFacts]:
    from counselor_app.storage import keys

    folder = tmp_path_factory.mktemp("screening-print") / "school"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", FAST_KDF)
        school = make_school(folder, name=SCHOOL_NAME, now=NOW).school
        try:
            built = fill(school)
            with school.db.transaction() as db:
                db.execute("UPDATE school SET hotline = ? WHERE id = 1", (HOTLINE,))
        finally:
            school.close(backup=False)
    return folder, PrintFacts(dict(built.rosters), dict(built.student_ids))


@dataclass(frozen=True)
class PrintFacts:
    rosters: dict[tuple[int, str], list[tuple[str, str]]]
    student_ids: dict[str, int]

    def every_name_and_number(self) -> set[str]:
        return {text for roster in self.rosters.values() for pair in roster for text in pair}


@pytest.fixture
def print_folder(print_template: tuple[Path, PrintFacts], tmp_path: Path) -> Path:
    folder = tmp_path / "school"
    shutil.copytree(print_template[0], folder)
    return folder


@pytest.fixture
def facts(print_template: tuple[Path, PrintFacts]) -> PrintFacts:
    return print_template[1]


@pytest.fixture
def print_school(print_folder: Path) -> Iterator[School]:
    with unlock(SchoolPaths(print_folder), "王老师", PASSWORD, clock=fixed_clock(NOW)) as school:
        yield school
