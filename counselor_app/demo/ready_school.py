"""The ready demo school that ``counselor-app demo`` opens without questions.

It lives in the system's temporary folder unless a folder is given, and is made once: built in a
side folder and renamed into place when complete, so an interrupted first run never leaves a
half-filled demo behind. Everything in it is invented, so a demo made by an earlier edition of the
generator (``DEMO_EDITION``, kept in the demo's own settings) is made afresh rather than shown
with the shape it had then.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from counselor_app.foundation.clock import Clock, system_clock
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import msg
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, read_setting, unlock, write_setting
from counselor_app.settings.setup_wizard import set_up_school

DEMO_FOLDER = "counselor-desk-demo"
DEMO_SCHOOL = "阳光实验学校（演示）"
DEMO_USER = "演示老师"
# The demo holds only invented people; its password is published in the README on purpose.
DEMO_PASSWORD = "demo-password"
DEMO_STUDENTS = 900
DEMO_YEARS = 2
# Raised whenever the demo's shape changes (2: each school year with its own classes; 3: the
# roll-overs it reflects are on record; 4: crisis plans with their steps and referral history;
# 5: the yearly round is PHQ-9, scored, with interviews).
DEMO_EDITION = 5
EDITION_SETTING = "demo.edition"

NOT_EMPTY = msg(
    "{path} 里已有其他文件，演示学校不会覆盖它们。请换一个空文件夹。",
    "{path} already holds other files; the demo will not overwrite them. Choose an empty folder.",
)


def default_demo_dir() -> Path:
    return Path(tempfile.gettempdir()) / DEMO_FOLDER


def open_demo_school(folder: Path | None = None, *, clock: Clock = system_clock) -> School:
    paths = SchoolPaths((folder or default_demo_dir()).expanduser().resolve())
    if paths.exists():
        school = unlock(paths, DEMO_USER, DEMO_PASSWORD, clock=clock)
        if not _is_outdated_demo(school):
            return school
        school.close()
        shutil.rmtree(paths.root)  # an invented school of an earlier edition: nothing to keep
    _build(paths, clock)
    return unlock(paths, DEMO_USER, DEMO_PASSWORD, clock=clock)


def _is_outdated_demo(school: School) -> bool:
    """A demo school (by its name) made by an earlier edition of the generator."""
    return school.name == DEMO_SCHOOL and read_setting(school, EDITION_SETTING) != DEMO_EDITION


def _build(paths: SchoolPaths, clock: Clock) -> None:
    from counselor_app.demo.generator import generate_demo_school

    staging = SchoolPaths(paths.root.with_name(paths.root.name + ".building"))
    shutil.rmtree(staging.root, ignore_errors=True)
    created = set_up_school(
        staging, school_name=DEMO_SCHOOL, user_name=DEMO_USER, password=DEMO_PASSWORD, clock=clock
    )
    try:
        generate_demo_school(created.school, students=DEMO_STUDENTS, years=DEMO_YEARS, seed=1)
        write_setting(created.school, EDITION_SETTING, DEMO_EDITION)
    finally:
        created.school.close()
    if paths.root.exists():
        if any(paths.root.iterdir()):
            shutil.rmtree(staging.root, ignore_errors=True)
            raise UsageError(NOT_EMPTY(path=str(paths.root)))
        paths.root.rmdir()
    staging.root.rename(paths.root)
