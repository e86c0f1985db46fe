"""工作台: what needs attention today, each item one click from the record it concerns.

Tiles: this week's counselling-room hours against the requirement, the current term's self-check
at a glance (with its progress while the term runs), and how many students, sessions and open
crisis plans there are. While the term runs, a line below the tiles names the self-check rules
furthest behind and what each still needs. Below them four lists: today's appointments and duty;
crisis-plan reviews and follow-ups due or overdue; the screening worklist (筛查待约谈), overdue
first, each entry opening its interview dialog; key students without a home visit this school
year.

Every number and list comes from :mod:`counselor_app.dashboard.today`, read on the database worker each
time the page is shown: the agenda first (fast), the self-check glance after it (it measures every
rule of the term, and writes no audit entry). A click goes to the 辅导室 page for an appointment or
the duty, to the student's file for a plan or a key student, to 自查与上报 for the self-check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.dashboard.today import (
    Agenda,
    PlanDue,
    ProgressGlance,
    SelfCheckGlance,
    agenda,
    self_check_glance,
)
from counselor_app.foundation.i18n import current_language, in_language
from counselor_app.foundation.vocab import APPOINTMENT_STATE, BOOKING_CHANNEL, USER_ROLE
from counselor_app.records.service import Change
from counselor_app.reports.selfcheck_words import count_parts, passed_count
from counselor_app.school.core import School
from counselor_app.screening.worklist import WorklistEntry
from counselor_app.selfcheck.result import CONFIRMED, FAIL, NOT_APPLICABLE, PASS
from counselor_app.ui.screening.interview_dialog import InterviewDialog, open_interview
from counselor_app.ui.student_model import risk_dot, risk_text
from counselor_app.ui.style import TEXT_MUTED
from counselor_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from counselor_app.ui.sections import Navigator

EMPTY = "—"
OVERDUE_COLOUR = "#b3261e"
SHORT_COLOUR = "#b3261e"
# How many overdue crisis cases the dashboard lists before its list scrolls.
OVERDUE_LINES_SHOWN = 4

# Where an item leads: ("section", key), ("student", id) or ("interview", WorklistEntry).
Target = tuple[str, Any]


class StatCard(QFrame):
    """One number with what it counts; with a target, a click (or Enter) goes there."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.value_label = QLabel(EMPTY)
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("statCaption")
        self.caption_label.setWordWrap(True)
        self.target: Target | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)

    def set_value(self, value: int | None) -> None:
        self.value_label.setText(EMPTY if value is None else f"{value:,}")

    def set_target(self, target: Target) -> None:
        self.target = target
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_warning(self, warning: bool) -> None:
        self.value_label.setStyleSheet(f"color: {SHORT_COLOUR};" if warning else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.target is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if self.target is not None and event.key() in keys:
            self.clicked.emit()
            return
        super().keyPressEvent(event)


@dataclass(frozen=True)
class AgendaRow:
    """One line of a dashboard list; without a target it is a note ("今天没有预约")."""

    text: str
    target: Target | None = None
    tooltip: str = ""
    level: int | None = None  # a risk level: a coloured dot before the text
    urgent: bool = False  # overdue: shown in red


class AgendaModel(QAbstractListModel):
    TARGET_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []
        self._dots: dict[int, QIcon] = {}

    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AgendaRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].target is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.text
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.urgent:
                return QBrush(QColor(OVERDUE_COLOUR))
            if row.target is None:
                return QBrush(QColor(TEXT_MUTED))
        if role == Qt.ItemDataRole.DecorationRole and row.level is not None:
            if row.level not in self._dots:
                self._dots[row.level] = QIcon(risk_dot(row.level))
            return self._dots[row.level]
        if role == self.TARGET_ROLE:
            return row.target
        return None


class AgendaList(QListView):
    """A dashboard list: a click or Enter on an item emits its target."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = AgendaModel(self)
        self.setModel(self.model_)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.clicked.connect(self._choose)

    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        self.model_.set_rows(rows)
        has_targets = any(row.target is not None for row in rows)
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if has_targets else Qt.CursorShape.ArrowCursor
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._choose(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _choose(self, index: QModelIndex) -> None:
        target = index.data(AgendaModel.TARGET_ROLE)
        if target is not None:
            self.chosen.emit(target)


class AgendaPanel(QFrame):
    """A heading, a count and a list."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        heading = QLabel(title)
        heading.setObjectName("dialogHeading")
        self.count_label = QLabel()
        self.count_label.setObjectName("statCaption")
        self.list = AgendaList()
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

    def set_rows(self, rows: Sequence[AgendaRow], count: str = "") -> None:
        self.list.set_rows(rows)
        self.count_label.setText(count)


class DashboardPage(QWidget):
    # Where a click should go; the main window follows (see _go), tests may listen.
    section_requested = Signal(str)
    student_requested = Signal(int)
    plan_requested = Signal(int)
    interview_requested = Signal(object)  # a WorklistEntry

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        navigator: Navigator | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._navigator = navigator  # None: shown on its own, only the signals tell
        self.agenda: Agenda | None = None
        self.glance: SelfCheckGlance | None = None
        self.glance_loaded = False
        self._generation = 0
        self.interview_dialog: InterviewDialog | None = None

        self.school_label = QLabel()
        self.school_label.setObjectName("pageTitle")
        self.school_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_label = QLabel(
            self.tr("当前用户：{user}（{role}）").format(
                user=school.user.name, role=USER_ROLE.label(school.user.role)
            )
        )
        self.user_label.setObjectName("pageSubtitle")
        self.day_label = QLabel()
        self.day_label.setObjectName("pageSubtitle")
        self.quick_button = QPushButton(self.tr("快速记录辅导（Ctrl+N）"))
        self.quick_button.clicked.connect(self.open_quick_session)

        self.cards = {
            "room_week": StatCard(self.tr("本周辅导室开放（小时）")),
            "self_check": StatCard(self.tr("本学期自查")),
            "students_enrolled": StatCard(self.tr("在读学生")),
            "sessions": StatCard(self.tr("辅导记录")),
            "crisis_plans_open": StatCard(self.tr("进行中的一生一策")),
        }
        targets = {
            "room_week": "room",
            "self_check": "self_check",
            "students_enrolled": "students",
            "sessions": "sessions",
            "crisis_plans_open": "crisis",
        }
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for key, card in self.cards.items():
            card.set_target(("section", targets[key]))
            card.clicked.connect(lambda card=card: self._go(card.target))
            tiles.addWidget(card, 1)

        # The running term's self-check rules furthest behind: one click to 自查与上报.
        self.next_steps_panel = AgendaPanel(self.tr("本学期自查：接下来要做"))
        self.next_steps_panel.list.chosen.connect(self._go)
        self.next_steps_panel.hide()

        # Crisis cases past a due date: shown only when there are some, above everything else.
        self.overdue_panel = AgendaPanel(self.tr("一生一策：逾期未完成的步骤"))
        self.overdue_panel.list.chosen.connect(self._go)
        self.overdue_panel.hide()

        self.today_panel = AgendaPanel(self.tr("今日预约与值班"))
        self.plans_panel = AgendaPanel(self.tr("一生一策：待复查与待随访"))
        self.key_panel = AgendaPanel(self.tr("重点学生：本学年未家访"))
        self.screening_panel = AgendaPanel(self.tr("筛查待约谈"))
        panels = QGridLayout()
        panels.setSpacing(12)
        # Today's short lines need the least room; the lists of students share the rest.
        shown = ((self.today_panel, 2), (self.plans_panel, 3), (self.screening_panel, 3),
                 (self.key_panel, 3))  # fmt: skip
        for column, (panel, stretch) in enumerate(shown):
            panel.list.chosen.connect(self._go)
            panels.addWidget(panel, 0, column)
            panels.setColumnStretch(column, stretch)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.school_label)
        titles.addWidget(self.day_label)
        titles.addWidget(self.user_label)
        header.addLayout(titles, 1)
        header.addWidget(self.quick_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addLayout(tiles)
        layout.addSpacing(8)
        layout.addWidget(self.overdue_panel)
        layout.addWidget(self.next_steps_panel)
        layout.addLayout(panels, 1)
        hint = QLabel(self.tr("单击任一条目或数字，打开它所涉及的记录。"))
        hint.setObjectName("placeholderNote")
        layout.addWidget(hint)

    # -- loading --------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read today's agenda, then the self-check glance, on the worker."""
        self._generation += 1
        generation = self._generation
        school = self._school

        def load() -> tuple[str, Agenda]:
            return school.name, agenda(school)

        self._runner.run(load, owner=self).on_success(
            lambda loaded: self._show(generation, *loaded)
        )
        self._runner.run(self_check_glance, school, owner=self).on_success(
            lambda glance: self._show_glance(generation, glance)
        ).on_failure(lambda error: self._glance_failed(generation, error))

    @property
    def counts(self) -> Any:
        return self.agenda.counts if self.agenda else None

    def _show(self, generation: int, name: str, loaded: Agenda) -> None:
        if generation != self._generation:
            return
        self.agenda = loaded
        self.school_label.setText(name)
        self.day_label.setText(self._day_text(loaded))
        for key in ("students_enrolled", "sessions", "crisis_plans_open"):
            self.cards[key].set_value(getattr(loaded.counts, key))
        self._show_room_week(loaded)
        self._show_today(loaded)
        self._show_overdue_cases(loaded)
        self._show_plans(loaded)
        self._show_screening_worklist(loaded)
        self._show_key_students(loaded)

    def _day_text(self, loaded: Agenda) -> str:
        day = loaded.today
        date_text = QLocale().toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
        )
        if loaded.term is None:
            return self.tr("{date} · 今天不在任何学期内").format(date=date_text)
        if loaded.week_number is None:
            return self.tr("{date} · {term}").format(date=date_text, term=loaded.term.name)
        return self.tr("{date} · {term} 第 {week} 周").format(
            date=date_text, term=loaded.term.name, week=loaded.week_number
        )

    def _show_room_week(self, loaded: Agenda) -> None:
        card = self.cards["room_week"]
        week = loaded.room_week
        if week is None:
            card.value_label.setText(EMPTY)
            card.caption_label.setText(
                self.tr("本周辅导室开放：不在学期内")
                if loaded.term is None
                else self.tr("本周辅导室开放：所选自查标准未规定")
            )
            card.set_warning(False)
            return
        card.value_label.setText(
            self.tr("{open} / {required}").format(
                open=week.open_hours_text, required=week.required_hours_text
            )
        )
        card.caption_label.setText(
            self.tr("本周开放 / 要求（小时）\n第 {week} 周，{days} 个上学日").format(
                week=week.week_number, days=week.school_days
            )
        )
        card.setToolTip(
            self.tr("每 5 个上学日开放 {hours:g} 小时，按本周上学日折算。").format(
                hours=float(week.hours_per_five_school_days)
            )
        )
        card.set_warning(not week.meets_requirement)

    def _show_today(self, loaded: Agenda) -> None:
        rows: list[AgendaRow] = []
        room = ("section", "room")
        for item in loaded.appointments:
            who = (
                self.tr("{name}（{class_name}）").format(
                    name=item.student_name, class_name=item.class_name
                )
                if item.student_name
                else self.tr("家长 {name}").format(name=item.parent_name)
            )
            text = self.tr("{time}　{who} · {channel} · {state}").format(
                time=item.start_time,
                who=who,
                channel=BOOKING_CHANNEL.label(item.channel),
                state=APPOINTMENT_STATE.label(item.state),
            )
            rows.append(AgendaRow(text, room))
        if not loaded.appointments:
            rows.append(AgendaRow(self.tr("今天没有预约。")))
        if loaded.term is None:
            rows.append(AgendaRow(self.tr("今天不在学期内，辅导室不开放。")))
        elif not loaded.school_day:
            rows.append(AgendaRow(self.tr("今天不是上学日，辅导室不开放。")))
        elif not loaded.room_may_open:
            rows.append(AgendaRow(self.tr("今天辅导室停开（见“停开日期”）。")))
        elif loaded.duty:
            for duty in loaded.duty:
                rows.append(
                    AgendaRow(
                        self.tr("值班 {start}–{end}　{teacher}").format(
                            start=duty.start_time,
                            end=duty.end_time,
                            teacher=duty.duty_teacher or self.tr("（未安排值班教师）"),
                        ),
                        room,
                        urgent=not duty.duty_teacher,
                    )
                )
        else:
            rows.append(AgendaRow(self.tr("今天辅导室没有安排开放时间。")))
        self.today_panel.set_rows(
            rows, self.tr("预约 {count} 个").format(count=len(loaded.appointments))
        )

    def _due_text(self, item: PlanDue, what: str) -> str:
        if item.days_late > 0:
            when = self.tr("{what}已逾期 %n 天", "", item.days_late).format(what=what)
        elif item.days_late == 0:
            when = self.tr("今天{what}").format(what=what)
        else:
            when = self.tr("%n 天后{what}", "", -item.days_late).format(what=what)
        return self.tr("{name}（{class_name}）— {when}").format(
            name=item.student_name, class_name=item.class_name, when=when
        )

    def _show_plans(self, loaded: Agenda) -> None:
        rows: list[AgendaRow] = []
        review, follow_up = self.tr("复查"), self.tr("随访")
        for item in loaded.reviews:
            rows.append(
                AgendaRow(
                    self._due_text(item, review),
                    ("student", item.student_id),
                    self.tr("一生一策下次评估日期：{date}").format(date=item.due_on),
                    level=item.level,
                    urgent=item.overdue,
                )
            )
        for item in loaded.follow_ups:
            since = item.last_follow_up_on or self.tr("尚无随访")
            rows.append(
                AgendaRow(
                    self._due_text(item, follow_up),
                    ("student", item.student_id),
                    self.tr("上次随访：{date}；应于 {due} 前随访").format(
                        date=since, due=item.due_on
                    ),
                    level=item.level,
                    urgent=item.overdue,
                )
            )
        if not rows:
            rows.append(AgendaRow(self.tr("没有到期的复查和随访。")))
        overdue = sum(1 for item in (*loaded.reviews, *loaded.follow_ups) if item.overdue)
        count = self.tr("逾期 {count} 项").format(count=overdue) if overdue else ""
        self.plans_panel.set_rows(rows, count)

    def _show_screening_worklist(self, loaded: Agenda) -> None:
        rows = []
        for entry in loaded.screening_worklist:
            critical = self.tr("·关键题") if entry.critical else ""
            rows.append(
                AgendaRow(
                    # The status first: a narrow panel elides the end of the line.
                    self.tr("{status}　{name}（{class_name}）{scale} {band}{critical}").format(
                        name=entry.student_name,
                        class_name=entry.class_name,
                        scale=entry.scale_name,
                        band=entry.band_label.render(),
                        critical=critical,
                        status=entry.status_label.render(),
                    ),
                    ("interview", entry),
                    self.tr("学号 {number}；{date} 测评总分 {score}；应约谈日期 {due}").format(
                        number=entry.student_no,
                        date=entry.on.isoformat(),
                        score=entry.score_text,
                        due=entry.due_on.isoformat(),
                    ),
                    urgent=entry.overdue,
                )
            )
        if not rows:
            rows.append(AgendaRow(self.tr("没有待约谈的学生。")))
        overdue = sum(entry.overdue for entry in loaded.screening_worklist)
        count = (
            self.tr("逾期 {overdue} / 共 {count} 人次").format(
                overdue=overdue, count=len(loaded.screening_worklist)
            )
            if rows and loaded.screening_worklist
            else ""
        )
        self.screening_panel.set_rows(rows, count)

    def _show_overdue_cases(self, loaded: Agenda) -> None:
        rows = []
        for line in loaded.overdue_cases:
            steps = sorted(line.case.overdue, key=lambda step: -step.days_overdue)
            late = self.tr("；").join(
                self.tr("{step}逾期 %n 天", "", step.days_overdue).format(step=step.label.render())
                for step in steps
            )
            rows.append(
                AgendaRow(
                    self.tr("{name}（{class_name}）— {late}").format(
                        name=line.student_name, class_name=line.class_name, late=late
                    ),
                    ("crisis_plan", line.plan_id),
                    self.tr("应完成：{dates}").format(
                        dates=self.tr("；").join(
                            f"{step.label.render()} {step.due_on}" for step in steps
                        )
                    ),
                    level=line.level,
                    urgent=True,
                )
            )
        count = self.tr("%n 个个案", "", len(rows)) if rows else ""
        panel = self.overdue_panel
        panel.set_rows(rows, count)
        panel.setVisible(bool(rows))
        if rows:  # as tall as its lines, up to a few; the list scrolls beyond
            shown = min(len(rows), OVERDUE_LINES_SHOWN)
            panel.list.setFixedHeight(
                panel.list.sizeHintForRow(0) * shown + 2 * panel.list.frameWidth()
            )

    def _show_key_students(self, loaded: Agenda) -> None:
        rows = [
            AgendaRow(
                self.tr("{name}（{class_name}）— {level}").format(
                    name=item.name, class_name=item.class_name, level=risk_text(item.level)
                ),
                ("student", item.student_id),
                self.tr(
                    "学号 {number}；{date} 评定为 {level}；本学年（{first}～{last}）尚无家访"
                ).format(
                    number=item.student_no,
                    date=item.assessed_on,
                    level=risk_text(item.level),
                    first=loaded.school_year[0],
                    last=loaded.school_year[1],
                ),
                level=item.level,
            )
            for item in loaded.key_students_without_visit
        ]
        if not rows:
            rows.append(AgendaRow(self.tr("重点学生本学年都已家访。")))
        count = len(loaded.key_students_without_visit)
        self.key_panel.set_rows(rows, self.tr("{count} 人").format(count=count) if count else "")

    def _show_glance(self, generation: int, glance: SelfCheckGlance | None) -> None:
        if generation != self._generation:
            return
        self.glance = glance
        self.glance_loaded = True
        card = self.cards["self_check"]
        if glance is None:
            card.value_label.setText(EMPTY)
            card.caption_label.setText(self.tr("本学期自查：尚未登记学期"))
            card.set_warning(False)
            self._show_next_steps(None)
            return
        counts = glance.counts
        # Met: passed, or manual and confirmed; of the rules judged this term (a rule that does not
        # apply is not counted at all).
        card.value_label.setText(
            self.tr("{passed} / {total}").format(
                passed=passed_count(counts), total=glance.rules - counts.get(NOT_APPLICABLE, 0)
            )
        )
        # Outside a term the glance is of the term that ended last: say which, never "this term".
        running = self.agenda is not None and self.agenda.term is not None
        heading = (
            self.tr("本学期自查达标")
            if running
            else self.tr("{term}自查达标").format(term=glance.term_name)
        )
        rest = count_parts(counts, current_language(), leave_out=(PASS, CONFIRMED, NOT_APPLICABLE))
        caption = heading + "\n" + " · ".join(f"{words} {count}" for _, words, count in rest)
        if glance.progress is not None:
            caption += "\n" + self.tr(
                "进度：落后 {behind} · 按进度 {on_track} · 已达标 {met}"
            ).format(
                behind=glance.progress.counts["behind"],
                on_track=glance.progress.counts["on_track"],
                met=glance.progress.counts["met"],
            )
        card.caption_label.setText(caption)
        self._show_next_steps(glance.progress)
        card.setToolTip(
            self.tr("{term}，{profile}").format(term=glance.term_name, profile=glance.profile_name)
        )
        card.set_warning(counts[FAIL] > 0)

    def _show_next_steps(self, progress: ProgressGlance | None) -> None:
        """The rules furthest behind in the running term, each with what it still needs."""
        panel = self.next_steps_panel
        panel.setVisible(progress is not None)
        if progress is None:
            panel.set_rows([])
            return
        target = ("section", "self_check")
        rows = [
            AgendaRow(
                self.tr("{title}：{words}").format(title=step.title, words=in_language(step.words)),
                target,
                self.tr("{rule}：{words}").format(rule=step.rule_id, words=in_language(step.words)),
                urgent=True,
            )
            for step in progress.next_steps
        ]
        if not rows:
            rows.append(AgendaRow(self.tr("没有落后的项目，各项都按进度。")))
        behind = progress.counts["behind"]
        panel.set_rows(
            rows,
            self.tr("第 {week} 周 / 共 {weeks} 周 · 落后 {count} 项").format(
                week=progress.week, weeks=progress.weeks, count=behind
            ),
        )
        # As tall as its lines: it sits above the day's lists, which keep the rest.
        panel.list.setFixedHeight(
            panel.list.sizeHintForRow(0) * len(rows) + 2 * panel.list.frameWidth()
        )

    def _glance_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.glance_loaded = True
        self._show_next_steps(None)
        card = self.cards["self_check"]
        card.value_label.setText(EMPTY)
        card.caption_label.setText(self.tr("本学期自查：无法计算"))
        card.setToolTip(str(error))

    # -- going where an item leads --------------------------------------------------------------
    def _go(self, target: Target | None) -> None:
        """Open what the item concerns: through the main window when it is there."""
        if target is None:
            return
        kind, value = target
        if kind == "section":
            self.section_requested.emit(value)
            if self._navigator is not None:
                self._navigator.show_section(value)
        elif kind == "student":
            self.student_requested.emit(int(value))
            if self._navigator is not None:
                self._navigator.open_student(int(value))
        elif kind == "crisis_plan":
            self.plan_requested.emit(int(value))
            if self._navigator is not None:
                page = self._navigator.show_section("crisis")
                open_plan = getattr(page, "open_plan", None)
                if open_plan is not None:
                    open_plan(int(value))
        elif kind == "interview":
            self.interview_requested.emit(value)
            self.open_interview(value)

    def open_interview(self, entry: WorklistEntry) -> InterviewDialog | None:
        """The interview dialog of a worklist entry; for a 管理员 (who records no interviews),
        the screening page instead."""
        if not self._school.user.is_counsellor:
            if self._navigator is not None:
                self._navigator.show_section("screening")
            return None
        self.interview_dialog = open_interview(self, self._school, self._runner, entry)
        self.interview_dialog.saved.connect(lambda _recorded: self.refresh())
        return self.interview_dialog

    def open_quick_session(self) -> None:
        from counselor_app.ui.quick_session import open_quick_session

        open_quick_session(self, self._school, self._runner, on_saved=self.quick_session_saved)

    def quick_session_saved(self, change: Change) -> None:
        if self.isVisible():
            self.refresh()
