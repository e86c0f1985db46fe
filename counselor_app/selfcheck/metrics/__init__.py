"""The code that measures rules. A metric is a function ``(context, params) -> Measurement``,
registered under the name a profile's ``metric = "…"`` uses; its params are the profile's thresholds.

Each metric declares, where it is registered, the parameters it reads (``selfcheck.params``: a
profile naming any other is refused when loaded) and whether it measures a yearly demand
(每学年…): the engine judges every yearly demand the same way (met so far: pass; not yet met before
the school year's last term: ``year_end``), so no metric decides that itself.

Metric modules register themselves on import; ``all_metrics()`` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from counselor_app.selfcheck.context import TermContext
from counselor_app.selfcheck.params import Param
from counselor_app.selfcheck.result import Measurement

Metric = Callable[[TermContext, Mapping[str, Any]], Measurement]
# Whether a rule measured by a metric is a yearly demand, from the rule's parameters.
Yearly = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class MetricSpec:
    name: str
    measure: Metric
    params: Mapping[str, Param]
    yearly: Yearly


_REGISTRY: dict[str, MetricSpec] = {}


def metric(
    name: str, *, params: Mapping[str, Param] | None = None, yearly: bool | Yearly = False
) -> Callable[[Metric], Metric]:
    """Register a metric under ``name``, with the parameters it reads (none when not given) and
    whether it measures a yearly demand (always, never, or depending on its parameters)."""

    def register(function: Metric) -> Metric:
        if name in _REGISTRY:
            raise RuntimeError(f"metric {name!r} registered twice")
        is_yearly = yearly if callable(yearly) else _always(yearly)
        _REGISTRY[name] = MetricSpec(name, function, dict(params or {}), is_yearly)
        return function

    return register


def _always(answer: bool) -> Yearly:
    def yearly(_params: Mapping[str, Any]) -> bool:
        return answer

    return yearly


def _import_all() -> None:
    from counselor_app.selfcheck.metrics import (  # noqa: F401
        activities,
        care_groups,
        consent,
        follow_up,
        home_visits,
        key_students,
        monitors,
        room,
        screening,
        staffing,
        teaching,
    )


def all_metrics() -> dict[str, Metric]:
    """Every registered metric by name (importing the metric modules registers them)."""
    _import_all()
    return {name: spec.measure for name, spec in _REGISTRY.items()}


def metric_specs() -> dict[str, MetricSpec]:
    """Every registered metric with its declared parameters and period."""
    _import_all()
    return dict(_REGISTRY)
