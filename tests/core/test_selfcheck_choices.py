"""Which term and checklist a self-check starts with, and the school's own checklists."""

from __future__ import annotations

import datetime as dt

from counselor_app.foundation.resources import profiles_dir
from counselor_app.school.core import School
from counselor_app.selfcheck.context import TermInfo
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.settings.selfcheck_choices import (
    DEFAULT_PROFILE,
    available_profiles,
    default_term,
    own_profiles_dir,
    remember_profile,
    self_check_choices,
)

AUTUMN = TermInfo(1, "2025—2026学年第一学期", dt.date(2025, 9, 1), dt.date(2026, 1, 16))
SPRING = TermInfo(2, "2025—2026学年第二学期", dt.date(2026, 2, 23), dt.date(2026, 7, 3))
TERMS = [AUTUMN, SPRING]


def test_default_term_is_the_running_one_else_the_last_ended_else_the_next():
    assert default_term(TERMS, dt.date(2025, 10, 16)) == AUTUMN
    assert default_term(TERMS, dt.date(2026, 2, 1)) == AUTUMN  # winter holiday: the one just ended
    assert default_term(TERMS, dt.date(2026, 3, 1)) == SPRING
    assert default_term(TERMS, dt.date(2026, 8, 1)) == SPRING
    assert default_term(TERMS, dt.date(2025, 8, 1)) == AUTUMN
    assert default_term([], dt.date(2025, 8, 1)) is None


def add_terms(school: School) -> None:
    with school.db.transaction():
        for term in TERMS:
            school.db.execute(
                "INSERT INTO term (name, first_day, last_day) VALUES (?, ?, ?)",
                (term.name, term.first_day.isoformat(), term.last_day.isoformat()),
            )


def test_choices_of_a_school_and_the_remembered_profile(school: School):
    add_terms(school)
    choices = self_check_choices(school)
    assert [t.name for t in choices.terms] == [AUTUMN.name, SPRING.name]
    assert choices.term is not None and choices.term.name == AUTUMN.name  # today is 2025-10-16
    ids = [p.id for p in choices.profiles]
    assert {"sucheng-2023", "beijing-2023", "jiangmen-2021", "hengyang-2019", "enshi-2022"} <= set(
        ids
    )
    assert choices.profile is not None and choices.profile.id == DEFAULT_PROFILE
    remember_profile(school, "beijing-2023")
    assert self_check_choices(school).profile.id == "beijing-2023"


def test_a_school_s_own_profile_is_offered_and_runs(school: School):
    add_terms(school)
    folder = own_profiles_dir(school.paths)
    folder.mkdir()
    text = (profiles_dir() / "hengyang-2019.toml").read_text(encoding="utf-8")
    own = text.replace('id = "hengyang-2019"', 'id = "our-district"', 1)
    (folder / "ours.toml").write_text(own, encoding="utf-8")
    (folder / "broken.toml").write_text("id = \n", encoding="utf-8")
    profiles, problems = available_profiles(school.paths)
    ours = [p for p in profiles if p.id == "our-district"]
    assert len(ours) == 1 and ours[0].own and ours[0].ref.endswith("ours.toml")
    assert len(problems) == 1 and "broken.toml" in problems[0]
    report = run_self_check(school, AUTUMN.name, ours[0].ref)
    assert report.profile.id == "our-district"
