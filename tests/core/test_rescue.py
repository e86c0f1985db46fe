"""counselor-app rescue show-key: the raw keys, given the recovery key, for opening the data with
SQLCipher 4's own tools when the program cannot (docs/rescue.md)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlcipher3 import dbapi2

from counselor_app.cli import main
from tests.core.cli_env import init_school_by_cli, set_cli_environment
from tests.core.test_storage import fingerprint


@pytest.fixture
def data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, cli_log_dir: Path
) -> tuple[Path, str]:
    folder = tmp_path / "data"
    set_cli_environment(monkeypatch, data_dir=folder, log_dir=cli_log_dir)
    printed = init_school_by_cli(capsys)
    recovery_key = re.search(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}", printed)[0]
    assert main(["demo-data", "--students", "60"]) == 0
    capsys.readouterr()
    return folder, recovery_key


def shown_keys(out: str) -> tuple[str, str]:
    data_key, confidential_key = re.findall(r"\b[0-9a-f]{64}\b", out)[:2]
    return data_key, confidential_key


def test_the_shown_key_opens_the_database_with_plain_sqlcipher(data_dir, monkeypatch, capsys):
    folder, recovery_key = data_dir
    monkeypatch.setenv("COUNSELOR_RECOVERY_KEY", recovery_key)
    assert main(["rescue", "show-key"]) == 0
    captured = capsys.readouterr()
    assert "任何人拿到它" in captured.err  # the warning comes first, on its own stream
    assert "已记入操作日志" in captured.err
    data_key, confidential_key = shown_keys(captured.out)

    # As docs/rescue.md says: SQLCipher 4, a raw key, nothing of the program's own code.
    db = dbapi2.connect(str(folder / "school.db"))
    try:
        db.execute(f"PRAGMA key = \"x'{data_key}'\"")
        assert db.execute("SELECT count(*) FROM student").fetchone()[0] > 0
        sealed = db.execute("SELECT summary FROM counselling_session LIMIT 1").fetchone()[0]
        logged = db.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'rescue_show_key'"
        ).fetchone()[0]
    finally:
        db.close()
    assert logged == 1

    text_key = HKDF(hashes.SHA256(), 32, None, b"counselor-desk sealed text v1").derive(
        bytes.fromhex(confidential_key)
    )
    raw = base64.b64decode(sealed[len("sealed:v1:") :])
    text = AESGCM(text_key).decrypt(raw[:12], raw[12:], b"counselling_session.summary")
    assert text.decode("utf-8").startswith("【演示】")


def test_a_wrong_recovery_key_shows_nothing_and_changes_nothing(data_dir, monkeypatch, capsys):
    folder, _ = data_dir
    before = fingerprint(folder)
    monkeypatch.setenv("COUNSELOR_RECOVERY_KEY", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    assert main(["rescue", "show-key"]) == 4
    captured = capsys.readouterr()
    assert not re.search(r"[0-9a-f]{64}", captured.out + captured.err)
    assert "恢复密钥不正确" in captured.err
    assert fingerprint(folder) == before


def test_keys_are_shown_even_when_the_database_cannot_take_an_entry(data_dir, monkeypatch, capsys):
    folder, recovery_key = data_dir
    database = folder / "school.db"
    data = bytearray(database.read_bytes())
    data[8192 + 100] ^= 0xFF  # a damaged page: the usual reason for a rescue
    database.write_bytes(bytes(data))
    monkeypatch.setenv("COUNSELOR_RECOVERY_KEY", recovery_key)
    assert main(["rescue", "show-key"]) == 0
    captured = capsys.readouterr()
    assert len(shown_keys(captured.out)) == 2
    assert "没能记入操作日志" in captured.err
    assert database.read_bytes() == bytes(data)  # never written into
