"""Chart kinds by name (``DRAWERS``) and the figures drawn for files: a ``Figure`` sized and
with margins fitted to one chart's labels (:func:`chart_figure`), drawn to pixels for the PDF
(:func:`~scoring.reports.charts.common.figure_image`) or saved as PNG (:func:`save_chart_png`).

The GUI draws the same functions on its own canvas (gui/chart_adapter.py) through ``DRAWERS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from matplotlib.figure import Figure

from scoring.core.model import Scheme
from scoring.core.presentation import dimension_label, grade_label, normalise_lang, text
from scoring.core.results import ProjectResult
from scoring.core.textlayout import display_width
from scoring.reports.charts.bars import draw_contributions, draw_ranked_bars
from scoring.reports.charts.common import (
    MAX_LABELLED_ROWS,
    ChartFunction,
    chart_style,
    row_label,
)
from scoring.reports.charts.heatmap import criterion_label, draw_heatmap, heatmap_criteria
from scoring.reports.charts.kinds import CHART_KINDS
from scoring.reports.charts.radar import draw_radar
from scoring.reports.charts.scatter import draw_co_control, draw_synergy

DRAWERS: dict[str, ChartFunction] = {
    "ranked": draw_ranked_bars,
    "contributions": draw_contributions,
    "radar": draw_radar,
    "heatmap": draw_heatmap,
    "synergy": draw_synergy,
    "co_control": draw_co_control,
}


def figure_size(kind: str, n_projects: int, n_criteria: int = 15) -> tuple[float, float]:
    """A size in inches that keeps labels readable for that many rows."""
    rows = min(n_projects, 200)
    if kind in ("ranked", "contributions"):
        return (10.0, max(3.5, 0.24 * rows + 1.6))
    if kind == "heatmap":
        return (min(16.0, max(8.0, 0.42 * n_criteria + 4.5)), max(4.5, 0.22 * rows + 3.0))
    if kind == "radar":
        return (7.5, 7.0)
    return (8.0, 7.0)


def _text_inches(value: str, fontsize: float) -> float:
    """Rough printed width of a label: a Chinese character is 1 em, a Latin one about half."""
    return display_width(value) * fontsize * 0.5 / 72


def _row_label_inches(projects: Sequence[ProjectResult]) -> float:
    if len(projects) > MAX_LABELLED_ROWS:
        return 0.45
    size = 8 if len(projects) > 25 else 9
    return max((_text_inches(line, size) for p in projects for line in row_label(p).split("\n")),
               default=0.5) + 0.15


def chart_margins(kind: str, scheme: Scheme, projects: Sequence[ProjectResult],
                  lang: str) -> tuple[float, float, float, float]:
    """(left, right, top, bottom) margins in inches around the axes of one chart.

    Figures for files and printed pages use fixed margins measured from their labels rather
    than a layout engine: constrained layout measures every text twice and took most of the
    drawing time of a report.
    """
    if kind in ("ranked", "contributions"):
        if kind == "ranked":
            legend = [grade_label(g.name, lang) for g in scheme.grades] + [text("vetoed", lang)]
        else:
            legend = [text("total", lang), text("bonus", lang), text("penalty", lang)]
            legend += [dimension_label(scheme, d, lang) for d in scheme.dimensions]
        right = max(_text_inches(v, 8) for v in legend) + 0.7
        return (_row_label_inches(projects), right, 0.95, 0.55)
    if kind == "heatmap":
        criteria = heatmap_criteria(scheme)
        longest = max((max(_text_inches(line, 8) for line in criterion_label(c, lang).split("\n"))
                       for c in criteria), default=0.5)
        bottom = (longest * 0.82 if len(criteria) <= 20 else 0.45) + 0.25
        return (_row_label_inches(projects), 0.9, 0.95, bottom)  # right: the colour bar and its label
    if kind == "radar":
        return (0.3, 0.3, 0.5, 0.9)
    if kind == "synergy":
        return (0.75, 1.25, 0.75, 0.6)
    legend = [grade_label(g.name, lang) for g in scheme.grades] + [text("vetoed", lang)]
    return (0.75, max(_text_inches(v, 8) for v in legend) + 0.65, 0.75, 0.6)  # co-control: legend right


def chart_figure(kind: str, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                 size: tuple[float, float] | None = None, **options) -> tuple[Figure, bool]:
    """A new ``Figure`` (no pyplot) with one chart drawn on it, margins fitted to its labels.

    Parameters
    ----------
    kind : str
        One of ``CHART_KINDS``.
    scheme, projects, lang
        As for the ``draw_*`` functions.
    size : (float, float), optional
        Inches; default from :func:`figure_size`.
    **options
        Passed to the draw function (``title``, ``selected`` for the radar, ...).

    Returns
    -------
    (Figure, bool)
        The figure and whether it shows data (False: it says why it is empty).
    """
    if kind not in DRAWERS:
        raise ValueError(f"unknown chart {kind!r}; choose one of {', '.join(CHART_KINDS)}")
    lang = normalise_lang(lang)
    width, height = size or figure_size(kind, len(projects), len(heatmap_criteria(scheme)))
    figure = Figure(figsize=(width, height))
    shown = options.get("selected") or projects if kind == "radar" else projects
    left, right, top, bottom = chart_margins(kind, scheme, shown, lang)
    rect = (left / width, bottom / height, max(0.1, 1 - (left + right) / width),
            max(0.1, 1 - (top + bottom) / height))
    with chart_style():
        ax = figure.add_axes(rect)  # the radar too: drawn as a web on a plain Axes
        drawn = DRAWERS[kind](ax, scheme, projects, lang=lang, **options)
    return figure, drawn


def save_chart_png(kind: str, scheme: Scheme, projects: Sequence[ProjectResult], out: str | Path | BytesIO,
                   lang: str = "zh", dpi: int = 110, **options) -> bool:
    """Draw one chart and write it as PNG to a path or a binary buffer.

    Returns
    -------
    bool
        Whether the chart shows data.
    """
    figure, drawn = chart_figure(kind, scheme, projects, lang, **options)
    with chart_style():
        figure.savefig(out, format="png", dpi=dpi)
    return drawn
