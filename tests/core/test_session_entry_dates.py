"""A session's entry date (录入日期): today for a session typed into the program, unknown for one
imported without it, kept unknown through edits, exports and re-imports, and left out of the
Jiangmen prompt-recording rule (JM-2.4) instead of counting as late."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.selfcheck.engine import run_self_check
from counselor_app.selfcheck.result import NO_DATA, PASS
from counselor_app.workbook import export_workbook, import_workbook, write_template
from tests.conftest import NOW
from tests.core.test_workbook import database_content, new_school, write_book

TODAY = NOW.date().isoformat()  # 2025-10-16, inside the autumn term
TERM = "2025—2026学年第一学期"
SESSION_HEADER = ["日期", "开始时间", "时长(分钟)", "类型", "学号", "辅导教师工号"]
ROSTER: dict[str, list[list[Any]]] = {
    "学期": [["学期名称", "开始日期", "结束日期"], [TERM, "2025-09-01", "2026-01-23"]],
    "教职工": [["工号", "姓名", "岗位"], ["T001", "欧阳晞", "专职心理教师"]],
    "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
    "学生": [["学号", "姓名", "性别", "班级编号"], ["20250002", "钱堃", "男", "0701"]],
}


def history(count: int, *, first: dt.date = dt.date(2025, 9, 1)) -> list[list[Any]]:
    """``count`` session rows on consecutive days from ``first``, with no 录入日期 column."""
    return [
        [(first + dt.timedelta(days=i)).isoformat(), "14:00", 50, "个体", "20250002", "T001"]
        for i in range(count)
    ]


def import_sessions(school: School, path: Path, rows: list[list[Any]]) -> Path:
    """Import a workbook whose only sheet is 辅导记录 with ``rows`` under ``SESSION_HEADER``."""
    book = write_book(path, {"辅导记录": [SESSION_HEADER, *rows]})
    import_workbook(school, book)
    return book


def entry_dates(school: School) -> dict[str, str | None]:
    return {s["date"]: s["entered_on"] for s in RecordService(school).find("session")}


@pytest.fixture
def service(school: School, tmp_path: Path) -> RecordService:
    import_workbook(school, write_book(tmp_path / "名册.xlsx", ROSTER))
    return RecordService(school)


def ids(school: School) -> tuple[int, int]:
    staff = school.db.scalar("SELECT id FROM staff WHERE staff_no = 'T001'")
    student = school.db.scalar("SELECT id FROM student WHERE student_no = '20250002'")
    return int(staff), int(student)


def new_session(school: School, date: str, **values: Any) -> dict[str, Any]:
    staff, student = ids(school)
    return {
        "date": date,
        "start_time": "10:00",
        "minutes": 50,
        "kind": "individual",
        "students": [student],
        "counsellor_id": staff,
        **values,
    }


# -- typed in the program -------------------------------------------------------------------------
def test_a_session_typed_in_the_program_is_entered_today(school, service):
    change = service.create("session", new_session(school, "2025-10-14"))
    assert service.get("session", change.record_id)["entered_on"] == TODAY


def test_an_entry_date_typed_with_the_session_is_kept(school, service):
    change = service.create("session", new_session(school, "2025-10-14", entered_on="2025-10-15"))
    assert service.get("session", change.record_id)["entered_on"] == "2025-10-15"


def test_editing_a_session_whose_entry_date_is_unknown_does_not_invent_one(
    school, service, tmp_path
):
    import_sessions(school, tmp_path / "s.xlsx", history(1))
    [session] = service.find("session")
    assert service.check("session", session, record_id=session["id"]) == []

    service.update("session", session["id"], {"summary": "补记摘要", "minutes": 45})

    edited = service.get("session", session["id"])
    assert (edited["summary"], edited["minutes"], edited["entered_on"]) == ("补记摘要", 45, None)


def test_an_entry_date_can_be_filled_in_later_and_cleared_again(school, service):
    change = service.create("session", new_session(school, "2025-10-14"))
    service.update("session", change.record_id, {"entered_on": None})
    assert service.get("session", change.record_id)["entered_on"] is None
    service.update("session", change.record_id, {"entered_on": "2025-10-15"})
    assert service.get("session", change.record_id)["entered_on"] == "2025-10-15"


# -- the workbook ---------------------------------------------------------------------------------
def test_an_import_keeps_the_entry_dates_it_has_and_leaves_the_others_unknown(
    school, service, tmp_path
):
    with_column = [
        [*SESSION_HEADER, "录入日期"],
        ["2025-09-01", "14:00", 50, "个体", "20250002", "T001", "2025-09-03"],
        ["2025-09-02", "14:00", 50, "个体", "20250002", "T001", None],
        ["2025-09-03", "14:00", 50, "个体", "20250002", "T001", dt.date(2025, 9, 20)],
    ]
    import_workbook(school, write_book(tmp_path / "a.xlsx", {"辅导记录": with_column}))
    import_sessions(school, tmp_path / "b.xlsx", history(1, first=dt.date(2025, 9, 4)))

    assert entry_dates(school) == {
        "2025-09-01": "2025-09-03",
        "2025-09-02": None,
        "2025-09-03": "2025-09-20",
        "2025-09-04": None,
    }


def test_reimporting_history_stamped_by_an_older_release_adds_nothing(school, service, tmp_path):
    book = import_sessions(school, tmp_path / "台账.xlsx", history(3))
    # What a release before schema 5 stored: the day of the import as every entry date.
    school.db.execute("UPDATE counselling_session SET entered_on = ?", ("2025-10-01",))
    before = database_content(school)

    report = import_workbook(school, book)

    assert (report["辅导记录"].added, report["辅导记录"].unchanged) == (0, 3)
    assert database_content(school) == before


def test_an_unknown_entry_date_is_exported_empty_and_survives_the_round_trip(
    school, service, tmp_path
):
    import_sessions(school, tmp_path / "台账.xlsx", history(2))
    service.create("session", new_session(school, "2025-10-14"))
    exported = tmp_path / "导出.xlsx"
    export_workbook(school, exported)

    rows = list(openpyxl.load_workbook(exported)["辅导记录"].iter_rows(values_only=True))
    header = [str(h).rstrip("*") for h in rows[0]]
    date, entered = header.index("日期"), header.index("录入日期")
    assert {row[date].date().isoformat(): row[entered] for row in rows[1:]} == {
        "2025-09-01": None,
        "2025-09-02": None,
        "2025-10-14": dt.datetime(2025, 10, 16),
    }

    before = database_content(school)
    assert not import_workbook(school, exported).changed_anything
    assert database_content(school) == before

    other = new_school(tmp_path / "other")
    try:
        import_workbook(other, exported)
        assert (
            entry_dates(other)
            == entry_dates(school)
            == {
                "2025-09-01": None,
                "2025-09-02": None,
                "2025-10-14": TODAY,
            }
        )
    finally:
        other.close()


def test_the_template_says_what_an_empty_entry_date_means(tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template(path, today=NOW.date())
    sheet = openpyxl.load_workbook(path)["辅导记录"]
    [header] = [cell for cell in sheet[1] if str(cell.value).rstrip("*") == "录入日期"]
    assert header.comment is not None
    assert "不清楚就留空" in header.comment.text and "不计入" in header.comment.text


# -- the Jiangmen rule on imported history --------------------------------------------------------
def test_imported_history_without_entry_dates_is_not_judged_late(school, service, tmp_path):
    import_sessions(school, tmp_path / "台账.xlsx", history(30))

    result = run_self_check(school, TERM, "jiangmen-2021").result("JM-2.4-records")

    assert (result.status, result.value, result.evidence) == (NO_DATA, None, ())
    assert result.note == "本学期辅导记录 30 条，都没有录入日期，无从判断是否及时录入"

    service.create("session", new_session(school, "2025-10-15"))  # typed in the next day
    result = run_self_check(school, TERM, "jiangmen-2021").result("JM-2.4-records")

    assert (result.status, result.value) == (PASS, 1.0)
    assert (
        result.note == "辅导记录 1 条，7 日内录入 1 条，逾期 0 条；另有 30 条没有录入日期，未计入"
    )
