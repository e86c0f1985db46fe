"""导入测评平台数据: a platform's export, its columns mapped, imported all or nothing.

The counsellor chooses the file and the scale; the columns are shown with a first guess (or a
saved mapping) in combo boxes to correct, and the mapping can be kept by name for the next round.
The file is read and the import runs on the database worker, behind a progress dialog; every
problem is listed with its row and column. Students without consent to screening are listed, and
the import goes on only once the counsellor writes the reason for the exception.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, ValidationFailed
from counselor_app.foundation.progress import Cancelled
from counselor_app.school.core import School
from counselor_app.screening.library import scale_library
from counselor_app.screening.mapping import (
    ColumnMapping,
    SavedMapping,
    guess_mapping,
    load_mapping,
    save_mapping,
    saved_mappings,
)
from counselor_app.screening.platform_import import (
    ConsentNeeded,
    ExportTable,
    ImportedScreenings,
    import_table,
)
from counselor_app.screening.scales import Scale
from counselor_app.ui.progress_runner import run_with_progress
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.work_progress import WorkProgress
from counselor_app.workbook.platform_file import read_export

_ROLES = ("student_no", "name", "class_name", "date", "total")


class ScreeningImportDialog(QDialog):
    """See the module. ``imported`` holds what the last import saved (None until then)."""

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入测评平台数据"))
        self.setMinimumSize(640, 560)
        self._school = school
        self._runner = runner
        self.scales: list[Scale] = list(scale_library(school).scales)
        self.table: ExportTable | None = None
        self.imported: ImportedScreenings | None = None
        self.progress_dialog: Any = None
        self.columns: dict[str, QComboBox] = {}

        self.file_label = QLabel(self.tr("还没有选择文件"))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose_file)
        self.scale_box = QComboBox()
        for scale in self.scales:
            self.scale_box.addItem(f"{scale.name}  {scale.title_zh}", scale.id)
        self.scale_box.currentIndexChanged.connect(self._scale_changed)
        self.mapping_box = QComboBox()
        self.mapping_box.activated.connect(self._mapping_chosen)
        self.save_button = QPushButton(self.tr("保存对应方案…"))
        self.save_button.clicked.connect(self.ask_mapping_name)
        self.one_date = QCheckBox(self.tr("整个文件用同一个测评日期"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = school.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.date_edit.setEnabled(False)
        self.one_date.toggled.connect(self.date_edit.setEnabled)

        top = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)
        top.addRow(self.tr("导出文件"), file_row)
        top.addRow(self.tr("量表"), self.scale_box)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(self.mapping_box, 1)
        mapping_row.addWidget(self.save_button)
        top.addRow(self.tr("列对应方案"), mapping_row)
        date_row = QHBoxLayout()
        date_row.addWidget(self.one_date)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        top.addRow(self.tr("日期"), date_row)

        self.column_form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.column_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)

        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setVisible(False)
        self.reason_label = QLabel(
            self.tr("以上学生在测评当天没有测评知情同意。确认作为例外导入，请写明理由：")
        )
        self.reason_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例外理由（随每份测评保存，并记入审计日志）"))
        self.reason_label.setVisible(False)
        self.reason.setVisible(False)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(False)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("文件中的列（每一项选文件中的哪一列）：")))
        layout.addWidget(scroll, 2)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        self._scale_changed()

    # -- the file and the scale ------------------------------------------------------------------
    @property
    def scale(self) -> Scale:
        return self.scales[max(self.scale_box.currentIndex(), 0)]

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择测评平台的导出文件"),
            "",
            self.tr("Excel 或 CSV 文件 (*.xlsx *.csv);;所有文件 (*)"),
        )
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read ``path`` on the worker; the columns appear once it is read."""
        self.file_label.setText(str(path))
        self.status.setText(self.tr("正在读取文件…"))
        self.import_button.setEnabled(False)
        self._runner.run(read_export, path, owner=self).on_success(self._file_read).on_failure(
            self._show_failure
        )

    def _file_read(self, table: ExportTable) -> None:
        self.table = table
        text = self.tr("{rows} 行数据").format(rows=len(table.rows))
        if table.encoding:
            text += self.tr("；按 {encoding} 编码读取").format(encoding=table.encoding)
        self.status.setText(text)
        self._show_mapping(self._guess())

    def _scale_changed(self) -> None:
        self._show_mapping(self._guess())
        self._reload_mapping_names(None)

    def _reload_mapping_names(self, select: str | None) -> None:
        """The saved mappings of the scale, read on the worker; ``select`` one by name."""
        scale_id = self.scale.id

        def fill(found: list[SavedMapping]) -> None:
            if scale_id != self.scale.id:
                return  # another scale was chosen meanwhile
            self.mapping_box.clear()
            self.mapping_box.addItem(self.tr("按列名自动对应"), None)
            for saved in found:
                self.mapping_box.addItem(saved.name, saved.name)
            self.mapping_box.setCurrentIndex(max(self.mapping_box.findData(select), 0))

        task = self._runner.run(saved_mappings, self._school, scale_id, owner=self)
        task.on_success(fill).on_failure(self._show_failure)

    def _guess(self) -> ColumnMapping:
        headers = self.table.header if self.table is not None else ()
        return guess_mapping(headers, self.scale)

    def _mapping_chosen(self) -> None:
        name = self.mapping_box.currentData()
        if name is None:
            self._show_mapping(self._guess())
            return
        task = self._runner.run(load_mapping, self._school, str(name), self.scale, owner=self)
        task.on_success(self._show_mapping).on_failure(self._show_failure)

    # -- the columns -----------------------------------------------------------------------------
    def _role_labels(self) -> list[tuple[str, str]]:
        labels = [
            ("student_no", self.tr("学号")),
            ("name", self.tr("姓名（没有学号时）")),
            ("class_name", self.tr("班级（没有学号时）")),
            ("date", self.tr("测评日期")),
            ("total", self.tr("总分（只有总分时）")),
        ]
        for item in self.scale.items:
            labels.append(
                (f"item:{item.number}", self.tr("第 {number} 题").format(number=item.number))
            )
        return labels

    def _show_mapping(self, mapping: ColumnMapping) -> None:
        while self.column_form.rowCount():
            self.column_form.removeRow(0)
        self.columns = {}
        headers = self.table.headers() if self.table is not None else []
        chosen = mapping.roles()
        for role, label in self._role_labels():
            box = QComboBox()
            box.addItem(self.tr("（不对应）"), None)
            for header in headers:
                if header:
                    box.addItem(header, header)
            index = box.findData(chosen.get(role)) if chosen.get(role) else 0
            box.setCurrentIndex(max(index, 0))
            if role.startswith("item:"):
                box.setToolTip(self.scale.items[int(role[5:]) - 1].zh)
            self.columns[role] = box
            self.column_form.addRow(label, box)
        self.import_button.setEnabled(self.table is not None)

    def mapping(self) -> ColumnMapping:
        """The mapping as the combo boxes show it."""

        def header(role: str) -> str | None:
            box = self.columns.get(role)
            data = box.currentData() if box is not None else None
            return None if data is None else str(data)

        return ColumnMapping(
            self.scale.id,
            student_no=header("student_no"),
            name=header("name"),
            class_name=header("class_name"),
            date=header("date"),
            items=tuple(header(f"item:{item.number}") for item in self.scale.items),
            total=header("total"),
        )

    def ask_mapping_name(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("保存对应方案"), self.tr("方案名称（如测评平台的名字）：")
        )
        if ok and name.strip():
            self.save_mapping_as(name.strip())

    def save_mapping_as(self, name: str) -> None:
        mapping = self.mapping()
        task = self._runner.run(save_mapping, self._school, name, mapping, owner=self)
        task.on_success(lambda _: self._mapping_saved(name)).on_failure(self._show_failure)

    def _mapping_saved(self, name: str) -> None:
        self._reload_mapping_names(name)
        self.status.setText(self.tr("列对应方案已保存为“{name}”。").format(name=name))

    # -- importing -------------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.table is None:
            return
        table, scale, mapping = self.table, self.scale, self.mapping()
        day = self.date_edit.date()
        on = dt.date(day.year(), day.month(), day.day()) if self.one_date.isChecked() else None
        reason = self.reason.text().strip() if not self.reason.isHidden() else ""
        school = self._school
        self.problems.clear()
        self.problems.setVisible(False)

        # The progress dialog keeps ``describe`` until it is deleted: it must not keep this
        # dialog alive, or this dialog could be destroyed inside the progress dialog's deletion.
        preparing = self.tr("正在准备…")
        checking = self.tr("正在检查：第 {done} / {total} 行")

        def describe(done: int, total: int) -> str:
            return checking.format(done=done, total=total) if total else preparing

        def work(progress: WorkProgress) -> ImportedScreenings:
            return import_table(
                school,
                table,
                scale,
                mapping,
                on=on,
                consent_exception=reason or None,
                progress=progress,
            )

        def told_after_unlock(ok: bool, outcome: Any) -> str:
            if ok:
                return QCoreApplication.translate(
                    "ScreeningImportDialog", "锁定前开始的测评导入已经完成。"
                )
            return QCoreApplication.translate(
                "ScreeningImportDialog", "锁定前开始的测评导入没有完成，没有导入任何内容。"
            )

        run_with_progress(
            self._runner,
            self,
            self.tr("导入测评平台数据"),
            describe,
            work,
            succeeded=self._imported,
            failed=self._show_failure,
            cancelled=self.status.setText,
            told_after_unlock=told_after_unlock,
        )

    def _imported(self, done: ImportedScreenings) -> None:
        self.imported = done
        self.reason_label.setVisible(False)
        self.reason.setVisible(False)
        self.status.setText(
            self.tr(
                "已导入 {count} 份测评：需约谈 {flagged} 名，其中关键题作答 {critical} 名。"
            ).format(count=done.count, flagged=done.flagged, critical=done.critical)
        )

    def _show_failure(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.status.setText(str(error))
            return
        if not isinstance(error, CounselorError):
            raise error
        self.status.setText(str(error))
        self.problems.clear()
        if isinstance(error, ValidationFailed):
            self.problems.addItems([problem.render() for problem in error.problems])
            self.problems.setVisible(True)
        consent = isinstance(error, ConsentNeeded)
        self.reason_label.setVisible(consent)
        self.reason.setVisible(consent)
        if consent:
            self.reason.setFocus()
