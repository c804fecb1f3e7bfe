"""The PDF report: cover, ranked tables, charts and one page per project, A4 landscape.

Drawn with matplotlib only (``Figure`` + ``PdfPages``, no pyplot, no Qt), so it runs headless
from the CLI, in tests and in the GUI's worker thread. Text is embedded as TrueType (Type 42)
subsets of a CJK font with a Unicode map: Chinese prints on any machine and can be searched,
copied and extracted.

The report is planned first as a list of pages (each a function drawing on a blank page), so
every footer can say "page X of Y" and a table that does not fit continues on the next page
under a repeated header.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from scoring import charts
from scoring.atomic import replacing
from scoring.engine import ProjectResult
from scoring.fonts import font_families
from scoring.model import Scheme
from scoring.pipeline import AssessmentRun
from scoring.presentation import (
    clip_text,
    dimension_label,
    dimension_maxima,
    format_number,
    grade_colours,
    grade_label,
    indicator_label,
    issue_kind_label,
    issue_text,
    level_label,
    normalise_lang,
    overrides_count,
    reason_label,
    rejection_text,
    severity_label,
    status_label,
    synergy_class_label,
    text,
    tint,
    wrap_text,
)
from scoring.reconcile import shown_assessment

PAGE_WIDTH, PAGE_HEIGHT = 11.69, 8.27  # A4 landscape, inches
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.45, 0.55, 0.55
ROW_HEIGHT = 0.2  # inches per table row at FONT_SIZE
FONT_SIZE = 7.5
HEADER_FILL = "#DDE3EA"
STRIPE_FILL = "#F4F6F8"
VETO_FILL = "#FDE2E2"
#: Rows of a ranked table per page, and bars/heatmap rows per chart page.
RANKED_ROWS_PER_PAGE = 30
CHART_ROWS_PER_PAGE = 40
RADAR_PROJECTS = 3
#: Vertical space of a project page's right column (inches) for its tables.
PROJECT_FLOW_TOP, PROJECT_FLOW_BOTTOM = 1.75, PAGE_HEIGHT - MARGIN_BOTTOM - 0.15


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableColumn:
    """A column of a drawn table: header, width in inches, text alignment."""

    header: str
    width: float
    align: str = "left"


@dataclass
class Table:
    """Rows of text under a header, with optional fills per row or per cell."""

    columns: list[TableColumn]
    rows: list[list[str]]
    row_fills: list[str | None] = field(default_factory=list)
    cell_fills: dict[tuple[int, int], str] = field(default_factory=dict)

    def part(self, start: int, stop: int) -> Table:
        """Rows ``start:stop`` with their fills (for a table split across pages)."""
        return Table(self.columns, self.rows[start:stop], self.row_fills[start:stop],
                     {(r - start, c): f for (r, c), f in self.cell_fills.items() if start <= r < stop})


def fit_columns(columns: list[TableColumn], width: float) -> list[TableColumn]:
    """Scale column widths so the table is exactly ``width`` inches wide."""
    total = sum(c.width for c in columns)
    return [TableColumn(c.header, c.width * width / total, c.align) for c in columns]


def _cells(width_inches: float, size: float) -> int:
    """How many Latin-character cells of text fit in a width (a Chinese character takes 2)."""
    return max(2, int(width_inches * 72 / (size * 0.52)) - 1)


def header_height(table: Table, size: float = FONT_SIZE) -> float:
    lines = max(len(wrap_text(c.header, _cells(c.width, size), 2)) for c in table.columns)
    return ROW_HEIGHT * (1.0 if lines == 1 else 1.7)


def draw_table(page: PageCanvas, table: Table, x: float, top: float, size: float = FONT_SIZE) -> float:
    """Draw a table with its top-left corner at (x, top) inches from the page's top left.

    Cell text is cut with "…" to its column; headers wrap to two lines.

    Returns
    -------
    float
        The y (inches from the top) just below the table.
    """
    head = header_height(table, size)
    width = sum(c.width for c in table.columns)
    boxes, colours = [(x, top, width, head)], [HEADER_FILL]
    for r, fill in enumerate(table.row_fills):
        if fill:
            boxes.append((x, top + head + r * ROW_HEIGHT, width, ROW_HEIGHT))
            colours.append(fill)
    lefts = np.cumsum([x] + [c.width for c in table.columns])
    for (r, c), fill in table.cell_fills.items():
        boxes.append((lefts[c], top + head + r * ROW_HEIGHT, table.columns[c].width, ROW_HEIGHT))
        colours.append(fill)
    page.boxes(boxes, colours)
    for c, column in enumerate(table.columns):
        lines = wrap_text(column.header, _cells(column.width, size), 2)
        page.text(_align_x(lefts[c], column), top + head / 2, "\n".join(lines), size, column.align, "#1F2A36")
    for r, row in enumerate(table.rows):
        y = top + head + (r + 0.5) * ROW_HEIGHT
        for c, (column, value) in enumerate(zip(table.columns, row, strict=False)):
            if value:
                page.text(_align_x(lefts[c], column), y, clip_text(value, _cells(column.width, size)), size,
                          column.align)
    bottom = top + head + len(table.rows) * ROW_HEIGHT
    page.rule(x, x + width, top + head)
    page.rule(x, x + width, bottom)
    return bottom


def _align_x(left: float, column: TableColumn) -> float:
    pad = 0.04
    if column.align == "right":
        return left + column.width - pad
    if column.align == "center":
        return left + column.width / 2
    return left + pad


class _TextBatch(Artist):
    """Many one-line strings drawn straight through the renderer, as one artist.

    A ``Text`` artist measures its string before drawing it and carries a layout of its own;
    for the hundreds of table cells of each page that doubled the time of a report. Left-
    aligned strings need no measuring at all; right- and centre-aligned ones (mostly numbers,
    which repeat) are measured once per string and size. The glyphs go through the renderer's
    own ``draw_text``, so the PDF text is embedded, searchable and extractable as usual.
    """

    def __init__(self, families: list[str], widths: dict[tuple[str, float], float] | None = None) -> None:
        super().__init__()
        self.items: list[tuple[float, float, str, float, str, str]] = []
        self.families = families
        self._widths = widths if widths is not None else {}
        self.set_zorder(5)

    def add(self, x: float, y: float, value: str, size: float, ha: str, colour: str) -> None:
        self.items.append((x, y, value, size, ha, colour))

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self.items:
            return
        props: dict[float, FontProperties] = {}
        scale = self.figure.dpi / 72.0  # points to device units
        height = self.figure.bbox.height
        gc = renderer.new_gc()
        for x, y, value, size, ha, colour in self.items:
            prop = props.get(size) or props.setdefault(size, FontProperties(family=self.families, size=size))
            px = x * 72.0 * scale
            # y is the vertical centre of the line; the baseline sits about 0.35 em below it
            py = height - (y * 72.0 + 0.35 * size) * scale
            if ha != "left":
                width = self._width(renderer, value, prop, size)
                px -= width if ha == "right" else width / 2
            gc.set_foreground(colour)
            renderer.draw_text(gc, px, py, value, prop, 0.0)
        gc.restore()

    def _width(self, renderer, value: str, prop: FontProperties, size: float) -> float:
        key = (value, size)
        if key not in self._widths:
            self._widths[key] = renderer.get_text_width_height_descent(value, prop, ismath=False)[0]
        return self._widths[key]


class _PdfTextCache:
    """Text drawn and measured once per report, for the PDF renderer of each of its pages.

    matplotlib's PDF renderer lays every string out with FreeType, reading the font file
    through Python callbacks, twice per glyph, each time it measures or draws it: that was most
    of a report's time, though most strings (headers, labels, statuses, evidence, numbers)
    repeat from page to page. ``install(renderer)`` gives one page's renderer

    - a ``get_text_width_height_descent`` remembering its answers for the whole report;
    - a ``draw_text`` that records what matplotlib writes for a string the first time it is
      drawn in the file: "q", the move to (x, y) and the rotation ("cm"), then the text
      object, which does not depend on where the string is. A string drawn again is written
      as the same move followed by the recorded text object: the same bytes, without laying
      it out again. Its glyphs are already tracked for embedding and its font named.

    Anything else (math text, links, an unexpected recording, another renderer or font type)
    goes to matplotlib's own methods.
    """

    def __init__(self) -> None:
        self._file = None
        self._tails: dict[tuple, bytes | None] = {}
        self._extents: dict[tuple, tuple[float, float, float]] = {}

    def install(self, renderer) -> None:
        """Route the text of the page ``renderer`` draws (a PDF one) through this cache."""
        from matplotlib.backends.backend_pdf import Op, RendererPdf, pdfRepr

        pdf = getattr(renderer, "_renderer", renderer)  # what a MixedModeRenderer draws with
        if (not isinstance(pdf, RendererPdf) or "draw_text" in vars(pdf)
                or matplotlib.rcParams["pdf.fonttype"] != 42 or matplotlib.rcParams["pdf.use14corefonts"]):
            return
        file = pdf.file
        if file is not self._file:  # font names and tracked glyphs belong to one file
            self._file, self._tails = file, {}
        tails, extents = self._tails, self._extents
        draw_text, measure = pdf.draw_text, pdf.get_text_width_height_descent

        def cached_draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
            features = language = None
            if mtext is not None:
                features, language = mtext.get_fontfeatures(), mtext.get_language()
            if ismath or gc.get_url() is not None:
                return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            key = (s, prop, features, language)
            tail = tails.get(key)
            if tail is not None:
                pdf.check_gc(gc, gc._rgb)
                # what draw_text writes to move and turn ("q", "cm" lines), then the recording
                if angle:
                    a = math.radians(angle)
                    file.output(Op.gsave)
                    file.output(math.cos(a), math.sin(a), -math.sin(a), math.cos(a), x, y, Op.concat_matrix)
                    file.write(tail)
                else:  # the short line output() would write, in one go
                    file.write(b"q\n1 0 -0 1 %s %s cm\n%s" % (pdfRepr(x), pdfRepr(y), tail))
                return None
            if key in tails:
                return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            pdf.check_gc(gc, gc._rgb)  # the colour goes out before the recording
            written: list[bytes] = []
            file.write = written.append
            try:
                draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
            finally:
                del file.write
            for chunk in written:
                file.write(chunk)
            usable = (len(written) > 4 and written[0] == b"q" and written[1] == written[3] == b"\n"
                      and written[2].endswith(b" cm"))
            tails[(s, prop.copy(), features, language)] = b"".join(written[4:]) if usable else None
            return None

        def cached_measure(s, prop, ismath):
            if ismath:
                return measure(s, prop, ismath)
            key = (s, prop)
            if key not in extents:
                extents[(s, prop.copy())] = measure(s, prop, ismath)
            return extents[key]

        pdf.draw_text = cached_draw_text
        pdf.get_text_width_height_descent = cached_measure


class _PageFigure(Figure):
    """A page's figure: its text goes through the report's ``_PdfTextCache`` when saved as PDF."""

    def __init__(self, recorded: _PdfTextCache | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._recorded = recorded

    def draw(self, renderer) -> None:
        if self._recorded is not None:
            self._recorded.install(renderer)
        super().draw(renderer)


class PageCanvas:
    """A blank A4 landscape page; coordinates in inches from its top-left corner."""

    def __init__(self, widths: dict[tuple[str, float], float] | None = None,
                 families: list[str] | None = None, recorded: _PdfTextCache | None = None) -> None:
        self.fig = _PageFigure(recorded, figsize=(PAGE_WIDTH, PAGE_HEIGHT))
        # widths are measured, and the PDF output of strings recorded, once per report
        self._texts = _TextBatch(families or text_families(), widths)
        self._radar: tuple[tuple, Axes] | None = None  # kept for the next page (``radar``)
        self.fig.add_artist(self._texts)

    def text(self, x: float, y: float, value: str, size: float = FONT_SIZE, ha: str = "left",
             colour: str = "#000000") -> None:
        """A line of text whose vertical centre is at ``y``; several lines for "\n"."""
        lines = value.split("\n")
        pitch = size * 1.25 / 72
        for k, line in enumerate(lines):
            if line:
                self._texts.add(x, y + (k - (len(lines) - 1) / 2) * pitch, line, size, ha, colour)

    def boxes(self, boxes: list[tuple[float, float, float, float]], colours: list[str]) -> None:
        """Filled rectangles (x, top, width, height) as one collection."""
        verts = []
        for x, top, width, height in boxes:
            x0, x1 = x / PAGE_WIDTH, (x + width) / PAGE_WIDTH
            y0, y1 = 1 - (top + height) / PAGE_HEIGHT, 1 - top / PAGE_HEIGHT
            verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
        self.fig.add_artist(PolyCollection(verts, facecolors=colours, linewidths=0,
                                           transform=self.fig.transFigure, zorder=0))

    def rule(self, x0: float, x1: float, y: float, colour: str = "#7F8C99") -> None:
        self.fig.add_artist(Line2D([x0 / PAGE_WIDTH, x1 / PAGE_WIDTH], [1 - y / PAGE_HEIGHT] * 2,
                                   color=colour, linewidth=0.6))

    def axes(self, x0: float, top: float, x1: float, bottom: float) -> Axes:
        """An Axes covering the box from (x0, top) to (x1, bottom)."""
        return self.fig.add_axes((x0 / PAGE_WIDTH, 1 - bottom / PAGE_HEIGHT, (x1 - x0) / PAGE_WIDTH,
                                  (bottom - top) / PAGE_HEIGHT))

    def radar(self, box: tuple[float, float, float, float], scheme: Scheme, projects: list[ProjectResult],
              selected: list[ProjectResult], lang: str) -> None:
        """The radar of ``selected`` against ``projects`` in ``box`` (x0, top, x1, bottom).

        On a canvas used again (``blank``), the radar of the previous page is kept and only
        shows the new projects when it is of the same scheme, projects and place.
        """
        key = (box, scheme, projects, lang)
        if self._radar is not None:
            kept_key, ax = self._radar
            if kept_key[0] == key[0] and all(a is b for a, b in zip(kept_key[1:], key[1:], strict=True)):
                if charts.show_on_radar(ax, scheme, selected):
                    ax.set_visible(True)
                    return
            ax.remove()
            self._radar = None
        ax = self.axes(*box)
        charts.draw_radar(ax, scheme, projects, selected=selected, lang=lang, title="")
        self._radar = (key, ax)

    def blank(self) -> bool:
        """Make this canvas a blank page again (its radar hidden, for the next to show).

        Returns
        -------
        bool
            False, with nothing changed, when the page holds more than text, boxes, rules and
            a radar (a chart page's axes, colour bars): draw the next page on a new canvas.
        """
        fig = self.fig
        kept = self._radar[1] if self._radar is not None else None
        if (fig.texts or fig.legends or fig.lines or fig.patches or fig.images or fig.subfigs
                or any(ax is not kept for ax in fig.axes)):
            return False
        for artist in list(fig.artists):
            if artist is not self._texts:
                artist.remove()
        self._texts.items.clear()
        if kept is not None:
            kept.set_visible(False)
        return True


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One planned page: what its footer names, and how to draw its body."""

    heading: str
    draw: Callable[[PageCanvas], None]


@dataclass
class Report:
    """Everything the page functions share."""

    run: AssessmentRun
    lang: str
    generated: _dt.datetime

    def t(self, key: str) -> str:
        return text(key, self.lang)


def _page_frame(page: PageCanvas, report: Report, heading: str, number: int, total: int) -> None:
    """Running header and footer of every page."""
    top = MARGIN_TOP - 0.25
    page.text(MARGIN_X, top, clip_text(report.t("report_title"), 70), 8, colour="#555555")
    page.text(PAGE_WIDTH - MARGIN_X, top, clip_text(heading, 90), 8, "right", "#555555")
    page.rule(MARGIN_X, PAGE_WIDTH - MARGIN_X, top + 0.12, "#BBBBBB")
    bottom = PAGE_HEIGHT - MARGIN_BOTTOM + 0.3
    page.text(MARGIN_X, bottom, f"{report.t('generated')} {report.generated:%Y-%m-%d %H:%M}", 7,
              colour="#555555")
    page.text(PAGE_WIDTH - MARGIN_X, bottom, report.t("page").format(n=number, total=total), 7, "right",
              "#555555")


def _title(page: PageCanvas, value: str, subtitle: str = "") -> None:
    # the CJK fonts have no bold face: titles stand out by size and colour instead
    page.text(MARGIN_X, MARGIN_TOP + 0.15, clip_text(value, 95), 13, colour="#1F2A36")
    if subtitle:
        page.text(MARGIN_X, MARGIN_TOP + 0.45, clip_text(subtitle, 150), 8.5, colour="#444444")


def _scheme_heading(scheme: Scheme, report: Report) -> str:
    return f"{scheme.name}  {report.t('version')} {scheme.version}"


# --------------------------------------------------------------------------- cover


def cover_page(report: Report) -> Page:
    """Title, date, and per scheme: level, version, projects, counts by grade, vetoed."""
    def draw(page: PageCanvas) -> None:
        page.text(MARGIN_X, 1.3, report.t("report_title"), 22, colour="#1F2A36")
        page.text(MARGIN_X, 1.8, f"{report.t('cover_date')}: {report.generated:%Y-%m-%d}", 11,
                  colour="#444444")
        page.text(MARGIN_X, 2.15, f"{report.t('total_projects')}: {len(report.run.projects)}    "
                  f"{report.t('rejected_inputs')}: {len(report.run.rejected)}", 11, colour="#444444")
        draw_table(page, cover_table(report), MARGIN_X, 2.7, size=9)

    return Page(report.t("report_title"), draw)


def cover_table(report: Report) -> Table:
    lang = report.lang
    columns = fit_columns([
        TableColumn(report.t("scheme"), 3.2), TableColumn(report.t("level"), 0.9),
        TableColumn(report.t("version"), 0.8), TableColumn(report.t("projects"), 0.8, "right"),
        TableColumn(report.t("grade_distribution"), 3.6), TableColumn(report.t("vetoed_count"), 0.8, "right"),
    ], PAGE_WIDTH - 2 * MARGIN_X)
    rows = []
    for scheme in report.run.schemes:
        projects = report.run.projects_of(scheme)
        counts = "  ·  ".join(f"{grade_label(g.name, lang)} {sum(1 for p in projects if p.grade == g.name)}"
                              for g in scheme.grades_descending)
        rows.append([scheme.name, level_label(scheme.level, lang), scheme.version, str(len(projects)), counts,
                     str(sum(1 for p in projects if p.veto))])
    return Table(columns, rows, [STRIPE_FILL if i % 2 else None for i in range(len(rows))])


# --------------------------------------------------------------------------- ranked tables


def ranked_table(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> Table:
    """The ranked table of a scheme: vetoed rows pink, grade cells in their colour."""
    lang = report.lang
    maxima = dimension_maxima(scheme)
    columns = [
        TableColumn(report.t("rank"), 0.45, "right"), TableColumn(report.t("project_id"), 1.0),
        TableColumn(report.t("name"), 2.4), TableColumn(report.t("region"), 1.0),
        TableColumn(report.t("total"), 0.6, "right"), TableColumn(report.t("grade"), 0.6, "center"),
        *(TableColumn(f"{dimension_label(scheme, d, lang)} ({maxima[d]:.3g})", 0.62, "right")
          for d in scheme.dimensions),
        TableColumn(report.t("bonus"), 0.45, "right"), TableColumn(report.t("penalty"), 0.45, "right"),
        TableColumn(report.t("synergy_d"), 0.55, "right"), TableColumn(report.t("synergy_class"), 0.8),
        TableColumn(report.t("veto"), 0.6), TableColumn(report.t("issues"), 0.45, "right"),
    ]
    columns = fit_columns(columns, PAGE_WIDTH - 2 * MARGIN_X)
    colours = grade_colours(scheme)
    rows, fills, cells = [], [], {}
    for r, p in enumerate(projects):
        synergy = p.synergy or {}
        rows.append([str(p.rank), p.project_id, p.name, p.region, f"{p.total:.2f}",
                     grade_label(p.grade, lang),
                     *(f"{p.dimensions.get(d, 0.0):.2f}" for d in scheme.dimensions),
                     format_number(p.bonus), format_number(p.penalty),
                     f"{synergy['D']:.3f}" if synergy else "",
                     synergy_class_label(synergy.get("class"), lang),
                     ", ".join(p.veto), str(len(p.issues))])
        fills.append(VETO_FILL if p.veto else (STRIPE_FILL if r % 2 else None))
        if p.grade in colours:
            cells[(r, 5)] = tint(colours[p.grade], 0.45)
    return Table(columns, rows, fills, cells)


def ranked_pages(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> list[Page]:
    table = ranked_table(report, scheme, projects)
    heading = _scheme_heading(scheme, report)
    pages = []
    for start in range(0, len(projects), RANKED_ROWS_PER_PAGE):
        part = table.part(start, start + RANKED_ROWS_PER_PAGE)
        chunk = projects[start:start + RANKED_ROWS_PER_PAGE]
        first, last = chunk[0].rank, chunk[-1].rank
        title = f"{report.t('ranked_results')} — {scheme.name}" + (report.t("continued") if start else "")
        ranks = report.t("ranks").format(first=first, last=last)
        subtitle = f"{report.t('version')} {scheme.version} · {ranks}"
        pages.append(Page(heading, _table_page(title, subtitle, part)))
    return pages


def _table_page(title: str, subtitle: str, table: Table) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        _title(page, title, subtitle)
        draw_table(page, table, MARGIN_X, MARGIN_TOP + 0.75)

    return draw


# --------------------------------------------------------------------------- chart pages


def chart_pages(report: Report, scheme: Scheme, projects: list[ProjectResult]) -> list[Page]:
    """The scheme's charts, one per page; bars and heatmap split into pages of ranks."""
    heading = _scheme_heading(scheme, report)
    pages = []
    for kind in ("ranked", "contributions", "heatmap"):
        for start in range(0, len(projects), CHART_ROWS_PER_PAGE):
            chunk = projects[start:start + CHART_ROWS_PER_PAGE]
            title = text(f"chart_{kind}", report.lang)
            if len(projects) > CHART_ROWS_PER_PAGE:
                title += f" — {report.t('ranks').format(first=chunk[0].rank, last=chunk[-1].rank)}"
            pages.append(Page(heading, _chart_page(report, kind, scheme, chunk, title=title)))
    pages.append(Page(heading, _chart_page(report, "synergy", scheme, projects)))
    if charts.co_control_points(scheme, projects):
        pages.append(Page(heading, _chart_page(report, "co_control", scheme, projects)))
    pages.append(Page(heading, _chart_page(report, "radar", scheme, projects,
                                           selected=projects[:RADAR_PROJECTS])))
    return pages


def _chart_page(report: Report, kind: str, scheme: Scheme, projects: list[ProjectResult],
                **options) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        shown = options.get("selected") or projects if kind == "radar" else projects
        left, right, top, bottom = charts.chart_margins(kind, scheme, shown, report.lang)
        area_top, area_bottom = MARGIN_TOP + 0.1, PAGE_HEIGHT - MARGIN_BOTTOM - 0.1
        x0, x1 = MARGIN_X + left, PAGE_WIDTH - MARGIN_X - right
        y0, y1 = area_top + top, area_bottom - bottom
        if kind in ("synergy", "co_control", "radar"):  # square charts: centre them
            side = min(x1 - x0, y1 - y0)
            x0 = (PAGE_WIDTH - side) / 2 + (left - right) / 2
            x1 = x0 + side
        charts.DRAWERS[kind](page.axes(x0, y0, x1, y1), scheme, projects, lang=report.lang, **options)

    return draw


# --------------------------------------------------------------------------- project pages


@dataclass
class Block:
    """A titled table in a project page's flow; split across pages when it does not fit."""

    title: str
    table: Table


def indicator_block(report: Report, scheme: Scheme, p: ProjectResult) -> Block:
    lang = report.lang
    columns = [
        TableColumn(report.t("code"), 0.5), TableColumn(report.t("indicator"), 2.1),
        TableColumn(report.t("value"), 0.75, "right"), TableColumn(report.t("baseline"), 0.75, "right"),
        TableColumn(report.t("fraction"), 0.55, "right"), TableColumn(report.t("points"), 0.55, "right"),
        TableColumn(report.t("status"), 0.7), TableColumn(report.t("evidence"), 1.6),
    ]
    rows, fills = [], []
    for c in scheme.criteria:
        ind = p.indicators.get(c.code)
        if ind is None:
            continue
        rows.append([c.code, indicator_label(c, lang), format_number(ind.value, 3),
                     format_number(ind.baseline, 3),
                     format_number(ind.score, 3), format_number(_points(ind.points)),
                     status_label(ind.status, lang), ind.evidence or ""])
        fills.append(_status_fill(ind.status) or (STRIPE_FILL if len(rows) % 2 == 0 else None))
    return Block(report.t("indicators"), Table(columns, rows, fills))


def _points(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0  # no "-0" for an unused penalty


def _status_fill(status: str) -> str | None:
    fills = {"missing": "#FCE4D6", "invalid": "#F8CBAD", "pending": "#EDEDED", "override": "#DDEBF7"}
    return fills.get(status)


def issue_block(report: Report, p: ProjectResult) -> Block:
    columns = [TableColumn(report.t("severity"), 0.55), TableColumn(report.t("issue_kind"), 1.2),
               TableColumn(report.t("location"), 1.8), TableColumn(report.t("message"), 3.95)]
    rows = [[severity_label(i.severity, report.lang), issue_kind_label(i.kind, report.lang), i.location,
             issue_text(i, report.lang)] for i in p.issues]
    fills = [VETO_FILL if i.kind == "veto" else None for i in p.issues]
    if not rows:
        rows, fills = [["", report.t("no_issues"), "", ""]], [None]
    return Block(report.t("issue_list"), Table(columns, rows, fills))


def override_block(report: Report, scheme: Scheme, p: ProjectResult) -> Block | None:
    overridden = [ind for ind in p.indicators.values() if ind.status == "override"]
    if not overridden:
        return None
    columns = [TableColumn(report.t("code"), 0.5), TableColumn(report.t("indicator"), 1.9),
               TableColumn(report.t("fraction"), 0.6, "right"), TableColumn(report.t("inspector"), 1.0),
               TableColumn(report.t("reason"), 3.5)]
    labels = {c.code: indicator_label(c, report.lang) for c in scheme.criteria}
    # issue 9: for several inspectors, who decided and "3 inspectors: … — consensus 0.65: …"
    rows = [[ind.code, labels.get(ind.code, ""), format_number(ind.score, 3),
             *shown_assessment(ind, report.lang)] for ind in overridden]
    return Block(report.t("override_list"), Table(columns, rows))


FLOW_WIDTH = PAGE_WIDTH - MARGIN_X - 4.35
BLOCK_TITLE = 0.3  # inches taken by a block's title line


def paginate_blocks(blocks: list[Block], first_top: float, bottom: float,
                    continued: str = " (continued)") -> list[list[tuple[str, Table]]]:
    """Split titled tables into pages; a table cut in two repeats its header (and says ``continued``).

    Returns
    -------
    list of pages, each a list of (title, table part).
    """
    pages: list[list[tuple[str, Table]]] = [[]]
    y = first_top
    for block in blocks:
        table = Table(fit_columns(block.table.columns, FLOW_WIDTH), block.table.rows, block.table.row_fills,
                      block.table.cell_fills)
        head = BLOCK_TITLE + header_height(table)
        start, cut = 0, False
        while start < len(table.rows) or (start == 0 and not table.rows):
            room = int((bottom - y - head) // ROW_HEIGHT)
            if room < 2 and pages[-1]:  # not even two rows: start on a new page
                pages.append([])
                y = first_top
                continue
            stop = min(len(table.rows), start + max(room, 1))
            pages[-1].append((block.title + (continued if cut else ""), table.part(start, stop)))
            y += head + (stop - start) * ROW_HEIGHT + 0.15
            start, cut = stop, True
            if not table.rows:
                break
    return pages


def project_pages(report: Report, scheme: Scheme, projects: list[ProjectResult],
                  p: ProjectResult) -> list[Page]:
    """One page per project (more when its tables are long): key figures, radar, tables."""
    blocks = [indicator_block(report, scheme, p), issue_block(report, p)]
    overrides = override_block(report, scheme, p)
    if overrides is not None:
        blocks.append(overrides)
    from scoring.reconcile_report import reconcile_block  # issue 9; it builds on this module

    reconciled = reconcile_block(report, p)
    if reconciled is not None:
        blocks.append(reconciled)
    flow = paginate_blocks(blocks, PROJECT_FLOW_TOP, PROJECT_FLOW_BOTTOM, report.t("continued"))
    heading = _scheme_heading(scheme, report)
    return [Page(heading, _project_page(report, scheme, projects, p, parts, first=n == 0))
            for n, parts in enumerate(flow)]


def _project_page(report: Report, scheme: Scheme, projects: list[ProjectResult], p: ProjectResult,
                  parts: list[tuple[str, Table]], first: bool) -> Callable[[PageCanvas], None]:
    def draw(page: PageCanvas) -> None:
        title = f"{p.rank}. {p.name or p.project_id}" + ("" if first else report.t("continued"))
        parts_of_subtitle = (p.project_id, _scheme_heading(scheme, report), p.region, p.organisation)
        subtitle = " · ".join(v for v in parts_of_subtitle if v)
        _title(page, title, subtitle)
        draw_table(page, key_figures(report, scheme, p), MARGIN_X, MARGIN_TOP + 0.7)
        if first:
            page.radar((MARGIN_X, PROJECT_FLOW_TOP + 0.1, 4.1, 5.35), scheme, projects, [p], report.lang)
            draw_table(page, dimension_table(report, scheme, p), MARGIN_X, 5.65)
        y = PROJECT_FLOW_TOP
        for title_text, table in parts:
            page.text(4.35, y + 0.12, title_text, 9, colour="#1F2A36")
            y = draw_table(page, table, 4.35, y + BLOCK_TITLE) + 0.15

    return draw


def key_figures(report: Report, scheme: Scheme, p: ProjectResult) -> Table:
    lang = report.lang
    synergy = p.synergy or {}
    columns = fit_columns([
        TableColumn(report.t("rank"), 0.6, "center"), TableColumn(report.t("total"), 0.8, "center"),
        TableColumn(report.t("grade"), 0.8, "center"), TableColumn(report.t("base"), 0.8, "center"),
        TableColumn(report.t("bonus"), 0.7, "center"), TableColumn(report.t("penalty"), 0.7, "center"),
        TableColumn(report.t("synergy_d"), 0.8, "center"),
        TableColumn(report.t("synergy_class"), 1.1, "center"),
        TableColumn(report.t("veto"), 1.0, "center"), TableColumn(report.t("issues"), 0.6, "center"),
        TableColumn(report.t("overrides"), 0.8, "center"),
    ], PAGE_WIDTH - 2 * MARGIN_X)
    row = [str(p.rank), f"{p.total:.2f}", grade_label(p.grade, lang), f"{p.base:.2f}", format_number(p.bonus),
           format_number(p.penalty), f"{synergy['D']:.3f}" if synergy else "",
           synergy_class_label(synergy.get("class"), lang), ", ".join(p.veto), str(len(p.issues)),
           str(overrides_count(p))]
    cells = {}
    colour = grade_colours(scheme).get(p.grade)
    if colour:
        cells[(0, 2)] = tint(colour, 0.45)
    if p.veto:
        cells[(0, 8)] = VETO_FILL
    return Table(columns, [row], [None], cells)


def dimension_table(report: Report, scheme: Scheme, p: ProjectResult) -> Table:
    maxima = dimension_maxima(scheme)
    columns = [TableColumn(report.t("dimension"), 1.6), TableColumn(report.t("points"), 0.65, "right"),
               TableColumn(report.t("maximum"), 0.6, "right"), TableColumn(report.t("percent"), 0.8, "right")]
    rows = []
    for d in scheme.dimensions:
        points = p.dimensions.get(d, 0.0)
        share = 100 * points / maxima[d] if maxima[d] else 0.0
        rows.append([dimension_label(scheme, d, report.lang), f"{points:.2f}", f"{maxima[d]:.3g}",
                     f"{share:.0f}"])
    return Table(fit_columns(columns, 4.1 - MARGIN_X), rows)


# --------------------------------------------------------------------------- rejected


#: Lines a refusal's message may take on the rejected-inputs page before it is cut.
REJECTION_LINES = 4


def rejected_pages(report: Report) -> list[Page]:
    pages = []
    for i, table in enumerate(rejected_tables(report)):
        title = report.t("rejected_inputs") + (report.t("continued") if i else "")
        pages.append(Page(report.t("rejected_inputs"), _table_page(title, "", table)))
    return pages


def rejected_tables(report: Report) -> list[Table]:
    """The refused files, a table per page: each message wrapped onto up to REJECTION_LINES
    lines, never split across two pages, striped per file."""
    columns = fit_columns([TableColumn(report.t("source"), 3.5),
                           TableColumn(report.t("rejected_reason"), 1.5),
                           TableColumn(report.t("message"), 6.0)], PAGE_WIDTH - 2 * MARGIN_X)
    width = _cells(columns[2].width, FONT_SIZE)
    tables: list[Table] = []
    rows: list[list[str]] = []
    fills: list[str | None] = []
    for i, rejection in enumerate(report.run.rejected):
        lines = wrap_text(rejection_text(rejection, report.lang), width, REJECTION_LINES)
        entry = [[rejection.source, reason_label(rejection.reason, report.lang), lines[0]]]
        entry += [["", "", line] for line in lines[1:]]
        if rows and len(rows) + len(entry) > RANKED_ROWS_PER_PAGE:
            tables.append(Table(columns, rows, fills))
            rows, fills = [], []
        rows += entry
        fills += [STRIPE_FILL if i % 2 else None] * len(entry)
    if rows:
        tables.append(Table(columns, rows, fills))
    return tables


# --------------------------------------------------------------------------- the report


def plan_pages(run: AssessmentRun, lang: str = "zh", generated: _dt.datetime | None = None,
               robustness: Sequence = ()) -> list[Page]:
    """Every page of the report, in order, before anything is drawn.

    Per scheme: the ranked table, the charts, the robustness study when one is given, then one
    page (or more) per project; the rejected inputs last.
    """
    report = Report(run, normalise_lang(lang), generated or _dt.datetime.now().replace(microsecond=0))
    studies = {study.scheme.name: study for study in robustness or ()}
    pages = [cover_page(report)]
    for scheme in run.schemes:
        projects = run.projects_of(scheme)
        if not projects:
            continue
        pages += ranked_pages(report, scheme, projects)
        pages += chart_pages(report, scheme, projects)
        if scheme.name in studies:
            from scoring.robustness_report import robustness_pages  # it builds on this module

            pages += robustness_pages(report, studies[scheme.name])
        for p in projects:
            pages += project_pages(report, scheme, projects, p)
    if run.rejected:
        pages += rejected_pages(report)
    return pages


def write_pdf_report(run: AssessmentRun, out: str | Path, lang: str = "zh",
                     generated: _dt.datetime | None = None,
                     progress: Callable[[int, int], bool] | None = None,
                     robustness: Sequence = ()) -> Path:
    """Write the PDF report and return its path.

    Parameters
    ----------
    run : AssessmentRun
    out : str or Path
        The .pdf to write; replaced in one step when complete.
    lang : {"zh", "en"}
    generated : datetime, optional
        Date and time printed on the cover and footers; default now.
    progress : callable, optional
        ``progress(done, total)`` after each page; returning False cancels (nothing is written).
    robustness : sequence of SchemeRobustness, optional
        Robustness studies (issue 8), printed after their scheme's charts.

    Returns
    -------
    Path
    """
    out = Path(out)
    generated = generated or _dt.datetime.now().replace(microsecond=0)
    pages = plan_pages(run, lang, generated, robustness)
    report = Report(run, normalise_lang(lang), generated)
    with replacing(out) as temporary:
        if not _render(pages, report, temporary, progress):
            temporary.unlink()  # cancelled: nothing is written
    return out


def _render(pages: Sequence[Page], report: Report, path: Path, progress) -> bool:
    metadata = {"Title": report.t("report_title"), "Creator": "SynergyPilot",
                "CreationDate": report.generated.astimezone()}
    widths: dict[tuple[str, float], float] = {}
    recorded = _PdfTextCache()
    families = text_families()
    with charts.chart_style(prefer_shipped_font=True), pdf_settings(), \
            PdfPages(path, metadata=metadata) as pdf:
        page = None
        for number, planned in enumerate(pages, start=1):
            # one canvas while pages allow it: a project page's radar is then drawn only once
            if page is None or not page.blank():
                page = PageCanvas(widths, families, recorded)
            planned.draw(page)
            _page_frame(page, report, planned.heading, number, len(pages))
            pdf.savefig(page.fig)
            if progress is not None and progress(number, len(pages)) is False:
                return False
    return True


#: What a PDF needs while it is drawn and written: TrueType (Type 42) fonts, so Chinese is
#: embedded as subsets with a Unicode map; no hinting, which is for pixels and was half of
#: FreeType's cost per glyph.
PDF_SETTINGS = {"pdf.fonttype": 42, "text.hinting": "no_hinting"}


@contextlib.contextmanager
def pdf_settings():
    """Apply ``PDF_SETTINGS``, restoring only those keys afterwards.

    Not ``rc_context``, which restores every setting on exit and so could undo a chart style
    that another thread (the GUI) applied meanwhile; and the other way round, the GUI's chart
    style never touches these keys.
    """
    saved = {key: matplotlib.rcParams[key] for key in PDF_SETTINGS}
    try:
        matplotlib.rcParams.update(PDF_SETTINGS)
        yield
    finally:
        matplotlib.rcParams.update(saved)


def text_families() -> list[str]:
    """The family of the report's own text: the shipped CJK font alone.

    It covers everything the report prints, and every extra family in a list is another font
    lookup for each of the thousands of strings of a report.
    """
    families = font_families(prefer_shipped=True)
    return families[:1]


def page_count(run: AssessmentRun, lang: str = "zh", robustness: Sequence = ()) -> int:
    """How many pages the report of ``run`` will have (without drawing it)."""
    return len(plan_pages(run, lang, robustness=robustness))

