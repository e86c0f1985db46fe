"""Choosing a scale: a combo box of the school's scales, read from their files on the worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from counselor_app.foundation.paths import SchoolPaths
from counselor_app.screening.scales import Scale, ScaleLibrary, school_scales
from counselor_app.ui.tasks import TaskRunner

LoadScales = Callable[[], ScaleLibrary]


class ScaleCombo(QComboBox):
    """The scales by printed name and title; :attr:`scale` is the chosen one."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        paths: SchoolPaths,
        parent: QWidget | None = None,
        *,
        load: LoadScales | None = None,
    ) -> None:
        super().__init__(parent)
        self._scales: list[Scale] = []
        self.setMinimumWidth(280)
        runner.run(load or (lambda: school_scales(paths)), owner=self).on_success(
            self._show
        ).on_failure(lambda error: self.failed.emit(str(error)))

    def _show(self, library: ScaleLibrary) -> None:
        self._scales = list(library.scales)
        self.clear()
        for scale in self._scales:
            self.addItem(f"{scale.name}　{scale.title_zh}")
        # A scale the students can read in Chinese first, rather than whichever sorts first.
        readable = [row for row, scale in enumerate(self._scales) if scale.has_chinese_wording]
        if readable:
            self.setCurrentIndex(readable[0])
        self.loaded.emit()

    @property
    def scale(self) -> Scale | None:
        row = self.currentIndex()
        return self._scales[row] if 0 <= row < len(self._scales) else None

    def choose(self, scale_id: str) -> None:
        for row, scale in enumerate(self._scales):
            if scale.id == scale_id:
                self.setCurrentIndex(row)
