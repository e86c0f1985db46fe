"""When the screen locks itself: the idle-time setting and the clock that decides it has run out.

The desktop program feeds activity (:meth:`IdleClock.touch`) and asks, once a second, whether the
idle time has run out (:meth:`IdleClock.expired`). Two clocks are compared, because each misses
something:

- the *steady* clock never jumps when someone changes the time, but on Linux (``CLOCK_MONOTONIC``)
  it stops while the machine sleeps, which is why ``CLOCK_BOOTTIME`` is used there when it exists;
- the *wall* clock counts time asleep everywhere, but can jump.

The longer of the two elapsed times counts. A machine that slept through the deadline therefore
locks at the first tick after waking; a clock set forward by hand locks early, which is the safe
side. A clock set back changes nothing, since the steady clock still counts.

No Qt here: the window's event filter and timer live in ``counselor_app.ui.lock``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from counselor_app.foundation.errors import InvalidInput
from counselor_app.foundation.i18n import msg
from counselor_app.school.core import School
from counselor_app.settings.school_settings import (
    IDLE_LOCK_MINUTES,
    MAX_IDLE_LOCK_MINUTES,
    MIN_IDLE_LOCK_MINUTES,
)

IDLE_LOCK_RANGE = msg(
    "自动锁定时间应为 {low} 到 {high} 分钟之间的整数，不能是“{value}”。",
    "The idle time before locking must be a whole number of minutes from {low} to {high}, "
    "not '{value}'.",
)


def idle_lock_minutes(school: School) -> int:
    """The school's idle time before locking; the default when unset or not a sensible value
    (a damaged or hand-edited setting must never switch locking off)."""
    return IDLE_LOCK_MINUTES.read(school)


def set_idle_lock_minutes(school: School, minutes: int) -> int:
    if not IDLE_LOCK_MINUTES.sensible(minutes):
        raise InvalidInput(
            IDLE_LOCK_RANGE(low=MIN_IDLE_LOCK_MINUTES, high=MAX_IDLE_LOCK_MINUTES, value=minutes)
        )
    IDLE_LOCK_MINUTES.write(school, minutes)
    school.log("setting", key=IDLE_LOCK_MINUTES.key, value=minutes)
    return minutes


def steady_seconds() -> float:
    """Seconds on a clock that nobody can set; on Linux one that also counts time asleep."""
    boot_clock = getattr(time, "CLOCK_BOOTTIME", None)
    if boot_clock is not None:
        try:
            return time.clock_gettime(boot_clock)
        except OSError:  # a kernel without it
            pass
    return time.monotonic()


@dataclass
class IdleClock:
    """How long nobody has touched the program, and whether that is longer than ``limit``."""

    limit_seconds: float
    steady: Callable[[], float] = steady_seconds
    wall: Callable[[], float] = time.time
    _steady_mark: float = field(init=False, default=0.0)
    _wall_mark: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self.touch()

    def touch(self) -> None:
        """Someone used the program just now."""
        self._steady_mark = self.steady()
        self._wall_mark = self.wall()

    def idle_seconds(self) -> float:
        return max(self.steady() - self._steady_mark, self.wall() - self._wall_mark, 0.0)

    def expired(self) -> bool:
        return self.idle_seconds() >= self.limit_seconds

    def set_limit_minutes(self, minutes: float) -> None:
        self.limit_seconds = minutes * 60.0
