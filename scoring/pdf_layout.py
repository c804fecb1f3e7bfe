"""The PDF report's page toolkit: A4 landscape pages in inches, tables, titled blocks and fast text.

What a report section needs to lay out its pages, shared by the report itself
(:mod:`scoring.report_pdf`) and the sections added to it (:mod:`scoring.robustness_report`,
:mod:`scoring.reconcile_report`), so none of them imports another's content.

Drawn with matplotlib only (``Figure``, no pyplot, no Qt). A page is a :class:`PageCanvas` with
coordinates in inches from its top-left corner; its text is drawn in one batch and, in a PDF,
laid out once per report (:class:`PdfTextCache`), which was most of a report's time.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from scoring import charts
from scoring.engine import ProjectResult
from scoring.fonts import font_families
from scoring.model import Scheme
from scoring.pipeline import AssessmentRun
from scoring.presentation import clip_text, text, wrap_text

PAGE_WIDTH, PAGE_HEIGHT = 11.69, 8.27  # A4 landscape, inches


MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.45, 0.55, 0.55


ROW_HEIGHT = 0.2  # inches per table row at FONT_SIZE


FONT_SIZE = 7.5


HEADER_FILL = "#DDE3EA"


STRIPE_FILL = "#F4F6F8"


#: Rows of a ranked table per page, and bars/heatmap rows per chart page.
RANKED_ROWS_PER_PAGE = 30


CHART_ROWS_PER_PAGE = 40


@dataclass(frozen=True)
class TableColumn:
    """A column of a drawn table: header, width in inches, text alignment."""

    header: str
    width: float
    align: str = "left"
    #: Wrap the cell text to the table's ``lines`` instead of cutting it with "…".
    wrap: bool = False


@dataclass
class Table:
    """Rows of text under a header, with optional fills per row or per cell."""

    columns: list[TableColumn]
    rows: list[list[str]]
    row_fills: list[str | None] = field(default_factory=list)
    cell_fills: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Lines of text per row (wrapping columns use them all); rows are that much taller.
    lines: int = 1

    @property
    def row_height(self) -> float:
        """Inches per row: ROW_HEIGHT for one line, 0.65·ROW_HEIGHT more for each further line."""
        return ROW_HEIGHT * (1.0 + 0.65 * (self.lines - 1))

    def part(self, start: int, stop: int) -> Table:
        """Rows ``start:stop`` with their fills (for a table split across pages)."""
        return Table(self.columns, self.rows[start:stop], self.row_fills[start:stop],
                     {(r - start, c): f for (r, c), f in self.cell_fills.items() if start <= r < stop},
                     self.lines)


def fit_columns(columns: list[TableColumn], width: float) -> list[TableColumn]:
    """Scale column widths so the table is exactly ``width`` inches wide."""
    total = sum(c.width for c in columns)
    return [TableColumn(c.header, c.width * width / total, c.align, c.wrap) for c in columns]


def text_cells(width_inches: float, size: float) -> int:
    """How many Latin-character cells of text fit in a width (a Chinese character takes 2)."""
    return max(2, int(width_inches * 72 / (size * 0.52)) - 1)


def header_height(table: Table, size: float = FONT_SIZE) -> float:
    lines = max(len(wrap_text(c.header, text_cells(c.width, size), 2)) for c in table.columns)
    return ROW_HEIGHT * (1.0 if lines == 1 else 1.7)


def draw_table(page: PageCanvas, table: Table, x: float, top: float, size: float = FONT_SIZE) -> float:
    """Draw a table with its top-left corner at (x, top) inches from the page's top left.

    Cell text is cut with "…" to its column, or wrapped to ``table.lines`` in a wrapping
    column; headers wrap to two lines.

    Returns
    -------
    float
        The y (inches from the top) just below the table.
    """
    head = header_height(table, size)
    width = sum(c.width for c in table.columns)
    row_height = table.row_height
    boxes, colours = [(x, top, width, head)], [HEADER_FILL]
    for r, fill in enumerate(table.row_fills):
        if fill:
            boxes.append((x, top + head + r * row_height, width, row_height))
            colours.append(fill)
    lefts = np.cumsum([x] + [c.width for c in table.columns])
    for (r, c), fill in table.cell_fills.items():
        boxes.append((lefts[c], top + head + r * row_height, table.columns[c].width, row_height))
        colours.append(fill)
    page.boxes(boxes, colours)
    for c, column in enumerate(table.columns):
        lines = wrap_text(column.header, text_cells(column.width, size), 2)
        page.text(_align_x(lefts[c], column), top + head / 2, "\n".join(lines), size, column.align, "#1F2A36")
    for r, row in enumerate(table.rows):
        y = top + head + (r + 0.5) * row_height
        for c, (column, value) in enumerate(zip(table.columns, row, strict=False)):
            if value:
                cells = text_cells(column.width, size)
                if column.wrap and table.lines > 1:
                    shown = "\n".join(wrap_text(value, cells, table.lines))
                else:
                    shown = clip_text(value, cells)
                page.text(_align_x(lefts[c], column), y, shown, size, column.align)
    bottom = top + head + len(table.rows) * row_height
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


class PdfTextCache:
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

        # attributes of this renderer alone, in front of its class's methods
        vars(pdf).update(draw_text=cached_draw_text, get_text_width_height_descent=cached_measure)


class _PageFigure(Figure):
    """A page's figure: its text goes through the report's ``PdfTextCache`` when saved as PDF."""

    def __init__(self, recorded: PdfTextCache | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._recorded = recorded

    def draw(self, renderer) -> None:
        if self._recorded is not None:
            self._recorded.install(renderer)
        super().draw(renderer)


class PageCanvas:
    """A blank A4 landscape page; coordinates in inches from its top-left corner."""

    def __init__(self, widths: dict[tuple[str, float], float] | None = None,
                 families: list[str] | None = None, recorded: PdfTextCache | None = None) -> None:
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


@dataclass
class Block:
    """A titled table in a project page's flow; split across pages when it does not fit."""

    title: str
    table: Table


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

