"""The scatter charts: the synergy index (carbon U_C against pollution U_P over the bands of the
engine's coupling-coordination degree D) and the co-control quadrants (CO2 against pollutant
reduction); points coloured and shaped by grade.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Rectangle

from scoring.core.figures import co_control_reductions, has_co_control_criteria
from scoring.core.model import Scheme
from scoring.core.presentation import (
    VETO_COLOUR,
    grade_colours,
    grade_label,
    normalise_lang,
    synergy_class_label,
    text,
)
from scoring.core.results import ProjectResult
from scoring.core.synergy import coupling_coordination
from scoring.reports.charts.common import (
    GRADE_MARKERS,
    MAX_ANNOTATED_POINTS,
    by_rank,
    chart_style,
    chart_title,
    empty_chart,
    font_family,
    legend_font,
    note_hover,
    pin_fonts,
    value_hover,
)


def coupling_degree(u_p: np.ndarray, u_c: np.ndarray, alpha: float) -> np.ndarray:
    """D of the engine's coupling-coordination model over a grid of U_P and U_C (the contours)."""
    return coupling_coordination(u_p, u_c, alpha)[2]


def draw_synergy(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                 title: str | None = None, colorbar: bool = True) -> bool:
    """Carbon index U_C (x) against pollution index U_P (y) with D contours and class bands.

    The background shows the ten coupling-coordination classes of D (docs/method.md) as bands, the
    lines are D = 0.1 … 0.9; points are coloured by grade, vetoed ones drawn as a red ✕, and
    labelled with their rank while there are few.

    Returns
    -------
    bool
        False when no project has both indices.
    """
    lang = normalise_lang(lang)
    with chart_style():
        indexed = [(p, p.synergy) for p in by_rank(projects) if p.synergy]
        ranked = [p for p, _ in indexed]
        if not ranked:
            return empty_chart(ax, text("no_synergy", lang))
        chart_title(ax, "chart_synergy", scheme, lang, title)
        bands = _draw_class_bands(ax, scheme.synergy_alpha)
        ax.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, linestyle=":", zorder=2)
        points = [(synergy["carbon"], synergy["pollution"]) for _, synergy in indexed]
        _scatter_by_grade(ax, scheme, ranked, points, lang,
                          names=(text("u_carbon", lang), text("u_pollution", lang)))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(text("u_carbon", lang), fontfamily=font_family())
        ax.set_ylabel(text("u_pollution", lang), fontfamily=font_family())
        if colorbar:
            _class_colorbar(ax, bands, lang)
        pin_fonts(ax)
    return True


def _draw_class_bands(ax: Axes, alpha: float):
    grid = np.linspace(0, 1, 201)
    u_c, u_p = np.meshgrid(grid, grid)
    degree = coupling_degree(u_p, u_c, alpha)
    levels = np.linspace(0, 1, 11)
    # one hue growing darker with D: the bands keep their order in greyscale print (a red-to-
    # green scale printed its two ends as the same grey)
    colours = matplotlib.colormaps["Blues"](np.linspace(0.05, 0.75, 10))
    colours[:, :3] = colours[:, :3] * 0.7 + 0.3  # pale, so points stay the focus
    cmap = ListedColormap(colours)
    bands = ax.contourf(u_c, u_p, degree, levels=levels, cmap=cmap,
                        norm=BoundaryNorm(levels, cmap.N), zorder=0)
    lines = ax.contour(u_c, u_p, degree, levels=levels[1:-1], colors="#777777", linewidths=0.6, zorder=1)
    ax.clabel(lines, fmt="D=%.1f", fontsize=7, inline=True)
    return bands


def _class_colorbar(ax: Axes, bands, lang: str) -> None:

    bar = ax.figure.colorbar(bands, ax=ax, fraction=0.046, pad=0.03)
    middles = np.arange(0.05, 1.0, 0.1).tolist()  # of the ten classes' bands
    bar.set_ticks(middles, labels=[synergy_class_label(k, lang) for k in range(1, 11)],
                  fontfamily=font_family())
    bar.ax.tick_params(labelsize=7, length=0)
    bar.set_label(text("synergy_class", lang), fontsize=8, fontfamily=font_family())


def _scatter_by_grade(ax: Axes, scheme: Scheme, ranked: list[ProjectResult],
                      points: list[tuple[float, float]], lang: str, outside: bool = False,
                      names: tuple[str, str] = ("x", "y")) -> None:
    """Points coloured by grade (legend), vetoed ones as red ✕, ranks written when few;
    ``names`` are what the x and y values are called in the points' tooltips."""
    colours = grade_colours(scheme)

    def hover(i: int) -> str:
        (x, y), p = points[i], ranked[i]
        return value_hover(p, f"{names[0]} {x:.2f} · {names[1]} {y:.2f} · "
                               f"{text('total', lang)} {p.total:.2f}")

    def hover_of(rows: np.ndarray) -> Callable[[int], str]:
        """The hover text of a scatter's i-th point, which is ``ranked[rows[i]]``."""
        return lambda i: hover(int(rows[i]))

    xy = np.array(points, dtype=float)
    vetoed = np.array([bool(p.veto) for p in ranked])
    for k, grade in enumerate(scheme.grades_descending):
        mask = np.array([p.grade == grade.name for p in ranked]) & ~vetoed
        if mask.any():  # a marker shape per grade as well: apart in greyscale print
            shown = ax.scatter(xy[mask, 0], xy[mask, 1], s=40, color=colours[grade.name], edgecolor="#222222",
                               marker=GRADE_MARKERS[k % len(GRADE_MARKERS)], linewidth=0.6, zorder=5,
                               label=grade_label(grade.name, lang))
            note_hover(shown, hover_of(np.flatnonzero(mask)))
    if vetoed.any():
        shown = ax.scatter(xy[vetoed, 0], xy[vetoed, 1], s=50, marker="X", color=VETO_COLOUR,
                           edgecolor="#FFFFFF", linewidth=0.5, zorder=6, label=text("vetoed", lang))
        note_hover(shown, hover_of(np.flatnonzero(vetoed)))
    if len(ranked) <= MAX_ANNOTATED_POINTS:
        for (x, y), p in zip(xy, ranked, strict=True):
            ax.annotate(str(p.rank), (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7,
                        color="#222222", zorder=7)
    if outside:  # beside the axes, where it hides no quadrant label
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=legend_font(), frameon=False)
    else:
        ax.legend(loc="upper left", prop=legend_font(), framealpha=0.9)


def co_control_points(scheme: Scheme,
                      projects: Sequence[ProjectResult]) -> list[tuple[ProjectResult, float, float]]:
    """(project, CO2 reduction %, pollutant reduction %) for projects that have both."""
    found = []
    for p in by_rank(projects):
        x, y = co_control_reductions(scheme, p)
        if x is not None and y is not None:
            found.append((p, x, y))
    return found


def draw_co_control(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                    title: str | None = None) -> bool:
    """Co-control quadrants: CO2 reduction (x) against pollutant reduction (y), in %.

    Reductions are (baseline − current)/|baseline| of the scheme's "lower is better" change
    criteria with effect carbon (x) and pollution (y), weight-averaged. Quadrant I (both fall)
    is synergy, II and IV one-sided, III both rise. The dotted diagonal marks equal falls: the
    joint reduction J = min(x, y) (synergy.joint_reduction, docs/method.md "Co-control") of a
    point is the smaller of its two falls, positive only in quadrant I. No ratio of the two is
    shown: the synergy elasticity y/x explodes near x = 0 and is positive when both rise.

    Returns
    -------
    bool
        False when the scheme or the data does not allow the view (the axes then say so).
    """
    lang = normalise_lang(lang)
    with chart_style():
        found = co_control_points(scheme, projects) if has_co_control_criteria(scheme) else []
        if not found:
            return empty_chart(ax, text("no_co_control", lang))
        chart_title(ax, "chart_co_control", scheme, lang, title)
        xy = np.array([(x, y) for _, x, y in found])
        xlim, ylim = _quadrant_limits(xy[:, 0]), _quadrant_limits(xy[:, 1])
        _draw_quadrants(ax, xlim, ylim, lang)
        _scatter_by_grade(ax, scheme, [p for p, _, _ in found], [tuple(v) for v in xy], lang, outside=True,
                          names=(text("co2_reduction", lang), text("pollutant_reduction", lang)))
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xlabel(text("co2_reduction", lang), fontfamily=font_family())
        ax.set_ylabel(text("pollutant_reduction", lang), fontfamily=font_family())
        pin_fonts(ax)
    return True


def _quadrant_limits(values: np.ndarray) -> tuple[float, float]:
    """Axis limits around the data that always include 0 and keep every quadrant visible.

    Each side of 0 gets at least a quarter of the span, so an empty quadrant still shows
    (its emptiness is the finding) without wasting half the chart.
    """
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = max(high - low, 5.0) * 1.15
    low, high = min(low * 1.15, -0.25 * span), max(high * 1.15, 0.25 * span)
    return low, high


def _draw_quadrants(ax: Axes, xlim: tuple[float, float], ylim: tuple[float, float], lang: str) -> None:
    shades = {(1, 1): "#E3F2E9", (0, 1): "#FFF6E0", (0, 0): "#FBE4E0", (1, 0): "#FFF6E0"}
    for (right, up), colour in shades.items():
        xs, ys = (0.0, xlim[1]) if right else (xlim[0], 0.0), (0.0, ylim[1]) if up else (ylim[0], 0.0)
        ax.add_patch(Rectangle((xs[0], ys[0]), xs[1] - xs[0], ys[1] - ys[0], color=colour, zorder=0,
                               linewidth=0))
    ax.axhline(0, color="#444444", linewidth=0.8, zorder=1)
    ax.axvline(0, color="#444444", linewidth=0.8, zorder=1)
    reach = max(abs(v) for v in (*xlim, *ylim))
    ax.plot([-reach, reach], [-reach, reach], color="#888888", linestyle=":", linewidth=0.8, zorder=1)
    corners = {"quadrant_1": (0.98, 0.98, "right", "top"), "quadrant_2": (0.02, 0.98, "left", "top"),
               "quadrant_3": (0.02, 0.02, "left", "bottom"), "quadrant_4": (0.98, 0.02, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        ax.text(x, y, text(key, lang), transform=ax.transAxes, ha=ha, va=va, fontsize=9,
                fontfamily=font_family(), color="#555555", zorder=2)
