"""The district bundle in the desktop program: 生成上报包… on 自查与上报, and 设置 › 上报 (the keys,
the bundles sent, receipts). Files are chosen by patched file dialogs and the program's own dialogs
are answered through ``exec_dialog``; the district's side is the core's."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from counselor_app.bundle import school_keys, signing
from counselor_app.bundle.district import DistrictDesk, generate_district_keys, register_school
from counselor_app.bundle.export import ExportResult, export_bundle
from counselor_app.bundle.export_progress import BUILD, WRITE
from counselor_app.bundle.handover import exported_bundles, imported_district_key
from counselor_app.bundle.receipts import make_receipt
from counselor_app.bundle.signing import VerifyKey
from counselor_app.demo.generator import generate_demo_school
from counselor_app.foundation.clock import fixed_clock
from counselor_app.foundation.i18n import Message
from counselor_app.records.service import RecordService
from counselor_app.school.accounts import add_account
from counselor_app.school.core import School, open_school
from counselor_app.selfcheck.engine import confirm_manual_rule
from counselor_app.ui.pages.self_check import SelfCheckPage
from counselor_app.ui.pages.settings import SettingsPage
from counselor_app.ui.selfcheck import bundle_export
from counselor_app.ui.selfcheck.bundle_dialogs import BundleDoneDialog, BundleOptionsDialog
from counselor_app.ui.settings.bundle_table_model import BundleTableModel
from counselor_app.ui.settings.district_key_dialog import DistrictKeyCheckDialog
from counselor_app.ui.tasks import TaskRunner
from tests.conftest import HANG_LIMIT_S, NOW, PASSWORD
from tests.ui.windows import show_in_window

TERM = "2025—2026学年第一学期"
PROFILE = "sucheng-2023"
PASSPHRASE = "district-passphrase-1"
AUTUMN = {"name": TERM, "first_day": "2025-09-01", "last_day": "2026-01-16"}
ACCEPTED = QDialog.DialogCode.Accepted
REJECTED = QDialog.DialogCode.Rejected


@dataclass
class District:
    folder: Path
    desk: DistrictDesk

    @property
    def public_file(self) -> Path:
        return self.folder / "district-public.json"


@pytest.fixture(scope="module")
def district_keys(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    """The district's keys, made and unlocked once for this module: age's passphrase KDF takes a
    second or two each way."""
    folder = tmp_path_factory.mktemp("district") / "keys"
    with pytest.MonkeyPatch.context() as patch:  # minisign's KDF cost is ours to choose
        patch.setattr(signing, "SCRYPT_OPSLIMIT", 32768)
        patch.setattr(signing, "SCRYPT_MEMLIMIT", 1 << 20)
        generate_district_keys(folder, district="宿城区教育局", passphrase=PASSPHRASE, now=NOW)
    with DistrictDesk.unlock(folder, PASSPHRASE, for_receipts=True) as desk:
        yield District(folder, desk)


@pytest.fixture
def district(district_keys: District, tmp_path: Path) -> District:
    """A fresh copy of the district's folder: no school registered, no bundle opened."""
    folder = tmp_path / "district"
    shutil.copytree(district_keys.folder, folder)
    return District(folder, district_keys.desk.with_folder(folder))


@pytest.fixture
def demo_school(school: School) -> School:
    generate_demo_school(school, students=200, years=1, seed=1)
    return school


@pytest.fixture
def admin_school(school: School) -> Iterator[School]:
    RecordService(school).create("term", AUTUMN)
    add_account(school, "李主任", "admin", "another-horse-42")
    admin = open_school(
        school.paths, "李主任", school.data_key, clock=fixed_clock(NOW), check_integrity=False
    )
    yield admin
    admin.close()


class FakeWindow(QMainWindow):
    """The main window's navigation, as the pages use it."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []

    def show_section(self, key: str) -> QWidget:
        self.sections.append(key)
        return QWidget()

    def open_student(self, student_id: int) -> QWidget:
        raise AssertionError("the bundle export opens no student")


class Answers:
    """Answers the program's dialogs in order, keeping each dialog to look at."""

    def __init__(self, *answers: Callable[[QDialog], int]) -> None:
        self._answers = list(answers)
        self.dialogs: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.dialogs.append(dialog)
        return self._answers.pop(0)(dialog) if self._answers else REJECTED


def idle(qtbot, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not runner.busy)


def open_self_check(qtbot, school: School, runner: TaskRunner) -> tuple[SelfCheckPage, FakeWindow]:
    window = FakeWindow()
    page = SelfCheckPage(school, runner, navigator=window)
    show_in_window(qtbot, page, window=window)
    qtbot.waitUntil(lambda: page.report is not None and page.bundle_button.isEnabled())
    return page, window


def open_bundle_section(qtbot, school: School, runner: TaskRunner):
    page = SettingsPage(school, runner)
    show_in_window(qtbot, page)
    section = page.show_section("bundle")
    assert section is page.bundle_section
    qtbot.waitUntil(lambda: section.state is not None)
    return section


def choose_file(monkeypatch, path: Path, seen: list[str] | None = None) -> None:
    def answer(parent, caption, folder, filters="", *args, **kwargs):
        if seen is not None:
            seen.append(folder)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def tiny_pdf(report, figures, fingerprint, counsellor) -> tuple[bytes, list[Message]]:
    return b"%PDF-1.4 stub\n", []


def register(district: District, school: School) -> None:
    register_school(
        district.folder,
        school_keys.school_public_key_file(school),
        "school.pub",
        confirmed_fingerprint=school_keys.school_fingerprint(school),
        now=NOW,
    )


# -- 设置 › 上报: the keys ------------------------------------------------------------------------
def test_the_school_fingerprint_is_shown_copied_and_its_key_exported(
    qtbot, school, runner, tmp_path, monkeypatch
):
    section = open_bundle_section(qtbot, school, runner)
    fingerprint = school_keys.school_fingerprint(school)
    assert section.school_fingerprint.text() == fingerprint
    section.copy_button.click()
    assert QGuiApplication.clipboard().text() == fingerprint

    seen: list[str] = []
    choose_file(monkeypatch, tmp_path / "学校公钥", seen)
    opened: list[QUrl] = []
    section.open_url = opened.append
    section.export_key_button.click()
    qtbot.waitUntil(lambda: "已写出本校公钥" in section.message_bar.text())
    assert seen[0].endswith("学校公钥_实验中学.pub")
    written = tmp_path / "学校公钥.pub"
    key = VerifyKey.from_file_bytes(written.read_bytes())
    assert school_keys.verify_key_fingerprint(key) == fingerprint
    assert fingerprint in section.message_bar.text()
    section.message_bar.action_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_a_district_key_is_imported_only_after_its_fingerprint_was_compared(
    qtbot, school, runner, district, monkeypatch
):
    section = open_bundle_section(qtbot, school, runner)
    assert section.district_name.text() == "尚未导入"
    assert not section.district_fingerprint.isVisible()
    fingerprint = district.desk.public.fingerprint
    choose_file(monkeypatch, district.public_file)

    # Not the same as on paper: nothing is imported.
    section.exec_dialog = answers = Answers(lambda dialog: REJECTED)
    section.import_key_button.click()
    qtbot.waitUntil(lambda: answers.dialogs != [])
    dialog = answers.dialogs[0]
    assert isinstance(dialog, DistrictKeyCheckDialog)
    assert dialog.fingerprint.text() == fingerprint
    assert section.message_bar.text() == "没有导入区教育局公钥。"
    idle(qtbot, runner)
    assert imported_district_key(school) is None

    section.exec_dialog = answers = Answers(lambda dialog: ACCEPTED)
    section.import_key_button.click()
    qtbot.waitUntil(lambda: section.district_fingerprint.text() == fingerprint)
    assert section.district_fingerprint.isVisible()
    assert section.district_name.text() == "宿城区教育局"
    assert fingerprint in section.message_bar.text()
    assert imported_district_key(school).key.fingerprint == fingerprint


def test_a_file_that_is_not_a_district_key_is_refused_in_words(
    qtbot, school, runner, tmp_path, monkeypatch
):
    section = open_bundle_section(qtbot, school, runner)
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"hello": 1}', encoding="utf-8")
    choose_file(monkeypatch, wrong)
    section.exec_dialog = answers = Answers()
    section.import_key_button.click()
    qtbot.waitUntil(lambda: section.message_bar.is_error)
    assert "不是区县公钥文件" in section.message_bar.text()
    assert answers.dialogs == []


# -- 设置 › 上报: bundles and receipts ------------------------------------------------------------
def test_importing_a_receipt_marks_the_bundle_received(
    qtbot, qtmodeltester, school, runner, district, tmp_path, monkeypatch
):
    RecordService(school).create("term", AUTUMN)
    bundle = tmp_path / "上报包.zip"
    result = export_bundle(
        school, term=TERM, profile=PROFILE, output=bundle,
        district_key=district.desk.public, pdf_builder=tiny_pdf,
    )  # fmt: skip
    bundle_id = result.manifest.bundle_id
    section = open_bundle_section(qtbot, school, runner)
    model = section.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, BundleTableModel.TERM).data() == TERM
    assert model.index(0, BundleTableModel.PROFILE).data() == PROFILE
    assert model.index(0, BundleTableModel.BUNDLE_ID).data() == bundle_id
    assert model.index(0, BundleTableModel.NAMED_CASES).data() == "无"
    assert model.index(0, BundleTableModel.RECEIPT).data() == "未收到"

    # The district opens it and writes a receipt; the school imports it.
    register(district, school)
    checked = district.desk.open_bundle(bundle.read_bytes(), bundle.name, now=NOW).checked
    receipt = tmp_path / "回执.zip"
    receipt.write_bytes(make_receipt(district.desk, checked, NOW))
    choose_file(monkeypatch, receipt)
    section.import_receipt_button.click()
    qtbot.waitUntil(lambda: model.index(0, BundleTableModel.RECEIPT).data() != "未收到")
    assert model.index(0, BundleTableModel.RECEIPT).data() == "已收到（2025-10-16）"
    assert "交接完成" in section.message_bar.text() and bundle_id in section.message_bar.text()
    assert section.selected_bundle().bundle_id == bundle_id
    idle(qtbot, runner)
    assert exported_bundles(school)[0].receipt_received
    assert [e.detail["bundle_id"] for e in school.audit.entries() if e.action == "bundle_receipt"]

    # The same receipt again records nothing twice; a file that is no receipt is refused.
    section.import_receipt_button.click()
    qtbot.waitUntil(lambda: "已经导入过" in section.message_bar.text())
    receipt.write_bytes(b"PK\x03\x04 not a receipt")
    section.import_receipt_button.click()
    qtbot.waitUntil(lambda: section.message_bar.is_error)
    assert "没有导入" in section.message_bar.text()


# -- 自查与上报: 生成上报包… --------------------------------------------------------------------------
def test_without_a_district_key_the_page_says_so_and_points_to_settings(
    qtbot, school, runner, boxes
):
    RecordService(school).create("term", AUTUMN)
    page, window = open_self_check(qtbot, school, runner)
    boxes.answer(True)  # 前往 设置 › 上报
    page.bundle_button.exec_dialog = answers = Answers()
    page.bundle_button.click()
    qtbot.waitUntil(lambda: window.sections == ["settings"])
    [asked] = boxes.asked
    assert "还没有导入区教育局的公钥" in asked.text
    assert "设置 › 上报" in asked.details
    assert asked.yes == "前往 设置 › 上报" and asked.yes_by_default
    assert answers.dialogs == []


def test_exporting_a_bundle_writes_a_file_the_district_can_open(
    qtbot, demo_school, runner, district, tmp_path, monkeypatch
):
    school = demo_school
    school_keys.import_district_key(school, district.public_file)
    page, _ = open_self_check(qtbot, school, runner)
    button = page.bundle_button

    def options(dialog: QDialog) -> int:
        assert isinstance(dialog, BundleOptionsDialog)
        assert dialog.district_fingerprint.text() == district.desk.public.fingerprint
        assert dialog.named_cases_box is not None and not dialog.named_cases_box.isChecked()
        assert not dialog.include_named_cases()
        return ACCEPTED

    button.exec_dialog = answers = Answers(options, lambda dialog: ACCEPTED)
    opened: list[QUrl] = []
    button.open_url = opened.append
    seen: list[str] = []
    choose_file(monkeypatch, tmp_path / "上报包", seen)
    button.click()
    qtbot.waitUntil(lambda: len(answers.dialogs) == 2)

    assert Path(seen[0]).name == f"上报包_{school.name}_{TERM}_{PROFILE}.zip"
    done = answers.dialogs[1]
    assert isinstance(done, BundleDoneDialog)
    fingerprint = school_keys.school_fingerprint(school)
    assert done.school_fingerprint.text() == fingerprint
    written = tmp_path / "上报包.zip"
    assert done.path == written and written.is_file()
    done.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    assert button.isEnabled()

    register(district, school)
    manifest = district.desk.open_bundle(
        written.read_bytes(), written.name, now=NOW
    ).checked.manifest
    assert (manifest.term_name, manifest.profile_id) == (TERM, PROFILE)
    assert manifest.school_fingerprint == fingerprint
    assert manifest.named_cases is False


def test_named_cases_go_in_only_when_ticked(qtbot, school, runner, district, tmp_path, monkeypatch):
    RecordService(school).create("term", AUTUMN)
    school_keys.import_district_key(school, district.public_file)
    page, _ = open_self_check(qtbot, school, runner)

    def tick(dialog: QDialog) -> int:
        assert isinstance(dialog, BundleOptionsDialog)
        assert dialog.named_cases_box is not None
        assert not dialog.named_cases_warning.isVisibleTo(dialog)
        dialog.named_cases_box.setChecked(True)
        assert dialog.named_cases_warning.isVisibleTo(dialog)
        assert "姓名" in dialog.named_cases_warning.text()
        return ACCEPTED

    page.bundle_button.exec_dialog = answers = Answers(tick, lambda dialog: ACCEPTED)
    choose_file(monkeypatch, tmp_path / "named.zip")
    page.bundle_button.click()
    qtbot.waitUntil(lambda: len(answers.dialogs) == 2)
    done = answers.dialogs[1]
    assert isinstance(done, BundleDoneDialog)
    assert done.warnings_label.isVisibleTo(done) and "警告" in done.warnings_label.text()
    idle(qtbot, runner)
    assert exported_bundles(school)[0].named_cases


def test_an_administrator_has_no_named_cases_choice(qtbot, admin_school, runner, district):
    school_keys.import_district_key(admin_school, district.public_file)
    page, _ = open_self_check(qtbot, admin_school, runner)
    page.bundle_button.exec_dialog = answers = Answers(lambda dialog: REJECTED)
    page.bundle_button.click()
    qtbot.waitUntil(lambda: answers.dialogs != [])
    dialog = answers.dialogs[0]
    assert isinstance(dialog, BundleOptionsDialog)
    assert dialog.named_cases_box is None and not dialog.include_named_cases()
    assert "只有心理教师账户可以附带" in "".join(
        label.text() for label in dialog.findChildren(QLabel)
    )


def test_a_student_name_left_in_a_note_is_refused_in_full(
    qtbot, demo_school, runner, district, tmp_path, monkeypatch, boxes
):
    school = demo_school
    school_keys.import_district_key(school, district.public_file)
    name = school.db.scalar("SELECT name FROM student WHERE status = 'enrolled' LIMIT 1")
    confirm_manual_rule(
        school, TERM, PROFILE, "SC-15-double-reduction", confirmed=True,
        note=f"已与{name}的班主任核实课表",
    )  # fmt: skip
    page, _ = open_self_check(qtbot, school, runner)
    page.bundle_button.exec_dialog = Answers(lambda dialog: ACCEPTED)
    choose_file(monkeypatch, tmp_path / "上报包.zip")
    page.bundle_button.click()
    qtbot.waitUntil(lambda: bool(boxes.told))
    [refused] = boxes.told
    assert refused.icon == QMessageBox.Icon.Warning
    assert refused.title == "没有生成上报包" and refused.button == "关闭"
    assert name in refused.text and "删去学生姓名或学号后再试" in refused.text
    assert not (tmp_path / "上报包.zip").exists()
    assert page.bundle_button.isEnabled()


# -- 生成上报包…: the progress dialog, 取消 and locking ---------------------------------------------
class ExportGate:
    """Holds the export on the worker once phase ``at`` has been told, until released. Then it
    answers as the progress does by then (``ask_again``: a 取消 meanwhile stops the export there)
    or as it did before the hold (the export had gone past its last check: it ends)."""

    def __init__(self, monkeypatch, at: str, *, ask_again: bool = True) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = bundle_export.export_bundle

        def gated(school: School, *, progress, **kwargs) -> ExportResult:
            def watching(phase: str) -> bool:
                answer = progress(phase)
                if phase == at and not self.reached.is_set():
                    self.reached.set()
                    self.release.wait(HANG_LIMIT_S)
                    if ask_again:
                        answer = progress(phase)
                return answer

            return real(school, progress=watching, **kwargs)

        monkeypatch.setattr(bundle_export, "export_bundle", gated)


def ready_to_export(school: School, district: District) -> None:
    RecordService(school).create("term", AUTUMN)
    school_keys.import_district_key(school, district.public_file)


def test_cancelling_a_bundle_export_writes_no_file_and_records_nothing(
    qtbot, school, runner, district, tmp_path, monkeypatch
):
    ready_to_export(school, district)
    page, _ = open_self_check(qtbot, school, runner)
    button = page.bundle_button
    button.exec_dialog = answers = Answers(lambda dialog: ACCEPTED)
    folder = tmp_path / "out"
    folder.mkdir()
    choose_file(monkeypatch, folder / "上报包.zip")
    gate = ExportGate(monkeypatch, BUILD)
    button.click()
    qtbot.waitUntil(gate.reached.is_set)

    progress = button.progress_dialog
    assert progress is not None and not button.isEnabled()
    qtbot.waitUntil(progress.isVisible)  # it appears when the work takes a moment
    assert progress.windowTitle() == "生成上报包"
    qtbot.waitUntil(lambda: "第 2 / 5 步：正在生成自查报告和统计数据…" in progress.label.text())
    assert "正在生成上报包 上报包.zip" in progress.label.text()
    assert progress.bar.maximum() == 5 and progress.bar.value() == 1
    assert progress.cancel_button.text() == "取消"
    progress.cancel_button.click()
    assert progress.label.text() == "正在取消…" and not progress.cancel_button.isEnabled()
    assert progress.isVisible()  # until the export has really stopped

    gate.release.set()
    qtbot.waitUntil(lambda: button.progress_dialog is None and button.isEnabled())
    assert not isValid(progress) or not progress.isVisible()
    assert page.message_bar.text() == "已取消生成上报包，没有生成文件。"
    assert len(answers.dialogs) == 1  # the options: no error box after a cancel
    idle(qtbot, runner)
    assert list(folder.iterdir()) == []
    assert exported_bundles(school) == []


@pytest.mark.parametrize(
    ("at", "ask_again", "said"),
    [
        (BUILD, True, "生成上报包因程序锁定而停止，没有生成文件。"),
        (WRITE, False, "上报包已生成：{path}"),
    ],
    ids=["stopped", "finished"],
)
def test_a_bundle_export_during_a_lock_is_told_after_unlocking(
    qtbot, school, runner, district, tmp_path, monkeypatch, at, ask_again, said, boxes
):
    from tests.ui.test_lock import Clocks, make_window, unlock_with

    ready_to_export(school, district)
    told = boxes.told
    window = make_window(qtbot, school, runner, Clocks())
    page = window.show_section("self_check")
    qtbot.waitUntil(lambda: page.report is not None and page.bundle_button.isEnabled())
    page.bundle_button.exec_dialog = Answers(lambda dialog: ACCEPTED)
    path = tmp_path / "上报包.zip"
    choose_file(monkeypatch, path)
    gate = ExportGate(monkeypatch, at, ask_again=ask_again)
    page.bundle_button.click()
    qtbot.waitUntil(gate.reached.is_set)

    manager = window.lock_manager
    manager.lock()
    qtbot.waitUntil(lambda: not isValid(page))  # the pages go, perhaps before the dialog showed
    gate.release.set()
    qtbot.waitUntil(lambda: manager.school_closed)
    expected = said.format(path=path)
    assert told == []  # nothing is shown on the lock screen
    assert manager.unseen_outcomes() == [expected]

    unlock_with(qtbot, manager, PASSWORD)
    qtbot.waitUntil(lambda: bool(told))
    assert [(notice.title, notice.text) for notice in told] == [("锁定期间", expected)]
    assert manager.unseen_outcomes() == []
    idle(qtbot, runner)
    assert path.exists() == (not ask_again)
    assert len(exported_bundles(window.school)) == (0 if ask_again else 1)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file
