"""设置 › 备份: the school's backups, backing up now, checking one, and restoring one.

The work is ``counselor_app.school.backup_catalog`` and ``counselor_app.storage.backups``, run on the
database worker behind a progress dialog that says which step the core is on (its
``progress(phase)``) and whose 取消 stops it before the next step or chunk. A cancelled backup
leaves no file, a cancelled check changes nothing; both are said quietly in the message bar.
Restoring replaces the open school's files (the current ones are backed up and moved aside, never
deleted) and closes the open school; the program must then be started and unlocked again, so after
the message the main window closes. A restore can be cancelled while it reads and checks the backup
and backs up the current data; once it begins replacing the files it runs to its end, and 取消 is
greyed out (the core no longer asks).

Locking deletes this section, which cancels the work under way as 取消 would; after unlocking the
user is told how it ended. A backup or a check stopped that way leaves nothing. A restore that has
not begun when the program locks never begins, and one still reading, checking or backing up is
stopped before it replaces anything: replacing every record is not done unseen, and the user may
have stepped away for good. One that has begun replacing the files finishes while locked (the core
no longer listens); unlocking then opens the restored files, which is the fresh start the restore
asks for, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from counselor_app.foundation.progress import Cancelled
from counselor_app.school import backups as school_backups
from counselor_app.school.backup_catalog import BackupEntry, backup_entries, backup_now
from counselor_app.school.core import School
from counselor_app.storage import backups
from counselor_app.ui.crash_handler import failure_text
from counselor_app.ui.progress_runner import (
    DialogFactory,
    describing_phases,
    following,
    run_with_progress,
)
from counselor_app.ui.questions import ask, inform
from counselor_app.ui.row_table_model import Column, RowTableModel
from counselor_app.ui.row_table_view import row_table_view
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.section_parts import (
    button_row,
    list_layout,
    load_when_first_shown,
    selected_row,
    size_columns,
)
from counselor_app.ui.tasks import DescribeOutcome, TaskRunner
from counselor_app.ui.work_progress import ProgressDialog, WorkProgress


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupTableModel(RowTableModel[BackupEntry]):
    CREATED, REASON, SIZE, FILE = range(4)
    COLUMN_COUNT = 4

    def columns(self) -> tuple[Column[BackupEntry], ...]:
        return (
            Column(
                lambda: self.tr("时间"), lambda entry: entry.created_at.strftime("%Y-%m-%d %H:%M")
            ),
            Column(
                lambda: self.tr("原因"),
                lambda entry: self.reason_text(entry.reason),
                tooltip=lambda entry: self.tr("不会被自动清理") if entry.kept_for_good else None,
            ),
            Column(
                lambda: self.tr("大小"),
                lambda entry: size_text(entry.size),
                alignment=int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            ),
            Column(
                lambda: self.tr("文件"),
                lambda entry: entry.path.name,
                tooltip=lambda entry: str(entry.path),
            ),
        )

    def reason_text(self, reason: str) -> str:
        return {
            backups.MANUAL: self.tr("手动备份"),
            backups.DAILY: self.tr("每日自动备份"),
            backups.EXIT: self.tr("退出时自动备份"),
            backups.BEFORE_RESTORE: self.tr("恢复前自动备份"),
        }.get(reason, reason)


class RestoreProgressDialog(ProgressDialog):
    """The progress of a restore: 取消 until the files are being replaced, greyed out from then on
    (the core asks nothing more, so a 取消 could not be kept)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        describe: Callable[[int, int], str],
        progress: WorkProgress,
        replacing: int,
    ) -> None:
        super().__init__(parent, title, describe, progress)
        self._replacing = replacing  # the step from which the restore runs to its end

    def replacing(self) -> bool:
        return self.progress.total > 0 and self.progress.done >= self._replacing

    def update_progress(self) -> None:
        super().update_progress()
        if self.replacing():
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        if not self.replacing():
            super().reject()


class BackupsSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.progress_dialog: ProgressDialog | None = None  # while work runs
        # Replaced in tests: questions answered in advance, nothing opened outside the program.
        self.open_url = QDesktopServices.openUrl

        folder = school.paths.backups
        self.folder_label = QLabel(self.tr("备份保存在：{folder}").format(folder=folder))
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(self.tr("打开文件夹"))
        where = QHBoxLayout()
        where.addWidget(self.folder_label, 1)
        where.addWidget(self.open_folder_button)
        note = QLabel(
            self.tr(
                "程序每天自动备份一次，退出时也会备份；自动备份按天、周、月轮换保留。"
                "手动备份和恢复前的备份不会被自动清理。备份已加密，用本校任一账户的密码或恢复密钥"
                "才能打开。请定期把备份复制到 U 盘等另一处保存。"
            )
        )
        note.setObjectName("pageSubtitle")
        note.setWordWrap(True)

        self.model = BackupTableModel(self)
        self.table = row_table_view(self.model)
        size_columns(
            self.table,
            {
                BackupTableModel.CREATED: 150,
                BackupTableModel.REASON: 150,
                BackupTableModel.SIZE: 90,
            },
        )

        self.backup_button = QPushButton(self.tr("立即备份"))
        self.verify_button = QPushButton(self.tr("验证备份"))
        self.verify_button.setToolTip(self.tr("完整检查所选备份能否打开、内容是否完好"))
        self.restore_button = QPushButton(self.tr("恢复…"))
        self.restore_file_button = QPushButton(self.tr("从其他位置恢复…"))
        buttons = button_row(
            self.backup_button,
            self.verify_button,
            right=[self.restore_button, self.restore_file_button],
        )
        self.message_bar = MessageBar()

        list_layout(self, where, note, buttons, table=self.table, below=self.message_bar)

        self.open_folder_button.clicked.connect(self.open_folder)
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        load_when_first_shown(self, self.load)

    def load(self) -> None:
        self._runner.run(backup_entries, self._school.paths, owner=self).on_success(
            self._show
        ).on_failure(self.message_bar.show_failure)

    def _show(self, entries: list[BackupEntry]) -> None:
        selected = self.selected()
        self.model.set_rows(entries)
        if selected is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).path == selected.path:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> BackupEntry | None:
        return selected_row(self.table, self.model)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.verify_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def open_folder(self) -> None:
        folder = self._school.paths.backups
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.open_url(QUrl.fromLocalFile(str(folder)))

    # -- the work --------------------------------------------------------------------------------
    def _start(
        self,
        title: str,
        heading: str,
        phases: tuple[str, ...],
        texts: dict[str, str],
        work: Callable[[WorkProgress], Any],
        done: Callable[[Any], None],
        told_after_unlock: DescribeOutcome,
        *,
        replacing: str | None = None,
    ) -> None:
        """Run ``work(progress)`` behind a progress dialog saying which of the core's ``phases`` it
        is on (``texts[phase]``; ``work`` tells ``progress`` through :func:`following`), with 取消
        (until ``replacing``, when given). If the program locks meanwhile, the work is cancelled
        as by 取消 and the user is told ``told_after_unlock(ok, value)`` after unlocking (no
        self.tr there: the page is gone)."""
        describe = describing_phases(
            heading,
            phases,
            texts,
            preparing=self.tr("正在准备…"),
            step_text=self.tr("第 {step} / {steps} 步：{phase}"),
        )
        factory: DialogFactory = ProgressDialog
        if replacing is not None:
            factory = partial(RestoreProgressDialog, replacing=phases.index(replacing))
        run_with_progress(
            self._runner,
            self,
            title,
            describe,
            work,
            succeeded=done,
            failed=self.message_bar.show_failure,
            cancelled=self.message_bar.show_info,  # asked for: no error
            told_after_unlock=told_after_unlock,
            dialog_factory=factory,
        )

    def back_up_now(self) -> None:
        school = self._school
        self.message_bar.clear()
        self._start(
            self.tr("立即备份"),
            self.tr("正在备份本校数据"),
            backups.BACKUP_PHASES,
            {
                backups.SNAPSHOT: self.tr("正在为加密的数据库做快照…"),
                backups.ARCHIVE: self.tr("正在写入备份文件…"),
                backups.VERIFY: self.tr("正在重新打开备份并验证…"),
            },
            lambda progress: backup_now(
                school, progress=following(progress, backups.BACKUP_PHASES)
            ),
            self._backed_up,
            backed_up_told,
        )

    def _backed_up(self, path: Path) -> None:
        self.message_bar.show_info(self.tr("备份已保存并验证：{name}").format(name=path.name))
        self.load()

    def verify_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        school, path = self._school, entry.path
        self.message_bar.clear()
        self._start(
            self.tr("验证备份"),
            self.tr("正在验证备份 {name}").format(name=path.name),
            backups.VERIFY_PHASES,
            self._checking_phases(),
            lambda progress: backups.verify_backup(
                path, school.data_key, progress=following(progress, backups.VERIFY_PHASES)
            ),
            lambda _: self.message_bar.show_info(
                self.tr("备份 {name} 完好，可以用来恢复。").format(name=path.name)
            ),
            lambda ok, outcome: verified_told(path, ok, outcome),
        )

    def _checking_phases(self) -> dict[str, str]:
        return {
            backups.READ: self.tr("正在读取备份并核对校验值…"),
            backups.CHECK: self.tr("正在用密钥打开备份并逐页检查…"),
        }

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.restore(entry.path)

    def restore_from_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择要恢复的备份"),
            str(self._school.paths.backups),
            self.tr("心理辅导工作台备份 (*{suffix})").format(suffix=backups.SUFFIX),
        )
        if chosen:
            self.restore(Path(chosen))

    def restore(self, source: Path) -> None:
        question = self.tr(
            "用备份 {name} 替换本校现在的全部数据？\n\n"
            "现在的数据不会删除：程序先为它做一个备份，再把现在的数据文件移到 set-aside 文件夹保存。"
            "账户和密码也会恢复为备份当时的状态。\n\n"
            "恢复后程序将关闭，请重新打开并登录。"
        ).format(name=source.name)
        if not ask(self, self.tr("恢复备份"), question):
            return
        school = self._school
        self.message_bar.clear()

        def restore(progress: WorkProgress) -> school_backups.RestoreResult | None:
            if progress.cancelled:
                return None  # cancelled, or locked, before it began: nothing is replaced
            return school_backups.restore_backup(
                school.paths,
                source,
                school.data_key,
                user_name=school.user.name,
                school=school,
                progress=following(progress, backups.RESTORE_PHASES),
            )

        self._start(
            self.tr("恢复备份"),
            self.tr("正在从备份 {name} 恢复").format(name=source.name),
            backups.RESTORE_PHASES,
            {
                **self._checking_phases(),
                backups.SAFETY_BACKUP: self.tr("正在为现在的数据做备份…"),
                backups.REPLACE: self.tr("正在替换数据文件（这一步不能取消）…"),
            },
            restore,
            self._restored,
            lambda ok, outcome: restored_told(source, ok, outcome),
            replacing=backups.REPLACE,
        )

    def _restored(self, result: school_backups.RestoreResult | None) -> None:
        if result is None:  # cancelled before the worker came to it
            self.message_bar.show_info(str(backups.RESTORE_CANCELLED))
            return
        # The open school is closed now: nothing more may be read from it. Say what happened,
        # then close the main window (it waits for the worker and ends the program).
        inform(self, self.tr("恢复完成"), str(result.message))
        window = self.window()
        if window is not self:
            window.close()


# -- told after unlocking: the section is gone by then, so no self.tr ---------------------------
def _failure_text(error: BaseException) -> str:
    return failure_text(error)


def backed_up_told(ok: bool, outcome: Any) -> str:
    if ok:
        return QCoreApplication.translate(
            "BackupsSection", "锁定前开始的备份已经完成并通过验证：{name}。"
        ).format(name=outcome.name)
    if isinstance(outcome, Cancelled):
        return QCoreApplication.translate(
            "BackupsSection", "锁定前开始的备份因程序锁定而停止，没有生成备份文件。"
        )
    return QCoreApplication.translate(
        "BackupsSection", "锁定前开始的备份没有完成：{detail}"
    ).format(detail=_failure_text(outcome))


def verified_told(path: Path, ok: bool, outcome: Any) -> str:
    if ok:
        return QCoreApplication.translate(
            "BackupsSection", "锁定前开始的验证已经完成：备份 {name} 完好，可以用来恢复。"
        ).format(name=path.name)
    if isinstance(outcome, Cancelled):
        return QCoreApplication.translate(
            "BackupsSection", "验证备份 {name} 因程序锁定而停止，备份文件没有改动。"
        ).format(name=path.name)
    return QCoreApplication.translate(
        "BackupsSection", "验证备份 {name} 没有完成：{detail}"
    ).format(name=path.name, detail=_failure_text(outcome))


def restored_told(source: Path, ok: bool, outcome: Any) -> str:
    if ok and outcome is None:
        return QCoreApplication.translate(
            "BackupsSection",
            "恢复备份 {name} 没有开始：程序在恢复开始之前锁定了。本校的数据没有改变；"
            "如仍要恢复，请重新操作。",
        ).format(name=source.name)
    if isinstance(outcome, Cancelled):
        return QCoreApplication.translate(
            "BackupsSection",
            "恢复备份 {name} 因程序锁定而在替换数据之前停止。本校的数据没有改变；"
            "如仍要恢复，请重新操作。",
        ).format(name=source.name)
    if ok:
        return QCoreApplication.translate(
            "BackupsSection",
            "锁定前开始的恢复已经完成：已从备份 {name} 恢复，现在打开的就是恢复后的数据。"
            "原来的数据没有删除，已移到 {set_aside}。账户和密码已恢复为备份当时的状态。",
        ).format(name=source.name, set_aside=outcome.set_aside or "—")
    return QCoreApplication.translate(
        "BackupsSection", "恢复备份 {name} 没有完成：{detail}"
    ).format(name=source.name, detail=_failure_text(outcome))
