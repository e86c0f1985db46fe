"""Screenshots of the district bundle in the desktop program at 1366×768: 设置 › 上报 and every
dialog of 生成上报包… on 自查与上报.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot_bundle.py OUTDIR

The district's keys are made in the temporary folder (age's passphrase KDF: a few seconds). Each
dialog is shown through the ``exec_dialog`` hook (a message box through ``questions.MessageBoxes``):
shown, photographed, then answered.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_pages import demo_school, grab, screenshot_arguments, settle, show_main_window

from counselor_app.bundle import school_keys
from counselor_app.bundle.district import DistrictDesk, generate_district_keys, register_school
from counselor_app.bundle.export import export_bundle
from counselor_app.bundle.receipts import make_receipt
from counselor_app.school.accounts import add_account
from counselor_app.school.core import open_school
from counselor_app.selfcheck.engine import confirm_manual_rule
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.questions import MessageBoxes, replace_boxes
from counselor_app.ui.selfcheck.bundle_dialogs import BundleOptionsDialog
from counselor_app.ui.settings.feedback import BusyDialog

PASSPHRASE = "screenshot-district-1"
ACCEPTED = QDialog.DialogCode.Accepted
REJECTED = QDialog.DialogCode.Rejected


def main(argv: list[str] | None = None) -> int:
    args = screenshot_arguments(__doc__, students=600).parse_args(argv)
    out: Path = args.outdir
    with demo_school(args) as (runner, school, root):
        now = school.now()
        keys = root / "district"
        generate_district_keys(keys, district="宿城区教育局", passphrase=PASSPHRASE, now=now)
        term = str(school.db.scalar("SELECT name FROM term ORDER BY first_day DESC LIMIT 1"))

        def shoot(name: str, answer: Callable[[QDialog], int]) -> Callable[[QDialog], int]:
            def hook(dialog: QDialog) -> int:
                dialog.show()
                settle(runner, 0.5)
                grab(dialog, out / name)
                result = answer(dialog)
                dialog.hide()
                return result

            return hook

        window = show_main_window(school, runner)

        # -- 设置 › 上报, before a district key ----------------------------------------------------
        settings = window.show_section("settings")
        assert isinstance(settings, SettingsPage)
        section = settings.show_section("bundle")
        settle(runner, 0.6)
        grab(window, out / "bu-01-settings-empty.png")

        # -- 自查与上报 without a district key ------------------------------------------------------
        page = window.show_section("self_check")
        assert isinstance(page, SelfCheckPage)
        settle(runner, 1.0)
        grab(window, out / "bu-02-self-check.png")
        button = page.bundle_button
        real = replace_boxes(MessageBoxes(shoot("bu-03-no-district-key.png", lambda d: REJECTED)))
        button.click()
        settle(runner, 0.5)
        replace_boxes(real)

        # -- importing the district key --------------------------------------------------------
        settings = window.show_section("settings")
        section = settings.show_section("bundle")
        public = str(keys / "district-public.json")
        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (public, ""))  # type: ignore[method-assign]
        section.exec_dialog = shoot("bu-04-compare-district-key.png", lambda d: ACCEPTED)
        section.import_key_button.click()
        settle(runner, 0.8)
        grab(window, out / "bu-05-settings-key-imported.png")

        # -- 生成上报包… ------------------------------------------------------------------------------
        def tick(dialog: QDialog) -> int:
            assert isinstance(dialog, BundleOptionsDialog) and dialog.named_cases_box is not None
            dialog.named_cases_box.setChecked(True)
            settle(runner, 0.3)
            grab(dialog, out / "bu-07-options-named-cases.png")
            dialog.named_cases_box.setChecked(False)
            return ACCEPTED

        window.show_section("self_check")
        settle(runner, 0.8)
        target = root / "上报包.zip"
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))  # type: ignore[method-assign]
        answers = [
            shoot("bu-06-options.png", tick),
            shoot("bu-08-done.png", lambda d: ACCEPTED),
        ]
        button.exec_dialog = lambda dialog: answers.pop(0)(dialog)
        button.click()
        settle(runner, 3.0)

        busy = BusyDialog(window, page.tr("正在生成上报包 {name} …").format(name=target.name))
        settle(runner, 0.8)
        grab(window, out / "bu-09-busy.png")
        busy.done()

        # -- a student's name left in a note ----------------------------------------------------
        name = school.db.scalar("SELECT name FROM student WHERE status = 'enrolled' LIMIT 1")
        confirm_manual_rule(
            school, term, "sucheng-2023", "SC-15-double-reduction", confirmed=True,
            note=f"已与{name}的班主任核实课表",
        )  # fmt: skip
        answers = [lambda d: ACCEPTED]
        real = replace_boxes(MessageBoxes(shoot("bu-10-refused.png", lambda d: ACCEPTED)))
        button.click()
        settle(runner, 3.0)
        replace_boxes(real)
        confirm_manual_rule(
            school,
            term,
            "sucheng-2023",
            "SC-15-double-reduction",
            confirmed=True,
            note="已核实课表",
        )

        # -- with named cases: the warning after saving -----------------------------------------
        def keep_ticked(dialog: QDialog) -> int:
            assert isinstance(dialog, BundleOptionsDialog) and dialog.named_cases_box is not None
            dialog.named_cases_box.setChecked(True)
            return ACCEPTED

        named = root / "named.zip"
        QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(named), ""))  # type: ignore[method-assign]
        answers = [keep_ticked, shoot("bu-14-done-named-cases.png", lambda d: ACCEPTED)]
        button.click()
        settle(runner, 3.0)

        # -- the district opens it and sends a receipt; the list shows it -----------------------
        with DistrictDesk.unlock(keys, PASSPHRASE, for_receipts=True) as desk:
            register_school(
                keys, school_keys.school_public_key_file(school), "school.pub",
                confirmed_fingerprint=school_keys.school_fingerprint(school), now=now,
            )  # fmt: skip
            checked = desk.check_bundle(target.read_bytes(), target.name)
            receipt = root / "回执.zip"
            receipt.write_bytes(make_receipt(desk, checked, now + dt.timedelta(days=3)))
        export_bundle(school, term=term, profile="sucheng-2023", output=root / "second.zip")
        settings = window.show_section("settings")
        section = settings.show_section("bundle")
        QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(receipt), ""))  # type: ignore[method-assign]
        section.import_receipt_button.click()
        settle(runner, 0.8)
        grab(window, out / "bu-11-settings-bundles.png")
        section.copy_button.click()
        settle(runner, 0.2)
        grab(window, out / "bu-12-copied.png")

        add_account(school, "李主任", "admin", "screenshot-admin-42")
        paths, data_key = school.paths, school.data_key
        window.close()  # closes the school

        # -- a 管理员 has no named-cases choice -----------------------------------------------------
        admin = open_school(paths, "李主任", data_key, check_integrity=False)
        window = show_main_window(admin, runner)
        page = window.show_section("self_check")
        assert isinstance(page, SelfCheckPage)
        settle(runner, 1.0)
        page.bundle_button.exec_dialog = shoot("bu-13-options-admin.png", lambda d: REJECTED)
        page.bundle_button.click()
        settle(runner, 0.5)
        window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
