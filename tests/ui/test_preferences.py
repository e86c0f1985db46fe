"""What the program remembers on this PC: under the keys earlier releases wrote (so nobody's
settings are lost on updating), and read back safely when the file holds something unexpected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from counselor_app.ui.preferences import LANGUAGE, remember_folder, remembered_folder


def documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def test_folders_are_found_where_earlier_releases_kept_them(qapp, tmp_path: Path) -> None:
    kept = {
        "workbook/folder": tmp_path / "工作簿",
        "settings/bundle_dir": tmp_path / "区教育局",
        "self_check/bundle_dir": tmp_path / "上报包",
        "self_check/export_dir": tmp_path / "自查报告",
    }
    for key, folder in kept.items():
        folder.mkdir()
        QSettings().setValue(key, str(folder))
    assert remembered_folder("workbook") == kept["workbook/folder"]
    assert remembered_folder("district_files") == kept["settings/bundle_dir"]
    assert remembered_folder("bundle") == kept["self_check/bundle_dir"]
    assert remembered_folder("self_check_report") == kept["self_check/export_dir"]


def test_each_kind_of_file_remembers_its_own_folder(qapp, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    remember_folder("workbook", tmp_path / "a" / "名册.xlsx")
    remember_folder("bundle", tmp_path / "b" / "上报包.zip")
    assert remembered_folder("workbook") == tmp_path / "a"
    assert remembered_folder("bundle") == tmp_path / "b"
    assert QSettings().value("workbook/folder") == str(tmp_path / "a")


def test_a_folder_that_is_gone_falls_back_to_documents(qapp, tmp_path: Path) -> None:
    remember_folder("self_check_report", tmp_path / "拔掉的U盘" / "报告.pdf")
    assert remembered_folder("self_check_report") == documents()


def test_a_value_of_the_wrong_type_reads_as_unset(qapp) -> None:
    QSettings().setValue("ui/language", 3)
    assert LANGUAGE.read() is None
    QSettings().setValue("ui/language", "en")
    assert LANGUAGE.read() == "en"
