"""Metrics: care (being written)."""

from __future__ import annotations
