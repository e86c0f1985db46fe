"""The screening page's printouts: a class's blank answer sheet, the guardians' consent forms and
the round's summary for the school leader, each shown in Qt's print preview.

A button asks the worker what there is to choose from (this year's classes, the scales, the
years), a small dialog asks which, and the worker builds the PDF in memory
(:func:`counselor_app.reports.screening_printouts.build_printout`, which logs it). The answer sheet
and the consent forms name students, so nothing is written to the temporary folder: without
pypdfium2 (no print preview) the counsellor chooses where to save the PDF instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.reports.pdf_document import RenderedPdf
from counselor_app.reports.screening_printouts import (
    PrintChoices,
    PrintoutKind,
    PrintRequest,
    build_printout,
    print_choices,
)
from counselor_app.school.core import School
from counselor_app.ui.print_preview import qt_print_preview
from counselor_app.ui.questions import warn
from counselor_app.ui.tasks import TaskRunner

AskRequest = Callable[[QWidget, PrintoutKind, PrintChoices], PrintRequest | None]


class PrintoutDialog(QDialog):
    """Which class, student, scale or year a screening printout is for."""

    def __init__(self, kind: PrintoutKind, choices: PrintChoices, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.choices = choices
        titles = {
            "answer_sheet": self.tr("打印空白答题卡"),
            "consent": self.tr("打印知情同意书"),
            "summary": self.tr("测评情况汇总（给校领导，不含姓名）"),
        }
        self.setWindowTitle(titles[kind])
        form = QFormLayout()
        self.class_box = QComboBox()
        for code, name in choices.classes:
            self.class_box.addItem(f"{name}（{code}）", code)
        self.student_edit = QLineEdit()
        self.student_edit.setPlaceholderText(self.tr("留空：全班每人一页"))
        self.scale_box = QComboBox()
        if kind == "consent":
            self.scale_box.addItem(self.tr("全部量表"), "")
        for scale_id, name in choices.scales:
            self.scale_box.addItem(name, scale_id)
        self.year_box = QComboBox()
        for year in choices.years:
            self.year_box.addItem(year.name, year.start)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(choices.year.start)))
        if kind in ("answer_sheet", "consent"):
            form.addRow(self.tr("班级"), self.class_box)
        if kind == "consent":
            form.addRow(self.tr("学号"), self.student_edit)
        form.addRow(self.tr("量表"), self.scale_box)
        if kind == "summary":
            form.addRow(self.tr("学年"), self.year_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打印预览"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if kind != "summary" and not choices.classes:
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            form.addRow(QLabel(self.tr("本学年还没有班级。")))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def request(self) -> PrintRequest:
        from counselor_app.years.school_years import SchoolYear

        year = self.year_box.currentData()
        return PrintRequest(
            kind=self.kind,
            scale_id=str(self.scale_box.currentData() or ""),
            class_code=str(self.class_box.currentData() or ""),
            student_no=self.student_edit.text().strip() if self.kind == "consent" else "",
            year=SchoolYear(int(year)) if self.kind == "summary" and year is not None else None,
        )


def ask_with_dialog(
    parent: QWidget, kind: PrintoutKind, choices: PrintChoices
) -> PrintRequest | None:
    dialog = PrintoutDialog(kind, choices, parent)
    try:
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class ScreeningPrintouts(QWidget):
    """A row of three buttons for the screening printouts, and a line saying what happened."""

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        # Replaced in tests: the dialog, the preview and the save dialog are modal.
        self.ask: AskRequest = ask_with_dialog
        self.show_preview = qt_print_preview()
        self.ask_save_path: Callable[[QWidget, str], str] = _ask_save_path
        self.answer_sheet_button = QPushButton(self.tr("打印答题卡…"))
        self.answer_sheet_button.setToolTip(
            self.tr("一个班级的空白答题卡：印有姓名和学号、每题的选项分值（保密）")
        )
        self.consent_button = QPushButton(self.tr("打印知情同意书…"))
        self.consent_button.setToolTip(
            self.tr("致家长的测评知情同意书（带回执）：一名学生，或全班每人一页")
        )
        self.summary_button = QPushButton(self.tr("测评汇总…"))
        self.summary_button.setToolTip(
            self.tr("一轮测评的人数汇总，给校领导：按年级、班级、性别，与上学年对比，不含姓名")
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button, kind in (
            (self.answer_sheet_button, "answer_sheet"),
            (self.consent_button, "consent"),
            (self.summary_button, "summary"),
        ):
            layout.addWidget(button)
            button.clicked.connect(lambda _=False, k=kind: self.start(k))
        layout.addWidget(self.status, 1)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.answer_sheet_button, self.consent_button, self.summary_button)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for button in self.buttons:
            button.setEnabled(not busy)
        self.status.setText(text)

    def start(self, kind: PrintoutKind) -> None:
        self._set_busy(True)
        self._runner.run(print_choices, self._school, owner=self).on_success(
            lambda choices: self._chosen(kind, choices)
        ).on_failure(self._failed)

    def _chosen(self, kind: PrintoutKind, choices: PrintChoices) -> None:
        self._set_busy(False)
        request = self.ask(self, kind, choices)
        if request is None:
            return
        self._set_busy(True, self.tr("正在生成…"))
        self._runner.run(build_printout, self._school, request, owner=self).on_success(
            lambda pdf: self._built(request, pdf)
        ).on_failure(self._failed)

    def _built(self, request: PrintRequest, pdf: RenderedPdf) -> None:
        self._set_busy(False, " ".join(str(warning) for warning in pdf.warnings()))
        title = {
            "answer_sheet": self.tr("打印预览 · 答题卡"),
            "consent": self.tr("打印预览 · 知情同意书"),
            "summary": self.tr("打印预览 · 测评汇总"),
        }[request.kind]
        show_preview = self.show_preview
        if show_preview is not None:
            # Modal; locking closes it (and may delete this widget): nothing of it after.
            show_preview(self, pdf.data, title)
            return
        path = self.ask_save_path(self, title)
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        self._runner.run(pdf.save, target, owner=self).on_success(
            lambda _: self.status.setText(self.tr("已保存到 {path}。").format(path=target))
        ).on_failure(self._failed)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        detail = str(error) if isinstance(error, CounselorError | OSError) else repr(error)
        warn(self, self.tr("没有生成"), self.tr("打印材料没有生成：{detail}").format(detail=detail))


def _ask_save_path(parent: QWidget, title: str) -> str:
    pdf_files = QCoreApplication.translate("ScreeningPrintouts", "PDF 文件 (*.pdf)")
    path, _ = QFileDialog.getSaveFileName(parent, title, "", pdf_files)
    return path
