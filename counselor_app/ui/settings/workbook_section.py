"""设置 › 数据导入导出: the school workbook — a blank template, importing a filled one, exporting all.

The work is :mod:`counselor_app.workbook`, run on the database worker. Importing and exporting take
seconds on a large school, so both run behind a progress dialog whose 取消 stops the core between
rows (its ``progress`` callback): a cancelled import writes nothing (it is one transaction) and a
cancelled export leaves no file. Locking the program closes that dialog, which cancels as well, so
the lock never waits for a long import; after unlocking the user is told how the work ended.

An import ends in a dialog: the counts per sheet, or, when the core rejected the workbook, every
problem in a table (工作表 / 行 / 列 / 问题) that can be copied or saved, under the plain statement
that nothing was imported. What a 管理员 may import or export is decided by the core; the section
only repeats which sheets those are and shows the core's message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.atomic_files import write_bytes_atomic
from counselor_app.foundation.errors import Problem, ValidationFailed
from counselor_app.foundation.i18n import joined
from counselor_app.foundation.progress import Cancelled
from counselor_app.school.core import School
from counselor_app.ui.preferences import remember_folder, remembered_folder
from counselor_app.ui.progress_runner import run_with_progress
from counselor_app.ui.questions import ask
from counselor_app.ui.settings.feedback import BusyDialog, MessageBar
from counselor_app.ui.settings.section_parts import button_row, load_when_first_shown
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.work_progress import ProgressDialog, WorkProgress

if TYPE_CHECKING:
    from counselor_app.workbook import ExportReport, ImportReport

Index = QModelIndex | QPersistentModelIndex
XLSX = ".xlsx"


# The workbook core brings openpyxl (and with it numpy): it is imported the first time it is
# needed, on the worker, not while the main window is being built after the password.
def write_template(path: Path, *, today: Any) -> None:
    from counselor_app.workbook import write_template as write

    write(path, today=today)


def import_workbook(school: School, path: Path, *, progress: Any) -> ImportReport:
    from counselor_app.workbook import import_workbook as run

    return run(school, path, progress=progress)


def export_workbook(school: School, path: Path, *, progress: Any) -> ExportReport:
    from counselor_app.workbook import export_workbook as run

    return run(school, path, progress=progress)


def sheet_names() -> tuple[str, str]:
    """The sheets a 管理员 may import and export, and those left to counsellors."""
    from counselor_app.workbook.layout import SHEETS

    return (
        str(joined(sheet.name for sheet in SHEETS if not sheet.confidential)),
        str(joined(sheet.name for sheet in SHEETS if sheet.confidential)),
    )


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A 关闭 button without the style's red cross (it alarms more than it helps)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    button = box.button(QDialogButtonBox.StandardButton.Close)
    button.setText(QCoreApplication.translate("WorkbookSection", "关闭"))
    button.setIcon(QIcon())
    box.rejected.connect(dialog.reject)
    return box


class ProblemTableModel(QAbstractTableModel):
    SHEET, ROW, COLUMN, MESSAGE = range(4)
    COLUMN_COUNT = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Problem] = []

    def set_rows(self, rows: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Problem:
        return self._rows[row]

    def problems(self) -> list[Problem]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def cells(self, problem: Problem) -> tuple[str, int | None, str, str]:
        return (problem.sheet or "", problem.row, problem.field, problem.message.render())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        problem = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(problem)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.MESSAGE:
            return problem.message.render()
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section] if 0 <= section < self.COLUMN_COUNT else None

    def headers(self) -> tuple[str, str, str, str]:
        return (self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("问题"))

    def as_table(self, delimiter: str) -> str:
        """Every problem with a header line, as CSV (``,``) or tab-separated text for pasting."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(self.headers())
        writer.writerows(
            ["" if cell is None else cell for cell in self.cells(p)] for p in self._rows
        )
        return out.getvalue()


class ProblemsDialog(QDialog):
    """Why the workbook was refused: every problem, to fix in Excel and import again."""

    def __init__(self, error: ValidationFailed, workbook: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("工作簿未导入"))
        self.resize(920, 540)
        self._summary = str(error)
        self._workbook = workbook
        self.ask_path = QFileDialog.getSaveFileName  # replaced in tests

        heading = QLabel(self.tr("没有导入任何内容"))
        heading.setObjectName("dialogHeading")
        self.summary_label = QLabel(self._summary)
        self.summary_label.setObjectName("warningBanner")
        self.summary_label.setWordWrap(True)

        self.model = ProblemTableModel(self)
        self.model.set_rows(error.problems)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the core's order first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (ProblemTableModel.SHEET, 100),
            (ProblemTableModel.ROW, 56),
            (ProblemTableModel.COLUMN, 130),
        ):
            self.table.setColumnWidth(column, width)
        # The selected problem in full: long messages do not fit one table line.
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.copy_button = QPushButton(self.tr("复制全部"))
        self.copy_button.setToolTip(self.tr("复制为表格，可直接粘贴到 Excel"))
        self.save_button = QPushButton(self.tr("另存为…"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("resultCount")
        close = close_buttons(self)
        self.copy_button.clicked.connect(self.copy_all)
        self.save_button.clicked.connect(self.save_as)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _show_detail(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.detail_label.clear()
            return
        problem = self.model.row_at(self.proxy.mapToSource(current).row())
        self.detail_label.setText(problem.render())

    def text_report(self) -> str:
        lines = [self._summary, "", *(p.render() for p in self.model.problems())]
        return "\r\n".join(lines) + "\r\n"

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_table("\t"))
        self.saved_label.setText(
            self.tr("已复制 {count} 处问题。").format(count=self.model.rowCount())
        )

    def save_as(self) -> None:
        csv_filter, text_filter = self.tr("CSV 文件 (*.csv)"), self.tr("文本文件 (*.txt)")
        name = self.tr("导入问题_{workbook}.csv").format(workbook=self._workbook.stem)
        chosen, chosen_filter = self.ask_path(
            self,
            self.tr("保存问题清单"),
            str(self._workbook.with_name(name)),
            f"{csv_filter};;{text_filter}",
        )
        if not chosen:
            return
        path = Path(chosen)
        as_text = path.suffix.lower() == ".txt" or (
            chosen_filter == text_filter and path.suffix.lower() != ".csv"
        )
        if not path.suffix:
            path = path.with_suffix(".txt" if as_text else ".csv")
        # CSV with a byte-order mark: Excel then reads the Chinese correctly.
        data = (
            self.text_report().encode("utf-8")
            if as_text
            else self.model.as_table(",").encode("utf-8-sig")
        )
        try:
            write_bytes_atomic(path, data)
        except OSError as exc:
            self.saved_label.setText(self.tr("无法保存：{detail}").format(detail=exc.strerror))
            return
        self.saved_label.setText(self.tr("已保存：{path}").format(path=path))


class ImportDoneDialog(QDialog):
    """What an import changed, sheet by sheet (the core's summary)."""

    def __init__(self, report: ImportReport, workbook: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入完成"))
        self.resize(560, 480)
        heading = QLabel(self.tr("已导入 {name}").format(name=workbook.name))
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        if report.changed_anything:
            totals = self.tr("新增 {added} 行，更新 {updated} 行，{unchanged} 行与已有数据相同。")
        else:
            totals = self.tr("工作簿与已有数据相同（{unchanged} 行），没有更改任何记录。")
        self.totals_label = QLabel(
            totals.format(added=report.added, updated=report.updated, unchanged=report.unchanged)
        )
        self.totals_label.setWordWrap(True)
        self.summary = QPlainTextEdit(report.summary())
        self.summary.setReadOnly(True)
        close = close_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.summary, 1)
        layout.addWidget(close)


class WorkbookSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.progress_dialog: ProgressDialog | None = None
        self.result_dialog: QDialog | None = None
        self.busy: BusyDialog | None = None
        # Replaced in tests: questions answered in advance, nothing opened outside the program.
        self.open_url = QDesktopServices.openUrl
        counsellor = school.user.is_counsellor

        self.template_button = QPushButton(self.tr("下载空白模板…"))
        template_box, _ = self._box(
            self.tr("空白模板"),
            self.tr(
                "模板包含每张表和一行示例，“说明”表解释每一列怎么填。"
                "请保留第 1 行的列名，删除示例行后再填写；用不到的表可以留空或删除。"
            ),
            self.template_button,
        )

        self.import_button = QPushButton(self.tr("导入工作簿…"))
        import_note = self.tr(
            "导入是“全部或全不”：只要有一处问题，就不导入任何内容，并列出每一处问题。"
            "学号、工号、班级编号等相同的行会更新已有记录，同一工作簿导入两次不会重复添加。"
        )
        import_box, self.import_note = self._box(self.tr("导入"), import_note, self.import_button)

        self.export_button = QPushButton(self.tr("导出全部数据…"))
        if counsellor:
            self.export_warning_text = self.tr(
                "导出的工作簿没有加密，含学生个人信息和辅导记录、危机干预等保密内容。"
                "请只保存在安全的位置（如本机或加密的 U 盘），不要通过微信、QQ 或邮件发送，"
                "用完后及时删除。"
            )
        else:
            self.export_warning_text = self.tr(
                "管理员导出的工作簿不含保密的表，但含学生名册等个人信息，没有加密。"
                "请只保存在安全的位置，不要通过微信、QQ 或邮件发送，用完后及时删除。"
            )
        self.export_warning = QLabel(self.export_warning_text)
        self.export_warning.setObjectName("warningBanner")
        self.export_warning.setWordWrap(True)
        export_box, _ = self._box(
            self.tr("导出"),
            self.tr("把本校全部数据导出为一个工作簿（格式与模板相同，可以再导入）。"),
            self.export_button,
            self.export_warning,
        )

        self.message_bar = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (template_box, import_box, export_box):
            box.setMaximumWidth(720)
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.message_bar)

        self.template_button.clicked.connect(self.save_template)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_all)
        if not counsellor:
            load_when_first_shown(self, self._load_admin_sheets)

    def _load_admin_sheets(self) -> None:
        self._runner.run(sheet_names, owner=self).on_success(self._show_admin_sheets)

    def _show_admin_sheets(self, names: tuple[str, str]) -> None:
        """Which sheets a 管理员 may import, and which an export of theirs leaves out."""
        allowed, left_out = names
        self.import_note.setText(
            self.import_note.text()
            + "\n"
            + self.tr("管理员账户只能导入这些表：{sheets}。").format(sheets=allowed)
        )
        self.export_warning_text += "\n" + self.tr("不导出的表：{sheets}。").format(sheets=left_out)
        self.export_warning.setText(self.export_warning_text)

    @staticmethod
    def _box(
        title: str, text: str, button: QPushButton, warning: QLabel | None = None
    ) -> tuple[QGroupBox, QLabel]:
        """A group: what it does, a warning if there is one, and its button."""
        box = QGroupBox(title)
        note = QLabel(text)
        note.setObjectName("placeholderNote")
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        if warning is not None:
            layout.addWidget(warning)
        layout.addLayout(button_row(button))
        return box, note

    # -- where files go --------------------------------------------------------------------------
    def _folder(self) -> Path:
        return remembered_folder("workbook")

    def _remember(self, path: Path) -> None:
        remember_folder("workbook", path)

    def _workbook_filter(self) -> str:
        return self.tr("Excel 工作簿 (*.xlsx)")

    def _ask_save_path(self, title: str, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, title, str(self._folder() / name), self._workbook_filter()
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != XLSX:
            path = path.with_name(path.name + XLSX)
        self._remember(path)
        return path

    def _open_folder_action(self, path: Path) -> tuple[str, Callable[[], object]]:
        folder = path.parent
        return self.tr("打开文件夹"), lambda: self.open_url(QUrl.fromLocalFile(str(folder)))

    # -- 下载空白模板 ------------------------------------------------------------------------------
    def save_template(self) -> None:
        path = self._ask_save_path(self.tr("保存空白模板"), self.tr("学校数据模板.xlsx"))
        if path is None:
            return
        today = self._school.today()
        busy = self.busy = BusyDialog(self, self.tr("正在生成模板…"))

        def done(_: object) -> None:
            busy.done()
            self.message_bar.show_info(
                self.tr("空白模板已保存：{path}").format(path=path),
                *self._open_folder_action(path),
            )

        def failed(error: BaseException) -> None:
            busy.done()
            self.message_bar.show_failure(error)

        self._runner.run(lambda: write_template(path, today=today), owner=self).on_success(
            done
        ).on_failure(failed)

    # -- 导入工作簿 --------------------------------------------------------------------------------
    def import_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的工作簿"), str(self._folder()), self._workbook_filter()
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember(path)
        self.message_bar.clear()
        school = self._school

        def describe(done: int, total: int) -> str:
            if not total:
                return self.tr("正在读取 {name}…").format(name=path.name)
            if done >= total:
                return self.tr("正在保存…")
            return self.tr("正在导入：第 {done} / {total} 行").format(done=done, total=total)

        def work(progress: WorkProgress) -> ImportReport:
            return import_workbook(school, path, progress=progress)

        # Runs after the page is gone (locked meanwhile): no self.tr here.
        def told_after_unlock(ok: bool, outcome: Any) -> str:
            if ok:
                return QCoreApplication.translate(
                    "WorkbookSection",
                    "锁定前开始的导入已经完成：{name} 新增 {added} 条，更新 {updated} 条。",
                ).format(name=path.name, added=outcome.added, updated=outcome.updated)
            if isinstance(outcome, Cancelled):
                return QCoreApplication.translate(
                    "WorkbookSection",
                    "导入 {name} 因程序锁定而停止，没有导入任何内容。请重新导入。",
                ).format(name=path.name)
            if isinstance(outcome, ValidationFailed):
                # Two sentences, for "a problem" and "5 problems" in English: lupdate cannot
                # mark a QCoreApplication.translate() with %n as having plural forms.
                if len(outcome.problems) == 1:
                    return QCoreApplication.translate(
                        "WorkbookSection",
                        "{name} 没有导入：其中有 1 处问题，没有导入任何内容。请重新导入以查看这些问题。",
                    ).format(name=path.name)
                return QCoreApplication.translate(
                    "WorkbookSection",
                    "{name} 没有导入：其中有 {count} 处问题，没有导入任何内容。请重新导入以查看这些问题。",
                ).format(name=path.name, count=len(outcome.problems))
            return QCoreApplication.translate(
                "WorkbookSection", "导入 {name} 没有完成：{detail}"
            ).format(name=path.name, detail=outcome)

        self._start(
            self.tr("导入工作簿"),
            describe,
            work,
            lambda report: self._imported(report, path),
            lambda error: self._import_failed(error, path),
            told_after_unlock,
        )

    def _imported(self, report: ImportReport, path: Path) -> None:
        self.message_bar.show_info(self.tr("已导入 {name}。").format(name=path.name))
        self._show_result(ImportDoneDialog(report, path, self.window()))

    def _import_failed(self, error: BaseException, path: Path) -> None:
        if isinstance(error, ValidationFailed):
            self.message_bar.show_error(
                self.tr(
                    "{name} 没有导入：其中有 %n 处问题，没有导入任何内容。", "", len(error.problems)
                ).format(name=path.name)
            )
            self._show_result(ProblemsDialog(error, path, self.window()))
        else:
            self.message_bar.show_failure(error)

    def _show_result(self, dialog: QDialog) -> None:
        self.result_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- 导出全部数据 ------------------------------------------------------------------------------
    def export_all(self) -> None:
        question = self.export_warning_text + "\n\n" + self.tr("继续导出？")
        if not ask(self, self.tr("导出全部数据"), question):
            return
        name = self.tr("全部数据_{date}.xlsx").format(date=self._school.today().isoformat())
        path = self._ask_save_path(self.tr("导出全部数据"), name)
        if path is None:
            return
        self.message_bar.clear()
        school = self._school

        def describe(done: int, total: int) -> str:
            if not total:
                return self.tr("正在读取数据…")
            if done >= total:
                return self.tr("正在保存文件…")
            return self.tr("正在导出：第 {done} / {total} 行").format(done=done, total=total)

        def work(progress: WorkProgress) -> ExportReport:
            return export_workbook(school, path, progress=progress)

        # Runs after the page is gone (locked meanwhile): no self.tr here.
        def told_after_unlock(ok: bool, outcome: Any) -> str:
            if ok:
                return QCoreApplication.translate(
                    "WorkbookSection",
                    "锁定前开始的导出已经完成：{path}。文件没有加密，请妥善保管。",
                ).format(path=path)
            if isinstance(outcome, Cancelled):
                return QCoreApplication.translate(
                    "WorkbookSection", "导出全部数据因程序锁定而停止，没有生成文件。请重新导出。"
                )
            return QCoreApplication.translate(
                "WorkbookSection", "导出全部数据没有完成：{detail}"
            ).format(detail=outcome)

        self._start(
            self.tr("导出全部数据"),
            describe,
            work,
            lambda report: self._exported(report, path),
            self.message_bar.show_failure,
            told_after_unlock,
        )

    def _exported(self, report: ExportReport, path: Path) -> None:
        text = self.tr("已导出 {rows} 行到 {path}。文件没有加密，请妥善保管，用完后及时删除。")
        text = text.format(rows=sum(report.sheets.values()), path=path)
        if report.left_out:
            text += " " + self.tr("管理员导出的文件不含：{sheets}。").format(
                sheets=str(joined(report.left_out))
            )
        self.message_bar.show_info(text, *self._open_folder_action(path))

    # -- the work ----------------------------------------------------------------------------------
    def _start(
        self,
        title: str,
        describe: Callable[[int, int], str],
        work: Callable[[WorkProgress], Any],
        succeeded: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        told_after_unlock: Callable[[bool, Any], str],
    ) -> None:
        run_with_progress(
            self._runner,
            self,
            title,
            describe,
            work,
            succeeded=succeeded,
            failed=failed,
            cancelled=self.message_bar.show_info,  # asked for: no error
            told_after_unlock=told_after_unlock,
        )
