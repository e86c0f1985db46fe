"""辅导室: the room's week — opening hours and duty roster, appointments, the door schedule.

A week navigator (← 本周 →, a date to jump to, the term's week number) chooses the week; the
week is read on the database worker by :func:`counselor_app.room.rules.room_week` and shown in two tabs:
预约 (the appointments over the open hours) and 开放时间与值班 (the grid of slots with duty
teachers, the slots themselves and the closure days). The line above them says how many hours the
room opens this week against the requirement, as the self-check counts them.

Every write goes through the record service on the worker, so the booking rule (open hours,
holidays, closure days, clashes: :func:`counselor_app.room.rules.check_appointment`) is the core's.
Deleting offers undo.

The door schedule: 打印本周开放安排… builds its PDF in memory on the worker
(``reports.schedule_pdf``; the printout is logged) and shows it in Qt's print preview, from which
the counsellor prints (``ui.pdf_preview``: PySide6-Essentials has no QtPdf, so pypdfium2 draws the
pages; drawing the schedule a second time with Qt would be a second layout to keep in step).
保存PDF… writes the same PDF where the counsellor chooses (a USB stick, say) and offers to open its
folder. Without pypdfium2, 打印 saves the PDF and opens it in the system's PDF reader, which prints.
Locking closes the preview like any dialog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError, ValidationFailed
from counselor_app.foundation.vocab import APPOINTMENT_STATE
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import Change, RecordService
from counselor_app.room.rules import (
    Booking,
    ClosureDay,
    OpenSlot,
    RoomWeek,
    all_slots,
    closure_days,
    room_week,
    weekday_name,
)
from counselor_app.school.core import School
from counselor_app.ui.print_preview import qt_print_preview
from counselor_app.ui.questions import warn
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.records.form import RecordFormDialog
from counselor_app.ui.room.booking_dialog import BookingDialog
from counselor_app.ui.room.bookings_tab import BookingsTab
from counselor_app.ui.room.roster_tab import RosterTab
from counselor_app.ui.tasks import TaskRunner
from counselor_app.years.calendar import monday_of

if TYPE_CHECKING:  # reportlab is imported when the schedule is printed: it takes a while to load
    from counselor_app.reports.pdf_document import RenderedPdf

# Writes elsewhere that change what this page shows.
WATCHED_TYPES = frozenset({"appointment", "room_hours", "closure_day", "staff", "student", "term"})
SHORT_INK = "#b3261e"


@dataclass(frozen=True)
class RoomPageData:
    """What one load brings back from the worker."""

    week: RoomWeek
    slots: list[OpenSlot]
    closures: list[ClosureDay]
    closures_from: dt.date
    closures_to: dt.date


def load_room_page(school: School, monday: dt.date, every_slot: bool) -> RoomPageData:
    """Runs on the worker: the week, its slots (or all of them) and the closure days around it."""
    db = school.db
    week = room_week(db, monday)
    if week.term is not None:
        first, last = week.term.first_day, week.term.last_day
    else:
        first, last = dt.date(monday.year, 1, 1), dt.date(monday.year, 12, 31)
    slots = all_slots(db) if every_slot else list(week.slots)
    return RoomPageData(week, slots, closure_days(db, first, last), first, last)


def _write_schedule_pdf(school: School, day: dt.date, path: Path) -> RenderedPdf:
    """:func:`counselor_app.reports.schedule_pdf.write_schedule_pdf`, imported when first used."""
    from counselor_app.reports.schedule_pdf import write_schedule_pdf

    return write_schedule_pdf(school, day, path)


def _build_schedule_pdf(school: School, day: dt.date) -> RenderedPdf:
    """The door schedule of the week holding ``day`` in memory, for the print preview; runs on the
    worker. Like a saved PDF it is logged as a printout: it can be printed."""
    from counselor_app.reports.printout_log import log_printout
    from counselor_app.reports.room_schedule import week_schedule
    from counselor_app.reports.schedule_pdf import build_schedule_pdf

    pdf = build_schedule_pdf(week_schedule(school, day))
    log_printout(school, None, None, report="room_schedule", week=day.isoformat())
    return pdf


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RoomPage(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self._service = RecordService(school)
        self._generation = 0
        self.monday = monday_of(school.today())
        self.data: RoomPageData | None = None
        self.last_pdf: Path | None = None  # the door schedule saved last
        self.booking_dialog: BookingDialog | None = None  # the one open now
        # Replaced in tests: the preview is modal. None: pypdfium2 is missing.
        self.show_preview = qt_print_preview()
        # Replaced in tests: opening a file or folder must not start another program there.
        self.open_url = QDesktopServices.openUrl

        title = QLabel(self.tr("辅导室"))
        title.setObjectName("pageTitle")
        self.previous_button = QToolButton()
        self.previous_button.setText("←")
        self.previous_button.setToolTip(self.tr("上一周（Alt+←）"))
        self.this_week_button = QPushButton(self.tr("本周"))
        self.next_button = QToolButton()
        self.next_button.setText("→")
        self.next_button.setToolTip(self.tr("下一周（Alt+→）"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("转到包含这一天的一周"))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        self.print_button = QPushButton(self.tr("打印本周开放安排…"))
        if self.show_preview is not None:
            self.print_button.setToolTip(
                self.tr("在打印预览中查看本周的门牌开放安排（不含学生信息），并从那里打印")
            )
        else:
            self.print_button.setToolTip(
                self.tr("保存本周的门牌开放安排（PDF，不含学生信息），并用系统的阅读器打开以便打印")
            )
        self.save_pdf_button = QPushButton(self.tr("保存PDF…"))
        self.save_pdf_button.setToolTip(
            self.tr("把本周的门牌开放安排保存为 PDF 文件，例如存到U盘带去打印")
        )
        self.hours_label = QLabel()
        self.hours_label.setObjectName("hoursLabel")
        self.status_label = QLabel()
        self.status_label.setObjectName("resultCount")
        self.status_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.hide()
        self.open_folder_button = QPushButton(self.tr("打开文件夹"))
        self.open_folder_button.hide()

        self.bookings = BookingsTab()
        self.roster = RosterTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.bookings, self.tr("预约"))
        self.tabs.addTab(self.roster, self.tr("开放时间与值班"))

        navigator = QHBoxLayout()
        navigator.addWidget(self.previous_button)
        navigator.addWidget(self.this_week_button)
        navigator.addWidget(self.next_button)
        navigator.addWidget(self.date_edit)
        navigator.addSpacing(12)
        navigator.addWidget(self.week_label, 1)
        navigator.addWidget(self.print_button)
        navigator.addWidget(self.save_pdf_button)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.undo_button)
        status.addWidget(self.open_folder_button)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.hours_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(navigator)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(status)

        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - dt.timedelta(7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + dt.timedelta(7)))
        self.this_week_button.clicked.connect(lambda: self.show_week(self._school.today()))
        self.date_edit.dateChanged.connect(
            lambda date: self.show_week(dt.date(date.year(), date.month(), date.day()))
        )
        QShortcut(QKeySequence("Alt+Left"), self, self.previous_button.click)
        QShortcut(QKeySequence("Alt+Right"), self, self.next_button.click)
        self.print_button.clicked.connect(self.print_week)
        self.save_pdf_button.clicked.connect(lambda: self.save_week_pdf())
        self.open_folder_button.clicked.connect(self.open_pdf_folder)
        self.undo_button.clicked.connect(self.undo_delete)
        self.bookings.booking_requested.connect(self.open_booking)
        self.bookings.state_change_requested.connect(self.change_state)
        self.bookings.delete_requested.connect(lambda b: self.delete_record("appointment", b))
        self.roster.edit_requested.connect(self.open_roster_form)
        self.roster.delete_requested.connect(self.delete_record)
        self.roster.show_all_changed.connect(lambda checked: self.refresh())
        self._listen_to_changes()
        self._set_date_quietly(self.monday)

    # -- the week ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def show_week(self, day: dt.date) -> None:
        monday = monday_of(day)
        self._set_date_quietly(day)
        if monday != self.monday:
            self.monday = monday
            self.refresh()

    def _set_date_quietly(self, day: dt.date) -> None:
        self.date_edit.blockSignals(True)
        shown = self.date_edit.date()
        if monday_of(dt.date(shown.year(), shown.month(), shown.day())) != monday_of(day):
            self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)

    def refresh(self) -> None:
        """Read the shown week again on the worker; only the newest answer is shown."""
        self._generation += 1
        generation = self._generation
        school, monday, every = self._school, self.monday, self.roster.show_all.isChecked()
        self._runner.run(load_room_page, school, monday, every, owner=self).on_success(
            lambda data: self._show(generation, data)
        ).on_failure(self._load_failed)

    def _show(self, generation: int, data: RoomPageData) -> None:
        if generation != self._generation:
            return
        self.data = data
        week = data.week
        now = self._school.now()
        today = now.date()
        self.week_label.setText(self._week_text(week))
        self.hours_label.setText(self._hours_text(week))
        self.hours_label.setStyleSheet(
            "" if week.term is None or week.meets_requirement else f"color: {SHORT_INK};"
        )
        self.this_week_button.setEnabled(week.monday != monday_of(today))
        self.bookings.set_week(week, now)
        self.roster.set_week(week, today)
        self.roster.set_slots(data.slots)
        if week.term is not None:
            closures_title = self.tr("停开日期（本学期）")
        else:
            closures_title = self.tr("停开日期（{year} 年）").format(year=data.closures_from.year)
        self.roster.set_closures(data.closures, closures_title)

    def _load_failed(self, error: BaseException) -> None:
        self.status_label.setText(self.tr("读取辅导室安排时出错：{detail}").format(detail=error))

    def _date_text(self, day: dt.date) -> str:
        return self.tr("{month}月{day}日").format(month=day.month, day=day.day)

    def _week_text(self, week: RoomWeek) -> str:
        span = self.tr("{first}–{last}").format(
            first=self._date_text(week.monday), last=self._date_text(week.sunday)
        )
        if week.term is None:
            return self.tr("{span}（不在学期内）").format(span=span)
        if week.week_number is None:
            return f"{week.term.name} · {span}"
        return self.tr("{term} · 第 {number} 周 · {span}").format(
            term=week.term.name, number=week.week_number, span=span
        )

    def _hours_text(self, week: RoomWeek) -> str:
        if week.term is None:
            return self.tr("本周不在学期内，不计开放时长")
        text = self.tr("本周开放 {open} 小时 / 要求 {required} 小时").format(
            open=week.open_hours_text, required=week.required_hours_text
        )
        if week.school_days < 5:
            text += self.tr("（{days} 个上学日）").format(days=week.school_days)
        if not week.meets_requirement:
            text += self.tr("，不足")
        return text

    # -- writing -------------------------------------------------------------------------------
    def _listen_to_changes(self) -> None:
        hub = RecordChanges.of(self._runner)
        # Bound methods, not lambdas: Qt drops the connection when this page is deleted.
        hub.changed.connect(self._changed_elsewhere)
        hub.types_changed.connect(self._types_changed_elsewhere)

    def _changed_elsewhere(self, change: Change) -> None:
        self._types_changed_elsewhere(frozenset({change.record_type}))

    def _types_changed_elsewhere(self, record_types: frozenset[str]) -> None:
        if record_types & WATCHED_TYPES and self.isVisible():
            self.refresh()

    def open_booking(self, day: dt.date, start: str, booking: Booking | None) -> BookingDialog:
        dialog = BookingDialog(
            self._school, self._runner, date=day, start=start, booking=booking, parent=self
        )
        dialog.saved.connect(lambda change: self._saved(change, self.tr("预约已保存。")))
        dialog.finished.connect(lambda result: self._booking_closed(dialog))
        self.booking_dialog = dialog
        dialog.open()
        return dialog

    def _booking_closed(self, dialog: BookingDialog) -> None:
        if self.booking_dialog is dialog:
            self.booking_dialog = None
        dialog.deleteLater()

    def open_roster_form(
        self, record_type: str, record: OpenSlot | ClosureDay | None, initial: Any
    ) -> RecordFormDialog:
        """The program's record form for an opening slot or a closure day."""
        if record is None and initial is None and record_type == "closure_day":
            initial = {"date": max(self.monday, self._school.today()).isoformat()}
        dialog = RecordFormDialog(
            self._school,
            self._runner,
            record_type,
            record.id if record is not None else None,
            initial,
            parent=self,
        )
        dialog.saved.connect(lambda change: self._saved(change, self.tr("已保存。")))
        dialog.open()
        return dialog

    def _saved(self, change: Change, message: str) -> None:
        self._say(message)
        self.refresh()

    def change_state(self, booking: Booking, state: str) -> None:
        service = self._service
        self._runner.run(
            service.update, "appointment", booking.id, {"state": state}, owner=self
        ).on_success(
            lambda change: self._written(
                change,
                self.tr("{who} 的预约已改为“{state}”。").format(
                    who=booking.student_name or booking.parent_name,
                    state=APPOINTMENT_STATE.label(state),
                ),
            )
        ).on_failure(self._refused)

    def delete_record(self, record_type: str, record: Booking | OpenSlot | ClosureDay) -> None:
        service = self._service
        self._runner.run(service.delete, record_type, record.id, owner=self).on_success(
            lambda change: self._written(change, self._deleted_text(record_type, record), undo=True)
        ).on_failure(self._refused)

    def _deleted_text(self, record_type: str, record: Any) -> str:
        if record_type == "appointment":
            what = self.tr("{date} {start} 的预约").format(
                date=record.date.isoformat(), start=record.start
            )
        elif record_type == "room_hours":
            what = self.tr("开放时段 {weekday} {start}–{end}").format(
                weekday=weekday_name(dt.date(2024, 1, record.weekday)),
                start=record.start,
                end=record.end,
            )
        else:
            what = self.tr("停开日期 {date}").format(date=record.date.isoformat())
        return self.tr("已删除{what}。").format(what=what)

    def undo_delete(self) -> None:
        self.undo_button.hide()
        self._runner.run(RecycleBin(self._school).undo_last_delete, owner=self).on_success(
            lambda change: (
                self._written(change, self.tr("已撤销删除。"))
                if change is not None
                else self._say(self.tr("没有可撤销的删除。"))
            )
        ).on_failure(self._refused)

    def _written(self, change: Change, message: str, *, undo: bool = False) -> None:
        self._say(message, undo=undo)
        self.refresh()

    def _say(self, text: str, *, undo: bool = False, folder: bool = False) -> None:
        """The status line, with 撤销 (a deletion) or 打开文件夹 (a saved PDF) beside it."""
        self.status_label.setText(text)
        self.undo_button.setVisible(undo)
        self.open_folder_button.setVisible(folder)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            text = "\n".join(str(problem.message) for problem in error.problems)
        else:
            text = str(error)
        warn(self, self.tr("没有保存"), text)
        self.refresh()

    # -- the door schedule ---------------------------------------------------------------------
    def _default_pdf_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("辅导室开放安排_{monday}.pdf").format(monday=self.monday.isoformat())
        return str(Path(folder) / name) if folder else name

    def _set_printing(self, printing: bool) -> None:
        self.print_button.setEnabled(not printing)
        self.save_pdf_button.setEnabled(not printing)

    def print_week(self) -> None:
        """Show the week's door schedule in Qt's print preview (without pypdfium2: save it and
        open it in the system's PDF reader)."""
        if self.show_preview is None:
            self.save_week_pdf(open_after=True)
            return
        self._set_printing(True)
        self._say(self.tr("正在生成本周开放安排…"))
        school, monday = self._school, self.monday
        self._runner.run(_build_schedule_pdf, school, monday, owner=self).on_success(
            self._preview_built
        ).on_failure(self._print_failed)

    def _preview_built(self, pdf: RenderedPdf) -> None:
        self._set_printing(False)
        self._say(" ".join(str(warning) for warning in pdf.warnings()))
        show_preview = self.show_preview
        if show_preview is not None:
            # Modal; locking closes it (and may delete this page): nothing of the page after it.
            show_preview(self, pdf.data, self.tr("打印预览 · 本周开放安排"))

    def save_week_pdf(self, *, open_after: bool = False) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存本周开放安排"),
            self._default_pdf_path(),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._set_printing(True)
        self._say(self.tr("正在生成本周开放安排…"))
        school, monday = self._school, self.monday
        self._runner.run(_write_schedule_pdf, school, monday, target, owner=self).on_success(
            lambda pdf: self._saved_pdf(target, pdf, open_after)
        ).on_failure(self._print_failed)

    def _saved_pdf(self, target: Path, pdf: RenderedPdf, open_after: bool) -> None:
        self._set_printing(False)
        self.last_pdf = target
        if open_after:
            message = self.tr("本周开放安排已保存到 {path}，已用系统的阅读器打开，可从那里打印。")
        else:
            message = self.tr("本周开放安排已保存到 {path}。")
        text = message.format(path=target)
        warnings = [str(warning) for warning in pdf.warnings()]
        if warnings:
            text += " " + " ".join(warnings)
        self._say(text, folder=True)
        if open_after:
            self.open_url(QUrl.fromLocalFile(str(target)))

    def open_pdf_folder(self) -> None:
        if self.last_pdf is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_pdf.parent)))

    def _print_failed(self, error: BaseException) -> None:
        self._set_printing(False)
        self._say("")
        detail = str(error) if isinstance(error, CounselorError | OSError) else repr(error)
        warn(
            self,
            self.tr("没有生成"),
            self.tr("本周开放安排没有生成：{detail}").format(detail=detail),
        )
