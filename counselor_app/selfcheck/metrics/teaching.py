"""Metrics: teaching (being written)."""

from __future__ import annotations
