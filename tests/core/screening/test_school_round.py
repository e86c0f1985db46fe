"""A screening round of a 3,000-student school, imported from a platform-style export, flags
exactly the students PHQ-9's rules say, due when the worklist says (the time it takes is measured by
bench/bench_screening_import.py, not here)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, open_school
from counselor_app.screening.library import scale_library
from counselor_app.screening.mapping import guess_mapping
from counselor_app.screening.platform_import import import_table
from counselor_app.workbook.platform_file import read_export
from tests.conftest import make_school
from tests.core.screening.platform_round import Round, write_round


@pytest.fixture(scope="session")
def demo_3000(tmp_path_factory: pytest.TempPathFactory) -> tuple[SchoolPaths, bytes, Round]:
    """The 3,000-student demo school and its round's export, made once per session."""
    folder = tmp_path_factory.mktemp("demo3000")
    created = make_school(SchoolPaths(folder / "school"))
    school = created.school
    generate_demo_school(school, students=3000)
    made = write_round(school, folder / "平台导出.xlsx")
    keys = school.keys
    school.close(backup=False)
    return SchoolPaths(folder / "school"), keys, made


@pytest.fixture
def school_3000(demo_3000, tmp_path, clock) -> Iterator[tuple[School, Round]]:
    paths, keys, made = demo_3000
    copy = SchoolPaths(tmp_path / "school")
    shutil.copytree(paths.root, copy.root)
    school = open_school(copy, "王老师", keys, clock=clock, check_integrity=False)
    yield school, made
    school.close(backup=False)


def test_a_3000_student_round_flags_exactly_the_students_the_rules_name(school_3000):
    school, made = school_3000
    assert made.students > 2900  # the 3,000 of the demo, less those who have left
    scale = scale_library(school).find("PHQ-9")
    table = read_export(Path(made.path))
    mapping = guess_mapping(table.header, scale)
    done = import_table(
        school, table, scale, mapping, consent_exception="全校筛查，家长会已告知（演示）"
    )
    assert done.count == made.students
    rows = school.db.query(
        "SELECT s.student_no, sc.flagged, sc.critical_items, sc.date FROM screening sc"
        " JOIN student s ON s.id = sc.student_id WHERE sc.scale_id = 'phq9' AND sc.way = 'platform'"
    )
    assert len(rows) == made.students
    assert {r[3] for r in rows} == {made.day.isoformat()}
    assert {str(r[0]) for r in rows if r[1]} == made.flagged
    assert {str(r[0]) for r in rows if r[2] == "[9]"} == made.critical
    assert (done.flagged, done.critical) == (len(made.flagged), len(made.critical))


def test_the_round_puts_exactly_the_flagged_students_on_the_worklist_with_their_due_dates(
    school_3000,
):
    """Critical items are due the screening's school day, the others 5 school days later (the
    default of 设置 › 筛查)."""
    worklist = pytest.importorskip(
        "counselor_app.screening.worklist", reason="the worklist comes with lane SCREEN-CORE"
    )
    school, made = school_3000
    before = {e.screening_id for e in worklist.worklist(school.db, made.day, 5)}
    scale = scale_library(school).find("PHQ-9")
    table = read_export(Path(made.path))
    import_table(
        school, table, scale, guess_mapping(table.header, scale), consent_exception="全校筛查"
    )
    entries = [e for e in worklist.worklist(school.db, made.day, 5) if e.screening_id not in before]
    assert {e.student_no for e in entries} == made.flagged
    # 2025-10-13 is a Monday of the autumn term after the National Day holiday: five school days
    # on is the next Monday.
    assert made.day == dt.date(2025, 10, 13)
    due = {e.student_no: e.due_on for e in entries}
    assert {n for n, d in due.items() if d == made.day} == made.critical
    assert {n for n, d in due.items() if d == dt.date(2025, 10, 20)} == made.flagged - made.critical
