"""``selfcheck progress`` and ``report self-check --progress`` on the printout school, read on
Thursday 2025-10-16: week 7 of the 21 teaching weeks of 2025-09-01 … 2026-01-23.

The school has two classes and no psych lesson yet: each needs ceil(21 × 0.5) = 11 periods, and
⌊11 × 7 ÷ 21⌋ = 3 are due by week 7, so both are behind with 11 still needed and 14 weeks left.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import counselor_app.cli as cli
from counselor_app.school.core import School
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    PASSWORD,
    TERM,
    filled_template,
    school_folder,
)

WEEK_7 = dt.date(2025, 10, 16)


@pytest.fixture
def run(school_folder: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(school_folder))
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_USER", "王老师")
    return cli.main


@pytest.fixture
def in_week_7(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command runs on the computer's clock; here it reads 2025-10-16."""
    monkeypatch.setattr(School, "today", lambda self: WEEK_7)


def lines_of(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines() if line.split()}


def test_selfcheck_progress_lists_each_rule(run, in_week_7, capsys):
    assert run(["selfcheck", "progress", "--term", TERM, "--profile", "sucheng-2023"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "进度（截至 2025-10-16，第 7 周，共 21 个教学周；自查结论仍按整个学期评定）："
    )
    lines = lines_of(out)
    assert lines["SC-09-lessons"] == (
        "SC-09-lessons  未达标 · 落后 · 0/11 课时 · "
        "2 个班落后，最少的 0701 还需 11 课时，剩余 14 个教学周"
    )
    assert lines["SC-15-double-reduction"] == (
        "SC-15-double-reduction  需人工确认 · 不计进度 · 人工确认项，没有进度。"
    )


def test_in_english(run, in_week_7, capsys):
    argv = ["--lang", "en", "selfcheck", "progress", "--term", TERM, "--profile", "sucheng-2023"]
    assert run(argv) == 0
    assert lines_of(capsys.readouterr().out)["SC-09-lessons"] == (
        "SC-09-lessons  Not met · Behind · 0/11 periods · 2 classes behind; furthest behind, "
        "0701: 11 more periods needed, 14 teaching weeks left"
    )


def test_a_term_that_is_over_has_no_progress(run, capsys):
    # The computer's clock is long past the term.
    assert run(["selfcheck", "progress", "--term", TERM, "--profile", "sucheng-2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{TERM}今天（") and "）不在进行中，没有进度" in out
    assert "SC-09-lessons" not in out


def test_an_unknown_term_exits_3(run, in_week_7, capsys):
    assert run(["selfcheck", "progress", "--term", "无此学期", "--profile", "sucheng-2023"]) == 3
    assert "没有名为“无此学期”的学期" in capsys.readouterr().err


def test_report_self_check_with_progress_writes_the_same_report(run, in_week_7, tmp_path, capsys):
    base = ["report", "self-check", "--term", TERM, "--profile", "sucheng-2023"]
    plain, with_progress = tmp_path / "plain.json", tmp_path / "progress.json"
    assert run([*base, "-o", str(tmp_path / "a.pdf"), "--json", str(plain)]) == 0
    assert "进度（截至" not in capsys.readouterr().out
    assert (
        run([*base, "-o", str(tmp_path / "b.pdf"), "--json", str(with_progress), "--progress"]) == 0
    )
    out = capsys.readouterr().out
    assert "SC-09-lessons  未达标 · 落后 · 0/11 课时" in out
    assert out.index("自查结果（") < out.index("进度（截至") < out.index("已写出：")

    def rules(path: Path) -> list[tuple[str, str]]:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [(rule["id"], rule["status"]) for rule in data["rules"]]

    # The report judges the whole term, with or without the flag.
    assert rules(plain) == rules(with_progress)
