"""A profile's parameters are checked when it is loaded: a misspelt or unknown threshold, a value of
the wrong kind or a missing one is refused with its line, never replaced by a default; a school's
own copy gets the same checks and messages as the built-in ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import in_language
from counselor_app.foundation.resources import profiles_dir
from counselor_app.selfcheck.profiles import built_in_profiles, load_profile_file
from tests.core.report_fixtures import (  # noqa: F401  (fixtures)
    PASSWORD,
    TERM,
    filled_template,
    school_folder,
)


def sucheng() -> str:
    return (profiles_dir() / "sucheng-2023.toml").read_text(encoding="utf-8")


def refusal(tmp_path: Path, text: str) -> InvalidInput:
    custom = tmp_path / "my-district.toml"
    custom.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as excinfo:
        load_profile_file(custom)
    return excinfo.value


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of ``needle``, searching from the line holding ``after``."""
    lines = text.splitlines()
    start = next(i for i, row in enumerate(lines) if after in row) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def test_every_built_in_profile_passes_its_own_checks():
    assert len(built_in_profiles()) == 5


def test_a_misspelt_threshold_is_refused_with_its_line(tmp_path):
    text = sucheng().replace(
        'params = { type = "leadership_meeting", minimum = 2 }',
        'params = { type = "leadership_meeting", minimun = 2 }',
    )
    error = refusal(tmp_path, text)
    line = line_of(text, "minimun")
    assert f"第 {line} 行" in str(error)
    assert "规则 SC-08-meetings 没有名为“minimun”的参数" in str(error)
    assert "minimum" in str(error)  # the names it does take are listed
    english = in_language(error.message, "en")
    assert f"line {line}" in english and "rule SC-08-meetings has no parameter 'minimun'" in english


def test_the_line_is_the_one_in_the_rule_not_an_earlier_use_of_the_name(tmp_path):
    # SC-13-screening uses "period"; activity_count takes no such thing. The line given is the one
    # in SC-14-parent-school, further down.
    text = sucheng().replace(
        'params = { type = "parent_class", psych_content = true, minimum = 2 }',
        'params = { type = "parent_class", psych_content = true, minimum = 2, period = "term" }',
    )
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'period = ', after='SC-14-parent-school')} 行" in str(error)
    assert line_of(text, "period = ") < line_of(text, "period = ", after="SC-14-parent-school")


def test_a_misspelt_key_in_a_params_table_is_found_on_its_own_line(tmp_path):
    text = sucheng().replace(
        'params = { type = "leadership_meeting", minimum = 2 }',
        '[rules.params]\ntype = "leadership_meeting"\nminimum_count = 2',
    )
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'minimum_count')} 行" in str(error)


def test_a_dotted_key_is_found_too(tmp_path):
    text = sucheng().replace(
        "params = { hours_per_five_school_days = 8 }", "params.hours_per_week = 8"
    )
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'params.hours_per_week')} 行" in str(error)
    assert "hours_per_week" in str(error)


def test_a_value_of_the_wrong_kind_is_refused(tmp_path):
    text = sucheng().replace(
        'params = { type = "leadership_meeting", minimum = 2 }',
        'params = { type = "leadership_meeting", minimum = "2" }',
    )
    error = refusal(tmp_path, text)
    assert "参数 minimum 应为整数" in str(error)


def test_a_share_written_as_a_percentage_is_refused(tmp_path):
    text = sucheng().replace(
        'params = { period = "school_year", minimum_share = 1.0 }',
        'params = { period = "school_year", minimum_share = 100 }',
    )
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'minimum_share = 100')} 行" in str(error)
    assert "0 到 1 之间的比例" in str(error)


def test_an_unknown_activity_type_is_refused_and_the_chinese_word_accepted(tmp_path):
    text = sucheng().replace('type = "leadership_meeting"', 'type = "领导会议"')
    error = refusal(tmp_path, text)
    assert "参数 type 不能是“领导会议”" in str(
        error
    ) and "leadership_meeting（领导小组会议）" in str(error)
    custom = tmp_path / "words.toml"
    custom.write_text(sucheng().replace('type = "leadership_meeting"', 'type = "领导小组会议"'),
                      encoding="utf-8")  # fmt: skip
    # The word is taken, and held as the code.
    assert load_profile_file(custom).rule("SC-08-meetings").params["type"] == "leadership_meeting"


def test_a_missing_threshold_is_refused_not_defaulted(tmp_path):
    text = sucheng().replace("params = { minimum = 10 }", "params = { }")
    error = refusal(tmp_path, text)
    assert "规则 SC-17-teaching-load 缺少参数“minimum”" in str(error)
    assert f"第 {line_of(text, 'params = { }')} 行" in str(error)


def test_a_misspelt_rule_key_is_refused(tmp_path):
    text = sucheng().replace(
        "params = { periods_per_teaching_week = 0.5 }",
        "parmas = { periods_per_teaching_week = 0.5 }",
    )
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'parmas')} 行" in str(error)
    assert "规则 SC-09-lessons 没有名为“parmas”的项" in str(error)


def test_a_parameter_for_a_rule_that_takes_none_is_refused(tmp_path):
    text = sucheng().replace(
        'fix_hint = "在“设置 › 学校与辅导室”中登记热线与信箱并张贴公布"',
        'fix_hint = "在“设置 › 学校与辅导室”中登记热线与信箱并张贴公布"\nparams = { lines = 3 }',
    )
    error = refusal(tmp_path, text)
    assert "规则 SC-11-help-lines 没有名为“lines”的参数（该规则不带参数）" in str(error)


def test_an_unknown_top_level_key_is_refused(tmp_path):
    text = sucheng().replace('district = "宿城区教育局"', 'distrct = "宿城区教育局"')
    error = refusal(tmp_path, text)
    assert f"第 {line_of(text, 'distrct')} 行" in str(error) and "distrct" in str(error)


@pytest.fixture
def run(school_folder: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    """``main`` on a copy of the filled school, as a counsellor runs it."""
    from counselor_app.cli import main

    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(school_folder))
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_USER", "王老师")
    return main


def test_a_refused_profile_is_said_so_on_the_command_line(tmp_path, capsys, run):
    text = sucheng().replace(
        'params = { type = "leadership_meeting", minimum = 2 }',
        'params = { type = "leadership_meeting", minimun = 2 }',
    )
    custom = tmp_path / "my-district.toml"
    custom.write_text(text, encoding="utf-8")
    out = tmp_path / "x.pdf"
    code = run(["report", "self-check", "--term", TERM, "--profile", str(custom), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert f"第 {line_of(text, 'minimun')} 行" in err and "minimun" in err
    assert not out.exists()
