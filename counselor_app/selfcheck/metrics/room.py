"""Metrics: room (being written)."""

from __future__ import annotations
