"""Starting the desktop program: the Qt application, its language and font, unlock, main window.

``counselor-app demo`` (and later the plain ``counselor-app`` start) call :func:`run_desktop`.

Language: the screens' source strings are Chinese and English comes from a built ``.qm`` file (see
:mod:`counselor_app.ui.translations` for why). If English is asked for but its ``.qm`` is missing,
the whole program, core messages included, stays Chinese rather than mixing two languages.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from counselor_app.foundation import i18n
from counselor_app.foundation.errors import CounselorError, UsageError
from counselor_app.foundation.paths import APP_NAME, SchoolPaths, resolve_data_dir
from counselor_app.school.core import School, list_user_names
from counselor_app.settings.housekeeping import after_unlock
from counselor_app.ui.crash_handler import CrashHandler
from counselor_app.ui.first_run import FirstRunWizard
from counselor_app.ui.fonts import load_cjk_font
from counselor_app.ui.lock import LockManager
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.os_lock_events import OsLockEvents
from counselor_app.ui.questions import alarm
from counselor_app.ui.resources import icons_dir
from counselor_app.ui.style import apply_style
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.translations import install_translators
from counselor_app.ui.unlock_dialog import UnlockDialog

log = logging.getLogger(__name__)

DESKTOP_FILE_NAME = "counselor-desk"
LANG_ENV = "COUNSELOR_LANG"  # the same variable the command line reads
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
STYLED = "counselorStyled"


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = icons_dir() / f"counselor-desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def prepare_application(language: str = "zh", argv: list[str] | None = None) -> QApplication:
    """Create (or reuse) the QApplication and set names, language, font and style on it."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Only the program name: the command line's own options are not Qt's business.
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())

    i18n.set_language(language)
    if not install_translators(app, language):
        i18n.set_language("zh")
        install_translators(app, "zh")
    app.setApplicationDisplayName(QCoreApplication.translate("App", "心理辅导工作台"))
    load_cjk_font(app)
    if not app.property(STYLED):
        # Once per application: setting the style sheet again while a QWizard has lived and
        # died crashes Qt (6.12), and the style never changes while the program runs.
        apply_style(app)
        app.setProperty(STYLED, True)
    return app


def run_desktop(
    paths: SchoolPaths,
    *,
    school: School | None = None,
    language: str = "zh",
    argv: list[str] | None = None,
    crashes: CrashHandler | None = None,
) -> int:
    """Run the desktop program until its window closes; returns the process exit code.

    With ``school`` (the demo) the main window opens on it directly; a folder without a school
    opens the first-run wizard; otherwise the unlock dialog asks for an account and password.
    Either way the school is closed when the window is, and the window locks itself when left
    alone (:mod:`counselor_app.ui.lock`). Exit codes follow the command line: 0 done (also when
    the user leaves the unlock dialog or the wizard), 2 an incomplete data folder, 5 an
    unreadable key file, 1 an unexpected error.

    Anything unexpected, from here on, is told in a message box and logged without student data
    by ``crashes`` (:mod:`counselor_app.ui.crash_handler`; tests pass their own).
    """
    app = prepare_application(language, argv)
    crashes = crashes or CrashHandler()
    crashes.install()
    try:
        runner = TaskRunner(app)
        crashes.watch(runner)
        if school is None:
            opened = _first_run(paths, runner) if _no_school_yet(paths) else _unlock(paths, runner)
            if isinstance(opened, int):
                return opened
            school = opened
            del opened
        window = open_main_window(school, runner)
        # From here the window owns the school: no reference stays in this frame, so that
        # locking can drop the last one.
        del school
        try:
            return app.exec()
        finally:
            window.close_school()  # if the loop ended some other way than closing the window
            runner.wait_idle()
    except CounselorError as exc:
        crashes.report_now(exc, "start")
        return exc.exit_code
    except Exception as exc:
        crashes.report_now(exc, "start or end")
        return 1
    finally:
        crashes.uninstall()


def open_main_window(school: School, runner: TaskRunner) -> MainWindow:
    """The main window on an unlocked school, with locking, blanking and the OS's lock notices."""
    # The desktop is the long-lived session: it keeps the day's backup and the recycle bin in
    # order on the database thread after every unlock, and backs up once more when it closes.
    school.backup_on_close = True
    window = MainWindow(school, runner, settings=QSettings())
    os_events = OsLockEvents(window)
    window.lock_manager = LockManager(  # type: ignore[attr-defined]
        window, runner, os_events=os_events, after_unlock=after_unlock
    )
    window.show_sized_for_screen()
    sources = os_events.start(window)
    log.info("locking with the system: %s", ", ".join(sources) or "not available here")
    return window


def main(argv: list[str] | None = None) -> int:
    """The windowed program (``counselor-desk``, what the Start menu opens): unlock and work.

    ``--data-dir`` and ``--lang`` mean what they mean for ``counselor-app``; anything else is left
    to Qt (``-style``, ``-platform`` …).
    """
    parser = argparse.ArgumentParser(prog="counselor-desk")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    args, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    from counselor_app.ui.settings.interface_section import saved_language

    # --lang, then the environment, then the language chosen in 设置 on this PC.
    language = (
        args.lang
        or os.environ.get(LANG_ENV)
        or saved_language(QSettings(APP_NAME, APP_NAME))
        or "zh"
    )
    if language not in i18n.LANGUAGES:
        language = "zh"
    return run_desktop(
        resolve_data_dir(args.data_dir), language=language, argv=[sys.argv[0], *qt_args]
    )


def _no_school_yet(paths: SchoolPaths) -> bool:
    """No database: a first start (a key file alone is what an interrupted setup leaves, and
    setting up again replaces it)."""
    return not paths.database.exists()


def _first_run(paths: SchoolPaths, runner: TaskRunner) -> School | int:
    wizard = FirstRunWizard(paths, runner)
    try:
        if wizard.exec() != FirstRunWizard.DialogCode.Accepted or wizard.school is None:
            return 0
        school, wizard.school = wizard.school, None
        return school
    finally:
        wizard.deleteLater()


def _unlock(paths: SchoolPaths, runner: TaskRunner) -> School | int:
    title = QCoreApplication.translate("App", "心理辅导工作台")
    if not paths.exists():
        text = QCoreApplication.translate(
            "App",
            "在 {path} 没有找到学校的数据。请先用“counselor-app init”建立学校，"
            "或用 --data-dir 指定数据文件夹。",
        ).format(path=paths.root)
        alarm(None, title, text)
        return UsageError.exit_code
    try:
        user_names = list_user_names(paths)
    except CounselorError as exc:
        alarm(None, title, str(exc))
        return exc.exit_code
    dialog = UnlockDialog(paths, user_names, runner)
    if dialog.exec() != UnlockDialog.DialogCode.Accepted or dialog.school is None:
        return 0
    school, dialog.school = dialog.school, None
    dialog.deleteLater()
    return school
