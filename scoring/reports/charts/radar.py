"""The radar of dimension scores (% of each dimension's maximum) against the scheme's mean and
best, on a polar Axes (the GUI) or as a polygon web on a plain one (files), and the PDF's
per-project radar: the scheme's web drawn once as an image, each project's polygon over it.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.transforms import Transform, offset_copy

from scoring.core.figures import dimension_percent
from scoring.core.model import Scheme
from scoring.core.presentation import dimension_label, normalise_lang, scheme_label, text
from scoring.core.results import ProjectResult
from scoring.core.textlayout import wrap_text
from scoring.reports.charts.common import (
    by_rank,
    chart_style,
    dimension_colour,
    empty_chart,
    figure_image,
    figure_of,
    font_family,
    legend_font,
    note_hover,
    pin_fonts,
    row_label,
    value_hover,
)

#: Vertex markers of the projects drawn on a radar, in order (the mean and best have none).
PROJECT_MARKERS = ("o", "s", "^", "D", "v")


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
        ranked = by_rank(projects)
        dims = scheme.dimensions
        if not ranked or len(dims) < 3:
            return empty_chart(ax, text("no_projects", lang))
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
        # a marker shape per project as well as a colour: apart in greyscale print
        shown = [web.series(dimension_percent(scheme, project), _radar_label(project), dimension_colour(k),
                            "-", 0.15, PROJECT_MARKERS[k % len(PROJECT_MARKERS)])
                 for k, project in enumerate(chosen)]
        for (line, _fill), project in zip(shown, chosen, strict=True):
            hover = [value_hover(project, f"{dimension_label(scheme, d, lang)} {v:.0f}%")
                     for d, v in zip(dims, dimension_percent(scheme, project), strict=True)]
            note_hover(line, [*hover, hover[0]])  # the closed polygon's last vertex is its first
        labels = []
        if legend:
            # on a polar Axes, below the label of a dimension pointing down, which hangs under
            # the circle (the web keeps room for its labels inside its Axes)
            below = offset_copy(ax.transAxes, fig=figure_of(ax), y=-web.label_drop(frame_labels),
                                units="points")
            box = ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=below,
                            ncol=2, prop=legend_font(), frameon=False)
            labels = box.get_texts()[-len(chosen):] if chosen else []
        pin_fonts(ax)
        _RADARS[ax] = (web, scheme, shown, labels)
    return True


#: The radars drawn by ``draw_radar``, for ``show_on_radar``: web, scheme, (line, fill) per
#: selected project, and their legend labels.
_RADARS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _radar_label(project: ProjectResult) -> str:
    return row_label(project)


class RadarBackdrop:
    """A scheme's radar without its projects, as an image, and where a project's polygon goes.

    The PDF report draws the web, the scheme's mean and best once per scheme and each
    project's polygon over it as vectors: building a radar costs more than drawing one.
    """

    def __init__(self, image, ax: Axes, web: _RadarWeb) -> None:
        self.image = image  # PIL image
        # stub gap: the stub types frozen() as TransformNode's; a Transform's is a Transform
        self._transform: Transform = ax.transData.frozen()  # type: ignore[assignment]
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, prop=legend_font(7),
                  frameon=False)
        pin_fonts(ax)
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

    def series(self, values, label: str, colour: str, style: str, fill: float, marker: str = "") -> tuple:
        """Draw a polygon (a ``marker`` on each vertex, if given); return its line and its fill
        (None without)."""
        x, y = self.closed(values)
        (line,) = self.ax.plot(x, y, linestyle=style, color=colour, linewidth=1.6, label=label, zorder=3,
                               marker=marker or None, markersize=4.5)
        patches = self.ax.fill(x, y, color=colour, alpha=fill, zorder=2) if fill else [None]
        return line, patches[0]

    def draw_frame(self, labels: list[str]) -> None:
        if isinstance(self.ax, PolarAxes):  # self.polar
            self._polar_frame(self.ax, labels)
        else:
            self._web_frame(labels)

    def _polar_frame(self, ax: PolarAxes, labels: list[str]) -> None:
        ax.set_theta_offset(np.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_xticks(self.angles, labels, fontsize=self.LABEL_SIZE, fontfamily=font_family())
        ax.set_ylim(0, self.top)
        ax.set_yticks(self.RINGS, ["20", "40", "60", "80", "100%"], fontsize=7, color="#777777")
        ax.set_rlabel_position(0)
        ax.tick_params(axis="x", pad=self.LABEL_PAD)
        # a label beside the circle grows away from it (matplotlib centres it on its tick, so a
        # long one ran over the circle and the polygons), as on the web
        for angle, label in zip(self.angles, ax.get_xticklabels(), strict=True):
            sin = np.sin(angle)
            label.set_horizontalalignment("center" if abs(sin) < 0.2 else "left" if sin > 0 else "right")

    def _web_frame(self, labels: list[str]) -> None:
        ax = self.ax
        for ring in self.RINGS:
            x, y = self.closed(np.full(len(self.angles), ring))
            ax.plot(x, y, color="#CCCCCC", linewidth=0.6, zorder=1)
            # under its ring: above it, "100%" ran into the label of the dimension pointing up
            ax.text(0, ring, f"{ring}%" if ring == 100 else str(ring), fontsize=6, color="#888888",
                    fontfamily=font_family(), ha="left", va="top", zorder=1)
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
