"""A small school for the record widgets' tests: a term, two teachers, two classes, students."""

from __future__ import annotations

from dataclasses import dataclass

from counselor_app.records.service import RecordService
from counselor_app.school.core import School


@dataclass(frozen=True)
class Roster:
    term: int
    counsellor: int  # 李心怡, full-time psych teacher
    head_teacher: int  # 周老师
    class7: int
    class4: int
    zhang: int  # 张三
    li: int  # 李玥
    wang: int  # 王喆
    zhao: int  # 赵堃


def add_roster(school: School) -> Roster:
    records = RecordService(school)

    def make(record_type: str, values: dict[str, object]) -> int:
        return records.create(record_type, values).record_id

    term = make("term", {"name": "2025—2026学年第一学期", "first_day": "2025-09-01",
                         "last_day": "2026-01-23"})  # fmt: skip
    counsellor = make("staff", {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师"})
    head = make("staff", {"staff_no": "T002", "name": "周老师", "roles": "班主任;任课教师"})
    class7 = make("class", {"class_code": "0701", "grade": 7, "name": "七年级1班",
                            "head_teacher_id": head})  # fmt: skip
    class4 = make("class", {"class_code": "0401", "grade": 4, "name": "四年级1班"})
    students = [
        make("student", {"student_no": no, "name": name, "sex": sex, "class_id": class_id})
        for no, name, sex, class_id in (
            ("20250001", "张三", "男", class7),
            ("20250002", "李玥", "女", class7),
            ("20250003", "王喆", "男", class7),
            ("20250004", "赵堃", "男", class4),
        )
    ]
    return Roster(term, counsellor, head, class7, class4, *students)


def session_values(roster: Roster, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "date": "2025-10-09",
        "start_time": "14:00",
        "minutes": 50,
        "kind": "individual",
        "students": [roster.zhang],
        "counsellor_id": roster.counsellor,
        "source": "walk_in",
        "topic": "study",
        "summary": "考试焦虑，约定下周再谈",
        "risk_level": 1,
    }
    values.update(overrides)
    return values
