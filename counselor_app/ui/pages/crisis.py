"""危机干预: the crisis cases with their state and steps (个案进度), crisis plans (一生一策),
follow-ups, referrals and recorded confidentiality breaks."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
from counselor_app.ui.crisis.case_list import CaseListView
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
