"""勾选确认: the counsellor confirms a manual rule and writes down what was checked.

:func:`ask_note` is the one place the page asks; tests replace it to answer in advance.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.selfcheck.profiles import RuleDefinition


class ConfirmRuleDialog(QDialog):
    def __init__(self, rule: RuleDefinition, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("确认自查项目"))
        self.setMinimumWidth(460)
        heading = QLabel(rule.title)
        heading.setObjectName("dialogHeading")
        standard = QLabel(rule.standard)
        standard.setWordWrap(True)
        prompt = QLabel(
            self.tr("请写明核实了什么（例如“已查阅各年级课表和考试安排，未公布排名”）：")
        )
        prompt.setWordWrap(True)
        self.note_field = QPlainTextEdit(note)
        self.note_field.setTabChangesFocus(True)
        self.note_field.setMinimumHeight(90)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = QPushButton(self.tr("确认此项"))
        self.confirm_button.setDefault(True)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_field.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(standard)
        layout.addSpacing(6)
        layout.addWidget(prompt)
        layout.addWidget(self.note_field)
        layout.addWidget(self.buttons)
        self._update()

    def note(self) -> str:
        return self.note_field.toPlainText().strip()

    def _update(self) -> None:
        self.confirm_button.setEnabled(bool(self.note()))


def ask_note(parent: QWidget, rule: RuleDefinition, note: str = "") -> str | None:
    """The note for confirming ``rule``, or None if the user cancelled."""
    dialog = ConfirmRuleDialog(rule, note, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.note()
