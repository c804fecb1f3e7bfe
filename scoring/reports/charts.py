"""Comparison charts of scored projects, drawn on a given matplotlib Axes.

Every ``draw_*`` function takes an ``Axes`` and the scheme's projects and draws one chart on it,
never touching pyplot's global state, so the same code draws in the GUI's Qt canvas, in the PNG
images of the ranked workbook and on the pages of the PDF report. ``chart_figure`` builds a
``Figure`` with margins fitted to the chart's labels and draws one chart on it;
``save_chart_png`` writes it as an image.

Labels are Chinese or English (``lang``); the CJK font of :mod:`scoring.reports.fonts` is applied while
drawing, so Chinese names never show as empty boxes.
"""

from __future__ import annotations

import contextlib
import math
import threading
import weakref
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm, ListedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from scoring.analysis.compare import Comparison
from scoring.core.explain import gap, points_lost
from scoring.core.model import Scheme
from scoring.core.presentation import (
    VETO_COLOUR,
    co_control_reductions,
    dimension_label,
    dimension_percent,
    display_width,
    grade_colours,
    grade_label,
    has_co_control_criteria,
    indicator_label,
    normalise_lang,
    scheme_label,
    status_label,
    text,
    total_text,
    wrap_text,
)
from scoring.core.results import ProjectResult
from scoring.core.synergy import coupling_coordination
from scoring.reports.chart_kinds import CHART_KINDS
from scoring.reports.fonts import font_families, font_rc

#: Above this many projects, bar and heatmap rows lose their name labels (ranks only): a
#: printed label must stay readable, so callers split long lists into pages instead.
MAX_LABELLED_ROWS = 60
#: Above this many points, scatter charts stop writing rank numbers beside each point.
MAX_ANNOTATED_POINTS = 40
NAME_WIDTH = 52  # label width in Latin cells (a Chinese character counts two); longer names wrap

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
DIMENSION_COLOURS = ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                     "#999999")
FRACTION_CMAP = "YlGnBu"
#: Marker shapes of the grades on scatter charts, best first.
GRADE_MARKERS = ("o", "s", "^", "D", "v", "P")
ChartFunction = Callable[..., bool]


# --------------------------------------------------------------------------- shared helpers


_STYLE = threading.local()  # the families of the open chart_style of this thread
#: The rc keys chart_style sets. Only these are restored on exit (not the whole rcParams, as
#: ``rc_context`` would), so a chart drawn in the GUI thread cannot undo the PDF settings of a
#: report being written in a worker thread at the same time.
STYLE_KEYS = ("font.family", "font.sans-serif", "axes.unicode_minus")


@contextlib.contextmanager
def chart_style(prefer_shipped_font: bool = False):
    """Draw (and save) with the CJK font, without changing matplotlib's settings for good.

    Inside, the chart functions give every text they make the CJK family explicitly (read from
    this thread, so other threads' settings cannot change it) and the rc font keys point at it
    too, for texts matplotlib makes itself. Nested uses keep the outer choice, so the PDF
    report's shipped font is not replaced by a system font inside the chart functions.
    """
    if getattr(_STYLE, "families", None) is not None:
        yield
        return
    rc = font_rc(prefer_shipped_font)
    saved = {key: matplotlib.rcParams[key] for key in STYLE_KEYS}
    _STYLE.families = rc["font.family"]
    try:
        matplotlib.rcParams.update({key: rc[key] for key in STYLE_KEYS})
        yield
    finally:
        matplotlib.rcParams.update(saved)
        _STYLE.families = None


def font_family() -> list[str]:
    """The font families to draw text with: the CJK font first."""
    families = getattr(_STYLE, "families", None)
    return list(families) if families is not None else font_families()


def _legend_font(size: float = 8) -> dict:
    return {"family": font_family(), "size": size}


def _pin_fonts(ax: Axes) -> None:
    """Give the axes' own texts (titles, axis labels) the current CJK family.

    Those texts are made with the Axes, often outside ``chart_style`` (e.g. by a Qt canvas),
    and would keep the generic "sans-serif", which resolves to a font without Chinese when the
    canvas redraws later. Tick labels with words get the family where they are set; numeric
    ones need no CJK font (and pinning every tick would cost more than the chart).
    """
    families = font_family()
    texts = [child for child in ax.get_children() if isinstance(child, Text)]
    texts += [ax.xaxis.label, ax.yaxis.label]
    for item in texts:
        item.set_fontfamily(families)


def _ranked(projects: Sequence[ProjectResult]) -> list[ProjectResult]:
    return sorted(projects, key=lambda p: (p.rank, p.project_id))


def _title(ax: Axes, key: str, scheme: Scheme, lang: str, title: str | None, pad: float = 6.0) -> None:
    heading = title if title is not None else text(key, lang)
    named = f"{scheme_label(scheme, lang)}  {scheme.version}"
    ax.set_title(f"{heading}\n{named}", fontsize=11, loc="left", pad=pad, fontfamily=font_family())


def _empty(ax: Axes, message: str) -> bool:
    """Say on the chart why it is empty (rather than draw blank axes); returns False."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555",
            transform=ax.transAxes, fontfamily=font_family())
    return False


def _row_label(p: ProjectResult) -> str:
    """"3. 无锡市…" as a row label: rank and whole name, on two lines when it is long."""
    return "\n".join(wrap_text(f"{p.rank}. {p.name or p.project_id}", NAME_WIDTH, max_lines=None))


def _set_row_labels(ax: Axes, projects: list[ProjectResult]) -> None:
    """Names on the y axis (top row first); only ranks, thinned, when there are too many."""
    n = len(projects)
    if n <= MAX_LABELLED_ROWS:
        ax.set_yticks(range(n), [_row_label(p) for p in projects], fontsize=8 if n > 25 else 9,
                      fontfamily=font_family())
        return
    step = max(1, math.ceil(n / 40))
    ticks = list(range(0, n, step))
    ax.set_yticks(ticks, [str(projects[i].rank) for i in ticks], fontsize=7)


def _grade_legend_handles(scheme: Scheme, lang: str, with_veto: bool) -> list[Patch]:
    colours = grade_colours(scheme)
    handles = [Patch(facecolor=colours[g.name], label=grade_label(g.name, lang))
               for g in scheme.grades_descending]
    if with_veto:
        handles.append(Patch(facecolor="#FFFFFF", edgecolor=VETO_COLOUR, hatch="////",
                             label=text("vetoed", lang)))
    return handles


# --------------------------------------------------------------------------- ranked bars


#: What a pointer over each element of a drawn artist reads — the project (or criterion) and its
#: value — for the window's tooltips on chart points (issue 19); files ignore it.
_HOVER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def note_hover(artist, texts: Sequence[str] | Callable[[int], str]):
    """Remember what each element of ``artist`` (bar, point, vertex, cell) reads on hover: a
    list, or a function of the element's index, so that charts drawn into files (thousands of
    cells) build no text nobody points at."""
    if isinstance(artist, PolyCollection):  # a bar is hit inside it only: thin bars lie close
        artist.set_pickradius(0)
    _HOVER[artist] = texts
    return artist


def hover_text(figure: Figure, event) -> str | None:
    """What the chart element under a mouse ``event`` of ``figure`` reads, or None.

    The topmost element wins (the last drawn). ``event`` is matplotlib's motion event, in
    display coordinates.
    """
    for artist, texts in reversed(list(_HOVER.items())):
        if artist.figure is not figure or not artist.get_visible() or event.inaxes is not artist.axes:
            continue
        hit, details = artist.contains(event)
        found = list(details.get("ind", [0])) if hit else []
        if found:
            try:
                return texts(int(found[-1])) if callable(texts) else texts[int(found[-1])]
            except IndexError:
                return None
    return None


def _fraction_text(fraction: float) -> str:
    return f"{fraction:.3f}" if np.isfinite(fraction) else "—"


def _value_hover(project: ProjectResult, values: str) -> str:
    """``C-2024-001 湖州市…`` and its value(s) on the next line."""
    return f"{project.project_id} {project.name}\n{values}"


def _hbars(ax: Axes, y: np.ndarray, width: np.ndarray, left: np.ndarray | float = 0.0, height: float = 0.72,
           zorder: float = 2, **style) -> PolyCollection:
    """Horizontal bars as one collection: ``barh`` makes one artist per bar, which costs
    seconds for a few hundred bars in a printed report."""
    left = np.broadcast_to(np.asarray(left, dtype=float), np.shape(width))
    right = left + np.asarray(width, dtype=float)
    top, bottom = np.asarray(y) - height / 2, np.asarray(y) + height / 2
    verts = np.stack([np.stack([left, top], 1), np.stack([right, top], 1), np.stack([right, bottom], 1),
                      np.stack([left, bottom], 1)], axis=1)
    style.setdefault("linewidth", 0.0)
    bars = PolyCollection(verts, zorder=zorder, **style)
    ax.add_collection(bars)
    return bars


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
        ranked = _ranked(projects)
        if not ranked:
            return _empty(ax, text("no_projects", lang))
        top = max(scheme.total_points, max(p.total for p in ranked)) * 1.18
        levels = threshold_levels(scheme, top)
        # the title above the grade-line labels (one or two rows of them)
        rows = 1 + max(levels.values(), default=0)
        _title(ax, "chart_ranked", scheme, lang, title, pad=6.0 + THRESHOLD_ROW * rows)
        colours = grade_colours(scheme)
        y = np.arange(len(ranked))
        totals = np.array([p.total for p in ranked])
        vetoed = np.array([bool(p.veto) for p in ranked])
        bars = _hbars(ax, y, totals, facecolor=[colours.get(p.grade, "#999999") for p in ranked])
        total = text("total", lang)
        note_hover(bars, lambda i: _value_hover(ranked[i], f"{total} {ranked[i].total:.2f} · "
                                                           f"{grade_label(ranked[i].grade, lang)}"))
        if vetoed.any():
            _hbars(ax, y[vetoed], totals[vetoed], facecolor="none", edgecolor=VETO_COLOUR, hatch="////",
                   linewidth=1.2, zorder=3)
        ax.set_xlim(0, top)
        ax.set_ylim(len(ranked) - 0.5, -0.5)  # rank 1 at the top
        _set_row_labels(ax, ranked)
        _draw_thresholds(ax, scheme, lang, levels)
        if len(ranked) <= MAX_LABELLED_ROWS:
            _label_bar_ends(ax, scheme, ranked, lang)
        ax.set_xlabel(text("total", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", zorder=0)
        ax.legend(handles=_grade_legend_handles(scheme, lang, any(p.veto for p in ranked)),
                  loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=_legend_font(), frameon=False)
        _pin_fonts(ax)
    return True


#: Points between two rows of grade-line labels, and how close (as a share of the axis) two
#: lines may be before the second one's label moves up a row.
THRESHOLD_ROW, THRESHOLD_GAP = 10.0, 0.14


def threshold_levels(scheme: Scheme, top: float) -> dict[float, int]:
    """The label row (0 or 1) of each grade line: a label close to its left neighbour's
    takes the other row, so that "良好 75" and "优秀 85" never overlap."""
    levels: dict[float, int] = {}
    previous = None
    for points in sorted(g.min_points for g in scheme.grades if g.min_points > 0):
        close = previous is not None and (points - previous) / top < THRESHOLD_GAP
        levels[points] = 1 - levels[previous] if close else 0
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


# --------------------------------------------------------------------------- points lost


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
        return _empty(ax, text("no_issues", lang))
    lost = lost[:limit]
    found = gap(scheme, project)
    # a bar reaching past the gap line is a criterion that could close the gap alone
    closing = {path.code for path in found.paths}
    colours = [PATH_COLOUR if code in closing else LOST_COLOUR for _, code in lost]
    y = np.arange(len(lost))
    bars = _hbars(ax, y, np.array([v for v, _ in lost]), facecolor=colours)
    lost_words = text("points_lost", lang)
    names = [f"{code} {indicator_label(scheme.criterion(code), lang)}" for _, code in lost]
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
    _title(ax, "chart_points_lost", scheme, lang, title, pad=14.0)
    fit_bar_rows(ax, names)
    return True


#: Size of a bar chart's row labels, and the points a row needs besides its label's lines.
ROW_LABEL_SIZE, ROW_GAP = 8, 3.0
#: Points of a figure that a bar chart's title (two lines), x-axis label and ticks take.
BAR_DECORATIONS = 80.0
#: The figures whose canvas re-fits a chart's rows when resized, and the connection that does.
_REFITS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def axes_height_points(ax: Axes, decorations: float = BAR_DECORATIONS) -> float:
    """The height of ``ax`` in points once laid out.

    A figure laid out by hand (the PDF's and the workbook's, :func:`chart_figure`) has its
    axes where they will be drawn; one with a layout engine (the GUI's constrained layout)
    fits them into the figure less its ``decorations`` (title, axis label and ticks).
    """
    height = ax.figure.get_figheight() * 72
    if ax.figure.get_layout_engine() is None:
        return ax.get_position().height * height
    return height - decorations


def fit_bar_rows(ax: Axes, names: Sequence[str], max_lines: int = 2, bars_per_row: int = 1) -> None:
    """Label the rows of a horizontal bar chart (row 0 at the top) with ``names`` and show only
    as many rows as the axes hold without their labels overlapping, each label on as many
    lines (up to ``max_lines``) as its row has room for; the whole name is in the bars' hover
    text. Done again when the figure's canvas is resized, as the GUI's panels are after their
    first drawing, so a small panel (a 1366-pixel-wide screen) never shows labels on top of
    each other.
    """
    line = ROW_LABEL_SIZE * 1.25

    def fit() -> None:
        room = axes_height_points(ax)
        row = max(line + ROW_GAP, 4.0 * bars_per_row)
        shown = int(min(len(names), max(3, room // row)))
        lines = int(max(1, min(max_lines, (room / shown - ROW_GAP) // line)))
        cells = int(min(NAME_WIDTH, ax.figure.get_figwidth() * 72 * 0.4 / (ROW_LABEL_SIZE * 0.5)))
        labels = ["\n".join(wrap_text(name, cells, max_lines=lines)) for name in names[:shown]]
        ax.set_yticks(range(shown), labels, fontsize=ROW_LABEL_SIZE, fontfamily=font_family())
        ax.set_ylim(shown - 0.5, -0.5)

    fit()
    figure, canvas = ax.figure, ax.figure.canvas
    previous = _REFITS.pop(figure, None)
    if previous is not None:
        canvas.mpl_disconnect(previous)
    _REFITS[figure] = canvas.mpl_connect("resize_event", lambda _event: fit() if ax in figure.axes else None)


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
            return _empty(ax, text("no_issues", lang))
        n = len(projects)
        height = 0.8 / n
        rows = np.arange(len(codes), dtype=float)
        top = 0.0
        for k, project in enumerate(projects):
            results = [project.indicators.get(code) for code in codes]
            lost = np.array([(r.points_lost or 0.0) if r is not None else 0.0 for r in results])
            top = max(top, float(lost.max()))
            _hbars(ax, rows - 0.4 + height * (k + 0.5), lost, height=height * 0.92,
                   facecolor=dimension_colour(k), hatch=dimension_hatch(k), edgecolor="white",
                   label=_row_label(project))
        ax.set_xlim(0, max(top, 1e-9) * 1.1)
        ax.set_xlabel(text("points_lost", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.6, zorder=0)
        ax.legend(loc="lower right", prop=_legend_font(), frameon=False)
        _title(ax, "chart_points_lost_compared", scheme, lang, title, pad=8.0)
        fit_bar_rows(ax, [f"{code} {indicator_label(scheme.criterion(code), lang)}" for code in codes],
                     bars_per_row=n)
        _pin_fonts(ax)
    return True


# --------------------------------------------------------------------------- contributions


def dimension_colour(index: int) -> str:
    return DIMENSION_COLOURS[index % len(DIMENSION_COLOURS)]


#: A pattern per dimension, so stacked parts stay apart in greyscale print.
DIMENSION_HATCHES = ("", "//", "..", "\\\\", "xx", "--", "oo", "++")


def dimension_hatch(index: int) -> str:
    return DIMENSION_HATCHES[index % len(DIMENSION_HATCHES)]


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
        ranked = _ranked(projects)
        if not ranked:
            return _empty(ax, text("no_projects", lang))
        _title(ax, "chart_contributions", scheme, lang, title)
        y = np.arange(len(ranked))
        left = np.zeros(len(ranked))
        for k, dimension in enumerate(scheme.dimensions):
            width = np.array([p.dimensions.get(dimension, 0.0) for p in ranked])
            name = dimension_label(scheme, dimension, lang)
            bars = _hbars(ax, y, width, left=left, facecolor=dimension_colour(k), hatch=dimension_hatch(k),
                          edgecolor="#FFFFFF", linewidth=0.0, label=name)
            note_hover(bars, lambda i, name=name, width=width: _value_hover(ranked[i],
                                                                            f"{name} {width[i]:.2f}"))
            left += width
        bonus = np.array([p.bonus for p in ranked])
        if bonus.any():
            _hbars(ax, y, bonus, left=left, facecolor="#FFFFFF", edgecolor="#009E73", hatch="++",
                   label=text("bonus", lang))
        penalty = np.array([p.penalty for p in ranked])
        if penalty.any():
            _hbars(ax, y, -penalty, facecolor="#FFFFFF", edgecolor=VETO_COLOUR, hatch="--",
                   label=text("penalty", lang))
        ax.scatter([p.total for p in ranked], y, marker="|", s=120, color="#000000", zorder=4,
                   label=text("total", lang))
        ax.axvline(0, color="#444444", linewidth=0.8)
        ax.set_xlim(-max(5.0, float(penalty.max()) * 1.3),
                    max(scheme.total_points, float((left + bonus).max())) * 1.05)
        ax.set_ylim(len(ranked) - 0.5, -0.5)
        _set_row_labels(ax, ranked)
        ax.set_xlabel(text("points", lang), fontfamily=font_family())
        ax.grid(axis="x", color="#DDDDDD", zorder=0)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=_legend_font(), frameon=False)
        _pin_fonts(ax)
    return True


# --------------------------------------------------------------------------- radar


def draw_radar(ax: Axes, scheme: Scheme, projects: Sequence[ProjectResult],
               selected: Sequence[ProjectResult] | None = None, lang: str = "zh",
               title: str | None = None, legend: bool = True) -> bool:
    """Dimension scores as % of each dimension's maximum, against the scheme's mean and best.

    Parameters
    ----------
    ax : Axes
        A plain Axes, on which the radar is drawn as a polygon web (fast: the PDF report draws
        one per project), or a polar Axes (``projection="polar"``), e.g. in the GUI.
    scheme : Scheme
    projects : sequence of ProjectResult
        All projects of the scheme: the mean and the per-dimension best come from them.
    selected : sequence of ProjectResult, optional
        The projects to draw (at most about five stay readable); default the top-ranked one.
    lang : {"zh", "en"}
    title : str, optional
    legend : bool
        Add the legend under the chart.

    Returns
    -------
    bool
        False when there was nothing to draw (no projects, or fewer than 3 dimensions).
    """
    lang = normalise_lang(lang)
    with chart_style():
        ranked = _ranked(projects)
        dims = scheme.dimensions
        if not ranked or len(dims) < 3:
            return _empty(ax, text("no_projects", lang))
        chosen = list(selected) if selected is not None else ranked[:1]
        named = f"{scheme_label(scheme, lang)}  {scheme.version}"
        heading = f"{text('chart_radar', lang)}\n{named}" if title is None else title
        ax.set_title(heading, fontsize=11, pad=24 if ax.name == "polar" else 6, fontfamily=font_family())
        percents = np.array([dimension_percent(scheme, p) for p in ranked])
        web = _RadarWeb(ax, len(dims), max(100.0, float(percents.max())))
        frame_labels = ["\n".join(wrap_text(dimension_label(scheme, d, lang), 13, 2)) for d in dims]
        web.draw_frame(frame_labels)
        web.series(percents.mean(axis=0), text("scheme_mean", lang), "#666666", "--", 0.0)
        web.series(percents.max(axis=0), text("scheme_best", lang), "#222222", ":", 0.0)
        shown = [web.series(dimension_percent(scheme, project), _radar_label(project), dimension_colour(k),
                            "-", 0.15) for k, project in enumerate(chosen)]
        for (line, _fill), project in zip(shown, chosen, strict=True):
            hover = [_value_hover(project, f"{dimension_label(scheme, d, lang)} {v:.0f}%")
                     for d, v in zip(dims, dimension_percent(scheme, project), strict=True)]
            note_hover(line, [*hover, hover[0]])  # the closed polygon's last vertex is its first
        labels = []
        if legend:
            # on a polar Axes, below the label of a dimension pointing down, which hangs under
            # the circle (the web keeps room for its labels inside its Axes)
            below = offset_copy(ax.transAxes, fig=ax.figure, y=-web.label_drop(frame_labels), units="points")
            box = ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below,
                            ncol=2, prop=_legend_font(), frameon=False)
            labels = box.get_texts()[-len(chosen):] if chosen else []
        _pin_fonts(ax)
        _RADARS[ax] = (web, scheme, shown, labels)
    return True


#: The radars drawn by ``draw_radar``, for ``show_on_radar``: web, scheme, (line, fill) per
#: selected project, and their legend labels.
_RADARS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _radar_label(project: ProjectResult) -> str:
    return _row_label(project)


class RadarBackdrop:
    """A scheme's radar without its projects, as an image, and where a project's polygon goes.

    The PDF report draws the web, the scheme's mean and best once per scheme and each
    project's polygon over it as vectors: building a radar costs more than drawing one.
    """

    def __init__(self, image, ax: Axes, web: _RadarWeb) -> None:
        self.image = image  # PIL image
        self._transform = ax.transData.frozen()
        self._size = ax.figure.bbox.width, ax.figure.bbox.height
        self._web = web

    def fractions(self, values: Sequence[float]) -> list[tuple[float, float]]:
        """The closed polygon through ``values`` (% per dimension) as fractions of the image,
        from its bottom-left corner."""
        x, y = self._web.closed(values)
        pixels = self._transform.transform(np.column_stack([x, y]))
        width, height = self._size
        return [(px / width, py / height) for px, py in pixels]


def radar_backdrop(scheme: Scheme, projects: Sequence[ProjectResult], lang: str, side: float,
                   dpi: int) -> RadarBackdrop | None:
    """The radar of ``projects``' scheme without a selected project, ``side`` inches square.

    None when there is no radar to draw (fewer than three dimensions).
    """
    figure = Figure(figsize=(side, side))
    ax = figure.add_axes((0.12, 0.2, 0.76, 0.74))
    with chart_style():
        if not draw_radar(ax, scheme, projects, selected=[], lang=lang, title=""):
            return None
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, prop=_legend_font(7),
                  frameon=False)
        _pin_fonts(ax)
        image = figure_image(figure, dpi)
    return RadarBackdrop(image, ax, _RADARS[ax][0])


def show_on_radar(ax: Axes, scheme: Scheme, selected: Sequence[ProjectResult]) -> bool:
    """Show other projects on a radar ``draw_radar`` drew on ``ax``, as if drawn for them.

    The web, the scheme's mean and best stay; only the selected projects' polygons and legend
    labels change. The PDF report draws one radar per project page this way (building a
    radar costs more than drawing it).

    Returns
    -------
    bool
        False, with nothing changed, when ``ax`` holds no radar of ``scheme`` with as many
        selected projects: draw a new one then.
    """
    radar = _RADARS.get(ax)
    if radar is None or radar[1] is not scheme or len(radar[2]) != len(selected):
        return False
    web, _, shown, labels = radar
    if labels and len(labels) != len(selected):
        return False
    for k, ((line, fill), project) in enumerate(zip(shown, selected, strict=True)):
        x, y = web.closed(dimension_percent(scheme, project))
        line.set_data(x, y)
        if fill is not None:
            fill.set_xy(np.column_stack([x, y]))
        if labels:
            labels[k].set_text(_radar_label(project))
    return True


class _RadarWeb:
    """Radar geometry on a polar Axes or, as x = r·sin θ, y = r·cos θ, on a plain one.

    The first dimension points up and the others follow clockwise in both cases.
    """

    RINGS = (20, 40, 60, 80, 100)

    def __init__(self, ax: Axes, n: int, top: float) -> None:
        self.ax, self.top = ax, top
        self.polar = ax.name == "polar"
        self.angles = np.linspace(0, 2 * np.pi, n, endpoint=False)

    def closed(self, values) -> tuple[np.ndarray, np.ndarray]:
        """Coordinates of the closed polygon through ``values`` (one per dimension)."""
        angles = np.append(self.angles, self.angles[0])
        radius = np.append(np.asarray(values, dtype=float), float(values[0]))
        if self.polar:
            return angles, radius
        return radius * np.sin(angles), radius * np.cos(angles)

    #: Points between a polar radar's circle and its dimension labels, and their size.
    LABEL_PAD, LABEL_SIZE = 10.0, 9

    def label_drop(self, labels: list[str]) -> float:
        """Points a legend under the Axes keeps clear below it: on a polar Axes, the label of
        a dimension pointing down hangs under the circle by its pad and its lines."""
        if not self.polar:
            return 0.0
        down = [k for k, angle in enumerate(self.angles) if np.cos(angle) < -0.95]
        if not down:
            return 4.0
        lines = labels[down[0]].count("\n") + 1
        return self.LABEL_PAD + lines * self.LABEL_SIZE * 1.25 + 4.0

    def series(self, values, label: str, colour: str, style: str, fill: float) -> tuple:
        """Draw a polygon; return its line and its fill (None without)."""
        x, y = self.closed(values)
        (line,) = self.ax.plot(x, y, linestyle=style, color=colour, linewidth=1.6, label=label, zorder=3)
        patches = self.ax.fill(x, y, color=colour, alpha=fill, zorder=2) if fill else [None]
        return line, patches[0]

    def draw_frame(self, labels: list[str]) -> None:
        if self.polar:
            self._polar_frame(labels)
        else:
            self._web_frame(labels)

    def _polar_frame(self, labels: list[str]) -> None:
        ax = self.ax
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_xticks(self.angles, labels, fontsize=self.LABEL_SIZE, fontfamily=font_family())
        ax.set_ylim(0, self.top)
        ax.set_yticks(self.RINGS, ["20", "40", "60", "80", "100%"], fontsize=7, color="#777777")
        ax.set_rlabel_position(0)
        ax.tick_params(axis="x", pad=self.LABEL_PAD)

    def _web_frame(self, labels: list[str]) -> None:
        ax = self.ax
        for ring in self.RINGS:
            x, y = self.closed(np.full(len(self.angles), ring))
            ax.plot(x, y, color="#CCCCCC", linewidth=0.6, zorder=1)
            ax.text(0, ring, f"{ring}%" if ring == 100 else str(ring), fontsize=6, color="#888888",
                    fontfamily=font_family(),
                    ha="left", va="bottom", zorder=1)
        for angle, label in zip(self.angles, labels, strict=True):
            sx, sy = np.sin(angle), np.cos(angle)
            ax.plot([0, self.top * sx], [0, self.top * sy], color="#CCCCCC", linewidth=0.6, zorder=1)
            ha = "center" if abs(sx) < 0.2 else ("left" if sx > 0 else "right")
            va = "bottom" if sy > 0.2 else ("top" if sy < -0.2 else "center")
            ax.text(self.top * 1.08 * sx, self.top * 1.08 * sy, label, ha=ha, va=va, fontsize=8,
                    fontfamily=font_family())
        reach = self.top * 1.18
        # room for two-line labels on every side
        ax.set_xlim(-reach * 1.45, reach * 1.45)
        ax.set_ylim(-reach * 1.22, reach * 1.22)
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()


# --------------------------------------------------------------------------- heatmap


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
        ranked = _ranked(projects)
        criteria = heatmap_criteria(scheme)
        if not ranked or not criteria:
            return _empty(ax, text("no_projects", lang))
        fraction, status = _fraction_matrix(ranked, criteria)
        # room between the title and the axes for the status legend
        _title(ax, "chart_heatmap", scheme, lang, title, pad=20.0)
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
            return _value_hover(ranked[row], f"{c.code} {indicator_label(c, lang)} {words} "
                                             f"{_fraction_text(fraction[row, col])}")

        note_hover(image, cell_text)
        present = _draw_status_cells(ax, status)
        _draw_override_marks(ax, status)
        _set_row_labels(ax, ranked)
        _set_criterion_labels(ax, criteria, lang)
        ax.set_xlim(-0.5, len(criteria) - 0.5)
        ax.set_ylim(len(ranked) - 0.5, -0.5)
        if colorbar:
            bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
            bar.set_label(text("fraction", lang), fontfamily=font_family())
        _status_legend(ax, present | ({"override"} if (status == "override").any() else set()), lang)
        _pin_fonts(ax)
    return True


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
        mesh.set_facecolor(colours.reshape(-1, 4))
    return present


def _draw_override_marks(ax: Axes, status: np.ndarray) -> None:
    rows, cols = np.nonzero(status == "override")
    if len(rows):
        ax.scatter(cols + 0.32, rows - 0.3, marker="v", s=14, color=OVERRIDE_MARK, zorder=4)


def _set_criterion_labels(ax: Axes, criteria: list, lang: str) -> None:
    """Codes with short names when few, codes alone when many (names are in the tables)."""
    if len(criteria) <= 20:
        labels = [_criterion_label(c, lang) for c in criteria]
        ax.set_xticks(range(len(criteria)), labels, rotation=55, ha="right", fontfamily=font_family(),
                      rotation_mode="anchor", fontsize=8)
    else:
        ax.set_xticks(range(len(criteria)), [c.code for c in criteria], rotation=90, fontsize=6)
    ax.tick_params(axis="x", length=0)


def _criterion_label(criterion, lang: str) -> str:
    """Code and whole indicator name, wrapped onto lines of 20 cells (never cut)."""
    return "\n".join(wrap_text(f"{criterion.code} {indicator_label(criterion, lang)}", 20, max_lines=None))


def _status_legend(ax: Axes, present: set[str], lang: str) -> None:
    handles = []
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
                  bbox_to_anchor=(0.0, 1.0), ncol=len(handles), prop=_legend_font(), frameon=False,
                  borderaxespad=0.0,
                  handlelength=1.6, handler_map={tuple: HandlerTuple(ndivide=None, pad=0)})


# --------------------------------------------------------------------------- synergy


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
        ranked = [p for p in _ranked(projects) if p.synergy]
        if not ranked:
            return _empty(ax, text("no_synergy", lang))
        _title(ax, "chart_synergy", scheme, lang, title)
        bands = _draw_class_bands(ax, scheme.synergy_alpha)
        ax.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, linestyle=":", zorder=2)
        points = [(p.synergy["carbon"], p.synergy["pollution"]) for p in ranked]
        _scatter_by_grade(ax, scheme, ranked, points, lang,
                          names=(text("u_carbon", lang), text("u_pollution", lang)))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(text("u_carbon", lang), fontfamily=font_family())
        ax.set_ylabel(text("u_pollution", lang), fontfamily=font_family())
        if colorbar:
            _class_colorbar(ax, bands, lang)
        _pin_fonts(ax)
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
    from scoring.core.presentation import synergy_class_label

    bar = ax.figure.colorbar(bands, ax=ax, fraction=0.046, pad=0.03)
    bar.set_ticks(np.arange(0.05, 1.0, 0.1), labels=[synergy_class_label(k, lang) for k in range(1, 11)],
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
        return _value_hover(p, f"{names[0]} {x:.2f} · {names[1]} {y:.2f} · "
                               f"{text('total', lang)} {p.total:.2f}")

    xy = np.array(points, dtype=float)
    vetoed = np.array([bool(p.veto) for p in ranked])
    for k, grade in enumerate(scheme.grades_descending):
        mask = np.array([p.grade == grade.name for p in ranked]) & ~vetoed
        if mask.any():  # a marker shape per grade as well: apart in greyscale print
            shown = ax.scatter(xy[mask, 0], xy[mask, 1], s=40, color=colours[grade.name], edgecolor="#222222",
                               marker=GRADE_MARKERS[k % len(GRADE_MARKERS)], linewidth=0.6, zorder=5,
                               label=grade_label(grade.name, lang))
            rows = np.flatnonzero(mask)
            note_hover(shown, lambda i, rows=rows: hover(int(rows[i])))
    if vetoed.any():
        shown = ax.scatter(xy[vetoed, 0], xy[vetoed, 1], s=50, marker="X", color=VETO_COLOUR,
                           edgecolor="#FFFFFF", linewidth=0.5, zorder=6, label=text("vetoed", lang))
        rows = np.flatnonzero(vetoed)
        note_hover(shown, lambda i, rows=rows: hover(int(rows[i])))
    if len(ranked) <= MAX_ANNOTATED_POINTS:
        for (x, y), p in zip(xy, ranked, strict=True):
            ax.annotate(str(p.rank), (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7,
                        color="#222222", zorder=7)
    if outside:  # beside the axes, where it hides no quadrant label
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), prop=_legend_font(), frameon=False)
    else:
        ax.legend(loc="upper left", prop=_legend_font(), framealpha=0.9)


# --------------------------------------------------------------------------- co-control


def co_control_points(scheme: Scheme,
                      projects: Sequence[ProjectResult]) -> list[tuple[ProjectResult, float, float]]:
    """(project, CO2 reduction %, pollutant reduction %) for projects that have both."""
    found = []
    for p in _ranked(projects):
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
            return _empty(ax, text("no_co_control", lang))
        _title(ax, "chart_co_control", scheme, lang, title)
        xy = np.array([(x, y) for _, x, y in found])
        xlim, ylim = _quadrant_limits(xy[:, 0]), _quadrant_limits(xy[:, 1])
        _draw_quadrants(ax, xlim, ylim, lang)
        _scatter_by_grade(ax, scheme, [p for p, _, _ in found], [tuple(v) for v in xy], lang, outside=True,
                          names=(text("co2_reduction", lang), text("pollutant_reduction", lang)))
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xlabel(text("co2_reduction", lang), fontfamily=font_family())
        ax.set_ylabel(text("pollutant_reduction", lang), fontfamily=font_family())
        _pin_fonts(ax)
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
        x, y = (0.0, xlim[1]) if right else (xlim[0], 0.0), (0.0, ylim[1]) if up else (ylim[0], 0.0)
        ax.add_patch(Rectangle((x[0], y[0]), x[1] - x[0], y[1] - y[0], color=colour, zorder=0, linewidth=0))
    ax.axhline(0, color="#444444", linewidth=0.8, zorder=1)
    ax.axvline(0, color="#444444", linewidth=0.8, zorder=1)
    reach = max(abs(v) for v in (*xlim, *ylim))
    ax.plot([-reach, reach], [-reach, reach], color="#888888", linestyle=":", linewidth=0.8, zorder=1)
    corners = {"quadrant_1": (0.98, 0.98, "right", "top"), "quadrant_2": (0.02, 0.98, "left", "top"),
               "quadrant_3": (0.02, 0.02, "left", "bottom"), "quadrant_4": (0.98, 0.02, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        ax.text(x, y, text(key, lang), transform=ax.transAxes, ha=ha, va=va, fontsize=9,
                fontfamily=font_family(), color="#555555", zorder=2)


# --------------------------------------------------------------------------- figures


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
    return max((_text_inches(line, size) for p in projects for line in _row_label(p).split("\n")),
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
        longest = max((max(_text_inches(line, 8) for line in _criterion_label(c, lang).split("\n"))
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


def figure_image(figure: Figure, dpi: int):
    """The figure drawn at ``dpi`` as a PIL RGB image, without encoding a PNG.

    The PDF report embeds pixels (ReportLab compresses them itself); encoding a PNG first and
    decoding it again cost more than drawing the chart.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    original = figure.dpi
    figure.set_dpi(dpi)
    try:
        with chart_style(), _unhinted():
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            width, height = canvas.get_width_height()
            pixels = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
            return pixels.convert("RGB")
    finally:
        figure.set_dpi(original)


@contextlib.contextmanager
def _unhinted():
    """Lay text out without FreeType's hinting while drawing a print-resolution image.

    Hinting snaps glyphs to a screen's pixel grid, which a 200-dpi image does not need, and
    FreeType's auto-hinter analyses every Chinese glyph it loads: without it a chart's text,
    most of its drawing time, costs about half. Only this key is restored (as chart_style).
    """
    saved = matplotlib.rcParams["text.hinting"]
    matplotlib.rcParams["text.hinting"] = "none"
    try:
        yield
    finally:
        matplotlib.rcParams["text.hinting"] = saved


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
