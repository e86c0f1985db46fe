"""The screening page's printouts: each button offers this year's classes and the scales, builds
the PDF on the worker and shows it in the print preview; without pypdfium2 it is saved where the
counsellor chooses, never in the temporary folder (the answer sheet names students)."""

from __future__ import annotations

from pathlib import Path

from counselor_app.reports.screening_printouts import PrintChoices, PrintRequest
from counselor_app.school.core import School
from counselor_app.ui.pages.screening import ScreeningPage
from counselor_app.ui.print_preview import preview_pdf
from counselor_app.ui.screening.printouts import ScreeningPrintouts
from counselor_app.ui.tasks import TaskRunner
from tests.core.report_fixtures import pdf_text
from tests.core.screening_printouts.print_school import fill
from tests.ui.conftest import finish_work


def _widget(qtbot, school: School, runner: TaskRunner, answer: PrintRequest | None):
    widget = ScreeningPrintouts(school, runner)
    qtbot.addWidget(widget)
    offered: list[PrintChoices] = []
    shown: list[tuple[bytes, str]] = []

    def ask(parent, kind, choices):
        offered.append(choices)
        return answer

    widget.ask = ask
    widget.show_preview = lambda parent, data, title: shown.append((data, title))
    return widget, offered, shown


def test_the_screening_page_has_the_three_printouts(qtbot, school: School, runner: TaskRunner):
    page = ScreeningPage(school, runner)
    qtbot.addWidget(page)
    assert [b.text() for b in page.printouts.buttons] == [
        "打印答题卡…",
        "打印知情同意书…",
        "测评汇总…",
    ]
    assert page.printouts.show_preview is preview_pdf


def test_the_answer_sheet_is_shown_in_the_preview(qtbot, school: School, runner: TaskRunner):
    built = fill(school)
    request = PrintRequest("answer_sheet", scale_id="phq9", class_code="0702")
    widget, offered, shown = _widget(qtbot, school, runner, request)
    widget.answer_sheet_button.click()
    finish_work(runner)
    assert [code for code, _ in offered[0].classes] == ["0701", "0702", "0703", "0801", "0802"]
    assert ("phq9", "PHQ-9") in offered[0].scales
    data, title = shown[0]
    assert title == "打印预览 · 答题卡"
    text = "".join(pdf_text(data).split())
    assert all(name in text for _, name in built.rosters[(2025, "0702")])
    assert all(button.isEnabled() for button in widget.buttons)


def test_cancelling_the_dialog_prints_nothing(qtbot, school: School, runner: TaskRunner):
    widget, offered, shown = _widget(qtbot, school, runner, None)
    widget.summary_button.click()
    finish_work(runner)
    assert len(offered) == 1 and shown == []
    assert school.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'print'") == 0


def test_without_a_preview_the_pdf_is_saved_where_chosen(
    qtbot, school: School, runner: TaskRunner, tmp_path: Path
):
    built = fill(school)
    number, name = built.rosters[(2025, "0801")][0]
    request = PrintRequest("consent", student_no=number)
    widget, _, _ = _widget(qtbot, school, runner, request)
    widget.show_preview = None
    target = tmp_path / "知情同意书"
    widget.ask_save_path = lambda parent, title: str(target)
    widget.consent_button.click()
    finish_work(runner)
    saved = target.with_name("知情同意书.pdf")
    assert name in "".join(pdf_text(saved.read_bytes()).split())
    assert str(saved) in widget.status.text()


def test_a_printout_that_cannot_be_made_says_why(qtbot, school: School, runner: TaskRunner, boxes):
    fill(school)
    request = PrintRequest("consent", student_no="20259999")
    widget, _, shown = _widget(qtbot, school, runner, request)
    widget.consent_button.click()
    finish_work(runner)
    assert shown == [] and "20259999" in boxes.texts[0]
    assert all(button.isEnabled() for button in widget.buttons)
