"""A scale file a school copies in is read as the shipped ones are, and a malformed one is refused
with the line to correct: a mistyped band must never quietly score a child as well."""

from __future__ import annotations

from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.screening.scales import load_scales, parse_scale, school_scales

# A small school scale in Chinese only (a school's own instrument): three items scored 0-2.
GOOD = """\
# 学校自备量表（示例）
id = "school_mood"
name = "School mood"
title_zh = "校本情绪量表"
source = "本校心理组，2024"
licence = "本校自编，仅限本校使用"
wording_zh_source = "本校心理组编制（2024）"

[[options]]
value = 0
zh = "没有"

[[options]]
value = 1
zh = "有时"

[[options]]
value = 2
zh = "经常"

[[items]]
number = 1
zh = "我觉得心情低落"

[[items]]
number = 2
zh = "我睡不好"

[[items]]
number = 3
zh = "我不想活了"
critical_from = 1

[[bands]]
id = "ok"
zh = "正常"
min = 0
max = 2

[[bands]]
id = "watch"
zh = "关注"
min = 3
max = 6
flag = true
level = 2
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The line (1-based) of the occurrence-th line holding ``fragment``, found by the test."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


def refused(text: str) -> str:
    with pytest.raises(InvalidInput) as error:
        parse_scale(text, "scales/school_mood.toml")
    return error.value.message.render("en")


def test_the_example_school_scale_is_good():
    scale = parse_scale(GOOD, "scales/school_mood.toml")
    assert scale.has_chinese_wording and scale.most == 6
    result = scale.score((0, 0, 1))
    assert (result.total, result.band.id, result.critical_items, result.flagged) == (
        1,
        "ok",
        (3,),
        True,
    )
    assert scale.score((1, 2, 0)).band.id == "watch"


def test_a_toml_syntax_error_names_its_line():
    text = GOOD.replace('zh = "我睡不好"', 'zh = "我睡不好')
    message = refused(text)
    assert f"at line {line_of(text, '我睡不好')}:" in message
    assert "scales/school_mood.toml" in message and "not valid TOML" in message


def test_an_unknown_key_in_an_item_names_its_line():
    text = GOOD.replace('zh = "我睡不好"', 'zh = "我睡不好"\nrevers = true')
    message = refused(text)
    assert f"at line {line_of(text, 'revers = true')}:" in message
    assert "unknown key revers" in message


def test_a_gap_between_bands_names_the_band():
    text = GOOD.replace("min = 3\n", "min = 4\n")
    message = refused(text)
    assert f"at line {line_of(text, '[[bands]]', 2)}:" in message
    assert "band watch covers 4–6 but should start at 3" in message


def test_overlapping_bands_name_the_band():
    text = GOOD.replace("min = 3\n", "min = 2\n")
    message = refused(text)
    assert f"at line {line_of(text, '[[bands]]', 2)}:" in message
    assert "should start at 3" in message


def test_bands_that_stop_short_of_the_highest_total_are_refused():
    text = GOOD.replace("max = 6\n", "max = 5\n")
    message = refused(text)
    assert f"at line {line_of(text, '[[bands]]', 2)}:" in message
    assert "the bands end at 5 while the highest possible total is 6" in message


def test_bands_beyond_the_highest_total_are_refused():
    text = GOOD.replace("max = 6\n", "max = 27\n")
    assert "the bands go up to 27 while the highest possible total is 6" in refused(text)


def test_critical_from_must_be_an_answer_value():
    text = GOOD.replace("critical_from = 1", "critical_from = 3")
    message = refused(text)
    assert f"at line {line_of(text, 'critical_from')}:" in message
    assert "item 3 has critical_from = 3, which is none of its answer values" in message


def test_items_numbered_out_of_order_are_refused():
    text = GOOD.replace("number = 2\n", "number = 3\n", 1)
    message = refused(text)
    assert f"at line {line_of(text, '[[items]]', 2)}:" in message
    assert "this one is 3" in message


def test_a_chinese_wording_is_for_every_item_or_none():
    text = GOOD.replace('zh = "我睡不好"\n', 'en = "I sleep badly"\n')
    message = refused(text)
    assert f"at line {line_of(text, '[[items]]', 2)}:" in message
    assert "item 2 has no Chinese wording (zh) while other items have" in message


def test_a_chinese_wording_names_where_it_was_published():
    text = GOOD.replace('wording_zh_source = "本校心理组编制（2024）"\n', "")
    assert "wording_zh_source is missing" in refused(text)


def test_answer_options_follow_the_items_language():
    text = GOOD.replace('zh = "有时"', 'en = "Sometimes"')
    message = refused(text)
    assert f"at line {line_of(text, '[[options]]', 2)}:" in message
    assert "the answer option 1 has no Chinese" in message


def test_an_id_is_plain_letters_and_digits():
    text = GOOD.replace('id = "school_mood"', 'id = "School Mood"')
    message = refused(text)
    assert f"at line {line_of(text, 'id = ')}:" in message


def test_a_school_scale_without_chinese_wording_is_read():
    english = (
        GOOD.replace('wording_zh_source = "本校心理组编制（2024）"\n', "")
        .replace('zh = "没有"', 'en = "Never"')
        .replace('zh = "有时"', 'en = "Sometimes"')
        .replace('zh = "经常"', 'en = "Often"')
        .replace('zh = "我觉得心情低落"', 'en = "I feel low"')
        .replace('zh = "我睡不好"', 'en = "I sleep badly"')
        .replace('zh = "我不想活了"', 'en = "I do not want to live"')
    )
    scale = parse_scale(english, "scales/school_mood.toml")
    assert not scale.has_chinese_wording
    assert scale.items[0].text.render("zh") == "I feel low"
    assert scale.items[0].options[1].label.render("zh") == "Sometimes"


def school_with(tmp_path: Path, name: str, text: str) -> SchoolPaths:
    paths = SchoolPaths(tmp_path / "data")
    paths.scales.mkdir(parents=True)
    (paths.scales / name).write_text(text, encoding="utf-8")
    return paths


def test_a_school_scale_copied_into_the_data_folder_is_used(tmp_path):
    paths = school_with(tmp_path, "school_mood.toml", GOOD)
    assert paths.scales == tmp_path / "data" / "scales"
    library = school_scales(paths)
    assert library.find("school-mood").title_zh == "校本情绪量表"
    assert library.find("PHQ-9").id == "phq9"  # the shipped ones too
    assert load_scales(paths.scales).find("School mood").id == "school_mood"


def test_a_school_file_with_a_shipped_scale_id_is_refused(tmp_path):
    text = GOOD.replace('id = "school_mood"', 'id = "phq9"')
    paths = school_with(tmp_path, "my_phq9.toml", text)
    with pytest.raises(InvalidInput) as error:
        school_scales(paths)
    message = error.value.message.render("en")
    assert str(paths.scales / "my_phq9.toml") in message
    assert f"at line {line_of(text, 'id = ')}:" in message
    assert "phq9.toml" in message.split("already in", 1)[1]


def test_a_school_file_taking_a_shipped_scales_name_is_refused(tmp_path):
    text = GOOD.replace('name = "School mood"', 'name = "ＰＨＱ－９"')
    paths = school_with(tmp_path, "school_mood.toml", text)
    with pytest.raises(InvalidInput) as error:
        school_scales(paths)
    assert f"at line {line_of(text, 'name = ')}:" in error.value.message.render("en")


def test_the_cli_lists_the_scales_without_a_password(tmp_path, monkeypatch, capsys):
    paths = school_with(tmp_path, "school_mood.toml", GOOD)
    monkeypatch.delenv("COUNSELOR_PASSWORD", raising=False)
    assert main(["--lang", "en", "--data-dir", str(paths.root), "screening", "scales"]) == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in capsys.readouterr().out.splitlines()}
    assert rows["phq9"][1:4] == ["PHQ-9", "9", "yes"]
    assert rows["phqa"][1:4] == ["PHQ-A", "13 (9 scored)", "no (students see the English)"]
    assert rows["asq"][2] == "5 (4 scored)"
    assert rows["school_mood"][1:5] == ["School mood", "3", "yes", "本校自编，仅限本校使用"]
    assert "Public domain" in rows["asq"][4]


def test_the_cli_refuses_a_malformed_school_file_with_its_line(tmp_path, capsys):
    text = GOOD.replace("max = 6\n", "max = 5\n")
    paths = school_with(tmp_path, "school_mood.toml", text)
    assert main(["--lang", "en", "--data-dir", str(paths.root), "screening", "scales"]) == 3
    err = capsys.readouterr().err
    assert f"school_mood.toml has an error at line {line_of(text, '[[bands]]', 2)}" in err


def test_the_example_in_the_format_document_is_a_good_file():
    document = Path(__file__).parents[3] / "docs" / "scales.md"
    example = document.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    scale = parse_scale(example, "docs/scales.md")
    # Item 2 is reversed: answering 0 to it counts 2.
    result = scale.score((1, 0, 1))
    assert (result.total, dict(result.subscales), result.band.id) == (4, {"mood": 2}, "watch")
    assert result.critical_items == (3,)
