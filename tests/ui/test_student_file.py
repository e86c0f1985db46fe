"""一生一档 on screen: the timeline with its details, the level and the plan, what a 管理员 may not
read, opening it from the student list, and printing it to PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from counselor_app.records.service import RecordService
from counselor_app.school.core import School, User
from counselor_app.students.search import search_students
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.student_file import StudentFileView
from counselor_app.ui.student_model import TimelineModel
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_dashboard import build_world

NOTES = "考试焦虑，练习呼吸放松"


@pytest.fixture
def world(school: School) -> dict[str, int]:
    ids = build_world(school)
    records = RecordService(school)
    records.update("crisis_plan", ids["plan_a"], {
        "care_teachers": [ids["wang"], ids["liu"]],
        "care_parents": ["父亲 张大"],
        "safety_plan": "每天放学前与班主任见面",
    })  # fmt: skip
    records.create("session", {
        "date": "2025-10-15", "start_time": "14:00", "minutes": 50, "kind": "个体",
        "students": [ids["a"]], "counsellor_id": ids["wang"], "topic": "学业",
        "summary": NOTES, "risk_level": 3,
    })  # fmt: skip
    return ids


def open_file(qtbot, school: School, runner: TaskRunner, student_id: int) -> StudentFileView:
    view = StudentFileView(school, runner)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.open_student(student_id)
    qtbot.waitUntil(lambda: view.overview is not None)
    return view


def rows(view: StudentFileView) -> list[tuple[str, str]]:
    return [
        (
            view.proxy.index(r, TimelineModel.DATE).data(),
            view.proxy.index(r, TimelineModel.KIND).data(),
        )
        for r in range(view.proxy.rowCount())
    ]


def select(view: StudentFileView, kind: str) -> None:
    row = next(r for r, (_, k) in enumerate(rows(view)) if k == kind)
    view.timeline_view.selectRow(row)


def opened(school: School) -> int:
    return int(
        school.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'open_student_file'")
    )


def test_a_counsellor_reads_the_whole_file(qtbot, school: School, runner, world) -> None:
    before = opened(school)
    view = open_file(qtbot, school, runner, world["a"])
    assert opened(school) == before + 1  # logged by the core, once
    assert view.name_label.text() == "张三"
    assert view.facts_label.text() == "学号 20250001 · 七年级1班 · 男 · 在读"
    assert "班主任：刘老师" in view.people_label.text()
    assert view.level_badge.text() == "3 危机"
    assert view.level_since_label.text() == "自 2025-10-15 起"
    # Newest first.
    assert rows(view)[:3] == [
        ("2025-10-16", "预约"),
        ("2025-10-15", "辅导记录"),
        ("2025-09-20", "一生一策"),
    ]
    assert view.timeline_label.text() == f"共 {view.proxy.rowCount()} 条"
    select(view, "辅导记录")
    assert NOTES in view.detail.toPlainText()
    assert "（无权查看）" not in view.detail.toPlainText()
    assert "下次评估：2025-10-13" in view.plan_label.text()
    assert "王老师（专职心理教师）" in view.care_label.text()
    assert "刘老师（班主任）" in view.care_label.text()
    assert "父亲 张大（家长）" in view.care_label.text()
    assert "每天放学前与班主任见面" in view.plan_text_label.text()
    assert view.quick_button.isEnabled() and view.print_button.isEnabled()


def test_an_administrator_reads_no_notes(qtbot, school: School, runner, world) -> None:
    school.user = User("教务处", "admin")
    view = open_file(qtbot, school, runner, world["a"])
    select(view, "辅导记录")
    detail = view.detail.toPlainText()
    assert "（无权查看）" in detail and NOTES not in detail
    assert "辅导教师" in detail and "王老师" in detail  # who and when stay visible
    assert "安全计划：（无权查看）" in view.plan_text_label.text()
    assert "每天放学前" not in view.plan_text_label.text()
    assert "管理员" in view.timeline_label.text()
    assert view.level_badge.text() == "2 重点关注"  # the session's assessment is not theirs
    assert not view.quick_button.isEnabled()
    assert view.print_button.isEnabled()  # the printout withholds the same text


def test_a_student_without_plan_or_level(qtbot, school: School, runner, world) -> None:
    view = open_file(qtbot, school, runner, world["c"])  # 王五: plan closed, level 0 now
    assert view.level_badge.text() == "0 一般"
    assert view.plan_label.text() == "目前没有在案的一生一策。最近一份已于 2025-10-01 结案。"
    assert not view.care_label.isVisible()


def test_printing_writes_the_pdf_and_offers_to_open_it(
    qtbot, school: School, runner, world, tmp_path: Path, monkeypatch, boxes
) -> None:
    view = open_file(qtbot, school, runner, world["a"])
    assert view.default_pdf_path().name == "一生一档_20250001.pdf"
    target = tmp_path / "张三的档案"  # no suffix typed: .pdf is added
    boxes.always = True
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF (*.pdf)")
    )
    shown: list[Path] = []
    view.open_file = shown.append
    QTest.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown != [])
    written = tmp_path / "张三的档案.pdf"
    assert shown == [written]
    assert written.read_bytes().startswith(b"%PDF")
    assert str(written) in boxes.questions[0]
    printed = school.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'print'")
    assert printed == 1
    assert view.print_button.isEnabled()


def test_declining_the_save_dialog_writes_nothing(
    qtbot, school, runner, world, monkeypatch
) -> None:
    view = open_file(qtbot, school, runner, world["a"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    written: list[object] = []
    view._write_pdf = lambda *args: written.append(args)
    view.print_pdf()
    runner.wait_idle()
    assert written == []


def test_enter_in_the_list_opens_the_file_and_escape_goes_back(
    qtbot, school: School, runner, world
) -> None:
    page = StudentsPage(school, runner, search=search_students)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    QTest.keyClicks(page.search_field, "zs")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    QTest.keyClick(page.search_field, Qt.Key.Key_Down)  # to the results
    assert page.table.hasFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert page.showing_file()
    qtbot.waitUntil(lambda: page.file_view.overview is not None)
    assert page.file_view.name_label.text() == "张三"
    choice = page.quick_session_student()
    assert choice is not None and choice.id == world["a"]

    QTest.keyClick(page.file_view.timeline_view, Qt.Key.Key_Escape)
    assert not page.showing_file()
    assert page.quick_session_student() is None
    assert page.search_field.text() == "zs" and page.model.rowCount() == 1  # as it was


def test_double_click_opens_the_file(qtbot, school: School, runner, world) -> None:
    page = StudentsPage(school, runner, search=search_students)
    qtbot.addWidget(page)
    page.show()
    page.search_field.setText("20250002")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    table = page.table
    rect = table.visualRect(table.model().index(0, 1))
    # A real double-click starts with a press; QTest's alone does not, and views ignore it.
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.file_view.overview is not None)
    assert page.file_view.overview.student.name == "李四"


def test_timeline_model_passes_qt_checks(qtmodeltester, school, world) -> None:
    from counselor_app.student_file.overview import student_overview

    model = TimelineModel()
    qtmodeltester.check(model)
    model.set_rows(student_overview(school, world["a"]).timeline)
    qtmodeltester.check(model)
    assert model.headerData(TimelineModel.SUMMARY, Qt.Orientation.Horizontal) == "概要"


def test_the_open_file_is_kept_across_the_screen_lock(qtbot, school, runner, world) -> None:
    page = StudentsPage(school, runner, search=search_students)
    qtbot.addWidget(page)
    page.show()
    page.search_field.setText("zs")
    page.open_student(world["a"])
    state = page.save_state()
    assert state == {"query": "zs", "include_left": False, "student_id": world["a"]}

    rebuilt = StudentsPage(school, runner, search=search_students)  # pages are rebuilt on unlock
    qtbot.addWidget(rebuilt)
    rebuilt.show()
    rebuilt.restore_state(state)
    assert rebuilt.showing_file()
    qtbot.waitUntil(lambda: rebuilt.file_view.overview is not None)
    assert rebuilt.file_view.overview.student.id == world["a"]
    assert rebuilt.search_field.text() == "zs"


def test_the_file_shows_the_classes_of_earlier_school_years(qtbot, school, runner) -> None:
    from tests.core.test_student_years import two_years

    view = open_file(qtbot, school, runner, two_years(school))
    assert "八年级1班" in view.facts_label.text()
    assert "往年班级：2024—2025学年 七年级1班" in view.people_label.text()


def test_hovering_the_risk_chart_names_the_entry_and_its_record(qtbot, monkeypatch):
    import datetime as dt

    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from counselor_app.students.risk_levels import LevelEntry
    from counselor_app.ui.risk_chart import RiskChart

    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _pos, text, *_args: shown.append(text))
    chart = RiskChart()
    qtbot.addWidget(chart)
    chart.resize(400, 120)
    chart.set_history(
        (LevelEntry("2025-09-10", 1, "session"), LevelEntry("2025-10-10", 3, "risk_assessment")),
        dt.date(2025, 10, 16),
    )
    right_edge = QPoint(chart.width() - 12, 60)  # nearest the later entry
    event = QHelpEvent(QEvent.Type.ToolTip, right_edge, chart.mapToGlobal(right_edge))
    assert chart.event(event)
    assert shown == ["2025-10-10：3 危机（风险等级）"]  # as the level list beside it words it
