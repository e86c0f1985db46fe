"""A malformed failure-count file never locks anyone out: what cannot be read as a record counts as
no record, and the next write leaves only good records."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counselor_app.foundation.errors import AuthenticationFailed, WrongPassword
from counselor_app.school.core import unlock
from counselor_app.storage.unlock_throttle import UnlockThrottle, wait_after
from tests.conftest import NOW, PASSWORD

RECENT = (NOW - dt.timedelta(seconds=10)).isoformat()
GOOD_OTHER = {"赵主任": {"failures": 4, "last": RECENT}}

MALFORMED = {
    "not-json": "{ this is not json",
    "not-utf8": b"\xff\xfe\x00garbage",
    "a-list": "[1, 2, 3]",
    "a-number": "42",
    "entry-a-string": {"王老师": "locked"},
    "entry-a-list": {"王老师": [9, RECENT]},
    "last-not-a-date": {"王老师": {"failures": 9, "last": "yesterday"}},
    "last-missing": {"王老师": {"failures": 9}},
    "last-a-number": {"王老师": {"failures": 9, "last": 1760000000}},
    "last-in-the-future": {"王老师": {"failures": 9, "last": "9999-12-31T23:59:59+08:00"}},
    "last-without-a-zone": {"王老师": {"failures": 9, "last": RECENT[:19]}},
    "failures-negative": {"王老师": {"failures": -5, "last": RECENT}},
    "failures-huge": {"王老师": {"failures": 10**40, "last": RECENT}},
    "failures-a-string": {"王老师": {"failures": "9", "last": RECENT}},
    "failures-true": {"王老师": {"failures": True, "last": RECENT}},
    "failures-a-float": {"王老师": {"failures": 9.5, "last": RECENT}},
}


def write(path, content) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps({**content, **GOOD_OTHER}), encoding="utf-8")


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_record_never_stops_the_right_password(school, clock, content):
    paths = school.paths
    write(paths.unlock_failures, content)
    with unlock(paths, "王老师", PASSWORD, clock=clock) as again:
        assert again.user.name == "王老师"
    # Rewritten cleanly: only the good records are left (or no file when there are none).
    if paths.unlock_failures.exists():
        assert json.loads(paths.unlock_failures.read_text(encoding="utf-8")) == GOOD_OTHER
    else:
        assert not isinstance(content, dict)


@pytest.mark.parametrize("content", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_wrong_password_over_a_malformed_record_starts_a_clean_count(school, clock, content):
    paths = school.paths
    write(paths.unlock_failures, content)
    with pytest.raises(AuthenticationFailed, match="密码不正确"):
        unlock(paths, "王老师", "wrong-password", clock=clock)
    records = json.loads(paths.unlock_failures.read_text(encoding="utf-8"))
    assert records["王老师"] == {"failures": 1, "last": NOW.isoformat()}
    assert set(records) <= {"王老师", *GOOD_OTHER}


def test_a_folder_in_place_of_the_file_locks_nobody_out(school, clock):
    paths = school.paths
    paths.unlock_failures.mkdir()
    with pytest.raises(AuthenticationFailed, match="密码不正确"):
        unlock(paths, "王老师", "wrong-password", clock=clock)
    with unlock(paths, "王老师", PASSWORD, clock=clock):
        pass


def test_a_good_record_still_makes_the_next_attempt_wait(school, clock):
    three_seconds_ago = (NOW - dt.timedelta(seconds=3)).isoformat()
    record = {"王老师": {"failures": 4, "last": three_seconds_ago}}
    school.paths.unlock_failures.write_text(json.dumps(record))
    with pytest.raises(AuthenticationFailed, match="请等待 8 秒"):  # 10 s after 4 failures
        unlock(school.paths, "王老师", PASSWORD, clock=clock)


def test_the_wait_is_capped_and_cheap_for_any_count():
    assert [wait_after(n) for n in (0, 2, 3, 4, 5)] == [0, 0, 5, 10, 20]
    assert wait_after(10**9) == 300 and wait_after(100_000) == 300


def test_the_count_only_grows_to_its_cap(tmp_path):
    throttle = UnlockThrottle(tmp_path / "unlock-failures.json")
    (tmp_path / "unlock-failures.json").write_text(
        json.dumps({"王老师": {"failures": 100_000, "last": RECENT}})
    )
    throttle.record_failure("王老师", NOW)
    assert throttle.failures("王老师") == 100_000


def test_only_a_wrong_password_counts_towards_the_wait(school, clock):
    paths = school.paths
    with pytest.raises(WrongPassword) as caught:
        unlock(paths, "王老师", "wrong-password", clock=clock)
    # The same error a script sees as before: authentication failed, exit code 4, same words.
    assert isinstance(caught.value, AuthenticationFailed) and caught.value.exit_code == 4
    assert str(caught.value).startswith("密码不正确。")
    with pytest.raises(AuthenticationFailed) as unknown:
        unlock(paths, "李老师", "wrong-password", clock=clock)
    assert not isinstance(unknown.value, WrongPassword)
    records = json.loads(paths.unlock_failures.read_text(encoding="utf-8"))
    assert records == {"王老师": {"failures": 1, "last": NOW.isoformat()}}


def test_the_wrong_password_is_recognised_in_english_too(school, clock):
    from counselor_app.foundation.i18n import set_language

    set_language("en")
    with pytest.raises(WrongPassword, match="The password is not correct"):
        unlock(school.paths, "王老师", "wrong-password", clock=clock)
    records = json.loads(school.paths.unlock_failures.read_text(encoding="utf-8"))
    assert records["王老师"]["failures"] == 1
