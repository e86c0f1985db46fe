"""First benchmark of the foundation: demo data, unlock and student search, at the real KDF cost.

Run it with ``python bench/bench_foundation.py`` (a few tens of seconds). It works in a temporary
folder that it removes afterwards, and prints each time next to its goal:

- ``demo-data --students 3000 --years 3`` under 60 s,
- unlocking with a password (Argon2id at the shipped cost, integrity check, migration check) under
  1 s,
- a student search (median of 20 runs per query) under 50 ms.

Exit code 0 when every goal is met, 1 otherwise. Not collected by pytest (no ``test_`` name).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, unlock
from counselor_app.settings.setup_wizard import set_up_school
from counselor_app.students.search import search_students

USER = "王老师"
PASSWORD = "bench-password-42"
DEMO_GOAL = 60.0
UNLOCK_GOAL = 1.0
SEARCH_GOAL = 0.050
SEARCH_RUNS = 20
UNLOCK_RUNS = 5
T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def report(label: str, seconds: float, goal: float, note: str = "") -> bool:
    met = seconds < goal
    shown = f"{seconds * 1000:8.1f} ms" if goal < 1 else f"{seconds:8.2f} s "
    target = f"{goal * 1000:.0f} ms" if goal < 1 else f"{goal:.0f} s"
    print(f"  {label:<26} {shown}   goal < {target:<6} {'ok' if met else 'MISSED':<6} {note}")
    return met


def search_queries(school: School) -> list[tuple[str, str]]:
    """Queries of every kind, taken from the generated school so that they find someone."""
    db = school.db
    name = db.scalar("SELECT name FROM student WHERE status = 'enrolled' ORDER BY id LIMIT 1")
    number = db.scalar("SELECT student_no FROM student WHERE status = 'enrolled' LIMIT 1")
    code, class_name = db.query_one("SELECT class_code, name FROM class ORDER BY id LIMIT 1")
    return [
        ("pinyin initials", "zs"),
        ("partial pinyin", "zhangs"),
        ("full pinyin", "wanghao"),
        ("surname", "张"),
        ("full name", name),
        ("mixed Chinese and pinyin", "张s"),
        ("student number prefix", number[:4]),
        ("student number", number),
        ("class code", code),
        ("class name", class_name),
        ("rare character", "喆"),
    ]


def bench_demo_data(paths: SchoolPaths, students: int, years: int, seed: int) -> bool:
    school = set_up_school(
        paths, school_name="基准测试学校", user_name=USER, password=PASSWORD
    ).school
    try:
        print(f"demo-data --students {students} --years {years} --seed {seed}")
        seconds, summary = timed(
            partial(generate_demo_school, school, students=students, years=years, seed=seed)
        )
        print(f"  {summary}")
        met = report("demo data", seconds, DEMO_GOAL)
    finally:
        school.close()
    print(f"  database file: {paths.database.stat().st_size / 1e6:.1f} MB")
    return met


def bench_unlock(paths: SchoolPaths) -> bool:
    print(f"unlock (median of {UNLOCK_RUNS})")
    times = []
    for _ in range(UNLOCK_RUNS):
        seconds, opened = timed(partial(unlock, paths, USER, PASSWORD))
        times.append(seconds)
        opened.close()
    return report("unlock", statistics.median(times), UNLOCK_GOAL, f"slowest {max(times):.2f} s")


def bench_search(paths: SchoolPaths) -> list[bool]:
    print(f"student search (median of {SEARCH_RUNS}, limit 50)")
    school = unlock(paths, USER, PASSWORD)
    results = []
    try:
        for label, query in search_queries(school):
            times = []
            found = 0
            for _ in range(SEARCH_RUNS):
                seconds, hits = timed(partial(search_students, school.db, query))
                times.append(seconds)
                found = len(hits)
            note = f"{query!r}: {found} found"
            results.append(report(label, statistics.median(times), SEARCH_GOAL, note))
    finally:
        school.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="counselor-bench-") as folder:
        paths = SchoolPaths(Path(folder) / "school")
        results = [bench_demo_data(paths, args.students, args.years, args.seed)]
        results.append(bench_unlock(paths))
        results.extend(bench_search(paths))
    print("all goals met" if all(results) else "SOME GOALS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
