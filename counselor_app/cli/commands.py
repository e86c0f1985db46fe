"""What each subcommand does: ask for what it needs, call a service, say what happened.

Handlers hold no rules of their own; they translate between the terminal and the services.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from counselor_app.cli.prompts import ask_new_password, ask_password, ask_recovery_key
from counselor_app.foundation.atomic_files import check_output_folder, check_output_target
from counselor_app.foundation.clock import system_clock
from counselor_app.foundation.errors import DamagedData, UsageError
from counselor_app.foundation.i18n import joined, msg
from counselor_app.foundation.paths import SchoolPaths, check_data_dir, resolve_data_dir
from counselor_app.school import accounts
from counselor_app.school.core import (
    School,
    list_user_names,
    open_school,
    unlock,
    unlock_data_key,
)
from counselor_app.settings.housekeeping import after_unlock
from counselor_app.settings.setup_wizard import set_up_school
from counselor_app.storage.keys import KeyFile

USER_ENV = "COUNSELOR_USER"

WHICH_USER = msg(
    "这所学校有多个账户（{users}），请用 --user 指明是谁。",
    "This school has several accounts ({users}); say which with --user.",
)
INIT_DONE = msg(
    "已在 {path} 建立“{school}”，账户：{user}（心理教师）。\n\n"
    "恢复密钥（只显示这一次，请打印或抄写后锁好；忘记密码或老师离任时用它重设密码）：\n\n"
    "    {key}\n",
    "Set up '{school}' in {path}; account: {user} (counsellor).\n\n"
    "Recovery key (shown only this once; print or copy it and lock it away; it resets a password "
    "when one is forgotten or a counsellor leaves):\n\n    {key}\n",
)
INIT_USER_NEEDED = msg(
    "请用 --user 给出第一个账户的名字。", "Give the first account's name with --user."
)
ACCOUNT_ADDED = msg("已添加账户“{user}”（{role}）。", "Added the account '{user}' ({role}).")
ACCOUNT_REMOVED = msg("已删除账户“{user}”。", "Removed the account '{user}'.")
PASSWORD_CHANGED = msg("“{user}”的密码已修改。", "The password of '{user}' was changed.")
TEMPLATE_WRITTEN = msg("已写出模板：{path}", "Template written: {path}")
IMPORTED = msg("导入完成：{summary}", "Imported: {summary}")
EXPORTED = msg("已导出：{path}", "Exported: {path}")
BACKUP_WRITTEN = msg("已写出并验证备份：{path}", "Backup written and verified: {path}")
OUTPUT_ONTO_LIVE_FILE = msg(
    "不能写到 {path}：那是学校正在使用的数据文件。请选择其他位置。",
    "Nothing can be written to {path}: that is one of the school's live data files. Choose "
    "another place.",
)
DEMO_DATA_DONE = msg("演示数据已生成：{summary}", "Demo data made: {summary}")
NOTICE = msg("提示：{message}", "Note: {message}")
NOT_RUN_ON_DAMAGE = msg(
    "{message}\n这个命令没有执行。恢复备份之前，可以在桌面程序中以只读方式查看仍能读出的内容。",
    "{message}\nThe command was not run. Until a backup is restored, the desktop program can show, "
    "read-only, what can still be read.",
)
RESTORING_OVER_DAMAGE = msg(
    "注意：{message}\n现在用备份替换它。",
    "Note: {message}\nIt is being replaced by the backup now.",
)


def school_paths(args: argparse.Namespace) -> SchoolPaths:
    paths = resolve_data_dir(args.data_dir)
    check_data_dir(paths)
    return paths


def check_outputs(
    args: argparse.Namespace, *outputs: str | None, folder_allowed: bool = False
) -> None:
    """The output files a command was given, checked before any work (the same check is made
    again when each is written): a folder that exists, not a device or a folder, and never one of
    the school's own live files (``export -o …/school.db`` would replace the database)."""
    live = {path.resolve() for path in resolve_data_dir(args.data_dir).live_files}
    for output in outputs:
        if output:
            if Path(output).resolve() in live:
                raise UsageError(OUTPUT_ONTO_LIVE_FILE(path=output))
            check_output_target(Path(output), folder_allowed=folder_allowed)


def check_output_folders(*folders: str) -> None:
    """Output folders (made when new): an existing folder, or a new name in one."""
    for folder in folders:
        check_output_folder(Path(folder))


def chosen_user(args: argparse.Namespace, paths: SchoolPaths) -> str:
    if args.user:
        return str(args.user)
    if os.environ.get(USER_ENV):
        return os.environ[USER_ENV]
    names = list_user_names(paths)
    if len(names) == 1:
        return names[0]
    raise UsageError(WHICH_USER(users=joined(names)))


@contextlib.contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[School]:
    """The unlocked school for one command. A damaged database ends the command at once with
    exit 5: nothing is done with it until a backup is restored (the desktop program can still
    show, read-only, what is left)."""
    paths = school_paths(args)
    user = chosen_user(args, paths)
    school = unlock(paths, user, ask_password(user))
    if school.damage_message is not None:
        damage = school.damage_message
        school.close()
        raise DamagedData(NOT_RUN_ON_DAMAGE(message=damage))
    try:
        from counselor_app.school.sealing import confidential_key_notices

        for notice in confidential_key_notices(school):
            print(NOTICE(message=notice.render()).render(), file=sys.stderr)
        after_unlock(school)
        yield school
    finally:
        school.close()


def cmd_init(args: argparse.Namespace) -> int:
    if not args.user:
        raise UsageError(INIT_USER_NEEDED)
    paths = school_paths(args)
    created = set_up_school(
        paths, school_name=args.school, user_name=args.user, password=ask_new_password()
    )
    created.school.close()
    print(
        INIT_DONE(
            path=str(paths.root), school=args.school, user=args.user, key=created.recovery_key
        ).render()
    )
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    from counselor_app.foundation.vocab import USER_ROLE

    with unlocked(args) as school:
        for account in accounts.list_accounts(school):
            print(f"{account.name}\t{USER_ROLE.label(account.role)}\t{account.created_at}")
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    from counselor_app.foundation.vocab import USER_ROLE

    with unlocked(args) as school:
        # A 管理员 adding a counsellor gives the recovery key: the new account must hold the key
        # to confidential notes, which a 管理员 does not.
        needs_recovery_key = args.role == "counsellor" and not school.may_read_confidential
        recovery_key = ask_recovery_key() if needs_recovery_key else None
        accounts.add_account(
            school, args.name, args.role, ask_new_password(), recovery_key=recovery_key
        )
    print(ACCOUNT_ADDED(user=args.name, role=USER_ROLE.label(args.role)).render())
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    with unlocked(args) as school:
        accounts.remove_account(school, args.name)
    print(ACCOUNT_REMOVED(user=args.name).render())
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    paths = school_paths(args)
    user = chosen_user(args, paths)
    old = ask_password(user)
    accounts.change_password(paths, user, old, ask_new_password())
    print(PASSWORD_CHANGED(user=user).render())
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    paths = school_paths(args)
    user = chosen_user(args, paths)
    recovery_key = ask_recovery_key()
    accounts.reset_password_with_recovery_key(paths, user, recovery_key, ask_new_password())
    print(PASSWORD_CHANGED(user=user).render())
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from counselor_app.workbook import write_template

    check_outputs(args, args.output)
    write_template(Path(args.output))
    print(TEMPLATE_WRITTEN(path=args.output).render())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from counselor_app.workbook import import_workbook

    with unlocked(args) as school:
        report = import_workbook(school, Path(args.workbook))
    print(IMPORTED(summary=report.summary()).render())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from counselor_app.workbook import export_workbook

    check_outputs(args, args.output)
    with unlocked(args) as school:
        export_workbook(school, Path(args.output))
    print(EXPORTED(path=args.output).render())
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from counselor_app.school import backups as school_backups
    from counselor_app.storage import backups

    check_outputs(args, args.output, folder_allowed=True)
    with unlocked(args) as school:
        written = school_backups.create_backup(school, Path(args.output), reason=backups.MANUAL)
    print(BACKUP_WRITTEN(path=str(written)).render())
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup. For the same school the current password opens it; on a new PC (or with
    --other-school) the password the account had when the backup was made."""
    from counselor_app.school import backups as school_backups
    from counselor_app.storage import backups

    paths = school_paths(args)
    source = Path(args.backup)
    info = backups.inspect_backup(source)  # a damaged file is refused before any question
    if paths.exists() and backups.current_school_uid(paths) == info.school_uid:
        user = chosen_user(args, paths)
        data_key = unlock_data_key(paths, user, ask_password(user), system_clock())
        school: School | None
        try:
            school = open_school(paths, user, data_key)
        except DamagedData as damage:
            # The very case a restore is for: the damaged files are moved aside, not opened.
            print(RESTORING_OVER_DAMAGE(message=damage.message).render(), file=sys.stderr)
            school = None
        result = school_backups.restore_backup(
            paths, source, data_key, user_name=user, school=school
        )
    else:
        keys = backups.read_backup_keys(source)
        user = args.user or os.environ.get(USER_ENV) or _only_user(keys)
        data_key = keys.unlock(user, ask_password(user)).data_key
        result = school_backups.restore_backup(
            paths, source, data_key, user_name=user, allow_other_school=args.other_school
        )
    print(result.message.render())
    return 0


def _only_user(keys: KeyFile) -> str:
    if len(keys.user_names) == 1:
        return keys.user_names[0]
    raise UsageError(WHICH_USER(users=joined(keys.user_names)))


def cmd_demo_data(args: argparse.Namespace) -> int:
    from counselor_app.demo.generator import generate_demo_school

    with unlocked(args) as school:
        summary = generate_demo_school(
            school, students=args.students, years=args.years, seed=args.seed
        )
    print(DEMO_DATA_DONE(summary=str(summary)).render())
    return 0


def cmd_desktop(args: argparse.Namespace) -> int:
    from counselor_app.ui.app import run_desktop

    return run_desktop(school_paths(args), language=args.lang)


def cmd_demo(args: argparse.Namespace) -> int:
    from counselor_app.demo.ready_school import open_demo_school

    school = open_demo_school(Path(args.data_dir) if args.data_dir else None)
    if args.prepare_only:
        print(school.paths.root)
        school.close()
        return 0
    from counselor_app.ui.app import run_desktop

    return run_desktop(school.paths, school=school, language=args.lang)
