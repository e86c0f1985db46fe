"""``counselor-app report answer-sheet | consent | screening-summary`` as a counsellor types them."""

from __future__ import annotations

from pathlib import Path

import pytest

import counselor_app.cli as cli
from tests.conftest import PASSWORD
from tests.core.report_fixtures import pdf_text


@pytest.fixture
def run(print_folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(print_folder))
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_USER", "王老师")
    return cli.main


def test_report_answer_sheet(run, facts, tmp_path, capsys):
    out = tmp_path / "答题卡.pdf"
    assert (
        run(["report", "answer-sheet", "--class", "0702", "--scale", "phq9", "-o", str(out)]) == 0
    )
    assert f"已写出：{out}（共 1 页）" in capsys.readouterr().out
    text = "".join(pdf_text(out.read_bytes()).split())
    assert all(name in text for _, name in facts.rosters[(2025, "0702")])
    # Last year's class by --year.
    assert (
        run(
            [
                "report",
                "answer-sheet",
                "--class",
                "0801",
                "--scale",
                "PHQ-9",
                "--year",
                "2024-2025",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = "".join(pdf_text(out.read_bytes()).split())
    assert all(name in text for _, name in facts.rosters[(2024, "0801")])


def test_report_consent_for_a_student_and_for_a_class(run, facts, tmp_path, capsys):
    number, name = facts.rosters[(2025, "0703")][3]
    one, many = tmp_path / "同意书.pdf", tmp_path / "全班.pdf"
    assert run(["report", "consent", number, "-o", str(one)]) == 0
    assert name in "".join(pdf_text(one.read_bytes()).split())
    assert run(["report", "consent", "--class", "0703", "--scale", "PHQ-9", "-o", str(many)]) == 0
    assert "（共 10 页）" in capsys.readouterr().out


def test_report_consent_needs_a_student_or_a_class(run, tmp_path, capsys):
    assert run(["report", "consent", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "请给出学号" in capsys.readouterr().err
    assert run(["report", "consent", "20250001", "--class", "0701", "-o", "x.pdf"]) == 2


def test_report_screening_summary(run, tmp_path, capsys):
    out = tmp_path / "汇总.pdf"
    assert run(["report", "screening-summary", "--scale", "PHQ-9", "-o", str(out)]) == 0
    assert "56" in pdf_text(out.read_bytes())
    assert capsys.readouterr().err == ""


def test_an_unknown_scale_or_class_exits_3(run, tmp_path, capsys):
    out = str(tmp_path / "x.pdf")
    assert run(["report", "screening-summary", "--scale", "SCL-91", "-o", out]) == 3
    assert "没有名为 SCL-91 的量表" in capsys.readouterr().err
    assert run(["report", "answer-sheet", "--class", "0999", "--scale", "PHQ-9", "-o", out]) == 3
    assert "0999" in capsys.readouterr().err
    assert (
        run(
            [
                "report",
                "answer-sheet",
                "--class",
                "0701",
                "--scale",
                "PHQ-9",
                "--year",
                "2025",
                "-o",
                out,
            ]
        )
        == 2
    )
