"""Benchmark of the district bundle: export on the 3,000-student demo school, and a district summary
of 300 bundles.

Run it with ``python bench/bench_bundle.py`` (about a minute). It works in a temporary folder that
it removes afterwards (``--keep DIR`` keeps the files in DIR instead) and prints each time next to
its goal:

- (a) ``bundle export`` for the 3,000-student, 3-year demo school, in a fresh Python process (what
  a counsellor's first click pays: imports, the self-check, the PDF with its charts, pseudonyms,
  statistics, sealing, writing): goal under 2 s; and warm, in the same process;
- (b) ``district summary`` of 300 bundles from 300 schools (unlocking the district key with its
  passphrase, checking and decrypting every bundle, the Excel workbook and the PDF): goal under 30 s.

The 300 bundles are made cheaply: the demo school's real parts (its PDF, self-check JSON and
statistics) resealed under 300 freshly made school keys with varied school names and rule results,
each registered with the district. Opening the school is not counted (``bench_foundation.py``
measures unlocking). Exit code 0 when every goal is met, 1 otherwise. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

USER = "王老师"
PASSWORD = "bench-password-42"
PASSPHRASE = "bench-district-42"
TERM = "2025—2026学年第一学期"
PROFILE = "sucheng-2023"
NOW = dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
EXPORT_GOAL = 2.0
SUMMARY_GOAL = 30.0
SCHOOLS = 300
WARM_RUNS = 3


def make_school(folder: Path, district_public: Path) -> str:
    from counselor_app.bundle.school_keys import import_district_key
    from counselor_app.demo.generator import generate_demo_school
    from counselor_app.foundation.clock import fixed_clock
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.settings.setup_wizard import set_up_school
    from counselor_app.storage.keys import KdfParams

    cheap = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)  # unlocking is not measured
    created = set_up_school(
        SchoolPaths(folder),
        school_name="阳光实验学校（演示）",
        user_name=USER,
        password=PASSWORD,
        clock=fixed_clock(NOW),
        kdf=cheap,
    )
    with created.school as school:
        summary = generate_demo_school(school, students=3000, years=3, seed=1)
        import_district_key(school, district_public)
    return str(summary)


def measure_export(folder: Path, out: Path) -> dict[str, float]:
    """Cold, then warm; runs in a fresh child process."""
    from counselor_app.foundation.clock import fixed_clock
    from counselor_app.foundation.paths import SchoolPaths
    from counselor_app.school.core import unlock

    school = unlock(SchoolPaths(folder), USER, PASSWORD, clock=fixed_clock(NOW))
    start = time.perf_counter()
    from counselor_app.bundle.export import export_bundle

    export_bundle(school, term=TERM, profile=PROFILE, output=out)
    cold = time.perf_counter() - start
    warm = []
    for n in range(WARM_RUNS):
        start = time.perf_counter()
        export_bundle(school, term=TERM, profile=PROFILE, output=out.with_name(f"warm{n}.zip"))
        warm.append(time.perf_counter() - start)
    school.close()
    return {"cold": cold, "warm": sorted(warm)[len(warm) // 2]}


def make_bundles(district_dir: Path, source: Path, out_dir: Path) -> list[Path]:
    """300 schools' bundles from the demo bundle's parts, each school registered."""
    from counselor_app.bundle.district import STATE_FILE, DistrictDesk, read_public_key
    from counselor_app.bundle.district_state import DistrictState, RegisteredSchool
    from counselor_app.bundle.school_keys import verify_key_fingerprint
    from counselor_app.bundle.seal import seal_bundle
    from counselor_app.bundle.signing import SigningKey

    public = read_public_key(district_dir)
    desk = DistrictDesk.unlock(district_dir, PASSPHRASE)
    state = DistrictState.load(district_dir / STATE_FILE)
    schools = []
    for _ in range(SCHOOLS):
        key = SigningKey.generate()
        fingerprint = verify_key_fingerprint(key.verify_key)
        state.schools.append(RegisteredSchool(fingerprint, key.verify_key.base64))
        schools.append((key, fingerprint))
    state.save(district_dir / STATE_FILE)
    checked = desk.check_bundle(source.read_bytes(), str(source))
    parts = dict(checked.contents.parts)
    selfcheck = json.loads(parts["selfcheck.json"])
    rng = random.Random(7)
    paths = []
    for n, (key, fingerprint) in enumerate(schools, start=1):
        uid = uuid.uuid4().hex
        for rule in selfcheck["rules"]:
            rule["status"] = rng.choice(["pass", "pass", "pass", "fail", "no_data"])
        selfcheck["school"], selfcheck["school_uid"] = f"第{n}中学", uid
        parts["selfcheck.json"] = json.dumps(selfcheck, ensure_ascii=False).encode()
        manifest = dataclasses.replace(
            checked.manifest,
            bundle_id=uuid.uuid4().hex,
            school_name=f"第{n}中学",
            school_uid=uid,
            school_fingerprint=fingerprint,
        )
        sealed = seal_bundle(manifest, parts, key, public)
        path = out_dir / f"school-{n:03d}.zip"
        path.write_bytes(sealed.data)
        paths.append(path)
        key.wipe()
    return paths


def measure_summary(district_dir: Path, bundles: list[Path], out: Path) -> dict[str, float]:
    from counselor_app.bundle.district import DistrictDesk
    from counselor_app.bundle.summary import summarize
    from counselor_app.bundle.summary_pdf import build_summary_pdf
    from counselor_app.bundle.summary_xlsx import write_summary_xlsx

    start = time.perf_counter()
    desk = DistrictDesk.unlock(district_dir, PASSPHRASE)
    unlocked = time.perf_counter()
    summary = summarize(desk, bundles)
    checked = time.perf_counter()
    write_summary_xlsx(summary, out / "summary.xlsx")
    build_summary_pdf(summary, generated_at=NOW.isoformat()).save(out / "summary.pdf")
    done = time.perf_counter()
    if len(summary.rows) != len(bundles) or summary.refused:
        raise SystemExit(f"summary left bundles out: {summary.refused[:3]}")
    return {
        "total": done - start,
        "unlock": unlocked - start,
        "check": checked - unlocked,
        "write": done - checked,
    }


def report(label: str, seconds: float, goal: float | None, note: str = "") -> bool:
    met = goal is None or seconds < goal
    target = f"goal < {goal:.0f} s" if goal else ""
    verdict = ("ok" if met else "MISSED") if goal else ""
    print(f"  {label:<40} {seconds:8.2f} s   {target:<12} {verdict:<6} {note}")
    return met


def child(task: str, folder: str, out: str) -> None:
    result = measure_export(Path(folder), Path(out)) if task == "export" else {}
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="keep the school, keys and bundles in this folder")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    from counselor_app.bundle.district import PUBLIC_FILE, generate_district_keys

    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-bundle-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        district_dir = work / "district"
        if district_dir.exists():
            shutil.rmtree(district_dir)
        generate_district_keys(
            district_dir, district="演示区教育局", passphrase=PASSPHRASE, now=NOW
        )
        school_dir = work / "school"
        if school_dir.exists():
            shutil.rmtree(school_dir)
        start = time.perf_counter()
        made = make_school(school_dir, district_dir / PUBLIC_FILE)
        print(f"demo school made in {time.perf_counter() - start:.1f} s: {made}")
        bundle = work / "demo-bundle.zip"
        output = subprocess.run(
            [sys.executable, __file__, "--child", "export", str(school_dir), str(bundle)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        export_times = json.loads(output.strip().splitlines()[-1])
        size = bundle.stat().st_size / 1024
        ok = report(
            "export, cold (new process)", export_times["cold"], EXPORT_GOAL, f"{size:.0f} KiB"
        )
        report("export, warm (median)", export_times["warm"], None)

        # The demo school must be registered to read its bundle's parts.
        from counselor_app.bundle.district import register_school
        from counselor_app.bundle.school_keys import verify_key_fingerprint
        from counselor_app.bundle.unseal import check_outer

        outer = check_outer(bundle.read_bytes(), str(bundle))
        register_school(
            district_dir,
            bundle.read_bytes(),
            str(bundle),
            confirmed_fingerprint=verify_key_fingerprint(outer.school_key),
            now=NOW,
        )
        bundles_dir = work / "bundles"
        bundles_dir.mkdir(exist_ok=True)
        start = time.perf_counter()
        bundles = make_bundles(district_dir, bundle, bundles_dir)
        print(f"{len(bundles)} bundles made in {time.perf_counter() - start:.1f} s")
        times = measure_summary(district_dir, bundles, work)
        ok &= report(f"district summary of {len(bundles)} bundles", times["total"], SUMMARY_GOAL)
        report("  unlocking the district key", times["unlock"], None, "(age's scrypt)")
        report("  checking and decrypting", times["check"], None)
        report("  writing the workbook and PDF", times["write"], None)
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
