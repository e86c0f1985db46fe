"""危机干预: crisis plans (一生一策), follow-ups, referrals and recorded confidentiality breaks."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counselor_app.school.core import School
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
