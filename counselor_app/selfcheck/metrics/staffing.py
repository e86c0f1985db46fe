"""Metrics: staffing (being written)."""

from __future__ import annotations
