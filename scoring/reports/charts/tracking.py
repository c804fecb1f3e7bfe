"""Charts of pilots tracked across rounds, drawn on a given matplotlib Axes (no pyplot, no Qt).

- :func:`draw_trend`: the total of chosen projects round by round, with the scheme's grade
  bands; a round without the project leaves a gap in its line (missing, never 0).
- :func:`draw_slope`: every project's rank in one round against another (rank 1 at the top),
  rising lines green, falling orange; a project in only one of them is a lone dot, marked new
  or dropped.

The same functions draw in the GUI's Tracking view, in the workbook's PNG and in the PDF.
"""

from __future__ import annotations

from io import BytesIO

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from scoring.analysis.tracking import SchemeTracking
from scoring.core.presentation import (
    GRADE_PALETTE,
    grade_label,
    measure_label,
    normalise_lang,
    scheme_label,
    text,
)
from scoring.core.textlayout import clip_text
from scoring.reports.charts.common import chart_style, font_family, note_hover

#: Okabe–Ito, as in scoring.reports.charts: rank improved, fell, unchanged.
ROSE, FELL, SAME = "#009E73", "#D55E00", "#8C8C8C"
#: Lines of the trend chart in one figure (more would be unreadable: choose in the GUI).
MAX_TREND_LINES = 8
#: Projects whose ends are labelled on the slope chart.
MAX_SLOPE_LABELS = 40
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")


def _pin(ax: Axes) -> None:
    families = font_family()
    for artist in ax.figure.findobj(Text):
        artist.set_fontfamily(families)


def _empty(ax: Axes, lang: str) -> bool:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text("track_nothing", lang), ha="center", va="center", transform=ax.transAxes,
            fontsize=11, color="#555555")
    _pin(ax)
    return False


def trend_projects(tracking: SchemeTracking, count: int = MAX_TREND_LINES) -> list[str]:
    """Projects worth a line when none are chosen: the largest changes between the first and
    the latest round they were in, then the latest ranking."""
    def moved(track) -> float:
        present = track.present
        if len(present) < 2:
            return -1.0
        change = track.change(present[-1], present[0])
        return abs(change) if change is not None else -1.0

    ordered = sorted(tracking.projects, key=lambda t: (-moved(t), t.project_id))
    return [t.project_id for t in ordered[:count]]


def measure_values(tracking: SchemeTracking, track, measure: str) -> np.ndarray:
    """One project's ``measure`` per round: "total" and "D" as compared (scoring.analysis.tracking),
    or a dimension's points; NaN where the project was not assessed or the value is undefined."""
    values = []
    for point in track.points:
        if point is None:
            value = None
        elif measure == "total":
            value = point.compared_total
        elif measure == "D":
            value = point.compared_D
        else:
            value = point.dimensions.get(measure)
        values.append(np.nan if value is None else value)
    return np.array(values, dtype=float)


def draw_trend(ax: Axes, tracking: SchemeTracking, project_ids: list[str] | None = None,
               lang: str = "zh", measure: str = "total") -> bool:
    """Each chosen project's ``measure`` across the rounds: the total (default, with the grade
    bands), synergy D, or a dimension's points (see :func:`measure_values`).

    Returns False (and says so on the axes) when there is nothing to draw.
    """
    lang = normalise_lang(lang)
    found = [tracking.project(pid) for pid in (project_ids or trend_projects(tracking))]
    chosen = [t for t in found if t is not None][:MAX_TREND_LINES]
    with chart_style():
        if not chosen or not tracking.rounds:
            return _empty(ax, lang)
        x = np.arange(len(tracking.rounds))
        series = [measure_values(tracking, track, measure) for track in chosen]
        if measure == "total":
            top = tracking.total_points
            for (name, minimum), colour in zip(tracking.grade_bands[:-1], GRADE_PALETTE, strict=False):
                ax.axhline(minimum, color=colour, linestyle="--", linewidth=0.8, alpha=0.7, zorder=1)
                ax.text(x[-1] + 0.08, minimum, grade_label(name, lang), color=colour, fontsize=8, va="center")
        else:
            top = 1.0 if measure == "D" else max(1.0, float(np.nanmax([*np.concatenate(series), 0.0])))
        for k, (track, y) in enumerate(zip(chosen, series, strict=True)):
            colour = LINE_COLOURS[k % len(LINE_COLOURS)]
            (line,) = ax.plot(x, y, color=colour, linewidth=2, marker="o", markersize=5, zorder=3,
                              label=clip_text(f"{track.project_id} {track.name}", 22))
            shown = measure_label(measure, lang, tracking)
            note_hover(line, [f"{track.project_id} {track.name}\n{r.label} {shown} "
                              f"{f'{v:.2f}' if np.isfinite(v) else '—'}"
                              for r, v in zip(tracking.rounds, y, strict=True)])
        ax.set_xticks(x, [r.label for r in tracking.rounds], fontsize=9)
        ax.set_xlim(-0.3, len(x) - 0.4 + 0.5)
        ax.set_ylim(0, top * 1.05)
        ax.set_ylabel(measure_label(measure, lang, tracking), fontsize=9)
        ax.grid(axis="y", color="#EEEEEE", zorder=0)
        heading = text("track_trend", lang) if measure == "total" else measure_label(measure, lang, tracking)
        ax.set_title(f"{heading}\n{scheme_label(tracking, lang)}", fontsize=11, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.06, 1.0), fontsize=8, frameon=False)
        _pin(ax)
    return True


def _one_side(earlier: int | None, later: int | None) -> tuple[int, int]:
    """(side, rank) of a project ranked in one of the two rounds only: side 0 the earlier."""
    if earlier is not None:
        return 0, earlier
    if later is None:
        raise ValueError("a project ranked in neither round has no place on the slope chart")
    return 1, later


def draw_slope(ax: Axes, tracking: SchemeTracking, earlier: int, later: int, lang: str = "zh") -> bool:
    """Every project's rank in round ``earlier`` (left) and ``later`` (right), as compared."""
    lang = normalise_lang(lang)
    pairs = [(pid, a, b) for pid, a, b in tracking.slope(earlier, later) if a is not None or b is not None]
    with chart_style():
        if not pairs:
            return _empty(ax, lang)
        lowest = max(r for _, a, b in pairs for r in (a, b) if r is not None)
        labelled = len(pairs) <= MAX_SLOPE_LABELS
        names = (tracking.rounds[earlier].label, tracking.rounds[later].label)
        rank_word = text("rank", lang)
        for pid, a, b in pairs:
            if a is not None and b is not None:
                colour = ROSE if b < a else FELL if b > a else SAME
                (line,) = ax.plot([0, 1], [a, b], color=colour, linewidth=1.6, marker="o", markersize=4,
                                  alpha=0.85)
                note_hover(line, [f"{pid}\n{names[0]} {rank_word} {a}", f"{pid}\n{names[1]} {rank_word} {b}"])
            else:
                side, rank = _one_side(a, b)
                (line,) = ax.plot([side], [rank], marker="o", markersize=5, color="#444444",
                                  markerfacecolor="white")
                note_hover(line, [f"{pid}\n{names[side]} {rank_word} {rank}"])
            if labelled:
                if a is not None:
                    ax.text(-0.03, a, f"{a}. {pid}", ha="right", va="center", fontsize=7)
                if b is not None:
                    note = f" ({text('track_new', lang)})" if a is None else ""
                    ax.text(1.03, b, f"{b}. {pid}{note}", ha="left", va="center", fontsize=7)
                elif a is not None:
                    ax.text(0.5, a, text("track_dropped", lang), ha="center", va="bottom", fontsize=7,
                            color="#666666")
        ax.set_xlim(-0.45, 1.45)
        ax.set_ylim(lowest + 0.7, 0.3)
        ax.set_xticks([0, 1], [tracking.rounds[earlier].label, tracking.rounds[later].label], fontsize=9)
        ax.set_yticks([])
        for edge in ("left", "right", "top"):
            ax.spines[edge].set_visible(False)
        ax.set_title(f"{text('track_slope', lang)}\n{scheme_label(tracking, lang)}", fontsize=11, loc="left")
        handles = [Line2D([], [], color=c, linewidth=2, label=text(k, lang))
                   for c, k in ((ROSE, "track_rose"), (FELL, "track_fell"), (SAME, "track_same"))]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=3, fontsize=8,
                  frameon=False)
        _pin(ax)
    return True


def trend_figure(tracking: SchemeTracking, project_ids: list[str] | None = None, lang: str = "zh") -> Figure:
    figure = Figure(figsize=(8.5, 4.2))
    figure.add_axes((0.08, 0.12, 0.58, 0.72))
    draw_trend(figure.axes[0], tracking, project_ids, lang)
    return figure


def slope_figure(tracking: SchemeTracking, earlier: int, later: int, lang: str = "zh") -> Figure:
    n = len(tracking.projects)
    figure = Figure(figsize=(8.5, max(3.6, 0.17 * min(n, 80) + 1.4)))
    figure.add_axes((0.25, 0.1, 0.5, 0.78))
    draw_slope(figure.axes[0], tracking, earlier, later, lang)
    return figure


def png(figure: Figure, dpi: int = 110) -> bytes:
    """A figure as PNG bytes (drawn with the CJK font)."""
    buffer = BytesIO()
    with chart_style(prefer_shipped_font=True):
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
