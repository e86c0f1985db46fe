"""The time, as services see it: injected, so tests can stand anywhere in the school year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """Local wall-clock time with its UTC offset (school days are local days)."""
    return dt.datetime.now().astimezone()


def fixed_clock(moment: dt.datetime) -> Clock:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return lambda: moment
