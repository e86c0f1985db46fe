"""A rule that asks nothing of a term is 不适用 (``not_applicable``), not 需人工确认: the list of
what to fix never tells the school to confirm something that ``selfcheck confirm`` then refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.errors import InvalidInput
from counselor_app.reports.selfcheck_words import fix_action, needs_action
from counselor_app.selfcheck.engine import confirm_manual_rule, run_self_check
from counselor_app.selfcheck.profiles import built_in_profiles
from counselor_app.selfcheck.result import MANUAL, NOT_APPLICABLE
from tests.conftest import CHINA
from tests.core.selfcheck.conftest import TERM

SPRING = "2025—2026学年第二学期"


@pytest.fixture
def spring(school, records, monkeypatch):
    monkeypatch.setattr(school, "clock", fixed_clock(dt.datetime(2026, 7, 20, 9, tzinfo=CHINA)))
    records.create("term", {"name": SPRING, "first_day": "2026-02-23", "last_day": "2026-07-10"})


def test_the_orientation_visit_does_not_apply_in_spring(school, spring):
    result = run_self_check(school, SPRING, "hengyang-2019").result("HY-5-orientation")
    assert result.status == NOT_APPLICABLE
    assert not needs_action(result) and fix_action(result.status, "组织新生参观") == ""
    # And it is no manual item: confirming it is refused, so nothing may ask for it.
    with pytest.raises(InvalidInput):
        confirm_manual_rule(school, SPRING, "hengyang-2019", "HY-5-orientation", confirmed=True,
                            note="")  # fmt: skip


@pytest.mark.parametrize("term", [TERM, SPRING])
def test_only_a_manual_rule_is_ever_left_to_confirm(school, spring, term):
    for profile in built_in_profiles().values():
        for result in run_self_check(school, term, profile.id, audit=False).results:
            if result.status == MANUAL:
                assert profile.rule(result.rule_id).metric == "manual", result.rule_id
