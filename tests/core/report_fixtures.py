"""A small, realistic school for the printout tests, and hand-built self-check reports.

Students are named with characters that GB2312-only fonts lack (喆 玥 堃 赟) and one with a CJK
extension B character (𠀀) that no common font has, to test that a missing glyph is reported.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import add_account
from counselor_app.school.core import ADMIN, School, unlock
from counselor_app.selfcheck.context import TermInfo
from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.selfcheck.profiles import Profile, find_profile
from counselor_app.selfcheck.result import Evidence, RuleResult
from tests.conftest import CHINA, make_school

TERM = "2025—2026学年第一学期"
TERM_FIRST, TERM_LAST = dt.date(2025, 9, 1), dt.date(2026, 1, 23)
AFTER_TERM = dt.datetime(2026, 2, 10, 9, 0, tzinfo=CHINA)
SESSION_NOTE = "因期中考试失利出现明显焦虑，夜间失眠，约定每周复谈"
SAFETY_PLAN = "情绪崩溃时先找班主任陈老师；夜间由母亲陪伴；收好家中药品"
RARE_NAMES = ("张喆", "王玥", "李堃", "赵赟")
MISSING_GLYPH_NAME = "吴𠀀"  # U+20000 is in no common Chinese font
RARE_STAFF_NAME = "赵赟"
MISSING_GLYPH_STAFF = "吴𠀀"
PASSWORD = "correct-horse-42"
COUNSELLOR_NAME = "王老师"
ADMIN_NAME = "赵主任"


def load_profile(profile_id: str = "sucheng-2023") -> Profile:
    return find_profile(profile_id)


def fill_school(school: School) -> dict[str, int]:
    """One term, four staff, two classes, five students, a week of room hours, a closure day, and
    a key student (张喆) with sessions, a risk level, a crisis plan and follow-ups."""
    records = RecordService(school)
    ids: dict[str, int] = {}

    def make(name: str, record_type: str, values: dict[str, Any]) -> int:
        ids[name] = records.create(record_type, values).record_id
        return ids[name]

    make("term", "term", {"name": TERM, "first_day": "2025-09-01", "last_day": "2026-01-23"})
    make(
        "psych",
        "staff",
        {
            "staff_no": "T001",
            "name": "李心怡",
            "roles": "专职心理教师;任课教师",
            "qualification": "B",
        },
    )
    make(
        "head",
        "staff",
        {"staff_no": "T002", "name": "陈建国", "roles": "班主任;任课教师", "qualification": "C"},
    )
    make("subject", "staff", {"staff_no": "T003", "name": "周敏", "roles": "任课教师"})
    make("leader", "staff", {"staff_no": "T004", "name": "赵德明", "roles": "校领导"})
    make(
        "c0701",
        "class",
        {"class_code": "0701", "grade": 7, "name": "七年级1班", "head_teacher_id": ids["head"]},
    )
    make("c0702", "class", {"class_code": "0702", "grade": 7, "name": "七年级2班"})
    students = [
        ("zhe", "20250001", RARE_NAMES[0], "男", "c0701"),
        ("yue", "20250002", RARE_NAMES[1], "女", "c0701"),
        ("kun", "20250003", RARE_NAMES[2], "男", "c0702"),
        ("yun", "20250004", RARE_NAMES[3], "女", "c0702"),
        ("wu", "20250005", MISSING_GLYPH_NAME, "男", "c0702"),
    ]
    for key, number, name, sex, class_key in students:
        make(
            key,
            "student",
            {
                "student_no": number,
                "name": name,
                "sex": sex,
                "class_id": ids[class_key],
                "birth_date": "2012-05-01",
                "guardian": name[0] + "家长",
                "guardian_phone": "13800000000",
            },
        )
    for weekday in range(1, 6):
        records.create(
            "room_hours",
            {
                "weekday": weekday,
                "start_time": "12:10",
                "end_time": "13:00",
                "duty_staff_id": ids["psych"],
                "valid_from": "2025-09-01",
            },
        )
        records.create(
            "room_hours",
            {
                "weekday": weekday,
                "start_time": "16:00",
                "end_time": "17:30",
                "duty_staff_id": ids["subject"] if weekday % 2 else None,
                "valid_from": "2025-09-01",
            },
        )
    records.create("closure_day", {"date": "2025-11-14", "reason": "校运动会", "scope": "school"})
    with school.db.transaction():
        school.db.execute(
            "UPDATE school SET hotline = ?, mailbox = ?, outside_hotline = ?, booking_channels = ?"
            " WHERE id = 1",
            (
                "0527-8888 1234",
                "教学楼一楼东侧“悄悄话”信箱",
                "12356（全国心理援助热线）",
                '["in_person","phone","online"]',
            ),
        )
    rng = random.Random(3)
    topics = ["学业", "人际", "情绪", "家庭", "青春期", "网络"]
    day = TERM_FIRST
    while day < dt.date(2026, 1, 20):
        if day.weekday() < 5 and rng.random() < 0.35:
            who = rng.choice(["zhe", "yue", "kun", "yun"])
            records.create(
                "session",
                {
                    "date": day.isoformat(),
                    "start_time": "12:15",
                    "minutes": 40,
                    "kind": "个体" if rng.random() < 0.8 else "团体",
                    "students": [ids[who]],
                    "counsellor_id": ids["psych"],
                    "topic": rng.choice(topics),
                    "summary": SESSION_NOTE if who == "zhe" else "一般性咨询，情绪平稳",
                    "risk_level": 1 if who != "zhe" else 2,
                },
            )
        day += dt.timedelta(days=1)
    records.create(
        "risk_assessment",
        {
            "date": "2025-09-20",
            "student_id": ids["zhe"],
            "level": 2,
            "assessed_by_id": ids["psych"],
            "basis": "MHT 总分偏高，访谈中表达无望感",
        },
    )
    records.create(
        "screening",
        {
            "date": "2025-09-10",
            "student_id": ids["zhe"],
            "instrument": "MHT",
            "score": 68,
            "result_level": 2,
        },
    )
    make(
        "plan",
        "crisis_plan",
        {
            "student_id": ids["zhe"],
            "created_on": "2025-09-22",
            "level": 2,
            "care_teachers": [ids["psych"], ids["head"], ids["subject"]],
            "care_peers": [ids["yue"]],
            "care_parents": ["张父（父亲）", "张母（母亲）"],
            "safety_plan": SAFETY_PLAN,
            "measures": "每周一次个体辅导；班主任每日观察；减少课业压力",
            "referral_to": "市第四人民医院心理科",
            "referral_on": "2025-09-25",
            "guardian_informed_on": "2025-09-22",
            "next_review_on": "2025-11-01",
        },
    )
    for date, content in (
        ("2025-10-08", "情绪较前稳定，睡眠改善"),
        ("2025-11-03", "复诊后按时服药，与同学关系好转"),
    ):
        records.create(
            "follow_up",
            {
                "date": date,
                "student_id": ids["zhe"],
                "teacher_id": ids["psych"],
                "content": content,
            },
        )
    records.create(
        "home_visit",
        {
            "date": "2025-10-12",
            "student_id": ids["zhe"],
            "teacher_id": ids["head"],
            "mode": "入户",
            "summary": "与父母沟通作息安排",
        },
    )
    return ids


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The filled school, built once per test session (filling takes a second or two)."""
    from counselor_app.storage import keys
    from tests.conftest import FAST_KDF

    folder = tmp_path_factory.mktemp("reports") / "school"
    school = new_school(folder)
    try:
        ids = fill_school(school)
        with pytest.MonkeyPatch.context() as patch:  # the admin's key wrap, cheaply
            patch.setattr(keys, "DEFAULT_KDF", FAST_KDF)
            add_account(school, ADMIN_NAME, ADMIN, PASSWORD)
    finally:
        school.close()
    return folder, ids


@pytest.fixture
def school_folder(filled_template: tuple[Path, dict[str, int]], tmp_path: Path) -> Path:
    """A private copy of the filled school's data folder."""
    folder = tmp_path / "school"
    shutil.copytree(filled_template[0], folder)
    return folder


@pytest.fixture
def ids(filled_template: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return filled_template[1]


def open_copy(folder: Path, user: str = COUNSELLOR_NAME) -> School:
    return unlock(SchoolPaths(folder), user, PASSWORD, clock=fixed_clock(AFTER_TERM))


@pytest.fixture
def counsellor(school_folder: Path) -> Iterator[School]:
    with open_copy(school_folder) as school:
        yield school


@pytest.fixture
def administrator(school_folder: Path) -> Iterator[School]:
    with open_copy(school_folder, ADMIN_NAME) as school:
        yield school


# -- reading PDFs back -----------------------------------------------------------------------------
def pdf_text(data: bytes) -> str:
    """The text of a PDF as pdftotext extracts it (pages separated by form feeds)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot read the PDF's text")
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height in points of every page's MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return [(float(w), float(h)) for w, h in boxes]


def assert_fonts_embedded(data: bytes, tmp_path: Path) -> None:
    """Every font in the PDF is embedded: by pdffonts if installed, else by the PDF's objects."""
    if shutil.which("pdffonts"):
        path = tmp_path / "fonts-check.pdf"
        path.write_bytes(data)
        lines = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines, "the PDF has no fonts at all"
        for line in lines:
            assert line.split()[-5] == "yes", f"not embedded: {line}"
    else:  # without poppler: every font object must have an embedded TrueType program
        assert data.count(b"/FontFile2") >= data.count(b"/FontDescriptor") > 0
        assert b"/BaseFont /Helvetica" not in data


def term_info() -> TermInfo:
    return TermInfo(1, TERM, TERM_FIRST, TERM_LAST)


def hand_built_report(profile_id: str = "sucheng-2023", extra_students: int = 0) -> SelfCheckReport:
    """A report with every status, evidence of several kinds, a confirmed manual rule and one not
    yet confirmed (the last manual rule of the profile): yearly rules are 学年末评定, and the
    monitor training does not apply."""
    profile = load_profile(profile_id)
    cycle = ("pass", "fail", "no_data", "pass", "fail")
    manual_rules = [r.id for r in profile.rules if r.metric == "manual"]
    results = []
    for n, rule in enumerate(profile.rules):
        if rule.metric == "manual":
            confirmation = {
                "confirmed": True,
                "note": "已落实“五项管理”，未公布考试排名",
                "by": "王老师",
                "at": "2026-02-09T10:00:00+08:00",
            }
            waiting = len(manual_rules) > 1 and rule.id == manual_rules[-1]
            results.append(
                RuleResult(rule.id, "manual", None, None, (), "", None if waiting else confirmation)
            )
            continue
        if rule.yearly:
            results.append(
                RuleResult(
                    rule.id,
                    "year_end",
                    0.6,
                    1.0,
                    (
                        Evidence(
                            "student", "20250002", "学号 20250002（班级 0701）", "本学年无测评记录"
                        ),
                    ),
                    "此项为学年要求，本学年至今尚未达到；在本学年最后一个学期评定是否达标。",
                )
            )
            continue
        if rule.id == "SC-12-monitor-training":
            results.append(RuleResult(rule.id, "not_applicable", None, 1, (), "本学期不评定此项。"))
            continue
        status = cycle[n % len(cycle)]
        evidence: tuple[Evidence, ...] = ()
        if status == "fail" and n % 2:
            evidence = tuple(
                Evidence("class", f"07{c:02d}", f"七年级{c}班", f"{c % 9} 课时，应 11 课时")
                for c in range(1, 12)
            )
        elif status == "fail":
            # Students by 学号 and class, as the metrics name them; staff by 工号 and name.
            evidence = (
                Evidence("student", "20250001", "学号 20250001（班级 0701）", "本学年无测评记录"),
                Evidence("week", "2025-11-10", "第 11 周", "开放 5.5 小时，应 6.4 小时"),
                Evidence("staff", "T004", RARE_STAFF_NAME, "平均每周 6 课时"),
                Evidence("staff", "T005", MISSING_GLYPH_STAFF, "平均每周 4 课时"),
                *(
                    Evidence(
                        "student",
                        f"2025{k:04d}",
                        f"学号 2025{k:04d}（班级 0702）",
                        "本学年无测评记录",
                    )
                    for k in range(10, 10 + extra_students)
                ),
            )
        results.append(
            RuleResult(
                rule.id,
                status,
                None if status == "no_data" else 0.8 + n / 100,
                1.0 if status != "no_data" else 2,
                evidence,
                "其中 2 名学生已转出，不计入" if n == 3 else "",
            )
        )
    return SelfCheckReport(
        "阳光实验学校", "uid-1", term_info(), profile, "2026-02-10T09:00:00+08:00", tuple(results)
    )


def new_school(folder: Path) -> School:
    """An empty school with the fast test KDF (also used by the benchmark)."""

    created = make_school(folder, name="阳光实验学校", user=COUNSELLOR_NAME, now=AFTER_TERM)
    return created.school
