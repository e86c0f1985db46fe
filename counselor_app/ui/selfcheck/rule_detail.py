"""The pane under the self-check table: the selected rule, what to do about it, and its evidence.

For a running term it also says the rule's progress, and which classes, teachers, weeks or
periods are behind (``selfcheck.progress``). For a manual rule it offers 勾选确认 and 撤销确认; the page does the work (signal
:attr:`RuleDetailPane.confirm_clicked`). Activating an evidence row (double click or Enter) emits
:attr:`RuleDetailPane.evidence_activated` with the row number.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.i18n import current_language, in_language
from counselor_app.reports.selfcheck_words import EVIDENCE_KINDS, confirmation_text, fix_action
from counselor_app.selfcheck.progress import BEHIND, RuleProgress
from counselor_app.selfcheck.result import MANUAL
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.selfcheck.evidence_model import EvidenceTableModel
from counselor_app.ui.selfcheck.progress_view import state_label
from counselor_app.ui.selfcheck.rule_model import RuleRow


class RuleDetailPane(QFrame):
    confirm_clicked = Signal(bool)  # True: tick (or change the note); False: withdraw
    evidence_activated = Signal(int)  # the evidence row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_button = QPushButton(self.tr("勾选确认…"))
        self.unconfirm_button = QPushButton(self.tr("撤销确认"))
        manual = QHBoxLayout()
        manual.addWidget(self.confirm_button)
        manual.addWidget(self.unconfirm_button)
        manual.addStretch(1)
        about = QWidget()
        about.setMinimumWidth(300)
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        about_layout.addWidget(self.heading)
        about_layout.addWidget(self.detail)
        about_layout.addLayout(manual)
        about_layout.addStretch(1)

        self.evidence_model = EvidenceTableModel(self)
        self.evidence_table = row_table_view(self.evidence_model)
        self.evidence_table.setWordWrap(False)
        vertical = self.evidence_table.verticalHeader()
        # One line per item, fixed height: a rule may name thousands of students.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.evidence_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Wide enough for every kind's name ("Teaching week" is longer than 教学周).
        kind_width = 24 + max(
            self.fontMetrics().horizontalAdvance(in_language(kind))
            for kind, _ in EVIDENCE_KINDS.values()
        )
        for column, width in (
            (EvidenceTableModel.KIND, max(80, kind_width)),
            (EvidenceTableModel.KEY, 110),
            (EvidenceTableModel.LABEL, 300),
        ):
            self.evidence_table.setColumnWidth(column, width)
        self.evidence_caption = QLabel()
        self.evidence_caption.setObjectName("resultCount")
        evidence = QWidget()
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.addWidget(self.evidence_caption)
        evidence_layout.addWidget(self.evidence_table, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(about)
        split.addWidget(evidence)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(split)

        self.confirm_button.clicked.connect(lambda: self.confirm_clicked.emit(True))
        self.unconfirm_button.clicked.connect(lambda: self.confirm_clicked.emit(False))
        # Activated: a double click, or Enter on the keyboard.
        self.evidence_table.activated.connect(self._activated)
        self.show_rule(None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.evidence_activated.emit(index.row())

    # At most this many units behind are named; the words say how many there are.
    UNITS_NAMED = 12

    def _progress_lines(self, rule: RuleProgress, language: str) -> list[str]:
        progress = rule.progress
        detail = progress.words if progress is not None else rule.why
        lines = [
            self.tr("进度：{state}。{words}").format(
                state=state_label(rule.state, language), words=in_language(detail, language)
            )
        ]
        behind = [u for u in progress.units if u.state == BEHIND] if progress is not None else []
        if progress is not None and (len(behind) > 1 or (behind and behind[0].key)):
            named = [
                self.tr("{unit}（{done}/{needed}）").format(
                    unit=in_language(u.label, language),
                    done=progress.unit.shown(u.done),
                    needed=progress.unit.shown(u.needed, up=True),
                )
                for u in behind[: self.UNITS_NAMED]
            ]
            more = len(behind) - len(named)
            text = self.tr("、").join(named) + (
                self.tr(" 等 {count} 项").format(count=len(behind)) if more > 0 else ""
            )
            lines.append(self.tr("落后：{units}").format(units=text))
        return lines

    def show_rule(self, row: RuleRow | None) -> None:
        manual = row is not None and row.result.status == MANUAL
        self.confirm_button.setVisible(manual)
        self.unconfirm_button.setVisible(manual)
        if row is None:
            self.heading.setText(self.tr("选择一项查看证据"))
            self.detail.clear()
            self.evidence_model.set_rows([])
            self.evidence_caption.setText("")
            return
        rule, result = row.rule, row.result
        language = current_language()
        self.heading.setText(f"{rule.category} · {rule.title}")
        # The clause is the checklist's own words (第 8 条); the brackets follow the screen.
        clause = self.tr("（{clause}）").format(clause=rule.clause) if rule.clause else ""
        lines = [
            self.tr("编号：{id}{clause}").format(id=rule.id, clause=clause),
            self.tr("标准：{standard}").format(standard=rule.standard),
        ]
        action = fix_action(result.status, rule.fix_hint, language)
        if result.status == MANUAL:
            lines.append(confirmation_text(result, language))
        elif action:
            lines.append(self.tr("整改：{action}").format(action=action))
        if row.progress is not None:
            lines += self._progress_lines(row.progress, language)
        self.detail.setText("\n".join(lines))
        self.confirm_button.setText(self.tr("修改说明…") if row.confirmed else self.tr("勾选确认…"))
        self.unconfirm_button.setEnabled(row.confirmed)
        self.evidence_model.set_rows(result.evidence)
        if result.evidence:
            self.evidence_caption.setText(
                self.tr("证据 {count} 项（双击打开相关记录）").format(count=len(result.evidence))
            )
        else:
            self.evidence_caption.setText(self.tr("这一项没有列出证据。"))
