"""Commands about the school's keys and the audit trail: checking the trail against its anchors,
confirming or replacing the recovery key, and the rescue of the raw database key."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from counselor_app.cli.commands import school_paths, unlocked
from counselor_app.cli.prompts import ask_recovery_key
from counselor_app.foundation.errors import DamagedData, UsageError
from counselor_app.foundation.i18n import Message, joined, msg
from counselor_app.storage.audit import AnchorCheck, AnchorState, AuditLog

AUDIT_OK = msg(
    "操作日志完好：共 {count} 条，没有被改动或删除的痕迹。",
    "The audit trail is intact: {count} entries, none changed or removed.",
)
AUDIT_BROKEN = msg(
    "操作日志被改动过：共 {count} 条，第 {ids} 条与前后不符。",
    "The audit trail was tampered with: {count} entries; entries {ids} do not match the chain.",
)
ANCHOR_MATCHES = msg(
    "与{where}的记载一致（记载到第 {anchored} 条，现有到第 {present} 条）。",
    "It agrees with {where} (recorded up to entry {anchored}; now up to entry {present}).",
)
ANCHOR_SHORTENED = msg(
    "操作日志被截短过：{where}记载的第 {anchored} 条已不在日志中（日志现在到第 {present} 条），"
    "这一条和它之前的若干条被删除了。",
    "The audit trail was cut short: entry {anchored}, recorded in {where}, is no longer there "
    "(the trail now ends at entry {present}); it and entries before it were removed.",
)
ANCHOR_REWRITTEN = msg(
    "操作日志与{where}的记载不一致：第 {anchored} 条已不是当时那一条，日志被替换或改写过。"
    "（如果此后恢复过更早的备份，这是恢复造成的，日志里会有“恢复”记录。）",
    "The audit trail does not agree with {where}: entry {anchored} is no longer the one recorded; "
    "the trail was replaced or rewritten. (If an older backup was restored since, the restore "
    "explains it; the trail then shows a restore entry.)",
)
ANCHOR_FORGED = msg(
    "{where}里的日志记载不是本校程序写入的，已被改动过。",
    "The record of the trail in {where} was not written by this school's program; it was altered.",
)
NO_ANCHOR = msg(
    "（{where}里还没有日志记载：旧版本制作的，无法据此检查末尾是否被删除。）",
    "({where} holds no record of the trail: it was made by an earlier version, so it cannot show "
    "whether the newest entries were removed.)",
)
WHERE_KEY_FILE = msg("密钥文件", "the key file")
WHERE_BACKUP = msg("备份“{name}”", "the backup {name}")
WHERE_PRINTOUT = msg("打印件（{stamp}）", "the printout ({stamp})")
NOT_A_STAMP = msg(
    "“{stamp}”不是打印件上的日志校验码。它的样子是“1234-89ABCDEF”：第几条、一个短横线、8 位字母数字。",
    "'{stamp}' is not the audit stamp of a printout. It looks like '1234-89ABCDEF': the entry "
    "number, a hyphen, then 8 letters and digits.",
)
RECOVERY_CONFIRMED = msg(
    "恢复密钥正确，现在它也能打开保密内容。",
    "The recovery key is correct; it now opens confidential notes too.",
)
NEW_RECOVERY_KEY = msg(
    "新的恢复密钥（只显示这一次，旧的恢复密钥已失效；请打印或抄写后锁好）：\n\n    {key}\n",
    "The new recovery key (shown only this once; the old one no longer works; print or copy it "
    "and lock it away):\n\n    {key}\n",
)
RESCUE_WARNING = msg(
    "警告：下面是数据库的原始密钥。任何人拿到它和 school.db 就能读出全部学生资料（保密内容另有一把密钥，"
    "一并列出）。只在本程序无法打开数据时，由学校信息技术人员按 docs/rescue.md 使用；用后销毁记录。",
    "Warning: below is the raw database key. Anyone holding it and school.db can read every "
    "student's records (confidential notes have a key of their own, listed too). Use it only "
    "when this program cannot open the data, as docs/rescue.md says; destroy any copy afterwards.",
)
RESCUE_KEYS = msg(
    "数据库密钥（SQLCipher 4 原始密钥）：{data_key}\n保密内容密钥：{confidential_key}\n"
    "在 sqlcipher 中打开：PRAGMA key = \"x'{data_key}'\";",
    "Database key (SQLCipher 4 raw key): {data_key}\nConfidential-notes key: {confidential_key}\n"
    "To open it in sqlcipher: PRAGMA key = \"x'{data_key}'\";",
)
RESCUE_LOGGED = msg("已记入操作日志。", "This was written to the audit trail.")
RESCUE_NOT_LOGGED = msg(
    "数据库无法写入，这次查看没能记入操作日志；请另行书面记录。",
    "The database cannot be written, so this was not written to the audit trail; record it on "
    "paper.",
)
NONE_HELD = msg("（恢复密钥尚未包含它）", "(the recovery key does not hold it yet)")

# Each line already said in the chosen language.
AUDIT_PROBLEMS = msg("{lines}", "{lines}")

_STATE_MESSAGES: dict[AnchorState, Message] = {
    AnchorState.SHORTENED: ANCHOR_SHORTENED,
    AnchorState.REWRITTEN: ANCHOR_REWRITTEN,
    AnchorState.FORGED: ANCHOR_FORGED,
}


def add_key_parsers(sub: argparse._SubParsersAction, t: Callable[[str, str], str]) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help=t("操作日志", "audit trail"))
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    p = audit_sub.add_parser(
        "verify",
        help=t(
            "检查操作日志是否被改动或截短（对照密钥文件、备份、打印件）",
            "check the audit trail against the key file, backups and printouts",
        ),
    )
    p.add_argument(
        "--backup",
        action="append",
        default=[],
        metavar="FILE",
        help=t("也对照这个备份里的记载（可多次）", "also compare with this backup (repeatable)"),
    )
    p.add_argument(
        "--printed",
        action="append",
        default=[],
        metavar="STAMP",
        help=t(
            "也对照打印件页脚的日志校验码，如 1234-89ABCDEF",
            "also compare with a printout's audit stamp, e.g. 1234-89ABCDEF",
        ),
    )
    p.set_defaults(handler=cmd_audit_verify)

    recovery = sub.add_parser("recovery-key", help=t("恢复密钥", "the recovery key"))
    recovery_sub = recovery.add_subparsers(dest="recovery_command", required=True, metavar="ACTION")
    p = recovery_sub.add_parser(
        "confirm",
        help=t(
            "核对打印的恢复密钥，并让它也能打开保密内容",
            "check the printed recovery key and let it open confidential notes",
        ),
    )
    p.set_defaults(handler=cmd_recovery_confirm)
    p = recovery_sub.add_parser(
        "new", help=t("生成新的恢复密钥（旧的失效）", "print a new recovery key (the old stops)")
    )
    p.set_defaults(handler=cmd_recovery_new)

    rescue = sub.add_parser(
        "rescue", help=t("数据抢救（供信息技术人员）", "data rescue (for IT staff)")
    )
    rescue_sub = rescue.add_subparsers(dest="rescue_command", required=True, metavar="ACTION")
    p = rescue_sub.add_parser(
        "show-key",
        help=t(
            "凭恢复密钥显示数据库原始密钥（记入日志）",
            "show the raw database key, given the recovery key (audited)",
        ),
    )
    p.set_defaults(handler=cmd_rescue_show_key)


# -- audit verify ---------------------------------------------------------------------------------
def cmd_audit_verify(args: argparse.Namespace) -> int:
    from counselor_app.storage import backups
    from counselor_app.storage.keys import KeyFile

    with unlocked(args) as school:
        # The key file's anchor moves only while it still holds, so this command's own unlock
        # entry has not hidden a removal from it.
        audit = school.audit
        report = audit.verify()
        findings: list[tuple[Message, AnchorCheck | None]] = [
            (WHERE_KEY_FILE, _checked(audit, KeyFile.load(school.paths.key_file).audit_anchor))
        ]
        for name in args.backup:
            info = backups.inspect_backup(Path(name))
            where = WHERE_BACKUP(name=Path(name).name)
            findings.append((where, _checked(audit, info.audit_anchor)))
        for stamp in args.printed:
            try:
                findings.append((WHERE_PRINTOUT(stamp=stamp), audit.check_printed(stamp)))
            except ValueError:
                raise UsageError(NOT_A_STAMP(stamp=stamp)) from None
    problems = [
        _STATE_MESSAGES[check.state](
            where=where.render(), anchored=check.anchored, present=check.present
        )
        for where, check in findings
        if check is not None and not check.holds
    ]
    if not report.intact:
        problems.insert(0, AUDIT_BROKEN(count=report.entries, ids=joined(report.broken_at[:20])))
    if problems:
        raise DamagedData(AUDIT_PROBLEMS(lines="\n".join(p.render() for p in problems)))
    print(AUDIT_OK(count=report.entries).render())
    for where, check in findings:
        if check is None:
            print(NO_ANCHOR(where=where.render()).render())
        else:
            print(
                ANCHOR_MATCHES(
                    where=where.render(), anchored=check.anchored, present=check.present
                ).render()
            )
    return 0


def _checked(audit: AuditLog, anchor: object) -> AnchorCheck | None:
    from counselor_app.storage.keys import AuditAnchor

    return audit.check_anchor(anchor) if isinstance(anchor, AuditAnchor) else None


# -- the recovery key -----------------------------------------------------------------------------
def cmd_recovery_confirm(args: argparse.Namespace) -> int:
    from counselor_app.school.sealing import confirm_recovery_key

    with unlocked(args) as school:
        confirm_recovery_key(school, ask_recovery_key())
    print(RECOVERY_CONFIRMED.render())
    return 0


def cmd_recovery_new(args: argparse.Namespace) -> int:
    from counselor_app.school.sealing import replace_recovery_key

    with unlocked(args) as school:
        recovery_key = replace_recovery_key(school)
    print(NEW_RECOVERY_KEY(key=recovery_key).render())
    return 0


# -- rescue ---------------------------------------------------------------------------------------
def cmd_rescue_show_key(args: argparse.Namespace) -> int:
    from counselor_app.school.rescue import show_raw_keys

    shown = show_raw_keys(school_paths(args), ask_recovery_key())
    print(RESCUE_WARNING.render(), file=sys.stderr)
    print(
        RESCUE_KEYS(
            data_key=shown.keys.data_key.hex(),
            confidential_key=(
                shown.keys.confidential_key.hex()
                if shown.keys.confidential_key
                else NONE_HELD.render()
            ),
        ).render()
    )
    print((RESCUE_LOGGED if shown.logged else RESCUE_NOT_LOGGED).render(), file=sys.stderr)
    return 0
