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
from PySide6.QtWidgets import QApplication, QMessageBox

from counselor_app import i18n
from counselor_app.errors import CounselorError, UsageError
from counselor_app.housekeeping import after_unlock
from counselor_app.paths import APP_NAME, SchoolPaths, resolve_data_dir
from counselor_app.school import School, list_user_names
from counselor_app.ui.fonts import load_cjk_font
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.resources import icons_dir
from counselor_app.ui.style import apply_style
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.translations import install_translators
from counselor_app.ui.unlock_dialog import UnlockDialog

log = logging.getLogger(__name__)

DESKTOP_FILE_NAME = "counselor-desk"
LANG_ENV = "COUNSELOR_LANG"  # the same variable the command line reads
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


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
    apply_style(app)
    return app


def run_desktop(
    paths: SchoolPaths,
    *,
    school: School | None = None,
    language: str = "zh",
    argv: list[str] | None = None,
) -> int:
    """Run the desktop program until its window closes; returns the process exit code.

    With ``school`` (the demo) the main window opens on it directly; otherwise the unlock dialog
    asks for an account and password first. Either way the school is closed when the window is.
    Exit codes follow the command line: 0 done (also when the user leaves the unlock dialog),
    2 no school in ``paths``, 5 an unreadable key file.
    """
    app = prepare_application(language, argv)
    runner = TaskRunner(app)
    if school is None:
        unlocked = _unlock(paths, runner)
        if isinstance(unlocked, int):
            return unlocked
        school = unlocked
    # The desktop is the long-lived session: it keeps the day's backup and the recycle bin in
    # order on the database thread, and backs up once more when the window closes.
    school.backup_on_close = True
    runner.run(after_unlock, school)
    window = MainWindow(school, runner, settings=QSettings())
    window.show_sized_for_screen()
    try:
        return app.exec()
    finally:
        window.close_school()  # if the loop ended some other way than closing the window
        runner.wait_idle()


def main(argv: list[str] | None = None) -> int:
    """The windowed program (``counselor-desk``, what the Start menu opens): unlock and work.

    ``--data-dir`` and ``--lang`` mean what they mean for ``counselor-app``; anything else is left
    to Qt (``-style``, ``-platform`` …).
    """
    parser = argparse.ArgumentParser(prog="counselor-desk")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    args, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    language = args.lang or os.environ.get(LANG_ENV, "zh")
    if language not in i18n.LANGUAGES:
        language = "zh"
    return run_desktop(
        resolve_data_dir(args.data_dir), language=language, argv=[sys.argv[0], *qt_args]
    )


def _unlock(paths: SchoolPaths, runner: TaskRunner) -> School | int:
    title = QCoreApplication.translate("App", "心理辅导工作台")
    if not paths.exists():
        text = QCoreApplication.translate(
            "App",
            "在 {path} 没有找到学校的数据。请先用“counselor-app init”建立学校，"
            "或用 --data-dir 指定数据文件夹。",
        ).format(path=paths.root)
        QMessageBox.critical(None, title, text)
        return UsageError.exit_code
    try:
        user_names = list_user_names(paths)
    except CounselorError as exc:
        QMessageBox.critical(None, title, str(exc))
        return exc.exit_code
    dialog = UnlockDialog(paths, user_names, runner)
    if dialog.exec() != UnlockDialog.DialogCode.Accepted or dialog.school is None:
        return 0
    return dialog.school
