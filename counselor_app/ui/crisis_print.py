"""打印 for a crisis case: the 一生一策, the 家长告知书, the 转介单 and the 复学评估表 of one plan,
from the crisis page and from the student's file.

The PDF is built on the database worker (``reports.crisis_printouts.build_crisis_printout``,
which logs the printout) and shown in Qt's print preview from memory (``ui.pdf_preview``), from
which the counsellor prints: a confidential printout never goes through the temporary folder.
Without pypdfium2 there is no preview; the counsellor then chooses where to save the PDF (the
self-check's fallback, a file in the temporary folder for the system's reader, would leave the
student's case there in plain text).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton, QWidget

from counselor_app.foundation.i18n import in_language
from counselor_app.reports.crisis_printouts import CRISIS_PRINTOUTS, crisis_printout
from counselor_app.school.core import School
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.print_preview import qt_print_preview
from counselor_app.ui.questions import warn
from counselor_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from counselor_app.reports.pdf_document import RenderedPdf

# Tells the page's own words of what is happening ("" clears them).
Say = Callable[[str], None]


def _build(school: School, report: str, plan_id: int) -> RenderedPdf:
    """On the worker: the printout in memory (reportlab is loaded here, when first used)."""
    from counselor_app.reports.crisis_printouts import build_crisis_printout

    return build_crisis_printout(school, report, plan_id)


def _save(school: School, report: str, plan_id: int, path: Path) -> RenderedPdf:
    """On the worker: the printout written (atomically, owner-only) where the counsellor chose."""
    from counselor_app.reports.crisis_printouts import build_crisis_printout

    pdf = build_crisis_printout(school, report, plan_id)
    pdf.save(path)
    return pdf


class CrisisPrinter(QObject):
    """The 打印 button and menu for the plan that ``plan_id()`` names (None: no plan chosen)."""

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        page: QWidget,
        plan_id: Callable[[], int | None],
        say: Say,
    ) -> None:
        super().__init__(page)
        self._school = school
        self._runner = runner
        self._page = page
        self._plan_id = plan_id
        self._say = say
        self._busy = False
        # Replaced in tests: the preview is modal. None: pypdfium2 is missing.
        self.show_preview = qt_print_preview()
        self.menu = QMenu(page)
        self.actions: dict[str, QAction] = {}
        for printout in CRISIS_PRINTOUTS:
            action = self.menu.addAction(self.tr("{name}…").format(name=in_language(printout.name)))
            action.triggered.connect(lambda _=False, r=printout.report: self.print_report(r))
            self.actions[printout.report] = action
        self.button = QPushButton(self.tr("打印…"))
        self.button.setMenu(self.menu)
        if self.show_preview is not None:
            self.button.setToolTip(
                self.tr("在打印预览中查看所选一生一策的材料（标注保密），并从那里打印")
            )
        else:
            self.button.setToolTip(self.tr("把所选一生一策的材料保存为 PDF（标注保密）"))
        self.refresh_enabled()

    def refresh_enabled(self) -> None:
        """Enable the button when a plan is chosen and nothing is being built."""
        self.button.setEnabled(not self._busy and self._plan_id() is not None)

    def print_report(self, report: str) -> None:
        """Show the printout ``report`` of the chosen plan in the print preview (without
        pypdfium2: save it where the counsellor chooses)."""
        plan_id = self._plan_id()
        if plan_id is None or self._busy:
            return
        name = in_language(crisis_printout(report).name)
        if self.show_preview is None:
            path = self._ask_path(name)
            if path is None:
                return
            task = self._runner.run(_save, self._school, report, plan_id, path, owner=self._page)
            task.on_success(lambda pdf: self._saved(pdf, path))
        else:
            task = self._runner.run(_build, self._school, report, plan_id, owner=self._page)
            task.on_success(lambda pdf: self._built(pdf, name))
        task.on_failure(lambda error: self._failed(error, name))
        self._set_busy(True)
        self._say(self.tr("正在生成{name}…").format(name=name))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh_enabled()

    @staticmethod
    def _warnings(pdf: RenderedPdf) -> str:
        return "\n".join(str(warning) for warning in pdf.warnings())

    def _built(self, pdf: RenderedPdf, name: str) -> None:
        self._set_busy(False)
        self._say(self._warnings(pdf))
        show_preview = self.show_preview
        if show_preview is not None:
            # Modal; locking closes it (and may delete the page): nothing of the page after it.
            show_preview(self._page, pdf.data, self.tr("打印预览 · {name}").format(name=name))

    def _saved(self, pdf: RenderedPdf, path: Path) -> None:
        self._set_busy(False)
        saved = self.tr("已保存：{path}").format(path=path)
        self._say("\n".join(filter(None, (saved, self._warnings(pdf)))))

    def _failed(self, error: BaseException, name: str) -> None:
        self._set_busy(False)
        self._say("")
        warn(
            self._page,
            self.tr("打印失败"),
            self.tr("{name}没有生成：{detail}").format(name=name, detail=failure_text(error)),
        )

    def _ask_path(self, name: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self._page,
            self.tr("保存{name}").format(name=name),
            str(Path(folder or Path.home()) / f"{name}.pdf"),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
