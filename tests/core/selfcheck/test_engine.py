"""Profiles as data, and the engine that runs one for a term."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.resources import profiles_dir
from counselor_app.selfcheck.engine import confirm_manual_rule, run_self_check
from counselor_app.selfcheck.profiles import built_in_profiles, find_profile, load_profile_file
from counselor_app.selfcheck.result import MANUAL, NO_DATA, STATUSES
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

REQUIREMENTS = Path(__file__).parents[4] / "shared" / "docs" / "requirements.md"
EXPECTED_RULES = {
    "sucheng-2023": 22, "beijing-2023": 10, "jiangmen-2021": 8, "hengyang-2019": 9, "enshi-2022": 6,
}  # fmt: skip
# Sucheng items 16 (五个一) and 17's one-to-one talks, added by issue 10 ("Rules corrected against
# the seeds"), which requirements.md §2 does not list yet.
# The privacy line on screenings without consent in every profile, added by issue 12.
ADDED_SINCE_THE_REQUIREMENTS = {
    "SC-16-five-ones",
    "SC-17-one-to-one",
    "SC-19-screening-consent",
    "BJ-1.5-screening-consent",
    "JM-2.4-screening-consent",
    "HY-screening-consent",
    "ES-screening-consent",
}


def test_the_five_district_profiles_load_with_every_rule():
    profiles = built_in_profiles()
    assert {pid: len(p.rules) for pid, p in profiles.items()} == EXPECTED_RULES


@pytest.mark.skipif(not REQUIREMENTS.exists(), reason="shared/docs is not beside this checkout")
def test_every_rule_id_of_the_requirements_is_in_a_profile():
    documented = set(re.findall(r"^\| ((?:SC|BJ|JM|HY|ES)-[\w.\-]+) \|", REQUIREMENTS.read_text(),
                                re.MULTILINE))  # fmt: skip
    implemented = {rule.id for p in built_in_profiles().values() for rule in p.rules}
    assert documented and documented == implemented - ADDED_SINCE_THE_REQUIREMENTS


def test_a_malformed_profile_is_refused_naming_the_line(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\nname = "x"\n[[rules]]\nid = "A"\nmetric = \n', encoding="utf-8")
    with pytest.raises(InvalidInput) as excinfo:
        load_profile_file(broken)
    assert "第 5 行" in str(excinfo.value)


def test_an_unknown_metric_is_refused_naming_its_line(tmp_path):
    text = (profiles_dir() / "jiangmen-2021.toml").read_text(encoding="utf-8")
    text = text.replace('metric = "warning_network"', 'metric = "warning_netwrk"')
    custom = tmp_path / "custom.toml"
    custom.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "warning_netwrk" in row)
    with pytest.raises(InvalidInput) as excinfo:
        load_profile_file(custom)
    assert f"第 {line} 行" in str(excinfo.value) and "warning_netwrk" in str(excinfo.value)


def test_a_school_copies_a_profile_changes_a_threshold_and_drops_a_rule(tmp_path, school, records):
    text = (profiles_dir() / "sucheng-2023.toml").read_text(encoding="utf-8")
    text = text.replace(
        'type = "leadership_meeting", minimum = 2', 'type = "leadership_meeting", minimum = 1'
    )
    text = text.replace('id = "sucheng-2023"', 'id = "my-district"')
    blocks = text.split("[[rules]]")
    text = "[[rules]]".join(b for b in blocks if '"SC-15-double-reduction"' not in b)
    custom = tmp_path / "my-district.toml"
    custom.write_text(text, encoding="utf-8")
    records.create("activity", {"date": "2025-10-10", "type": "领导小组会议", "title": "部署"})

    report = run_self_check(school, TERM, str(custom))

    assert report.profile.id == "my-district" and len(report.results) == 21
    assert report.result("SC-08-meetings").status == "pass"
    with pytest.raises(KeyError):
        report.result("SC-15-double-reduction")


def test_an_empty_school_gets_a_verdict_for_every_rule_never_a_silent_pass(school, records):
    for profile_id in EXPECTED_RULES:
        report = run_self_check(school, TERM, profile_id)
        assert len(report.results) == EXPECTED_RULES[profile_id]
        for result in report.results:
            assert result.status in STATUSES
            json.dumps([result.value, result.threshold, [e.to_json() for e in result.evidence]])
        # nothing recorded: no rule may pass by default
        assert [r.rule_id for r in report.results if r.status == "pass"] == []
        assert any(r.status == NO_DATA for r in report.results)


def test_a_term_still_running_is_said_so(school, records, monkeypatch):
    monkeypatch.setattr(school, "clock", fixed_clock(dt.datetime(2025, 11, 3, 9, tzinfo=CHINA)))
    report = run_self_check(school, TERM, "jiangmen-2021")
    assert any("本学期尚未结束" in note for note in report.notes)


def test_a_manual_rule_keeps_its_tick_and_note_for_the_term(school, records):
    confirm_manual_rule(school, TERM, "sucheng-2023", "SC-15-double-reduction", confirmed=True,
                        note="已落实五项管理，未公布排名")  # fmt: skip
    result = run_self_check(school, TERM, "sucheng-2023").result("SC-15-double-reduction")
    assert result.status == MANUAL
    assert result.confirmation is not None
    assert result.confirmation["confirmed"] and result.confirmation["by"] == "王老师"
    assert result.confirmation["note"] == "已落实五项管理，未公布排名"


def test_a_tick_says_what_it_changed_for_the_pages(school, records):
    changes = confirm_manual_rule(school, TERM, "sucheng-2023", "SC-15-double-reduction",
                                  confirmed=True, note="已核实")  # fmt: skip
    assert changes.records == () and not changes.everything
    assert changes.record_types == frozenset({"selfcheck_confirmation"})


def test_only_manual_rules_can_be_ticked(school, records):
    with pytest.raises(InvalidInput) as excinfo:
        confirm_manual_rule(school, TERM, "sucheng-2023", "SC-08-meetings", confirmed=True, note="")
    assert "由记录自动判定" in str(excinfo.value)


def test_unknown_term_and_profile_are_named(school, records):
    with pytest.raises(InvalidInput, match="没有名为“2030学年”的学期"):
        run_self_check(school, "2030学年", "sucheng-2023")
    with pytest.raises(InvalidInput, match="sucheng-2023"):
        find_profile("suchen")
