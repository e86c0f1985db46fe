"""Open every page of the main window on a demo school at 1366×768 and save a PNG of each.

Run under a real X display so fonts and sizes are what a school PC shows::

    xvfb-run -s "-screen 0 1366x768x24" python tools/screenshot_pages.py OUTDIR [--lang en]

The school is made in a temporary folder (cheap key derivation, deliberately: this is a picture,
not a school) and filled by ``counselor_app.demo.generator`` when that module is there.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.school.core import School, list_user_names
from counselor_app.settings.setup_wizard import set_up_school
from counselor_app.storage.keys import KdfParams
from counselor_app.ui.app import prepare_application
from counselor_app.ui.main_window import MainWindow
from counselor_app.ui.pages.students import StudentsPage
from counselor_app.ui.tasks import TaskRunner
from counselor_app.ui.unlock_dialog import UnlockDialog

SCREEN = QSize(1366, 768)
CHEAP_KDF = KdfParams(1, 1024, 1)
PASSWORD = "screenshot-password"


def make_school(root: Path, students: int, years: int) -> School:
    paths = SchoolPaths(root / "school")
    school = set_up_school(
        paths, school_name="阳光实验学校（演示）", user_name="演示老师", password=PASSWORD,
        kdf=CHEAP_KDF,
    ).school  # fmt: skip
    try:
        from counselor_app.demo.generator import generate_demo_school
    except ImportError:
        print(
            "counselor_app.demo.generator is not there yet: a small sample roster", file=sys.stderr
        )
        sample_roster(school)
    else:
        started = time.perf_counter()
        generate_demo_school(school, students=students, years=years, seed=1)
        print(f"demo data: {students} students in {time.perf_counter() - started:.1f} s")
    return school


def sample_roster(school: School) -> None:
    """A few classes of students, names with characters outside GB2312 (the font must show them)."""
    from counselor_app.students.search import refresh_search_keys

    surnames, given = "王李张刘陈杨赵黄周吴", "喆玥珺昇淏堃赟翀旻祎彧芃晞明华"
    with school.db.transaction() as db:
        for grade in (7, 8, 9):
            code = f"J{grade}01"
            db.execute(
                "INSERT INTO class (class_code, grade, name) VALUES (?, ?, ?)",
                (code, grade, f"{'一二三'[grade - 7]}年级(1)班"),
            )
            for n in range(15):
                name = (
                    surnames[n % 10] + given[(n * 7 + grade) % 15] + given[(n * 3 + grade + 5) % 15]
                )
                db.execute(
                    "INSERT INTO student (student_no, name, sex, class_id, status) VALUES"
                    " (?, ?, ?, (SELECT id FROM class WHERE class_code = ?), ?)",
                    (f"2025{grade:02d}{n:03d}", name, "MF"[n % 2], code,
                     "graduated" if n == 14 else "enrolled"),
                )  # fmt: skip
    refresh_search_keys(school.db)


def settle(runner: TaskRunner, seconds: float = 0.4) -> None:
    """Let timers fire, the worker finish and its answers arrive, and the window repaint."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or runner.busy:
        QApplication.processEvents()
        runner.wait_idle(20)
        time.sleep(0.01)
    # The last answers may have just changed what is shown: paint that before any picture.
    QApplication.processEvents()


def grab(widget: QWidget, target: Path) -> None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    # The whole screen, as the user sees it, not the widget rendered on its own.
    screen.grabWindow(0).save(str(target))
    print(target)


def type_text(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class Demo(NamedTuple):
    """What :func:`demo_school` gives a screenshot script."""

    runner: TaskRunner
    school: School
    root: Path  # the temporary folder: the school, this run's QSettings, anything else made


def screenshot_arguments(
    doc: str | None, *, students: int, years: int | None = None
) -> argparse.ArgumentParser:
    """OUTDIR, ``--lang`` and ``--students``, which every screenshot script takes, and ``--years``
    when ``years`` (its default) is given; without it ``args.years`` is 1. ``doc``'s first line
    is the description."""
    parser = argparse.ArgumentParser(description=(doc or "").partition("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--students", type=int, default=students)
    if years is None:
        parser.set_defaults(years=1)
    else:
        parser.add_argument("--years", type=int, default=years)
    return parser


@contextmanager
def demo_school(args: argparse.Namespace, prefix: str = "counselor-shots-") -> Iterator[Demo]:
    """Make OUTDIR, the application and its worker, then a demo school in a temporary folder.

    The folder also holds this run's QSettings, pointed there before the school is made and so
    before any window reads them (the user's own settings are neither read nor changed). It is
    removed afterwards: close the windows, which close the school, inside the ``with``.
    """
    args.outdir.mkdir(parents=True, exist_ok=True)
    app = prepare_application(args.lang, [sys.argv[0]])
    if app.platformName() == "offscreen":
        print("warning: offscreen platform; run under xvfb-run for real fonts", file=sys.stderr)
    runner = TaskRunner(app)
    with tempfile.TemporaryDirectory(prefix=prefix) as temp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, temp)
        root = Path(temp)
        yield Demo(runner, make_school(root, args.students, args.years), root)


def show_main_window(school: School, runner: TaskRunner) -> MainWindow:
    """The main window on ``school``, the size of the school PC's screen, shown."""
    window = MainWindow(school, runner, settings=None)
    window.setGeometry(0, 0, SCREEN.width(), SCREEN.height())
    window.show()
    return window


def main(argv: list[str] | None = None) -> int:
    parser = screenshot_arguments(__doc__, students=600, years=2)
    parser.add_argument("--search", default="王", help="what to type on the student page")
    args = parser.parse_args(argv)
    with demo_school(args) as (runner, school, _root):
        dialog = UnlockDialog(school.paths, list_user_names(school.paths), runner)
        dialog.move(SCREEN.width() // 2 - 230, SCREEN.height() // 2 - 120)
        dialog.show()
        dialog.password_field.setText("wrong-password")
        dialog.try_unlock()
        settle(runner, 0.6)
        grab(dialog, args.outdir / "00-unlock.png")
        dialog.close()

        window = show_main_window(school, runner)
        for number, key in enumerate(window.section_keys(), start=1):
            page = window.show_section(key)
            if isinstance(page, StudentsPage):
                settle(runner)
                type_text(page.search_field, args.search)
            settle(runner)
            grab(window, args.outdir / f"{number:02d}-{key}.png")
        window.close()  # closes the school
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
