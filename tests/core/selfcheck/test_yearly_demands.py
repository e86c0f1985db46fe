"""Yearly demands (每学年…) are judged alike in every profile: met so far → 达标; not yet met in a term
that is not the school year's last → 学年末评定 (``year_end``: no failure, not on the 整改清单); in
the year's last term → 达标 or 未达标 for the whole year."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.reports.selfcheck_words import needs_action
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.engine import measure_rule, run_self_check
from counselor_app.selfcheck.profiles import built_in_profiles
from counselor_app.selfcheck.result import FAIL, NO_DATA, PASS, YEAR_END, Measurement
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

SPRING = "2025—2026学年第二学期"
YEARLY_RULES = {
    "BJ-1.5-screening", "BJ-3.1-home-visits", "ES-6-teacher-training", "SC-13-screening",
    "SC-14-home-visits",
}  # fmt: skip


def test_the_yearly_rules_of_the_profiles_are_the_yearly_demands_of_the_checklists():
    yearly = {r.id for p in built_in_profiles().values() for r in p.rules if r.yearly}
    # JM-2.2 asks for a screening every term: not yearly.
    assert yearly == YEARLY_RULES


@pytest.fixture
def spring(school, records):
    records.create("term", {"name": SPRING, "first_day": "2026-02-23", "last_day": "2026-07-10"})


def context_of(school, name: str) -> TermContext:
    return TermContext(school.db, find_term(school.db, name), school.today())


@pytest.mark.parametrize("rule_id", sorted(YEARLY_RULES))
def test_every_profile_judges_a_yearly_shortfall_the_same_way(school, spring, rule_id):
    [rule] = [r for p in built_in_profiles().values() for r in p.rules if r.id == rule_id]
    short = {rule.metric: lambda _c, _p: Measurement(FAIL, 0.5, 1.0, note="本学年已完成一半")}
    met = {rule.metric: lambda _c, _p: Measurement(PASS, 1.0, 1.0)}
    empty = {rule.metric: lambda _c, _p: Measurement(NO_DATA, None, 1.0)}
    autumn, last = context_of(school, TERM), context_of(school, SPRING)

    assert measure_rule(autumn, rule, short).status == YEAR_END
    assert measure_rule(autumn, rule, met).status == PASS  # met so far
    assert measure_rule(autumn, rule, empty).status == NO_DATA  # never silently anything else
    judged = measure_rule(last, rule, short)
    assert judged.status == FAIL
    assert judged.note == (
        "本学年已完成一半。本学期为本学年最后一个学期，此项按全学年（2025-09-01 至 2026-08-31）评定。"
    )


def test_a_screening_short_in_autumn_waits_for_the_year_end_and_fails_in_spring(
    school, records, make, monkeypatch
):
    class_id = make("class", class_code="0701", grade=7, name="七年级1班")
    a = make("student", student_no="S1", name="甲", sex="F", class_id=class_id)
    b = make("student", student_no="S2", name="乙", sex="M", class_id=class_id)
    make("screening", date="2025-10-09", student_id=a, instrument="MHT", result_level=0)

    report = run_self_check(school, TERM, "sucheng-2023")
    result = report.result("SC-13-screening")
    # 1 of 2 screened so far (0.5 < 1.0), in the autumn term: 学年末评定, not 未达标.
    assert (result.status, result.value) == (YEAR_END, 0.5)
    assert [e.key for e in result.evidence] == ["S2"]  # who is still to screen
    assert result.note.endswith("在本学年最后一个学期评定是否达标，本学期不计为未达标。")
    assert not needs_action(result)
    assert report.counts()[YEAR_END] == 1
    # JM-2.2 asks every term: the same shortfall is a failure in the autumn term.
    assert run_self_check(school, TERM, "jiangmen-2021").result("JM-2.2-screening").status == FAIL

    monkeypatch.setattr(school, "clock", fixed_clock(dt.datetime(2026, 7, 20, 9, tzinfo=CHINA)))
    records.create("term", {"name": SPRING, "first_day": "2026-02-23", "last_day": "2026-07-10"})
    spring = run_self_check(school, SPRING, "sucheng-2023").result("SC-13-screening")
    assert (spring.status, spring.value) == (FAIL, 0.5)  # the year's last term: the whole year
    assert needs_action(spring)
    make("screening", date="2026-03-02", student_id=b, instrument="MHT", result_level=1)
    assert run_self_check(school, SPRING, "sucheng-2023").result("SC-13-screening").status == PASS


def test_the_autumn_term_is_never_the_last_even_alone(school, records):
    # The autumn self-check is run in January, usually before the spring term is entered: a
    # yearly demand is not failed on half a year of records.
    assert not context_of(school, TERM).is_last_term_of_year


def test_a_schools_own_profile_may_make_a_yearly_rule_termly(tmp_path, school, records, make):
    from counselor_app.foundation.resources import profiles_dir
    from counselor_app.selfcheck.profiles import load_profile_file

    text = (profiles_dir() / "sucheng-2023.toml").read_text(encoding="utf-8")
    text = text.replace('params = { period = "school_year", minimum_share = 1.0 }',
                        'params = { period = "term", minimum_share = 1.0 }')  # fmt: skip
    custom = tmp_path / "termly.toml"
    custom.write_text(text.replace('id = "sucheng-2023"', 'id = "termly"'), encoding="utf-8")
    assert not load_profile_file(custom).rule("SC-13-screening").yearly
    class_id = make("class", class_code="0701", grade=7, name="七年级1班")
    make("student", student_no="S1", name="甲", sex="F", class_id=class_id)
    assert run_self_check(school, TERM, str(custom)).result("SC-13-screening").status == FAIL
