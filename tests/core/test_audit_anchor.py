"""The audit trail's anchor: entries cut from the end of the trail are found, from the key file,
from a backup's manifest and from the stamp on a printout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from counselor_app.cli import main
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.storage import backups
from counselor_app.storage.audit import AnchorState
from counselor_app.storage.keys import KeyFile
from tests.conftest import PASSWORD
from tests.core.report_fixtures import pdf_text


@pytest.fixture
def data_dir(cli_data_dir: Path, capsys) -> Path:
    folder = cli_data_dir
    for _ in range(3):  # a few entries: each unlock is one
        assert main(["users", "list"]) == 0
    capsys.readouterr()
    return folder


def trail(folder: Path) -> list[tuple[int, str]]:
    """(id, mac) of every entry, read with the school's own key through the program."""
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(folder), "王老师", PASSWORD) as school:
        return [(int(r[0]), str(r[1])) for r in school.db.query("SELECT id, mac FROM audit_log")]


def cut_trail(folder: Path, keep: int) -> None:
    """What someone holding the data key could do outside the program: delete the newest entries
    straight from the database (opened here without logging anything)."""
    from counselor_app.storage.database import Database

    keys = KeyFile.load(folder / "keys.json").unlock("王老师", PASSWORD)
    db = Database.open(folder / "school.db", keys.data_key)
    try:
        with db.transaction():
            ids = [r[0] for r in db.query("SELECT id FROM audit_log ORDER BY id")]
            db.execute("DELETE FROM audit_log WHERE id > ?", (ids[keep - 1],))
    finally:
        db.close()


def test_the_key_file_holds_the_newest_entry_after_every_command(data_dir):
    anchor = KeyFile.load(data_dir / "keys.json").audit_anchor
    entries = trail(data_dir)  # this unlock adds one more entry, anchored too
    newest_id, newest_mac = entries[-1]
    anchor = KeyFile.load(data_dir / "keys.json").audit_anchor
    assert anchor is not None
    assert (anchor.last_id, anchor.last_mac) == (newest_id, newest_mac)


def test_an_intact_trail_verifies_against_the_key_file(data_dir, capsys):
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "操作日志完好" in out
    assert "与密钥文件的记载一致" in out


@pytest.mark.parametrize("keep", [1, 3], ids=["all-but-the-first", "the-last-rows"])
def test_cutting_the_end_of_the_trail_is_reported(data_dir, capsys, keep):
    before = trail(data_dir)
    cut_trail(data_dir, keep)
    # The chain that is left is whole: without the anchor this would pass.
    assert main(["audit", "verify"]) == 5
    err = capsys.readouterr().err
    assert "操作日志被截短过" in err
    assert f"记载的第 {before[-1][0]} 条已不在日志中" in err


def test_the_anchor_is_not_moved_by_later_commands(data_dir, capsys):
    newest = trail(data_dir)[-1][0]
    cut_trail(data_dir, 2)
    for _ in range(newest + 2):  # more new entries than were removed: numbers are not reused
        main(["users", "list"])
    assert KeyFile.load(data_dir / "keys.json").audit_anchor.last_id == newest
    capsys.readouterr()
    assert main(["audit", "verify"]) == 5
    assert f"记载的第 {newest} 条已不在日志中" in capsys.readouterr().err


def test_a_replaced_trail_is_reported(school):
    audit = school.audit
    school.log("first")
    anchor = audit.anchor()
    with school.db.transaction():  # the same number, another entry: as a swapped-in copy has
        school.db.execute("UPDATE audit_log SET mac = ? WHERE id = ?", ("0" * 64, anchor.last_id))
    assert audit.check_anchor(anchor).state is AnchorState.REWRITTEN


def test_an_edited_anchor_is_reported_as_not_the_programs(data_dir, capsys):
    path = data_dir / "keys.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["audit_anchor"]["last_id"] = 1
    del document["checksum"]
    # Whoever edits the file can redo its plain checksum; the anchor's seal needs the key.
    from counselor_app.storage.keys import _checksum

    document["checksum"] = _checksum(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["audit", "verify"]) == 5
    assert "不是本校程序写入的" in capsys.readouterr().err


def test_a_backup_carries_the_anchor_and_verify_compares_with_it(data_dir, tmp_path, capsys):
    backup = tmp_path / "school.cdbak"
    assert main(["backup", "-o", str(backup)]) == 0
    info = backups.inspect_backup(backup)  # no key needed to read it
    assert info.audit_anchor is not None
    assert main(["audit", "verify", "--backup", str(backup)]) == 0
    assert "与备份“school.cdbak”的记载一致" in capsys.readouterr().out
    cut_trail(data_dir, 2)
    # Even with the key file's anchor removed as well, the backup still tells.
    path = data_dir / "keys.json"
    key_file = KeyFile.load(path)
    from dataclasses import replace

    path.write_bytes(replace(key_file, audit_anchor=None).to_bytes())
    assert main(["audit", "verify", "--backup", str(backup)]) == 5
    err = capsys.readouterr().err
    assert "备份“school.cdbak”" in err and "截短过" in err


def test_the_stamp_on_a_printout_is_checked(data_dir, tmp_path, capsys):
    assert main(["demo-data", "--students", "60"]) == 0
    student_no = _a_student_number(data_dir)
    pdf = tmp_path / "file.pdf"
    assert main(["report", "student", student_no, "-o", str(pdf)]) == 0
    text = pdf_text(pdf.read_bytes())
    stamp = re.search(r"日志校验：(\d+-[0-9A-F]{8})", text)
    assert stamp, text[:400]
    # The stamp names the printout's own entry: the newest one when it was printed.
    assert int(stamp[1].split("-")[0]) == _newest_print_entry(data_dir)
    capsys.readouterr()
    assert main(["audit", "verify", "--printed", stamp[1]]) == 0
    cut_trail(data_dir, 2)
    path = data_dir / "keys.json"
    from dataclasses import replace

    path.write_bytes(replace(KeyFile.load(path), audit_anchor=None).to_bytes())
    assert main(["audit", "verify", "--printed", stamp[1]]) == 5
    assert "打印件" in capsys.readouterr().err


def test_a_mistyped_stamp_is_a_usage_error(data_dir, capsys):
    assert main(["audit", "verify", "--printed", "12-XYZ"]) == 2
    assert "1234-89ABCDEF" in capsys.readouterr().err


def _a_student_number(folder: Path) -> str:
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(folder), "王老师", PASSWORD) as school:
        return str(school.db.scalar("SELECT student_no FROM student ORDER BY id LIMIT 1"))


def _newest_print_entry(folder: Path) -> int:
    from counselor_app.school.core import unlock

    with unlock(SchoolPaths(folder), "王老师", PASSWORD) as school:
        return int(school.db.scalar("SELECT max(id) FROM audit_log WHERE action = 'print'"))


def test_anchor_states_from_the_service(school):
    audit = school.audit
    anchor = audit.anchor()
    assert audit.check_anchor(anchor).state is AnchorState.MATCHES
    school.log("something")
    assert audit.check_anchor(anchor).state is AnchorState.MATCHES  # later entries may follow
    newer = audit.anchor()
    with school.db.transaction():
        school.db.execute("DELETE FROM audit_log WHERE id = ?", (newer.last_id,))
    assert audit.check_anchor(newer).state is AnchorState.SHORTENED
    school.log("something else")  # a new number: ids are never reused
    assert audit.check_anchor(newer).state is AnchorState.SHORTENED
