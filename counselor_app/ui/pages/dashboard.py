"""工作台: the school, who is signed in, and how many of the main records there are.

The numbers come from :func:`counselor_app.overview.record_counts`, fetched on the database worker
each time the page is shown. Today's appointments, due reviews and the self-check follow later.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from counselor_app.overview import RecordCounts, record_counts
from counselor_app.school import School
from counselor_app.ui.tasks import TaskRunner
from counselor_app.vocab import USER_ROLE

EMPTY = "—"


class StatCard(QFrame):
    """One number with what it counts."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.value_label = QLabel(EMPTY)
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("statCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, value: int | None) -> None:
        self.value_label.setText(EMPTY if value is None else f"{value:,}")


class DashboardPage(QWidget):
    COLUMNS = 5

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.counts: RecordCounts | None = None

        self.school_label = QLabel()
        self.school_label.setObjectName("pageTitle")
        self.user_label = QLabel(
            self.tr("当前用户：{user}（{role}）").format(
                user=school.user.name, role=USER_ROLE.label(school.user.role)
            )
        )
        self.user_label.setObjectName("pageSubtitle")

        self.cards = {
            "students_enrolled": StatCard(self.tr("在读学生")),
            "classes": StatCard(self.tr("班级")),
            "staff": StatCard(self.tr("教职工")),
            "sessions": StatCard(self.tr("辅导记录")),
            "crisis_plans_open": StatCard(self.tr("进行中的一生一策")),
        }
        grid = QGridLayout()
        grid.setSpacing(16)
        for position, card in enumerate(self.cards.values()):
            grid.addWidget(card, position // self.COLUMNS, position % self.COLUMNS)
        for column in range(self.COLUMNS):
            grid.setColumnStretch(column, 1)

        later = QLabel(
            self.tr(
                "今日预约与值班、待复查的一生一策、本周开放时长和本学期自查结果，"
                "将在后续版本中显示在这里。"
            )
        )
        later.setObjectName("placeholderNote")
        later.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.school_label)
        layout.addWidget(self.user_label)
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(later)
        layout.addStretch(1)
        self.school_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        school = self._school

        def load() -> tuple[str, RecordCounts]:
            return school.name, record_counts(school.db, school.today())

        self._runner.run(load, owner=self).on_success(self._show)

    def _show(self, loaded: tuple[str, RecordCounts]) -> None:
        name, counts = loaded
        self.counts = counts
        self.school_label.setText(name)
        for key, card in self.cards.items():
            card.set_value(getattr(counts, key))
