"""Before a scale is given or typed in: whose guardian's consent (知情同意, scope 测评) is not on file.

The check itself is :func:`counselor_app.screening.consent.without_screening_consent`, run on the
worker. When someone has no consent, the counsellor is told who, and goes on only by writing an
exception's reason (kept, sealed, with each screening and in the audit trail through
``save_screenings``); for a class typed in from paper the students without consent can instead
be left out. The question goes through a replaceable function (:data:`ConsentPrompt`) so that
tests answer it as they answer :func:`counselor_app.ui.questions.ask`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ConsentDecision:
    """``reason``: go on for everyone, with this exception's reason; ``leave_out``: go on
    without the students who have no consent (paper entry only)."""

    reason: str | None = None
    leave_out: bool = False


# (parent, names of the students without consent, whether leaving them out is offered)
# -> the decision, or None to go back.
ConsentPrompt = Callable[[QWidget | None, list[str], bool], ConsentDecision | None]


class ConsentExceptionDialog(QDialog):
    def __init__(self, parent: QWidget | None, names: list[str], can_leave_out: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("没有知情同意"))
        self.decision: ConsentDecision | None = None
        text = QLabel(
            self.tr(
                "以下 %n 名学生没有在该日期有效的测评知情同意（知情同意登记，范围“测评”）：", "",
                len(names),
            )
        )  # fmt: skip
        text.setWordWrap(True)
        shown = QLabel("、".join(names))
        shown.setWordWrap(True)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QLabel(
            self.tr("如确需测评，请写明例外原因（将与测评一起保密保存，并记入操作日志）。")
        )
        explain.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例外原因，如：家长已口头同意，书面同意书补交中"))
        buttons = QDialogButtonBox()
        self.go_on = QPushButton(self.tr("记录例外并继续"))
        self.go_on.setEnabled(False)
        buttons.addButton(self.go_on, QDialogButtonBox.ButtonRole.AcceptRole)
        self.leave_out: QPushButton | None = None
        if can_leave_out:
            self.leave_out = QPushButton(self.tr("不录入这些学生"))
            buttons.addButton(self.leave_out, QDialogButtonBox.ButtonRole.ActionRole)
            self.leave_out.clicked.connect(self._leave_out)
        cancel = buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        self.go_on.clicked.connect(self._go_on)
        self.reason.textChanged.connect(lambda text: self.go_on.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(shown)
        layout.addSpacing(6)
        layout.addWidget(explain)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def _go_on(self) -> None:
        if self.reason.text().strip():
            self.decision = ConsentDecision(reason=self.reason.text().strip())
            self.accept()

    def _leave_out(self) -> None:
        self.decision = ConsentDecision(leave_out=True)
        self.accept()


def ask_consent_exception(
    parent: QWidget | None, names: list[str], can_leave_out: bool
) -> ConsentDecision | None:
    dialog = ConsentExceptionDialog(parent, names, can_leave_out)
    try:
        dialog.exec()
        return dialog.decision
    finally:
        dialog.deleteLater()
