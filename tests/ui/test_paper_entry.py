"""纸质答卷录入: a class's sheets typed by keyboard alone, digits only, with absent students, a running
check, refusals without message boxes, and one all-or-nothing save after the consent check."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.screening.answers import read_answers
from counselor_app.ui.screening.consent_prompt import ConsentDecision
from counselor_app.ui.screening.paper_entry import PaperEntryDialog
from counselor_app.ui.screening.paper_model import FIRST_ITEM
from counselor_app.ui.tasks import TaskRunner
from tests.ui.conftest import finish_work

# Class J2501 in roster (学号) order: 张三 2025010101, 李玥 2025010102, 王喆 2025010103.
# 张三: 0,1,2,3,0,1,2,3,0 = 12, band 中度 (10–14: an interview), no critical item.
# 李玥: absent.
# 王喆: nine 1s = 9, band 轻度 (5–9), but item 9 answered 1: a critical item, so flagged.
ZHANG = "012301230"
WANG = "111111111"


class Prompts:
    def __init__(self, decision: ConsentDecision | None) -> None:
        self.decision = decision
        self.asked: list[tuple[list[str], bool]] = []

    def __call__(self, parent, names, can_leave_out):
        self.asked.append((names, can_leave_out))
        return self.decision


def open_entry(qtbot, school: School, runner: TaskRunner, prompt: Prompts) -> PaperEntryDialog:
    dialog = PaperEntryDialog(school, runner, prompt=prompt)
    qtbot.addWidget(dialog)
    dialog.show()
    finish_work(runner)
    dialog.scales.choose("phq9")
    class_id = school.db.scalar("SELECT id FROM class WHERE class_code = 'J2501'")
    dialog.choose_class(class_id)
    dialog.begin()
    finish_work(runner)
    assert [s.name for s in dialog.model.students] == ["张三", "李玥", "王喆"]
    return dialog


def cell(dialog: PaperEntryDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data() or ""


def saved_rows(school: School) -> list[tuple]:
    rows = school.db.query(
        "SELECT s.name, sc.scale_id, sc.score, sc.band, sc.flagged, sc.critical_items, sc.way"
        " FROM screening sc JOIN student s ON s.id = sc.student_id ORDER BY s.student_no"
    )
    return [tuple(r) for r in rows]


def consent(school: School, name: str) -> None:
    student = school.db.scalar("SELECT id FROM student WHERE name = ?", (name,))
    RecordService(school).create(
        "consent",
        {"student_id": student, "guardian": "家长", "scope": "测评", "given_on": "2025-09-01"},
    )


def test_a_class_typed_in_with_refusals_an_absent_student_and_backspace(
    qtbot, school_with_students: School, runner: TaskRunner, boxes
) -> None:
    school = school_with_students
    consent(school, "张三")
    prompts = Prompts(ConsentDecision(reason="班主任已电话征得家长同意"))
    dialog = open_entry(qtbot, school, runner, prompts)
    grid = dialog.grid

    qtbot.keyClicks(grid, "0123")
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)  # back to item 4 and cleared
    assert grid.currentIndex().column() == FIRST_ITEM + 3 and cell(dialog, 0, FIRST_ITEM + 3) == ""
    assert cell(dialog, 0, dialog.model.answered_column) == "3/9"
    qtbot.keyClicks(grid, "7")  # not a PHQ-9 value: refused, nothing moves
    assert "7 不是第 4 题的选项" in dialog.cue.text()
    assert grid.currentIndex().column() == FIRST_ITEM + 3 and cell(dialog, 0, FIRST_ITEM + 3) == ""
    assert boxes.told == [] and boxes.asked == []  # a cue under the grid, not a message box
    qtbot.keyClicks(grid, ZHANG[3:])
    assert dialog.cue.text() == ""
    assert cell(dialog, 0, dialog.model.answered_column) == "9/9"
    assert cell(dialog, 0, dialog.model.sum_column) == "12"
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, FIRST_ITEM)

    qtbot.keyClicks(grid, "-")  # 李玥 absent: on to 王喆
    assert cell(dialog, 1, dialog.model.answered_column) == "缺席"
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (2, FIRST_ITEM)
    qtbot.keyClicks(grid, WANG[:8] + "2")
    assert "最后一名学生" in dialog.cue.text()
    qtbot.keyClick(grid, Qt.Key.Key_Backspace)  # the last digit typed, on the last cell
    assert cell(dialog, 2, FIRST_ITEM + 8) == ""
    qtbot.keyClicks(grid, "1")
    assert dialog.check.text() == "共 3 人：已录完 2 人，缺席 1 人，未完成 0 人"

    dialog.save()
    finish_work(runner)
    assert prompts.asked == [(["王喆（2025010103）"], True)]  # 张三's consent is on file
    assert saved_rows(school) == [
        ("张三", "phq9", 12, "moderate", 1, "[]", "paper"),
        ("王喆", "phq9", 9, "mild", 1, "[9]", "paper"),
    ]
    ids = [r[0] for r in school.db.query("SELECT id FROM screening ORDER BY id")]
    assert read_answers(school, ids[0]) == tuple(int(d) for d in ZHANG)
    exceptions = [
        school.open_text("screening.consent_exception", r[0])
        for r in school.db.query("SELECT consent_exception FROM screening ORDER BY id")
    ]
    assert exceptions == [None, "班主任已电话征得家长同意"]
    assert not dialog.isVisible()


def test_students_without_consent_can_be_left_out(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    school = school_with_students
    consent(school, "王喆")
    prompts = Prompts(ConsentDecision(leave_out=True))
    dialog = open_entry(qtbot, school, runner, prompts)
    qtbot.keyClicks(dialog.grid, ZHANG + "-" + WANG)
    dialog.save()
    finish_work(runner)
    assert prompts.asked == [(["张三（2025010101）"], True)]
    assert [row[0] for row in saved_rows(school)] == ["王喆"]


def test_going_back_from_the_consent_question_saves_nothing(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    school = school_with_students
    dialog = open_entry(qtbot, school, runner, Prompts(None))
    qtbot.keyClicks(dialog.grid, ZHANG + "-" + WANG)
    dialog.save()
    finish_work(runner)
    assert saved_rows(school) == []
    assert dialog.isVisible() and dialog.save_button.isEnabled()


def test_an_incomplete_sheet_is_named_and_nothing_is_saved(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    school = school_with_students
    prompts = Prompts(ConsentDecision(reason="例外"))
    dialog = open_entry(qtbot, school, runner, prompts)
    qtbot.keyClicks(dialog.grid, ZHANG + WANG[:5])  # 李玥 typed in part, 王喆 not at all
    dialog.save()
    finish_work(runner)
    assert prompts.asked == [] and saved_rows(school) == []
    text = dialog.problem.text()
    assert "李玥" in text and "第 6 题没有作答" in text and "王喆" in text
    assert (dialog.grid.currentIndex().row(), dialog.grid.currentIndex().column()) == (
        1,
        FIRST_ITEM + 5,
    )
    assert dialog.check.text() == "共 3 人：已录完 1 人，缺席 0 人，未完成 2 人"


def test_an_absent_student_takes_no_digits_until_marked_present(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    dialog = open_entry(qtbot, school_with_students, runner, Prompts(None))
    grid = dialog.grid
    qtbot.keyClicks(grid, ZHANG + "-")
    grid.go_to(1, FIRST_ITEM)
    qtbot.keyClicks(grid, "2")
    assert "缺席" in dialog.cue.text() and cell(dialog, 1, FIRST_ITEM) == ""
    qtbot.keyClicks(grid, "-2")  # present again, then typed
    assert cell(dialog, 1, FIRST_ITEM) == "2"


def test_closing_with_unsaved_sheets_asks_first(
    qtbot, school_with_students: School, runner: TaskRunner, boxes
) -> None:
    dialog = open_entry(qtbot, school_with_students, runner, Prompts(None))
    qtbot.keyClicks(dialog.grid, "01")
    boxes.answer(False)
    dialog.reject()
    assert dialog.isVisible() and "没有保存" in boxes.questions[-1]
    boxes.answer(True)
    dialog.reject()
    assert not dialog.isVisible()


def test_a_lock_keeps_the_typed_sheets_for_the_reopened_dialog(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    dialog = open_entry(qtbot, school_with_students, runner, Prompts(None))
    qtbot.keyClicks(dialog.grid, ZHANG + "-" + "11")
    state = dialog.pending_input()
    again = PaperEntryDialog.reopen(school_with_students, runner, None, state)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    again.show()
    finish_work(runner)
    assert isinstance(again, PaperEntryDialog)
    assert again.model.answers[0] == [int(d) for d in ZHANG]
    assert again.model.absent == {1}
    assert again.model.answers[2][:3] == [1, 1, None]


def test_the_screening_page_opens_both_ways_in(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    from PySide6.QtWidgets import QApplication

    from counselor_app.ui.pages.screening import ScreeningPage
    from counselor_app.ui.screening.student_mode_setup import StudentModeSetup
    from tests.ui.windows import show_in_window

    page = ScreeningPage(school_with_students, runner)
    show_in_window(qtbot, page)
    qtbot.mouseClick(page.entries.paper_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.entries.student_mode_button, Qt.MouseButton.LeftButton)
    finish_work(runner)
    shown = {type(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    assert {PaperEntryDialog, StudentModeSetup} <= shown
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PaperEntryDialog | StudentModeSetup):
            widget.done(0)


def test_an_administrator_cannot_start_either(
    qtbot, school_with_students: School, runner: TaskRunner
) -> None:
    from counselor_app.school.accounts import add_account
    from counselor_app.school.core import ADMIN, unlock
    from counselor_app.ui.screening.entries import ScreeningEntries

    add_account(school_with_students, "赵主任", ADMIN, "admin-password-1")
    admin = unlock(school_with_students.paths, "赵主任", "admin-password-1")
    try:
        entries = ScreeningEntries(admin, runner)
        qtbot.addWidget(entries)
        assert not entries.student_mode_button.isEnabled()
        assert not entries.paper_button.isEnabled()
    finally:
        admin.close(backup=False)


def test_the_grid_model_keeps_qts_rules(
    qtbot, qtmodeltester, school_with_students: School, runner: TaskRunner
) -> None:
    dialog = open_entry(qtbot, school_with_students, runner, Prompts(None))
    qtbot.keyClicks(dialog.grid, ZHANG + "-" + "12")
    qtmodeltester.check(dialog.model)
