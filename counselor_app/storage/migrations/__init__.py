"""Numbered schema migrations.

Each migration is a file ``NNNN_name.sql`` in this package, applied in order inside one transaction
that also sets ``PRAGMA user_version``. A released migration is never edited; a new one is added.

A migration may use the named parameter ``:today``, the migrating clock's date (``YYYY-MM-DD``),
for data that depends on when the school upgrades (schema 6 gives existing classes the current
school year).

A migration whose first line is ``-- foreign_keys: off`` changes tables that others refer to and
runs as SQLite's 12-step procedure (https://www.sqlite.org/lang_altertable.html#otheralter): foreign
keys are switched off before its transaction (they cannot be switched inside one), so that dropping
a rebuilt table neither cascades to nor is refused by the tables that refer to it;
``PRAGMA foreign_key_check`` runs before the commit, and any dangling reference rolls the whole
migration back; foreign keys are switched on again afterwards, whatever happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
FOREIGN_KEYS_OFF = "-- foreign_keys: off"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def foreign_keys_off(self) -> bool:
        """Whether the migration declares (on its first line) that it runs with foreign keys off."""
        first_line = self.sql.lstrip("\ufeff").split("\n", 1)[0]
        return first_line.strip().lower() == FOREIGN_KEYS_OFF


def all_migrations() -> list[Migration]:
    found = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return found


SCHEMA_VERSION = len(all_migrations())
