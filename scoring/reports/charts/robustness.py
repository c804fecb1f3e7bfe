"""The rank-range chart of a robustness study, drawn on a given matplotlib Axes.

Each project is a row (best base rank at the top): a dot at its median rank over the random
weightings and a bar over its 5th–95th percentile ranks, with the top-k cut-off drawn as a
dashed line. Colours say whether a project stays inside the cut-off in every weighting, never
enters it, or sits on the border. Like :mod:`scoring.reports.charts`, nothing here touches pyplot, so
the same function draws in the GUI's canvas, in the workbook's PNG and in the PDF.
"""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from scoring.analysis.robustness import SchemeRobustness
from scoring.core.presentation import (
    RANK_RANGE_CHART_TEXT,
    VETO_COLOUR,
    normalise_lang,
    phrase,
    scheme_label,
    text,
)
from scoring.core.textlayout import wrap_text
from scoring.reports.charts.common import chart_style, note_hover

#: Okabe–Ito colours, as in scoring.reports.charts: inside in every weighting, borderline, never inside.
SAFE, BORDER, OUTSIDE = "#009E73", "#E69F00", "#777777"
MAX_LABELLED_ROWS = 60
NAME_WIDTH = 40



def _text(key: str, lang: str, **values) -> str:
    return phrase(RANK_RANGE_CHART_TEXT, key, lang, **values)


def _pin_fonts(ax: Axes) -> None:
    """Pin the current (CJK) font family on every text, for redraws outside chart_style."""
    families = list(matplotlib.rcParams["font.family"])
    for artist in ax.figure.findobj(Text):
        artist.set_fontfamily(families)


def row_colours(study: SchemeRobustness) -> list[str]:
    """SAFE, BORDER or OUTSIDE per project, in the study's project order."""
    p = study.ranks.p_top_k
    return [SAFE if x >= 1.0 else OUTSIDE if x <= 0.0 else BORDER for x in p]


def draw_rank_ranges(ax: Axes, study: SchemeRobustness, lang: str = "zh", title: str | None = None,
                     first: int = 0, count: int | None = None) -> bool:
    """Each project's median rank and 5–95% rank interval, with the top-k cut-off drawn.

    Parameters
    ----------
    ax : Axes
    study : SchemeRobustness
    lang : {"zh", "en"}
    title : str, optional
        Replaces the default title.
    first, count : int
        Show the projects at positions first .. first + count − 1 of the base ranking (a printed
        page of a long list); all by default.

    Returns
    -------
    bool
        False when there was nothing to draw (the axes then say so).
    """
    lang = normalise_lang(lang)
    m, r = study.matrix, study.ranks
    order = np.argsort(m.rank, kind="stable")[first:None if count is None else first + count]
    with chart_style():
        if len(order) == 0:
            ax.set_axis_off()
            ax.text(0.5, 0.5, _text("empty", lang), ha="center", va="center", transform=ax.transAxes)
            return False
        heading = title if title is not None else _text("title", lang)
        # the padding leaves room for the cut-off's label above the axes
        named = f"{scheme_label(m.scheme, lang)}  {m.scheme.version}"
        ax.set_title(f"{heading}\n{named}", fontsize=11, loc="left", pad=16)
        y = np.arange(len(order))
        colours = np.array(row_colours(study), dtype=object)[order]
        ax.hlines(y, r.rank_p5[order] - 0.15, r.rank_p95[order] + 0.15, colors=list(colours), linewidth=4,
                  alpha=0.55, zorder=2)
        medians = ax.scatter(r.median_rank[order], y, c=list(colours), s=22, zorder=3, edgecolors="#222222",
                             linewidths=0.5)
        rank_word = text("rank", lang)
        def median_text(k: int) -> str:
            i = order[k]
            return (f"{m.project_ids[i]} {m.names[i]}\n{rank_word} {r.median_rank[i]:g} "
                    f"({r.rank_p5[i]}–{r.rank_p95[i]})")

        note_hover(medians, median_text)
        vetoed = m.vetoed[order]
        if vetoed.any():
            ax.scatter(r.median_rank[order][vetoed], y[vetoed], marker="x", c=VETO_COLOUR, s=40, zorder=4)
        k = r.top_k
        ax.axvline(k + 0.5, color="#444444", linestyle="--", linewidth=1.0, zorder=1)
        ax.text(k + 0.5, 1.0, " " + _text("cutoff", lang, k=k), transform=ax.get_xaxis_transform(),
                ha="left", va="bottom", fontsize=8, color="#444444")
        ax.set_xlim(0.3, max(m.size, k + 1) + 0.7)
        ax.set_ylim(len(order) - 0.5, -0.5)
        _row_labels(ax, study, order)
        ax.set_xlabel(_text("xlabel", lang), fontsize=9)
        ax.grid(axis="x", color="#E5E5E5", zorder=0)
        ax.legend(handles=_legend(lang, k, bool(vetoed.any())), loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=8, frameon=False)
        _pin_fonts(ax)
    return True


def _row_labels(ax: Axes, study: SchemeRobustness, order: np.ndarray) -> None:
    m = study.matrix
    if len(order) <= MAX_LABELLED_ROWS:
        labels = ["\n".join(wrap_text(f"{m.rank[i]}. {m.names[i] or m.project_ids[i]}", NAME_WIDTH,
                                       max_lines=None)) for i in order]
        ax.set_yticks(range(len(order)), labels, fontsize=8 if len(order) > 25 else 9)
        return
    step = max(1, math.ceil(len(order) / 40))
    ticks = list(range(0, len(order), step))
    ax.set_yticks(ticks, [str(m.rank[order[i]]) for i in ticks], fontsize=7)


def _legend(lang: str, k: int, with_veto: bool) -> list[Line2D]:
    def dot(colour, label, marker="o"):
        return Line2D([], [], color=colour, marker=marker, linestyle="", markersize=6, label=label)

    handles = [dot(SAFE, _text("safe", lang, k=k)), dot(BORDER, _text("border", lang)),
               dot(OUTSIDE, _text("outside", lang, k=k))]
    if with_veto:
        handles.append(dot(VETO_COLOUR, _text("vetoed", lang), marker="x"))
    return handles


def figure_size(n_projects: int) -> tuple[float, float]:
    """Inches that keep one row per project readable (long lists: split into pages)."""
    return (10.0, max(3.5, 0.24 * min(n_projects, 200) + 1.6))


def rank_range_figure(study: SchemeRobustness, lang: str = "zh", size: tuple[float, float] | None = None,
                      **options) -> tuple[Figure, bool]:
    """A new Figure (no pyplot) with the rank-range chart; margins fixed for the labels."""
    count = options.get("count") or study.matrix.size
    width, height = size or figure_size(count)
    figure = Figure(figsize=(width, height))
    left, right, top, bottom = 2.9, 2.2, 0.95, 0.6
    figure.add_axes((left / width, bottom / height, max(0.1, 1 - (left + right) / width),
                     max(0.1, 1 - (top + bottom) / height)))
    drawn = draw_rank_ranges(figure.axes[0], study, lang=lang, **options)
    return figure, drawn


def save_rank_range_png(study: SchemeRobustness, out: str | Path | BytesIO, lang: str = "zh", dpi: int = 110,
                        **options) -> bool:
    """Draw the rank-range chart and write it as PNG to a path or a binary buffer."""
    figure, drawn = rank_range_figure(study, lang, **options)
    with chart_style():
        figure.savefig(out, format="png", dpi=dpi)
    return drawn
