"""设置 › 数据导入导出: template, import (summary, every problem, cancel) and export of the workbook.

The file dialogs are replaced (monkeypatched) by the file a user would choose; the work itself is
the real :mod:`counselor_app.workbook` on the database worker.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from counselor_app.records.service import RecordService
from counselor_app.school.core import ADMIN, School, User
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.settings import workbook_section
from counselor_app.ui.settings.workbook_section import (
    ImportDoneDialog,
    ProblemsDialog,
    ProblemTableModel,
    WorkbookSection,
)
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S
from tests.core.test_workbook import database_content, write_book
from tests.ui.windows import show_in_window

ROSTER = {
    "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
    "学生": [
        ["学号", "姓名", "性别", "班级编号"],
        ["20250001", "钱堃", "男", "0701"],
        ["20250002", "孙赟", "男", "0701"],
        ["20250003", "周祎", "女", "0701"],
    ],
}
# Five problems on three sheets; the 教职工 sheet lacks a required column.
BAD = {
    "教职工": [["工号", "姓名", "性别"], ["T001", "欧阳晞", "女"]],
    "班级": [["班级编号", "年级", "班级名称"], ["0701", 7, "七年级1班"]],
    "学生": [
        ["学号", "姓名", "性别", "班级编号", "出生日期"],
        ["20250001", "张三", "男", "0701", "2012-13-45"],
        ["20250002", None, "男", "0701", None],
        ["20250003", "王五", "未知", "0999", None],
    ],
}
BAD_PLACES = [
    ("教职工", 1, "岗位"),
    ("学生", 2, "出生日期"),
    ("学生", 3, "姓名"),
    ("学生", 4, "性别"),
    ("学生", 4, "班级编号"),
]


def open_section(qtbot, school: School, runner: TaskRunner) -> WorkbookSection:
    section = WorkbookSection(school, runner)
    show_in_window(qtbot, section, size=(1100, 700))
    return section


class FileDialogs:
    """Stands in for QFileDialog: answers with chosen paths and notes what it was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save_to: Path | None = None
        self.open_from: Path | None = None
        self.asked: list[tuple[Any, ...]] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._open)

    def _save(self, *args: Any) -> tuple[str, str]:
        self.asked.append(args)
        return (str(self.save_to) if self.save_to else "", "")

    def _open(self, *args: Any) -> tuple[str, str]:
        self.asked.append(args)
        return (str(self.open_from) if self.open_from else "", "")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    return FileDialogs(monkeypatch)


def idle(qtbot, section: WorkbookSection, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy and section.progress_dialog is None)


def student_numbers(school: School) -> set[str]:
    return {s["student_no"] for s in RecordService(school).find("student")}


# -- 下载空白模板 -------------------------------------------------------------------------------------
def test_the_blank_template_is_saved_where_chosen(qtbot, school, runner, dialogs, tmp_path):
    section = open_section(qtbot, school, runner)
    dialogs.save_to = tmp_path / "给班主任的模板"  # typed without .xlsx
    section.template_button.click()
    idle(qtbot, section, runner)

    (_, _, proposed, _) = dialogs.asked[0]
    assert Path(proposed).name == "学校数据模板.xlsx"
    saved = tmp_path / "给班主任的模板.xlsx"
    assert (
        "空白模板已保存" in section.message_bar.text() and str(saved) in section.message_bar.text()
    )
    workbook = openpyxl.load_workbook(saved, read_only=True)
    assert {"学生", "辅导记录", "说明"} <= set(workbook.sheetnames)
    workbook.close()


def test_nothing_happens_when_the_save_dialog_is_cancelled(qtbot, school, runner, dialogs):
    section = open_section(qtbot, school, runner)
    section.template_button.click()  # save_to is None: the dialog was cancelled
    assert not runner.busy and section.message_bar.text() == ""


# -- 导入工作簿 --------------------------------------------------------------------------------------
def test_a_good_workbook_is_imported_and_its_summary_shown(
    qtbot, school, runner, dialogs, tmp_path
):
    section = open_section(qtbot, school, runner)
    dialogs.open_from = write_book(tmp_path / "名册.xlsx", ROSTER)
    section.import_button.click()
    idle(qtbot, section, runner)

    dialog = section.result_dialog
    assert isinstance(dialog, ImportDoneDialog) and dialog.isVisible()
    summary = dialog.summary.toPlainText()
    assert "班级：新增 1，更新 0，未变 0" in summary
    assert "学生：新增 3，更新 0，未变 0" in summary
    assert "新增 4 行" in dialog.totals_label.text()
    assert student_numbers(school) == {"20250001", "20250002", "20250003"}
    assert "已导入 名册.xlsx" in section.message_bar.text()
    dialog.close()

    # The same workbook again: nothing changes, and the dialog says so.
    section.import_button.click()
    idle(qtbot, section, runner)
    again = section.result_dialog
    assert isinstance(again, ImportDoneDialog)
    assert "没有更改任何记录" in again.totals_label.text()
    assert "学生：新增 0，更新 0，未变 3" in again.summary.toPlainText()


def test_a_bad_workbook_shows_every_problem_and_changes_nothing(
    qtbot, school, runner, dialogs, tmp_path
):
    RecordService(school).create("class", {"class_code": "0801", "grade": 8, "name": "八年级1班"})
    before = database_content(school, with_audit=True)
    section = open_section(qtbot, school, runner)
    dialogs.open_from = write_book(tmp_path / "有错的名册.xlsx", BAD)
    section.import_button.click()
    idle(qtbot, section, runner)

    dialog = section.result_dialog
    assert isinstance(dialog, ProblemsDialog) and dialog.isVisible()
    model = dialog.model
    places = [
        (model.data(model.index(r, model.SHEET)), model.data(model.index(r, model.ROW)),
         model.data(model.index(r, model.COLUMN)))
        for r in range(model.rowCount())
    ]  # fmt: skip
    assert places == BAD_PLACES
    assert "5 处问题，没有导入任何内容" in dialog.summary_label.text()
    assert "2012-13-45" in model.data(model.index(1, model.MESSAGE))
    assert section.message_bar.text() == (
        "有错的名册.xlsx 没有导入：其中有 5 处问题，没有导入任何内容。"
    )
    assert database_content(school, with_audit=True) == before  # not even an audit entry

    # 复制全部: a table to paste into Excel, header first.
    dialog.copy_button.click()
    pasted = QApplication.clipboard().text().splitlines()
    assert pasted[0] == "工作表\t行\t列\t问题"
    assert len(pasted) == 1 + len(BAD_PLACES)
    assert pasted[2].startswith("学生\t2\t出生日期\t")

    # 另存为…: CSV that Excel reads (byte-order mark), or plain text.
    target = tmp_path / "问题清单.csv"
    dialog.ask_path = lambda *args: (str(target), "")
    dialog.save_button.click()
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["工作表", "行", "列", "问题"]
    assert [tuple(row[:3]) for row in rows[1:]] == [(s, str(r), c) for s, r, c in BAD_PLACES]
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    text = tmp_path / "问题清单"
    dialog.ask_path = lambda *args: (str(text), dialog.tr("文本文件 (*.txt)"))
    dialog.save_button.click()
    lines = (tmp_path / "问题清单.txt").read_text(encoding="utf-8").splitlines()
    assert "没有导入任何内容" in lines[0]
    assert lines[3].startswith("学生 / 2 / 出生日期: ")


def test_problem_table_model_passes_qt_checks(qtmodeltester, school, tmp_path):
    from counselor_app.foundation.errors import ValidationFailed
    from counselor_app.workbook import import_workbook

    with pytest.raises(ValidationFailed) as caught:
        import_workbook(school, write_book(tmp_path / "b.xlsx", BAD))
    model = ProblemTableModel()
    model.set_rows(caught.value.problems)
    qtmodeltester.check(model)


class Gate:
    """Holds the import on the worker at one row (inside its transaction) until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at_row: int) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = workbook_section.import_workbook

        def gated(school: School, path: Path, *, progress: Any) -> Any:
            def watching(done: int, total: int) -> bool:
                if total and done == at_row and not self.reached.is_set():
                    self.reached.set()
                    self.release.wait(HANG_LIMIT_S)
                return progress(done, total)

            return real(school, path, progress=watching)

        monkeypatch.setattr(workbook_section, "import_workbook", gated)


def test_cancelling_an_import_writes_nothing(qtbot, school, runner, dialogs, tmp_path, monkeypatch):
    before = database_content(school, with_audit=True)
    gate = Gate(monkeypatch, at_row=3)  # the class and two students are written by then
    section = open_section(qtbot, school, runner)
    dialogs.open_from = write_book(tmp_path / "名册.xlsx", ROSTER)
    section.import_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    progress = section.progress_dialog
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)  # it appears when the work takes a moment
    assert not section.isEnabled()

    progress.cancel_button.click()
    assert progress.label.text() == "正在取消…" and progress.isVisible()
    gate.release.set()
    idle(qtbot, section, runner)

    assert section.message_bar.text() == "已取消导入，没有导入任何内容。"
    assert section.result_dialog is None and section.isEnabled()
    assert database_content(school, with_audit=True) == before


def test_closing_the_progress_dialog_as_locking_does_cancels_the_import(
    qtbot, school, runner, dialogs, tmp_path, monkeypatch
):
    gate = Gate(monkeypatch, at_row=2)
    section = open_section(qtbot, school, runner)
    dialogs.open_from = write_book(tmp_path / "名册.xlsx", ROSTER)
    section.import_button.click()
    qtbot.waitUntil(gate.reached.is_set)
    progress = section.progress_dialog
    assert progress is not None
    QDialog.done(progress, QDialog.DialogCode.Rejected)  # what the lock does to open dialogs
    gate.release.set()
    idle(qtbot, section, runner)
    assert student_numbers(school) == set()
    assert "已取消导入" in section.message_bar.text()


def test_a_file_that_is_no_workbook_gets_the_core_s_message(
    qtbot, school, runner, dialogs, tmp_path
):
    section = open_section(qtbot, school, runner)
    notes = tmp_path / "名单.csv"
    notes.write_text("学号,姓名\n1,张三\n", encoding="utf-8")
    dialogs.open_from = notes
    section.import_button.click()
    idle(qtbot, section, runner)
    assert section.message_bar.is_error
    assert "不是 Excel 工作簿" in section.message_bar.text()
    assert section.result_dialog is None


# -- 导出全部数据 ------------------------------------------------------------------------------------
def test_export_warns_first_then_writes_a_workbook_openpyxl_opens(
    qtbot, school_with_students, runner, dialogs, tmp_path, boxes
):
    school = school_with_students
    section = open_section(qtbot, school, runner)
    boxes.answer(False)
    section.export_button.click()
    assert "没有加密" in boxes.questions[0] and "保密" in boxes.questions[0]
    assert dialogs.asked == []  # declined: not even the save dialog

    boxes.answer(True)
    dialogs.save_to = tmp_path / "导出" / "全部数据.xlsx"
    dialogs.save_to.parent.mkdir()
    section.export_button.click()
    idle(qtbot, section, runner)

    (_, _, proposed, _) = dialogs.asked[0]
    assert Path(proposed).name == "全部数据_2025-10-16.xlsx"  # the school's today
    shown = section.message_bar.text()
    assert str(dialogs.save_to) in shown and "没有加密" in shown
    workbook = openpyxl.load_workbook(dialogs.save_to, read_only=True)
    numbers = [row[0] for row in workbook["学生"].iter_rows(min_row=2, values_only=True)]
    workbook.close()
    assert sorted(numbers) == sorted(student_numbers(school))
    assert len(numbers) == 5

    opened: list[str] = []
    section.open_url = lambda url: opened.append(url.toLocalFile())
    section.message_bar.action_button.click()
    assert opened == [str(dialogs.save_to.parent)]


# -- 管理员 ------------------------------------------------------------------------------------------
def test_an_administrator_is_refused_confidential_sheets_with_the_core_s_message(
    qtbot, school, runner, dialogs, tmp_path
):
    school.user = User("赵主任", ADMIN)
    section = open_section(qtbot, school, runner)
    qtbot.waitUntil(lambda: "管理员账户只能导入这些表" in section.import_note.text())
    assert "这些表：学校信息、学期、教职工、班级、学年分班、学生、" in section.import_note.text()
    assert "辅导记录" not in section.import_note.text()
    book = dict(ROSTER)
    book["辅导记录"] = [
        ["日期", "开始时间", "时长(分钟)", "类型", "学号", "辅导教师工号"],
        ["2025-10-09", "14:00", 50, "个体", "20250001", "T001"],
    ]
    dialogs.open_from = write_book(tmp_path / "含辅导记录.xlsx", book)
    section.import_button.click()
    idle(qtbot, section, runner)
    assert section.message_bar.is_error
    assert "管理员账户不能导入含保密内容的表：辅导记录" in section.message_bar.text()
    assert student_numbers(school) == set()


def test_an_administrators_export_says_what_was_left_out(
    qtbot, school_with_students, runner, dialogs, tmp_path, boxes
):
    school = school_with_students
    school.user = User("赵主任", ADMIN)
    section = open_section(qtbot, school, runner)
    qtbot.waitUntil(lambda: "不导出的表：辅导记录" in section.export_warning.text())
    assert "不含保密的表" in section.export_warning.text()
    boxes.always = True
    dialogs.save_to = tmp_path / "管理员导出.xlsx"
    section.export_button.click()
    idle(qtbot, section, runner)
    assert "管理员导出的文件不含：" in section.message_bar.text()
    assert "辅导记录" in section.message_bar.text()
    workbook = openpyxl.load_workbook(dialogs.save_to, read_only=True)
    assert "辅导记录" not in workbook.sheetnames and "学生" in workbook.sheetnames
    workbook.close()


def test_the_settings_page_lists_the_section(qtbot, school, runner):
    page = SettingsPage(school, runner)
    show_in_window(qtbot, page)
    assert page.show_section("workbook") is page.workbook_section
    texts = [page.section_list.item(i).text() for i in range(page.section_list.count())]
    assert "数据导入导出" in texts


def test_opening_the_program_does_not_load_the_workbook_core():
    """openpyxl (and numpy with it) costs a fifth of a second: the section must not load it while
    the main window is built after the password, only when a workbook is written or read."""
    code = (
        "import sys\n"
        "import counselor_app.ui.settings.workbook_section\n"
        "print(sorted(m for m in ('openpyxl', 'numpy', 'counselor_app.workbook') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
