"""A small school for the import tests: two classes, students with and without consent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from counselor_app.records.service import RecordService
from counselor_app.school.core import School


@dataclass(frozen=True)
class Roll:
    school: School
    ids: dict[str, int]  # 学号 → student id


# 学号, name, class; two 李娜 in 0702 on purpose (a name two students share).
STUDENTS = (
    ("20250001", "张小明", "0701"),
    ("20250002", "王芳", "0701"),
    ("20250003", "刘洋", "0701"),
    ("20250004", "李娜", "0702"),
    ("20250005", "李娜", "0702"),
    ("20250006", "陈晨", "0702"),
)
WITHOUT_CONSENT = {"20250006"}


@pytest.fixture
def roll(school: School) -> Iterator[Roll]:
    """The school (clock: 2025-10-16) with six students; all but 20250006 have consent to
    screening from 2025-09-01."""
    service = RecordService(school)
    classes = {
        code: service.create(
            "class", {"class_code": code, "grade": 7, "name": f"七年级{code[-1]}班"}
        ).record_id
        for code in ("0701", "0702")
    }
    ids = {}
    for number, name, klass in STUDENTS:
        ids[number] = service.create(
            "student",
            {"student_no": number, "name": name, "sex": "女", "class_id": classes[klass]},
        ).record_id
        if number not in WITHOUT_CONSENT:
            service.create(
                "consent",
                {
                    "student_id": ids[number],
                    "guardian": "家长",
                    "scope": "测评",
                    "given_on": "2025-09-01",
                },
            )
    yield Roll(school, ids)
