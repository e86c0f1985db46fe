"""The risk level on screen: today's level as a coloured badge, and its history as a small step
chart on four tinted bands whose tooltip names each entry and the record it came from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from counselor_app.records.catalog import one_record_label
from counselor_app.students.risk_levels import LevelEntry
from counselor_app.ui.student_model import RISK_TEXT_COLOURS, risk_colour, risk_text
from counselor_app.ui.style import TEXT_MUTED

# The student file's left column, which the chart's preferred width follows.
LEFT_COLUMN_WIDTH = 360


class LevelBadge(QLabel):
    """The level as a coloured pill: "2 重点关注" on orange."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_level(None)

    def set_level(self, level: int | None) -> None:
        self.level = level
        text = risk_text(level) if level is not None else self.tr("未评估")
        self.setText(text)
        background = risk_colour(level).name()
        foreground = RISK_TEXT_COLOURS.get(level, "#ffffff") if level is not None else "#ffffff"
        self.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 10px;"
            " padding: 3px 12px; font-weight: 600;"
        )


class RiskChart(QWidget):
    """The level over time as a step line on four tinted bands; a tooltip names each entry."""

    MARGIN_LEFT = 22
    MARGIN_RIGHT = 10
    MARGIN_TOP = 6
    MARGIN_BOTTOM = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LevelEntry] = []
        self._today = dt.date.today()
        self.setMinimumHeight(110)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(LEFT_COLUMN_WIDTH - 40, 120)

    def set_history(self, history: tuple[LevelEntry, ...], today: dt.date) -> None:
        # On a day with several entries the highest counts (the history is sorted so).
        by_day: dict[str, LevelEntry] = {}
        for entry in history:
            if entry.date <= today.isoformat():
                by_day[entry.date] = entry
        self._entries = list(by_day.values())
        self._today = today
        self.update()

    # -- geometry -------------------------------------------------------------------------------
    def _plot(self) -> QRect:
        return self.rect().adjusted(
            self.MARGIN_LEFT, self.MARGIN_TOP, -self.MARGIN_RIGHT, -self.MARGIN_BOTTOM
        )

    def _span(self) -> tuple[dt.date, dt.date]:
        first = dt.date.fromisoformat(self._entries[0].date)
        last = max(self._today, dt.date.fromisoformat(self._entries[-1].date))
        if (last - first).days < 14:
            first = last - dt.timedelta(days=14)
        return first, last

    def _x(self, day: dt.date, plot: QRect) -> float:
        first, last = self._span()
        share = (day - first).days / max(1, (last - first).days)
        return plot.left() + share * plot.width()

    @staticmethod
    def _y(level: int, plot: QRect) -> float:
        band = plot.height() / 4
        return plot.bottom() - band * (level + 0.5)

    # -- painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        band = plot.height() / 4
        muted = QColor(TEXT_MUTED)
        for level in range(4):
            tint = QColor(risk_colour(level))
            tint.setAlpha(38)
            top = plot.bottom() - band * (level + 1)
            painter.fillRect(QRect(plot.left(), round(top), plot.width(), round(band)), tint)
            painter.setPen(muted)
            painter.drawText(
                QRect(0, round(top), self.MARGIN_LEFT - 6, round(band)),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(level),
            )
        if not self._entries:
            painter.setPen(muted)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("没有风险等级记录"))
            return
        first, last = self._span()
        points = [
            (self._x(dt.date.fromisoformat(e.date), plot), self._y(e.level, plot), e)
            for e in self._entries
        ]
        end_x = self._x(last, plot)
        painter.setPen(QPen(QColor("#37474f"), 2))
        for index, (x, y, _entry) in enumerate(points):
            next_x = points[index + 1][0] if index + 1 < len(points) else end_x
            painter.drawLine(round(x), round(y), round(next_x), round(y))
            if index + 1 < len(points):
                painter.drawLine(
                    round(next_x), round(y), round(next_x), round(points[index + 1][1])
                )
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y, entry in points:
            painter.setBrush(risk_colour(entry.level))
            painter.drawEllipse(QPoint(round(x), round(y)), 4, 4)
        painter.setPen(muted)
        labels = QRect(plot.left(), plot.bottom() + 3, plot.width(), self.MARGIN_BOTTOM - 3)
        painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, first.isoformat())
        painter.drawText(labels, Qt.AlignmentFlag.AlignRight, last.isoformat())

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and self._entries:
            plot = self._plot()
            x = event.pos().x()
            nearest = min(
                self._entries, key=lambda e: abs(self._x(dt.date.fromisoformat(e.date), plot) - x)
            )
            QToolTip.showText(
                event.globalPos(),
                self.tr("{date}：{level}（{source}）").format(
                    date=nearest.date,
                    level=risk_text(nearest.level),
                    source=one_record_label(nearest.record_type, capital=True),
                ),
                self,
            )
            return True
        return super().event(event)  # type: ignore[arg-type]
