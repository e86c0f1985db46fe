"""The district bundle on the command line: ``bundle …`` for the school, ``district …`` for the
district.

``add_bundle_parsers`` declares the subcommands (wired into the parser by ``cli/__init__.py``).
School commands open the school as every other command does (:func:`commands.unlocked`); district
commands work on a district key folder and never touch a school. The district's passphrase comes
from a prompt or, for scripts, from ``COUNSELOR_DISTRICT_PASSWORD``; it is never an argument.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counselor_app.cli.commands import check_output_folders, check_outputs, unlocked
from counselor_app.cli.prompts import ask
from counselor_app.foundation.clock import system_clock
from counselor_app.foundation.errors import UsageError
from counselor_app.foundation.i18n import Message, bracketed, msg

DISTRICT_PASSWORD_ENV = "COUNSELOR_DISTRICT_PASSWORD"

PASSPHRASE = msg("区县密钥口令", "District key passphrase")
NEW_PASSPHRASE = msg(
    "新的区县密钥口令（至少 8 个字符）", "New district key passphrase (8+ characters)"
)
REPEAT_PASSPHRASE = msg("再输入一次口令", "Repeat the passphrase")
PASSPHRASE_MISMATCH = msg(
    "两次输入的口令不一致，没有生成密钥。", "The passphrases differ; no keys were made."
)
TYPED_FINGERPRINT = msg(
    "请输入纸质自查报告上打印的学校签名密钥指纹",
    "Type the school key fingerprint printed on the paper report",
)
FILE_UNREADABLE = msg("无法读取 {path}：{reason}", "Cannot read {path}: {reason}")

EXPORTED = msg(
    "已导出上报包：{path}\n  编号：{bundle_id}\n  学期：{term}　自查标准：{profile}\n"
    "  接收方：{district}（区县密钥指纹 {district_fingerprint}）\n  本校签名密钥指纹：{fingerprint}",
    "Bundle written: {path}\n  id: {bundle_id}\n  term: {term}  checklist: {profile}\n"
    "  for: {district} (district key fingerprint {district_fingerprint})\n"
    "  this school's key fingerprint: {fingerprint}",
)
DISTRICT_KEY_IMPORTED = msg(
    "已导入区县公钥：{district}\n  指纹：{fingerprint}\n请与区县教育局公布或书面提供的指纹逐组核对。",
    "District key imported: {district}\n  fingerprint: {fingerprint}\nCompare it group by group "
    "with the fingerprint the district published or gave you on paper.",
)
DISTRICT_KEY_FILE_USED = msg(
    "本次使用 {path} 中的区县公钥（{district}，指纹 {fingerprint}）。",
    "Using the district key in {path} ({district}, fingerprint {fingerprint}) for this bundle.",
)
SCHOOL_KEYS = msg(
    "本校签名密钥指纹：{fingerprint}\n区县公钥：{district}",
    "This school's signing key fingerprint: {fingerprint}\nDistrict key: {district}",
)
NO_DISTRICT = msg("尚未导入", "not imported yet")
KEY_WRITTEN = msg(
    "已写出本校公钥：{path}（指纹 {fingerprint}）",
    "School public key written: {path} (fingerprint {fingerprint})",
)
RECEIPT_IMPORTED = msg(
    "已导入回执：{district} 于 {opened_at} 打开并核对了上报包 {bundle_id}（{term}），交接完成。",
    "Receipt imported: {district} opened and checked bundle {bundle_id} ({term}) on {opened_at}; "
    "the hand-over is closed.",
)
RECEIPT_ALREADY = msg(
    "这张回执（上报包 {bundle_id}）已经导入过，没有重复记录。",
    "This receipt (bundle {bundle_id}) was already imported; nothing was recorded twice.",
)
KEYGEN_DONE = msg(
    "已在 {path} 生成区县密钥。\n  区县公钥指纹：{fingerprint}\n"
    "请把 {public} 交给各学校，并以书面方式公布上面的指纹。私钥文件受口令保护，请备份整个文件夹并妥善保管口令。",
    "District keys made in {path}.\n  fingerprint: {fingerprint}\nGive {public} to the schools "
    "and publish the fingerprint above on paper. The secret keys are protected by the passphrase: "
    "back up the whole folder and keep the passphrase safe.",
)
REGISTERED = msg(
    "已登记学校签名密钥 {fingerprint}{uid}。", "Registered the school key {fingerprint}{uid}."
)
ALREADY_REGISTERED = msg(
    "该学校密钥（{fingerprint}）已经登记过。",
    "That school key ({fingerprint}) was already registered.",
)
OPENED = msg(
    "上报包完好，已核对学校签名、区县密钥和每个文件的校验值。\n  学校：{school}（指纹 {fingerprint}）\n"
    "  学期：{term}　自查标准：{profile}\n  编号：{bundle_id}　生成于 {created_at}\n  已写出到：{out}",
    "The bundle is intact: school signature, district key and every file's hash checked.\n"
    "  school: {school} (fingerprint {fingerprint})\n  term: {term}  checklist: {profile}\n"
    "  id: {bundle_id}  made {created_at}\n  written to: {out}",
)
OPENED_AGAIN = msg(
    "注意：这个上报包已于 {first} 打开过（按 --again 再次打开）。",
    "Note: this bundle was already opened on {first} (opened again with --again).",
)
NAMED_CASES_INSIDE = msg(
    "注意：该上报包附带重点关爱学生的姓名（named_cases.json），请按保密规定保管。",
    "Note: this bundle names key students (named_cases.json); keep it as confidential records.",
)
RECEIPT_WRITTEN = msg(
    "已写出回执：{path}（请交回学校导入）", "Receipt written: {path} (give it back to the school)"
)
NOT_OPENED_YET = msg(
    "上报包 {path}（编号 {bundle_id}）还没有用 district open 打开过，不能出具回执。",
    "The bundle {path} (id {bundle_id}) has not been opened with district open; no receipt is "
    "written before that.",
)
SUMMARY_WRITTEN = msg(
    "已写出汇总：{path}（{schools} 所学校）", "Summary written: {path} ({schools} schools)"
)
LEFT_OUT = msg("未纳入：{path}：{why}", "Left out: {path}: {why}")
SCHOOL_LINE = msg(
    "{fingerprint}　{name}　学校编号 {uid}　登记于 {at}",
    "{fingerprint}  {name}  school id {uid}  registered {at}",
)
NO_SCHOOLS = msg("还没有登记任何学校。", "No school is registered yet.")


def _say(message: Message) -> None:
    print(message.render())


def _warn(message: Message) -> None:
    print(message.render(), file=sys.stderr)


def _ask(prompt: Message, *, env: str | None = DISTRICT_PASSWORD_ENV, secret: bool = True) -> str:
    return ask(prompt, env=env, option="--fingerprint", secret=secret)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(FILE_UNREADABLE(path=path, reason=exc.strerror or str(exc))) from exc


# -- parsers -----------------------------------------------------------------------------------
def add_bundle_parsers(subparsers: Any, t: Callable[[str, str], str]) -> None:
    """Declare ``bundle export|import-district-key|fingerprint|export-key|import-receipt`` and
    ``district keygen|register|open|receipt|summary|schools``."""
    bundle = subparsers.add_parser("bundle", help=t("上报包（交给区县）", "the district bundle"))
    bundle_sub = bundle.add_subparsers(dest="bundle_command", required=True, metavar="ACTION")

    p = bundle_sub.add_parser("export", help=t("导出本学期的上报包", "export the term's bundle"))
    p.add_argument("--term", required=True, help=t("学期名称", "term name"))
    p.add_argument("--profile", required=True, help=t("自查标准，如 sucheng-2023", "checklist id"))
    p.add_argument(
        "--district-key",
        help=t(
            "区县公钥文件（默认用已导入的）", "district public key file (default: the imported one)"
        ),
    )
    p.add_argument(
        "-o", "--output", required=True, help=t("上报包文件（.zip）", "bundle file (.zip)")
    )
    p.add_argument(
        "--include-named-cases",
        action="store_true",
        help=t(
            "附带重点关爱学生的姓名、学号（仅在区县明确要求时使用）",
            "add key students' names and numbers (only when the district asks)",
        ),
    )
    p.set_defaults(handler=cmd_bundle_export)

    p = bundle_sub.add_parser(
        "import-district-key", help=t("导入区县公钥", "import the district's public key")
    )
    p.add_argument("file", metavar="FILE", help="district-public.json")
    p.set_defaults(handler=cmd_bundle_import_district_key)

    p = bundle_sub.add_parser(
        "fingerprint", help=t("显示本校与区县密钥的指纹", "show the key fingerprints")
    )
    p.set_defaults(handler=cmd_bundle_fingerprint)

    p = bundle_sub.add_parser(
        "export-key", help=t("写出本校公钥，供区县登记", "write the school's public key")
    )
    p.add_argument("-o", "--output", required=True, help="school.pub")
    p.set_defaults(handler=cmd_bundle_export_key)

    p = bundle_sub.add_parser(
        "import-receipt", help=t("导入区县回执，完成交接", "import the district's receipt")
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_bundle_import_receipt)

    district = subparsers.add_parser(
        "district", help=t("区县：密钥、登记学校、打开与汇总上报包", "the district's tools")
    )
    district_sub = district.add_subparsers(dest="district_command", required=True, metavar="ACTION")
    key_help = t("区县密钥文件夹", "district key folder")

    p = district_sub.add_parser("keygen", help=t("生成区县密钥", "make the district's keys"))
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=key_help)
    p.add_argument("--name", default="", help=t("区县名称，如 宿城区教育局", "district name"))
    p.set_defaults(handler=cmd_district_keygen)

    p = district_sub.add_parser(
        "register", help=t("登记学校的签名密钥（核对指纹后）", "register a school's key")
    )
    p.add_argument("file", metavar="SCHOOL.pub|BUNDLE", help=t("学校公钥或上报包", "key or bundle"))
    p.add_argument("--key", required=True, metavar="DIR", help=key_help)
    p.add_argument(
        "--fingerprint",
        help=t("纸质自查报告上打印的学校指纹", "the fingerprint printed on the paper report"),
    )
    p.add_argument("--name", default="", help=t("学校名称（可选）", "school name (optional)"))
    p.set_defaults(handler=cmd_district_register)

    p = district_sub.add_parser("open", help=t("核对并打开上报包", "check and open a bundle"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--key", required=True, metavar="DIR", help=key_help)
    p.add_argument(
        "-o", "--output", required=True, metavar="OUTDIR", help=t("输出文件夹", "folder")
    )
    p.add_argument("--receipt", metavar="FILE", help=t("同时写出签名回执", "also write a receipt"))
    p.add_argument(
        "--again", action="store_true", help=t("再次打开已打开过的上报包", "open a bundle again")
    )
    p.set_defaults(handler=cmd_district_open)

    p = district_sub.add_parser(
        "receipt", help=t("为已打开的上报包出具回执", "write a receipt for an opened bundle")
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--key", required=True, metavar="DIR", help=key_help)
    p.add_argument("-o", "--output", required=True, metavar="RECEIPT")
    p.set_defaults(handler=cmd_district_receipt)

    p = district_sub.add_parser(
        "summary", help=t("汇总多个上报包（Excel，可另出 PDF）", "total many bundles")
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--key", required=True, metavar="DIR", help=key_help)
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    p.add_argument("--pdf", metavar="OUT.pdf", help=t("另出 PDF", "also write a PDF"))
    p.set_defaults(handler=cmd_district_summary)

    p = district_sub.add_parser("schools", help=t("列出已登记的学校", "list registered schools"))
    p.add_argument("--key", required=True, metavar="DIR", help=key_help)
    p.set_defaults(handler=cmd_district_schools)


# -- the school's side -------------------------------------------------------------------------
def cmd_bundle_export(args: argparse.Namespace) -> int:
    from counselor_app.bundle.export import export_bundle
    from counselor_app.bundle.school_keys import read_district_key_file

    check_outputs(args, args.output)
    district = read_district_key_file(Path(args.district_key)) if args.district_key else None
    with unlocked(args) as school:
        result = export_bundle(
            school,
            term=args.term,
            profile=args.profile,
            output=Path(args.output),
            district_key=district,
            include_named_cases=args.include_named_cases,
        )
    if district is not None:
        _say(
            DISTRICT_KEY_FILE_USED(
                path=args.district_key,
                district=district.district or "—",
                fingerprint=district.fingerprint,
            )
        )
    manifest = result.manifest
    _say(
        EXPORTED(
            path=args.output,
            bundle_id=manifest.bundle_id,
            term=manifest.term_name,
            profile=manifest.profile_id,
            district=manifest.district_name or "—",
            district_fingerprint=manifest.district_fingerprint,
            fingerprint=manifest.school_fingerprint,
        )
    )
    for warning in result.warnings:
        _warn(warning)
    return 0


def cmd_bundle_import_district_key(args: argparse.Namespace) -> int:
    from counselor_app.bundle.school_keys import import_district_key

    with unlocked(args) as school:
        key = import_district_key(school, Path(args.file))
    _say(DISTRICT_KEY_IMPORTED(district=key.district or "—", fingerprint=key.fingerprint))
    return 0


def cmd_bundle_fingerprint(args: argparse.Namespace) -> int:
    from counselor_app.bundle.school_keys import current_district_key, school_fingerprint

    with unlocked(args) as school:
        fingerprint = school_fingerprint(school)
        district = current_district_key(school)
    shown = bracketed(district.district or "—", district.fingerprint) if district else NO_DISTRICT
    _say(SCHOOL_KEYS(fingerprint=fingerprint, district=shown))
    return 0


def cmd_bundle_export_key(args: argparse.Namespace) -> int:
    from counselor_app.bundle.school_keys import write_school_public_key

    check_outputs(args, args.output)
    with unlocked(args) as school:
        fingerprint = write_school_public_key(school, Path(args.output))
    _say(KEY_WRITTEN(path=args.output, fingerprint=fingerprint))
    return 0


def cmd_bundle_import_receipt(args: argparse.Namespace) -> int:
    from counselor_app.bundle.receipts import import_receipt

    data = _read(args.file)
    with unlocked(args) as school:
        receipt = import_receipt(school, data, args.file)
    if receipt.already:
        _say(RECEIPT_ALREADY(bundle_id=receipt.bundle_id))
    else:
        _say(
            RECEIPT_IMPORTED(
                district=receipt.district or "—",
                opened_at=receipt.opened_at,
                bundle_id=receipt.bundle_id,
                term=receipt.term,
            )
        )
    return 0


# -- the district's side -----------------------------------------------------------------------
def cmd_district_keygen(args: argparse.Namespace) -> int:
    from counselor_app.bundle.district import PUBLIC_FILE, generate_district_keys

    check_output_folders(args.output)
    if os.environ.get(DISTRICT_PASSWORD_ENV) is not None:
        passphrase = os.environ[DISTRICT_PASSWORD_ENV]
    else:
        passphrase = _ask(NEW_PASSPHRASE)
        if _ask(REPEAT_PASSPHRASE) != passphrase:
            raise UsageError(PASSPHRASE_MISMATCH)
    public = generate_district_keys(
        Path(args.output), district=args.name, passphrase=passphrase, now=system_clock()
    )
    _say(
        KEYGEN_DONE(
            path=args.output,
            fingerprint=public.fingerprint,
            public=str(Path(args.output) / PUBLIC_FILE),
        )
    )
    return 0


def cmd_district_register(args: argparse.Namespace) -> int:
    from counselor_app.bundle.district import register_school, school_key_from_file
    from counselor_app.bundle.school_keys import verify_key_fingerprint

    data = _read(args.file)
    typed = args.fingerprint
    if typed is None:
        key, _ = school_key_from_file(data, args.file)
        print(verify_key_fingerprint(key))
        typed = _ask(TYPED_FINGERPRINT, env=None, secret=False)
    registration = register_school(
        Path(args.key),
        data,
        args.file,
        confirmed_fingerprint=typed,
        name=args.name,
        now=system_clock(),
    )
    school = registration.school
    if registration.already:
        _say(ALREADY_REGISTERED(fingerprint=school.fingerprint))
    else:
        uid = bracketed("", school.school_uid) if school.school_uid else ""
        _say(REGISTERED(fingerprint=school.fingerprint, uid=uid))
    return 0


def _desk(args: argparse.Namespace, *, for_receipts: bool = False) -> Any:
    from counselor_app.bundle.district import DistrictDesk, read_public_key

    read_public_key(Path(args.key))  # "no keys here" before asking for a passphrase
    return DistrictDesk.unlock(Path(args.key), _ask(PASSPHRASE), for_receipts=for_receipts)


def cmd_district_open(args: argparse.Namespace) -> int:
    from counselor_app.bundle.district import write_opened
    from counselor_app.bundle.receipts import make_receipt
    from counselor_app.foundation.atomic_files import write_bytes_atomic

    check_output_folders(args.output)
    check_outputs(args, args.receipt)
    data = _read(args.file)
    now = system_clock()
    with _desk(args, for_receipts=bool(args.receipt)) as desk:
        opened = desk.open_bundle(data, args.file, now=now, again=args.again)
        checked = opened.checked
        write_opened(checked, Path(args.output))
        if args.receipt:
            write_bytes_atomic(Path(args.receipt), make_receipt(desk, checked, now))
    manifest = checked.manifest
    _say(
        OPENED(
            school=manifest.school_name,
            fingerprint=checked.outer.fingerprint,
            term=manifest.term_name,
            profile=manifest.profile_id,
            bundle_id=manifest.bundle_id,
            created_at=manifest.created_at,
            out=args.output,
        )
    )
    if opened.first_opened_at is not None:
        _warn(OPENED_AGAIN(first=opened.first_opened_at))
    if manifest.named_cases:
        _warn(NAMED_CASES_INSIDE)
    if args.receipt:
        _say(RECEIPT_WRITTEN(path=args.receipt))
    return 0


def cmd_district_receipt(args: argparse.Namespace) -> int:
    from counselor_app.bundle.receipts import make_receipt
    from counselor_app.foundation.atomic_files import write_bytes_atomic

    check_outputs(args, args.output)
    data = _read(args.file)
    with _desk(args, for_receipts=True) as desk:
        checked = desk.check_bundle(data, args.file)
        if desk.state().seen(checked.manifest.bundle_id) is None:
            raise UsageError(NOT_OPENED_YET(path=args.file, bundle_id=checked.manifest.bundle_id))
        write_bytes_atomic(Path(args.output), make_receipt(desk, checked, system_clock()))
    _say(RECEIPT_WRITTEN(path=args.output))
    return 0


def cmd_district_summary(args: argparse.Namespace) -> int:
    from counselor_app.bundle.summary import summarize
    from counselor_app.bundle.summary_xlsx import write_summary_xlsx

    check_outputs(args, args.output, args.pdf)
    with _desk(args) as desk:
        summary = summarize(desk, [Path(f) for f in args.files])
    write_summary_xlsx(summary, Path(args.output))
    _say(SUMMARY_WRITTEN(path=args.output, schools=len(summary.rows)))
    if args.pdf:
        from counselor_app.bundle.summary_pdf import build_summary_pdf

        pdf = build_summary_pdf(summary, generated_at=system_clock().isoformat(timespec="seconds"))
        pdf.save(Path(args.pdf))
        _say(SUMMARY_WRITTEN(path=args.pdf, schools=len(summary.rows)))
        for warning in pdf.warnings():
            _warn(warning)
    for path, why in [*summary.refused, *summary.superseded]:
        _warn(LEFT_OUT(path=path, why=why))
    # Written all the same; a script learns from the exit code that some bundle was refused.
    return 3 if summary.refused else 0


def cmd_district_schools(args: argparse.Namespace) -> int:
    from counselor_app.bundle.district import STATE_FILE, read_public_key
    from counselor_app.bundle.district_state import DistrictState

    read_public_key(Path(args.key))
    state = DistrictState.load(Path(args.key) / STATE_FILE)
    if not state.schools:
        _say(NO_SCHOOLS)
    for school in state.schools:
        _say(
            SCHOOL_LINE(
                fingerprint=school.fingerprint,
                name=school.name or "—",
                uid=school.school_uid or "—",
                at=school.registered_at,
            )
        )
    return 0
