"""A class's students on a day, by 学号: who a class's paper screening is typed in for."""

from __future__ import annotations

import datetime as dt

from counselor_app.screening.class_roster import classes_on, roster_on
from tests.conftest import make_school


def test_the_roster_on_a_day_is_by_student_number_without_who_had_left_or_not_yet_come(
    tmp_path,
) -> None:
    school = make_school(tmp_path).school
    with school.db.transaction() as db:
        db.execute(
            "INSERT INTO class (id, school_year, class_code, grade, name)"
            " VALUES (1, 2025, '0701', 7, '七年级1班'), (2, 2024, '0601', 6, '六年级1班')"
        )
        for no, name, status, enrolled_on, left_on in (
            ("20250003", "王喆", "enrolled", None, None),
            ("20250001", "张三", "enrolled", "2025-09-01", None),
            ("20250002", "李玥", "transferred", None, "2025-10-20"),  # left after the day
            ("20250004", "赵堃", "transferred", None, "2025-10-01"),  # left before it
            ("20250005", "陈祎", "enrolled", "2025-11-03", None),  # came after it
        ):
            db.execute(
                "INSERT INTO student (student_no, name, sex, class_id, status, enrolled_on,"
                " left_on) VALUES (?, ?, 'F', 1, ?, ?, ?)",
                (no, name, status, enrolled_on, left_on),
            )
    day = dt.date(2025, 10, 16)
    assert [c.class_code for c in classes_on(school.db, day)] == ["0701"]
    assert [c.class_code for c in classes_on(school.db, dt.date(2025, 3, 1))] == ["0601"]
    assert [s.name for s in roster_on(school.db, 1, day)] == ["张三", "李玥", "王喆"]
    assert roster_on(school.db, 99, day) == []
    school.close(backup=False)
