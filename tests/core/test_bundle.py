"""The sealed district bundle: round trip, tamper detection at every byte, the district's refusals
(wrong key, unknown school, replay), pseudonyms, named cases and receipts."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from counselor_app.bundle import school_keys, signing
from counselor_app.bundle.container import read_container, write_container
from counselor_app.bundle.district import (
    DistrictDesk,
    generate_district_keys,
    register_school,
    write_opened,
)
from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.errors import (
    BundleAltered,
    BundleRefused,
    BundleReplayed,
    ReceiptRefused,
    UnknownSchool,
    WrongDistrictKey,
)
from counselor_app.bundle.export import ExportResult, export_bundle
from counselor_app.bundle.fingerprints import normalize_fingerprint
from counselor_app.bundle.manifest import (
    NAMED_CASES_JSON,
    OUTER_MEMBERS,
    SELFCHECK_JSON,
    STATISTICS_JSON,
)
from counselor_app.bundle.pseudonyms import pseudonym
from counselor_app.bundle.receipts import import_receipt, make_receipt
from counselor_app.bundle.signing import SigningKey, VerifyKey
from counselor_app.foundation.errors import AuthenticationFailed, InvalidInput
from counselor_app.foundation.i18n import Message
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from tests.conftest import CHINA, NOW, make_school

TERM = "2025—2026学年第一学期"
PROFILE = "sucheng-2023"
PASSPHRASE = "district-passphrase-1"
STUDENTS = (
    ("20259901", "张晓明", "男"),
    ("20259902", "李思琪", "女"),
    ("20259903", "王梓涵", "女"),
)
KEY_STUDENT = STUDENTS[0]


def tiny_pdf(report, figures, fingerprint, counsellor) -> tuple[bytes, list[Message]]:
    """A stand-in for the self-check PDF, so a small bundle stays small."""
    return f"%PDF-1.4 stub {fingerprint}\n".encode(), []


@dataclass
class DistrictKeys:
    folder: Path
    desk: DistrictDesk


_MADE: dict[str, DistrictKeys] = {}


@pytest.fixture(scope="session")
def district_template(tmp_path_factory: pytest.TempPathFactory) -> DistrictKeys:
    """The district's keys, made and unlocked once per test run, whichever module asks first
    (age's passphrase KDF takes a second or two, and is calibrated by age, not by us)."""
    if "keys" not in _MADE:
        folder = tmp_path_factory.mktemp("district") / "keys"
        with pytest.MonkeyPatch.context() as patch:  # minisign's KDF cost is ours to choose
            patch.setattr(signing, "SCRYPT_OPSLIMIT", 32768)
            patch.setattr(signing, "SCRYPT_MEMLIMIT", 1 << 20)
            generate_district_keys(folder, district="宿城区教育局", passphrase=PASSPHRASE, now=NOW)
        _MADE["keys"] = DistrictKeys(
            folder, DistrictDesk.unlock(folder, PASSPHRASE, for_receipts=True)
        )
    return _MADE["keys"]


@pytest.fixture
def district(district_template: DistrictKeys, tmp_path: Path) -> DistrictKeys:
    """A fresh copy of the district's folder (no school registered, no bundle seen)."""
    folder = tmp_path / "district"
    shutil.copytree(district_template.folder, folder)
    return DistrictKeys(folder, district_template.desk.with_folder(folder))


def fill_small_school(school: School) -> None:
    """One term, a psych teacher, a class, three students; one is a key student without a plan,
    so the self-check's evidence names her by 学号."""
    records = RecordService(school)
    records.create("term", {"name": TERM, "first_day": "2025-09-01", "last_day": "2026-01-23"})
    psych = records.create(
        "staff", {"staff_no": "T001", "name": "李心怡", "roles": "专职心理教师"}
    ).record_id
    cls = records.create("class", {"class_code": "0701", "grade": 7, "name": "七年级1班"}).record_id
    ids = [
        records.create(
            "student", {"student_no": no, "name": name, "sex": sex, "class_id": cls}
        ).record_id
        for no, name, sex in STUDENTS
    ]
    for day in ("2025-09-15", "2025-09-22"):
        records.create(
            "session",
            {
                "date": day,
                "start_time": "12:15",
                "minutes": 40,
                "kind": "个体",
                "students": [ids[0]],
                "counsellor_id": psych,
                "topic": "情绪",
                "summary": "学业压力大，夜间失眠",
                "risk_level": 2,
            },
        )
    records.create(
        "risk_assessment",
        {"date": "2025-09-20", "student_id": ids[0], "level": 2, "assessed_by_id": psych},
    )
    records.create(
        "screening",
        {"date": "2025-09-10", "student_id": ids[1], "instrument": "MHT", "result_level": 0},
    )


@pytest.fixture
def small_school(school: School) -> School:
    fill_small_school(school)
    return school


def export(
    school: School, out: Path, district: DistrictKeys | DistrictPublicKey, **kw
) -> ExportResult:
    key = district.desk.public if isinstance(district, DistrictKeys) else district
    kw.setdefault("pdf_builder", tiny_pdf)
    return export_bundle(school, term=TERM, profile=PROFILE, output=out, district_key=key, **kw)


def register(district: DistrictKeys, school: School) -> None:
    register_school(
        district.folder,
        school_keys.school_public_key_file(school),
        "school.pub",
        confirmed_fingerprint=school_keys.school_fingerprint(school),
        now=NOW,
    )


@pytest.fixture
def sealed(
    small_school: School, district: DistrictKeys, tmp_path: Path
) -> Iterator[tuple[bytes, ExportResult]]:
    register(district, small_school)
    result = export(small_school, tmp_path / "bundle.zip", district)
    yield (tmp_path / "bundle.zip").read_bytes(), result


# -- keys and fingerprints ---------------------------------------------------------------------
def test_a_new_school_has_its_signing_key_and_a_readable_fingerprint(school):
    fingerprint = school_keys.school_fingerprint(school)
    assert normalize_fingerprint(fingerprint) == fingerprint
    assert len(fingerprint.split("-")) == 5
    assert fingerprint == school_keys.school_fingerprint(school)
    assert normalize_fingerprint(fingerprint.lower().replace("-", " ")) == fingerprint


def test_a_school_set_up_before_the_keys_gets_them_on_first_need(school):
    with school.db.transaction():
        school.db.execute("DELETE FROM school_bundle_key")
    fingerprint = school_keys.school_fingerprint(school)
    assert fingerprint and school.db.scalar("SELECT count(*) FROM school_bundle_key") == 1
    assert school.audit.entries()[0].action == "bundle_keys_created"


def test_the_school_secret_key_is_only_in_the_database(school):
    secret = school.db.scalar("SELECT signing_secret_key FROM school_bundle_key")
    assert secret.startswith("untrusted comment: ") and len(secret.splitlines()[1]) > 200
    for path in school.paths.root.rglob("*"):
        if path.is_file():
            assert secret.splitlines()[1].encode() not in path.read_bytes()


def test_the_district_key_is_imported_and_used(small_school, district, tmp_path):
    key = school_keys.import_district_key(small_school, district.folder / "district-public.json")
    assert key.fingerprint == district.desk.public.fingerprint
    assert school_keys.current_district_key(small_school) == key
    register(district, small_school)
    export_bundle(
        small_school, term=TERM, profile=PROFILE, output=tmp_path / "b.zip", pdf_builder=tiny_pdf
    )
    district.desk.open_bundle((tmp_path / "b.zip").read_bytes(), "b.zip", now=NOW)


def test_a_wrong_passphrase_is_an_authentication_failure(district):
    with pytest.raises(AuthenticationFailed) as caught:
        DistrictDesk.unlock(district.folder, "not-the-passphrase")
    assert "口令不正确" in str(caught.value)


# -- round trip --------------------------------------------------------------------------------
def test_round_trip(sealed, district, small_school, tmp_path):
    data, result = sealed
    opened = district.desk.open_bundle(data, "bundle.zip", now=NOW)
    manifest = opened.checked.manifest
    assert opened.first_opened_at is None
    assert manifest.bundle_id == result.manifest.bundle_id
    assert (manifest.school_name, manifest.school_uid) == (small_school.name, small_school.uid)
    assert (manifest.term_name, manifest.profile_id) == (TERM, PROFILE)
    assert manifest.district_fingerprint == district.desk.public.fingerprint
    assert manifest.school_fingerprint == school_keys.school_fingerprint(small_school)
    assert manifest.named_cases is False
    parts = opened.checked.contents.parts
    assert json.loads(parts[SELFCHECK_JSON])["profile"] == PROFILE
    statistics = json.loads(parts[STATISTICS_JSON])
    assert statistics["sessions"]["total"] == 2
    assert statistics["key_students"] == 1
    assert statistics["screening_coverage"]["screened_in_term"] == 1
    written = write_opened(opened.checked, tmp_path / "out")
    assert {p.name for p in written} >= {"manifest.json", "selfcheck.pdf", "statistics.json"}
    entries = [e for e in small_school.audit.entries() if e.action == "bundle_export"]
    assert entries and entries[0].detail["bundle_id"] == manifest.bundle_id


def test_the_outer_file_is_a_plain_zip_of_three_members(sealed):
    data, _ = sealed
    members = read_container(data, OUTER_MEMBERS)
    assert members["payload.age"].startswith(b"age-encryption.org/v1\n")
    assert write_container(list(members.items())) == data


# -- tampering -----------------------------------------------------------------------------------
def test_a_change_of_any_single_byte_of_a_small_bundle_is_refused(sealed, district):
    data, _ = sealed
    assert len(data) < 8000, "keep the bundle small so every position can be tried"
    state = district.desk.state()
    district.desk.check_bundle(data, "bundle.zip", state)
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01 if position % 2 else 0xA5
        with pytest.raises(BundleRefused):
            district.desk.check_bundle(bytes(changed), "bundle.zip", state)


def test_cut_short_or_lengthened_bundles_are_refused(sealed, district):
    data, _ = sealed
    for changed in (data[:-1], data + b"\0", data[1:], b"", data[: len(data) // 2]):
        with pytest.raises(BundleAltered):
            district.desk.check_bundle(changed, "bundle.zip")


def test_an_altered_bundle_says_so(sealed, district):
    data, _ = sealed
    changed = bytearray(data)
    changed[200] ^= 0xFF
    with pytest.raises(BundleAltered) as caught:
        district.desk.open_bundle(bytes(changed), "bundle.zip", now=NOW)
    assert "已被改动或已损坏" in str(caught.value)
    assert caught.value.exit_code == 5
    assert district.desk.state().bundles == []


# -- the district's refusals -------------------------------------------------------------------
def other_district_key() -> DistrictPublicKey:
    """Another district's public key (its secret halves are not needed to seal for it)."""
    with SigningKey.generate() as signing:
        recipient = str(pyrage.x25519.Identity.generate().to_public())
        return DistrictPublicKey("另一区教育局", recipient, signing.verify_key, "2025-09-01")


def test_a_bundle_for_another_district_key_is_refused_before_decrypting(
    small_school, district, tmp_path
):
    register(district, small_school)
    other = other_district_key()
    export(small_school, tmp_path / "other.zip", other)
    with pytest.raises(WrongDistrictKey) as caught:
        district.desk.open_bundle((tmp_path / "other.zip").read_bytes(), "other.zip", now=NOW)
    assert other.fingerprint in str(caught.value)
    assert district.desk.public.fingerprint in str(caught.value)
    assert "另一把区县密钥" in str(caught.value)


def test_an_unregistered_school_is_shown_with_its_fingerprint_and_stopped(
    small_school, district, tmp_path
):
    export(small_school, tmp_path / "b.zip", district)
    data = (tmp_path / "b.zip").read_bytes()
    with pytest.raises(UnknownSchool) as caught:
        district.desk.open_bundle(data, "b.zip", now=NOW)
    fingerprint = school_keys.school_fingerprint(small_school)
    assert caught.value.fingerprint == fingerprint
    assert fingerprint in str(caught.value) and "district register" in str(caught.value)
    assert caught.value.exit_code == 4
    # Registering from the bundle itself, after comparing the fingerprint on paper, lets it in.
    register_school(district.folder, data, "b.zip", confirmed_fingerprint=fingerprint, now=NOW)
    district.desk.open_bundle(data, "b.zip", now=NOW)


def test_a_school_key_with_another_fingerprint_on_paper_is_not_registered(small_school, district):
    with pytest.raises(InvalidInput) as caught:
        register_school(
            district.folder,
            school_keys.school_public_key_file(small_school),
            "school.pub",
            confirmed_fingerprint="AAAA-BBBB-CCCC-DDDD-EEEE",
            now=NOW,
        )
    assert "指纹不一致" in str(caught.value)
    assert district.desk.state().schools == []


def test_a_bundle_signed_by_another_school_key_is_unknown(small_school, district, tmp_path):
    register(district, small_school)
    with small_school.db.transaction():
        small_school.db.execute("DELETE FROM school_bundle_key")  # as if another installation
    export(small_school, tmp_path / "b.zip", district)
    with pytest.raises(UnknownSchool):
        district.desk.open_bundle((tmp_path / "b.zip").read_bytes(), "b.zip", now=NOW)


def test_a_replayed_bundle_id_is_reported(sealed, district):
    data, result = sealed
    district.desk.open_bundle(data, "bundle.zip", now=NOW)
    later = NOW + dt.timedelta(days=30)
    with pytest.raises(BundleReplayed) as caught:
        district.desk.open_bundle(data, "copy.zip", now=later)
    assert result.manifest.bundle_id in str(caught.value)
    assert caught.value.first_opened_at == NOW.isoformat(timespec="seconds")
    assert "重复的上报包" in str(caught.value) and "--again" in str(caught.value)
    again = district.desk.open_bundle(data, "copy.zip", now=later, again=True)
    assert again.first_opened_at == NOW.isoformat(timespec="seconds")
    assert len(district.desk.state().bundles) == 1


def test_each_export_has_its_own_bundle_id(small_school, district, tmp_path):
    register(district, small_school)
    ids = set()
    for name in ("a.zip", "b.zip"):
        export(small_school, tmp_path / name, district)
        opened = district.desk.open_bundle((tmp_path / name).read_bytes(), name, now=NOW)
        ids.add(opened.checked.manifest.bundle_id)
    assert len(ids) == 2


# -- pseudonyms and names ----------------------------------------------------------------------
def decrypted_texts(district: DistrictKeys, data: bytes) -> dict[str, str]:
    checked = district.desk.check_bundle(data, "bundle.zip")
    return {
        name: body.decode("utf-8", errors="replace")
        for name, body in {
            **checked.contents.parts,
            "manifest.json": checked.contents.manifest_bytes,
        }.items()
    }


def test_no_student_number_or_name_leaves_the_school(sealed, district, small_school):
    data, _ = sealed
    texts = decrypted_texts(district, data)
    everything = "\n".join(texts.values())
    for number, name, _ in STUDENTS:
        assert number not in everything
        assert name not in everything
    # The key student is in the evidence, by pseudonym.
    key = school_keys.pseudonym_key(small_school)
    assert pseudonym(key, KEY_STUDENT[0]) in texts[SELFCHECK_JSON]
    assert "化名" in texts[SELFCHECK_JSON]


def test_pseudonyms_are_stable_across_exports_and_reveal_no_number(
    small_school, district, tmp_path
):
    register(district, small_school)
    cases = []
    for name in ("autumn.zip", "again.zip"):
        export(small_school, tmp_path / name, district)
        texts = decrypted_texts(district, (tmp_path / name).read_bytes())
        cases.append(json.loads(texts[STATISTICS_JSON])["key_cases"])
    assert cases[0] == cases[1] and len(cases[0]) == 1
    shown = cases[0][0]["pseudonym"]
    key = school_keys.pseudonym_key(small_school)
    assert shown == pseudonym(key, KEY_STUDENT[0])
    assert not any(ch.isdigit() and ch in "0189" for ch in shown)
    assert KEY_STUDENT[0] not in shown.replace("-", "")
    # Keyed: without the school's key the same 学号 gives another pseudonym.
    assert pseudonym(bytes(32), KEY_STUDENT[0]) != shown
    assert pseudonym(key, STUDENTS[1][0]) != shown


def test_named_cases_only_when_asked_with_a_warning_and_in_the_manifest(
    small_school, district, tmp_path
):
    register(district, small_school)
    result = export(small_school, tmp_path / "named.zip", district, include_named_cases=True)
    assert any("姓名" in w.render() for w in result.warnings)
    checked = district.desk.check_bundle((tmp_path / "named.zip").read_bytes(), "named.zip")
    assert checked.manifest.named_cases is True
    named = json.loads(checked.contents.parts[NAMED_CASES_JSON])
    assert [(c["student_no"], c["name"]) for c in named["cases"]] == [KEY_STUDENT[:2]]
    assert "summary" not in json.dumps(named)  # dates and states, never session notes
    entry = next(e for e in small_school.audit.entries() if e.action == "bundle_export")
    assert entry.detail["named_cases"] is True


def test_a_name_typed_into_a_confirmation_note_stops_the_export(small_school, district, tmp_path):
    from counselor_app.selfcheck.engine import confirm_manual_rule

    confirm_manual_rule(
        small_school,
        TERM,
        PROFILE,
        "SC-15-double-reduction",
        confirmed=True,
        note=f"已与{STUDENTS[1][1]}的家长核实",
    )
    with pytest.raises(InvalidInput) as caught:
        export(small_school, tmp_path / "b.zip", district)
    assert "姓名" in str(caught.value)
    assert not (tmp_path / "b.zip").exists()
    assert small_school.db.scalar("SELECT count(*) FROM bundle_export") == 0


# -- receipts ----------------------------------------------------------------------------------
def test_a_receipt_closes_the_hand_over(sealed, district, small_school):
    data, result = sealed
    opened = district.desk.open_bundle(data, "bundle.zip", now=NOW)
    receipt = make_receipt(district.desk, opened.checked, NOW + dt.timedelta(hours=2))
    imported = import_receipt(small_school, receipt, "receipt.zip")
    assert (imported.bundle_id, imported.already) == (result.manifest.bundle_id, False)
    entry = next(e for e in small_school.audit.entries() if e.action == "bundle_receipt")
    assert entry.detail["bundle_id"] == result.manifest.bundle_id
    row = small_school.db.query_one("SELECT * FROM bundle_export")
    assert row["receipt_opened_at"] == (NOW + dt.timedelta(hours=2)).isoformat(timespec="seconds")
    assert import_receipt(small_school, receipt, "receipt.zip").already


def test_an_altered_or_foreign_receipt_is_refused(sealed, district, small_school):
    data, _ = sealed
    opened = district.desk.open_bundle(data, "bundle.zip", now=NOW)
    receipt = make_receipt(district.desk, opened.checked, NOW)
    rng = random.Random(5)
    for position in rng.sample(range(len(receipt)), 60):
        changed = bytearray(receipt)
        changed[position] ^= 0x10
        with pytest.raises(ReceiptRefused):
            import_receipt(small_school, bytes(changed), "receipt.zip")
    with small_school.db.transaction():
        small_school.db.execute("DELETE FROM bundle_export")
    with pytest.raises(ReceiptRefused) as caught:
        import_receipt(small_school, receipt, "receipt.zip")
    assert "不是本校导出的" in str(caught.value)


def test_a_receipt_signed_by_another_key_is_refused(sealed, district, small_school):
    data, _ = sealed
    opened = district.desk.open_bundle(data, "bundle.zip", now=NOW)
    impostor = DistrictDesk(district.folder, district.desk.public, None, SigningKey.generate())  # type: ignore[arg-type]
    with pytest.raises(ReceiptRefused) as caught:
        import_receipt(small_school, make_receipt(impostor, opened.checked, NOW), "r.zip")
    assert "不是由该上报包所用的区县密钥" in str(caught.value)


# -- a realistic bundle ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_bundle(
    district_template, tmp_path_factory
) -> tuple[bytes, list[tuple[str, str]], list[str], str]:
    """A 200-student demo school's bundle with the real PDF; its students and staff names."""
    from counselor_app.demo.generator import generate_demo_school

    when = dt.datetime(2026, 1, 20, 10, 0, tzinfo=CHINA)
    folder = tmp_path_factory.mktemp("demo") / "school"
    created = make_school(folder, name="阳光实验学校（演示）", now=when)
    with created.school as school:
        generate_demo_school(school, students=200, years=1, seed=1)
        term = school.db.scalar("SELECT name FROM term ORDER BY first_day DESC LIMIT 1")
        out = folder.parent / "demo.zip"
        export_bundle(
            school,
            term=term,
            profile=PROFILE,
            output=out,
            district_key=district_template.desk.public,
        )
        students = [(r[0], r[1]) for r in school.db.query("SELECT student_no, name FROM student")]
        staff = [r[0] for r in school.db.query("SELECT name FROM staff")]
        public_key = school_keys.school_public_key_file(school)
    return out.read_bytes(), students, staff, public_key.decode()


def register_file(district: DistrictKeys, public_key: str) -> None:
    key = VerifyKey.from_file_bytes(public_key.encode())
    register_school(
        district.folder,
        public_key.encode(),
        "school.pub",
        confirmed_fingerprint=school_keys.verify_key_fingerprint(key),
        now=NOW,
    )


def test_a_sample_of_byte_changes_in_a_large_bundle_is_refused(demo_bundle, district):
    data, _, _, public_key = demo_bundle
    register_file(district, public_key)
    state = district.desk.state()
    district.desk.check_bundle(data, "demo.zip", state)
    rng = random.Random(11)
    positions = [*range(64), *range(len(data) - 64, len(data)), *rng.sample(range(len(data)), 400)]
    for position in positions:
        changed = bytearray(data)
        changed[position] ^= 1 << rng.randrange(8)
        with pytest.raises(BundleRefused):
            district.desk.check_bundle(bytes(changed), "demo.zip", state)


def test_the_demo_bundle_names_no_student(demo_bundle, district):
    data, students, staff, public_key = demo_bundle
    register_file(district, public_key)
    checked = district.desk.check_bundle(data, "demo.zip")
    texts = [
        body.decode("utf-8")
        for name, body in checked.contents.parts.items()
        if name.endswith(".json")
    ]
    pdf = checked.contents.parts["selfcheck.pdf"]
    if shutil.which("pdftotext"):
        texts.append(
            subprocess.run(
                ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode("utf-8")
        )
    everything = "\n".join(texts)
    assert "化名" in everything
    numbers = [no for no, _ in students if no in everything]
    assert numbers == []
    staff_names = set(staff)
    names = [n for _, n in students if n not in staff_names and len(n) >= 2 and n in everything]
    assert names == []
