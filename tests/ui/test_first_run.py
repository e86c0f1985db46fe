"""The first-run wizard end to end: school, terms, account; the school is created on the worker;
the recovery key is shown once, prints, and really opens the school; 完成 needs the tick."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.paths import SchoolPaths
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import reset_password_with_recovery_key
from counselor_app.school.core import unlock
from counselor_app.ui.first_run import FirstRunWizard
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import NOW
from tests.ui.boxes import AnsweredBoxes

PASSWORD = "blue-sky-over-2025"


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return tmp_path / "recovery-key.pdf"


@pytest.fixture
def wizard(qtbot, school_paths: SchoolPaths, runner: TaskRunner, pdf: Path) -> FirstRunWizard:
    def to_pdf(_parent: QWidget) -> QPrinter:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    wizard = FirstRunWizard(school_paths, runner, clock=fixed_clock(NOW), choose_printer=to_pdf)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    if wizard.school is not None:
        wizard.school.close()


def fill_until_the_key(qtbot, wizard: FirstRunWizard) -> None:
    NEXT = QWizard.WizardButton.NextButton
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 0 and wizard.school_page.error_label.isVisible()
    type_chinese(wizard.school_page.name_field, "第二实验小学")
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 1

    terms = wizard.terms_page
    assert [d.name for d in terms.drafts()] == ["2025—2026学年第一学期"]  # today's term
    qtbot.mouseClick(terms.add_button, Qt.MouseButton.LeftButton)
    assert [d.name for d in terms.drafts()][1] == "2025—2026学年第二学期"
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == 2

    account = wizard.account_page
    type_chinese(account.user_field, "张老师")
    qtbot.keyClicks(account.password_field, PASSWORD)
    assert account.strength_label.text() == "密码强度：较强"
    qtbot.keyClicks(account.again_field, PASSWORD + "x")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == 2 and "不一致" in account.error_label.text()
    account.again_field.setText(PASSWORD)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == 3)


def test_first_run_end_to_end(
    qtbot, wizard: FirstRunWizard, school_paths: SchoolPaths, pdf: Path
) -> None:
    fill_until_the_key(qtbot, wizard)
    key_page = wizard.key_page
    shown_key = key_page.key_label.text()
    assert len(shown_key.replace("\n", "-").split("-")) == 8  # 8 groups of 4, in two lines
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    qtbot.mouseClick(key_page.print_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")

    key_page.confirm_box.setChecked(True)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(wizard.accepted):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.recovery_key == ""  # shown once: not kept after the wizard

    school = wizard.school
    assert school is not None and not school.db.closed
    assert school.name == "第二实验小学"
    assert school.user.name == "张老师" and school.user.is_counsellor
    terms = RecordService(school).find("term")
    assert [(t["name"], t["first_day"]) for t in terms] == [
        ("2025—2026学年第一学期", "2025-09-01"),
        ("2025—2026学年第二学期", "2026-02-20"),
    ]
    school.close()
    wizard.school = None

    # The key on screen really opens the school when the password is forgotten.
    reset_password_with_recovery_key(school_paths, "张老师", shown_key, "a-new-password-1")
    unlock(school_paths, "张老师", "a-new-password-1").close()


def test_terms_that_overlap_are_explained_on_their_row(qtbot, wizard: FirstRunWizard) -> None:
    type_chinese(wizard.school_page.name_field, "实验中学")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    terms = wizard.terms_page
    qtbot.mouseClick(terms.add_button, Qt.MouseButton.LeftButton)
    second = terms.rows[1]
    second.first_edit.setDate(terms.rows[0].first_edit.date().addDays(30))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == 1
    assert "重叠" in second.error_label.text() and not second.error_label.isHidden()

    qtbot.mouseClick(second.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(terms.rows[0].remove_button, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "至少添加一个学期" in terms.error_label.text()


def test_cannot_leave_once_the_key_is_on_screen(
    qtbot, wizard: FirstRunWizard, boxes: AnsweredBoxes
) -> None:
    fill_until_the_key(qtbot, wizard)
    wizard.reject()  # Esc or the window's close button
    assert wizard.isVisible() and [notice.title for notice in boxes.told] == ["请先保管恢复密钥"]


def test_leaving_before_creating_creates_nothing(
    qtbot, wizard: FirstRunWizard, school_paths: SchoolPaths
) -> None:
    type_chinese(wizard.school_page.name_field, "实验中学")
    with qtbot.waitSignal(wizard.rejected):
        click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert wizard.school is None
    assert not school_paths.database.exists()
