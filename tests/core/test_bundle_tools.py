"""The bundle opened and checked by hand with the reference tools (Debian's ``age``, ``minisign``
and ``unzip``), exactly as docs/bundle-format.md tells a district to; and the district summary."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import select
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from counselor_app.bundle import school_keys
from counselor_app.bundle.district import IDENTITY_FILE, SIGNING_PUBLIC_FILE
from counselor_app.bundle.receipts import make_receipt
from counselor_app.bundle.summary import summarize
from counselor_app.bundle.summary_pdf import build_summary_pdf
from counselor_app.bundle.summary_xlsx import write_summary_xlsx
from tests.conftest import NOW
from tests.core.test_bundle import (  # noqa: F401  (fixtures)
    PASSPHRASE,
    DistrictKeys,
    district,
    district_template,
    export,
    register,
    sealed,
    small_school,
)

TOOLS = ("age", "minisign", "unzip")
needs_tools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in TOOLS),
    reason="the reference tools are not installed (apt-get install age minisign unzip)",
)


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


def age_with_passphrase(args: list[str], passphrase: str) -> tuple[int, str]:
    """Run age in a pseudo-terminal and type the passphrase when it asks (age reads it only from
    the terminal, as a person would type it)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes age
        os.execvp("age", ["age", *args])
    output, sent, deadline = b"", False, time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"passphrase" in output.lower():
            os.write(fd, passphrase.encode() + b"\n")
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


@needs_tools
def test_reference_tools_verify_and_open_a_bundle(sealed, district, tmp_path):  # noqa: F811
    data, result = sealed
    work = tmp_path / "by-hand"
    work.mkdir()
    (work / "bundle.zip").write_bytes(data)
    # 1. unzip; 2. check the school's signature before anything is decrypted.
    assert run("unzip", "-q", "bundle.zip", cwd=work).returncode == 0
    assert sorted(p.name for p in work.iterdir()) == [
        "bundle.zip",
        "payload.age",
        "payload.age.minisig",
        "school.pub",
    ]
    checked = run("minisign", "-V", "-p", "school.pub", "-m", "payload.age", cwd=work)
    assert checked.returncode == 0, checked.stderr
    assert f"bundle:{result.manifest.bundle_id}" in checked.stdout
    assert f"district:{district.desk.public.fingerprint}" in checked.stdout
    # 3. decrypt with the passphrase-protected identity file, as age asks for it.
    identity = district.folder / IDENTITY_FILE
    status, said = age_with_passphrase(
        ["-d", "-i", str(identity), "-o", str(work / "payload.zip"), str(work / "payload.age")],
        PASSPHRASE,
    )
    assert status == 0, said
    # 4. the signed manifest and the hash of every part.
    assert run("unzip", "-q", "payload.zip", cwd=work).returncode == 0
    signed = run("minisign", "-V", "-p", "school.pub", "-m", "manifest.json", cwd=work)
    assert signed.returncode == 0, signed.stderr
    manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    for part in manifest["parts"]:
        body = (work / part["name"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == part["sha256"]
    # A changed byte of the encrypted payload fails the check that comes first.
    payload = bytearray((work / "payload.age").read_bytes())
    payload[-10] ^= 1
    (work / "payload.age").write_bytes(bytes(payload))
    refused = run("minisign", "-V", "-p", "school.pub", "-m", "payload.age", cwd=work)
    assert refused.returncode != 0


@needs_tools
def test_minisign_verifies_a_receipt(sealed, district, tmp_path):  # noqa: F811
    data, _ = sealed
    opened = district.desk.open_bundle(data, "bundle.zip", now=NOW)
    (tmp_path / "receipt.zip").write_bytes(make_receipt(district.desk, opened.checked, NOW))
    shutil.copy(district.folder / SIGNING_PUBLIC_FILE, tmp_path / "district.pub")
    assert run("unzip", "-q", "receipt.zip", cwd=tmp_path).returncode == 0
    checked = run("minisign", "-V", "-p", "district.pub", "-m", "receipt.json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "counselor-desk-receipt:1" in checked.stdout


def test_district_summary_totals_schools_and_lists_refusals(small_school, district, tmp_path):  # noqa: F811
    register(district, small_school)
    first = export(small_school, tmp_path / "first.zip", district)
    newer = export(small_school, tmp_path / "newer.zip", district)
    assert first.manifest.created_at == newer.manifest.created_at  # a fixed clock
    broken = bytearray((tmp_path / "first.zip").read_bytes())
    broken[100] ^= 1
    (tmp_path / "broken.zip").write_bytes(bytes(broken))
    files = [tmp_path / "first.zip", tmp_path / "newer.zip", tmp_path / "broken.zip"]
    summary = summarize(district.desk, files)
    assert len(summary.rows) == 1
    assert [source for source, _ in summary.refused] == [str(tmp_path / "broken.zip")]
    assert len(summary.superseded) == 1
    row = summary.rows[0]
    assert row.school_name == small_school.name
    assert "SC-13-key-plans" in row.statuses
    totals = summary.statistics_totals()
    assert totals["sessions"] == 2 and totals["key_students"] == 1
    write_summary_xlsx(summary, tmp_path / "summary.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "summary.xlsx")
    assert workbook.sheetnames == ["达标情况", "分项汇总", "全区统计", "上报包", "未纳入"]
    matrix = workbook["达标情况"]
    assert matrix.cell(row=2, column=1).value == small_school.name
    assert matrix.max_row == 2
    assert workbook["未纳入"].max_row == 3
    pdf = build_summary_pdf(summary, generated_at=NOW.isoformat())
    assert pdf.data.startswith(b"%PDF") and pdf.pages >= 1
    # Totalling records nothing: the bundles are still new to ``district open``.
    assert district.desk.state().bundles == []
    assert school_keys.school_fingerprint(small_school) == row.fingerprint
