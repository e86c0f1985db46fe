"""The bundle on the command line, as a counsellor and a district clerk use it: exit codes,
messages, the files written. The district's passphrase KDF (age's, about two seconds) is paid once
per run: unlocking here hands out the keys the core tests already unlocked, after checking that the
passphrase given is the right one."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import pytest

from counselor_app import cli
from counselor_app.bundle import district as district_module
from counselor_app.cli import main
from counselor_app.foundation.errors import AuthenticationFailed
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import unlock
from tests.core.test_bundle import (  # noqa: F401  (a fixture)
    PASSPHRASE,
    PROFILE,
    TERM,
    DistrictKeys,
    district_template,
    fill_small_school,
)

PASSWORD = "first-password-1"
FINGERPRINT = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){4}")


@pytest.fixture
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle commands in the parser, whether or not cli/__init__.py declares them yet."""
    from counselor_app.cli.bundle_commands import add_bundle_parsers

    real = cli.build_parser

    def build_parser(language: str = "zh") -> argparse.ArgumentParser:
        parser = real(language)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "bundle" not in sub.choices:
            add_bundle_parsers(sub, lambda zh, en: en if language == "en" else zh)
        return parser

    monkeypatch.setattr(cli, "build_parser", build_parser)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wired) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("COUNSELOR_DATA_DIR", str(folder))
    monkeypatch.setenv("COUNSELOR_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNSELOR_DISTRICT_PASSWORD", PASSPHRASE)
    monkeypatch.delenv("COUNSELOR_USER", raising=False)
    assert main(["--user", "王老师", "init", "--school", "实验中学"]) == 0
    with unlock(SchoolPaths(folder), "王老师", PASSWORD) as school:
        fill_small_school(school)
    return folder


@pytest.fixture
def key_dir(
    district_template: DistrictKeys,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    folder = tmp_path / "district"
    shutil.copytree(district_template.folder, folder)

    def unlock_quickly(cls, where: Path, passphrase: str, *, for_receipts: bool = False):  # type: ignore[no-untyped-def]
        if passphrase != PASSPHRASE:
            raise AuthenticationFailed(district_module.WRONG_PASSPHRASE)
        return district_template.desk.with_folder(Path(where))

    monkeypatch.setattr(district_module.DistrictDesk, "unlock", classmethod(unlock_quickly))
    return folder


def test_the_whole_hand_over(data_dir, key_dir, tmp_path, capsys):
    bundle = tmp_path / "上报包.zip"
    # The school imports the district key and sees its fingerprint.
    assert main(["bundle", "import-district-key", str(key_dir / "district-public.json")]) == 0
    out = capsys.readouterr().out
    district_fingerprint = FINGERPRINT.search(out)[0]
    assert "宿城区教育局" in out
    assert main(["bundle", "fingerprint"]) == 0
    out = capsys.readouterr().out
    school_fingerprint = FINGERPRINT.search(out)[0]
    assert f"区县公钥：宿城区教育局（{district_fingerprint}）" in out
    assert main(["--lang", "en", "bundle", "fingerprint"]) == 0
    assert f"District key: 宿城区教育局 ({district_fingerprint})" in capsys.readouterr().out
    # Export.
    assert main(["bundle", "export", "--term", TERM, "--profile", PROFILE, "-o", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert district_fingerprint in out and school_fingerprint in out and bundle.exists()
    # The district does not know the school yet: its fingerprint, and how to register it.
    out_dir = tmp_path / "opened"
    assert main(["district", "open", str(bundle), "--key", str(key_dir), "-o", str(out_dir)]) == 4
    err = capsys.readouterr().err
    assert school_fingerprint in err and "district register" in err
    assert not out_dir.exists()
    # Registered from the school's public key, after comparing the fingerprint.
    assert main(["bundle", "export-key", "-o", str(tmp_path / "school.pub")]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "district",
                "register",
                str(tmp_path / "school.pub"),
                "--key",
                str(key_dir),
                "--fingerprint",
                school_fingerprint.lower(),
            ]
        )
        == 0
    )
    assert school_fingerprint in capsys.readouterr().out
    # Opened, with a receipt.
    receipt = tmp_path / "回执.zip"
    args = ["district", "open", str(bundle), "--key", str(key_dir), "-o", str(out_dir)]
    assert main([*args, "--receipt", str(receipt)]) == 0
    out = capsys.readouterr().out
    assert "上报包完好" in out and "实验中学" in out and receipt.exists()
    assert (out_dir / "selfcheck.pdf").read_bytes().startswith(b"%PDF")
    assert (out_dir / "manifest.json.minisig").exists() and (out_dir / "school.pub").exists()
    # The same file again is a replay.
    assert main(args) == 3
    assert "重复的上报包" in capsys.readouterr().err
    assert main([*args, "--again"]) == 0
    assert "打开过" in capsys.readouterr().err
    # The school closes the hand-over.
    assert main(["bundle", "import-receipt", str(receipt)]) == 0
    assert "交接完成" in capsys.readouterr().out
    assert main(["bundle", "import-receipt", str(receipt)]) == 0
    assert "已经导入过" in capsys.readouterr().out
    # Totals.
    xlsx, pdf = tmp_path / "汇总.xlsx", tmp_path / "汇总.pdf"
    assert (
        main(
            [
                "district",
                "summary",
                str(bundle),
                "--key",
                str(key_dir),
                "-o",
                str(xlsx),
                "--pdf",
                str(pdf),
            ]
        )
        == 0
    )
    assert xlsx.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert main(["district", "schools", "--key", str(key_dir)]) == 0
    assert "实验中学" in capsys.readouterr().out


def test_named_cases_print_a_warning(data_dir, key_dir, tmp_path, capsys):
    bundle = tmp_path / "named.zip"
    args = ["bundle", "export", "--term", TERM, "--profile", PROFILE, "-o", str(bundle)]
    assert (
        main(
            [
                *args,
                "--district-key",
                str(key_dir / "district-public.json"),
                "--include-named-cases",
            ]
        )
        == 0
    )
    assert "警告" in capsys.readouterr().err


def test_export_without_a_district_key_says_what_to_do(data_dir, tmp_path, capsys):
    args = ["bundle", "export", "--term", TERM, "--profile", PROFILE, "-o", str(tmp_path / "b.zip")]
    assert main(args) == 2
    assert "import-district-key" in capsys.readouterr().err


def test_a_wrong_passphrase_and_a_missing_key_folder(key_dir, tmp_path, monkeypatch, capsys, wired):
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setenv("COUNSELOR_DISTRICT_PASSWORD", "wrong-passphrase")
    args = ["district", "open", str(bundle), "--key", str(key_dir), "-o", str(tmp_path / "o")]
    assert main(args) == 4
    assert "口令不正确" in capsys.readouterr().err
    assert main(["--lang", "en", "district", "schools", "--key", str(tmp_path / "nowhere")]) == 2
    assert "district keygen" in capsys.readouterr().err


def test_keygen_through_the_command_line(tmp_path, monkeypatch, capsys, wired):
    monkeypatch.setenv("COUNSELOR_DISTRICT_PASSWORD", PASSPHRASE)
    monkeypatch.setattr(
        district_module.pyrage.passphrase, "encrypt", lambda data, p: b"age:" + data
    )
    folder = tmp_path / "keys"
    assert main(["district", "keygen", "-o", str(folder), "--name", "某区教育局"]) == 0
    assert FINGERPRINT.search(capsys.readouterr().out)
    assert {p.name for p in folder.iterdir()} >= {
        "district-public.json",
        "district-identity.age",
        "district-signing.key",
        "district-signing.pub",
        "state.json",
    }
    assert main(["district", "keygen", "-o", str(folder)]) == 2
    assert "没有覆盖" in capsys.readouterr().err


def test_an_altered_bundle_is_refused_on_the_command_line(data_dir, key_dir, tmp_path, capsys):
    bundle = tmp_path / "b.zip"
    args = ["bundle", "export", "--term", TERM, "--profile", PROFILE, "-o", str(bundle)]
    assert main([*args, "--district-key", str(key_dir / "district-public.json")]) == 0
    data = bytearray(bundle.read_bytes())
    data[len(data) // 3] ^= 0x40
    bundle.write_bytes(bytes(data))
    out_dir = tmp_path / "o"
    assert main(["district", "open", str(bundle), "--key", str(key_dir), "-o", str(out_dir)]) == 5
    assert "已被改动或已损坏" in capsys.readouterr().err
    assert not out_dir.exists()
