"""Writing a workbook never leaves students' data in plain text in the shared temp folder.

openpyxl keeps every sheet's XML in a file of its own in ``$TMPDIR`` until the workbook is saved;
a program killed mid-export left the roster and the home-visit notes there. Every workbook the
program writes (export, template, self-check, district summary) now keeps them in a private folder
beside the target instead. Python's audit hook sees every file the process opens, so these tests
tell where the files went without knowing how openpyxl names them.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from counselor_app.bundle.summary import DistrictSummary
from counselor_app.bundle.summary_xlsx import write_summary_xlsx
from counselor_app.demo.generator import generate_demo_school
from counselor_app.records.service import RecordService
from counselor_app.reports.selfcheck_xlsx import write_selfcheck_xlsx
from counselor_app.school.core import School
from counselor_app.workbook import export_workbook, write_template
from counselor_app.workbook.saving import FOLDER_PREFIX, sweep
from tests.conftest import NOW
from tests.core.report_fixtures import hand_built_report

POSIX_ONLY = pytest.mark.skipif(
    os.name == "nt",
    reason="owner-only modes and SIGKILL are POSIX; Windows has ACLs and no SIGKILL",
)

_opened: list[str] | None = None


def _record_opens(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], str | bytes | os.PathLike):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_record_opens)  # audit hooks cannot be removed; it records only inside opened()


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder for this test: what openpyxl (or anyone) would call $TMPDIR."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def opened_while(work: Callable[[], object]) -> list[Path]:
    global _opened
    _opened = []
    try:
        work()
        return [Path(name).resolve() for name in _opened]
    finally:
        _opened = None


def inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder.resolve())


def files_holding(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture
def small_school(school: School) -> School:
    RecordService(school).create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"})
    class_id = RecordService(school).find("class")[0]["id"]
    RecordService(school).create(
        "student",
        {"student_no": "20250001", "name": "甄珺玥", "sex": "女", "class_id": class_id},
    )
    return school


WRITERS: dict[str, Callable[[School, Path], object]] = {
    "export": lambda school, target: export_workbook(school, target),
    "template": lambda school, target: write_template(target, today=NOW.date()),
    "self-check": lambda school, target: write_selfcheck_xlsx(hand_built_report(), target),
    "district summary": lambda school, target: write_summary_xlsx(
        DistrictSummary("示例区", "AAAA", refused=[("甄珺玥.zip", "签名不符")]), target
    ),
}


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_workbook_is_written_without_a_file_in_the_temp_folder(
    small_school, scratch, tmp_path, writer
):
    target = tmp_path / "out" / "工作簿.xlsx"
    target.parent.mkdir()
    opened = opened_while(lambda: writer(small_school, target))

    assert [p for p in opened if inside(p, scratch)] == []
    # The sheets went somewhere: into the private folder beside the target (so the test can fail).
    assert any(inside(p, target.parent) and FOLDER_PREFIX in str(p) for p in opened)
    assert list(scratch.iterdir()) == []
    assert [p.name for p in target.parent.iterdir()] == [target.name]


@POSIX_ONLY
def test_the_private_folder_is_owner_only_while_the_export_runs(small_school, scratch, tmp_path):
    target = tmp_path / "全部数据.xlsx"
    seen: list[tuple[int, dict[str, int]]] = []

    def progress(done: int, total: int) -> None:
        if total and done == 1 and not seen:  # one row written: its sheet has a file by now
            for folder in tmp_path.glob(FOLDER_PREFIX + "*"):
                files = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
                seen.append((stat.S_IMODE(folder.stat().st_mode), files))

    export_workbook(small_school, target, progress=progress)
    assert len(seen) == 1
    folder_mode, files = seen[0]
    assert folder_mode == 0o700
    assert any(name.startswith("sheet-") for name in files)
    assert set(files.values()) == {0o600}


def test_a_save_under_way_is_not_swept_by_another(small_school, scratch, tmp_path):
    """Two saves into one folder: the second's sweep leaves the first's private folder alone."""
    target = tmp_path / "全部数据.xlsx"
    writing, release = threading.Event(), threading.Event()

    def progress(done: int, total: int) -> None:
        if total and done == 1:
            writing.set()
            release.wait()

    failures: list[BaseException] = []

    def export() -> None:
        try:
            export_workbook(small_school, target, progress=progress)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    worker = threading.Thread(target=export)
    worker.start()
    try:
        assert writing.wait(timeout=300)  # a hang guard only
        folders = list(tmp_path.glob(FOLDER_PREFIX + "*"))
        assert len(folders) == 1
        assert sweep(tmp_path) == 0
        assert folders[0].is_dir()
    finally:
        release.set()
        worker.join()
    assert failures == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school", "tmp", target.name]


# -- killed in the middle ------------------------------------------------------------------------
_EXPORT_AND_HANG = """
import sys, time
from pathlib import Path
from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import open_school
from counselor_app.workbook import export_workbook
import datetime as dt

root, key, target, marker, now = sys.argv[1:]
school = open_school(SchoolPaths(Path(root)), "王老师", bytes.fromhex(key),
                     clock=fixed_clock(dt.datetime.fromisoformat(now)), check_integrity=False)

def progress(done, total):
    if total and done == total // 2:  # half the rows written: tell the test, and wait to be killed
        Path(marker).write_text("writing")
        time.sleep(3600)

export_workbook(school, Path(target), progress=progress)
"""


@pytest.fixture
def demo_school(school: School) -> Iterator[School]:
    generate_demo_school(school, students=300, years=1, seed=7)
    yield school


@POSIX_ONLY
def test_an_export_killed_mid_way_leaves_no_student_data_but_an_owner_only_folder_the_next_run_removes(
    demo_school, tmp_path
):
    school = demo_school
    first = RecordService(school).find("student", order=["student_no", "id"])[0]
    name = str(first["name"]).encode("utf-8")
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    out.mkdir()
    target, marker = out / "全部数据.xlsx", tmp_path / "writing"
    environment = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(Path.cwd())}
    arguments = [str(school.paths.root), school.data_key.hex(), str(target), str(marker)]
    process = subprocess.Popen(
        [sys.executable, "-c", _EXPORT_AND_HANG, *arguments, NOW.isoformat()], env=environment
    )
    try:
        deadline = time.monotonic() + 300  # a hang guard only: the marker comes in seconds
        while not marker.exists():
            assert process.poll() is None, "the export ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        process.kill()  # SIGKILL: no clean-up of any kind runs
        process.wait()
    assert process.returncode == -signal.SIGKILL

    assert files_holding(scratch, name) == []
    assert not target.exists()
    leftovers = files_holding(out, name)
    assert leftovers, "the rows written so far must be somewhere for this test to mean anything"
    for path in leftovers:
        folder = path.parent
        assert folder.parent == out and folder.name.startswith(FOLDER_PREFIX)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    partial = [p for p in out.iterdir() if p.name.endswith(".part")]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in partial)

    export_workbook(school, target)  # the next run

    assert [p.name for p in out.iterdir()] == [target.name]
    assert files_holding(scratch, name) == []
