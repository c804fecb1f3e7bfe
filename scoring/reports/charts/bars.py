"""Horizontal bar charts: total points by rank (coloured by grade, with the grade lines), points
per dimension stacked, and a project's points lost per criterion (alone, or several projects'
overlaid for the Compare view).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from scoring.analysis.compare import Comparison
from scoring.core.explain import gap, points_lost
from scoring.core.model import Scheme
from scoring.core.presentation import (
    VETO_COLOUR,
    dimension_label,
    grade_colours,
    grade_label,
    indicator_label,
    normalise_lang,
    text,
    total_text,
)
from scoring.core.results import ProjectResult
from scoring.reports.charts.common import (
    MAX_LABELLED_ROWS,
    by_rank,
    chart_style,
    chart_title,
    dimension_colour,
    dimension_hatch,
    empty_chart,
    fit_bar_rows,
    font_family,
    grade_legend_handles,
    hbars,
    legend_font,
    note_hover,
    pin_fonts,
    row_label,
    set_row_labels,
    value_hover,
)


def draw_ranked_bars(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                     title: str | None = None) -> bool:
    """Horizontal bars of total points, best rank at the top, coloured by grade.

    Grade thresholds are dashed vertical lines; vetoed projects are hatched, outlined in red
    and labelled with their failed must-pass codes.

    Parameters
    ----------
    ax : Axes
    scheme : Scheme
    projects : sequence of ProjectResult
        The projects to show (any order; drawn by rank). Pass a slice for one printed page.
    lang : {"zh", "en"}
    title : str, optional
        Replaces the default chart title (e.g. to say which ranks a page shows).

    Returns
    -------
    bool
        False when there was nothing to draw (the axes then say so).
    """
    lang = normalise_lang(lang)
    with chart_style():
        ranked = by_rank(projects)
        if not ranked:
            return empty_chart(ax, text("no_projects", lang))
        top = max(scheme.total_points, max(p.total for p in ranked)) * 1.18
        levels = threshold_levels(scheme, top)
        # the title above the grade-line labels (one or two rows of them)
        rows = 1 + max(levels.values(), default=0)
        chart_title(ax, "chart_ranked", scheme, lang, title, pad=6.0 + THRESHOLD_ROW * rows)
        colours = grade_colours(scheme)
        y = np.arange(len(ranked))
        totals = np.array([p.total for p in ranked])
        vetoed = np.array([bool(p.veto) for p in ranked])
        bars = hbars(ax, y, totals, facecolor=[colours.get(p.grade, "#999999") for p in ranked])
        total = text("total", lang)
        note_hover(bars, lambda i: value_hover(ranked[i], f"{total} {ranked[i].total:.2f} · "
                                                           f"{grade_label(ranked[i].grade, lang)}"))
        if vetoed.any():
            hbars(ax, y[vetoed], totals[vetoed], facecolor="none", edgecolor=VETO_COLOUR, hatch="////",
                   linewidth=1.2, zorder=3)
        ax.set_xlim(0, top)
        ax.set_ylim(len(ranked) - 0.5, -0.5)  # rank 1 at the top
        set_row_labels(ax, ranked)
        _draw_thresholds(ax, scheme, lang, levels)
        if len(ranked) <= MAX_LABELLED_ROWS:
            _label_bar_ends(ax, scheme, ranked, lang)
        ax.set_xlabel(text("total", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", zorder=0)
        ax.legend(handles=grade_legend_handles(scheme, lang, any(p.veto for p in ranked)),
                  loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=legend_font(), frameon=False)
        pin_fonts(ax)
    return True


#: Points between two rows of grade-line labels, and how close (as a share of the axis) two
#: lines may be before the second one's label moves up a row.
THRESHOLD_ROW, THRESHOLD_GAP = 10.0, 0.14


def threshold_levels(scheme: Scheme, top: float) -> dict[float, int]:
    """The label row (0 or 1) of each grade line: a label close to its left neighbour's
    takes the other row, so that "良好 75" and "优秀 85" never overlap."""
    levels: dict[float, int] = {}
    previous: float | None = None
    for points in sorted(g.min_points for g in scheme.grades if g.min_points > 0):
        if previous is not None and (points - previous) / top < THRESHOLD_GAP:
            levels[points] = 1 - levels[previous]  # close to its left neighbour: the other row
        else:
            levels[points] = 0
        previous = points
    return levels


def _draw_thresholds(ax: Axes, scheme: Scheme, lang: str, levels: dict[float, int]) -> None:
    transform = ax.get_xaxis_transform()
    for grade in scheme.grades_descending:
        if grade.min_points <= 0:
            continue
        ax.axvline(grade.min_points, color="#444444", linestyle="--", linewidth=0.9, zorder=3)
        ax.annotate(f"{grade_label(grade.name, lang)} {grade.min_points:g}", (grade.min_points, 1.0),
                    xycoords=transform, xytext=(0, 2 + THRESHOLD_ROW * levels[grade.min_points]),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8, color="#444444",
                    fontfamily=font_family())


def _label_bar_ends(ax: Axes, scheme: Scheme, ranked: list[ProjectResult], lang: str) -> None:
    small = 7 if len(ranked) > 25 else 8
    for i, p in enumerate(ranked):
        # the total as every table prints it (never rounded up onto a threshold) and the grade
        # by name, so the bars read without their colours (greyscale print)
        label = f"{total_text(scheme, p.total)}  {grade_label(p.grade, lang)}"
        if p.veto:
            label += f"  ✕ {text('vetoed', lang)} {', '.join(p.veto)}"
        # a white backing keeps the label readable where a grade line crosses it
        ax.text(p.total + 0.8, i, label, va="center", fontsize=small, fontfamily=font_family(),
                color=VETO_COLOUR if p.veto else "#222222", zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85})


def draw_contributions(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult], lang: str = "zh",
                       title: str | None = None) -> bool:
    """Stacked horizontal bars: points per dimension, then bonus; penalty to the left of 0.

    Projects are ordered by rank (best at the top); a black tick marks each total.

    Returns
    -------
    bool
        False when there was nothing to draw.
    """
    lang = normalise_lang(lang)
    with chart_style():
        ranked = by_rank(projects)
        if not ranked:
            return empty_chart(ax, text("no_projects", lang))
        chart_title(ax, "chart_contributions", scheme, lang, title)
        y = np.arange(len(ranked))
        left = np.zeros(len(ranked))
        for k, dimension in enumerate(scheme.dimensions):
            width = np.array([p.dimensions.get(dimension, 0.0) for p in ranked])
            name = dimension_label(scheme, dimension, lang)
            bars = hbars(ax, y, width, left=left, facecolor=dimension_colour(k), hatch=dimension_hatch(k),
                          edgecolor="#FFFFFF", linewidth=0.0, label=name)
            def part_hover(i: int, name: str = name, width: np.ndarray = width) -> str:
                return value_hover(ranked[i], f"{name} {width[i]:.2f}")

            note_hover(bars, part_hover)
            left += width
        bonus = np.array([p.bonus for p in ranked])
        if bonus.any():
            hbars(ax, y, bonus, left=left, facecolor="#FFFFFF", edgecolor="#009E73", hatch="++",
                   label=text("bonus", lang))
        penalty = np.array([p.penalty for p in ranked])
        if penalty.any():
            hbars(ax, y, -penalty, facecolor="#FFFFFF", edgecolor=VETO_COLOUR, hatch="--",
                   label=text("penalty", lang))
        ax.scatter([p.total for p in ranked], y, marker="|", s=120, color="#000000", zorder=4,
                   label=text("total", lang))
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.set_xlim(-max(5.0, float(penalty.max()) * 1.3),
                    max(scheme.total_points, float((left + bonus).max())) * 1.05)
        ax.set_ylim(len(ranked) - 0.5, -0.5)
        set_row_labels(ax, ranked)
        ax.set_xlabel(text("points", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", zorder=0)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=legend_font(), frameon=False)
        pin_fonts(ax)
    return True


#: Bars of the points-lost chart: a criterion that could close the gap alone, and the others.
PATH_COLOUR, LOST_COLOUR = "#0072B2", "#A6C8E0"


def draw_points_lost(ax: Axes, scheme: Scheme, project: ProjectResult, lang: str = "zh",
                     limit: int = 15, title: str | None = None) -> bool:
    """One project's points lost per criterion as bars, largest first (at most ``limit``, and
    no more than the axes hold readably: :func:`fit_bar_rows`).

    A dashed line marks the gap to the next grade; the bars of the criteria that could close it
    alone (the paths) are dark, the others light.
    """
    lost = sorted(((v, code) for code, v in points_lost(scheme, project).items() if v > 1e-9),
                  reverse=True)
    if not lost:
        return empty_chart(ax, text("no_issues", lang))
    lost = lost[:limit]
    found = gap(scheme, project)
    # a bar reaching past the gap line is a criterion that could close the gap alone
    closing = {path.code for path in found.paths}
    colours = [PATH_COLOUR if code in closing else LOST_COLOUR for _, code in lost]
    y = np.arange(len(lost))
    bars = hbars(ax, y, np.array([v for v, _ in lost]), facecolor=colours)
    lost_words = text("points_lost", lang)
    names = [f"{code} {indicator_label(scheme.known_criterion(code), lang)}" for _, code in lost]
    note_hover(bars, [f"{name}\n{lost_words} {v:.2f}" for name, (v, _) in zip(names, lost, strict=True)])
    top = max(v for v, _ in lost)
    for i, (v, _code) in enumerate(lost):  # clipped: rows the axes cannot hold are not shown
        ax.text(v + top * 0.01, i, f"{v:.2f}", va="center", fontsize=8, fontfamily=font_family(),
                clip_on=True)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(text("points_lost", lang), fontfamily=font_family())
    if found.gap is not None and found.gap <= top * 1.15:
        ax.axvline(found.gap, color="#444444", linestyle="--", linewidth=0.9)
        ax.annotate(f"{text('gap', lang)} {found.gap:.2f}", (found.gap, 1.0),
                    xycoords=("data", "axes fraction"), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, color="#444444", fontfamily=font_family())
    chart_title(ax, "chart_points_lost", scheme, lang, title, pad=14.0)
    fit_bar_rows(ax, names)
    return True


def draw_points_lost_compared(ax: Axes, comparison: Comparison, lang: str = "zh", limit: int = 10,
                              title: str | None = None) -> bool:
    """The compared projects' points lost per criterion, overlaid: one bar per project in
    each criterion's row, the rows ordered by the largest loss of any of them.

    Each project keeps its colour (and hatch, for greyscale print) of the radar drawn with
    ``draw_radar(selected=comparison.projects)``, so the two charts read together.

    Returns
    -------
    bool
        False when none of the projects lost a point.
    """
    lang = normalise_lang(lang)
    scheme, projects = comparison.scheme, comparison.projects
    codes = comparison.lost_order(limit)
    with chart_style():
        if not codes:
            return empty_chart(ax, text("no_issues", lang))
        n = len(projects)
        height = 0.8 / n
        rows = np.arange(len(codes), dtype=float)
        top = 0.0
        for k, project in enumerate(projects):
            results = [project.indicators.get(code) for code in codes]
            lost = np.array([(r.points_lost or 0.0) if r is not None else 0.0 for r in results])
            top = max(top, float(lost.max()))
            hbars(ax, rows - 0.4 + height * (k + 0.5), lost, height=height * 0.92,
                   facecolor=dimension_colour(k), hatch=dimension_hatch(k), edgecolor="white",
                   label=row_label(project))
        ax.set_xlim(0, max(top, 1e-9) * 1.1)
        ax.set_xlabel(text("points_lost", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.6, zorder=0)
        ax.legend(loc="lower right", prop=legend_font(), frameon=False)
        chart_title(ax, "chart_points_lost_compared", scheme, lang, title, pad=8.0)
        fit_bar_rows(ax, [f"{code} {indicator_label(scheme.known_criterion(code), lang)}" for code in codes],
                     bars_per_row=n)
        pin_fonts(ax)
    return True
