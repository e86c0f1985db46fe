"""What a write to a record touched, so that a view can refresh just that."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    record_type: str
    record_id: int
    action: str  # created, updated, deleted, restored
