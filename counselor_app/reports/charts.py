"""The self-check's charts, drawn by matplotlib with Chinese labels in the printout font.

Each chart is a PNG (150 dpi) for reportlab to place. matplotlib is used through ``Figure`` and the
Agg canvas directly, not ``pyplot``: no global figure registry, no GUI backend, nothing left open.
Labels come from the vocabularies (topics, risk levels) and the calendar, never from a person's name.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from counselor_app.foundation.fonts import CjkFont, matplotlib_rc
from counselor_app.foundation.vocab import RISK_LEVEL, TOPIC
from counselor_app.reports.term_statistics import TermStatistics

DPI = 150
WIDTH_IN, HEIGHT_IN = 6.8, 2.7
RISK_COLOURS = ("#66bb6a", "#fdd835", "#fb8c00", "#e53935")
BAR = "#4a78b0"
BAR_SECOND = "#9cc3e6"


def _draw(
    font: CjkFont, paint: Callable[[Any], None], height: float = HEIGHT_IN, left: float = 0.09
) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    settings: Any = matplotlib_rc(font)
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        FigureCanvasAgg(figure)
        # Fixed margins (in inches, so a taller chart keeps the same room for its labels): half
        # the cost of matplotlib's automatic layout, and the labels here are short and known.
        figure.subplots_adjust(left=left, right=0.98, top=1 - 0.32 / height, bottom=0.55 / height)
        axes = figure.add_subplot()
        paint(axes)
        axes.spines[["top", "right"]].set_visible(False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _week_ticks(axes: Any, numbers: Sequence[int]) -> None:
    step = 1 if len(numbers) <= 22 else 2
    axes.set_xticks([n for n in numbers if (n - 1) % step == 0])
    axes.set_xlabel("教学周")


def sessions_per_week(font: CjkFont, stats: TermStatistics) -> bytes:
    weeks = stats.sessions_by_week

    def paint(axes: Any) -> None:
        numbers = [w.number for w in weeks]
        individual = [w.individual for w in weeks]
        axes.bar(numbers, individual, color=BAR, label="个体辅导")
        axes.bar(
            numbers, [w.group for w in weeks], bottom=individual, color=BAR_SECOND, label="团体辅导"
        )
        axes.set_title("每周辅导次数")
        axes.set_ylabel("次数")
        _week_ticks(axes, numbers)
        tallest = max((w.individual + w.group for w in weeks), default=0)
        axes.set_ylim(0, max(1, tallest) * 1.3)  # room for the legend above the bars
        axes.legend(frameon=False, fontsize=8, ncols=2, loc="upper left")
        axes.yaxis.get_major_locator().set_params(integer=True)

    return _draw(font, paint)


def sessions_by_topic(font: CjkFont, stats: TermStatistics) -> bytes:
    topics = list(reversed(stats.sessions_by_topic))

    def paint(axes: Any) -> None:
        labels = [TOPIC.label(code, "zh") if code else "未填写" for code, _ in topics]
        counts = [count for _, count in topics]
        bars = axes.barh(labels or ["（无记录）"], counts or [0], color=BAR)
        axes.bar_label(bars, padding=2, fontsize=8)
        axes.set_title("辅导问题类别（次数）")
        axes.xaxis.get_major_locator().set_params(integer=True)

    return _draw(font, paint, height=max(HEIGHT_IN, 0.9 + 0.25 * len(topics)), left=0.12)


def risk_level_distribution(font: CjkFont, stats: TermStatistics) -> bytes:
    def paint(axes: Any) -> None:
        labels = [f"{level} {RISK_LEVEL.label(str(level), 'zh')}" for level in range(4)]
        bars = axes.bar(labels, stats.students_by_risk_level, color=RISK_COLOURS)
        axes.bar_label(bars, padding=2, fontsize=8)
        axes.set_title("学期末风险等级分布（人数）")
        axes.set_ylabel("人数")
        axes.yaxis.get_major_locator().set_params(integer=True)
        if stats.students_without_level:
            axes.text(
                0.99,
                0.95,
                f"另有 {stats.students_without_level} 名在读学生无分级记录",
                transform=axes.transAxes,
                ha="right",
                va="top",
                fontsize=8,
                color="#555555",
            )

    return _draw(font, paint)


def room_hours_per_week(font: CjkFont, stats: TermStatistics) -> bytes:
    weeks = stats.room_hours_by_week

    def paint(axes: Any) -> None:
        numbers = [w.number for w in weeks]
        axes.bar(numbers, [w.hours for w in weeks], color=BAR)
        axes.set_title("辅导室每周开放时长（在校日，小时）")
        axes.set_ylabel("小时")
        _week_ticks(axes, numbers)

    return _draw(font, paint)


ALL_CHARTS: tuple[Callable[[CjkFont, TermStatistics], bytes], ...] = (
    sessions_per_week,
    sessions_by_topic,
    risk_level_distribution,
    room_hours_per_week,
)
