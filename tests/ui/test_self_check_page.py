"""自查与上报: the self-check of a filled school, its evidence, manual items and saved files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.i18n import set_language
from counselor_app.records.service import RecordService
from counselor_app.school.core import School, read_setting
from counselor_app.selfcheck.result import FAIL, MANUAL, PASS, YEAR_END
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.selfcheck import confirm_dialog
from counselor_app.ui.selfcheck.rule_model import RuleTableModel
from counselor_app.ui.tasks import TaskRunner
from tests.core.selfcheck.english import chinese_left, recorded_words

TERM = "2025—2026学年第一学期"


class FakeWindow(QMainWindow):
    """The main window's navigation, as the page uses it."""

    def __init__(self) -> None:
        super().__init__()
        self.opened_students: list[int] = []
        self.sections: list[str] = []
        self.pages: dict[str, QWidget] = {}

    def open_student(self, student_id: int) -> None:
        self.opened_students.append(student_id)

    def show_section(self, key: str) -> QWidget:
        self.sections.append(key)
        return self.pages.setdefault(key, QWidget())


@pytest.fixture
def demo_school(school: School) -> School:
    generate_demo_school(school, students=200, years=1, seed=1)
    return school


def open_page(qtbot, school: School, runner: TaskRunner) -> tuple[SelfCheckPage, FakeWindow]:
    window = FakeWindow()
    page = SelfCheckPage(school, runner, navigator=window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitUntil(lambda: page.report is not None and page.model.rowCount() > 0)
    page.open_url = lambda url: True
    return page, window


def open_page_without_terms(qtbot, school, runner) -> tuple[SelfCheckPage, FakeWindow]:
    window = FakeWindow()
    page = SelfCheckPage(school, runner, navigator=window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    return page, window


def rows_with(page: SelfCheckPage, status: str) -> list[int]:
    return [
        row
        for row in range(page.model.rowCount())
        if page.model.index(row, 0).data(RuleTableModel.STATUS_ROLE) == status
    ]


def test_runs_for_the_current_term_and_shows_pass_and_fail(qtbot, demo_school, runner):
    page, _ = open_page(qtbot, demo_school, runner)
    assert page.term_box.currentText() == TERM
    assert page.profile_box.currentData().id == "sucheng-2023"
    # The summary counts the rows of the table below it, in the PDF cover's words: 待确认 for
    # manual rules not yet ticked; the statuses no rule ended in beyond the first four left out.
    rows = [page.model.row_at(row) for row in range(page.model.rowCount())]
    counts = Counter(
        "confirmed" if r.result.status == MANUAL and r.confirmed else r.result.status for r in rows
    )
    assert counts[PASS] and counts[FAIL]
    expected = (
        f"达标 {counts[PASS]} · 未达标 {counts[FAIL]} · 无记录 {counts['no_data']}"
        f" · 待确认 {counts[MANUAL]}"
    )
    if counts[YEAR_END]:
        expected += f" · 学年末评定 {counts[YEAR_END]}"
    assert page.summary_label.text() == expected
    passed, failed = rows_with(page, PASS)[0], rows_with(page, FAIL)[0]
    conclusion = RuleTableModel.CONCLUSION
    assert page.model.index(passed, conclusion).data().startswith("达标")
    assert page.model.index(failed, conclusion).data().startswith("未达标")
    # Coloured by status: not the same background.
    background = Qt.ItemDataRole.BackgroundRole
    assert page.model.index(passed, conclusion).data(background) != page.model.index(
        failed, conclusion
    ).data(background)
    situation = page.model.index(failed, RuleTableModel.SITUATION).data()
    assert "实测" in situation and "标准" in situation


def test_rule_model_passes_qt_checks(qtbot, qtmodeltester, demo_school, runner):
    page, _ = open_page(qtbot, demo_school, runner)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.evidence_model)


def test_a_failing_rule_shows_its_evidence_and_a_student_opens_the_file(qtbot, demo_school, runner):
    page, window = open_page(qtbot, demo_school, runner)
    screening = page.model.row_of("SC-13-screening")
    # A yearly demand: 学年末评定 before the school year's last term, still naming who is left.
    assert page.model.row_at(screening).result.status in (FAIL, YEAR_END)
    page.select_rule(screening)
    evidence = page.model.row_at(screening).result.evidence
    assert page.evidence_model.rowCount() == len(evidence) > 0
    assert page.evidence_model.index(0, 0).data() == "学生"
    student_no = evidence[0].key
    assert page.evidence_model.index(0, 1).data() == student_no
    assert "证据" in page.detail_pane.evidence_caption.text()

    expected = demo_school.db.scalar("SELECT id FROM student WHERE student_no = ?", (student_no,))
    page.evidence_table.activated.emit(page.evidence_model.index(0, 2))
    qtbot.waitUntil(lambda: window.opened_students == [expected])


def test_class_and_week_evidence_lead_to_their_pages(qtbot, demo_school, runner):
    page, window = open_page(qtbot, demo_school, runner)
    page.select_rule(page.model.row_of("SC-09-lessons"))  # evidence: classes
    page.open_evidence(0)
    assert window.sections == ["students"]
    page.select_rule(page.model.row_of("SC-11-room-hours"))  # evidence: weeks
    assert page.evidence_model.evidence_at(0).kind == "week"
    page.open_evidence(0)
    assert window.sections == ["students", "room"]


def test_ticking_a_manual_rule_with_a_note_keeps_it_after_running_again(
    qtbot, demo_school, runner, monkeypatch
):
    page, _ = open_page(qtbot, demo_school, runner)
    manual = rows_with(page, MANUAL)[0]
    rule_id = page.model.row_at(manual).rule.id
    index = page.model.index(manual, RuleTableModel.CONCLUSION)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked

    monkeypatch.setattr(confirm_dialog, "ask_note", lambda parent, rule, note: None)
    page.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert not page.model.row_at(manual).confirmed  # cancelled: nothing saved

    monkeypatch.setattr(confirm_dialog, "ask_note", lambda parent, rule, note: "已查阅课表，未排名")
    before = page.report
    page.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: page.report is not before and not runner.busy)

    page.run_check()  # again, from the button
    qtbot.waitUntil(lambda: not runner.busy)
    qtbot.waitUntil(lambda: page.model.row_at(page.model.row_of(rule_id)).confirmed)
    row = page.model.row_of(rule_id)
    conclusion = page.model.index(row, RuleTableModel.CONCLUSION)
    assert conclusion.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "已查阅课表，未排名" in conclusion.data()
    page.select_rule(row)
    assert "已确认" in page.detail_pane.detail.text()

    before = page.report
    page.detail_pane.unconfirm_button.click()  # and undo
    qtbot.waitUntil(lambda: page.report is not before and not runner.busy)
    assert not page.model.row_at(page.model.row_of(rule_id)).confirmed


def test_changing_the_profile_is_remembered_and_runs_it(qtbot, demo_school, runner):
    page, _ = open_page(qtbot, demo_school, runner)
    target = next(
        i
        for i in range(page.profile_box.count())
        if page.profile_box.itemData(i).id == "beijing-2023"
    )
    page.profile_box.setCurrentIndex(target)
    page.profile_box.activated.emit(target)
    qtbot.waitUntil(lambda: page.report.profile.id == "beijing-2023")
    runner.wait_idle()
    assert read_setting(demo_school, "selfcheck.profile") == "beijing-2023"  # as before


@pytest.mark.parametrize("kind", ["pdf", "json", "xlsx"])
def test_saving_writes_the_file(qtbot, demo_school, runner, monkeypatch, tmp_path: Path, kind):
    page, _ = open_page(qtbot, demo_school, runner)
    asked: list[str] = []

    def choose(parent, title, default, filters):
        asked.append(default)
        return str(tmp_path / Path(default).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    button = {"pdf": page.pdf_button, "json": page.json_button, "xlsx": page.excel_button}[kind]
    assert button.isEnabled()
    button.click()
    expected = tmp_path / f"学期自查_{TERM}_sucheng-2023.{kind}"
    assert Path(asked[0]).name == expected.name
    qtbot.waitUntil(lambda: "已保存" in page.message_bar.text())
    assert expected.is_file() and expected.stat().st_size > 0
    if kind == "pdf":
        assert expected.read_bytes().startswith(b"%PDF")
    if kind == "json":
        assert json.loads(expected.read_text(encoding="utf-8"))["term"]
    opened = []
    page.open_url = lambda url: opened.append(url.toLocalFile()) or True
    page.message_bar.action_button.click()
    assert opened == [str(tmp_path)]


def test_print_preview_shows_the_pdf_in_qt_print_preview(qtbot, demo_school, runner):
    page, _ = open_page(qtbot, demo_school, runner)
    assert page.show_preview is not None  # pypdfium2 is installed
    shown: list[tuple[bytes, str]] = []
    page.show_preview = lambda parent, data, title: shown.append((data, title))
    page.preview_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0][0].startswith(b"%PDF")
    assert shown[0][1] == "打印预览"
    assert page.preview_button.isEnabled()


def test_print_preview_without_pypdfium2_opens_the_pdf(qtbot, demo_school, runner):
    page, _ = open_page(qtbot, demo_school, runner)
    page.show_preview = None
    opened: list[str] = []
    page.open_url = lambda url: opened.append(url.toLocalFile()) or True
    page.preview_button.click()
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0]).read_bytes().startswith(b"%PDF")
    assert "PDF 阅读器" in page.message_bar.text()
    page._preview.clean()
    assert not Path(opened[0]).exists()


def test_a_school_without_terms_says_what_to_do(qtbot, school, runner):
    page, _window = open_page_without_terms(qtbot, school, runner)
    assert "设置 › 学期" in page.empty_label.text()
    assert not page.run_button.isEnabled()
    assert page.model.rowCount() == 0


def test_an_administrator_can_run_and_save(qtbot, demo_school, runner, monkeypatch, tmp_path):
    from counselor_app.foundation.clock import fixed_clock
    from counselor_app.school.accounts import add_account
    from counselor_app.school.core import open_school
    from tests.conftest import NOW

    add_account(demo_school, "李主任", "admin", "another-horse-42")
    admin = open_school(
        demo_school.paths, "李主任", demo_school.data_key, clock=fixed_clock(NOW),
        check_integrity=False,
    )  # fmt: skip
    try:
        page, _ = open_page(qtbot, admin, runner)
        assert page.report.counts()[FAIL]
        monkeypatch.setattr(
            QFileDialog,
            "getSaveFileName",
            staticmethod(lambda *a: (str(tmp_path / "report.pdf"), "")),
        )
        page.pdf_button.click()
        qtbot.waitUntil(lambda: (tmp_path / "report.pdf").is_file())
    finally:
        runner.wait_idle()
        admin.close()


def test_coming_back_to_the_page_keeps_the_choice_and_sees_new_terms(qtbot, school, runner):
    page, _window = open_page_without_terms(qtbot, school, runner)
    RecordService(school).create(
        "term", {"name": TERM, "first_day": "2025-09-01", "last_day": "2026-01-16"}
    )
    page.hide()
    page.show()
    qtbot.waitUntil(lambda: page.report is not None)
    assert not page.empty_label.isVisible()
    assert page.term_box.currentText() == TERM
    beijing = next(
        i
        for i in range(page.profile_box.count())
        if page.profile_box.itemData(i).id == "beijing-2023"
    )
    page.profile_box.setCurrentIndex(beijing)
    page.profile_box.activated.emit(beijing)
    qtbot.waitUntil(lambda: page.report.profile.id == "beijing-2023")
    page.hide()
    page.show()
    qtbot.waitUntil(lambda: not runner.busy)
    assert page.profile_box.currentData().id == "beijing-2023"


def test_where_each_kind_of_evidence_leads():
    import datetime as dt

    from counselor_app.selfcheck.result import Evidence
    from counselor_app.ui.selfcheck.evidence_jump import JumpTarget, jump_target

    def target(kind: str, key: str) -> JumpTarget | None:
        return jump_target(Evidence(kind, key, "label"))

    assert target("student", "2025070101") == JumpTarget("students", student_no="2025070101")
    assert target("plan", "2025070101") == JumpTarget("students", student_no="2025070101")
    assert target("class", "0701") == JumpTarget("students", class_code="0701")
    assert target("week", "2025-09-08") == JumpTarget("room", week=dt.date(2025, 9, 8))
    assert target("session", "2025-09-08 10:00") == JumpTarget("sessions")
    assert target("document", "emergency_plan") == JumpTarget("activities")
    assert target("school", "leadership_meeting") == JumpTarget("activities")
    assert target("school", "hotline") == JumpTarget("settings")
    assert target("school", "sandplay") == JumpTarget("settings")
    assert target("staff", "T001") is None


def test_in_english_the_findings_and_evidence_read_in_english_and_saved_files_stay_chinese(
    qtbot, demo_school, runner, monkeypatch, tmp_path: Path
):
    set_language("en")
    page, _ = open_page(qtbot, demo_school, runner)
    data = recorded_words(demo_school.db)  # names of classes and staff are shown as recorded
    for row in range(page.model.rowCount()):
        for column in (RuleTableModel.SITUATION, RuleTableModel.CONCLUSION):
            text = page.model.index(row, column).data()
            assert not chinese_left(text, data), text
    assert page.model.index(rows_with(page, FAIL)[0], RuleTableModel.CONCLUSION).data() == (
        "Not met"
    )

    notes = page.notes_label.text()
    assert notes and not chinese_left(notes, data), notes  # "the term is not over yet" and such

    page.select_rule(page.model.row_of("SC-13-screening"))
    assert page.evidence_model.rowCount() > 0
    assert page.evidence_model.index(0, 0).data() == "Student"
    for row in range(page.evidence_model.rowCount()):
        for column in range(page.evidence_model.columnCount()):
            text = page.evidence_model.index(row, column).data()
            assert not chinese_left(text, data), text
    page.select_rule(rows_with(page, MANUAL)[0])
    assert "Not confirmed yet" in page.detail_pane.detail.text()

    # What goes to the district is the Chinese report, whatever the screen speaks.
    saved = tmp_path / "selfcheck.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(saved), ""))
    )
    page.json_button.click()
    qtbot.waitUntil(saved.is_file)
    document = json.loads(saved.read_text(encoding="utf-8"))
    rules = {rule["id"]: rule for rule in document["rules"]}
    assert rules["SC-13-screening"]["evidence"][0]["label"].startswith("学号 ")
    assert all(note.startswith(("本学期", "程序")) for note in document["notes"])
    assert document["notes"]  # the demo's term is not over on the school's today
