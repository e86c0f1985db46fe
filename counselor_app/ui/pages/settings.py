"""设置: the school and its counselling room, terms, school years, accounts, backups, and the program
itself.

One list of sections on the left, the chosen section on the right. Each section loads what it shows
from the database worker the first time it appears, so opening the page costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counselor_app.school.core import School
from counselor_app.ui.settings.accounts_section import AccountsSection
from counselor_app.ui.settings.backups_section import BackupsSection
from counselor_app.ui.settings.bundle_section import BundleSection
from counselor_app.ui.settings.crisis_section import CrisisSection
from counselor_app.ui.settings.interface_section import InterfaceSection
from counselor_app.ui.settings.school_section import SchoolSection
from counselor_app.ui.settings.screening_section import ScreeningSection
from counselor_app.ui.settings.terms_section import TermsSection
from counselor_app.ui.settings.workbook_section import WorkbookSection
from counselor_app.ui.settings.years_section import YearsSection
from counselor_app.ui.style import ACCENT, ACCENT_LIGHT
from counselor_app.ui.tasks import TaskRunner

SECTION_LIST_WIDTH = 150
# The sections read like the main navigation, one step quieter (style.py's navigation colours).
SECTION_LIST_STYLE = f"""
QListWidget#sectionList {{
    background: transparent; border: none; border-right: 1px solid #d9dfdf; outline: 0;
}}
QListWidget#sectionList::item {{ padding-left: 10px; color: #2b3335; border-radius: 3px; }}
QListWidget#sectionList::item:selected {{ background: {ACCENT_LIGHT}; color: {ACCENT}; }}
QListWidget#sectionList::item:hover:!selected {{ background: #e9eded; }}
"""


class SettingsPage(QWidget):
    SECTIONS = (
        "school",
        "terms",
        "years",
        "accounts",
        "backups",
        "workbook",
        "bundle",
        "crisis",
        "interface",
    )

    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("设置"))
        title.setObjectName("pageTitle")

        self.school_section = SchoolSection(school, runner)
        self.terms_section = TermsSection(school, runner)
        self.years_section = YearsSection(school, runner)
        self.accounts_section = AccountsSection(school, runner)
        self.backups_section = BackupsSection(school, runner)
        self.workbook_section = WorkbookSection(school, runner)
        self.bundle_section = BundleSection(school, runner)
        self.crisis_section = CrisisSection(school, runner)
        self.interface_section = InterfaceSection(school, runner)
        self.screening_section = ScreeningSection(school, runner)
        sections = (
            (self.tr("学校与辅导室"), self.school_section),
            (self.tr("学期"), self.terms_section),
            (self.tr("学年"), self.years_section),
            (self.tr("账户"), self.accounts_section),
            (self.tr("备份"), self.backups_section),
            (self.tr("数据导入导出"), self.workbook_section),
            (self.tr("上报"), self.bundle_section),
            (self.tr("危机干预"), self.crisis_section),
            (self.tr("界面"), self.interface_section),
            (self.tr("筛查"), self.screening_section),
        )

        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setStyleSheet(SECTION_LIST_STYLE)
        self.section_list.setFixedWidth(SECTION_LIST_WIDTH)
        self.section_list.setUniformItemSizes(True)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        item_height = self.fontMetrics().height() + 16
        for name, widget in sections:
            item = QListWidgetItem(name, self.section_list)
            item.setSizeHint(QSize(0, item_height))
            self.stack.addWidget(widget)
        self.section_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.section_list.setCurrentRow(0)

        row = QHBoxLayout()
        row.setSpacing(20)
        row.addWidget(self.section_list)
        row.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row, 1)
        self.years_section.import_requested.connect(self.open_roster_import)

    def show_section(self, key: str) -> QWidget:
        """Open a section by key (school, terms, years, accounts, backups, workbook, bundle,
        interface)."""
        self.section_list.setCurrentRow(self.SECTIONS.index(key))
        widget = self.stack.currentWidget()
        assert widget is not None
        return widget

    def open_roster_import(self, hint: str) -> None:
        """设置 › 数据导入导出, saying what the roster workbook after a roll-over holds."""
        self.show_section("workbook")
        section = self.workbook_section
        section.message_bar.show_info(hint, self.tr("导入工作簿…"), section.import_file)

    # -- across a lock (see counselor_app.ui.lock): back to the same section ---------------------
    def save_state(self) -> dict[str, object]:
        return {"section": self.SECTIONS[max(self.section_list.currentRow(), 0)]}

    def restore_state(self, state: dict[str, object]) -> None:
        section = state.get("section")
        if isinstance(section, str) and section in self.SECTIONS:
            self.show_section(section)
