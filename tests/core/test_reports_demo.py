"""End to end on the invented demo school: every checklist runs and prints, failures name what
falls short, no child's name reaches the district's copy, rare-character names print."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.reports.selfcheck_json import selfcheck_document
from counselor_app.reports.selfcheck_pdf import build_selfcheck_pdf, write_selfcheck_pdf
from counselor_app.reports.selfcheck_xlsx import write_selfcheck_xlsx
from counselor_app.reports.student_pdf import write_student_pdf
from counselor_app.school.core import School, unlock
from counselor_app.selfcheck.engine import run_self_check
from tests.conftest import CHINA, make_school
from tests.core.report_fixtures import PASSWORD, assert_fonts_embedded, pdf_text

TERM = "2025—2026学年第一学期"
IN_TERM = dt.datetime(2026, 1, 20, 10, 0, tzinfo=CHINA)
PROFILES = ("sucheng-2023", "beijing-2023", "jiangmen-2021", "hengyang-2019", "enshi-2022")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "school"
    created = make_school(folder, name="阳光实验学校（演示）", now=IN_TERM)
    try:
        generate_demo_school(created.school, students=300, years=1, seed=1)
    finally:
        created.school.close()
    return folder


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[School]:
    folder = tmp_path / "school"
    shutil.copytree(demo_template, folder)
    with unlock(SchoolPaths(folder), "王老师", PASSWORD, clock=fixed_clock(IN_TERM)) as school:
        yield school


def student_names(school: School) -> list[str]:
    return [row[0] for row in school.db.query("SELECT name FROM student")]


@pytest.mark.parametrize("profile", PROFILES)
def test_every_checklist_prints_without_a_childs_name(demo, profile, tmp_path):
    report = run_self_check(demo, TERM, profile)
    pdf = build_selfcheck_pdf(report, counsellor=demo.user.name)
    assert_fonts_embedded(pdf.data, tmp_path)
    assert pdf.missing_characters == ()
    text = pdf_text(pdf.data)
    document = json.dumps(selfcheck_document(report), ensure_ascii=False)
    for name in student_names(demo):
        assert name not in text and name not in document
    sheet = tmp_path / "summary.xlsx"
    write_selfcheck_xlsx(report, sheet)
    rows = openpyxl.load_workbook(sheet)["自查汇总"].max_row - 1
    assert rows == len(report.results) == len(report.profile.rules)


def test_the_demo_self_check_shows_passes_and_failures_that_name_what_falls_short(demo, tmp_path):
    report = run_self_check(demo, TERM, "sucheng-2023")
    counts = report.counts()
    assert counts["pass"] > 0 and counts["fail"] > 0
    failed = [r for r in report.results if r.status == "fail"]
    assert all(r.evidence for r in failed)
    pdf = write_selfcheck_pdf(demo, report, tmp_path / "自查.pdf")
    text = "".join(pdf_text(pdf.data).split())
    assert "本学期统计图" in text and "整改清单" in text
    for result in failed:
        first = result.evidence[0]
        assert first.key in text or "".join(first.label.split()) in text, result.rule_id


def test_a_demo_student_with_a_rare_character_prints(demo, tmp_path):
    row = demo.db.query_one(
        "SELECT student_no, name FROM student WHERE name GLOB '*[喆玥堃赟珺昇淏翀旻祎彧芃晞]*'"
        " ORDER BY id LIMIT 1"
    )
    if row is None:
        pytest.skip("this demo school drew no rare-character name")
    pdf = write_student_pdf(demo, row["student_no"], tmp_path / "file.pdf")
    assert pdf.missing_characters == ()
    assert row["name"] in pdf_text(pdf.data)
