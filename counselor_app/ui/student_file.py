"""一生一档 on screen: one student's file inside the 学生档案 page.

Who the student is; the risk level today in its colour and its history as a small step chart; the
open crisis plan with its care group; and the timeline of everything on record, newest first, with
the selected entry's fields in a pane below it. A 管理员 reads "（无权查看）" wherever confidential
text was withheld (by the record service, not here).

The file is read on the database worker by ``counselor_app.student_file.overview.student_overview``,
which also records the opening in the audit trail, so opening a file here logs exactly once.
打印 writes the same file as a confidential PDF (``reports.student_pdf``) on the worker; 打印一生一策
shows the open plan's papers in the print preview (:mod:`counselor_app.ui.crisis_print`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counselor_app.crisis import CaseStatus
from counselor_app.foundation.i18n import bracketed, joined
from counselor_app.foundation.vocab import SEX, STUDENT_STATUS
from counselor_app.records.catalog import SESSION, one_record_label
from counselor_app.records.permissions import may_write
from counselor_app.school.core import School
from counselor_app.student_file.facts import PlanSummary
from counselor_app.student_file.overview import StudentOverview, student_overview
from counselor_app.students.risk_levels import LevelEntry
from counselor_app.ui.crisis.models import OVERDUE_COLOUR
from counselor_app.ui.crisis_print import CrisisPrinter
from counselor_app.ui.questions import ask, warn
from counselor_app.ui.risk_chart import LEFT_COLUMN_WIDTH, LevelBadge, RiskChart
from counselor_app.ui.student_model import (
    TimelineModel,
    risk_text,
)
from counselor_app.ui.style import TEXT_MUTED
from counselor_app.ui.tasks import TaskRunner

PdfWriter = Callable[[School, str, Path], object]


def write_student_pdf(school: School, student_no: str, path: Path) -> object:
    """:func:`counselor_app.reports.student_pdf.write_student_pdf`, imported when first used
    (reportlab takes a while to load)."""
    from counselor_app.reports.student_pdf import write_student_pdf as write

    return write(school, student_no, path)


# At most this many level changes are listed under the chart; the chart shows them all.
LEVEL_CHANGES_SHOWN = 6


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def section_heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("dialogHeading")
    return label


def wrapping_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class StudentFileView(QWidget):
    """One student's file. :meth:`open_student` reads it on the worker and shows it."""

    back_requested = Signal()
    loaded = Signal(int)  # the student's id, once the file is on screen

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        write_pdf: PdfWriter = write_student_pdf,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._write_pdf = write_pdf
        self._generation = 0
        self.student_id: int | None = None
        self.overview: StudentOverview | None = None
        # Replaceable in tests: how a file is opened.
        self.open_file: Callable[[Path], None] = open_with_system

        self.back_button = QPushButton(self.tr("← 返回学生列表"))
        self.back_button.setToolTip(self.tr("返回学生列表（Esc）"))
        self.back_button.clicked.connect(self.back_requested)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)
        self.name_label = QLabel()
        self.name_label.setObjectName("pageTitle")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("pageSubtitle")
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quick_button = QPushButton(self.tr("记录辅导…"))
        self.quick_button.setToolTip(self.tr("为这名学生快速记录一次辅导"))
        self.quick_button.clicked.connect(self.open_quick_session)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setToolTip(self.tr("把一生一档保存为 PDF（标注保密）"))
        self.print_button.clicked.connect(self.print_pdf)
        # The open plan's papers (一生一策, 家长告知书, 转介单, 复学评估表) in the print preview.
        self.crisis_printer = CrisisPrinter(
            school, runner, self, self._open_plan_id, self._announce
        )
        self.crisis_print_button = self.crisis_printer.button
        self.crisis_print_button.setText(self.tr("打印一生一策…"))
        self.people_label = wrapping_label()
        self.status_label = QLabel()
        self.status_label.setObjectName("resultCount")
        self.status_label.setWordWrap(True)

        # Left column: the level and the plan.
        self.level_badge = LevelBadge()
        self.level_since_label = QLabel()
        self.level_since_label.setObjectName("pageSubtitle")
        self.chart = RiskChart()
        self.changes_label = wrapping_label()
        self.changes_label.setObjectName("pageSubtitle")
        self.plan_label = wrapping_label()
        self.care_label = wrapping_label()
        self.plan_text_label = wrapping_label()
        # The case's steps, each with its due date; overdue ones in red.
        self.steps_label = wrapping_label()
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)

        level_row = QHBoxLayout()
        level_row.addWidget(self.level_badge)
        level_row.addWidget(self.level_since_label, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 12, 0)
        left_layout.addWidget(section_heading(self.tr("风险等级")))
        left_layout.addLayout(level_row)
        left_layout.addWidget(self.chart)
        left_layout.addWidget(self.changes_label)
        left_layout.addSpacing(8)
        left_layout.addWidget(section_heading(self.tr("一生一策与关爱小组")))
        left_layout.addWidget(self.plan_label)
        left_layout.addWidget(self.steps_label)
        left_layout.addWidget(self.care_label)
        left_layout.addWidget(self.plan_text_label)
        left_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(LEFT_COLUMN_WIDTH - 60)

        # Right: the timeline and the selected entry.
        self.timeline_label = QLabel()
        self.timeline_label.setObjectName("resultCount")
        self.model = TimelineModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.timeline_view = QTableView()
        self.timeline_view.setModel(self.proxy)
        self.timeline_view.setSortingEnabled(True)
        self.timeline_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # newest first, as read
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.verticalHeader().setVisible(False)
        self.timeline_view.setWordWrap(False)
        self.timeline_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TimelineModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.timeline_view.setColumnWidth(TimelineModel.DATE, 110)
        self.timeline_view.setColumnWidth(TimelineModel.KIND, 110)
        self.timeline_view.selectionModel().currentRowChanged.connect(self._show_entry)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText(self.tr("选中一条记录，在这里查看详细内容。"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 0, 0, 0)
        heading_row = QHBoxLayout()
        heading_row.addWidget(section_heading(self.tr("记录时间线")))
        heading_row.addSpacing(8)
        heading_row.addWidget(self.timeline_label, 1)
        right_layout.addLayout(heading_row)
        entries = QSplitter(Qt.Orientation.Vertical)
        entries.addWidget(self.timeline_view)
        entries.addWidget(self.detail)
        entries.setStretchFactor(0, 3)
        entries.setStretchFactor(1, 2)
        entries.setChildrenCollapsible(False)
        right_layout.addWidget(entries, 1)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(scroll)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([LEFT_COLUMN_WIDTH, 800])
        body.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        title = QVBoxLayout()
        title.setSpacing(0)
        title.addWidget(self.name_label)
        title.addWidget(self.facts_label)
        top.addLayout(title, 1)
        top.addWidget(self.quick_button)
        top.addWidget(self.print_button)
        top.addWidget(self.crisis_print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.people_label)
        layout.addWidget(self.status_label)
        layout.addWidget(body, 1)
        self._set_actions_enabled(False)

    # -- loading --------------------------------------------------------------------------------
    def open_student(self, student_id: int) -> None:
        """Read the student's file on the worker and show it (the core logs the opening)."""
        self._generation += 1
        generation = self._generation
        if student_id != self.student_id:
            self._clear()
        self.student_id = student_id
        self._set_actions_enabled(False)
        self.status_label.setText(self.tr("正在打开学生档案…"))
        self.status_label.show()
        school = self._school
        self._runner.run(student_overview, school, student_id, owner=self).on_success(
            lambda overview: self._show(generation, overview)
        ).on_failure(lambda error: self._failed(generation, error))

    def reload(self) -> None:
        if self.student_id is not None:
            self.open_student(self.student_id)

    def _clear(self) -> None:
        self.overview = None
        self.name_label.clear()
        self.facts_label.clear()
        self.people_label.clear()
        self.level_badge.set_level(None)
        self.level_since_label.clear()
        self.chart.set_history((), self._school.today())
        self.changes_label.clear()
        self.plan_label.clear()
        self.care_label.clear()
        self.plan_text_label.clear()
        self.steps_label.clear()
        self.model.set_rows([])
        self.detail.clear()
        self.timeline_label.clear()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.status_label.setText(self.tr("无法打开学生档案：{detail}").format(detail=error))

    def _show(self, generation: int, overview: StudentOverview) -> None:
        if generation != self._generation:
            return  # another student was asked for meanwhile
        self.overview = overview
        self.status_label.hide()
        self._set_actions_enabled(True)
        student = overview.student
        self.name_label.setText(student.name)
        facts = [
            self.tr("学号 {number}").format(number=student.student_no),
            student.class_name or student.class_code,
            SEX.label(student.sex),
            STUDENT_STATUS.label(student.status),
        ]
        self.facts_label.setText(" · ".join(f for f in facts if f))
        guardian = " ".join(x for x in (student.guardian, student.guardian_phone) if x) or "—"
        people = self.tr("班主任：{head}　　出生日期：{birth}　　监护人：{guardian}").format(
            head=student.head_teacher or "—", birth=student.birth_date or "—", guardian=guardian
        )
        earlier = student.classes_by_year[:-1]
        if earlier:
            years = joined(
                self.tr("{year} {class_name}").format(year=c.year, class_name=c.class_name)
                for c in earlier
            )
            people += "\n" + self.tr("往年班级：{years}").format(years=years)
        self.people_label.setText(people)
        self._show_level(overview)
        self._show_plan(overview.plan, overview.last_closed_plan_on)
        self._show_steps(overview.case)
        self.model.set_rows(overview.timeline)
        count = len(overview.timeline)
        text = self.tr("共 {count} 条").format(count=count)
        if overview.redacted:
            text += self.tr("；管理员账户看不到辅导记录和危机干预的详细内容。")
        self.timeline_label.setText(text)
        if count:
            self.timeline_view.selectRow(0)
        else:
            self.detail.setPlainText(self.tr("没有与该生有关的记录。"))
        self.loaded.emit(student.id)

    def _show_level(self, overview: StudentOverview) -> None:
        self.level_badge.set_level(overview.level)
        if overview.level_since:
            self.level_since_label.setText(
                self.tr("自 {date} 起").format(date=overview.level_since)
            )
        else:
            self.level_since_label.setText(self.tr("没有风险等级记录"))
        self.chart.set_history(overview.level_history, self._school.today())
        changes: list[LevelEntry] = []
        for entry in overview.level_history:
            if not changes or changes[-1].level != entry.level:
                changes.append(entry)
        lines = [
            self.tr("{date}　{level}（{source}）").format(
                date=e.date,
                level=risk_text(e.level),
                source=one_record_label(e.record_type, capital=True),
            )
            for e in reversed(changes[-LEVEL_CHANGES_SHOWN:])
        ]
        if overview.redacted and overview.level_history:
            lines.append(self.tr("辅导记录中的风险评估（无权查看），以上仅含风险评估与一生一策。"))
        self.changes_label.setText("\n".join(lines))

    def _show_plan(self, plan: PlanSummary | None, last_closed_on: str | None) -> None:
        if plan is None:
            text = self.tr("目前没有在案的一生一策。")
            if last_closed_on:
                text += self.tr("最近一份已于 {date} 结案。").format(date=last_closed_on)
            self.plan_label.setText(text)
            self.care_label.clear()
            self.care_label.hide()
            self.plan_text_label.clear()
            self.plan_text_label.hide()
            return
        not_recorded = self.tr("未记录")
        self.plan_label.setText(
            self.tr(
                "建立日期：{created}\n等级：{level}\n家长知情：{informed}\n下次评估：{review}"
            ).format(
                created=plan.created_on,
                level=risk_text(plan.level),
                informed=plan.guardian_informed_on or not_recorded,
                review=plan.next_review_on or self.tr("未定"),
            )
        )
        members = [
            self.tr("{name}（{role}）").format(name=m.name, role=m.role) for m in plan.care_group
        ]
        self.care_label.setText(
            self.tr("关爱小组：{members}").format(
                members=str(joined(members)) if members else self.tr("（未登记）")
            )
        )
        self.care_label.show()
        withheld = self.tr("（无权查看）")

        def shown(value: str | None) -> str:
            if value:
                return value
            return withheld if plan.redacted else "—"

        referral = shown(plan.referral_to)
        if plan.referral_on and not plan.redacted:
            referral = str(bracketed(referral, plan.referral_on))
        self.plan_text_label.setText(
            self.tr("安全计划：{safety}\n\n干预措施：{measures}\n\n转介：{referral}").format(
                safety=shown(plan.safety_plan), measures=shown(plan.measures), referral=referral
            )
        )
        self.plan_text_label.show()

    def _show_steps(self, case: CaseStatus | None) -> None:
        if case is None:
            self.steps_label.clear()
            self.steps_label.hide()
            return
        lines = []
        for step in case.steps:
            label = html.escape(step.label.render())
            if step.overdue:
                text = self.tr("{step}：应于 {due} 完成，逾期 %n 天", "", step.days_overdue)
                line = f'<span style="color:{OVERDUE_COLOUR}"><b>{html.escape(text.format(step=label, due=str(step.due_on)))}</b></span>'
            elif step.done_on is not None:
                line = html.escape(
                    self.tr("{step}：{done} 已完成").format(step=label, done=str(step.done_on))
                )
            elif step.due_on is not None:
                line = html.escape(
                    self.tr("{step}：应于 {due} 完成").format(step=label, due=str(step.due_on))
                )
            else:
                continue
            lines.append(line)
        heading = html.escape(self.tr("步骤与期限："))
        self.steps_label.setText("<br>".join([heading, *lines]))
        self.steps_label.show()

    def _show_entry(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        entry = self.proxy.data(current, TimelineModel.ROW_ROLE)
        withheld = self.tr("（无权查看）")
        parts = [
            f"<p><b>{html.escape(entry.date)}　{html.escape(entry.kind_label)}</b></p>",
            "<table cellspacing='0' cellpadding='3'>",
        ]
        for detail in entry.details:
            if detail.text is None:
                value = f"<span style='color:{TEXT_MUTED}'>{html.escape(withheld)}</span>"
            else:
                value = html.escape(detail.text).replace("\n", "<br>")
            parts.append(
                f"<tr><td style='color:{TEXT_MUTED}' valign='top'>{html.escape(detail.label)}</td>"
                f"<td>{value}</td></tr>"
            )
        parts.append("</table>")
        self.detail.setHtml("".join(parts))

    def _open_plan_id(self) -> int | None:
        if self.overview is None or self.overview.plan is None:
            return None
        return self.overview.plan.id

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.print_button.setEnabled(enabled)
        if enabled:
            self.crisis_printer.refresh_enabled()
        else:
            self.crisis_print_button.setEnabled(False)
        # A 管理员 may not write sessions (confidential notes): the service would refuse.
        self.quick_button.setEnabled(enabled and may_write(self._school, SESSION.type))

    # -- quick session ---------------------------------------------------------------------------
    def open_quick_session(self) -> None:
        if self.overview is None:
            return
        from counselor_app.ui.quick_session import open_quick_session
        from counselor_app.ui.quick_session_fields import StudentChoice

        student = self.overview.student
        choice = StudentChoice(student.id, student.name, student.student_no, student.class_name)
        open_quick_session(
            self, self._school, self._runner, student=choice, on_saved=lambda _: self.reload()
        )

    # -- printing --------------------------------------------------------------------------------
    def default_pdf_path(self) -> Path:
        assert self.overview is not None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("一生一档_{number}.pdf").format(number=self.overview.student.student_no)
        return Path(folder or Path.home()) / name

    def print_pdf(self) -> None:
        """Ask where to save, write the PDF on the worker, then offer to open it."""
        if self.overview is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存一生一档 PDF"),
            str(self.default_pdf_path()),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        progress = QProgressDialog(self.tr("正在生成一生一档 PDF…"), self.tr("取消"), 0, 0, self)
        progress.setWindowTitle(self.tr("打印一生一档"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # a single file is usually done before it would show
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.print_button.setEnabled(False)
        number = self.overview.student.student_no
        self._runner.run(self._write_pdf, self._school, number, path, owner=self).on_success(
            lambda _result: self._printed(path, progress)
        ).on_failure(lambda error: self._print_failed(error, progress))

    def _printed(self, path: Path, progress: QProgressDialog) -> None:
        cancelled = progress.wasCanceled()
        progress.close()
        progress.deleteLater()
        self.print_button.setEnabled(self.overview is not None)
        if cancelled:  # the user gave up waiting: do not leave a file they did not want
            path.unlink(missing_ok=True)
            self._announce(self.tr("已取消打印。"))
            return
        self._announce(self.tr("一生一档已保存：{path}").format(path=path))
        if ask(
            self,
            self.tr("一生一档已保存"),
            self.tr("已保存到\n{path}\n\n现在打开吗？").format(path=path),
        ):
            self.open_file(path)

    def _print_failed(self, error: BaseException, progress: QProgressDialog) -> None:
        progress.close()
        progress.deleteLater()
        self.print_button.setEnabled(self.overview is not None)
        warn(self, self.tr("打印失败"), self.tr("一生一档没有保存：{detail}").format(detail=error))

    def _announce(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)


__all__ = ["LevelBadge", "RiskChart", "StudentFileView"]
