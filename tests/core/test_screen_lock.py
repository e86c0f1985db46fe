"""The idle clock and the idle-time setting: time asleep counts, a bad setting never disables."""

from __future__ import annotations

import pytest

from counselor_app.foundation.errors import InvalidInput
from counselor_app.school.core import School, write_setting
from counselor_app.settings.screen_lock import IdleClock, idle_lock_minutes, set_idle_lock_minutes

# The key earlier releases stored the setting under: it must keep working after an update.
IDLE_LOCK_SETTING = "ui.idle_lock_minutes"


class Clocks:
    def __init__(self) -> None:
        self.steady_now = 1000.0
        self.wall_now = 1_760_000_000.0

    def steady(self) -> float:
        return self.steady_now

    def wall(self) -> float:
        return self.wall_now

    def work(self, seconds: float) -> None:
        self.steady_now += seconds
        self.wall_now += seconds

    def sleep(self, seconds: float) -> None:
        """A suspended machine: the wall clock moves on, CLOCK_MONOTONIC does not."""
        self.wall_now += seconds


def test_idle_time_runs_out_unless_touched() -> None:
    clocks = Clocks()
    idle = IdleClock(300, steady=clocks.steady, wall=clocks.wall)
    clocks.work(299)
    assert not idle.expired()
    idle.touch()
    clocks.work(299)
    assert not idle.expired()
    clocks.work(1)
    assert idle.expired()


def test_time_asleep_counts_as_idle() -> None:
    clocks = Clocks()
    idle = IdleClock(300, steady=clocks.steady, wall=clocks.wall)
    clocks.work(10)
    clocks.sleep(3600)
    assert idle.expired()
    assert idle.idle_seconds() == pytest.approx(3610)


def test_a_clock_set_back_does_not_delay_locking() -> None:
    clocks = Clocks()
    idle = IdleClock(300, steady=clocks.steady, wall=clocks.wall)
    clocks.wall_now -= 7200
    clocks.steady_now += 300
    assert idle.expired()


def test_setting_default_range_and_bad_values(school: School) -> None:
    assert idle_lock_minutes(school) == 5
    set_idle_lock_minutes(school, 15)
    assert idle_lock_minutes(school) == 15
    for bad in (0, 61, "10", True, None):
        with pytest.raises(InvalidInput):
            set_idle_lock_minutes(school, bad)  # type: ignore[arg-type]
    # A hand-edited or damaged value falls back to the default instead of switching locking off.
    write_setting(school, IDLE_LOCK_SETTING, 0)
    assert idle_lock_minutes(school) == 5
    write_setting(school, IDLE_LOCK_SETTING, "never")
    assert idle_lock_minutes(school) == 5
