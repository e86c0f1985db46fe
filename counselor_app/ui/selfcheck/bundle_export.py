"""生成上报包… on the 自查与上报 page: seal the shown term and checklist for the district.

The steps, each on the database worker where it reads or writes: look up the imported district key
(none: say so and offer 设置 › 上报); show it with its fingerprint and the named-cases choice
(:mod:`.bundle_dialogs`); ask where to save; run ``counselor_app.bundle.export.export_bundle``
behind a progress dialog; show the file and the school's fingerprint. The core's refusals (a 学号
or a student's name left in a note, say) are shown in full: they say what to do.

The progress dialog says which phase the export is in (the core's ``progress(phase)``, see
``counselor_app.bundle.export_progress``) and its 取消 stops the export before the next phase:
nothing is recorded as sent and no file appears. Locking the program closes the dialog and deletes
the page, which cancels as well; after unlocking the user is told how the export ended.

The dialogs are run through :attr:`BundleExportButton.exec_dialog` (questions and notices through
:mod:`counselor_app.ui.questions`) and links opened through
:attr:`BundleExportButton.open_url`, so tests answer and nothing starts outside the program.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QWidget

from counselor_app.bundle.export_progress import (
    BUILD,
    COLLECT,
    ENCRYPT,
    PHASES,
    SIGN,
    WRITE,
)
from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.progress import Cancelled, PhaseProgress
from counselor_app.school.core import School
from counselor_app.selfcheck.engine import SelfCheckReport
from counselor_app.settings.selfcheck_choices import ProfileChoice
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.preferences import remember_folder, remembered_folder
from counselor_app.ui.progress_runner import describing_phases, following, run_with_progress
from counselor_app.ui.questions import Icon, ask, warn
from counselor_app.ui.selfcheck.bundle_dialogs import BundleDoneDialog, BundleOptionsDialog
from counselor_app.ui.selfcheck.exports import default_file_name
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.work_progress import ProgressDialog, WorkProgress

if TYPE_CHECKING:  # the bundle modules are imported when a bundle is made: they take a while
    from counselor_app.bundle.district_key import DistrictPublicKey
    from counselor_app.bundle.export import ExportResult
    from counselor_app.bundle.handover import ImportedDistrictKey
    from counselor_app.ui.sections import Navigator

# The extension the command line's ``bundle export -o`` asks for (docs/bundle-format.md).
BUNDLE_SUFFIX = "zip"
# The settings section to go to when no district key is imported (SettingsPage.SECTIONS).
SETTINGS_SECTION = "bundle"

#: What to seal: the self-check on screen (its term) and the checklist it was run with.
Choice = Callable[[], tuple[SelfCheckReport, ProfileChoice] | None]


def _exec(dialog: QDialog) -> int:
    return dialog.exec()


def export_bundle(
    school: School,
    *,
    term: str,
    profile: str,
    output: Path,
    district_key: DistrictPublicKey,
    include_named_cases: bool,
    progress: PhaseProgress,
) -> ExportResult:
    """:func:`counselor_app.bundle.export.export_bundle`, imported when first used (on the
    worker); ``progress(phase)`` answers ``False`` to stop."""
    from counselor_app.bundle.export import export_bundle as export

    return export(
        school,
        term=term,
        profile=profile,
        output=output,
        district_key=district_key,
        include_named_cases=include_named_cases,
        progress=progress,
    )


def _imported_district_key(school: School) -> ImportedDistrictKey | None:
    """:func:`counselor_app.bundle.handover.imported_district_key`; runs on the worker."""
    from counselor_app.bundle.handover import imported_district_key

    return imported_district_key(school)


class BundleExportButton(QPushButton):
    # A quiet sentence for the page's message bar (a cancelled export is no error).
    told = Signal(str)

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        choice: Choice,
        navigator: Navigator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setText(self.tr("生成上报包…"))
        self.setToolTip(
            self.tr("把本学期的自查结果和统计数据加密、签名，生成交给区教育局的上报包。")
        )
        self._school = school
        self._runner = runner
        self._choice = choice
        self._navigator = navigator  # None: shown outside the main window, nowhere to lead
        self.progress_dialog: ProgressDialog | None = None  # while a bundle is being made
        self.dialog: QDialog | None = None  # the one open now (for tests and screenshots)
        # Replaced in tests: dialogs answered in advance, nothing opened outside the program.
        self.exec_dialog: Callable[[QDialog], int] = _exec
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.clicked.connect(self.start)

    # -- 1. the district key ---------------------------------------------------------------------
    def start(self) -> None:
        chosen = self._choice()
        if chosen is None:
            return
        report, profile = chosen
        self.setEnabled(False)
        self._runner.run(_imported_district_key, self._school, owner=self).on_success(
            lambda district: self._ask_options(report, profile, district)
        ).on_failure(self._failed)

    def _ask_options(
        self, report: SelfCheckReport, profile: ProfileChoice, district: ImportedDistrictKey | None
    ) -> None:
        self.setEnabled(True)
        if district is None:
            self._no_district_key()
            return
        dialog = BundleOptionsDialog(
            term=report.term.name,
            profile=self.tr("{name}（{id}）").format(name=profile.name, id=profile.id),
            district=district.key,
            may_name_cases=self._school.user.is_counsellor,
            parent=self.window(),
        )
        if self._run(dialog) != QDialog.DialogCode.Accepted:
            return
        path = self._ask_path(report)
        if path is not None:
            self._export(report, profile, district, path, dialog.include_named_cases())

    def _no_district_key(self) -> None:
        if ask(
            self.window(),
            self.tr("生成上报包"),
            self.tr("还没有导入区教育局的公钥，无法生成上报包。"),
            details=self.tr(
                "上报包加密后只有区教育局能打开，所以要先导入区教育局提供的公钥文件"
                "（district-public.json）：请到“设置 › 上报”点“导入区教育局公钥…”，"
                "并与区教育局书面提供的指纹核对。"
            ),
            yes=self.tr("前往 设置 › 上报"),
            no=self.tr("关闭"),
            yes_by_default=True,
            icon=Icon.Information,  # where to go next, not a doubt
        ):
            self._go_to_settings()

    def _go_to_settings(self) -> None:
        from counselor_app.ui.pages.settings import SettingsPage  # built by now: no cost

        if self._navigator is None:
            return
        page = self._navigator.show_section("settings")
        if isinstance(page, SettingsPage):
            page.show_section(SETTINGS_SECTION)

    # -- 2. where to save ------------------------------------------------------------------------
    def _ask_path(self, report: SelfCheckReport) -> Path | None:
        folder = remembered_folder("bundle")
        name = default_file_name(
            self.tr("上报包") + f"_{report.school_name}", report, BUNDLE_SUFFIX
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self.window(),
            self.tr("保存上报包"),
            str(folder / name),
            self.tr("上报包 (*.{suffix})").format(suffix=BUNDLE_SUFFIX),
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{BUNDLE_SUFFIX}":
            path = path.with_name(f"{path.name}.{BUNDLE_SUFFIX}")
        remember_folder("bundle", path)
        return path

    # -- 3. the export ---------------------------------------------------------------------------
    def _export(
        self,
        report: SelfCheckReport,
        profile: ProfileChoice,
        district: ImportedDistrictKey,
        path: Path,
        named_cases: bool,
    ) -> None:
        school, term, key = self._school, report.term.name, district.key
        describe = describing_phases(
            self.tr("正在生成上报包 {name}").format(name=path.name),
            PHASES,
            {
                COLLECT: self.tr("正在运行自查并读取记录…"),
                BUILD: self.tr("正在生成自查报告和统计数据…"),
                ENCRYPT: self.tr("正在签名并为区教育局加密…"),
                SIGN: self.tr("正在签名…"),
                WRITE: self.tr("正在保存文件…"),
            },
            preparing=self.tr("正在准备…"),
            step_text=self.tr("第 {step} / {steps} 步：{phase}"),
        )

        def work(progress: WorkProgress) -> ExportResult:
            # The key the counsellor just compared, even if another was imported meanwhile.
            return export_bundle(
                school,
                term=term,
                profile=profile.ref,
                output=path,
                district_key=key,
                include_named_cases=named_cases,
                progress=following(progress, PHASES),
            )

        run_with_progress(
            self._runner,
            self,
            self.tr("生成上报包"),
            describe,
            work,
            succeeded=self._done,
            failed=self._failed,
            cancelled=self.told.emit,
            told_after_unlock=lambda ok, outcome: told_after_unlock(ok, outcome, path),
        )

    def _done(self, result: ExportResult) -> None:
        dialog = BundleDoneDialog(result, [str(w) for w in result.warnings], self.window())
        folder = result.path.parent
        dialog.open_folder_button.clicked.connect(
            lambda: self.open_url(QUrl.fromLocalFile(str(folder)))
        )
        self._run(dialog)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        # The core's messages say what went wrong and what to do; anything else is a fault.
        hint = "" if isinstance(error, CounselorError) else self.tr("上报包没有生成。")
        warn(
            self.window(),
            self.tr("没有生成上报包"),
            failure_text(error),
            details=hint,
            button=self.tr("关闭"),
        )

    def _run(self, dialog: QDialog) -> int:
        self.dialog = dialog
        try:
            return self.exec_dialog(dialog)
        finally:
            self.dialog = None


def told_after_unlock(ok: bool, outcome: Any, path: Path) -> str:
    """How an export ended while the program was locked (the page is gone: no ``self.tr``)."""
    if ok:
        text = QCoreApplication.translate("BundleExportButton", "上报包已生成：{path}").format(
            path=path
        )
        return " ".join([text, *(str(warning) for warning in outcome.warnings)])
    if isinstance(outcome, Cancelled):
        return QCoreApplication.translate(
            "BundleExportButton", "生成上报包因程序锁定而停止，没有生成文件。"
        )
    return QCoreApplication.translate("BundleExportButton", "上报包没有生成：{detail}").format(
        detail=outcome
    )
