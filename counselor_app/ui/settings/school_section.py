"""设置 › 学校与辅导室: the school's name, stage, campuses, help lines and the counselling room.

Reading, checking and saving are ``counselor_app.settings.school_settings``; the form only collects what was
typed and puts the core's messages next to the fields, a moment after typing stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import Problem, ValidationFailed
from counselor_app.foundation.vocab import BOOKING_CHANNEL, ROOM_FUNCTION, STAGE, Vocabulary
from counselor_app.school.core import School
from counselor_app.settings.school_settings import (
    check_school_info,
    read_school_info,
    save_school_info,
)
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.section_parts import button_row, load_when_first_shown
from counselor_app.ui.tasks import TaskRunner

CHECK_PAUSE_MS = 300


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ChoiceChecks(QWidget):
    """A vocabulary as a row of check boxes (a handful of choices)."""

    def __init__(self, vocab: Vocabulary, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        for number, code in enumerate(vocab.codes):
            box = QCheckBox(vocab.label(code))
            self.boxes[code] = box
            grid.addWidget(box, number // columns, number % columns)
        grid.setColumnStretch(columns, 1)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_codes(self, codes: Sequence[str]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


class SchoolSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._filling = False
        self._generation = 0

        self.name_field = QLineEdit()
        self.stage_box = QComboBox()
        self.stage_box.addItem(self.tr("（未填）"), None)
        for code in STAGE.codes:
            self.stage_box.addItem(STAGE.label(code), code)
        self.campuses_field = QPlainTextEdit()
        self.campuses_field.setPlaceholderText(self.tr("每行一个校区；只有一个校区可不填"))
        self.hotline_field = QLineEdit()
        self.hotline_field.setPlaceholderText(self.tr("例如 0527-1234567"))
        self.mailbox_field = QLineEdit()
        self.mailbox_field.setPlaceholderText(self.tr("例如 教学楼一楼心理信箱"))
        self.outside_hotline_field = QLineEdit()
        self.outside_hotline_field.setPlaceholderText(self.tr("例如 12356"))
        self.area_field = QLineEdit()
        self.area_field.setPlaceholderText(self.tr("平方米，例如 24"))
        self.area_field.setMaximumWidth(160)
        self.functions = ChoiceChecks(ROOM_FUNCTION, 3)
        self.channels = ChoiceChecks(BOOKING_CHANNEL, 3)
        self.equipment_field = QPlainTextEdit()
        self.equipment_field.setPlaceholderText(
            self.tr("每行一项，例如：沙盘、心理测量软件、团体辅导箱")
        )
        line = self.fontMetrics().lineSpacing()
        for field, lines in ((self.campuses_field, 3), (self.equipment_field, 8)):
            field.setTabChangesFocus(True)
            field.setFixedHeight(line * lines + 14)

        self.inputs: dict[str, QWidget] = {
            "name": self.name_field,
            "stage": self.stage_box,
            "campuses": self.campuses_field,
            "hotline": self.hotline_field,
            "mailbox": self.mailbox_field,
            "outside_hotline": self.outside_hotline_field,
            "room_area_m2": self.area_field,
            "room_functions": self.functions,
            "booking_channels": self.channels,
            "room_equipment": self.equipment_field,
        }
        self.errors: dict[str, QLabel] = {}
        for name in self.inputs:
            label = QLabel()
            label.setObjectName("fieldError")
            label.setWordWrap(True)
            label.hide()
            self.errors[name] = label

        school_box = QGroupBox(self.tr("学校"))
        self._form(
            school_box,
            (
                ("name", self.tr("学校名称")),
                ("stage", self.tr("学段")),
                ("campuses", self.tr("校区")),
                ("hotline", self.tr("校内求助电话")),
                ("mailbox", self.tr("心理信箱")),
                ("outside_hotline", self.tr("校外求助热线")),
            ),
        )
        room_box = QGroupBox(self.tr("心理辅导室"))
        self._form(
            room_box,
            (
                ("room_area_m2", self.tr("面积（平方米）")),
                ("room_functions", self.tr("功能区")),
                ("booking_channels", self.tr("预约方式")),
                ("room_equipment", self.tr("设备")),
            ),
        )

        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("还原"))
        self.revert_button.setToolTip(self.tr("放弃未保存的修改，显示已保存的内容"))
        self.message_bar = MessageBar()
        buttons = button_row(self.save_button, self.revert_button)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(school_box, 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(room_box, 1, Qt.AlignmentFlag.AlignTop)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.addLayout(columns)
        inner.addSpacing(4)
        inner.addLayout(buttons)
        inner.addWidget(self.message_bar)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_PAUSE_MS)
        self._timer.timeout.connect(self.check)
        for text_input in (
            self.name_field,
            self.hotline_field,
            self.mailbox_field,
            self.outside_hotline_field,
            self.area_field,
            self.campuses_field,
            self.equipment_field,
        ):
            text_input.textChanged.connect(self._edited)
        self.stage_box.currentIndexChanged.connect(self._edited)
        for box in (*self.functions.boxes.values(), *self.channels.boxes.values()):
            box.toggled.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        self._set_dirty(False)
        load_when_first_shown(self, self.load)

    def _form(self, box: QGroupBox, rows: Sequence[tuple[str, str]]) -> None:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name, label in rows:
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(self.inputs[name])
            cell.addWidget(self.errors[name])
            form.addRow(label, cell)

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        self._timer.stop()
        self._runner.run(read_school_info, self._school, owner=self).on_success(
            self._fill
        ).on_failure(self.message_bar.show_failure)

    def _fill(self, info: dict[str, Any]) -> None:
        self._filling = True
        try:
            self.name_field.setText(info.get("name") or "")
            self.stage_box.setCurrentIndex(max(0, self.stage_box.findData(info.get("stage"))))
            self.campuses_field.setPlainText("\n".join(info.get("campuses") or []))
            self.hotline_field.setText(info.get("hotline") or "")
            self.mailbox_field.setText(info.get("mailbox") or "")
            self.outside_hotline_field.setText(info.get("outside_hotline") or "")
            area = info.get("room_area_m2")
            self.area_field.setText("" if area is None else f"{area:g}")
            self.functions.set_codes(info.get("room_functions") or [])
            self.channels.set_codes(info.get("booking_channels") or [])
            self.equipment_field.setPlainText("\n".join(info.get("room_equipment") or []))
        finally:
            self._filling = False
        self._show_problems([])
        self._set_dirty(False)

    def values(self) -> dict[str, Any]:
        """What the form holds, in the shape ``school_settings`` takes."""
        return {
            "name": self.name_field.text(),
            "stage": self.stage_box.currentData(),
            "campuses": _lines(self.campuses_field.toPlainText()),
            "hotline": self.hotline_field.text(),
            "mailbox": self.mailbox_field.text(),
            "outside_hotline": self.outside_hotline_field.text(),
            "room_area_m2": self.area_field.text(),
            "room_functions": self.functions.codes(),
            "booking_channels": self.channels.codes(),
            "room_equipment": _lines(self.equipment_field.toPlainText()),
        }

    # -- checking and saving ---------------------------------------------------------------------
    def _edited(self, *_: object) -> None:
        if self._filling:
            return
        self._set_dirty(True)
        self._timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def check(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, values = self._generation, self.values()
        self._runner.run(check_school_info, self._school, values, owner=self).on_success(
            lambda problems: self._checked(generation, problems)
        )

    def _checked(self, generation: int, problems: list[Problem]) -> None:
        if generation == self._generation:
            self._show_problems(problems)

    def _show_problems(self, problems: Sequence[Problem]) -> None:
        found: dict[str, list[str]] = {}
        for problem in problems:
            found.setdefault(problem.field, []).append(str(problem.message))
        for name, label in self.errors.items():
            label.setText("\n".join(found.get(name, [])))
            label.setVisible(name in found)

    def save(self) -> None:
        self._timer.stop()
        self._generation += 1  # a check still on its way must not overwrite what save finds
        values = self.values()
        self._runner.run(save_school_info, self._school, values, owner=self).on_success(
            self._saved
        ).on_failure(self._save_failed)

    def _saved(self, changed: list[str]) -> None:
        self._set_dirty(False)
        self._show_problems([])
        if changed:
            self.message_bar.show_info(self.tr("学校信息已保存。"))
        else:
            self.message_bar.show_info(self.tr("没有需要保存的修改。"))
        self.load()

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            self.message_bar.show_error(
                "\n".join([str(error), *(p.render() for p in error.problems)])
            )
            self.check()  # places each message next to its field
            return
        self.message_bar.show_failure(error)
