"""The code that measures rules. A metric is a function ``(context, params) -> Measurement``,
registered under the name a profile's ``metric = "…"`` uses; its params are the profile's thresholds.

Metric modules register themselves on import; ``all_metrics()`` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.result import Measurement

Metric = Callable[[TermContext, Mapping[str, Any]], Measurement]
_REGISTRY: dict[str, Metric] = {}


def metric(name: str) -> Callable[[Metric], Metric]:
    def register(function: Metric) -> Metric:
        if name in _REGISTRY:
            raise RuntimeError(f"metric {name!r} registered twice")
        _REGISTRY[name] = function
        return function

    return register


def all_metrics() -> dict[str, Metric]:
    """Every registered metric by name (importing the metric modules registers them)."""
    from counselor_app.selfcheck.metrics import (  # noqa: F401
        activities,
        care,
        monitors,
        room,
        staffing,
        teaching,
    )

    return dict(_REGISTRY)
