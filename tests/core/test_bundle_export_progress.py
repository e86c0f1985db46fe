"""Following a bundle export's phases and stopping it between them: the phases are told in order,
and an export stopped at any phase leaves no file (not even a temporary one) and nothing recorded
as sent. The desktop program runs the export behind a progress dialog with 取消."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from counselor_app.bundle.export_progress import (
    BUILD,
    COLLECT,
    ENCRYPT,
    PHASES,
    SIGN,
    WRITE,
)
from counselor_app.bundle.handover import exported_bundles
from counselor_app.foundation.progress import Cancelled
from counselor_app.school.core import School
from tests.core.test_bundle import (  # noqa: F401  (fixtures)
    DistrictKeys,
    district,
    district_template,
    export,
    register,
    small_school,
)


class Recorder:
    """A progress callback that notes every phase and answers False at ``stop_at``."""

    def __init__(self, stop_at: str | None = None) -> None:
        self.phases: list[str] = []
        self.stop_at = stop_at

    def __call__(self, phase: str) -> bool:
        self.phases.append(phase)
        return phase != self.stop_at


@pytest.fixture
def made(small_school, district) -> tuple[School, DistrictKeys]:  # noqa: F811
    """The small school of ``test_bundle`` and a fresh copy of the district's keys."""
    return small_school, district


def sent_records(school: School) -> tuple[int, int]:
    """Bundles recorded as sent, and audit entries saying so."""
    bundles = school.db.scalar("SELECT count(*) FROM bundle_export")
    logged = sum(1 for entry in school.audit.entries() if entry.action == "bundle_export")
    return int(bundles), logged


def test_the_phases_are_told_in_order_and_the_bundle_is_unchanged(made, tmp_path) -> None:
    school, keys = made
    assert PHASES == (COLLECT, BUILD, ENCRYPT, SIGN, WRITE)
    recorder = Recorder()
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    result = export(school, out, keys, progress=recorder)
    assert recorder.phases == list(PHASES)
    assert sent_records(school) == (1, 1)
    # The district opens it as any other: the exact form of the file is checked on reading.
    register(keys, school)
    checked = keys.desk.check_bundle(out.read_bytes(), out.name)
    assert checked.contents.manifest.bundle_id == result.manifest.bundle_id


def test_an_answer_other_than_false_means_go_on(made, tmp_path) -> None:
    school, keys = made
    out = tmp_path / "bundle.zip"
    export(school, out, keys, progress=lambda phase: None)
    assert out.is_file()


@pytest.mark.parametrize("stop_at", PHASES)
def test_an_export_stopped_at_any_phase_leaves_no_file_and_no_record(
    made, tmp_path, stop_at
) -> None:
    school, keys = made
    folder = tmp_path / "out"
    folder.mkdir()
    recorder = Recorder(stop_at)
    with pytest.raises(Cancelled) as caught:
        export(school, folder / "bundle.zip", keys, progress=recorder)
    assert str(caught.value) == "已取消生成上报包，没有生成文件。"
    assert recorder.phases == list(PHASES[: PHASES.index(stop_at) + 1])
    assert list(folder.iterdir()) == []  # no bundle, no temporary file
    assert sent_records(school) == (0, 0)
    assert exported_bundles(school) == []


def test_a_stopped_export_leaves_an_earlier_file_of_that_name_as_it_was(made, tmp_path) -> None:
    school, keys = made
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    export(school, out, keys)
    before = out.read_bytes()
    with pytest.raises(Cancelled):
        export(school, out, keys, progress=Recorder(WRITE))
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["bundle.zip"]
    assert sent_records(school) == (1, 1)


@pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign is not installed")
def test_minisign_checks_a_bundle_made_while_followed(made, tmp_path) -> None:
    school, keys = made
    out = tmp_path / "bundle.zip"
    result = export(school, out, keys, progress=Recorder())
    work = tmp_path / "by-hand"
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["payload.age", "payload.age.minisig", "school.pub"]
        archive.extractall(work)
    checked = subprocess.run(
        ["minisign", "-V", "-p", "school.pub", "-m", "payload.age"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stderr
    assert f"bundle:{result.manifest.bundle_id}" in checked.stdout
