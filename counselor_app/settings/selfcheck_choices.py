"""What a self-check can be run for: the school's terms, the checklists, and the usual choice.

The screens (the self-check page, the dashboard's self-check at a glance) ask here which term and
which checklist to show first, so they agree: the term that is running today, else the one that
ended last; the checklist the school chose last time (``school_settings.SELF_CHECK_PROFILE``), else the
first built-in one.

A school's own checklists are ``.toml`` files in the ``profiles`` folder of its data folder (a copy
of a built-in profile with thresholds changed or rules dropped, see ``selfcheck.profiles``). One
with the id of a built-in profile replaces it, as :func:`selfcheck.profiles.find_profile` does. A
file that does not parse is left out and its message kept, so the screen can say why.

Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School
from counselor_app.selfcheck.profiles import Profile, built_in_profiles, load_profile_file
from counselor_app.settings.school_settings import SELF_CHECK_PROFILE
from counselor_app.years.school_years import TermInfo, load_terms

DEFAULT_PROFILE = "sucheng-2023"
OWN_PROFILES_FOLDER = "profiles"


@dataclass(frozen=True)
class ProfileChoice:
    """One checklist as a choice: ``ref`` is what the self-check engine is given for it (the id of
    a built-in profile, the file of a school's own)."""

    id: str
    name: str
    ref: str
    own: bool = False


@dataclass(frozen=True)
class SelfCheckChoices:
    terms: tuple[TermInfo, ...]
    term: TermInfo | None  # the one to show first
    profiles: tuple[ProfileChoice, ...]
    profile: ProfileChoice | None  # the one to show first
    problems: tuple[str, ...] = ()  # own profile files that could not be read, and why


def own_profiles_dir(paths: SchoolPaths) -> Path:
    return paths.root / OWN_PROFILES_FOLDER


def list_terms(school: School) -> list[TermInfo]:
    return load_terms(school.db)


def default_term(terms: Sequence[TermInfo], today: dt.date) -> TermInfo | None:
    """The term running today; else the one that ended last; else the first one to come."""
    for term in terms:
        if term.first_day <= today <= term.last_day:
            return term
    ended = [t for t in terms if t.last_day < today]
    if ended:
        return max(ended, key=lambda t: t.last_day)
    return min(terms, key=lambda t: t.first_day, default=None)


def available_profiles(paths: SchoolPaths) -> tuple[list[ProfileChoice], list[str]]:
    """Built-in checklists, then the school's own; and the messages of own files that failed."""
    own: dict[str, ProfileChoice] = {}
    problems: list[str] = []
    folder = own_profiles_dir(paths)
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            try:
                profile: Profile = load_profile_file(path)
            except InvalidInput as exc:
                problems.append(str(exc))
                continue
            own[profile.id] = ProfileChoice(profile.id, profile.name, str(path), own=True)
    choices = [
        own.pop(profile.id, ProfileChoice(profile.id, profile.name, profile.id))
        for profile in built_in_profiles().values()
    ]
    choices += own.values()
    return choices, problems


def chosen_profile(school: School, choices: Sequence[ProfileChoice]) -> ProfileChoice | None:
    """The checklist chosen last time (by id), else the default one, else the first."""
    remembered = SELF_CHECK_PROFILE.read(school)
    for wanted in (remembered, DEFAULT_PROFILE):
        for choice in choices:
            if choice.id == wanted:
                return choice
    return choices[0] if choices else None


def remember_profile(school: School, profile_id: str) -> None:
    if SELF_CHECK_PROFILE.read(school) != profile_id and not school.db.read_only:
        SELF_CHECK_PROFILE.write(school, profile_id)


def self_check_choices(school: School) -> SelfCheckChoices:
    terms = list_terms(school)
    profiles, problems = available_profiles(school.paths)
    return SelfCheckChoices(
        terms=tuple(terms),
        term=default_term(terms, school.today()),
        profiles=tuple(profiles),
        profile=chosen_profile(school, profiles),
        problems=tuple(problems),
    )
