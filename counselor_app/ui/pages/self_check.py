"""自查与上报: the termly self-check against a district checklist, its evidence, and its printouts.

The page chooses a term and a checklist (``counselor_app.settings.selfcheck_choices`` says which come first),
runs ``selfcheck.engine.run_self_check`` on the database worker and shows every rule in the shape
of the district form, in the words the PDF prints (``reports.selfcheck_words``). Selecting a rule
shows its evidence; double-clicking an item opens the records it names. Manual rules are ticked
with a note (``confirm_manual_rule``). The report is saved as PDF, JSON or Excel on the worker.

A running term also shows each rule's progress (按进度 / 落后 / 已达标, what is still needed: see
``selfcheck.progress``) in a 进度 column that sorts and filters, with a note that the report still
judges the whole term; a term that is over shows none.

Print preview: 打印预览 builds the report's PDF in memory on the worker and shows it in Qt's print
preview (``ui.pdf_preview``: PySide6-Essentials has no QtPdf, so pypdfium2 draws the pages; drawing
the report a second time with Qt would be a second layout to keep in step). Without pypdfium2 it
writes the PDF to a private temporary folder and opens it in the system's PDF reader, which prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.change import Changes
from counselor_app.foundation.i18n import current_language, in_language
from counselor_app.reports.selfcheck_words import count_parts
from counselor_app.school.core import School
from counselor_app.selfcheck.engine import SelfCheckReport, confirm_manual_rule
from counselor_app.selfcheck.progress import (
    PROGRESS_STATES,
    TermProgress,
    run_self_check_with_progress,
)
from counselor_app.settings.selfcheck_choices import (
    ProfileChoice,
    SelfCheckChoices,
    self_check_choices,
)
from counselor_app.settings.selfcheck_choices import remember_profile as remember_profile_choice
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.preferences import remember_folder, remembered_folder
from counselor_app.ui.print_preview import qt_print_preview
from counselor_app.ui.selfcheck import confirm_dialog
from counselor_app.ui.selfcheck.bundle_export import BundleExportButton
from counselor_app.ui.selfcheck.evidence_jump import JumpTarget, jump_target
from counselor_app.ui.selfcheck.exports import (
    EXCEL,
    JSON,
    PDF,
    PreviewFolder,
    Written,
    build_report_pdf,
    default_file_name,
    write_report,
)
from counselor_app.ui.selfcheck.progress_view import RuleFilterModel, state_label
from counselor_app.ui.selfcheck.rule_detail import RuleDetailPane
from counselor_app.ui.selfcheck.rule_model import RuleRow, RuleTableModel, rule_rows
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from counselor_app.ui.sections import Navigator


def _find_student_id(school: School, student_no: str) -> int | None:
    from counselor_app.students.search import search_students  # pypinyin: loaded when needed

    for hit in search_students(school.db, student_no, limit=5, include_left=True):
        if hit.student_no == student_no:
            return hit.id
    return None


class SelfCheckPage(QWidget):
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
        self._navigator = navigator  # None: shown on its own, the evidence cannot lead anywhere
        self._generation = 0
        self._choices: SelfCheckChoices | None = None
        self.report: SelfCheckReport | None = None
        self.progress: TermProgress | None = None  # only while the shown term runs
        self._report_profile: ProfileChoice | None = None
        self._preview = PreviewFolder()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._preview.clean)
        # Replaced in tests: opening a file or folder must not start another program there.
        self.open_url = QDesktopServices.openUrl
        # Replaced in tests: the preview is modal. None: pypdfium2 is missing.
        self.show_preview = qt_print_preview()

        title = QLabel(self.tr("自查与上报"))
        title.setObjectName("pageTitle")

        self.term_box = QComboBox()
        self.term_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_box = QComboBox()
        self.profile_box.setMinimumContentsLength(24)
        self.profile_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.run_button = QPushButton(self.tr("运行自查"))
        self.run_button.setDefault(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.hide()

        choose = QHBoxLayout()
        term_label = QLabel(self.tr("学期"))
        term_label.setBuddy(self.term_box)
        profile_label = QLabel(self.tr("自查标准"))
        profile_label.setBuddy(self.profile_box)
        choose.addWidget(term_label)
        choose.addWidget(self.term_box)
        choose.addSpacing(12)
        choose.addWidget(profile_label)
        choose.addWidget(self.profile_box, 1)
        choose.addSpacing(12)
        choose.addWidget(self.run_button)
        choose.addWidget(self.busy_bar)
        choose.addWidget(self.cancel_button)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("resultCount")
        self.preview_button = QPushButton(self.tr("打印预览"))
        if self.show_preview is None:
            self.preview_button.setToolTip(
                self.tr("生成 PDF 并用系统的 PDF 阅读器打开，可在阅读器中打印。")
            )
        self.pdf_button = QPushButton(self.tr("保存PDF"))
        self.json_button = QPushButton(self.tr("保存JSON"))
        self.excel_button = QPushButton(self.tr("保存Excel"))
        # 生成上报包…: the shown report's term, with the checklist it was run with.
        self.bundle_button = BundleExportButton(school, runner, self._bundle_choice, navigator)
        self.output_buttons = (
            self.preview_button,
            self.pdf_button,
            self.json_button,
            self.excel_button,
            self.bundle_button,
        )
        summary = QHBoxLayout()
        summary.addWidget(self.summary_label, 1)
        for button in self.output_buttons:
            button.setEnabled(False)
            summary.addWidget(button)

        self.notes_label = QLabel()
        self.notes_label.setObjectName("placeholderNote")
        self.notes_label.setWordWrap(True)
        self.notes_label.hide()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("placeholderNote")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        # -- a running term's progress ------------------------------------------------------------
        self.progress_filter = QComboBox()
        self.progress_filter.addItem(self.tr("全部"), None)
        for state in PROGRESS_STATES:
            self.progress_filter.addItem(state_label(state, current_language()), state)
        self.progress_filter.addItem(state_label("none", current_language()), "none")
        self.progress_filter.setToolTip(self.tr("只看某一种进度的项目"))
        filter_label = QLabel(self.tr("进度"))
        filter_label.setBuddy(self.progress_filter)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("resultCount")
        self.progress_bar = QWidget()
        progress_row = QHBoxLayout(self.progress_bar)
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(filter_label)
        progress_row.addWidget(self.progress_filter)
        progress_row.addSpacing(12)
        progress_row.addWidget(self.progress_label, 1)
        self.progress_bar.hide()

        # -- the rules -----------------------------------------------------------------------------
        self.model = RuleTableModel(self)
        # What the table shows: the rules sorted by a clicked column and filtered by progress.
        self.view_model = RuleFilterModel(
            RuleTableModel.SORT_ROLE, RuleTableModel.PROGRESS_ROLE, self
        )
        self.view_model.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.view_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RuleTableModel.STANDARD, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in (
            (RuleTableModel.CATEGORY, 96),
            (RuleTableModel.TITLE, 150),
            (RuleTableModel.SITUATION, 290),
            (RuleTableModel.CONCLUSION, 200),
            (RuleTableModel.PROGRESS, 250),
        ):
            self.table.setColumnWidth(column, width)
        self.table.setColumnHidden(RuleTableModel.PROGRESS, True)
        # Unsorted (the checklist's order) until a header is clicked; a third click goes back.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        self.table.setSortingEnabled(True)
        # Rows grow with their wrapped text; a checklist has a few dozen rules at most.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())

        # -- the selected rule and its evidence ----------------------------------------------------
        self.detail_pane = RuleDetailPane()
        self.evidence_model = self.detail_pane.evidence_model
        self.evidence_table = self.detail_pane.evidence_table

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, 200])
        self.splitter.setChildrenCollapsible(False)

        self.message_bar = MessageBar()
        self.bundle_button.told.connect(self.message_bar.show_info)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(choose)
        layout.addLayout(summary)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_bar)

        self.run_button.clicked.connect(self.run_check)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.term_box.activated.connect(lambda _: self.run_check())
        self.profile_box.activated.connect(self._profile_chosen)
        self.progress_filter.currentIndexChanged.connect(self._filter_chosen)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.confirm_requested.connect(self.set_confirmed)
        self.detail_pane.evidence_activated.connect(self.open_evidence)
        self.detail_pane.confirm_clicked.connect(self._confirm_selected)
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(lambda: self.save_as(PDF))
        self.json_button.clicked.connect(lambda: self.save_as(JSON))
        self.excel_button.clicked.connect(lambda: self.save_as(EXCEL))
        self._set_running(False)

    # -- choices -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Each time the page comes into view: records may have changed on other pages since."""
        super().showEvent(event)
        if not event.spontaneous():
            self.load_choices()

    def load_choices(self) -> None:
        """Fetch the terms and checklists, choose the usual ones, then run the self-check."""
        school = self._school
        self._set_running(True)
        self._runner.run(self_check_choices, school, owner=self).on_success(
            self._show_choices
        ).on_failure(self._failed)

    def _show_choices(self, choices: SelfCheckChoices) -> None:
        self._set_running(False)
        # What the user chose stays chosen when the page is shown again.
        shown_term = self.term_box.currentData()
        shown_profile = self.profile_box.currentData()
        self._choices = choices
        self.term_box.clear()
        for term in choices.terms:
            self.term_box.addItem(term.name, term)
            self.term_box.setItemData(
                self.term_box.count() - 1,
                self.tr("{first} 至 {last}").format(
                    first=term.first_day.isoformat(), last=term.last_day.isoformat()
                ),
                Qt.ItemDataRole.ToolTipRole,
            )
        term_ids = [term.id for term in choices.terms]
        if shown_term is not None and shown_term.id in term_ids:
            self.term_box.setCurrentIndex(term_ids.index(shown_term.id))
        elif choices.term is not None:
            self.term_box.setCurrentIndex(choices.terms.index(choices.term))
        self.profile_box.clear()
        for profile in choices.profiles:
            shown = (
                self.tr("{name}（本校）").format(name=profile.name) if profile.own else profile.name
            )
            self.profile_box.addItem(shown, profile)
            self.profile_box.setItemData(
                self.profile_box.count() - 1, f"{profile.id} · {profile.name}",
                Qt.ItemDataRole.ToolTipRole,
            )  # fmt: skip
        profile_ids = [profile.id for profile in choices.profiles]
        if isinstance(shown_profile, ProfileChoice) and shown_profile.id in profile_ids:
            self.profile_box.setCurrentIndex(profile_ids.index(shown_profile.id))
        elif choices.profile is not None:
            self.profile_box.setCurrentIndex(choices.profiles.index(choices.profile))
        self.profile_box.setToolTip(self.profile_box.currentData(Qt.ItemDataRole.ToolTipRole))
        if not choices.terms:
            self.empty_label.setText(
                self.tr("还没有学期，无法自查。请先在“设置 › 学期”中添加学期。")
            )
            self.empty_label.show()
            self.report = None
            self.model.set_rows([])
            self.summary_label.clear()
            self._set_running(False)
            self.run_button.setEnabled(False)
            return
        self.empty_label.hide()
        self.run_check()

    def _profile_chosen(self, _: int) -> None:
        profile = self.profile_box.currentData()
        self.profile_box.setToolTip(self.profile_box.currentData(Qt.ItemDataRole.ToolTipRole))
        if isinstance(profile, ProfileChoice):
            self._runner.run(remember_profile_choice, self._school, profile.id, owner=self)
        self.run_check()

    # -- running ---------------------------------------------------------------------------------
    def run_check(self) -> None:
        term = self.term_box.currentData()
        profile = self.profile_box.currentData()
        if term is None or not isinstance(profile, ProfileChoice):
            return
        self._generation += 1
        generation = self._generation
        self._set_running(True)
        self.message_bar.clear()
        self._runner.run(
            run_self_check_with_progress, self._school, term.name, profile.ref, owner=self
        ).on_success(lambda loaded: self._show_report(generation, profile, *loaded)).on_failure(
            lambda error: self._run_failed(generation, error)
        )

    def cancel_run(self) -> None:
        """Stop waiting: the answer of the running check is dropped when it comes."""
        self._generation += 1
        self._set_running(False)

    def _set_running(self, running: bool, *, cancellable: bool = True) -> None:
        """Show the busy indicator; a run can be stopped (its answer is dropped), a file being
        written cannot (it appears whole or not at all)."""
        self.busy_bar.setVisible(running)
        self.cancel_button.setVisible(running and cancellable)
        self.run_button.setEnabled(not running)
        for button in self.output_buttons:
            button.setEnabled(not running and self.report is not None)

    def _show_report(
        self,
        generation: int,
        profile: ProfileChoice,
        report: SelfCheckReport,
        progress: TermProgress | None = None,
    ) -> None:
        if generation != self._generation:
            return
        selected = self.selected_row()
        self.report = report
        self.progress = progress
        self._report_profile = profile
        self._set_running(False)
        self.model.set_rows(rule_rows(report.profile.rules, report.results, progress))
        self._show_progress(progress)
        self.table.resizeRowsToContents()
        # The report's own words for its counts (as the PDF's cover tells them), in the screen's
        # language: 达标 · 已确认 · 未达标 · 无记录 · 待确认 · 学年末评定 · 不适用.
        parts = count_parts(report.counts(), current_language())
        self.summary_label.setText(" · ".join(f"{words} {count}" for _, words, count in parts))
        # The report's notes are Chinese for the district's files; the page shows them in the
        # program's language.
        notes = [in_language(note) for note in report.notes]
        if progress is not None:
            notes.append(in_language(progress.note))
        notes += list(self._choices.problems if self._choices else ())
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        row = self.model.row_of(selected.rule.id) if selected is not None else -1
        self.select_rule(row if row >= 0 else self._first_shown_row())

    def _show_progress(self, progress: TermProgress | None) -> None:
        """The 进度 column, its filter and counts for a running term; none for another."""
        self.table.setColumnHidden(RuleTableModel.PROGRESS, progress is None)
        self.progress_bar.setVisible(progress is not None)
        if progress is None:
            self.progress_filter.setCurrentIndex(0)  # every rule of a term that is over
            self.progress_label.clear()
            return
        counts = progress.counts()
        self.progress_label.setText(
            self.tr(
                "第 {week} 周 / 共 {weeks} 周：落后 {behind} · 按进度 {on_track} · 已达标 {met}"
                " · 不计进度 {none}"
            ).format(
                week=progress.week,
                weeks=progress.weeks,
                behind=counts["behind"],
                on_track=counts["on_track"],
                met=counts["met"],
                none=counts["none"],
            )
        )

    def _filter_chosen(self, _: int) -> None:
        selected = self.selected_row()
        self.view_model.set_state(self.progress_filter.currentData())
        self.table.resizeRowsToContents()
        row = self.model.row_of(selected.rule.id) if selected is not None else -1
        if row < 0 or not self.view_model.mapFromSource(self.model.index(row, 0)).isValid():
            row = self._first_shown_row()
        self.select_rule(row)

    def _first_shown_row(self) -> int:
        """The source row shown first in the table, -1 when none is shown."""
        if self.view_model.rowCount() == 0:
            return -1
        return self.view_model.mapToSource(self.view_model.index(0, 0)).row()

    def _run_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.message_bar.show_error(self._describe(error))

    def _describe(self, error: BaseException) -> str:
        return failure_text(error)

    # -- the selected rule -----------------------------------------------------------------------
    def selected_row(self) -> RuleRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.view_model.mapToSource(rows[0]).row())

    def select_rule(self, row: int) -> None:
        """Select the rule in ``row`` of the model (the checklist's order), if the table shows it."""
        shown = (
            self.view_model.mapFromSource(self.model.index(row, 0))
            if 0 <= row < self.model.rowCount()
            else None
        )
        if shown is not None and shown.isValid():
            self.table.selectRow(shown.row())
            self.table.scrollTo(shown)
        else:
            self.table.clearSelection()
            self.detail_pane.show_rule(None)

    def _selection_changed(self, *_: QItemSelection) -> None:
        self.detail_pane.show_rule(self.selected_row())

    # -- manual rules ----------------------------------------------------------------------------
    def _confirm_selected(self, confirmed: bool) -> None:
        row = self.selected_row()
        if row is not None:
            self.set_confirmed(row.rule.id, confirmed)

    def set_confirmed(self, rule_id: str, confirmed: bool) -> None:
        """Tick (asking for the note) or untick a manual rule, then run the check again."""
        if self.report is None or self._report_profile is None:
            return
        row = self.model.row_at(self.model.row_of(rule_id))
        note = (row.result.confirmation["note"] or "") if row.result.confirmation else ""
        if confirmed:
            answer = confirm_dialog.ask_note(self, row.rule, note)
            if answer is None:
                return
            note = answer
        term, profile = self.report.term.name, self._report_profile.ref

        def save() -> Changes:  # the runner tells the pages
            return confirm_manual_rule(
                self._school, term, profile, rule_id, confirmed=confirmed, note=note
            )

        self._runner.run(save, owner=self).on_success(
            lambda _: self._confirmation_saved(rule_id, confirmed)
        ).on_failure(self._failed)

    def _confirmation_saved(self, rule_id: str, confirmed: bool) -> None:
        self.run_check()
        text = self.tr("已确认 {rule}。") if confirmed else self.tr("已撤销对 {rule} 的确认。")
        self.message_bar.show_info(text.format(rule=rule_id))

    # -- evidence --------------------------------------------------------------------------------
    def open_evidence(self, row: int) -> None:
        """Go to the records behind evidence item ``row`` of the selected rule."""
        target = jump_target(self.evidence_model.evidence_at(row))
        if target is None:
            self.message_bar.show_info(self.tr("这一项没有可以打开的记录页面。"))
            return
        if target.student_no is not None:
            student_no = target.student_no
            self._runner.run(_find_student_id, self._school, student_no, owner=self).on_success(
                lambda student_id: self._open_student(student_no, student_id)
            ).on_failure(self._failed)
            return
        self._go(target)

    def _open_student(self, student_no: str, student_id: int | None) -> None:
        if student_id is not None and self._navigator is not None:
            self._navigator.open_student(student_id)
            return
        page = self._show_section("students")
        self._search_students(page, student_no)

    def _go(self, target: JumpTarget) -> None:
        page = self._show_section(target.section)
        if page is None:
            return
        if target.class_code is not None:
            self._search_students(page, target.class_code)
        if target.week is not None:
            show_week = getattr(page, "show_week", None)
            if callable(show_week):
                show_week(target.week)

    def _show_section(self, key: str) -> QWidget | None:
        if self._navigator is None:
            self.message_bar.show_info(self.tr("请在主窗口中打开这一页查看相关记录。"))
            return None
        return self._navigator.show_section(key)

    @staticmethod
    def _search_students(page: Any, text: str) -> None:
        field = getattr(page, "search_field", None)
        if field is not None:
            field.setText(text)
            run = getattr(page, "run_search", None)
            if callable(run):
                run()

    # -- printing and saving ---------------------------------------------------------------------
    def _bundle_choice(self) -> tuple[SelfCheckReport, ProfileChoice] | None:
        if self.report is None or self._report_profile is None:
            return None
        return self.report, self._report_profile

    def _default_path(self, kind: str) -> Path:
        assert self.report is not None
        return remembered_folder("self_check_report") / default_file_name(
            self.tr("学期自查"), self.report, kind
        )

    def save_as(self, kind: str) -> None:
        if self.report is None:
            return
        filters = {
            PDF: self.tr("PDF 文件 (*.pdf)"),
            JSON: self.tr("JSON 文件 (*.json)"),
            EXCEL: self.tr("Excel 工作簿 (*.xlsx)"),
        }
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存自查报告"), str(self._default_path(kind)), filters[kind]
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        remember_folder("self_check_report", path)
        self._write(kind, path, preview=False)

    def print_preview(self) -> None:
        if self.report is None:
            return
        name = default_file_name(self.tr("学期自查"), self.report, PDF)
        if self.show_preview is None:
            self._write(PDF, self._preview.new_file(name), preview=True)
            return
        report, school = self.report, self._school
        self._set_running(True, cancellable=False)
        self.message_bar.show_info(self.tr("正在生成 {name} …").format(name=name))
        self._runner.run(build_report_pdf, school, report, owner=self).on_success(
            self._preview_built
        ).on_failure(self._failed)

    def _preview_built(self, pdf: Any) -> None:
        """``pdf``: a ``reports.pdf_document.RenderedPdf`` (reportlab loads when first used)."""
        self._set_running(False)
        warnings = "\n".join(str(warning) for warning in pdf.warnings())
        if warnings:
            self.message_bar.show_info(warnings)
        else:
            self.message_bar.clear()
        if self.show_preview is not None:
            self.show_preview(self, pdf.data, self.tr("打印预览"))

    def _write(self, kind: str, path: Path, *, preview: bool) -> None:
        assert self.report is not None
        report, school = self.report, self._school
        self._set_running(True, cancellable=False)
        self.message_bar.show_info(self.tr("正在生成 {name} …").format(name=path.name))
        self._runner.run(write_report, school, report, kind, path, owner=self).on_success(
            lambda written: self._written(written, preview)
        ).on_failure(self._failed)

    def _written(self, written: Written, preview: bool) -> None:
        self._set_running(False)
        warnings = "\n".join(written.warnings)
        if preview:
            opened = self.open_url(QUrl.fromLocalFile(str(written.path)))
            if opened:
                text = self.tr("已用系统的 PDF 阅读器打开预览，可在阅读器中打印。")
            else:
                text = self.tr("无法打开 PDF 阅读器。请用“保存PDF”保存后再打印。")
            self.message_bar.show_info("\n".join(filter(None, (text, warnings))))
            return
        folder = written.path.parent
        self.message_bar.show_info(
            "\n".join(
                filter(None, (self.tr("已保存：{path}").format(path=written.path), warnings))
            ),
            self.tr("打开文件夹"),
            lambda: self.open_url(QUrl.fromLocalFile(str(folder))),
        )
