"""Benchmark of the self-check and the printouts on a 3,000-student, 3-year demo school.

Run it with ``python bench/bench_reports.py`` (well under a minute). It makes the demo school in a
temporary folder (removed afterwards), then measures, each in a fresh Python process so that the
first run pays what a counsellor's first click pays (importing reportlab and matplotlib, loading the
Chinese font):

- (a) the self-check rules alone (``run_self_check``, profile sucheng-2023, the longest),
- (b) the rules and the PDF with its charts, written to disk: goal under 3 s together,
- (c) the counselling room's weekly schedule PDF: goal under 0.5 s,

and then the same again, warm, in the same process (median of a few runs). Opening the school is
not counted (``bench_foundation.py`` measures unlocking). Exit code 0 when every goal is met, 1
otherwise. ``--keep DIR`` leaves the PDFs in DIR to look at. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

USER = "王老师"
PASSWORD = "bench-password-42"
TERM = "2025—2026学年第一学期"
PROFILE = "sucheng-2023"
# A school day late in the autumn term: the demo's newest term is the one holding this date.
NOW = dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SCHEDULE_DAY = dt.date(2025, 10, 13)
SELF_CHECK_GOAL = 3.0
SCHEDULE_GOAL = 0.5
WARM_RUNS = 3


def _clock():  # type: ignore[no-untyped-def]
    from counselor_app.foundation.clock import fixed_clock

    return fixed_clock(NOW)


def make_school(folder: Path, students: int, years: int) -> str:
    from counselor_app.demo.generator import generate_demo_school
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.settings.setup_wizard import set_up_school
    from counselor_app.storage.keys import KdfParams

    cheap = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)  # unlocking is not measured
    created = set_up_school(
        SchoolPaths(folder),
        school_name="阳光实验学校（演示）",
        user_name=USER,
        password=PASSWORD,
        clock=_clock(),
        kdf=cheap,
    )
    try:
        summary = generate_demo_school(created.school, students=students, years=years, seed=1)
    finally:
        created.school.close()
    return str(summary)


def measure(task: str, folder: Path, out: Path) -> dict[str, float]:
    """Run one task cold, then warm; seconds for each. Runs in the child process."""
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    school = unlock(SchoolPaths(folder), USER, PASSWORD, clock=_clock())

    def rules() -> None:
        from counselor_app.selfcheck.engine import run_self_check

        run_self_check(school, TERM, PROFILE)

    def rules_and_pdf() -> None:
        from counselor_app.reports.selfcheck_pdf import write_selfcheck_pdf
        from counselor_app.selfcheck.engine import run_self_check

        report = run_self_check(school, TERM, PROFILE)
        write_selfcheck_pdf(school, report, out / "selfcheck.pdf")

    def schedule() -> None:
        from counselor_app.reports.schedule_pdf import write_schedule_pdf

        write_schedule_pdf(school, SCHEDULE_DAY, out / "schedule.pdf")

    action = {"rules": rules, "rules+pdf": rules_and_pdf, "schedule": schedule}[task]
    times = []
    for _ in range(1 + WARM_RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    school.close()
    return {"cold": times[0], "warm": statistics.median(times[1:])}


def report(label: str, seconds: float, goal: float | None, note: str = "") -> bool:
    met = goal is None or seconds < goal
    target = "" if goal is None else f"goal < {goal:g} s"
    verdict = "" if goal is None else ("ok" if met else "MISSED")
    print(f"  {label:<30} {seconds:7.3f} s   {target:<13} {verdict:<6} {note}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="leave the PDFs in this folder")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # child process: one task
    parser.add_argument("--school", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.school, args.out)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as temp:
        folder = Path(temp) / "school"
        out = args.keep or Path(temp) / "out"
        out.mkdir(parents=True, exist_ok=True)
        print(f"Demo school: {args.students} students, {args.years} years …", flush=True)
        start = time.perf_counter()
        print(f"  {make_school(folder, args.students, args.years)}")
        print(f"  made in {time.perf_counter() - start:.1f} s\n")
        results = {}
        for task in ("rules", "rules+pdf", "schedule"):
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--measure",
                    task,
                    "--school",
                    str(folder),
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(child.stderr, file=sys.stderr)
                return 1
            results[task] = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"Self-check ({PROFILE}, {TERM}) and printouts, first run in a new process:")
        ok = [
            report("(a) rules alone", results["rules"]["cold"], None),
            report("(b) rules + PDF with charts", results["rules+pdf"]["cold"], SELF_CHECK_GOAL),
            report("(c) weekly schedule PDF", results["schedule"]["cold"], SCHEDULE_GOAL),
        ]
        print(f"\nThe same, warm (median of {WARM_RUNS} runs in the same process):")
        ok += [
            report("(a) rules alone", results["rules"]["warm"], None),
            report("(b) rules + PDF with charts", results["rules+pdf"]["warm"], SELF_CHECK_GOAL),
            report("(c) weekly schedule PDF", results["schedule"]["warm"], SCHEDULE_GOAL),
        ]
        if args.keep:
            print(f"\nPDFs kept in {args.keep}")
        else:
            shutil.rmtree(out, ignore_errors=True)
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
