"""危机干预: crisis plans (一生一策), follow-ups, referrals and recorded confidentiality breaks.

The plans' list has 打印…: the selected plan's 一生一策, 家长告知书, 转介单 or 复学评估表 in the
print preview (:mod:`counselor_app.ui.crisis_print`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.crisis_print import CrisisPrinter
from counselor_app.ui.records.section_page import ListTab, RecordSectionPage
from counselor_app.ui.tasks import TaskRunner


class CrisisPage(RecordSectionPage):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            school,
            runner,
            self.tr("危机干预"),
            [
                ListTab("crisis_plan"),
                ListTab("follow_up"),
                ListTab("referral"),
                ListTab("confidentiality_break"),
            ],
            parent,
        )
        plans = self.list_for("crisis_plan")
        self.printer = CrisisPrinter(school, runner, self, plans.selected_id, self._say)
        plans.add_button(self.printer.button)
        plans.table.selectionModel().selectionChanged.connect(self.printer.refresh_enabled)
        plans.rows_changed.connect(self.printer.refresh_enabled)

    def _say(self, text: str) -> None:
        plans = self.list_for("crisis_plan")
        if text:
            plans.show_message(text)
        else:
            plans.clear_message()
