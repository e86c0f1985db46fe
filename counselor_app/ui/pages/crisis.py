"""危机干预: the crisis cases with their state and steps (个案进度), crisis plans (一生一策),
follow-ups, referrals and recorded confidentiality breaks.

The case shown in 个案进度 and the plan selected in the 一生一策 list each have 打印…: the plan's
一生一策, 家长告知书, 转介单 or 复学评估表 in the print preview (:mod:`counselor_app.ui.crisis_print`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.crisis.case_list import CaseListView
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
        # The case list comes first: what is due and overdue is what the counsellor opens for.
        self.cases = CaseListView(school, runner)
        self.tabs.insertTab(0, self.cases, self.tr("个案进度"))
        self.tabs.setCurrentIndex(0)
        self.cases.plan_edit_requested.connect(self.edit_plan)
        # 打印… on the case shown and on the plan selected in the 一生一策 list.
        self.case_printer = CrisisPrinter(
            school, runner, self, self.cases.selected_plan_id, self._say_on_cases
        )
        self.cases.add_button(self.case_printer.button)
        self.cases.table.selectionModel().selectionChanged.connect(
            self.case_printer.refresh_enabled
        )
        self.cases.loaded_signal.connect(self.case_printer.refresh_enabled)
        plans = self.list_for("crisis_plan")
        self.printer = CrisisPrinter(school, runner, self, plans.selected_id, self._say_on_plans)
        plans.add_button(self.printer.button)
        plans.table.selectionModel().selectionChanged.connect(self.printer.refresh_enabled)
        plans.rows_changed.connect(self.printer.refresh_enabled)

    def open_plan(self, plan_id: int) -> None:
        """Show this plan's case, its steps and referral history (from the dashboard)."""
        self.tabs.setCurrentWidget(self.cases)
        self.cases.select_plan(plan_id)

    def edit_plan(self, plan_id: int) -> Any:
        """Open the plan's own form on the 一生一策 list."""
        plans = self.list_for("crisis_plan")
        self.show_list(plans)
        plans.select_record(plan_id)
        return plans.open_form(plan_id)

    def _say_on_cases(self, text: str) -> None:
        self.cases.message.setText(text)

    def _say_on_plans(self, text: str) -> None:
        plans = self.list_for("crisis_plan")
        if text:
            plans.show_message(text)
        else:
            plans.clear_message()
