"""What happens after every unlock: the day's backup if none was made yet, and emptying the
recycle bin of what has waited longer than it should. Cheap when there is nothing to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.school.backups import automatic_backup
from counselor_app.school.core import School
from counselor_app.storage import backups
from counselor_app.storage.backup_rotation import daily_backup_due


@dataclass(frozen=True)
class Housekeeping:
    daily_backup: Path | None
    purged_from_bin: int


def after_unlock(school: School) -> Housekeeping:
    if school.db.read_only:
        return Housekeeping(None, 0)
    made = None
    if daily_backup_due(school.paths, school.now()):
        made = automatic_backup(school, backups.DAILY).path
    purged = RecycleBin(school).purge() if school.user.is_counsellor else 0
    return Housekeeping(made, purged)
