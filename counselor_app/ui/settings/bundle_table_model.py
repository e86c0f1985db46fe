"""The bundles this school sealed, as a table: when, which term and checklist, which bundle, and
whether the district's receipt came back. Rows are ``counselor_app.bundle.handover.ExportedBundle``.
"""

from __future__ import annotations

from counselor_app.bundle.handover import ExportedBundle
from counselor_app.ui.row_table_model import Column, RowTableModel


def _minutes(iso: str | None) -> str:
    """``2026-01-12T10:00:00+08:00`` → ``2026-01-12 10:00`` (the school's own clock)."""
    return (iso or "")[:16].replace("T", " ")


class BundleTableModel(RowTableModel[ExportedBundle]):
    CREATED, TERM, PROFILE, NAMED_CASES, RECEIPT, BUNDLE_ID = range(6)
    COLUMN_COUNT = 6

    def columns(self) -> tuple[Column[ExportedBundle], ...]:
        return (
            Column(
                lambda: self.tr("生成时间"),
                lambda bundle: _minutes(bundle.created_at),
                tooltip=lambda bundle: self.tr("由 {user} 生成").format(user=bundle.created_by),
            ),
            Column(lambda: self.tr("学期"), lambda bundle: bundle.term_name),
            Column(lambda: self.tr("自查标准"), lambda bundle: bundle.profile),
            Column(
                lambda: self.tr("实名摘要"),
                lambda bundle: self.tr("附带") if bundle.named_cases else self.tr("无"),
            ),
            Column(lambda: self.tr("回执"), self.receipt_text, tooltip=self.receipt_tip),
            Column(lambda: self.tr("编号"), lambda bundle: bundle.bundle_id, tooltip=self.id_tip),
        )

    def row_of(self, bundle_id: str) -> int:
        for number, bundle in enumerate(self._rows):
            if bundle.bundle_id == bundle_id:
                return number
        return -1

    def receipt_text(self, bundle: ExportedBundle) -> str:
        if not bundle.receipt_received:
            return self.tr("未收到")
        return self.tr("已收到（{date}）").format(date=(bundle.receipt_opened_at or "")[:10])

    def receipt_tip(self, bundle: ExportedBundle) -> str | None:
        if not bundle.receipt_received:
            return None
        return self.tr("区教育局于 {opened} 打开并核对；回执于 {imported} 导入。").format(
            opened=_minutes(bundle.receipt_opened_at),
            imported=_minutes(bundle.receipt_imported_at),
        )

    def id_tip(self, bundle: ExportedBundle) -> str:
        return self.tr("接收方：{district}（{fingerprint}）").format(
            district=bundle.district or "—", fingerprint=bundle.district_fingerprint
        )
