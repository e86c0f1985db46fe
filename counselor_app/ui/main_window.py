"""The main window: navigation down the left, one page per section, the school in the status bar.

The sections and their pages are listed in :mod:`counselor_app.ui.sections`; the window is the
pages' :class:`~counselor_app.ui.sections.Navigator`.

A section's page is built the first time it is shown (or asked for with :meth:`MainWindow.page`),
so unlocking pays only for the dashboard, not for every page and everything it imports.

The window owns the unlocked :class:`School` from the moment it opens: closing the window waits for
the database worker and closes the school (database closed, key overwritten). Where closing makes
the on-exit backup (the desktop program), the backup runs on the worker: the pages go at once, the
window says it is backing up, and it closes itself when the school is closed.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.errors import CounselorError
from counselor_app.foundation.vocab import USER_ROLE
from counselor_app.school.core import School
from counselor_app.ui.preferences import WINDOW_GEOMETRY
from counselor_app.ui.qt_values import present
from counselor_app.ui.questions import warn
from counselor_app.ui.sections import Section, sections
from counselor_app.ui.tasks import TaskRunner

NAVIGATION_WIDTH = 168
# Below this the window opens maximized: a 1366×768 school PC has no room to spare.
COMFORTABLE = QSize(1280, 800)


class _UnbuiltPage(QWidget):
    """Holds a section's place in the page stack until its page is first shown."""


class MainWindow(QMainWindow):
    # Emitted once the window has closed and the school with it.
    closed = Signal()

    def __init__(
        self,
        school: School,
        runner: TaskRunner,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.school: School | None = school  # None while locked (see drop_school)
        self._runner = runner
        self._settings = settings
        self._closed = False
        self._closing = False  # the on-exit backup is running on the worker
        self.setWindowTitle(self.tr("心理辅导工作台"))
        self.setMinimumSize(960, 600)

        self.sections = sections()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.pages = QStackedWidget()
        self.navigation.setUniformItemSizes(True)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # An explicit height: style-sheet padding alone is not counted in every Qt version, and
        # the items then overlap.
        item_height = self.fontMetrics().height() + 20
        for section in self.sections:
            item = QListWidgetItem(section.title, self.navigation)
            item.setSizeHint(QSize(0, item_height))
        self._add_pages(shown=0)
        self.navigation.currentRowChanged.connect(self._show_row)

        self.banner = QLabel()
        self.banner.setObjectName("warningBanner")
        self.banner.setWordWrap(True)
        if school.db.read_only and school.damage_message is not None:
            self.banner.setText(str(school.damage_message))
        else:
            self.banner.hide()

        content = QVBoxLayout()
        content.setContentsMargins(24, 16, 24, 8)
        content.addWidget(self.banner)
        content.addWidget(self.pages, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addLayout(content, 1)
        self.setCentralWidget(central)

        self.user_status = QLabel(self._who())
        self.user_status.setContentsMargins(0, 0, 8, 0)
        self.statusBar().addPermanentWidget(self.user_status)
        runner.run(lambda: school.name, owner=self).on_success(self._show_school_name)
        self.navigation.setCurrentRow(0)
        # 快速记录辅导 from anywhere in the window.
        for keys in (QKeySequence("Ctrl+N"), QKeySequence(Qt.Key.Key_F2)):
            QShortcut(keys, self, self.open_quick_session)

    def _add_pages(self, shown: int) -> None:
        """Fill the page stack: the page of row ``shown`` built, the others when first shown."""
        for row, section in enumerate(self.sections):
            self.pages.addWidget(self._make_page(section) if row == shown else _UnbuiltPage())

    def _built_page(self, row: int) -> QWidget:
        """The page of this row, built now if it has not been yet (not while locked)."""
        page = self.pages.widget(row)
        assert page is not None, "no pages while locked"  # see drop_school
        if isinstance(page, _UnbuiltPage) and self.school is not None:
            built = self._make_page(self.sections[row])
            was_current = self.pages.currentWidget() is page
            self.pages.insertWidget(row, built)
            self.pages.removeWidget(page)
            page.deleteLater()
            if was_current:
                self.pages.setCurrentWidget(built)
            page = built
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < self.pages.count():
            self._built_page(row)  # before it becomes current, so it is shown once, built
        self.pages.setCurrentIndex(row)

    def _make_page(self, section: Section) -> QWidget:
        assert self.school is not None, "no pages while locked"
        return section.factory(self.school, self._runner, self)

    # -- navigation ----------------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]

    def show_section(self, key: str) -> QWidget:
        row = self.section_keys().index(key)
        self.navigation.setCurrentRow(row)
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """This section's page, built now if it has not been shown yet."""
        return self._built_page(self.section_keys().index(key))

    def current_section(self) -> str:
        return self.sections[self.pages.currentIndex()].key

    def open_student(self, student_id: int) -> QWidget:
        """Switch to 学生档案 and open this student's file."""
        page = self.show_section("students")
        if hasattr(page, "open_student"):
            page.open_student(student_id)
        return page

    def open_quick_session(self) -> QWidget | None:
        """快速记录辅导 (Ctrl+N, F2), for the student whose file is on screen if there is one;
        the page shown is told when the session is saved."""
        from counselor_app.ui.quick_session import open_quick_session

        if self.school is None:  # locked
            return None
        page = self.pages.currentWidget()
        student = getattr(page, "quick_session_student", lambda: None)()
        saved = getattr(page, "quick_session_saved", None)
        return open_quick_session(self, self.school, self._runner, student=student, on_saved=saved)

    # -- locking (counselor_app.ui.lock) ---------------------------------------------------------
    def drop_school(self) -> School:
        """For locking: delete every page (pages hold the school) and forget the school.

        Pages never shown were never built: there is nothing of them to delete but their place.
        """
        school, self.school = self.school, None
        assert school is not None
        while self.pages.count():
            page = present(self.pages.widget(0))
            self.pages.removeWidget(page)
            page.deleteLater()
        return school

    def attach_school(self, school: School) -> None:
        """After unlocking: the pages again on ``school``; the section stays selected.

        Only the selected section's page is built now; the others are built when shown.
        """
        self.school = school
        row = max(self.navigation.currentRow(), 0)
        self._add_pages(shown=row)
        self.pages.setCurrentIndex(row)
        self.banner.setVisible(school.db.read_only and school.damage_message is not None)
        self.banner.setText(str(school.damage_message or ""))
        self.user_status.setText(self._who())
        self._runner.run(lambda: school.name, owner=self).on_success(self._show_school_name)

    # -- status --------------------------------------------------------------------------------
    def _who(self, school_name: str = "") -> str:
        if self.school is None:  # locked
            return school_name
        user = self.tr("{user}（{role}）").format(
            user=self.school.user.name, role=USER_ROLE.label(self.school.user.role)
        )
        return f"{school_name} · {user}" if school_name else user

    def _show_school_name(self, name: str) -> None:
        self.setWindowTitle(self.tr("{school} — 心理辅导工作台").format(school=name))
        self.user_status.setText(self._who(name))

    # -- size and closing ----------------------------------------------------------------------
    def show_sized_for_screen(self) -> None:
        """Restore the last geometry, or fit the screen (maximized on a small one)."""
        saved = WINDOW_GEOMETRY.read(self._settings) if self._settings is not None else None
        if saved is not None and self.restoreGeometry(saved):
            self.show()
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        if available.width() < COMFORTABLE.width() or available.height() < COMFORTABLE.height():
            # Fill the screen first: without a window manager (or when it ignores the request)
            # "maximized" alone would leave the window at its minimum size.
            self.setGeometry(available)
            self.showMaximized()
            return
        self.resize(COMFORTABLE)
        self.move(available.center() - self.rect().center())
        self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:  # asked again while backing up: it closes by itself when done
            event.ignore()
            return
        if self._settings is not None:
            WINDOW_GEOMETRY.write(self.saveGeometry(), self._settings)
        school = self.school
        if not self._closed and school is not None and school.backup_on_close:
            event.ignore()
            self._close_after_backup()
            return
        self.close_school()
        super().closeEvent(event)

    def _close_after_backup(self) -> None:
        """Close the school, backup first, on the worker; the window closes when it is done.

        The pages go first, as when locking: none of them may start work on a school that is
        closing. Locking is off meanwhile (there is no school to lock)."""
        self._closing = True
        school = self.drop_school()
        self.navigation.setEnabled(False)
        self.pages.addWidget(self._backing_up_note())
        for shortcut in self.findChildren(QShortcut):
            shortcut.setEnabled(False)
        self._runner.run(school.close).on_success(self._finish_closing).on_failure(
            self._finish_closing
        )
        del school

    def _backing_up_note(self) -> QWidget:
        note = QWidget()
        text = QLabel(self.tr("正在备份数据，完成后程序自动关闭…"))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setFixedWidth(280)
        layout = QVBoxLayout(note)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return note

    def _finish_closing(self, outcome: object = None) -> None:
        self._closing = False
        self._closed = True
        if isinstance(outcome, BaseException):  # the school is closed all the same
            warn(self, self.tr("退出时的备份没有完成"), str(outcome))
        self.closed.emit()
        self.close()

    def close_school(self) -> None:
        """Wait for the database worker, then close the school. Safe to call twice.

        Closing may make the on-exit backup first; if that fails the school is closed all the
        same, and the user is told (the next start or the daily backup will try again).
        """
        if self._closed:
            return
        self._closed = True
        self._runner.wait_idle()  # also lets an on-exit backup already under way finish
        try:
            if self.school is not None:  # None: locked (or closing), already closed
                self.school.close()
        except CounselorError as exc:
            warn(self, self.tr("退出时的备份没有完成"), str(exc))
        finally:
            self.closed.emit()
