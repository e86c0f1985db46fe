"""设置 › 危机干预: how soon each step of a crisis case (一生一策) is due, for the whole school.

The values and their ranges are the crisis workflow's own (``crisis.due_days``); this screen only
shows and saves them. A change applies at once to every plan's due dates, on every page.
"""

from __future__ import annotations

from dataclasses import asdict, fields

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counselor_app.crisis.due_days import (
    DEFAULT,
    LABELS,
    DueDays,
    limits,
    read_due_days,
    write_due_days,
)
from counselor_app.foundation.change import Changes
from counselor_app.school.core import School
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.section_parts import button_row, load_when_first_shown
from counselor_app.ui.tasks import TaskRunner


def _save(school: School, due: DueDays) -> Changes:
    write_due_days(school, due)
    # Every plan's due dates move: the pages showing them read again.
    return Changes.of_types("crisis_plan")


class CrisisSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.spins: dict[str, QSpinBox] = {}
        box = QGroupBox(self.tr("一生一策各步骤的期限"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for field in fields(DueDays):
            spin = QSpinBox()
            spin.setRange(*limits(field.name))
            spin.setMinimumWidth(110)
            spin.setEnabled(False)  # until the school's values have been read
            suffix = self.tr(" 周") if field.name == "review_weeks" else self.tr(" 天")
            spin.setSuffix(suffix)
            self.spins[field.name] = spin
            form.addRow(LABELS[field.name].render(), spin)
        note = QLabel(
            self.tr(
                "评估按上学日计算（学期内的工作日，除去节假日和全校停课日；不在学期内时按工作日）；"
                "其余按日历天数。结案时须有一次结案评估。本设置对全校所有一生一策有效。"
            )
        )
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)
        form.addRow(note)
        self.save_button = QPushButton(self.tr("保存"))
        self.default_button = QPushButton(self.tr("恢复默认"))
        self.save_button.clicked.connect(self.save)
        self.default_button.clicked.connect(lambda: self._show(DEFAULT))
        self.message_bar = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box.setMaximumWidth(640)
        layout.addWidget(box)
        layout.addLayout(button_row(self.save_button, self.default_button))
        layout.addStretch(1)
        layout.addWidget(self.message_bar)
        load_when_first_shown(self, self.load)

    def load(self) -> None:
        self._runner.run(read_due_days, self._school, owner=self).on_success(self._show).on_failure(
            self.message_bar.show_failure
        )

    def _show(self, due: DueDays) -> None:
        for name, value in asdict(due).items():
            self.spins[name].setValue(value)
            self.spins[name].setEnabled(True)

    def chosen(self) -> DueDays:
        return DueDays(**{name: spin.value() for name, spin in self.spins.items()})

    def save(self) -> None:
        self._runner.run(_save, self._school, self.chosen(), owner=self).on_success(
            lambda _: self.message_bar.show_info(
                self.tr("已保存。各一生一策的期限已按新设置计算。")
            )
        ).on_failure(self.message_bar.show_failure)
