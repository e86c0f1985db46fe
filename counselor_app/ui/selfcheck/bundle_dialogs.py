"""The dialogs of 生成上报包: what will be sealed and for whom, then what was written.

:class:`BundleOptionsDialog` shows the term, the checklist and the district key the bundle will be
sealed for (its fingerprint large, to compare with the district's paper copy) and, for a counsellor
only, the explicit, default-off choice to add named summaries of key cases. :class:`BundleDoneDialog`
shows where the file is and the school's fingerprint to compare with the printed self-check.
Neither decides anything: the export and its checks are ``counselor_app.bundle.export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.vocab import USER_ROLE
from counselor_app.school.core import COUNSELLOR
from counselor_app.ui.settings.fingerprint_label import FingerprintLabel

if TYPE_CHECKING:  # imported when a bundle is made, not with the page: they take a while
    from counselor_app.bundle.district_key import DistrictPublicKey
    from counselor_app.bundle.export import ExportResult

DIALOG_WIDTH = 560


def _text(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class BundleOptionsDialog(QDialog):
    """Before saving: for whom the bundle is sealed, and whether it names key cases."""

    def __init__(
        self,
        *,
        term: str,
        profile: str,
        district: DistrictPublicKey,
        may_name_cases: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成上报包"))
        self.setMinimumWidth(DIALOG_WIDTH)

        heading = _text(self.tr("生成上报包"), "dialogHeading")
        intro = _text(
            self.tr(
                "上报包含本学期的自查报告（PDF 和 JSON）和统计数据，加密后只有区教育局能打开，"
                "并带有本校的签名。学生只以化名出现，不含姓名和学号。"
            ),
            "pageSubtitle",
        )
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.addRow(self.tr("学期："), _text(term))
        facts.addRow(self.tr("自查标准："), _text(profile))
        facts.addRow(self.tr("接收方："), _text(district.district or self.tr("（未写名称）")))

        self.district_fingerprint = FingerprintLabel(district.fingerprint)
        compare = _text(
            self.tr(
                "请与区教育局书面提供的公钥指纹逐组核对。不一致时不要生成，"
                "请到“设置 › 上报”重新导入区教育局公钥。"
            ),
            "pageSubtitle",
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(facts)
        layout.addSpacing(4)
        layout.addWidget(_text(self.tr("区教育局公钥指纹")))
        layout.addWidget(self.district_fingerprint)
        layout.addWidget(compare)
        layout.addSpacing(4)
        layout.addWidget(_rule())

        # Absent for a 管理员: only a counsellor may put names in a bundle (the core refuses too).
        self.named_cases_box: QCheckBox | None = None
        self.named_cases_warning = _text(
            self.tr(
                "警告：勾选后，上报包将附带每名重点关爱学生的姓名、学号、班级、风险等级、"
                "本学期辅导的次数和日期、危机干预计划和转介情况（不含辅导记录等文字内容）。"
                "上报包的清单会注明这一点，审计记录也会记下。只在区教育局明确要求时勾选，"
                "并只通过安全的渠道交接。"
            ),
            "warningBanner",
        )
        self.named_cases_warning.hide()
        if may_name_cases:
            self.named_cases_box = QCheckBox(self.tr("附带重点个案的实名摘要"))
            self.named_cases_box.setChecked(False)
            self.named_cases_box.toggled.connect(self._named_cases_toggled)
            layout.addWidget(self.named_cases_box)
            layout.addWidget(
                _text(self.tr("默认不附带。仅在区教育局明确要求时勾选。"), "pageSubtitle")
            )
            layout.addWidget(self.named_cases_warning)
        else:
            layout.addWidget(
                _text(
                    self.tr("上报包不附带学生实名信息（实名摘要只有{role}账户可以附带）。").format(
                        role=USER_ROLE.label(COUNSELLOR)
                    ),
                    "pageSubtitle",
                )
            )

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("选择保存位置…"))
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QPushButton(self.tr("取消")), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def include_named_cases(self) -> bool:
        return self.named_cases_box is not None and self.named_cases_box.isChecked()

    def _named_cases_toggled(self, checked: bool) -> None:
        self.named_cases_warning.setVisible(checked)
        self.adjustSize()


class BundleDoneDialog(QDialog):
    """After saving: where the file is, and the school's fingerprint to compare on paper."""

    def __init__(
        self, result: ExportResult, warnings: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        manifest = result.manifest
        self.path: Path = result.path
        self.setWindowTitle(self.tr("上报包已生成"))
        self.setMinimumWidth(DIALOG_WIDTH)

        heading = _text(self.tr("上报包已生成"), "dialogHeading")
        where = _text(self.tr("文件：{path}").format(path=result.path))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        check = _text(self.tr("请核对：学校签名密钥指纹"))
        self.school_fingerprint = FingerprintLabel(manifest.school_fingerprint)
        explain = _text(
            self.tr(
                "这个指纹应与纸质自查报告签字栏上打印的指纹一致。区教育局凭它确认上报包来自本校；"
                "请把签字盖章的纸质自查报告和上报包一起交给区教育局。"
            ),
            "pageSubtitle",
        )
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.addRow(self.tr("学期："), _text(manifest.term_name))
        facts.addRow(
            self.tr("接收方："),
            _text(
                self.tr("{district}（区教育局公钥指纹 {fingerprint}）").format(
                    district=manifest.district_name or "—",
                    fingerprint=manifest.district_fingerprint,
                )
            ),
        )
        bundle_id = _text(manifest.bundle_id)
        bundle_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts.addRow(self.tr("编号："), bundle_id)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addSpacing(6)
        layout.addWidget(check)
        layout.addWidget(self.school_fingerprint)
        layout.addWidget(explain)
        layout.addSpacing(4)
        layout.addLayout(facts)
        self.warnings_label = _text("\n".join(warnings), "warningBanner")
        self.warnings_label.setVisible(bool(warnings))
        layout.addWidget(self.warnings_label)

        self.buttons = QDialogButtonBox()
        self.open_folder_button = QPushButton(self.tr("打开文件夹"))
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setDefault(True)
        self.buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
