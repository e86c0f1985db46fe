"""Shared fixtures. Qt runs offscreen; key derivation is made cheap (the real cost is benchmarked)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counselor_app.foundation.clock import Clock, fixed_clock
from counselor_app.foundation.i18n import set_language
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import NewSchool, School, open_school
from counselor_app.settings.setup_wizard import set_up_school
from counselor_app.storage import keys
from counselor_app.storage.database import Database

FAST_KDF = keys.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSWORD = "correct-horse-42"
CHINA = dt.timezone(dt.timedelta(hours=8))
# A Thursday in the autumn term of the 2025—2026 school year.
NOW = dt.datetime(2025, 10, 16, 10, 30, tzinfo=CHINA)
# The one bound on any wait in the tests. Tests wait for what must happen (a signal, a condition,
# the worker going idle), never for a time to pass; this only stops a test that truly hangs, so it
# is far beyond what the slowest, busiest machine needs.
HANG_LIMIT_S = 5 * 60
HANG_LIMIT_MS = HANG_LIMIT_S * 1000


def make_school(
    folder: Path | SchoolPaths,
    *,
    name: str = "实验中学",
    user: str = "王老师",
    password: str = PASSWORD,
    clock: Clock | None = None,
    now: dt.datetime = NOW,
) -> NewSchool:
    """A new school in ``folder`` with one counsellor, on a clock fixed at ``now`` unless one is
    given; its keys are derived cheaply."""
    paths = folder if isinstance(folder, SchoolPaths) else SchoolPaths(folder)
    return set_up_school(
        paths,
        school_name=name,
        user_name=user,
        password=password,
        clock=clock or fixed_clock(now),
        kdf=FAST_KDF,
    )


def give_screening_consent(
    db: Database, student_ids: Iterable[int], given_on: str = "2000-01-01"
) -> None:
    """A guardian's consent to screening (测评) in force from ``given_on`` for each student: what
    a test that is not about consent needs before it saves a scale's answers."""
    with db.transaction():
        db.executemany(
            "INSERT INTO consent (student_id, guardian, scope, given_on)"
            " VALUES (?, '监护人', '[\"screening\"]', ?)",
            [(student_id, given_on) for student_id in student_ids],
        )


@pytest.fixture(autouse=True)
def _fast_kdf_and_chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keys, "DEFAULT_KDF", FAST_KDF)
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def clock():
    return fixed_clock(NOW)


@pytest.fixture
def school_paths(tmp_path: Path) -> SchoolPaths:
    return SchoolPaths(tmp_path / "school")


@pytest.fixture(scope="session")
def school_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[SchoolPaths, bytes]:
    """An empty school made once per test session; making one (key file, migrations) costs far
    more than copying it."""
    paths = SchoolPaths(tmp_path_factory.mktemp("template") / "school")
    created = make_school(paths)
    keys = created.school.keys
    created.school.close()
    return paths, keys


@pytest.fixture
def school(school_template, school_paths: SchoolPaths, clock) -> Iterator[School]:
    """A new, empty school with one counsellor account, 王老师 (password ``PASSWORD``)."""
    template, keys = school_template
    shutil.copytree(template.root, school_paths.root)
    opened = open_school(school_paths, "王老师", keys, clock=clock, check_integrity=False)
    yield opened
    opened.close()
