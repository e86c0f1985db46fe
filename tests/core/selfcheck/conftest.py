"""A school in the autumn term 2025—2026, seen from after the term ended, and a way to measure one
rule on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermContext, find_term
from counselor_app.selfcheck.metrics import all_metrics
from counselor_app.selfcheck.result import Measurement
from tests.conftest import CHINA
from tests.core.selfcheck.english import assert_reads_in_english, recorded_words

TERM = "2025—2026学年第一学期"
# 2025-09-01 (Mon) to 2026-01-23 (Fri): 21 teaching weeks; National Day week has 2 school days
# (Oct 1–8 are holidays), New Year's Day (Thu 2026-01-01) is a holiday.
TERM_FIRST, TERM_LAST = "2025-09-01", "2026-01-23"
AFTER_TERM = dt.datetime(2026, 2, 10, 9, 0, tzinfo=CHINA)


@pytest.fixture
def clock():
    return fixed_clock(AFTER_TERM)


@pytest.fixture
def term_dates() -> tuple[str, str, str]:
    """The one term the school records: name, first and last day (a module may give another)."""
    return TERM, TERM_FIRST, TERM_LAST


@pytest.fixture
def records(school: School, term_dates: tuple[str, str, str]) -> RecordService:
    name, first, last = term_dates
    service = RecordService(school)
    service.create("term", {"name": name, "first_day": first, "last_day": last})
    return service


@pytest.fixture
def make(records: RecordService) -> Callable[..., int]:
    """``make("student", student_no=..., ...)`` creates a record through the service; returns its id."""

    def create(record_type: str, **values: Any) -> int:
        return records.create(record_type, values).record_id

    return create


@pytest.fixture
def measure(
    school: School, records: RecordService
) -> Callable[[str, Mapping[str, Any]], Measurement]:
    """Measure one metric for the term, as the engine would; its words must read in English too."""

    def run(metric_name: str, params: Mapping[str, Any] | None = None) -> Measurement:
        term = find_term(school.db, TERM)
        assert term is not None
        context = TermContext(school.db, term, school.today())
        measured = all_metrics()[metric_name](context, params or {})
        # Whatever a metric says must also read in English on the self-check page.
        assert_reads_in_english(measured, recorded_words(school.db, params or {}))
        return measured

    return run
