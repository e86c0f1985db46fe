"""设置 › 上报: the keys of the hand-over to the district, and the bundles sent.

The school's signing-key fingerprint (what the district registers, printed on the self-check) with
导出学校公钥…; the district's public key the bundles are sealed for, imported only after the counsellor
compared its fingerprint with the district's paper copy (:mod:`.district_key_dialog`); the bundles
exported, and 导入回执… to close a hand-over. The work is ``counselor_app.bundle`` (``handover``,
``school_keys``, ``receipts``), on the database worker; this section only asks and shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.handover import Handover, handover
from counselor_app.bundle.receipts import ImportedReceipt, import_receipt
from counselor_app.bundle.school_keys import (
    import_district_key,
    read_district_key_file,
    write_school_public_key,
)
from counselor_app.foundation.errors import CounselorError
from counselor_app.school.core import School
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.preferences import remember_folder, remembered_folder
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.settings.bundle_table_model import BundleTableModel
from counselor_app.ui.settings.district_key_dialog import DistrictKeyCheckDialog
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.fingerprint_label import FingerprintLabel
from counselor_app.ui.settings.section_parts import (
    button_row,
    load_when_first_shown,
    selected_row,
    size_columns,
)
from counselor_app.ui.tasks import TaskRunner


def _load(school: School) -> tuple[Handover, str]:
    return handover(school), school.name


def _import_receipt(school: School, path: Path) -> ImportedReceipt:
    return import_receipt(school, path.read_bytes(), str(path))


def _exec(dialog: QDialog) -> int:
    return dialog.exec()


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageSubtitle")
    label.setWordWrap(True)
    return label


class BundleSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.state: Handover | None = None
        self._school_name = ""
        self.dialog: QDialog | None = None  # the one open now (for tests and screenshots)
        # Replaced in tests: dialogs answered in advance, nothing opened outside the program.
        self.exec_dialog: Callable[[QDialog], int] = _exec
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

        # -- the school's key --------------------------------------------------------------------
        school_box = QGroupBox(self.tr("本校签名密钥"))
        self.school_fingerprint = FingerprintLabel()
        self.copy_button = QPushButton(self.tr("复制"))
        self.copy_button.setToolTip(self.tr("把指纹复制到剪贴板"))
        self.export_key_button = QPushButton(self.tr("导出学校公钥…"))
        self.export_key_button.setToolTip(self.tr("写出本校的公钥文件（.pub），交给区教育局登记"))
        school_column = QVBoxLayout(school_box)
        school_column.addWidget(_note(self.tr("指纹")))
        school_column.addWidget(self.school_fingerprint)
        school_column.addWidget(
            _note(
                self.tr(
                    "本校生成的上报包都用这把密钥签名。指纹印在纸质自查报告的签字栏上，"
                    "请核对两者一致；区教育局凭签字盖章的纸质报告上的指纹登记本校的公钥。"
                )
            )
        )
        school_column.addStretch(1)
        school_column.addLayout(button_row(self.copy_button, self.export_key_button))

        # -- the district's key ------------------------------------------------------------------
        district_box = QGroupBox(self.tr("区教育局公钥"))
        self.district_name = QLabel()
        self.district_name.setWordWrap(True)
        self.district_fingerprint = FingerprintLabel()
        self.district_note = _note("")
        self.import_key_button = QPushButton(self.tr("导入区教育局公钥…"))
        self.import_key_button.setToolTip(
            self.tr("导入区教育局提供的公钥文件（district-public.json），核对指纹后使用")
        )
        self.district_caption = _note(self.tr("指纹"))
        district_column = QVBoxLayout(district_box)
        district_column.addWidget(self.district_name)
        district_column.addWidget(self.district_caption)
        district_column.addWidget(self.district_fingerprint)
        district_column.addWidget(self.district_note)
        district_column.addStretch(1)
        district_column.addLayout(button_row(self.import_key_button))

        keys = QHBoxLayout()
        keys.setSpacing(16)
        keys.addWidget(school_box, 1)
        keys.addWidget(district_box, 1)

        # -- the bundles -------------------------------------------------------------------------
        bundles_box = QGroupBox(self.tr("已生成的上报包"))
        self.import_receipt_button = QPushButton(self.tr("导入回执…"))
        self.import_receipt_button.setToolTip(
            self.tr("导入区教育局打开上报包后出具的回执文件，完成交接")
        )
        intro = QHBoxLayout()
        intro.addWidget(
            _note(
                self.tr(
                    "上报包在“自查与上报”页生成。区教育局打开并核对后会出具回执；"
                    "导入回执即完成交接，并记入审计记录。"
                )
            ),
            1,
        )
        intro.addWidget(self.import_receipt_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.model = BundleTableModel(self)
        self.table = row_table_view(self.model)
        size_columns(
            self.table,
            {
                BundleTableModel.CREATED: 140,
                BundleTableModel.TERM: 200,
                BundleTableModel.PROFILE: 120,
                BundleTableModel.NAMED_CASES: 80,
                BundleTableModel.RECEIPT: 150,
            },
        )
        self.empty_label = _note(self.tr("还没有生成过上报包。"))
        self.empty_label.hide()
        bundles_column = QVBoxLayout(bundles_box)
        bundles_column.addLayout(intro)
        bundles_column.addWidget(self.empty_label)
        bundles_column.addWidget(self.table, 1)

        self.message_bar = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(keys)
        layout.addWidget(bundles_box, 1)
        layout.addWidget(self.message_bar)

        self.copy_button.clicked.connect(self.copy_fingerprint)
        self.export_key_button.clicked.connect(self.export_school_key)
        self.import_key_button.clicked.connect(self.import_district_key)
        self.import_receipt_button.clicked.connect(self.import_receipt)
        self._show_district(None)
        load_when_first_shown(self, self.load)

    # -- loading ---------------------------------------------------------------------------------
    def load(self, select: str = "") -> None:
        self._runner.run(_load, self._school, owner=self).on_success(
            lambda loaded: self._show(*loaded, select=select)
        ).on_failure(self._failed)

    def _show(self, state: Handover, school_name: str, *, select: str = "") -> None:
        self.state = state
        self._school_name = school_name
        self.school_fingerprint.set_fingerprint(state.school_fingerprint)
        self.copy_button.setEnabled(bool(state.school_fingerprint))
        self.export_key_button.setEnabled(bool(state.school_fingerprint))
        self._show_district(state)
        self.model.set_rows(state.bundles)
        self.empty_label.setVisible(not state.bundles)
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _show_district(self, state: Handover | None) -> None:
        district = state.district if state is not None else None
        self.district_fingerprint.setVisible(district is not None)
        self.district_caption.setVisible(district is not None)
        if district is None:
            self.district_name.setText(self.tr("尚未导入") if state is not None else "")
            self.district_fingerprint.set_fingerprint("")
            self.district_note.setText(
                self.tr(
                    "生成上报包之前，要先导入区教育局提供的公钥文件（district-public.json），"
                    "并与区教育局书面提供的指纹核对。"
                )
            )
            return
        self.district_name.setText(district.key.district or self.tr("（未写名称）"))
        self.district_fingerprint.set_fingerprint(district.key.fingerprint)
        self.district_note.setText(
            self.tr(
                "{user} 于 {date} 导入。上报包加密给这个公钥，只有区教育局能打开。"
                "请与区教育局书面提供的指纹核对。"
            ).format(user=district.imported_by, date=district.imported_at[:10])
        )

    # -- the school's key ------------------------------------------------------------------------
    def copy_fingerprint(self) -> None:
        fingerprint = self.school_fingerprint.fingerprint
        if fingerprint:
            QGuiApplication.clipboard().setText(fingerprint)
            self.message_bar.show_info(
                self.tr("已复制指纹 {fingerprint}。").format(fingerprint=fingerprint)
            )

    def _folder(self) -> str:
        return str(remembered_folder("district_files"))

    def _remember_folder(self, path: Path) -> None:
        remember_folder("district_files", path)

    def export_school_key(self) -> None:
        name = self.tr("学校公钥_{school}.pub").format(school=self._school_name or "school")
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出学校公钥"),
            str(Path(self._folder()) / name.replace("/", "-")),
            self.tr("公钥文件 (*.pub)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pub":
            path = path.with_name(f"{path.name}.pub")
        self._remember_folder(path)
        self._runner.run(write_school_public_key, self._school, path, owner=self).on_success(
            lambda fingerprint: self._key_written(path, fingerprint)
        ).on_failure(self._failed)

    def _key_written(self, path: Path, fingerprint: str) -> None:
        self.message_bar.show_info(
            self.tr(
                "已写出本校公钥：{path}\n请把它和签字盖章的纸质自查报告交给区教育局；"
                "区教育局核对指纹 {fingerprint} 后登记。"
            ).format(path=path, fingerprint=fingerprint),
            self.tr("打开文件夹"),
            lambda: self.open_url(QUrl.fromLocalFile(str(path.parent))),
        )

    # -- the district's key ----------------------------------------------------------------------
    def import_district_key(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择区教育局公钥文件"),
            self._folder(),
            self.tr("区教育局公钥 (*.json);;所有文件 (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember_folder(path)
        # Read first, import only once the fingerprint was compared on paper.
        self._runner.run(read_district_key_file, path, owner=self).on_success(
            lambda key: self._compare_district_key(key, path)
        ).on_failure(self._failed)

    def _compare_district_key(self, key: DistrictPublicKey, path: Path) -> None:
        current = self.state.district if self.state is not None else None
        dialog = DistrictKeyCheckDialog(key, path, current, self)
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            self.message_bar.show_info(self.tr("没有导入区教育局公钥。"))
            return
        school, fingerprint = self._school, key.fingerprint

        def work() -> DistrictPublicKey:
            return import_district_key(school, path, compared_fingerprint=fingerprint)

        self._runner.run(work, owner=self).on_success(self._district_key_imported).on_failure(
            self._failed
        )

    def _district_key_imported(self, key: DistrictPublicKey) -> None:
        self.message_bar.show_info(
            self.tr(
                "已导入区教育局公钥：{district}（指纹 {fingerprint}）。"
                "此后生成的上报包加密给这个公钥。"
            ).format(district=key.district or "—", fingerprint=key.fingerprint)
        )
        self.load()

    # -- receipts --------------------------------------------------------------------------------
    def import_receipt(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择区教育局的回执文件"),
            self._folder(),
            self.tr("回执 (*.zip);;所有文件 (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember_folder(path)
        self._runner.run(_import_receipt, self._school, path, owner=self).on_success(
            self._receipt_imported
        ).on_failure(self._failed)

    def _receipt_imported(self, receipt: ImportedReceipt) -> None:
        if receipt.already:
            text = self.tr("这张回执（上报包 {bundle_id}）已经导入过，没有重复记录。").format(
                bundle_id=receipt.bundle_id
            )
        else:
            text = self.tr(
                "已导入回执：{district} 于 {opened_at} 打开并核对了 {term} 的上报包"
                "（编号 {bundle_id}），交接完成。"
            ).format(
                district=receipt.district or self.tr("区教育局"),
                opened_at=receipt.opened_at[:16].replace("T", " "),
                term=receipt.term,
                bundle_id=receipt.bundle_id,
            )
        self.message_bar.show_info(text)
        self.load(select=receipt.bundle_id)

    # -- errors ----------------------------------------------------------------------------------
    def _run(self, dialog: QDialog) -> int:
        self.dialog = dialog
        try:
            return self.exec_dialog(dialog)
        finally:
            self.dialog = None

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CounselorError):
            self.message_bar.show_error(str(error))
        elif isinstance(error, OSError):
            self.message_bar.show_error(
                self.tr("无法读取或写入 {path}：{reason}").format(
                    path=error.filename or "", reason=error.strerror or error
                )
            )
        else:
            self.message_bar.show_error(failure_text(error))

    def selected_bundle(self) -> Any:
        return selected_row(self.table, self.model)
