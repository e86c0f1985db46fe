"""The junior school of the roll-over tests, in July 2026 (the summer after 2025—2026):

    0701 七年级1班 (head T01): A1, A2        0801 八年级1班 (head T03): C1, C2 (转出 in March)
    0702 七年级2班 (head T02): B1            0901 九年级1班 (head T04): D1, D2

T05 is a head teacher without a class. Terms: autumn 2025 and spring 2026 (ended 3 July).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.years.school_years import SchoolYear, classes_of_year
from tests.conftest import CHINA

AUTUMN_2025 = "2025—2026学年第一学期"
SPRING_2026 = "2025—2026学年第二学期"
AUTUMN_2026 = "2026—2027学年第一学期"
Y2025, Y2026 = SchoolYear(2025), SchoolYear(2026)
D = dt.date.fromisoformat


# 15 July 2026: the spring term ended on 3 July; the new year's first term is in September.
JULY_2026 = dt.datetime(2026, 7, 15, 9, 0, tzinfo=CHINA)


@pytest.fixture
def clock():
    return fixed_clock(JULY_2026)


@pytest.fixture
def records(school: School) -> RecordService:
    return RecordService(school)


@pytest.fixture
def make(records: RecordService) -> Callable[..., int]:
    def create(record_type: str, **values: Any) -> int:
        return records.create(record_type, values).record_id

    return create


def set_stage(school: School, stage: str | None) -> None:
    school.db.execute("UPDATE school SET stage = ? WHERE id = 1", (stage,))


@pytest.fixture
def junior(school: School) -> dict[str, int]:
    return make_junior_school(school)


def make_junior_school(school: School) -> dict[str, int]:
    """The school of this module's docstring; returns the ids by staff no., class code and 学号."""
    records = RecordService(school)

    def make(record_type: str, **values: Any) -> int:
        return records.create(record_type, values).record_id

    set_stage(school, "junior")
    make("term", name=AUTUMN_2025, first_day="2025-09-01", last_day="2026-01-23")
    make("term", name=SPRING_2026, first_day="2026-02-23", last_day="2026-07-03")
    ids: dict[str, int] = {}
    for number in ("T01", "T02", "T03", "T04", "T05"):
        ids[number] = make("staff", staff_no=number, name=f"老师{number}", roles=["head_teacher"])
    for code, grade, name, head in (
        ("0701", 7, "七年级1班", "T01"),
        ("0702", 7, "七年级2班", "T02"),
        ("0801", 8, "八年级1班", "T03"),
        ("0901", 9, "九年级1班", "T04"),
    ):
        ids[code] = make(
            "class",
            school_year=2025,
            class_code=code,
            grade=grade,
            name=name,
            head_teacher_id=ids[head],
        )
    for number, code, extra in (
        ("A1", "0701", {}),
        ("A2", "0701", {}),
        ("B1", "0702", {}),
        ("C1", "0801", {}),
        ("C2", "0801", {"status": "transferred", "left_on": "2026-03-01"}),
        ("D1", "0901", {}),
        ("D2", "0901", {}),
    ):
        ids[number] = make(
            "student",
            student_no=number,
            name=f"学生{number}",
            sex="F",
            class_id=ids[code],
            **extra,
        )
    return ids


def table_contents(school: School) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit trail, in a fixed order."""
    tables = [
        r[0]
        for r in school.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'audit_log' ORDER BY name"
        )
    ]
    return {
        table: sorted(tuple(row) for row in school.db.query(f"SELECT * FROM {table}"))
        for table in tables
    }


def new_classes(school: School) -> list[tuple[str, int, str, int | None, bool]]:
    return [
        (c.class_code, c.grade, c.name, c.head_teacher_id, c.graduating)
        for c in classes_of_year(school.db, Y2026)
    ]


def status_of(school: School, student_id: int) -> tuple[str, str | None]:
    row = school.db.query_one("SELECT status, left_on FROM student WHERE id = ?", (student_id,))
    return row["status"], row["left_on"]
