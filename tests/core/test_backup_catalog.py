"""The backup list the settings screen shows, and a backup made by hand."""

from __future__ import annotations

from counselor_app.school import backups as school_backups
from counselor_app.school.backup_catalog import backup_entries, backup_now
from counselor_app.school.core import School
from counselor_app.storage import backups


def test_backup_now_makes_a_verified_manual_backup_that_is_listed(school: School):
    assert backup_entries(school.paths) == []
    made = backup_now(school)
    assert made.parent == school.paths.backups
    (school.paths.backups / "notes.txt").write_text("not a backup")
    entries = backup_entries(school.paths)
    assert [e.path for e in entries] == [made]
    entry = entries[0]
    assert entry.reason == backups.MANUAL and entry.kept_for_good
    assert entry.created_at == school.now().replace(tzinfo=None, microsecond=0)
    assert entry.size == made.stat().st_size > 0
    backups.verify_backup(made, school.data_key)


def test_entries_are_newest_first_with_their_reasons(school: School):
    first = backup_now(school)
    second = school_backups.automatic_backup(school, backups.DAILY).path
    entries = backup_entries(school.paths)
    assert {e.path for e in entries} == {first, second}
    assert {e.reason for e in entries} == {backups.MANUAL, backups.DAILY}
    assert not next(e for e in entries if e.reason == backups.DAILY).kept_for_good
