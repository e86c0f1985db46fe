"""``counselor-app report …`` and ``selfcheck confirm`` as a counsellor types them: files written,
warnings on standard error, exit code 3 for a student number that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

import counselor_app.cli as cli
from counselor_app.selfcheck.metrics import all_metrics
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    PASSWORD,
    TERM,
    filled_template,
    school_folder,
)


@pytest.fixture
def run(school_folder: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    """``main`` with the report commands, on a copy of the filled school."""
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(school_folder))
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_USER", "王老师")
    return cli.main


def test_report_student_writes_the_pdf(run, tmp_path, capsys):
    out = tmp_path / "张喆.pdf"
    assert run(["report", "student", "20250001", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"已写出：{out}" in capsys.readouterr().out


def test_an_unknown_student_number_exits_3_with_a_clear_message(run, tmp_path, capsys):
    assert run(["report", "student", "20259999", "-o", str(tmp_path / "x.pdf")]) == 3
    assert "没有学号为“20259999”的学生" in capsys.readouterr().err
    assert run(["--lang", "en", "report", "crisis-plan", "20259999", "-o", "x.pdf"]) == 3
    assert "no student with the number '20259999'" in capsys.readouterr().err


def test_a_missing_glyph_is_warned_about(run, tmp_path, capsys):
    assert run(["report", "student", "20250005", "-o", str(tmp_path / "wu.pdf")]) == 0
    err = capsys.readouterr().err
    assert "打印字体缺少这些字" in err and "U+20000" in err


def test_report_schedule_and_crisis_plan(run, tmp_path, capsys):
    door, plan = tmp_path / "door.pdf", tmp_path / "plan.pdf"
    assert run(["report", "schedule", "--week", "2025-10-01", "-o", str(door)]) == 0
    assert run(["report", "crisis-plan", "20250001", "-o", str(plan)]) == 0
    assert door.read_bytes().startswith(b"%PDF") and plan.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().err == ""


def test_a_bad_week_date_is_a_usage_error(run, capsys):
    assert run(["report", "schedule", "--week", "10/01/2025", "-o", "x.pdf"]) == 2
    assert "不是日期" in capsys.readouterr().err


def test_confirming_needs_a_note(run, capsys):
    code = run(
        [
            "selfcheck",
            "confirm",
            "--term",
            TERM,
            "--profile",
            "sucheng-2023",
            "SC-15-double-reduction",
        ]
    )
    assert code == 2 and "--note" in capsys.readouterr().err


needs_metrics = pytest.mark.skipif(
    not all_metrics(), reason="the self-check metrics are not written yet"
)


@needs_metrics
def test_report_self_check_writes_pdf_json_and_excel(run, tmp_path, capsys):
    pdf, data, sheet = tmp_path / "自查.pdf", tmp_path / "自查.json", tmp_path / "自查.xlsx"
    code = run(
        [
            "report",
            "self-check",
            "--term",
            TERM,
            "--profile",
            "sucheng-2023",
            "-o",
            str(pdf),
            "--json",
            str(data),
            "--xlsx",
            str(sheet),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert pdf.exists() and data.exists() and sheet.exists()
    assert "自查结果（sucheng-2023" in capsys.readouterr().out


@needs_metrics
def test_confirm_and_undo_a_manual_rule(run, capsys):
    base = [
        "selfcheck",
        "confirm",
        "--term",
        TERM,
        "--profile",
        "sucheng-2023",
        "SC-15-double-reduction",
    ]
    assert run([*base, "--note", "已查阅作业与考试安排"]) == 0
    assert "已确认 SC-15-double-reduction" in capsys.readouterr().out
    assert run([*base, "--undo"]) == 0
    assert "已撤销" in capsys.readouterr().out


@needs_metrics
def test_a_confirmed_item_is_counted_as_confirmed_in_the_summary(run, tmp_path, capsys):
    base = ["selfcheck", "confirm", "--term", TERM, "--profile", "sucheng-2023"]
    report = ["report", "self-check", "--term", TERM, "--profile", "sucheng-2023"]
    assert run([*report, "-o", str(tmp_path / "before.pdf")]) == 0
    # Sucheng has three manual items (SC-15, SC-16, SC-17-one-to-one), none ticked yet.
    assert "待确认 3 项" in capsys.readouterr().out
    assert run([*base, "SC-15-double-reduction", "--note", "已查阅作业与考试安排"]) == 0
    capsys.readouterr()
    assert run([*report, "-o", str(tmp_path / "after.pdf")]) == 0
    out = capsys.readouterr().out
    assert "已确认 1 项" in out and "待确认 2 项" in out
    assert run(["--lang", "en", *report, "-o", str(tmp_path / "en.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Confirmed 1" in out and "To confirm 2" in out


@pytest.mark.parametrize(
    ("command", "title"),
    [
        ("guardian-notice", "学生心理健康情况告知书"),
        ("referral", "学生心理危机转介单"),
        ("return-assessment", "学生复学评估表"),
    ],
)
def test_the_crisis_case_papers_are_printed_by_student_number(
    run, tmp_path, capsys, command, title
):
    from tests.core.report_fixtures import pdf_text

    out = tmp_path / f"{command}.pdf"
    assert run(["report", command, "20250001", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert f"已写出：{out}" in captured.out and captured.err == ""
    assert title in "".join(pdf_text(out.read_bytes()).split())


@pytest.mark.parametrize("command", ["guardian-notice", "referral", "return-assessment"])
def test_a_crisis_paper_needs_a_student_with_a_plan(run, tmp_path, capsys, command):
    out = tmp_path / "x.pdf"
    assert run(["report", command, "20250002", "-o", str(out)]) == 3
    assert "学生 20250002 没有一生一策记录" in capsys.readouterr().err
    assert run(["report", command, "20259999", "-o", str(out)]) == 3
    assert "没有学号为“20259999”的学生" in capsys.readouterr().err
    assert not out.exists()
