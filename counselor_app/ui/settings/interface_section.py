"""设置 › 界面: the language of this PC's program, and how soon the program locks itself.

The language belongs to the machine (:data:`counselor_app.ui.preferences.LANGUAGE`) and takes effect
at the next start: the screens are built in one language, and switching half-way would mix two. The idle
lock time belongs to the school (``screen_lock.idle_lock_minutes``): it is part of how the
school protects what is on screen, whoever signs in on whichever PC.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counselor_app.foundation.i18n import current_language
from counselor_app.school.core import School
from counselor_app.settings.school_settings import MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES
from counselor_app.settings.screen_lock import idle_lock_minutes, set_idle_lock_minutes
from counselor_app.ui.preferences import LANGUAGE
from counselor_app.ui.settings.feedback import MessageBar
from counselor_app.ui.settings.school_number import SchoolNumberSpin
from counselor_app.ui.settings.section_parts import load_when_first_shown
from counselor_app.ui.tasks import TaskRunner

# Shown in their own language, so anyone can find theirs.
LANGUAGES = (("zh", "中文（简体）"), ("en", "English"))


def saved_language(settings: QSettings | None = None) -> str | None:
    """The language chosen on this PC, or None (then the program's default applies)."""
    value = LANGUAGE.read(settings)
    return value if value in dict(LANGUAGES) else None


class InterfaceSection(QWidget):
    def __init__(self, school: School, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._school = school
        self.message_bar = MessageBar()

        self.language_box = QComboBox()
        self.language_box.setMinimumWidth(200)
        for code, name in LANGUAGES:
            self.language_box.addItem(name, code)
        self.language_note = QLabel(self.tr("更改语言后，下次启动程序时生效。"))
        self.language_note.setObjectName("placeholderNote")
        self.language_note.setWordWrap(True)
        language_box = QGroupBox(self.tr("语言"))
        language_form = QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        language_form.addRow(self.tr("界面语言"), self.language_box)
        language_form.addRow(self.language_note)

        self.idle_spin = SchoolNumberSpin(
            school, runner, idle_lock_minutes, set_idle_lock_minutes, self.message_bar
        )
        self.idle_spin.setRange(MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.idle_spin.setMinimumWidth(110)
        self.idle_spin.saved.connect(self._idle_saved)
        idle_note = QLabel(
            self.tr(
                "无人操作达到这段时间后，程序自动锁定，需要重新输入密码。"
                "本设置对本校所有账户和电脑有效。"
            )
        )
        idle_note.setObjectName("placeholderNote")
        idle_note.setWordWrap(True)
        lock_box = QGroupBox(self.tr("自动锁定"))
        lock_form = QFormLayout(lock_box)
        lock_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lock_form.addRow(self.tr("无人操作多久后锁定"), self.idle_spin)
        lock_form.addRow(idle_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (language_box, lock_box):
            box.setMaximumWidth(640)
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.message_bar)

        self.language_box.activated.connect(lambda _: self.save_language())

        chosen = saved_language() or current_language()
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(chosen)))
        load_when_first_shown(self, self.idle_spin.load)

    def save_idle_minutes(self) -> None:
        self.idle_spin.save()

    def _idle_saved(self, minutes: int) -> None:
        lock_manager = getattr(self.window(), "lock_manager", None)
        if lock_manager is not None:  # the running program locks by the new time at once
            lock_manager.reload_idle_time(self._school)
        self.message_bar.show_info(self.tr("已保存：无人操作 %n 分钟后自动锁定。", "", minutes))

    def save_language(self) -> None:
        code = self.language_box.currentData()
        LANGUAGE.write(code)
        if code == current_language():
            self.message_bar.show_info(self.tr("界面语言未改变。"))
        else:
            self.message_bar.show_info(self.tr("已保存。下次启动程序时使用新的界面语言。"))
