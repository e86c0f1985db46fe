"""Stopping a workbook import or export half-way leaves nothing behind, and progress is told.

The desktop program runs imports and exports off the UI thread behind a progress dialog with a
cancel button; the core hears of it through the ``progress(done, total)`` callback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest

from counselor_app.foundation.errors import ValidationFailed
from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.workbook import Cancelled, export_workbook, import_workbook
from tests.core.test_workbook import database_content, file_hashes, write_book

STUDENTS = 40


def roster(path: Path, *, bad_row: int | None = None) -> Path:
    """Two classes and STUDENTS students; ``bad_row`` gives one student an unknown class."""
    students = [["学号", "姓名", "性别", "班级编号"]]
    for n in range(STUDENTS):
        klass = "0999" if n == bad_row else ("0701", "0702")[n % 2]
        students.append([f"2025{n:04d}", f"学生{n}", "男女"[n % 2], klass])
    return write_book(path, {
        "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"], ["0702", 7, "七年级2班"]],
        "学生": students,
    })  # fmt: skip


class Recorder:
    """A progress callback that notes every call and answers False from a chosen call on."""

    def __init__(self, stop_when: int | None = None, *, while_reading: bool = False) -> None:
        self.calls: list[tuple[int, int]] = []
        self.stop_when = stop_when
        self.while_reading = while_reading

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        if self.while_reading:
            return total != 0
        return self.stop_when is None or done < self.stop_when


def test_import_reports_every_row_and_ends_at_the_total(school: School, tmp_path: Path) -> None:
    recorder = Recorder()
    report = import_workbook(school, roster(tmp_path / "名册.xlsx"), progress=recorder)
    assert report["学生"].added == STUDENTS and report["班级"].added == 2
    counted = [call for call in recorder.calls if call[1]]
    total = STUDENTS + 2
    assert counted[0] == (0, total)
    assert counted[-1] == (total, total)
    assert [done for done, _ in counted] == list(range(total + 1))  # one call per row, in order
    # While the workbook is read the total is not known yet: reported as 0.
    assert recorder.calls[0] == (0, 0)


def test_an_answer_other_than_false_means_go_on(school: School, tmp_path: Path) -> None:
    report = import_workbook(school, roster(tmp_path / "名册.xlsx"), progress=lambda d, t: None)
    assert report["学生"].added == STUDENTS


@pytest.mark.parametrize("stop_when", [1, 10, STUDENTS + 2])
def test_a_cancelled_import_writes_nothing(school: School, tmp_path: Path, stop_when: int) -> None:
    """Stopped after the first row, mid-way through the students, or after the very last row
    (just before the commit): the database and every file of the school are as they were."""
    RecordService(school).create("class", {"class_code": "0801", "grade": 8, "name": "八年级1班"})
    before = database_content(school, with_audit=True)
    files_before = file_hashes(school.paths.root)
    book = roster(tmp_path / "名册.xlsx")

    with pytest.raises(Cancelled) as caught:
        import_workbook(school, book, progress=Recorder(stop_when))

    assert "没有导入任何内容" in str(caught.value)
    assert database_content(school, with_audit=True) == before  # not even an audit entry
    assert file_hashes(school.paths.root) == files_before
    # The school works on: the same workbook imports in full afterwards.
    assert import_workbook(school, book)["学生"].added == STUDENTS


def test_cancelling_while_the_workbook_is_read_is_a_cancel_not_a_damaged_file(
    school: School, tmp_path: Path
) -> None:
    before = database_content(school, with_audit=True)
    with pytest.raises(Cancelled):
        import_workbook(
            school, roster(tmp_path / "名册.xlsx"), progress=Recorder(while_reading=True)
        )
    assert database_content(school, with_audit=True) == before


def test_cancelling_wins_over_the_problems_found_so_far(school: School, tmp_path: Path) -> None:
    book = roster(tmp_path / "名册.xlsx", bad_row=3)
    with pytest.raises(ValidationFailed):
        import_workbook(school, book)
    with pytest.raises(Cancelled):
        import_workbook(school, book, progress=Recorder(20))


@pytest.mark.parametrize("stop_when", [5, STUDENTS + 3])
def test_a_cancelled_export_leaves_no_file_and_no_audit_entry(
    school: School, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_when: int
) -> None:
    import_workbook(school, roster(tmp_path / "名册.xlsx"))
    before = database_content(school, with_audit=True)
    target = tmp_path / "out" / "全部数据.xlsx"
    target.parent.mkdir()
    # openpyxl keeps rows written so far in temporary files until it saves: watch where.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    with pytest.raises(Cancelled) as caught:
        export_workbook(school, target, progress=Recorder(stop_when))

    assert "没有写入任何文件" in str(caught.value)
    assert list(target.parent.iterdir()) == []  # neither the file nor a temporary one
    assert list(scratch.iterdir()) == []  # no rows left behind in plain text
    assert database_content(school, with_audit=True) == before


def test_an_export_reports_every_row_written(school: School, tmp_path: Path) -> None:
    import_workbook(school, roster(tmp_path / "名册.xlsx"))
    recorder = Recorder()
    target = tmp_path / "全部数据.xlsx"
    report = export_workbook(school, target, progress=recorder)
    total = sum(report.sheets.values())
    assert recorder.calls[-1] == (total, total)
    assert next(call for call in recorder.calls if call[1]) == (0, total)
    workbook = openpyxl.load_workbook(target, read_only=True)
    assert len(list(workbook["学生"].iter_rows(min_row=2, values_only=True))) == STUDENTS
    workbook.close()
