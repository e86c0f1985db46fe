"""The desktop program's one handler for exceptions nobody expected.

Whatever escapes a slot, a callback or an event handler (PySide hands it to ``sys.excepthook``, on
whichever thread it happened), a Python thread, the worker with nobody to tell
(:attr:`TaskRunner.unhandled_failure`) or the start of the program ends here. The user sees a
message box in the program's language (something went wrong, the data already saved is safe,
restart, contact support with the log file), never a traceback; the log gets the exception's type
and the file, line and function of each frame, never its message or any value
(:mod:`counselor_app.foundation.crash_log`): an SQLite message or a ``ValueError`` may name a student.

An error of the program's own (:class:`CounselorError`) is not a crash: its message already says
what went wrong and what to do, so it is shown as it is and not logged.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from counselor_app.foundation.crash_log import write_crash_log
from counselor_app.foundation.errors import CounselorError
from counselor_app.ui.questions import alarm
from counselor_app.ui.tasks import TaskRunner

# (parent, title, text): shows the message box; tests pass their own.
Tell = Callable[[QWidget | None, str, str], None]

ERROR = "error"  # a CounselorError: its own message
CRASH = "crash"  # anything else: logged, and told in general words


def failure_text(error: BaseException) -> str:
    """What a page says of work that failed: the program's own message; for anything else (a
    fault) general words, with the error written to the crash log like every unexpected error,
    never its text (it may name a student)."""
    if isinstance(error, CounselorError):
        return str(error)
    path = write_crash_log(error, source="desktop: page")
    if path is None:
        return QCoreApplication.translate(
            "CrashHandler",
            "操作没有完成：程序出了意外的错误。已经保存的数据不受影响。请再试一次；"
            "如果问题再次出现，请联系技术支持。",
        )
    return QCoreApplication.translate(
        "CrashHandler",
        "操作没有完成：程序出了意外的错误。已经保存的数据不受影响。请再试一次；"
        "如果问题再次出现，请联系技术支持，并提供这个日志文件（其中没有学生的信息）：{path}",
    ).format(path=path)


class CrashHandler(QObject):
    """Install once the QApplication exists (:meth:`install`); uninstall when the program ends."""

    # (kind, detail) from any thread; the box is shown on the UI thread once the failing code has
    # returned, never from inside it. detail: the error's message, or the log file ("" if none).
    _arrived = Signal(str, str)

    def __init__(
        self,
        *,
        log_folder: Path | None = None,
        tell: Tell = alarm,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log_folder = log_folder
        self._tell = tell
        self._telling = False
        self._hooks: tuple[Any, Any] | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- where exceptions come from ------------------------------------------------------------
    def install(self) -> None:
        if self._hooks is None:
            self._hooks = (sys.excepthook, threading.excepthook)
            sys.excepthook = self._excepthook
            threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._hooks is not None:
            sys.excepthook, threading.excepthook = self._hooks
            self._hooks = None

    def watch(self, runner: TaskRunner) -> None:
        """Work that failed with nobody to handle it comes here."""
        runner.unhandled_failure.connect(lambda error: self.report(error, "worker"))

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._hooks is not None:
            self._hooks[0](kind, error, tb)  # Ctrl+C in a terminal stops the program as usual
            return
        if error is None:
            error = kind()
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        on_ui_thread = threading.current_thread() is threading.main_thread()
        self.report(error, "slot" if on_ui_thread else "thread")

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        error = args.exc_value if args.exc_value is not None else args.exc_type()
        self.report(error, "thread")

    # -- telling -------------------------------------------------------------------------------
    def report(self, error: BaseException, where: str) -> None:
        """Log ``error`` now (if it is not the program's own) and show the box once the event
        loop runs. Safe from any thread; never raises."""
        self._arrived.emit(*self._record(error, where))

    def report_now(self, error: BaseException, where: str) -> None:
        """As :meth:`report`, showing the box at once: where no event loop runs (start-up)."""
        self._show(*self._record(error, where))

    def _record(self, error: BaseException, where: str) -> tuple[str, str]:
        try:
            if isinstance(error, CounselorError):
                return ERROR, str(error)
            path = write_crash_log(error, source=f"desktop: {where}", folder=self._log_folder)
        except Exception:  # the handler of last resort must not fail in turn
            path = None
        return CRASH, "" if path is None else str(path)

    @Slot(str, str)
    def _show(self, kind: str, detail: str) -> None:
        if self._telling:
            return  # one box at a time: what happened meanwhile is in the log already
        self._telling = True
        try:
            self._tell(QApplication.activeWindow(), self.tr("出错了"), self._text(kind, detail))
        finally:
            self._telling = False

    def _text(self, kind: str, detail: str) -> str:
        if kind == ERROR:
            return detail
        if detail:
            return self.tr(
                "程序出了意外的错误，刚才的操作可能没有完成。\n\n"
                "已经保存的数据不受影响。请关闭程序后重新打开。\n"
                "如果问题再次出现，请联系技术支持，并提供这个日志文件（其中没有学生的信息）：\n"
                "{path}"
            ).format(path=detail)
        return self.tr(
            "程序出了意外的错误，刚才的操作可能没有完成。\n\n"
            "已经保存的数据不受影响。请关闭程序后重新打开。\n"
            "如果问题再次出现，请联系技术支持。（这次的错误没能写入日志文件。）"
        )
