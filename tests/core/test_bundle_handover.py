"""The hand-over as the school sees it: keys in use and the bundles sent, with their receipts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyrage
import pytest

from counselor_app.bundle import school_keys
from counselor_app.bundle.district import DistrictDesk, register_school
from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.export import export_bundle
from counselor_app.bundle.handover import exported_bundles, handover, imported_district_key
from counselor_app.bundle.receipts import import_receipt, make_receipt
from counselor_app.bundle.signing import SigningKey
from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import Message
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from tests.conftest import NOW

TERM = "2025—2026学年第一学期"


def tiny_pdf(report, figures, fingerprint, counsellor) -> tuple[bytes, list[Message]]:
    return b"%PDF-1.4 stub\n", []


@pytest.fixture
def desk(tmp_path: Path) -> DistrictDesk:
    """District keys made in memory (no passphrase, so no slow key derivation); a desk that can
    open bundles and sign receipts, over a folder with its public key and state."""
    from counselor_app.bundle.district import PUBLIC_FILE, STATE_FILE
    from counselor_app.bundle.district_state import DistrictState

    identity = pyrage.x25519.Identity.generate()
    signing = SigningKey.generate()
    public = DistrictPublicKey("宿城区教育局", str(identity.to_public()), signing.verify_key, "")
    folder = tmp_path / "district"
    folder.mkdir()
    (folder / PUBLIC_FILE).write_bytes(public.to_bytes())
    (folder / STATE_FILE).write_bytes(DistrictState(public.fingerprint).to_bytes())
    return DistrictDesk(folder, public, identity, signing)


@pytest.fixture
def termed_school(school: School) -> School:
    RecordService(school).create(
        "term", {"name": TERM, "first_day": "2025-09-01", "last_day": "2026-01-16"}
    )
    return school


def test_an_empty_school_has_its_fingerprint_and_nothing_else(school):
    state = handover(school)
    assert state.school_fingerprint == school_keys.school_fingerprint(school)
    assert state.district is None and state.bundles == []


def test_the_imported_district_key_says_when_and_by_whom(school, desk, tmp_path):
    path = tmp_path / "district-public.json"
    path.write_bytes(desk.public.to_bytes())
    school_keys.import_district_key(school, path)
    imported = imported_district_key(school)
    assert imported is not None
    assert imported.key.fingerprint == desk.public.fingerprint
    assert imported.key.district == "宿城区教育局"
    assert (imported.imported_at, imported.imported_by) == (NOW.isoformat(), "王老师")


def test_bundles_are_listed_newest_first_and_a_receipt_marks_one(termed_school, desk, tmp_path):
    school = termed_school
    first = export_bundle(
        school, term=TERM, profile="sucheng-2023", output=tmp_path / "a.zip",
        district_key=desk.public, pdf_builder=tiny_pdf,
    )  # fmt: skip
    school.clock = lambda: NOW + dt.timedelta(days=1)
    second = export_bundle(
        school, term=TERM, profile="sucheng-2023", output=tmp_path / "b.zip",
        district_key=desk.public, pdf_builder=tiny_pdf,
    )  # fmt: skip
    bundles = exported_bundles(school)
    assert [b.bundle_id for b in bundles] == [
        second.manifest.bundle_id,
        first.manifest.bundle_id,
    ]
    newest = bundles[0]
    assert (newest.term_name, newest.profile, newest.created_by) == (TERM, "sucheng-2023", "王老师")
    assert (newest.district, newest.district_fingerprint) == (
        "宿城区教育局",
        desk.public.fingerprint,
    )
    assert not newest.named_cases and not newest.receipt_received

    register_school(
        desk.folder,
        school_keys.school_public_key_file(school),
        "school.pub",
        confirmed_fingerprint=school_keys.school_fingerprint(school),
        now=NOW,
    )
    opened_at = NOW + dt.timedelta(days=2)
    checked = desk.open_bundle((tmp_path / "a.zip").read_bytes(), "a.zip", now=opened_at).checked
    import_receipt(school, make_receipt(desk, checked, opened_at), "回执.zip")
    by_id = {b.bundle_id: b for b in exported_bundles(school)}
    received = by_id[first.manifest.bundle_id]
    assert received.receipt_received
    assert received.receipt_opened_at == opened_at.isoformat(timespec="seconds")
    assert not by_id[second.manifest.bundle_id].receipt_received


def test_a_district_key_file_that_changed_after_it_was_compared_is_not_imported(
    school, desk, tmp_path
):
    path = tmp_path / "district-public.json"
    path.write_bytes(desk.public.to_bytes())
    compared = school_keys.read_district_key_file(path).fingerprint
    other = DistrictPublicKey(
        "冒充的教育局",
        str(pyrage.x25519.Identity.generate().to_public()),
        SigningKey.generate().verify_key,
        "",
    )
    path.write_bytes(other.to_bytes())
    with pytest.raises(InvalidInput) as caught:
        school_keys.import_district_key(school, path, compared_fingerprint=compared)
    assert other.fingerprint in str(caught.value) and "没有导入" in str(caught.value)
    assert imported_district_key(school) is None

    path.write_bytes(desk.public.to_bytes())
    school_keys.import_district_key(school, path, compared_fingerprint=compared)
    assert imported_district_key(school).key.fingerprint == compared
