"""What every chart shares: the CJK style they draw in, titles, row labels, horizontal bars,
the colours and patterns of dimensions, hover texts for the GUI's tooltips, and rows fitted to
the height of their axes.

Every chart module (:mod:`~scoring.reports.charts.bars`, :mod:`~scoring.reports.charts.radar`,
:mod:`~scoring.reports.charts.heatmap`, :mod:`~scoring.reports.charts.scatter`, and the robustness
and tracking charts) draws with these, so a label, a colour or a font is decided once.
"""

from __future__ import annotations

import contextlib
import math
import threading
import weakref
from collections.abc import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.typing import RcKeyType

from scoring.core.model import Scheme
from scoring.core.presentation import VETO_COLOUR, grade_colours, grade_label, scheme_label, text
from scoring.core.results import ProjectResult
from scoring.core.textlayout import wrap_text
from scoring.reports.fonts import font_families, font_rc

#: Above this many projects, bar and heatmap rows lose their name labels (ranks only): a
#: printed label must stay readable, so callers split long lists into pages instead.
MAX_LABELLED_ROWS = 60


#: Above this many points, scatter charts stop writing rank numbers beside each point.
MAX_ANNOTATED_POINTS = 40


NAME_WIDTH = 52  # label width in Latin cells (a Chinese character counts two); longer names wrap


DIMENSION_COLOURS = ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                     "#999999")


#: Marker shapes of the grades on scatter charts, best first.
GRADE_MARKERS = ("o", "s", "^", "D", "v", "P")


ChartFunction = Callable[..., bool]


_STYLE = threading.local()  # the families of the open chart_style of this thread


#: The rc keys chart_style sets. Only these are restored on exit (not the whole rcParams, as
#: ``rc_context`` would), so a chart drawn in the GUI thread cannot undo the PDF settings of a
#: report being written in a worker thread at the same time.
STYLE_KEYS: tuple[RcKeyType, ...] = ("font.family", "font.sans-serif", "axes.unicode_minus")


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


def legend_font(size: float = 8) -> dict:
    return {"family": font_family(), "size": size}


def pin_fonts(ax: Axes) -> None:
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


def by_rank(projects: Sequence[ProjectResult]) -> list[ProjectResult]:
    return sorted(projects, key=lambda p: (p.rank, p.project_id))


def chart_title(ax: Axes, key: str, scheme: Scheme, lang: str, title: str | None, pad: float = 6.0) -> None:
    heading = title if title is not None else text(key, lang)
    named = f"{scheme_label(scheme, lang)}  {scheme.version}"
    ax.set_title(f"{heading}\n{named}", fontsize=11, loc="left", pad=pad, fontfamily=font_family())


def empty_chart(ax: Axes, message: str) -> bool:
    """Say on the chart why it is empty (rather than draw blank axes); returns False."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555",
            transform=ax.transAxes, fontfamily=font_family())
    return False


def row_label(p: ProjectResult) -> str:
    """"3. 无锡市…" as a row label: rank and whole name, on two lines when it is long."""
    return "\n".join(wrap_text(f"{p.rank}. {p.name or p.project_id}", NAME_WIDTH, max_lines=None))


def set_row_labels(ax: Axes, projects: list[ProjectResult]) -> None:
    """Names on the y axis (top row first); only ranks, thinned, when there are too many."""
    n = len(projects)
    if n <= MAX_LABELLED_ROWS:
        ax.set_yticks(range(n), [row_label(p) for p in projects], fontsize=8 if n > 25 else 9,
                      fontfamily=font_family())
        return
    step = max(1, math.ceil(n / 40))
    ticks = list(range(0, n, step))
    ax.set_yticks(ticks, [str(projects[i].rank) for i in ticks], fontsize=7)


def grade_legend_handles(scheme: Scheme, lang: str, with_veto: bool) -> list[Patch]:
    colours = grade_colours(scheme)
    handles = [Patch(facecolor=colours[g.name], label=grade_label(g.name, lang))
               for g in scheme.grades_descending]
    if with_veto:
        handles.append(Patch(facecolor="#FFFFFF", edgecolor=VETO_COLOUR, hatch="////",
                             label=text("vetoed", lang)))
    return handles


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


def value_hover(project: ProjectResult, values: str) -> str:
    """``C-2024-001 湖州市…`` and its value(s) on the next line."""
    return f"{project.project_id} {project.name}\n{values}"


def hbars(ax: Axes, y: np.ndarray, width: np.ndarray, left: np.ndarray | float = 0.0, height: float = 0.72,
           zorder: float = 2, **style) -> PolyCollection:
    """Horizontal bars as one collection: ``barh`` makes one artist per bar, which costs
    seconds for a few hundred bars in a printed report."""
    left = np.broadcast_to(np.asarray(left, dtype=float), np.shape(width))
    right = left + np.asarray(width, dtype=float)
    top, bottom = np.asarray(y) - height / 2, np.asarray(y) + height / 2
    verts = np.stack([np.stack([left, top], 1), np.stack([right, top], 1), np.stack([right, bottom], 1),
                      np.stack([left, bottom], 1)], axis=1)
    style.setdefault("linewidth", 0.0)
    # stub gap: the stub wants a sequence of polygons; an (N, 4, 2) array is what PolyCollection
    # takes on its fast path (no copy per polygon), and what makes a few hundred bars cheap
    bars = PolyCollection(verts, zorder=zorder, **style)  # type: ignore[arg-type]
    ax.add_collection(bars)
    return bars


def dimension_colour(index: int) -> str:
    return DIMENSION_COLOURS[index % len(DIMENSION_COLOURS)]


#: A pattern per dimension, so stacked parts stay apart in greyscale print.
DIMENSION_HATCHES = ("", "//", "..", "\\\\", "xx", "--", "oo", "++")


def dimension_hatch(index: int) -> str:
    return DIMENSION_HATCHES[index % len(DIMENSION_HATCHES)]


#: Size of a bar chart's row labels, and the points a row needs besides its label's lines.
ROW_LABEL_SIZE, ROW_GAP = 8, 3.0


#: Points of a figure that a bar chart's title (two lines), x-axis label and ticks take.
BAR_DECORATIONS = 80.0


#: The figures whose canvas re-fits a chart's rows when resized, and the connection that does.
_REFITS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def figure_of(artist: Artist) -> Figure:
    """The figure ``artist`` is drawn in: the whole figure, never a subfigure's part of it."""
    figure = artist.get_figure(root=True)
    if figure is None:
        raise ValueError("the artist is in no figure: add it to one before laying it out")
    return figure


def axes_height_points(ax: Axes, decorations: float = BAR_DECORATIONS) -> float:
    """The height of ``ax`` in points once laid out.

    A figure laid out by hand (the PDF's and the workbook's, :func:`chart_figure`) has its
    axes where they will be drawn; one with a layout engine (the GUI's constrained layout)
    fits them into the figure less its ``decorations`` (title, axis label and ticks).
    """
    figure = figure_of(ax)
    height = figure.get_figheight() * 72
    if figure.get_layout_engine() is None:
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
        cells = int(min(NAME_WIDTH, figure_of(ax).get_figwidth() * 72 * 0.4 / (ROW_LABEL_SIZE * 0.5)))
        labels = ["\n".join(wrap_text(name, cells, max_lines=lines)) for name in names[:shown]]
        ax.set_yticks(range(shown), labels, fontsize=ROW_LABEL_SIZE, fontfamily=font_family())
        ax.set_ylim(shown - 0.5, -0.5)

    fit()
    figure, canvas = ax.figure, ax.figure.canvas
    previous = _REFITS.pop(figure, None)
    if previous is not None:
        canvas.mpl_disconnect(previous)
    _REFITS[figure] = canvas.mpl_connect("resize_event", lambda _event: fit() if ax in figure.axes else None)


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
