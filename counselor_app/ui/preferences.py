"""What the desktop program remembers on this PC (QSettings): every key declared here, once.

Per-machine state only (the window's size, the language, the folders last used); everything about
the school or its students is kept in the encrypted database (``counselor_app.settings.school_settings``).
The key names are those earlier releases wrote, so nobody's settings are lost; a new preference is
added here, never by a ``QSettings().value("…")`` elsewhere.

Values are read with their type checked: a value of another type (a hand-edited or damaged file)
reads as the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

T = TypeVar("T")


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One remembered value: its QSettings key, its type and what it is when unset."""

    key: str
    kind: type[T]
    default: T | None = None

    def read(self, settings: QSettings | None = None) -> T | None:
        value = (settings or QSettings()).value(self.key)
        return value if isinstance(value, self.kind) else self.default

    def write(self, value: T, settings: QSettings | None = None) -> None:
        (settings or QSettings()).setValue(self.key, value)


#: The main window's size and place (``QWidget.saveGeometry``).
WINDOW_GEOMETRY = Preference("main_window/geometry", QByteArray)
#: The language chosen in 设置 › 界面 (a code of ``counselor_app.foundation.i18n.LANGUAGES``).
LANGUAGE = Preference("ui/language", str)

#: The kinds of file whose folder is remembered, each on its own: a workbook is rarely saved
#: where a bundle for the district goes.
FolderKind = Literal["workbook", "district_files", "bundle", "self_check_report"]
FOLDERS: dict[FolderKind, Preference[str]] = {
    # 设置 › 数据导入导出: workbooks imported and exported.
    "workbook": Preference("workbook/folder", str),
    # 设置 › 上报: the school's public key, the district's key, receipts.
    "district_files": Preference("settings/bundle_dir", str),
    # 自查与上报 › 生成上报包….
    "bundle": Preference("self_check/bundle_dir", str),
    # 自查与上报: the self-check report saved as PDF, JSON or a workbook.
    "self_check_report": Preference("self_check/export_dir", str),
}


def remembered_folder(kind: FolderKind) -> Path:
    """The folder a file of ``kind`` was last chosen in, if it is still there; else Documents."""
    saved = FOLDERS[kind].read()
    if saved and Path(saved).is_dir():
        return Path(saved)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def remember_folder(kind: FolderKind, chosen: Path) -> None:
    """Remember the folder of the file ``chosen`` (opened or saved) for the next file of
    ``kind``."""
    FOLDERS[kind].write(str(chosen.parent))
