"""The one function between the GUI's canvas and scoring.reports.charts.

The chart functions draw on a given Axes; this module clears the GUI's Figure, makes the
right kind of Axes (polar for the radar) and calls them inside their style context (the CJK
font), so Chinese labels render on screen exactly as in the PDF.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from scoring.core.model import Scheme
from scoring.core.results import ProjectResult
from scoring.io.atomic import replacing
from scoring.reports.charts import bars, common, figures, kinds
from scoring.reports.fonts import font_families

CHART_KINDS: tuple[str, ...] = kinds.CHART_KINDS


def draw_chart(
    figure: Figure,
    kind: str,
    scheme: Scheme | None,
    projects: list[ProjectResult],
    lang: str,
    selected: list[ProjectResult] | None = None,
    empty_text: str = "",
) -> bool:
    """Clear ``figure`` and draw chart ``kind``; return whether it shows data."""
    figure.clear()
    ax = figure.add_subplot(projection="polar" if kind == "radar" else None)
    options = {"selected": selected or None} if kind == "radar" else {}
    with common.chart_style():
        if scheme is None:
            ax.set_axis_off()
            ax.text(
                0.5,
                0.5,
                empty_text,
                ha="center",
                va="center",
                transform=ax.transAxes,
                color="#555555",
                fontfamily=font_families(),
            )
            return False
        return bool(figures.DRAWERS[kind](ax, scheme, projects, lang=lang, **options))


def show_point_tooltips(canvas) -> None:
    """Tooltips on a canvas's chart points: the project (or criterion) and its value under the
    pointer (scoring.reports.charts.hover_text), as the canvas's tooltip, updated while it shows."""
    from PySide6.QtGui import QCursor
    from PySide6.QtWidgets import QToolTip

    def on_motion(event) -> None:
        found = common.hover_text(canvas.figure, event) or ""
        if found == canvas.toolTip():
            return
        canvas.setToolTip(found)
        if QToolTip.isVisible():  # Qt shows a new tooltip only when the pointer rests again
            if found:
                QToolTip.showText(QCursor.pos(), found, canvas)
            else:
                QToolTip.hideText()

    canvas.mpl_connect("motion_notify_event", on_motion)


def save_figure(figure: Figure, path: str | Path) -> Path:
    """Save a figure as PNG or SVG (by extension; PNG when there is none)."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg"):
        fmt, path = "png", path.with_suffix(".png")
    with common.chart_style(), replacing(path) as temporary:  # in one step, like every output
        figure.savefig(temporary, format=fmt, dpi=150)
    return path


def draw_points_lost(figure: Figure, scheme: Scheme, project: ProjectResult, lang: str) -> bool:
    """Clear ``figure`` and draw the project's points lost per criterion, largest first."""
    figure.clear()
    ax = figure.add_subplot()
    with common.chart_style():
        return bool(bars.draw_points_lost(ax, scheme, project, lang=lang, title=project.project_id))


def draw_points_lost_compared(figure: Figure, comparison, lang: str) -> bool:
    """Clear ``figure`` and draw the compared projects' points lost, overlaid
    (a scoring.analysis.compare.Comparison)."""
    figure.clear()
    ax = figure.add_subplot()
    with common.chart_style():
        return bool(bars.draw_points_lost_compared(ax, comparison, lang=lang))
