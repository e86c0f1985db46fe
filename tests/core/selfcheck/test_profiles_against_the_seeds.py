"""What the profiles say, checked against the policy texts they come from (shared/seeds)."""

from __future__ import annotations

from counselor_app.selfcheck.engine import confirm_manual_rule, run_self_check
from counselor_app.selfcheck.profiles import find_profile
from counselor_app.selfcheck.result import MANUAL
from tests.core.selfcheck.conftest import TERM


def test_sucheng_item_16_five_ones_is_a_manual_item():
    rule = find_profile("sucheng-2023").rule("SC-16-five-ones")
    assert (rule.metric, rule.clause) == ("manual", "第 16 条")
    # 「五个一」: a class meeting a week, an hour outdoors a day, labour a week, an interest
    # activity a week, half an hour of free time a day.
    for words in ("班会课", "户外一小时", "体力劳动", "兴趣活动", "半小时"):
        assert words in rule.standard, words


def test_sucheng_item_17_one_to_one_talks_are_a_manual_item():
    rule = find_profile("sucheng-2023").rule("SC-17-one-to-one")
    assert (rule.metric, rule.clause) == ("manual", "第 17 条")
    for words in ("开学前", "期中期末考试前后", "一对一"):
        assert words in rule.standard, words


def test_both_are_ticked_like_any_manual_item(school, records):
    for rule_id in ("SC-16-five-ones", "SC-17-one-to-one"):
        confirm_manual_rule(school, TERM, "sucheng-2023", rule_id, confirmed=True, note="已核实")
    report = run_self_check(school, TERM, "sucheng-2023")
    for rule_id in ("SC-16-five-ones", "SC-17-one-to-one"):
        result = report.result(rule_id)
        assert result.status == MANUAL and result.confirmed
    # Three manual items, two ticked: SC-15 still waits.
    assert (report.counts()["confirmed"], report.counts()["manual"]) == (2, 1)


def test_jiangmen_says_its_7_days_and_95_percent_are_the_programs_reading():
    rule = find_profile("jiangmen-2021").rule("JM-2.4-records")
    assert rule.params == {"days": 7, "minimum_share": 0.95}
    # The notice asks for 及时记录、及时留档; the report says where the numbers come from.
    assert "及时记录" in rule.standard and "本程序的解读" in rule.standard


def test_enshi_counts_external_events_and_middle_managers():
    profile = find_profile("enshi-2022")
    assert "县级以上教研、培训或交流" in profile.rule("ES-6-teacher-training").standard
    assert "中层干部" in profile.rule("ES-7-certification").standard
