"""Encrypted backups (placeholder until the backup module lands)."""

from __future__ import annotations

from pathlib import Path

from counselor_app.paths import SchoolPaths


def newest_backup(paths: SchoolPaths) -> Path | None:
    return None
