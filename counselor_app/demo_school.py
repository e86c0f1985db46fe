"""The ready demo school that ``counselor-app demo`` opens without questions.

It lives in the system's temporary folder unless a folder is given, and is made once: built in a
side folder and renamed into place when complete, so an interrupted first run never leaves a
half-filled demo behind. Everything in it is invented.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from counselor_app.clock import Clock, system_clock
from counselor_app.errors import UsageError
from counselor_app.i18n import msg
from counselor_app.paths import SchoolPaths
from counselor_app.school import School, create_school, unlock

DEMO_FOLDER = "counselor-desk-demo"
DEMO_SCHOOL = "阳光实验学校（演示）"
DEMO_USER = "演示老师"
# The demo holds only invented people; its password is published in the README on purpose.
DEMO_PASSWORD = "demo-password"
DEMO_STUDENTS = 900
DEMO_YEARS = 2

NOT_EMPTY = msg(
    "{path} 里已有其他文件，演示学校不会覆盖它们。请换一个空文件夹。",
    "{path} already holds other files; the demo will not overwrite them. Choose an empty folder.",
)


def default_demo_dir() -> Path:
    return Path(tempfile.gettempdir()) / DEMO_FOLDER


def open_demo_school(folder: Path | None = None, *, clock: Clock = system_clock) -> School:
    paths = SchoolPaths((folder or default_demo_dir()).expanduser().resolve())
    if not paths.exists():
        _build(paths, clock)
    return unlock(paths, DEMO_USER, DEMO_PASSWORD, clock=clock)


def _build(paths: SchoolPaths, clock: Clock) -> None:
    from counselor_app.demo_data import generate_demo_school

    staging = SchoolPaths(paths.root.with_name(paths.root.name + ".building"))
    shutil.rmtree(staging.root, ignore_errors=True)
    created = create_school(
        staging, school_name=DEMO_SCHOOL, user_name=DEMO_USER, password=DEMO_PASSWORD, clock=clock
    )
    try:
        generate_demo_school(created.school, students=DEMO_STUDENTS, years=DEMO_YEARS, seed=1)
    finally:
        created.school.close()
    if paths.root.exists():
        if any(paths.root.iterdir()):
            shutil.rmtree(staging.root, ignore_errors=True)
            raise UsageError(NOT_EMPTY(path=str(paths.root)))
        paths.root.rmdir()
    staging.root.rename(paths.root)
