"""The list of one record type: search, a date range, and 新建 / 编辑 / 删除 / 撤销删除.

The records are read on the database worker when the list is first shown. After that the list
follows the :class:`~counselor_app.ui.records.changes.RecordChanges` hub: a record created, changed,
deleted or restored anywhere is fetched (or dropped) alone. A change to the students, staff or
classes it names makes it read everything again, since their names appear in its cells, and so does
a change to records of its type whose ids nobody listed, or to everything (a workbook import). A
hidden list reads again when it is next shown. The list's own writes reach it the same way: it
never announces them (see :mod:`counselor_app.ui.tasks`).

Deleting moves the record to the recycle bin; the message that says so has an 撤销 button, and
Ctrl+Z in the list (or 撤销删除) brings back the user's last deletion, whatever list it was in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.change import NOTHING, Changes
from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.i18n import joined, labelled
from counselor_app.records.catalog import one_record_label, spec_for
from counselor_app.records.permissions import hidden_fields, may_write
from counselor_app.records.recycle_bin import RecycleBin
from counselor_app.records.service import Change, Record, RecordService
from counselor_app.records.spec import FieldSpec, Kind
from counselor_app.records.text import load_names, value_vocabulary
from counselor_app.school.core import School
from counselor_app.ui import questions
from counselor_app.ui.records.changes import RecordChanges
from counselor_app.ui.records.editors import DateEdit
from counselor_app.ui.records.filter_proxy import RecordFilterProxy
from counselor_app.ui.records.form import Ask, RecordFormDialog
from counselor_app.ui.records.table_model import DisplayRow, RecordTableModel, default_fields
from counselor_app.ui.tasks import TaskRunner

SEARCH_PAUSE_MS = 200
MESSAGE_SHOWN_MS = 20_000
# Types whose names show in other records' cells.
NAMED_TYPES = frozenset({"student", "staff", "class", "campus"})


class _Written(NamedTuple):
    """A delete or its undo, with the title for the message; the runner announces the change."""

    change: Change | None
    title: str

    @property
    def changes(self) -> Changes:
        return self.change.changes if self.change is not None else NOTHING


# Starting column widths by kind (the user can drag them); free text takes what is left.
_WIDTHS = {
    Kind.DATE: 96,
    Kind.TIME: 64,
    Kind.MONTH: 76,
    Kind.SCHOOL_YEAR: 110,
    Kind.INT: 64,
    Kind.REAL: 64,
    Kind.BOOL: 64,
    Kind.CHOICE: 72,
    Kind.CHOICE_LIST: 120,
    Kind.CHOICE_LINK: 120,
    Kind.TEXT_LIST: 150,
    Kind.REPORTER: 150,
    Kind.TEXT: 140,
}
_REF_WIDTHS = {"student": 150, "staff": 84, "class": 96, "campus": 84}
# Columns that take the room left over when the table is wider than all columns together.
_GROWING = (Kind.TEXT, Kind.TEXT_LIST, Kind.REF_LIST)


class RecordListView(QWidget):
    """All records of ``record_type`` (or those matching ``fixed_values``) in a sortable table."""

    # The records on screen changed (loaded, or one record came or went).
    rows_changed = Signal()

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        record_type: str,
        *,
        fixed_values: Mapping[str, Any] | None = None,
        columns: Sequence[str] | None = None,
        new_values: Mapping[str, Any] | None = None,
        ask: Ask = questions.ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._school = school
        self._runner = runner
        self.spec = spec_for(record_type)
        self.fixed_values = dict(fixed_values or {})
        self.new_values = dict(new_values or {})
        self.ask = ask
        self.writable = may_write(school, record_type)
        self.loaded = False
        self.form: RecordFormDialog | None = None
        self._loading = 0  # generation of the newest full read
        self._busy = 0
        self._stale = True
        self._select_when_shown: int | None = None
        self._select_when_loaded: int | None = None

        fields = (
            tuple(self.spec.field(name) for name in columns)
            if columns
            else default_fields(self.spec, without=self.fixed_values)
        )
        self.model = RecordTableModel(
            self.spec, fields, self, hidden=hidden_fields(school, record_type)
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("搜索：姓名、学号、教师、内容…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(220)
        self.search_field.setMaximumWidth(320)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self.apply_search)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(self.search_field, 1)
        self.date_from: DateEdit | None = None
        self.date_to: DateEdit | None = None
        if self.spec.date_field:
            today = school.today()
            qtoday = QDate(today.year, today.month, today.day)
            self.date_from = DateEdit(True, qtoday)
            self.date_to = DateEdit(True, qtoday)
            for edit in (self.date_from, self.date_to):
                edit.setSpecialValueText(self.tr("不限"))
                edit.dateChanged.connect(self.apply_dates)
            bar.addSpacing(8)
            bar.addWidget(QLabel(self.spec.field(self.spec.date_field).label))
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel(self.tr("至")))
            bar.addWidget(self.date_to)
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("新建"))
        self.edit_button = QPushButton(self.tr("编辑"))
        self.delete_button = QPushButton(self.tr("删除"))
        self.undo_button = QPushButton(self.tr("撤销删除"))
        self.new_button.setToolTip(self.tr("新建（Ctrl+Shift+N）"))
        self.edit_button.setToolTip(self.tr("编辑选中的记录（回车或双击）"))
        self.delete_button.setToolTip(self.tr("删除选中的记录（Delete），可撤销"))
        self.undo_button.setToolTip(self.tr("恢复最近一次删除的记录（Ctrl+Z）"))
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            bar.addWidget(button)
        self._bar = bar
        self.new_button.clicked.connect(self.create_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)

        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.permission_note = QLabel(
            self.tr("管理员可以查看这类记录（保密内容除外），但不能新建、修改或删除。")
        )
        self.permission_note.setObjectName("pageSubtitle")
        self.permission_note.setVisible(not self.writable)
        info = QHBoxLayout()
        info.addWidget(self.count_label)
        info.addStretch(1)
        info.addWidget(self.permission_note)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order: newest
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._size_columns(fields)

        self.message = QLabel()
        self.message.setObjectName("resultCount")
        self.message.setWordWrap(True)
        self.message_undo = QPushButton(self.tr("撤销"))
        self.message_undo.setFlat(True)
        self.message_undo.setCursor(Qt.CursorShape.PointingHandCursor)
        self.message_undo.setStyleSheet("color: palette(highlight); text-decoration: underline;")
        self.message_undo.clicked.connect(self.undo_delete)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_SHOWN_MS)
        self._message_timer.timeout.connect(self.clear_message)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message)
        message_row.addWidget(self.message_undo)
        message_row.addStretch(1)
        self.clear_message()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(self.table, 1)
        layout.addLayout(message_row)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot, where, shortcut_context in (
            (QKeySequence.StandardKey.Undo, self.undo_delete, self, context),
            # Ctrl+N is the window-wide quick session entry; a list's own "new" is Ctrl+Shift+N.
            (QKeySequence("Ctrl+Shift+N"), self.create_record, self, context),
            (QKeySequence.StandardKey.Refresh, self.refresh, self, context),
            (QKeySequence.StandardKey.Find, self.search_field.setFocus, self, context),
            (QKeySequence.StandardKey.Delete, self.delete_selected, self.table, context),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected, self.table, context),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected, self.table, context),
        ):
            shortcut = QShortcut(QKeySequence(keys), where)
            shortcut.setContext(shortcut_context)
            shortcut.activated.connect(slot)

        hub = RecordChanges.of(runner)
        hub.changed.connect(self._on_change)
        hub.types_changed.connect(self._on_types_changed)
        hub.everything_changed.connect(self._reload)
        self._update_buttons()

    # -- reading -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def refresh(self) -> None:
        """Read every record of the list again (in the background); the selection stays."""
        self._stale = False
        self._loading += 1
        generation = self._loading
        if not self.loaded:
            self.count_label.setText(self.tr("正在读取…"))
        school, record_type, model = self._school, self.spec.type, self.model
        equals = self._equals()

        def load() -> list[DisplayRow]:
            records = RecordService(school).find(record_type, equals=equals)
            return model.make_rows(records, load_names(school.db, school.today()))

        self._start(load).on_success(lambda rows: self._loaded(generation, rows)).on_failure(
            self._failed
        )

    def _loaded(self, generation: int, rows: list[DisplayRow]) -> None:
        if generation != self._loading:
            return
        selected = self.selected_id()
        if selected is None:
            selected, self._select_when_loaded = self._select_when_loaded, None
        self.model.set_rows(rows)
        self.loaded = True
        if selected is not None:
            self.select_record(selected)
        self._update_count()
        self.rows_changed.emit()

    def _equals(self) -> dict[str, Any]:
        """The fixed values the service can match; the others are matched as rows arrive."""
        return {
            name: value
            for name, value in self.fixed_values.items()
            if self.spec.field(name).stored_in_row and not self.spec.field(name).is_list
        }

    def _matches_fixed(self, record: Record) -> bool:
        return all(record.get(name) == value for name, value in self.fixed_values.items())

    def _reload(self) -> None:
        """Read everything again now if the list is on screen, otherwise when it is next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_types_changed(self, record_types: frozenset[str]) -> None:
        if self.spec.type in record_types or record_types & NAMED_TYPES:
            self._reload()

    def _on_change(self, change: Change) -> None:
        if change.record_type in NAMED_TYPES and change.record_type != self.spec.type:
            self._reload()  # a name in the cells may have changed
            return
        if change.record_type != self.spec.type or not self.loaded:
            return
        if change.action == "deleted":
            self.model.remove(change.record_id)
            self._update_count()
            self.rows_changed.emit()
            return
        school, model, record_type = self._school, self.model, self.spec.type

        def load_one() -> DisplayRow | None:
            try:
                record = RecordService(school).get(record_type, change.record_id)
            except CounselorError:
                return None  # gone again meanwhile
            return model.make_rows([record], load_names(school.db, school.today()))[0]

        self._start(load_one).on_success(
            lambda row: self._one_loaded(change.record_id, row)
        ).on_failure(self._failed)

    def _one_loaded(self, record_id: int, row: DisplayRow | None) -> None:
        if row is None or not self._matches_fixed(row.record):
            self.model.remove(record_id)
        else:
            self.model.upsert(row)
            if self._select_when_shown == record_id:
                self._select_when_shown = None
                self.select_record(record_id)
        self._update_count()
        self.rows_changed.emit()

    def _start(self, fn: Any) -> Any:
        self._busy += 1

        def finished(_result: object) -> None:
            self._busy -= 1

        return self._runner.run(fn, owner=self).on_success(finished).on_failure(finished)

    def _failed(self, error: BaseException) -> None:
        self.show_message(str(error), error=True)

    # -- where the user was (kept over a lock) -------------------------------------------------
    def save_state(self) -> dict[str, Any]:
        return {
            "search": self.search_field.text(),
            "from": _iso(self.date_from),
            "to": _iso(self.date_to),
            "selected": self.selected_id(),
        }

    def restore_state(self, state: Mapping[str, Any]) -> None:
        self.search_field.setText(str(state.get("search") or ""))
        self.apply_search()
        for edit, key in ((self.date_from, "from"), (self.date_to, "to")):
            if edit is not None and state.get(key):
                edit.setDate(QDate.fromString(str(state[key]), Qt.DateFormat.ISODate))
        selected = state.get("selected")
        if isinstance(selected, int) and not (self.loaded and self.select_record(selected)):
            self._select_when_loaded = selected

    # -- filtering -----------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_search(self.search_field.text())
        self._update_count()

    def apply_dates(self) -> None:
        first = _iso(self.date_from)
        last = _iso(self.date_to)
        self.proxy.set_date_range(first, last)
        self._update_count()

    def _update_count(self) -> None:
        if not self.loaded:
            return
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.proxy.filtering:
            text = self.tr("显示 {shown} 条，共 {total} 条").format(shown=shown, total=total)
        else:
            text = self.tr("共 {total} 条").format(total=total)
        self.count_label.setText(text)

    def add_button(self, button: QWidget) -> None:
        """Put a page's own button (the crisis page's 打印…) after the list's buttons."""
        self._bar.addWidget(button)

    # -- selection -----------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(RecordTableModel.RECORD_ID_ROLE))

    def select_record(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.new_button.setEnabled(self.writable)
        self.edit_button.setEnabled(self.writable and chosen)
        self.delete_button.setEnabled(self.writable and chosen)
        self.undo_button.setEnabled(self.writable)

    def _double_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        record_id = index.data(RecordTableModel.RECORD_ID_ROLE)
        if record_id is not None:
            self.open_form(int(record_id))

    # -- actions -------------------------------------------------------------------------------
    def create_record(self) -> None:
        if self.writable:
            self.open_form(None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_form(record_id)

    def open_form(self, record_id: int | None) -> RecordFormDialog:
        """The form for a record (read-only when this user may not write the type)."""
        form = RecordFormDialog(
            self._school,
            self._runner,
            self.spec.type,
            record_id,
            initial=self.new_values if record_id is None else None,
            fixed=self.fixed_values,
            parent=self,
            ask=self.ask,
        )
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._form_saved)
        form.finished.connect(lambda _code: self._form_closed(form))
        self.form = form
        form.open()
        return form

    def _form_saved(self, change: Change) -> None:
        form = self.form
        if form is not None and form.record_id is None:
            # The next new record starts with the same teachers (the counsellor rarely changes).
            for field in self.spec.fields:
                if field.kind is Kind.REF and field.ref == "staff" and field.required:
                    value = form.values().get(field.name)
                    if isinstance(value, int):
                        self.new_values[field.name] = value
        self._select_when_shown = change.record_id
        if self.model.row_of(change.record_id) is not None:
            self.select_record(change.record_id)

    def _form_closed(self, form: RecordFormDialog) -> None:
        if self.form is form:
            self.form = None
        self.table.setFocus()

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None or not self.writable:
            return
        row = self.model.row_of(record_id)
        what = self._describe(row) if row is not None else ""
        if not self.ask(
            self,
            self.tr("删除记录"),
            self.tr(
                "删除这条{record}吗？\n{what}\n\n删除后可以立即撤销（Ctrl+Z），或在 30 天内从回收站恢复。"
            ).format(record=one_record_label(self.spec.type), what=what),
        ):
            return
        school, spec = self._school, self.spec

        def delete() -> _Written:
            service = RecordService(school)
            title = service.title(spec, service.get(spec.type, record_id))
            return _Written(service.delete(spec.type, record_id), title)

        self._start(delete).on_success(self._deleted).on_failure(self._failed)

    def _deleted(self, result: _Written) -> None:
        title = result.title
        self.show_message(self.tr("已删除{title}。").format(title=title), undo=True)

    def undo_delete(self) -> None:
        if not self.writable:
            return
        school = self._school

        def undo() -> _Written:
            bin_ = RecycleBin(school)
            mine = [e for e in bin_.entries() if e.deleted_by == school.user.name]
            label = mine[0].label if mine else ""
            return _Written(bin_.undo_last_delete(), label)

        self._start(undo).on_success(self._undone).on_failure(self._failed)

    def _undone(self, result: _Written) -> None:
        change, label = result
        if change is None:
            self.show_message(self.tr("没有可以撤销的删除。"))
            return
        if change.record_type == self.spec.type:
            self._select_when_shown = change.record_id  # before the runner tells this list
        self.show_message(self.tr("已恢复{title}。").format(title=label))

    # -- messages ------------------------------------------------------------------------------
    def show_message(self, text: str, *, undo: bool = False, error: bool = False) -> None:
        self.message.setObjectName("fieldError" if error else "resultCount")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()
        self.message_undo.setVisible(undo and self.writable)
        self._message_timer.start()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()
        self.message_undo.hide()

    # -- layout --------------------------------------------------------------------------------
    def _describe(self, row: int) -> str:
        display = self.model.row_at(row)
        parts = [
            labelled(field.label, text)
            for field, text in zip(self.model.fields, display.texts, strict=True)
            if text and field.name not in self.model.hidden and field.kind is not Kind.TEXT
        ]
        return str(joined(parts[:4], zh="　", en="; "))

    def _size_columns(self, fields: Sequence[FieldSpec]) -> None:
        """Starting widths by kind (measuring 100,000 rows would be slow), at least the title's."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        metrics = header.fontMetrics()
        redacted = self.fontMetrics().horizontalAdvance(self.model.redacted_text) + 16
        self._base_widths: list[int] = []
        for column, field in enumerate(fields):
            if field.kind in (Kind.REF, Kind.REF_LIST):
                width = _REF_WIDTHS.get(field.ref or "", 96)
                if field.kind is Kind.REF_LIST:
                    width += 40
            else:
                width = _WIDTHS.get(field.kind, 96)
            vocab = value_vocabulary(self.spec, field)
            if field.kind in (Kind.CHOICE, Kind.INT) and vocab is not None:
                # Room for the longest word the column can show (心理健康活动月).
                longest = max(
                    self.fontMetrics().horizontalAdvance(vocab.label(c)) for c in vocab.codes
                )
                width = max(width, min(longest + 36, 180))
            if field.name in self.model.hidden:
                width = max(width, redacted)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self._base_widths.append(max(width, metrics.horizontalAdvance(title) + 24))
        growing = [c for c, f in enumerate(fields) if f.kind in _GROWING]
        self._growing = growing or [len(fields) - 1]
        self._user_sized = False
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Give the room the columns leave to the free-text columns (until the user drags one)."""
        if self._user_sized:
            return
        widths = list(self._base_widths)
        spare = self.table.viewport().width() - sum(widths)
        if spare > 0:
            share, rest = divmod(spare, len(self._growing))
            for column in self._growing:
                widths[column] += share
            widths[self._growing[-1]] += rest
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _section_resized(self, *_args: object) -> None:
        if not self._fitting:
            self._user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)


def _iso(edit: DateEdit | None) -> str | None:
    if edit is None or edit.is_empty():
        return None
    return edit.date().toString(Qt.DateFormat.ISODate)
