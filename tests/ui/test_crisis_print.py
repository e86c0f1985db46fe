"""打印 of a crisis case from the desktop: the crisis page's plan list and the student's file show
the chosen plan's 一生一策, 家长告知书, 转介单 and 复学评估表 in the print preview, built on the
worker and logged; without pypdfium2 the counsellor chooses where the PDF is saved."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from counselor_app.records.service import RecordService
from counselor_app.school.core import School
from counselor_app.ui.pages.crisis import CrisisPage
from counselor_app.ui.print_preview import preview_pdf
from counselor_app.ui.student_file import StudentFileView
from counselor_app.ui.tasks import TaskRunner
from tests.core.test_dashboard import build_world

PLAN_A_WORDS = "每天放学前与班主任见面"
PLAN_B_WORDS = "周末由外婆陪同"


def pdf_words(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; cannot read the PDF's text")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return "".join(text.split())


@pytest.fixture
def world(school: School) -> dict[str, int]:
    ids = build_world(school)
    records = RecordService(school)
    records.update("crisis_plan", ids["plan_a"], {"safety_plan": PLAN_A_WORDS})
    records.update("crisis_plan", ids["plan_b"], {"safety_plan": PLAN_B_WORDS})
    return ids


class Previews:
    """Stands in for the modal print preview: keeps what it was asked to show."""

    def __init__(self) -> None:
        self.shown: list[tuple[bytes, str]] = []

    def __call__(self, parent: QWidget | None, data: bytes, title: str) -> None:
        self.shown.append((data, title))


def crisis_page(qtbot, school: School, runner: TaskRunner) -> CrisisPage:
    page = CrisisPage(school, runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    plans = page.list_for("crisis_plan")
    page.show_list(plans)  # the case list (个案进度) comes first
    qtbot.waitUntil(lambda: plans.loaded and not plans.busy)
    return page


def printed(school: School) -> list[tuple[int | None, object]]:
    return [(e.record_id, e.detail) for e in school.audit.entries() if e.action == "print"]


def test_the_print_action_previews_the_selected_plan(
    qtbot, school: School, runner: TaskRunner, world: dict[str, int]
) -> None:
    page = crisis_page(qtbot, school, runner)
    plans = page.list_for("crisis_plan")
    previews = Previews()
    page.printer.show_preview = previews
    assert not page.printer.button.isEnabled()  # no plan chosen yet

    assert plans.select_record(world["plan_b"])
    assert page.printer.button.isEnabled()
    page.printer.actions["crisis_plan"].trigger()
    qtbot.waitUntil(lambda: len(previews.shown) == 1)
    data, title = previews.shown[0]
    assert title == "打印预览 · 一生一策"
    words = pdf_words(data)
    assert "李四" in words and PLAN_B_WORDS in words and PLAN_A_WORDS not in words
    assert "保密" in words and "学校审批意见" in words
    assert printed(school)[0] == (world["plan_b"], {"report": "crisis_plan"})
    assert page.printer.button.isEnabled()

    assert plans.select_record(world["plan_a"])
    page.printer.actions["referral"].trigger()
    qtbot.waitUntil(lambda: len(previews.shown) == 2)
    data, title = previews.shown[1]
    assert title == "打印预览 · 转介单"
    words = pdf_words(data)
    assert "学生心理危机转介单" in words and "张三" in words and "李四" not in words
    assert printed(school)[0] == (world["plan_a"], {"report": "referral"})


@pytest.mark.parametrize(
    ("report", "title", "heading"),
    [
        ("guardian_notice", "打印预览 · 家长告知书", "学生心理健康情况告知书"),
        ("return_assessment", "打印预览 · 复学评估表", "学生复学评估表"),
    ],
)
def test_the_student_file_previews_the_open_plans_papers(
    qtbot, school: School, runner: TaskRunner, world: dict[str, int], report, title, heading
) -> None:
    view = StudentFileView(school, runner)
    qtbot.addWidget(view)
    view.show()
    previews = Previews()
    view.crisis_printer.show_preview = previews
    view.open_student(world["a"])
    qtbot.waitUntil(lambda: view.overview is not None)
    assert view.crisis_print_button.isEnabled()
    view.crisis_printer.actions[report].trigger()
    qtbot.waitUntil(lambda: bool(previews.shown))
    data, shown_title = previews.shown[0]
    assert shown_title == title
    words = pdf_words(data)
    assert heading in words and "张三" in words
    assert printed(school)[0] == (world["plan_a"], {"report": report})


def test_a_student_without_an_open_plan_has_no_crisis_papers_to_print(
    qtbot, school: School, runner: TaskRunner, world: dict[str, int]
) -> None:
    view = StudentFileView(school, runner)
    qtbot.addWidget(view)
    view.show()
    view.open_student(world["c"])  # 王五's only plan is closed
    qtbot.waitUntil(lambda: view.overview is not None)
    assert view.print_button.isEnabled()
    assert not view.crisis_print_button.isEnabled()


def test_the_preview_is_drawn_from_memory(
    qtbot,
    school: School,
    runner: TaskRunner,
    world: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The real preview, its dialog shown and closed: nothing is written to the temporary folder."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    opened: list[int] = []

    def closed_at_once(dialog: QPrintPreviewDialog) -> int:
        opened.append(1)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", closed_at_once)
    page = crisis_page(qtbot, school, runner)
    assert page.printer.show_preview is preview_pdf
    page.list_for("crisis_plan").select_record(world["plan_a"])
    page.printer.actions["crisis_plan"].trigger()
    qtbot.waitUntil(lambda: bool(opened))
    assert list(temp.iterdir()) == []


def test_without_a_preview_the_counsellor_chooses_where_to_save(
    qtbot,
    school: School,
    runner: TaskRunner,
    world: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    chosen = tmp_path / "转介单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    page = crisis_page(qtbot, school, runner)
    page.printer.show_preview = None
    page.list_for("crisis_plan").select_record(world["plan_a"])
    page.printer.actions["referral"].trigger()
    saved = chosen.with_name("转介单.pdf")  # the extension is added
    qtbot.waitUntil(saved.exists)
    qtbot.waitUntil(page.printer.button.isEnabled)
    assert "学生心理危机转介单" in pdf_words(saved.read_bytes())
    assert printed(school)[0] == (world["plan_a"], {"report": "referral"})


def test_the_case_list_prints_the_case_shown(
    qtbot, school: School, runner: TaskRunner, world: dict[str, int]
) -> None:
    page = CrisisPage(school, runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.tabs.currentWidget() is page.cases
    qtbot.waitUntil(lambda: page.cases.loaded)
    previews = Previews()
    page.case_printer.show_preview = previews
    assert not page.case_printer.button.isEnabled()
    assert page.cases.select_plan(world["plan_b"])
    assert page.case_printer.button.isEnabled()
    page.case_printer.actions["guardian_notice"].trigger()
    qtbot.waitUntil(lambda: bool(previews.shown))
    data, title = previews.shown[0]
    assert title == "打印预览 · 家长告知书"
    assert "李四" in pdf_words(data) and "张三" not in pdf_words(data)
    assert printed(school)[0] == (world["plan_b"], {"report": "guardian_notice"})
