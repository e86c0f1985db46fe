"""核对区教育局公钥: before a district key is kept, the counsellor compares its fingerprint with the
paper copy from the district. Nothing is imported unless they say it matches.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.bundle.district_key import DistrictPublicKey
from counselor_app.bundle.handover import ImportedDistrictKey
from counselor_app.ui.settings.fingerprint_label import FingerprintLabel


def _text(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class DistrictKeyCheckDialog(QDialog):
    def __init__(
        self,
        key: DistrictPublicKey,
        path: Path,
        current: ImportedDistrictKey | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对区教育局公钥"))
        self.setMinimumWidth(540)
        heading = _text(self.tr("核对区教育局公钥"), "dialogHeading")
        source = _text(self.tr("文件：{path}").format(path=path), "pageSubtitle")
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        district = _text(
            self.tr("区教育局：{district}").format(district=key.district or self.tr("（未写名称）"))
        )
        self.fingerprint = FingerprintLabel(key.fingerprint)
        compare = _text(
            self.tr(
                "请与区教育局书面提供（或盖章公布）的公钥指纹逐组核对，五组都一致才导入。"
                "不一致说明文件可能被替换或损坏：请不要导入，并联系区教育局。"
            )
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(source)
        layout.addSpacing(4)
        layout.addWidget(district)
        layout.addWidget(_text(self.tr("公钥指纹")))
        layout.addWidget(self.fingerprint)
        layout.addWidget(compare)
        if current is not None and current.key.fingerprint == key.fingerprint:
            layout.addWidget(_text(self.tr("这个公钥已经导入过，正在使用。"), "pageSubtitle"))
        elif current is not None:
            layout.addWidget(
                _text(
                    self.tr(
                        "导入后，新生成的上报包将改为加密给这个公钥"
                        "（现在使用的是 {district}，指纹 {fingerprint}）。"
                    ).format(
                        district=current.key.district or "—",
                        fingerprint=current.key.fingerprint,
                    ),
                    "pageSubtitle",
                )
            )

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("指纹一致，导入"))
        self.import_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("不一致，不导入"))
        # The safe answer is the default: Enter does not import.
        self.cancel_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
