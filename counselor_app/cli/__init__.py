"""The command line: one entry point, ``counselor-app``, with a subcommand per task.

Exit codes: 0 done, 1 not done for another reason (a full disk, no permission, something
unexpected: the message says which), 2 usage error, 3 invalid input, 4 authentication failed (or not
permitted), 5 unreadable or damaged data. Messages are Chinese unless ``--lang en``.

Nothing reaches the screen as a traceback: :func:`main` turns any error no handler expected into a
message that says committed data is safe and where the log for support is, and logs the error
without its text or values (:mod:`counselor_app.foundation.crash_log`).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any

from counselor_app import __version__
from counselor_app.foundation.errors import CounselorError, Problem, ValidationFailed
from counselor_app.foundation.i18n import Message, msg, set_language

LANG_ENV = "COUNSELOR_LANG"
INTERRUPTED = msg("已中断，什么都没有改动。", "Interrupted; nothing was changed.")
UNEXPECTED = msg(
    "出现了意外错误（{kind}），这次操作没有完成。已经保存的数据是安全的：没做完的修改不会只保存一半。"
    "请再试一次；如果问题再次出现，请联系技术支持，并提供日志文件 {log}（其中没有学生信息）。",
    "Something unexpected went wrong ({kind}) and the command did not finish. The data saved "
    "before is safe: a change that was not finished is never saved half-way. Try again; if it "
    "happens again, contact support and give them the log file {log} (it holds no student "
    "information).",
)
NO_LOG = msg("（日志无法写入）", "(the log could not be written)")
DISK_FULL = msg(
    "磁盘已满{where}，这次操作没有完成。已经保存的数据是安全的。请腾出磁盘空间后再试，或换一个位置。",
    "The disk is full{where}; the command did not finish. The data saved before is safe. Free some "
    "space and try again, or choose another place.",
)
NO_PERMISSION = msg(
    "没有权限访问{where}，这次操作没有完成。已经保存的数据是安全的。请换一个位置，或请管理员开放权限。",
    "Permission denied{where}; the command did not finish. The data saved before is safe. Choose "
    "another place, or ask an administrator for permission.",
)
NOT_FOUND = msg(
    "找不到{where}，这次操作没有完成。已经保存的数据是安全的。请检查路径（U 盘是否已插好）后再试。",
    "Not found{where}; the command did not finish. The data saved before is safe. Check the path "
    "(is the USB stick plugged in?) and try again.",
)
READ_ONLY_DISK = msg(
    "磁盘是只读的{where}，这次操作没有完成。已经保存的数据是安全的。请换一个位置。",
    "The disk is read-only{where}; the command did not finish. The data saved before is safe. "
    "Choose another place.",
)
AT_PATH = msg("：{path}", ": {path}")
_OS_MESSAGES = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.ENOENT: NOT_FOUND,
    errno.EROFS: READ_ONLY_DISK,
}


def _t(zh: str, en: str, language: str) -> str:
    return en if language == "en" else zh


def _language_from(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get(LANG_ENV, "zh")


@functools.cache
def build_parser(language: str = "zh") -> argparse.ArgumentParser:
    """The parser in ``language``; made once per language (parsing changes nothing in it)."""
    from counselor_app.cli import commands as c
    from counselor_app.cli.bundle_commands import add_bundle_parsers
    from counselor_app.cli.key_commands import add_key_parsers
    from counselor_app.cli.report_commands import add_report_parsers
    from counselor_app.cli.screening_commands import add_screening_parsers

    def t(zh: str, en: str) -> str:
        return _t(zh, en, language)

    parser = argparse.ArgumentParser(
        prog="counselor-app",
        description=t(
            "心理辅导工作台：学校心理健康教育的记录、自查与上报（离线、加密）。",
            "Counselor Desk: offline, encrypted records, self-check and reports.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        help=t(
            "数据文件夹（也可用环境变量 COUNSELOR_DATA_DIR）", "data folder (or COUNSELOR_DATA_DIR)"
        ),
    )
    parser.add_argument(
        "--user",
        help=t("账户名（只有一个账户时可省略）", "account name (optional with one account)"),
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=language, help=t("提示语言", "message language")
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help=t("新建学校数据（打印恢复密钥）", "set up a school"))
    p.add_argument("--school", required=True, help=t("学校名称", "school name"))
    p.set_defaults(handler=c.cmd_init)

    users = sub.add_parser("users", help=t("账户管理", "accounts"))
    users_sub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    p = users_sub.add_parser("list", help=t("列出账户", "list accounts"))
    p.set_defaults(handler=c.cmd_users_list)
    p = users_sub.add_parser("add", help=t("添加账户", "add an account"))
    p.add_argument("name", help=t("新账户名", "new account name"))
    p.add_argument(
        "--role",
        choices=("counsellor", "admin"),
        default="counsellor",
        help=t("counsellor = 心理教师，admin = 管理员", "counsellor or admin"),
    )
    p.set_defaults(handler=c.cmd_users_add)
    p = users_sub.add_parser("remove", help=t("删除账户", "remove an account"))
    p.add_argument("name")
    p.set_defaults(handler=c.cmd_users_remove)

    p = sub.add_parser("passwd", help=t("修改密码", "change your password"))
    p.set_defaults(handler=c.cmd_passwd)
    p = sub.add_parser(
        "recover", help=t("用恢复密钥重设某账户的密码", "reset a password with the recovery key")
    )
    p.set_defaults(handler=c.cmd_recover)

    p = sub.add_parser("template", help=t("生成空白的学校数据模板", "write an empty workbook"))
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=c.cmd_template)
    p = sub.add_parser(
        "import", help=t("导入学校数据工作簿（全部或全不）", "import a workbook (all or nothing)")
    )
    p.add_argument("workbook")
    p.set_defaults(handler=c.cmd_import)
    p = sub.add_parser("export", help=t("导出全部数据为工作簿", "export everything as a workbook"))
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=c.cmd_export)

    p = sub.add_parser("backup", help=t("生成加密备份", "write an encrypted backup"))
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(handler=c.cmd_backup)
    p = sub.add_parser(
        "restore",
        help=t(
            "从备份恢复（当前数据会保留在一旁）", "restore a backup (current data is kept aside)"
        ),
    )
    p.add_argument("backup")
    p.add_argument(
        "--other-school",
        action="store_true",
        help=t("允许恢复另一所学校的备份", "allow a backup of another school"),
    )
    p.set_defaults(handler=c.cmd_restore)

    p = sub.add_parser("demo-data", help=t("生成虚构的演示学校数据", "fill with a fake school"))
    p.add_argument("--students", type=int, default=600)
    p.add_argument("--years", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=c.cmd_demo_data)

    add_report_parsers(sub, t)
    add_bundle_parsers(sub, t)
    add_key_parsers(sub, t)
    add_screening_parsers(sub, t)

    p = sub.add_parser("desktop", help=t("打开桌面程序（解锁后使用）", "open the desktop program"))
    p.set_defaults(handler=c.cmd_desktop)

    p = sub.add_parser(
        "demo",
        help=t("打开演示学校（首次运行时自动创建）", "open a demo school (created on first run)"),
    )
    p.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=c.cmd_demo)
    return parser


def _print_error(error: CounselorError) -> None:
    print(error.message.render(), file=sys.stderr)
    if isinstance(error, ValidationFailed):
        for problem in error.problems:
            print(f"  - {_problem_line(problem)}", file=sys.stderr)


def _problem_line(problem: Problem) -> str:
    return problem.render()


GLOBAL_OPTIONS = ("--data-dir", "--user", "--lang")


def _globals_first(argv: list[str]) -> list[str]:
    """People write ``counselor-app demo --data-dir X`` as often as ``--data-dir X demo``; the
    global options are accepted anywhere by moving them in front of the subcommand."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in GLOBAL_OPTIONS and i + 1 < len(argv):
            front += [arg, argv[i + 1]]
            i += 2
            continue
        if arg.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def main(argv: Sequence[str] | None = None) -> int:
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _log_unraisable
    try:
        code = _main(list(sys.argv[1:] if argv is None else argv))
        if code in (1, 130):  # a write that failed, something unexpected, an interruption
            # A library object abandoned half-way by the error (openpyxl's row writers) complains
            # when collected: let that happen now, into the log, not as a traceback on the screen.
            gc.collect()
        return code
    finally:
        sys.unraisablehook = previous_hook


def _main(argv: list[str]) -> int:
    where = ["counselor-app"]  # the command's name for the log; never its arguments
    try:
        return _run(argv, where)
    except CounselorError as error:
        _print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        print(INTERRUPTED.render(), file=sys.stderr)
        return 130
    except Exception as error:  # the one place that catches everything: no traceback on screen
        return _unexpected(error, " ".join(where))


def _log_unraisable(unraisable: Any) -> None:
    """An error Python could not raise (in a finalizer): logged without values, never shown."""
    from counselor_app.foundation import crash_log

    if unraisable.exc_value is not None:
        with contextlib.suppress(Exception):
            crash_log.write_crash_log(unraisable.exc_value, source="command line: clean-up")


def _run(argv: list[str], where: list[str]) -> int:
    args_list = _globals_first(argv)
    language = _language_from(args_list)
    if language not in ("zh", "en"):
        language = "zh"
    set_language(language)
    parser = build_parser(language)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    set_language(args.lang)
    where += _command_words(args)
    return int(args.handler(args) or 0)


def _command_words(args: argparse.Namespace) -> list[str]:
    """``report student``, not ``report student 20250001``: a student number must not be logged."""
    return [
        str(value)
        for name, value in vars(args).items()
        if name == "command" or name.endswith("_command")
    ]


def _unexpected(error: Exception, where: str) -> int:
    from counselor_app.foundation import crash_log

    written = crash_log.write_crash_log(error, source=f"command line: {where}")
    log: object = written if written is not None else NO_LOG
    template = _OS_MESSAGES.get(error.errno) if isinstance(error, OSError) else None
    if isinstance(error, OSError) and template is not None:
        place = AT_PATH(path=error.filename) if error.filename else ""
        print(template(where=place).render(), file=sys.stderr)
    else:
        print(UNEXPECTED(kind=type(error).__name__, log=log).render(), file=sys.stderr)
    return 1


def say(message: Message) -> None:
    print(message.render())
