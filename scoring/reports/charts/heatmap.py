"""The heatmap of indicator fractions, projects by rank × score criteria, with missing, invalid,
pending and not-applicable cells drawn apart from any fraction (never as 0).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from scoring.core.model import Scheme
from scoring.core.presentation import indicator_label, normalise_lang, status_label, text
from scoring.core.results import ProjectResult
from scoring.core.textlayout import wrap_text
from scoring.reports.charts.common import (
    by_rank,
    chart_style,
    chart_title,
    empty_chart,
    font_family,
    legend_font,
    note_hover,
    pin_fonts,
    set_row_labels,
    value_hover,
)

#: Status overlays of the heatmap: (cell colour, marker, marker colour). Distinct from any
#: fraction colour and marked, so a missing value never looks like a score of 0, also in
#: greyscale print. Markers instead of hatching: one scatter per status draws thousands of
#: cells in milliseconds, where hatched patches took seconds.
STATUS_STYLE = {
    "missing": ("#FFFFFF", "x", "#D55E00"),
    "invalid": ("#F4CCCC", "X", "#B00020"),
    "pending": ("#E6E6E6", "o", "#757575"),
    "na": ("#BDBDBD", "_", "#616161"),
}


OVERRIDE_MARK = "#000000"


FRACTION_CMAP = "YlGnBu"


def heatmap_criteria(scheme: Scheme) -> list:
    """Criteria shown in the heatmap: the score criteria (bonus and penalty are in the
    contributions chart; a penalty's fraction 1 means a violation and would read as good)."""
    return [c for c in scheme.criteria if c.kind == "score"]


def draw_heatmap(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                 title: str | None = None, colorbar: bool = True) -> bool:
    """Indicator fractions, projects (by rank) × score criteria.

    Fractions use a sequential colour scale from 0 to 1; missing, invalid, pending and not
    applicable cells are drawn with their own fill and hatch (and a legend), never as 0.
    Inspector overrides get a small black corner mark.

    Parameters
    ----------
    colorbar : bool
        Add a colour bar beside the axes (taking space from it).

    Returns
    -------
    bool
        False when there was nothing to draw.
    """
    lang = normalise_lang(lang)
    with chart_style():
        ranked = by_rank(projects)
        criteria = heatmap_criteria(scheme)
        if not ranked or not criteria:
            return empty_chart(ax, text("no_projects", lang))
        fraction, status = _fraction_matrix(ranked, criteria)
        # room between the title and the axes for the status legend
        chart_title(ax, "chart_heatmap", scheme, lang, title, pad=20.0)
        # a mesh of cells, not an image: an image is resampled to the output's pixels, which
        # at print resolution took most of the chart's time
        rows, cols = fraction.shape
        image = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5,
                              np.ma.masked_invalid(fraction), cmap=FRACTION_CMAP, vmin=0, vmax=1,
                              shading="flat")
        words = text("fraction", lang)

        def cell_text(i: int) -> str:
            row, col = divmod(i, cols)
            c = criteria[col]
            return value_hover(ranked[row], f"{c.code} {indicator_label(c, lang)} {words} "
                                             f"{_fraction_text(fraction[row, col])}")

        note_hover(image, cell_text)
        present = _draw_status_cells(ax, status)
        _draw_override_marks(ax, status)
        set_row_labels(ax, ranked)
        _set_criterion_labels(ax, criteria, lang)
        ax.set_xlim(-0.5, len(criteria) - 0.5)
        ax.set_ylim(len(ranked) - 0.5, -0.5)
        if colorbar:
            bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
            bar.set_label(text("fraction", lang), fontfamily=font_family())
        _status_legend(ax, present | ({"override"} if (status == "override").any() else set()), lang)
        pin_fonts(ax)
    return True


def _fraction_text(fraction: float) -> str:
    return f"{fraction:.3f}" if np.isfinite(fraction) else "—"


def _fraction_matrix(ranked: list[ProjectResult], criteria: list) -> tuple[np.ndarray, np.ndarray]:
    fraction = np.full((len(ranked), len(criteria)), np.nan)
    status = np.full((len(ranked), len(criteria)), "missing", dtype=object)
    for i, p in enumerate(ranked):
        for j, c in enumerate(criteria):
            ind = p.indicators.get(c.code)
            if ind is None:
                continue
            status[i, j] = ind.status
            if ind.score is not None:
                fraction[i, j] = ind.score
    return fraction, status


def _draw_status_cells(ax: Axes, status: np.ndarray) -> set[str]:
    """Colour and mark the cells that have no fraction; returns the statuses present."""
    colours = np.zeros(status.shape + (4,))
    present = set()
    marker_size = max(4.0, min(30.0, 1500.0 / max(status.shape)))
    for name, (face, marker, colour) in STATUS_STYLE.items():
        mask = status == name
        if not mask.any():
            continue
        present.add(name)
        colours[mask] = to_rgba(face)
        rows, cols = np.nonzero(mask)
        ax.scatter(cols, rows, marker=marker, s=marker_size, color=colour, linewidths=0.8, zorder=4)
    if present:
        rows, cols = status.shape
        mesh = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, np.zeros(status.shape),
                             shading="flat", zorder=3)
        mesh.set_array(None)
        # stub gap: set_facecolor takes an (N, 4) RGBA array (colors.to_rgba_array); the stub
        # lists only colours and sequences of them
        mesh.set_facecolor(colours.reshape(-1, 4))  # type: ignore[arg-type]
    return present


def _draw_override_marks(ax: Axes, status: np.ndarray) -> None:
    rows, cols = np.nonzero(status == "override")
    if len(rows):
        ax.scatter(cols + 0.32, rows - 0.3, marker="v", s=14, color=OVERRIDE_MARK, zorder=4)


def _set_criterion_labels(ax: Axes, criteria: list, lang: str) -> None:
    """Codes with short names when few, codes alone when many (names are in the tables)."""
    if len(criteria) <= 20:
        labels = [criterion_label(c, lang) for c in criteria]
        ax.set_xticks(range(len(criteria)), labels, rotation=55, ha="right", fontfamily=font_family(),
                      rotation_mode="anchor", fontsize=8)
    else:
        ax.set_xticks(range(len(criteria)), [c.code for c in criteria], rotation=90, fontsize=6)
    ax.tick_params(axis="x", length=0)


def criterion_label(criterion, lang: str) -> str:
    """Code and whole indicator name, wrapped onto lines of 20 cells (never cut)."""
    return "\n".join(wrap_text(f"{criterion.code} {indicator_label(criterion, lang)}", 20, max_lines=None))


def _status_legend(ax: Axes, present: set[str], lang: str) -> None:
    handles: list[tuple[Artist | tuple[Artist, ...], str]] = []
    for name, (face, marker, colour) in STATUS_STYLE.items():
        if name in present:
            cell = Patch(facecolor=face, edgecolor="#999999", linewidth=0.5)
            mark = Line2D([], [], marker=marker, linestyle="", color=colour, markersize=5)
            handles.append(((cell, mark), status_label(name, lang)))
    if "override" in present:
        mark = Line2D([], [], marker="v", linestyle="", color=OVERRIDE_MARK)
        handles.append((mark, status_label("override", lang)))
    if handles:
        ax.legend([h for h, _ in handles], [label for _, label in handles], loc="lower left",
                  bbox_to_anchor=(0.0, 1.0), ncol=len(handles), prop=legend_font(), frameon=False,
                  borderaxespad=0.0,
                  handlelength=1.6, handler_map={tuple: HandlerTuple(ndivide=None, pad=0)})
