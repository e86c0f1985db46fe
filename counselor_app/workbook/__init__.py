"""The school workbook (学校数据模板.xlsx): template, all-or-nothing import, and export.

The sheets and columns are the contract in ``shared/docs/import-template.md``; ``layout`` derives
them from the record catalogue. Plain Python: no Qt, no printing; callers show the reports.
"""

from counselor_app.workbook.counts import ExportReport, ImportReport, SheetCounts
from counselor_app.workbook.exporter import export_workbook
from counselor_app.workbook.importer import import_workbook
from counselor_app.workbook.progress import Cancelled, Progress
from counselor_app.workbook.template import write_template

__all__ = [
    "Cancelled",
    "ExportReport",
    "ImportReport",
    "Progress",
    "SheetCounts",
    "export_workbook",
    "import_workbook",
    "write_template",
]
