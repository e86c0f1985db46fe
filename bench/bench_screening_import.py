"""Benchmark of a screening platform's export for a whole school: goal under 10 s.

Run it with ``python bench/bench_screening_import.py`` (under a minute). It makes the 3,000-student
demo school in a temporary folder (removed afterwards; ``--keep DIR`` keeps it in DIR), writes a
platform-style PHQ-9 export of every enrolled student (the platform's own headers, answers as
words, a submission time per row; see ``tests/core/screening/platform_round.py``), and measures
``counselor-app screening import`` on it in a fresh Python process (imports, unlocking with cheap
key derivation, reading the file, checking every row, consent, scoring and saving) and, warm, the
import alone in this process. It checks that exactly the students the round flags are flagged.
Exit code 0 when the goal is met, 1 otherwise. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
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
NOW = dt.datetime(2025, 10, 16, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
GOAL = 10.0
REASON = "全校筛查，家长会已告知（演示）"


def make_school(folder: Path) -> None:
    from counselor_app.demo.generator import generate_demo_school
    from counselor_app.foundation.clock import fixed_clock
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.settings.setup_wizard import set_up_school
    from counselor_app.storage.keys import KdfParams

    cheap = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)  # unlocking is not measured
    created = set_up_school(
        SchoolPaths(folder),
        school_name="实验中学",
        user_name=USER,
        password=PASSWORD,
        clock=fixed_clock(NOW),
        kdf=cheap,
    )
    generate_demo_school(created.school, students=3000)
    created.school.close(backup=False)


def flagged(folder: Path) -> tuple[set[str], set[str], int]:
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    school = unlock(SchoolPaths(folder), USER, PASSWORD)
    try:
        rows = school.db.query(
            "SELECT s.student_no, sc.flagged, sc.critical_items FROM screening sc"
            " JOIN student s ON s.id = sc.student_id WHERE sc.way = 'platform'"
        )
    finally:
        school.close(backup=False)
    return (
        {str(r[0]) for r in rows if r[1]},
        {str(r[0]) for r in rows if r[2] == "[9]"},
        len(rows),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the school and the export in this folder")
    args = parser.parse_args()
    place = args.keep or Path(tempfile.mkdtemp(prefix="bench-screening-"))
    place.mkdir(parents=True, exist_ok=True)
    try:
        from counselor_app.foundation.paths import SchoolPaths
        from counselor_app.school.core import unlock
        from tests.core.screening.platform_round import write_round

        school_dir = place / "school"
        started = time.perf_counter()
        make_school(school_dir)
        school = unlock(SchoolPaths(school_dir), USER, PASSWORD)
        made = write_round(school, place / "平台导出.xlsx")
        school.close(backup=False)
        print(f"demo school and export of {made.students} students: "
              f"{time.perf_counter() - started:.1f} s (not counted)")  # fmt: skip
        backup = place / "school-before"
        shutil.copytree(school_dir, backup)

        environment = {**os.environ, "COUNSELOR_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}
        command = [
            sys.executable, "-m", "counselor_app", "--data-dir", str(school_dir), "--user", USER,
            "screening", "import", str(made.path), "--scale", "PHQ-9",
            "--consent-exception", REASON,
        ]  # fmt: skip
        started = time.perf_counter()
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        cold = time.perf_counter() - started
        print(result.stdout.strip() or result.stderr.strip())
        if result.returncode != 0:
            print(f"the import failed with exit code {result.returncode}")
            return 1
        got_flagged, got_critical, count = flagged(school_dir)
        right = (got_flagged, got_critical, count) == (made.flagged, made.critical, made.students)
        print(
            f"(a) screening import of {made.students} students, fresh process: {cold:.2f} s "
            f"(goal < {GOAL:.0f} s); flagged {len(got_flagged)}, critical {len(got_critical)}: "
            f"{'exactly the expected students' if right else 'NOT the expected students'}"
        )

        shutil.rmtree(school_dir)
        shutil.copytree(backup, school_dir)
        from counselor_app.screening.mapping import guess_mapping
        from counselor_app.screening.platform_import import import_table, scale_library
        from counselor_app.workbook.platform_file import read_export

        school = unlock(SchoolPaths(school_dir), USER, PASSWORD)
        try:
            started = time.perf_counter()
            scale = scale_library(school).find("PHQ-9")
            table = read_export(made.path)
            import_table(
                school,
                table,
                scale,
                guess_mapping(table.header, scale),
                consent_exception=REASON,
            )
            warm = time.perf_counter() - started
        finally:
            school.close(backup=False)
        print(f"(b) the same import in a warm process (read, check, save): {warm:.2f} s")
        return 0 if right and cold < GOAL else 1
    finally:
        if args.keep is None:
            shutil.rmtree(place, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
