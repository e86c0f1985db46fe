"""Scoring of every shipped scale against totals worked out by hand, at both sides of every band
edge, and every critical item: the numbers a counsellor's worklist rests on."""

from __future__ import annotations

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.screening.scales import load_scales, parse_scale


@pytest.fixture(scope="module")
def library():
    return load_scales()


def refusal(error: pytest.ExceptionInfo[InvalidInput]) -> str:
    return error.value.message.render("en")


def test_the_shipped_scales_and_their_chinese_wording(library):
    shipped = {s.id: s for s in library.scales}
    assert set(shipped) == {"phq9", "gad7", "phqa", "asq"}
    # PHQ-9 and GAD-7 carry the published Chinese translation; PHQ-A and ASQ have none to cite.
    assert {i: s.has_chinese_wording for i, s in shipped.items()} == {
        "phq9": True,
        "gad7": True,
        "phqa": False,
        "asq": False,
    }
    for scale in shipped.values():
        assert scale.source and scale.licence
        assert bool(scale.wording_zh_source) == scale.has_chinese_wording
        if not scale.has_chinese_wording:
            assert all(not item.zh for item in scale.items)
            # Shown in English in both languages rather than as a blank.
            assert scale.items[0].text.render("zh") == scale.items[0].en


# PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate (interview), 15-19 moderately severe, 20-27 severe.
PHQ9_EDGES = [
    ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "minimal", 0, False),
    ((1, 1, 1, 1, 0, 0, 0, 0, 0), 4, "minimal", 0, False),
    ((1, 1, 1, 1, 1, 0, 0, 0, 0), 5, "mild", 1, False),
    ((3, 3, 3, 0, 0, 0, 0, 0, 0), 9, "mild", 1, False),
    ((3, 3, 3, 1, 0, 0, 0, 0, 0), 10, "moderate", 2, True),
    ((2, 2, 2, 2, 2, 2, 2, 0, 0), 14, "moderate", 2, True),
    ((3, 3, 3, 3, 3, 0, 0, 0, 0), 15, "moderately_severe", 3, True),
    ((3, 3, 3, 3, 3, 2, 2, 0, 0), 19, "moderately_severe", 3, True),
    ((3, 3, 3, 3, 3, 3, 2, 0, 0), 20, "severe", 3, True),
    ((3, 3, 3, 3, 3, 3, 3, 3, 0), 24, "severe", 3, True),
]


@pytest.mark.parametrize(("answers", "total", "band", "level", "flagged"), PHQ9_EDGES)
def test_phq9_band_edges(library, answers, total, band, level, flagged):
    result = library.find("PHQ-9").score(answers)
    assert (result.total, result.band.id, result.band.level, result.flagged) == (
        total,
        band,
        level,
        flagged,
    )
    assert result.critical_items == ()


def test_phq9_highest_total_is_severe_with_item_nine_critical(library):
    result = library.find("PHQ-9").score((3,) * 9)
    assert (result.total, result.band.id, result.critical_items) == (27, "severe", (9,))


@pytest.mark.parametrize(("answer", "critical"), [(0, ()), (1, (9,)), (2, (9,)), (3, (9,))])
def test_phq9_item_nine_is_critical_from_several_days(library, answer, critical):
    result = library.find("phq9").score((0, 0, 0, 0, 0, 0, 0, 0, answer))
    assert result.total == answer and result.band.id == "minimal"
    assert result.critical_items == critical
    # A minimal total with thoughts of self-harm still puts the student on the worklist.
    assert result.flagged is bool(critical)


# GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate (interview), 15-21 severe. No critical items.
GAD7_EDGES = [
    ((0, 0, 0, 0, 0, 0, 0), 0, "minimal", 0, False),
    ((1, 1, 1, 1, 0, 0, 0), 4, "minimal", 0, False),
    ((1, 1, 1, 1, 1, 0, 0), 5, "mild", 1, False),
    ((3, 3, 3, 0, 0, 0, 0), 9, "mild", 1, False),
    ((3, 3, 3, 1, 0, 0, 0), 10, "moderate", 2, True),
    ((2, 2, 2, 2, 2, 2, 2), 14, "moderate", 2, True),
    ((3, 3, 3, 3, 3, 0, 0), 15, "severe", 3, True),
    ((3, 3, 3, 3, 3, 3, 3), 21, "severe", 3, True),
]


@pytest.mark.parametrize(("answers", "total", "band", "level", "flagged"), GAD7_EDGES)
def test_gad7_band_edges(library, answers, total, band, level, flagged):
    result = library.find("GAD-7").score(answers)
    assert (result.total, result.band.id, result.band.level, result.flagged) == (
        total,
        band,
        level,
        flagged,
    )
    assert result.critical_items == ()


# PHQ-A: items 1-9 as the PHQ-9; 10 (past year, yes=1), 11 (difficulty, optional), 12 (serious
# thoughts of ending your life in the past month) and 13 (ever tried) are never added.
NO_EXTRAS = (0, None, 0, 0)
PHQA_EDGES = [
    ((0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "minimal", False),
    ((1, 1, 1, 1, 0, 0, 0, 0, 0), 4, "minimal", False),
    ((1, 1, 1, 1, 1, 0, 0, 0, 0), 5, "mild", False),
    ((3, 3, 3, 0, 0, 0, 0, 0, 0), 9, "mild", False),
    ((3, 3, 3, 1, 0, 0, 0, 0, 0), 10, "moderate", True),
    ((2, 2, 2, 2, 2, 2, 2, 0, 0), 14, "moderate", True),
    ((3, 3, 3, 3, 3, 0, 0, 0, 0), 15, "moderately_severe", True),
    ((3, 3, 3, 3, 3, 2, 2, 0, 0), 19, "moderately_severe", True),
    ((3, 3, 3, 3, 3, 3, 2, 0, 0), 20, "severe", True),
    ((3, 3, 3, 3, 3, 3, 3, 3, 0), 24, "severe", True),
]


@pytest.mark.parametrize(("core", "total", "band", "flagged"), PHQA_EDGES)
def test_phqa_band_edges(library, core, total, band, flagged):
    result = library.find("PHQ-A").score(core + NO_EXTRAS)
    assert (result.total, result.band.id, result.flagged) == (total, band, flagged)
    assert result.critical_items == ()


def test_phqa_extra_questions_are_never_added_to_the_total(library):
    phqa = library.find("phqa")
    # 4 from items 1-4; a "yes" to the past year and "extremely difficult" add nothing.
    result = phqa.score((1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 3, 0, 0))
    assert (result.total, result.band.id, result.flagged) == (4, "minimal", False)


@pytest.mark.parametrize(
    ("answers", "critical"),
    [
        ((0, 0, 0, 0, 0, 0, 0, 0, 1, 0, None, 0, 0), (9,)),
        ((0, 0, 0, 0, 0, 0, 0, 0, 3, 0, None, 0, 0), (9,)),
        # Serious thoughts of ending your life in the past month.
        ((0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, 1, 0), (12,)),
        # Ever tried to kill yourself.
        ((0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None, 0, 1), (13,)),
        ((0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1), (9, 12, 13)),
    ],
)
def test_phqa_critical_questions(library, answers, critical):
    result = library.find("PHQ-A").score(answers)
    assert result.critical_items == critical
    assert result.band.id == "minimal" and result.flagged


def test_phqa_difficulty_may_be_blank_but_not_the_suicide_questions(library):
    phqa = library.find("PHQ-A")
    assert phqa.problems((0,) * 9 + (0, None, 0, 0)) == []
    with pytest.raises(InvalidInput) as error:
        phqa.score((0,) * 9 + (None, None, None, None))
    text = refusal(error)
    assert "item 10 is not answered" in text
    assert "item 12 is not answered" in text and "item 13 is not answered" in text
    assert "item 11" not in text


# ASQ: questions 1-4 yes (1) or no (0); the total counts the "yes" answers; question 5 only after a
# "yes", never counted; every "yes" is critical; any "yes" to 1-4 is a positive screen.
def test_asq_all_no_is_a_negative_screen_and_question_five_is_not_asked(library):
    result = library.find("ASQ").score((0, 0, 0, 0, None))
    assert (result.total, result.band.id, result.band.level) == (0, "negative", 0)
    assert result.critical_items == () and not result.flagged


@pytest.mark.parametrize("question", [1, 2, 3, 4])
def test_asq_any_single_yes_is_a_positive_screen(library, question):
    answers = [0, 0, 0, 0, 0]
    answers[question - 1] = 1
    result = library.find("asq").score(answers)
    assert (result.total, result.band.id, result.flagged) == (1, "positive", True)
    assert result.critical_items == (question,)


def test_asq_yes_to_question_five_is_critical_but_not_counted(library):
    result = library.find("ASQ").score((1, 0, 0, 0, 1))
    assert (result.total, result.band.id) == (1, "positive")
    assert result.critical_items == (1, 5)


def test_asq_four_yes_is_the_top_of_the_positive_band(library):
    result = library.find("ASQ").score((1, 1, 1, 1, None))
    assert (result.total, result.band.id, result.critical_items) == (4, "positive", (1, 2, 3, 4))


def test_blank_and_impossible_answers_are_refused_with_their_item_numbers(library):
    phq9 = library.find("PHQ-9")
    with pytest.raises(InvalidInput) as error:
        phq9.score((None, 0, 0, 0, 4, 0, 0, 0, -1))
    text = refusal(error)
    assert "item 1 is not answered" in text
    assert "the answer 4 to item 5 is not one of its values (0, 1, 2, 3)" in text
    assert "the answer -1 to item 9" in text
    with pytest.raises(InvalidInput) as error:
        library.find("ASQ").score((2, 0, 0, 0, None))
    assert "the answer 2 to item 1" in refusal(error)
    # True is not the answer 1 typed by somebody.
    assert library.find("ASQ").problems((True, 0, 0, 0, None))


def test_too_few_answers_are_refused(library):
    with pytest.raises(InvalidInput) as error:
        library.find("GAD-7").score((0,) * 6)
    assert "GAD-7 has 7 items but 6 answers were given" in refusal(error)


@pytest.mark.parametrize(
    "name", ["PHQ-9", "phq9", "phq-9", "ＰＨＱ－９", " Phq 9 ", "患者健康问卷-9"]
)
def test_a_scale_is_found_however_its_name_is_written(library, name):
    assert library.find(name).id == "phq9"


def test_an_unknown_scale_name_lists_the_known_ones(library):
    with pytest.raises(InvalidInput) as error:
        library.find("SCL-90")
    text = refusal(error)
    assert "SCL-90" in text and all(n in text for n in ("PHQ-9", "GAD-7", "PHQ-A", "ASQ"))
    assert library.get("SCL-90") is None


# A 1-5 scale of four items with items 2 and 4 reverse-scored (5 counts 1, 1 counts 5) and two
# sub-scales: the lowest total is 4, the highest 20.
REVERSED = """\
id = "test_reversed"
name = "Reversed test"
title_zh = "测试量表"
source = "A test"
licence = "Test only"
options = [
    { value = 1, en = "Never" },
    { value = 2, en = "Rarely" },
    { value = 3, en = "Sometimes" },
    { value = 4, en = "Often" },
    { value = 5, en = "Always" },
]

[[items]]
number = 1
en = "I feel calm"

[[items]]
number = 2
en = "I feel restless"
reverse = true

[[items]]
number = 3
en = "I sleep well"

[[items]]
number = 4
en = "I wake in the night"
reverse = true

[[subscales]]
id = "first"
zh = "前两题"
items = [1, 2]

[[subscales]]
id = "second"
zh = "后两题"
items = [3, 4]

[[bands]]
id = "low"
zh = "低"
min = 4
max = 11

[[bands]]
id = "high"
zh = "高"
min = 12
max = 20
flag = true
level = 2
"""


@pytest.mark.parametrize(
    ("answers", "total", "first", "second", "band"),
    [
        ((1, 5, 1, 5), 4, 2, 2, "low"),  # 1 + 1 + 1 + 1
        ((2, 4, 2, 5), 7, 4, 3, "low"),  # 2 + 2 + 2 + 1
        ((3, 3, 3, 4), 11, 6, 5, "low"),  # 3 + 3 + 3 + 2
        ((3, 3, 3, 3), 12, 6, 6, "high"),  # 3 + 3 + 3 + 3
        ((5, 1, 5, 1), 20, 10, 10, "high"),  # 5 + 5 + 5 + 5
    ],
)
def test_reverse_scored_items_and_subscales(answers, total, first, second, band):
    scale = parse_scale(REVERSED, "test.toml")
    result = scale.score(answers)
    assert (result.total, dict(result.subscales), result.band.id) == (
        total,
        {"first": first, "second": second},
        band,
    )
    assert result.flagged is (band == "high")


def test_reverse_scoring_moves_the_lowest_possible_total():
    # Bands starting at 0 would hold totals this scale can never give.
    with pytest.raises(InvalidInput) as error:
        parse_scale(REVERSED.replace("min = 4\n", "min = 0\n"), "test.toml")
    assert "should start at 4" in refusal(error)
