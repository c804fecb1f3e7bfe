"""The chart pages of a scheme in the PDF report: each chart on its own page, bars and
heatmap in pages of ranks, drawn at print size when their page is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    PageBreak,
)

from scoring.core.figures import has_co_control_criteria
from scoring.core.model import Scheme
from scoring.core.presentation import text
from scoring.core.results import ProjectResult
from scoring.reports.charts import figures, scatter
from scoring.reports.pdf.canvas import (
    Anchor,
    ChartImage,
)
from scoring.reports.pdf.layout import (
    CHART_ROWS_PER_PAGE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    RADAR_PROJECTS,
    Heading,
    Report,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def chart_flowable(
    kind: str,
    scheme: Scheme,
    projects: list[ProjectResult],
    lang: str,
    height: float = FRAME_HEIGHT - 30,
    **options,
) -> Flowable:
    """One chart sized to the page's frame (drawn at print size, so its text stays 7–11 pt),
    drawn when its page is (:class:`~scoring.reports.pdf.canvas.ChartImage`)."""
    size = (FRAME_WIDTH / inch, height / inch)

    def draw() -> Figure:
        return figures.chart_figure(kind, scheme, projects, lang, size=size, **options)[0]

    return ChartImage(draw, FRAME_WIDTH, height)


def chart_section(
    report: Report, scheme: Scheme, projects: list[ProjectResult], key: str
) -> Iterator[Flowable]:
    """The scheme's charts, each on its own page; bars and heatmap in pages of ranks."""
    lang = report.lang
    heading = report.scheme_heading(scheme)
    yield Anchor(f"{key}c", report.t("charts_heading"), 1, listed=True)
    for kind in ("ranked", "contributions", "heatmap"):
        for start in range(0, len(projects), CHART_ROWS_PER_PAGE):
            chunk = projects[start : start + CHART_ROWS_PER_PAGE]
            title = text(f"chart_{kind}", lang)
            if len(projects) > CHART_ROWS_PER_PAGE:
                title += f" — {report.t('ranks').format(first=chunk[0].rank, last=chunk[-1].rank)}"
            yield PageBreak()
            yield Anchor(f"{key}c{kind}{start}", title, 2)
            yield Heading("", report.styles.note, heading)
            yield chart_flowable(kind, scheme, chunk, lang, title=title)
    yield PageBreak()
    yield Anchor(f"{key}csynergy", text("chart_synergy", lang), 2)
    yield chart_flowable("synergy", scheme, projects, lang)
    if has_co_control_criteria(scheme) and scatter.co_control_points(scheme, projects):
        yield PageBreak()
        yield Anchor(f"{key}cco", text("chart_co_control", lang), 2)
        yield chart_flowable("co_control", scheme, projects, lang)
    yield PageBreak()
    yield Anchor(f"{key}cradar", text("chart_radar", lang), 2)
    yield chart_flowable("radar", scheme, projects, lang, selected=projects[:RADAR_PROJECTS])
