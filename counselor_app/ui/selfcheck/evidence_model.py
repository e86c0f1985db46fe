"""The evidence of one rule: what falls short (or what was counted), one row per item.

The kind and key names come from ``reports.selfcheck_words.evidence_row``, as the PDF prints them
(in the language of the screen here; the PDF stays Chinese).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from counselor_app.foundation.i18n import current_language
from counselor_app.reports.selfcheck_words import EvidenceRow, evidence_row
from counselor_app.selfcheck.result import Evidence
from counselor_app.ui.row_table_model import Column, RowTableModel


class EvidenceTableModel(RowTableModel[Evidence]):
    KIND, KEY, LABEL, DETAIL = range(4)
    COLUMN_COUNT = 4
    EVIDENCE_ROLE = ROW_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[EvidenceRow] = []

    def columns(self) -> tuple[Column[EvidenceRow], ...]:
        return (
            Column(lambda: self.tr("类别"), lambda row: row.kind),
            Column(
                lambda: self.tr("编号"),
                # A program code (emergency_plan) means nothing to a person; the label names it.
                lambda row: "" if row.key_is_code else row.key,
                tooltip=lambda row: row.key_name,
            ),
            Column(lambda: self.tr("名称"), lambda row: row.label, tooltip=lambda row: row.label),
            Column(lambda: self.tr("情况"), lambda row: row.detail, tooltip=lambda row: row.detail),
        )

    def rows_replaced(self) -> None:
        language = current_language()
        self._words = [evidence_row(e, language) for e in self._rows]

    def shown_row(self, row: int) -> EvidenceRow:
        return self._words[row]

    def evidence_at(self, row: int) -> Evidence:
        return self._rows[row]
