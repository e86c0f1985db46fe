"""The round summary's charts: by grade, this year's round beside last year's, as PNGs for reportlab.

Drawn as :mod:`counselor_app.reports.charts` draws the self-check's (``Figure`` and the Agg canvas,
no ``pyplot``, the printout's font). A withheld number (:mod:`counselor_app.screening.summary`) is
never drawn: its bar is left out and marked "*", so the chart says no more than the tables.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from counselor_app.foundation.fonts import CjkFont, matplotlib_rc
from counselor_app.screening.summary import Group, RoundSummary, grade_label

DPI = 150
WIDTH_IN, HEIGHT_IN = 6.8, 2.6
THIS_YEAR = "#4a78b0"
LAST_YEAR = "#9cc3e6"
BAR_WIDTH = 0.38


def _draw(font: CjkFont, paint: Callable[[Any], None]) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    settings: Any = matplotlib_rc(font)
    with matplotlib.rc_context(settings):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(figure)
        figure.subplots_adjust(left=0.09, right=0.98, top=0.86, bottom=0.16)
        axes = figure.add_subplot()
        paint(axes)
        axes.spines[["top", "right"]].set_visible(False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _legend(axes: Any, this_label: str, last_label: str) -> None:
    """Drawn by hand: a year with no bar (none screened, or every bar withheld) has no bar to
    take its colour from."""
    from matplotlib.patches import Patch

    handles = [Patch(color=LAST_YEAR, label=last_label), Patch(color=THIS_YEAR, label=this_label)]
    axes.legend(handles=handles, frameon=False, fontsize=8, ncols=2, loc="upper left")


def _grades(summary: RoundSummary) -> list[int]:
    return sorted({g.grade for g in summary.this_year.by_grade + summary.last_year.by_grade})


def _by_grade(groups: tuple[Group, ...]) -> dict[int, Group]:
    return {g.grade: g for g in groups}


def _labels(summary: RoundSummary) -> tuple[str, str]:
    return summary.this_year.year.name, summary.last_year.year.name


def screened_by_grade(font: CjkFont, summary: RoundSummary) -> bytes:
    grades = _grades(summary)
    this, last = _by_grade(summary.this_year.by_grade), _by_grade(summary.last_year.by_grade)

    def paint(axes: Any) -> None:
        xs = range(len(grades))
        this_label, last_label = _labels(summary)
        for offset, groups, colour in (
            (-BAR_WIDTH / 2, last, LAST_YEAR),
            (BAR_WIDTH / 2, this, THIS_YEAR),
        ):
            # A grade the year did not screen has no bar (not a bar of 0).
            present = [x for x, g in zip(xs, grades, strict=True) if g in groups]
            values = [groups[grades[x]].counts.screened for x in present]
            spots = [x + offset for x in present]
            bars = axes.bar(spots, values, BAR_WIDTH, color=colour)
            axes.bar_label(bars, padding=2, fontsize=7)
        axes.set_xticks(list(xs), [grade_label(g) for g in grades])
        axes.set_xlim(-0.6, len(grades) - 0.4)
        axes.set_title("各年级测评人数")
        axes.set_ylabel("人数")
        tallest = max((g.counts.screened for g in (*this.values(), *last.values())), default=0)
        axes.set_ylim(0, max(1, tallest) * 1.3)
        _legend(axes, this_label, last_label)
        axes.yaxis.get_major_locator().set_params(integer=True)

    return _draw(font, paint)


def flagged_share_by_grade(font: CjkFont, summary: RoundSummary) -> bytes:
    grades = _grades(summary)
    this, last = _by_grade(summary.this_year.by_grade), _by_grade(summary.last_year.by_grade)

    def paint(axes: Any) -> None:
        xs = range(len(grades))
        this_label, last_label = _labels(summary)
        tallest, any_hidden = 0.0, False
        for offset, groups, colour in (
            (-BAR_WIDTH / 2, last, LAST_YEAR),
            (BAR_WIDTH / 2, this, THIS_YEAR),
        ):
            shown_x: list[float] = []
            shown_y: list[float] = []
            hidden_x: list[float] = []
            for x, grade in zip(xs, grades, strict=True):
                group = groups.get(grade)
                if group is None or group.counts.flagged_share is None:
                    continue
                if not group.flagged_shown:
                    hidden_x.append(x + offset)
                    continue
                shown_x.append(x + offset)
                shown_y.append(100 * group.counts.flagged_share)
            bars = axes.bar(shown_x, shown_y, BAR_WIDTH, color=colour)
            axes.bar_label(bars, labels=[f"{y:.1f}%" for y in shown_y], padding=2, fontsize=7)
            for spot in hidden_x:
                axes.text(spot, 0.5, "*", ha="center", va="bottom", fontsize=10, color="#555555")
            tallest = max([tallest, *shown_y])
            any_hidden = any_hidden or bool(hidden_x)
        _legend(axes, this_label, last_label)
        if any_hidden:
            axes.text(
                0.99,
                0.97,
                "* 人数较少，不列出",
                transform=axes.transAxes,
                ha="right",
                va="top",
                fontsize=8,
                color="#555555",
            )
        axes.set_xticks(list(xs), [grade_label(g) for g in grades])
        # Fixed: with every bar withheld matplotlib would fit the axis to nothing.
        axes.set_xlim(-0.6, len(grades) - 0.4)
        axes.set_title("各年级需约谈学生占测评人数的比例（%）")
        axes.set_ylabel("%")
        axes.set_ylim(0, max(5.0, tallest) * 1.35)

    return _draw(font, paint)
